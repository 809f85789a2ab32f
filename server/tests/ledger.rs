//! The balance ledger: payments credit, refunds and chargebacks debit, a
//! failed refund gives back, and every balance is exactly the sum of its
//! entries, whose legs balance. SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{CARD_OK, TestApp, app, assert_books_balance, session_body};

/// A paid card session of `amount` MZN minor units; returns (session,
/// charge reference, payment id).
async fn paid(app: &TestApp, amount: i64) -> (String, String, String) {
    let mut body = session_body();
    body["line_items"] = json!([{ "name": "Capulana", "unit_amount": amount, "quantity": 1 }]);
    let id = app.new_session(body).await;
    let r = app.pay_by_card(&id, CARD_OK).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.text);
    let s = app.session(&id).await;
    assert_eq!(s["payment_status"], "succeeded", "{s}");
    let charge = s["charge_reference"].as_str().unwrap().to_owned();
    let payment = app
        .api("GET", "/v1/balance_transactions?type=payment&limit=1", None)
        .await
        .body["data"][0]["source"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, charge, payment)
}

async fn available(app: &TestApp, key: Option<&str>) -> Value {
    let r = match key {
        Some(k) => app.api_as(Some(k), "GET", "/v1/balance", None, &[]).await,
        None => app.api("GET", "/v1/balance", None).await,
    };
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body
}

