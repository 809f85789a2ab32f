//! The `lipa` command: `serve` (the default) and bootstrap commands for
//! merchants, API keys and products.

use crate::Core;
use crate::config::Config;
use crate::db::Db;
use crate::products;
use crate::store::{Owner, merchants};
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
    /// Dashboard users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Connector accounts: a merchant's credentials for a real provider.
    Connector {
        #[command(subcommand)]
        command: crate::cli_connector::ConnectorCommand,
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
pub enum UserCommand {
    /// Print a one-time link (valid 72 hours) with which `email` sets a
    /// password and joins the merchant's dashboard with `role`.
    Create {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        email: String,
        /// owner, developer, support or viewer.
        #[arg(long, default_value = "owner")]
        role: String,
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
        /// A live-mode product (what `sk_live_` keys see); test mode otherwise.
        #[arg(long)]
        live: bool,
    },
}

fn db_err(e: impl std::fmt::Display) -> String {
    format!("database: {e}")
}

/// Runs a bootstrap command.
pub async fn run(command: Command, config: &Config) -> Result<(), String> {
    let db = Db::connect(&config.database_url).await.map_err(db_err)?;
    let core = Core::new(db, config.clone());
    match command {
        Command::Serve => unreachable!("serve is handled by main"),
        Command::Merchant {
            command: MerchantCommand::Create { name },
        } => create_merchant(&core, &name).await,
        Command::Key {
            command: KeyCommand::Create { merchant, live },
        } => create_key(&core, &merchant, live).await,
        Command::Key {
            command: KeyCommand::Revoke { key },
        } => {
            let n = merchants::revoke_key(&core.db, &key)
                .await
                .map_err(db_err)?;
            if n == 0 {
                return Err(format!("no active key {key}"));
            }
            println!("revoked {n} key(s)");
            Ok(())
        }
        Command::Product { command } => create_product(&core, command).await,
        Command::User {
            command:
                UserCommand::Create {
                    merchant,
                    email,
                    role,
                },
        } => create_user(&core, &merchant, &email, &role).await,
        Command::Connector { command } => crate::cli_connector::run(&core, command).await,
    }
}

async fn create_merchant(core: &Core, name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err("the name must be 1 to 100 characters".into());
    }
    let m = merchants::create(&core.db, name).await.map_err(db_err)?;
    println!("{}", m.id);
    Ok(())
}

async fn create_user(core: &Core, merchant: &str, email: &str, role: &str) -> Result<(), String> {
    let role = app::domain::account::Role::parse(role)
        .ok_or("the role must be owner, developer, support or viewer")?;
    let link = crate::accounts::sign_up_link(core, merchant, email, role, None)
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("One-time sign-up link for {email} (valid 72 hours; send it privately):");
    println!("{link}");
    Ok(())
}

async fn existing_merchant(core: &Core, id: &str) -> Result<(), String> {
    merchants::get(&core.db.pool, id)
        .await
        .map_err(db_err)?
        .map(|_| ())
        .ok_or_else(|| format!("no merchant {id}"))
}

async fn create_key(core: &Core, merchant: &str, live: bool) -> Result<(), String> {
    existing_merchant(core, merchant).await?;
    let key = merchants::create_key(&core.db, merchant, live)
        .await
        .map_err(db_err)?;
    eprintln!(
        "API key {} created. It is shown only now; store it safely:",
        key.id
    );
    println!("{}", key.secret);
    Ok(())
}

async fn create_product(core: &Core, command: ProductCommand) -> Result<(), String> {
    let ProductCommand::Create {
        merchant,
        name,
        currency,
        methods,
        webhook_url,
        webhook_secret,
        embed_origins,
        live,
    } = command;
    existing_merchant(core, &merchant).await?;
    let draft = ProductDraft {
        name: Some(name),
        main_currency: Some(currency),
        payment_methods: methods,
        webhook_url,
        webhook_secret,
        embed_origins: Some(embed_origins),
        ..Default::default()
    };
    let owner = Owner::new(&merchant, live);
    let view = products::create(core, &owner, None, draft)
        .await
        .map_err(|e| match e {
            crate::error::Error::Invalid(f) => format!("{}: {}", f.param(), f.message()),
            other => other.to_string(),
        })?
        .commit()
        .await
        .map_err(db_err)?;
    println!("{}", view.product.id);
    if let Some(secret) = view.new_secret {
        eprintln!("webhook signing secret (shown once; keep it safe):");
        println!("{secret}");
    }
    Ok(())
}
