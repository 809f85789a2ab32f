//! The tests' fakes of M-Pesa Daraja, Vodacom M-Pesa Mozambique, MTN MoMo
//! and Stripe (under `/stripe`, with its hosted page) on a local port, for the Playwright suite: `FAKE_PORT=4300 cargo
//! run --release --example fake_providers`. Scripts outcomes per phone with
//! `POST /_fake/script`; lists what Lipa sent wrong at `/_fake/violations`.

#[path = "../tests/support/fakes.rs"]
mod fakes;
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
    let app = fakes::router(fake)
        .merge(stripe_fake::router(stripe))
        .route(
            "/_fake/vodacom_public_key",
            get(move || async move { public_key }),
        );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("the fake's port");
    axum::serve(listener, app).await.expect("the fakes serve");
}
