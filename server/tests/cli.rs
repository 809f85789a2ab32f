//! The `lipa` bootstrap commands, run as a user would run them.

use std::process::{Command, Output};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lipa"));
        cmd.args(args)
            .env_clear()
            .env("LIPA_DATA_DIR", self.dir.path())
            .env("RUST_LOG", "warn");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args, &[]);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }
}

#[test]
fn merchant_key_product_and_revoke() {
    let cli = Cli::new();
    let merchant = cli.ok(&["merchant", "create", "--name", "Loja da Amina"]);
    assert!(merchant.starts_with("mer_"), "{merchant}");

    let out = cli.run(&["key", "create", "--merchant", &merchant], &[]);
    assert!(out.status.success());
    let key = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(key.starts_with("sk_test_") && key.len() == 40, "{key}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("shown only now"));
    let live = cli.ok(&["key", "create", "--merchant", &merchant, "--live"]);
    assert!(live.starts_with("sk_live_"));

    let product = cli.run(
        &[
            "product",
            "create",
            "--merchant",
            &merchant,
            "--name",
            "Pro plan",
            "--currency",
            "mzn",
            "--methods",
            "mpesa,e-mola",
            "--webhook-url",
            "https://shop.example/hooks",
            "--embed-origin",
            "https://shop.example",
        ],
        &[(
            "LIPA_WEBHOOK_SECRET",
            "whsec_Y2xpLXNlY3JldC12YWx1ZS0wMTIzNDU2Nzg5",
        )],
    );
    assert!(
        product.status.success(),
        "{}",
        String::from_utf8_lossy(&product.stderr)
    );
    assert!(
        String::from_utf8_lossy(&product.stdout)
            .trim()
            .starts_with("prod_")
    );

    // The database holds neither the key nor the webhook secret in clear.
    let db = std::fs::read(cli.dir.path().join("lipa.db")).unwrap();
    let db = String::from_utf8_lossy(&db);
    assert!(!db.contains(&key[8..]));
    assert!(!db.contains("whsec_Y2xpLXNlY3JldC12YWx1ZS0wMTIzNDU2Nzg5"));
    assert!(!db.contains("Y2xpLXNlY3JldC12YWx1ZS0wMTIzNDU2Nzg5"));

    assert_eq!(cli.ok(&["key", "revoke", &key[..16]]), "revoked 1 key(s)");
    let again = cli.run(&["key", "revoke", &key[..16]], &[]);
    assert!(!again.status.success());
}

#[test]
fn bad_input_fails_clearly() {
    let cli = Cli::new();
    let out = cli.run(&["key", "create", "--merchant", "mer_nope"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no merchant mer_nope"));

    let merchant = cli.ok(&["merchant", "create", "--name", "Shop"]);
    let out = cli.run(
        &[
            "product",
            "create",
            "--merchant",
            &merchant,
            "--name",
            "P",
            "--currency",
            "XYZ",
        ],
        &[],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("main_currency"));

    let out = cli.run(
        &[],
        &[("LIPA_BOOTSTRAP_API_KEY", "sk_live_0000000000000000")],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("LIPA_BOOTSTRAP_API_KEY"));
}
