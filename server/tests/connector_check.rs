//! `lipa connector check` against the hosted-page providers' fakes, run
//! as an operator would: it tries the credentials, starts one payment,
//! prints where to pay, and reports the provider's final answer.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use support::flutterwave_fake::{self, FlutterwaveFake};
use support::payfast_fake::{self, PayfastFake};
use support::stripe_fake::{self, StripeFake};

struct Operator {
    dir: tempfile::TempDir,
    base: String,
    merchant: String,
}

impl Operator {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lipa"));
        cmd.args(args)
            .env_clear()
            .env("LIPA_DATA_DIR", self.dir.path())
            .env("RUST_LOG", "warn")
            .env("LIPA_WEBHOOK_ALLOW_PRIVATE", "1")
            .env("LIPA_STRIPE_BASE_URL", format!("{}/stripe", self.base))
            .env(
                "LIPA_FLUTTERWAVE_BASE_URL",
                format!("{}/flutterwave", self.base),
            )
            .env("LIPA_PAYFAST_BASE_URL", format!("{}/payfast", self.base));
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.command(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    fn add(&self, provider: &str, credentials: &str) -> String {
        let merchant = self.merchant.clone();
        self.ok(&[
            "connector",
            "add",
            "--merchant",
            &merchant,
            "--provider",
            provider,
            "--credentials",
            credentials,
        ])
    }

    /// Runs `check`; `pay` gets the page's address when it is printed.
    /// Returns everything the command printed.
    fn check(&self, account: &str, pay: impl FnOnce(&str)) -> String {
        let mut child = self
            .command(&["connector", "check", account])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut printed = Vec::new();
        let mut pay = Some(pay);
        while let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) {
            if let Some(url) = line.trim().strip_prefix("pay at ") {
                let url = url.split_whitespace().next().unwrap().to_owned();
                if let Some(pay) = pay.take() {
                    pay(&url);
                }
            }
            printed.push(line);
        }
        let status = child.wait().unwrap();
        let text = printed.join("\n");
        assert!(status.success(), "{text}");
        text
    }
}

async fn operator() -> (Operator, StripeFake, FlutterwaveFake, PayfastFake) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let stripe = StripeFake::new(false, &base);
    let flw = FlutterwaveFake::new(false, &base);
    let pf = PayfastFake::new(false);
    let router = stripe_fake::router(stripe.clone())
        .merge(flutterwave_fake::router(flw.clone()))
        .merge(payfast_fake::router(pf.clone()));
    tokio::spawn(async move { axum::serve(listener, router).await });
    let mut op = Operator {
        dir: tempfile::tempdir().unwrap(),
        base,
        merchant: String::new(),
    };
    op.merchant = op.ok(&["merchant", "create", "--name", "Operator's trial"]);
    (op, stripe, flw, pf)
}

#[tokio::test(flavor = "multi_thread")]
async fn check_pays_once_through_each_hosted_page_provider() {
    let (op, stripe, flw, _pf) = operator().await;
    let creds = format!(
        r#"{{"secret_key":"{}","webhook_secret":"{}"}}"#,
        stripe_fake::SECRET_KEY,
        stripe_fake::WEBHOOK_SECRET
    );
    let account = op.add("stripe", &creds);
    let out = op.check(&account, |url| {
        stripe.pay(url.rsplit('/').next().unwrap()).unwrap();
    });
    assert!(
        out.contains("4. credentials accepted by the provider"),
        "{out}"
    );
    assert!(out.contains("final: Succeeded"), "{out}");

    let creds = format!(
        r#"{{"secret_key":"{}","secret_hash":"{}"}}"#,
        flutterwave_fake::TEST_KEY,
        flutterwave_fake::SECRET_HASH
    );
    let account = op.add("flutterwave", &creds);
    let out = op.check(&account, |url| {
        flw.act(url.rsplit('/').next().unwrap(), "successful")
            .unwrap();
    });
    assert!(out.contains("final: Succeeded"), "{out}");
    assert!(stripe.violations().is_empty() && flw.violations().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn check_tries_payfast_credentials_and_prints_the_signed_form() {
    let (op, _stripe, _flw, pf) = operator().await;
    let creds = format!(
        r#"{{"merchant_id":"{}","merchant_key":"{}","passphrase":"{}"}}"#,
        payfast_fake::MERCHANT_ID,
        payfast_fake::MERCHANT_KEY,
        payfast_fake::PASSPHRASE
    );
    let account = op.add("payfast", &creds);
    let out = op.check(&account, |_| unreachable!("PayFast prints a form"));
    assert!(
        out.contains("4. credentials accepted by the provider"),
        "{out}"
    );
    assert!(out.contains("/payfast/eng/process"), "{out}");
    assert!(out.contains("signature="), "{out}");
    assert!(
        !out.contains(payfast_fake::PASSPHRASE),
        "the passphrase is never printed"
    );
    assert!(
        !out.contains(payfast_fake::MERCHANT_KEY),
        "nor the merchant key"
    );
    let wrong = op
        .command(&[
            "connector",
            "add",
            "--merchant",
            &op.merchant,
            "--provider",
            "payfast",
            "--credentials",
            &creds.replace(payfast_fake::PASSPHRASE, "not-the-passphrase"),
        ])
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(pf.violations().is_empty());
}
