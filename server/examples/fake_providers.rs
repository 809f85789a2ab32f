//! The tests' fakes of M-Pesa Daraja, Vodacom M-Pesa Mozambique, MTN MoMo
//! Stripe, Flutterwave and PayFast (under `/stripe`, `/flutterwave`, `/payfast`, with their hosted pages) on a local port, for the Playwright suite: `FAKE_PORT=4300 cargo
//! run --release --example fake_providers`. Scripts outcomes per phone with
//! `POST /_fake/script`; lists what Lipa sent wrong at `/_fake/violations`.

#[path = "../tests/support/fakes.rs"]
mod fakes;
#[path = "../tests/support/flutterwave_fake.rs"]
mod flutterwave_fake;
#[path = "../tests/support/payfast_fake.rs"]
mod payfast_fake;
#[path = "../tests/support/payout_fakes.rs"]
mod payout_fakes;
#[path = "../tests/support/stripe_fake.rs"]
mod stripe_fake;

use axum::routing::get;

#[tokio::main]
async fn main() {
    let port: u16 = std::env::var("FAKE_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(4300);
    let fake = fakes::Fake::new(true);
    let public_key = fake.vodacom_public_key();
    let stripe = stripe_fake::StripeFake::new(true, &format!("http://127.0.0.1:{port}"));
    let base = format!("http://127.0.0.1:{port}");
    let flutterwave = flutterwave_fake::FlutterwaveFake::new(true, &base);
    let app = fakes::router(fake)
        .merge(stripe_fake::router(stripe))
        .merge(flutterwave_fake::router(flutterwave))
        .merge(payfast_fake::router(payfast_fake::PayfastFake::new(true)))
        .route(
            "/_fake/vodacom_public_key",
            get(move || async move { public_key }),
        );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("the fake's port");
    axum::serve(listener, app).await.expect("the fakes serve");
}
