//! `lipa connector add|list|disable|check`: connector accounts from the
//! operator's shell, through the same use case as the API.

use crate::Core;
use crate::connector::{Outcome, PaymentDetails, Started, Urls};
use crate::connector_accounts::{self, AccountRequest};
use crate::db::{new_id, now_ms};
use crate::error::Error;
use crate::store::Owner;
use crate::store::attempts::Attempt;
use crate::store::connector_accounts::{Account, TABLE};
use app::domain::attempt::AttemptStatus;
use app::domain::{Currency, MethodId};
use clap::Subcommand;
use std::time::Duration;

#[derive(Subcommand, Debug)]
pub enum ConnectorCommand {
    /// Add an account; its credentials are tried with the provider first.
    Add {
        #[arg(long)]
        merchant: String,
        /// `mpesa_daraja`, `mpesa_vodacom_mz`, `mtn_momo`, `stripe`,
        /// `flutterwave` or `payfast`.
        #[arg(long)]
        provider: String,
        /// `sandbox` or `production` (default: by mode).
        #[arg(long)]
        environment: Option<String>,
        /// The provider's fields as a JSON object. Better passed in the
        /// environment than on the command line.
        #[arg(long, env = "LIPA_CONNECTOR_CREDENTIALS", hide_env_values = true)]
        credentials: String,
        /// A live-mode account; test mode otherwise.
        #[arg(long)]
        live: bool,
    },
    /// List a merchant's accounts in one mode.
    List {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        live: bool,
    },
    /// Stop routing payments to an account.
    Disable { account: String },
    /// Take one small payment through the account, showing each step: for
    /// trying real sandbox credentials (needs the internet). Mobile money
    /// pushes to `--phone`; Stripe and Flutterwave print their page's
    /// address to pay at; PayFast prints the signed form it would post.
    Check {
        account: String,
        /// The payer's number, E.164 (`+2547...`), for mobile money.
        #[arg(long)]
        phone: Option<String>,
        /// Minor units (default: one unit of the currency).
        #[arg(long)]
        amount: Option<i64>,
        /// For accounts taking several currencies (default: the first).
        #[arg(long)]
        currency: Option<String>,
    },
}

fn shown(e: Error) -> String {
    match e {
        Error::Invalid(f) => format!("{}: {}", f.param(), f.message()),
        other => other.to_string(),
    }
}

fn line(a: &Account) -> String {
    let status = if a.enabled { "enabled" } else { "disabled" };
    let methods: Vec<&str> = a.methods.iter().map(|m| m.as_str()).collect();
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        a.id,
        a.provider,
        a.environment.as_str(),
        methods.join(","),
        status,
        serde_json::Value::Object(a.settings.clone())
    )
}

pub async fn run(core: &Core, command: ConnectorCommand) -> Result<(), String> {
    match command {
        ConnectorCommand::Add {
            merchant,
            provider,
            environment,
            credentials,
            live,
        } => {
            let credentials = serde_json::from_str(&credentials)
                .map_err(|e| format!("--credentials must be a JSON object: {e}"))?;
            let req = AccountRequest {
                provider: Some(provider),
                environment,
                credentials: Some(credentials),
                methods: None,
            };
            let owner = Owner::new(&merchant, live);
            let change = connector_accounts::create(core, &owner, req)
                .await
                .map_err(shown)?;
            let a = change.commit().await.map_err(|e| e.to_string())?;
            println!("{}", a.id);
            Ok(())
        }
        ConnectorCommand::List { merchant, live } => {
            let owner = Owner::new(&merchant, live);
            for a in connector_accounts::list(core, &owner)
                .await
                .map_err(shown)?
            {
                println!("{}", line(&a));
            }
            Ok(())
        }
        ConnectorCommand::Disable { account } => {
            let a = find(core, &account).await?;
            let change = connector_accounts::disable(core, &a.owner(), &a.id)
                .await
                .map_err(shown)?;
            println!(
                "{}",
                line(&change.commit().await.map_err(|e| e.to_string())?)
            );
            Ok(())
        }
        ConnectorCommand::Check {
            account,
            phone,
            amount,
            currency,
        } => {
            let trial = Trial {
                phone,
                amount,
                currency,
            };
            check(core, &account, trial).await
        }
    }
}