#[tokio::test]
async fn payments_credit_refunds_and_chargebacks_debit() {
    let app = app().await;
    assert_eq!(available(&app, None).await["available"], json!([]));
    let (_, charge, payment) = paid(&app, 250_000).await;
    let (session2, _, _) = paid(&app, 40_000).await;
    let b = available(&app, None).await;
    assert_eq!(
        b["available"],
        json!([{"amount": 290_000, "currency": "mzn"}]),
        "{b}"
    );
    assert_eq!(
        (b["object"].as_str(), b["livemode"].as_bool()),
        (Some("balance"), Some(false))
    );

    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": charge, "amount": 50_000, "reason": "damaged"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let refund = r.body["id"].as_str().unwrap().to_owned();
    let r = app
        .api(
            "POST",
            &format!("/v1/test_helpers/checkout/sessions/{session2}/chargeback"),
            Some(json!({"amount": 10_000})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let chargeback = r.body["id"].as_str().unwrap().to_owned();
    let b = available(&app, None).await;
    assert_eq!(
        b["available"],
        json!([{"amount": 230_000, "currency": "mzn"}])
    );

    let list = app.api("GET", "/v1/balance_transactions", None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let moves: Vec<(String, i64, String)> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["type"].as_str().unwrap().to_owned(),
                t["amount"].as_i64().unwrap(),
                t["source"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(moves[0], ("chargeback".into(), -10_000, chargeback));
    assert_eq!(moves[1], ("refund".into(), -50_000, refund));
    assert_eq!(moves[3], ("payment".into(), 250_000, payment));
    assert_eq!(moves.len(), 4);
    let first = &list.body["data"][0];
    let one = app
        .api(
            "GET",
            &format!("/v1/balance_transactions/{}", first["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(one.body, *first);
    assert_eq!(one.body["object"], "balance_transaction");
    assert_books_balance(&app).await;
    backfill_gives_the_same_books(&app).await;
}

/// The migration's backfill (for data from before the ledger), run on a
/// copy of this history without its ledger, must give the same balances.
async fn backfill_gives_the_same_books(app: &TestApp) {
    let pool = app.state.db.writer();
    let before = available(app, None).await;
    for table in ["ledger_entries", "balance_transactions", "balances"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(pool)
            .await
            .unwrap();
    }
    let migration = include_str!("../../migrations/20261202000001_ledger.sql");
    let backfill = migration
        .split_once("-- What was paid")
        .and_then(|(_, rest)| rest.split_once('\n'))
        .expect("the backfill")
        .1;
    for statement in backfill.split(';').filter(|s| s.contains("INSERT")) {
        let sql: String = statement
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        sqlx::query(&sql).execute(pool).await.unwrap();
    }
    assert_eq!(available(app, None).await, before);
    assert_books_balance(app).await;
}

#[tokio::test]
async fn lists_page_and_filter_and_refuse_bad_input_in_the_api_shape() {
    let app = app().await;
    for amount in [10_000, 20_000, 30_000] {
        paid(&app, amount).await;
    }
    let page = app
        .api("GET", "/v1/balance_transactions?limit=2", None)
        .await;
    assert_eq!(page.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(page.body["paging"]["has_next_page"], true);
    let after = page.body["paging"]["end_cursor"].as_str().unwrap();
    let rest = app
        .api(
            "GET",
            &format!("/v1/balance_transactions?limit=2&after={after}"),
            None,
        )
        .await;
    assert_eq!(rest.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(rest.body["data"][0]["amount"], 10_000, "oldest last");

    let bad = app
        .api("GET", "/v1/balance_transactions?type=salary", None)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.body["error"]["param"], "type", "{}", bad.text);
    let none = app
        .api("GET", "/v1/balance_transactions?type=payout", None)
        .await;
    assert_eq!(none.body["data"], json!([]));
    let missing = app
        .api("GET", "/v1/balance_transactions/txn_nothing", None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    // Another merchant, and live mode, see none of it.
    let other = app.other_merchant_key("Another shop").await;
    assert_eq!(available(&app, Some(&other)).await["available"], json!([]));
    let live = server::store::merchants::create_key(&app.state.db, &app.merchant_id, true)
        .await
        .unwrap()
        .secret;
    let b = available(&app, Some(&live)).await;
    assert_eq!(
        (b["available"].clone(), b["livemode"].clone()),
        (json!([]), json!(true))
    );
    assert_books_balance(&app).await;
}

/// What a payout will do to the books: 50 at once over a balance that
/// covers 10 of them. The conditional UPDATE lets exactly 10 through and
/// the balance never goes below zero, on SQLite and PostgreSQL.
#[tokio::test]
async fn concurrent_debits_that_need_funds_never_overdraw() {
    use app::domain::ledger::BalanceTxKind;
    use server::ledger::{Movement, post};
    let app = app().await;
    paid(&app, 10_000).await;
    let owner = server::store::Owner::new(&app.merchant_id, false);
    let mzn = app::domain::Currency::parse("MZN").unwrap();
    let mut tasks = Vec::new();
    for n in 0..50 {
        let (db, owner) = (app.state.db.clone(), owner.clone());
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin().await.unwrap();
            let source = format!("po_race_{n}");
            let payout = Movement {
                kind: BalanceTxKind::Payout,
                currency: mzn,
                amount: 1_000,
                source: &source,
                description: None,
            };
            let taken = post(&mut tx, &owner, payout).await.unwrap().is_some();
            tx.commit().await.unwrap();
            taken
        }));
    }
    let mut taken = 0;
    for t in tasks {
        taken += usize::from(t.await.unwrap());
    }
    assert_eq!(taken, 10, "exactly what the balance covers");
    let b = available(&app, None).await;
    assert_eq!(b["available"], json!([{"amount": 0, "currency": "mzn"}]));
    // A debit that needs no funds (a refund) may still take it below zero.
    let mut tx = app.state.db.begin().await.unwrap();
    let refund = Movement {
        kind: BalanceTxKind::Refund,
        currency: mzn,
        amount: 500,
        source: "re_owed",
        description: None,
    };
    assert!(post(&mut tx, &owner, refund).await.unwrap().is_some());
    tx.commit().await.unwrap();
    let b = available(&app, None).await;
    assert_eq!(b["available"], json!([{"amount": -500, "currency": "mzn"}]));
    assert_books_balance(&app).await;
}
