//! The `lipa` command: `serve` (the default) and bootstrap commands for
//! merchants, API keys and products.

use crate::config::Config;
use crate::db::Db;
use crate::store::{merchants, products};
use app::domain::product::ProductDraft;
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "lipa",
    version,
    about = "Lipa: a self-hostable hosted payment page"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Create merchants.
    Merchant {
        #[command(subcommand)]
        command: MerchantCommand,
    },
    /// Create and revoke API keys.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Create products.
    Product {
        #[command(subcommand)]
        command: ProductCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum MerchantCommand {
    /// Create a merchant and print its id.
    Create {
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Create an API key and print it once: only its hash is kept.
    Create {
        #[arg(long)]
        merchant: String,
        /// A live-mode key (`sk_live_...`); test mode otherwise.
        #[arg(long)]
        live: bool,
    },
    /// Revoke a key by its id (`key_...`) or visible prefix (`sk_test_AbCd1234`).
    Revoke { key: String },
}

#[derive(Subcommand, Debug)]
pub enum ProductCommand {
    /// Create a product and print its id.
    Create {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        name: String,
        /// Main currency, e.g. MZN.
        #[arg(long)]
        currency: String,
        /// Enabled methods, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        methods: Option<Vec<String>>,
        #[arg(long)]
        webhook_url: Option<String>,
        /// Better passed in the environment than on the command line.
        #[arg(long, env = "LIPA_WEBHOOK_SECRET", hide_env_values = true)]
        webhook_secret: Option<String>,
        /// An origin allowed to embed the checkout; repeat for several.
        #[arg(long = "embed-origin")]
        embed_origins: Vec<String>,
    },
}

/// Runs a bootstrap command. Returns the process exit code.
pub async fn run(command: Command, config: &Config) -> Result<(), String> {
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let db_err = |e: sqlx::Error| format!("database: {e}");
    match command {
        Command::Serve => unreachable!("serve is handled by main"),
        Command::Merchant {
            command: MerchantCommand::Create { name },
        } => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 100 {
                return Err("the name must be 1 to 100 characters".into());
            }
            let m = merchants::create(&db, name).await.map_err(db_err)?;
            println!("{}", m.id);
        }
        Command::Key {
            command: KeyCommand::Create { merchant, live },
        } => {
            merchants::get(&db, &merchant)
                .await
                .map_err(db_err)?
                .ok_or_else(|| format!("no merchant {merchant}"))?;
            let key = merchants::create_key(&db, &merchant, live)
                .await
                .map_err(db_err)?;
            eprintln!(
                "API key {} created. It is shown only now; store it safely:",
                key.id
            );
            println!("{}", key.secret);
        }
        Command::Key {
            command: KeyCommand::Revoke { key },
        } => {
            let n = merchants::revoke_key(&db, &key).await.map_err(db_err)?;
            if n == 0 {
                return Err(format!("no active key {key}"));
            }
            println!("revoked {n} key(s)");
        }
        Command::Product {
            command:
                ProductCommand::Create {
                    merchant,
                    name,
                    currency,
                    methods,
                    webhook_url,
                    webhook_secret,
                    embed_origins,
                },
        } => {
            merchants::get(&db, &merchant)
                .await
                .map_err(db_err)?
                .ok_or_else(|| format!("no merchant {merchant}"))?;
            let draft = ProductDraft {
                name: Some(name),
                main_currency: Some(currency),
                payment_methods: methods,
                webhook_url,
                webhook_secret,
                embed_origins: Some(embed_origins),
                ..Default::default()
            };
            let (spec, secret) = draft
                .create(false)
                .map_err(|e| format!("{}: {}", e.param.unwrap_or_default(), e.message))?;
            let mut tx = db.begin().await.map_err(db_err)?;
            let (p, made_up) =
                products::create(&mut tx, &config.master_key, &merchant, &spec, &secret)
                    .await
                    .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            println!("{}", p.id);
            if let Some(secret) = made_up {
                eprintln!("webhook signing secret (shown once; keep it safe):");
                println!("{secret}");
            }
        }
    }
    Ok(())
}