async fn find(core: &Core, id: &str) -> Result<Account, String> {
    TABLE
        .find(&core.db.pool, id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no connector account {id}"))
}

/// What the operator asked `check` to pay.
struct Trial {
    phone: Option<String>,
    amount: Option<i64>,
    currency: Option<String>,
}

impl Trial {
    fn currency(&self, takes: &[Currency]) -> Result<Currency, String> {
        match &self.currency {
            None => takes
                .first()
                .copied()
                .ok_or("the account's currency is unknown".into()),
            Some(code) => Currency::parse(code)
                .filter(|c| takes.contains(c))
                .ok_or(format!("the account does not take `{code}`")),
        }
    }
}

/// One payment, step by step; nothing is stored.
async fn check(core: &Core, id: &str, asked: Trial) -> Result<(), String> {
    let account = find(core, id).await?;
    let connectors = &core.checkouts.connectors;
    println!(
        "1. account {} ({}, {})",
        account.id,
        account.provider,
        account.environment.as_str()
    );
    let creds = connectors
        .credentials(&account)
        .await
        .map_err(|e| e.to_string())?;
    println!("2. credentials opened with the master key");
    let base = connectors.base(account.provider, account.environment);
    println!("3. provider at {base}");
    connectors.verify(account.environment, &creds).await?;
    println!("4. credentials accepted by the provider");
    let payouts = connectors.build(&account, creds.clone());
    if payouts.pays_out() {
        match asked.phone.as_deref() {
            // A lookup moves no money: safe to try with real credentials.
            Some(p) => {
                let found = payouts.lookup(p).await.map_err(|e| e.to_string())?;
                println!("   payouts: the account-holder lookup of {p} says {found:?}");
            }
            None => println!("   payouts: credentials present (give --phone to try the lookup)"),
        }
    }
    let currency = asked.currency(&creds.currencies())?;
    let amount = asked
        .amount
        .unwrap_or(10i64.pow(u32::from(currency.exponent())));
    let phone = asked.phone.as_deref();
    let attempt = trial(&account, currency, phone, amount);
    if let crate::connector::Credentials::Payfast(c) = creds {
        return payfast_form(core, &account, c, &attempt);
    }
    let connector = connectors.build(&account, creds);
    let urls = Urls {
        return_url: format!("{}/", core.config.public_url),
        callback_url: core.checkouts.callback_url(&attempt),
        locale: Default::default(),
    };
    let details = match phone {
        Some(p) => PaymentDetails::Phone(p),
        None if account.provider.hosts_payment_page() => PaymentDetails::Redirect,
        None => return Err("--phone is required for a mobile-money account".into()),
    };
    let started = connector
        .start(&attempt, details, &urls)
        .await
        .map_err(|e| e.to_string())?;
    println!("5. payment request sent: {started:?}");
    let reference = match started {
        Started::Pending { reference } => reference,
        Started::Action { reference, url } => {
            println!("   pay at {url} (a test card such as 4242 4242 4242 4242 in test mode)");
            reference
        }
        Started::Done { .. } => return Ok(()),
    };
    let attempt = Attempt {
        connector_reference: Some(reference),
        ..attempt
    };
    poll(connector.as_ref(), &attempt).await
}

/// PayFast's page is reached by a form the buyer's browser posts, and its
/// answer comes as an ITN to a stored payment: `check` stops after the
/// signed `/ping`, printing the form it would send for a manual try.
fn payfast_form(
    core: &Core,
    account: &Account,
    creds: crate::connector::payfast::Credentials,
    attempt: &Attempt,
) -> Result<(), String> {
    let pf = core
        .checkouts
        .connectors
        .payfast(account.environment, creds);
    let back = format!("{}/", core.config.public_url);
    println!(
        "5. the signed checkout form (POST to {}):",
        pf.process_url()
    );
    for (k, v) in pf.form(attempt, &back, &back) {
        if k != "merchant_key" {
            println!("   {k}={v}");
        }
    }
    println!("   (a real payment needs a checkout: PayFast's notice goes to the stored payment)");
    Ok(())
}

fn trial(account: &Account, currency: Currency, phone: Option<&str>, amount: i64) -> Attempt {
    let now = now_ms();
    Attempt {
        id: new_id("pay", 20),
        session_id: "cs_connector_check".into(),
        method: account.methods.first().copied().unwrap_or(MethodId::Mpesa),
        connector: account.provider.as_str().into(),
        phone: phone.map(str::to_owned),
        card_brand: None,
        card_last4: None,
        amount,
        currency,
        status: AttemptStatus::Pending,
        failure_code: None,
        failure_reason: None,
        connector_reference: None,
        next_action_url: None,
        timeout_at: now + 180_000,
        created_at: now,
        updated_at: now,
        partial: false,
        connector_account: Some(account.id.clone()),
    }
}

async fn poll(
    connector: &dyn crate::connector::Connector,
    attempt: &Attempt,
) -> Result<(), String> {
    println!("6. waiting for the payer (up to 3 minutes); asking the provider every 5 s");
    for _ in 0..36 {
        tokio::time::sleep(Duration::from_secs(5)).await;
        match connector.status(attempt).await {
            Ok(Outcome::Pending) => println!("   pending"),
            Ok(outcome) => {
                println!("7. final: {outcome:?}");
                return Ok(());
            }
            Err(e) => println!("   query failed: {e}"),
        }
    }
    Err("no final answer within 3 minutes".into())
}
