//! Lipa's server: the merchant API, the order state machine, payment
//! connectors, storage and the buyer page, in one axum application.
//! `ARCHITECTURE.md` at the root has the map; in short, from the doors in:
//!
//! - Doors: [`api`] (`/v1` and the compatible APIs), [`web`] (`/c/{id}` for
//!   buyers), [`cli`], [`bootstrap`] and [`demo_shop`]. They translate and
//!   call the use cases; none calls another door.
//! - Use cases, below HTTP: [`sessions`], [`refunds`], [`products`],
//!   [`events`], and the payment engine [`checkouts`] (start, settle,
//!   expire, sweep). They take domain input (`app::domain`) and return
//!   domain results or an [`error::Error`].
//! - What they stand on: [`objects`] (the typed answers and event
//!   payloads), [`webhooks`] (the outbox and its delivery), [`connector`]
//!   (how a payment reaches a provider), [`store`] and [`db`] (SQLite or
//!   PostgreSQL), [`config`], [`secrets`], [`telemetry`].

pub mod accounts;
pub mod address;
pub mod api;
pub mod bootstrap;
pub mod branding;
pub mod change;
pub mod charges;
pub mod checkouts;
pub mod cli;
pub mod cli_connector;
pub mod config;
pub mod connector;
pub mod connector_accounts;
pub mod db;
pub mod demo_shop;
pub mod embed;
pub mod error;
pub mod events;
pub mod http;
pub mod ledger;
pub mod metrics;
pub mod objects;
pub mod payment_links;
pub mod payouts;
pub mod products;
pub mod refunds;
pub mod secrets;
pub mod sessions;
pub mod store;
pub mod telemetry;
pub mod web;
pub mod webhooks;

use app::service::SharedCheckoutService;
use axum::Router;
use axum::extract::FromRef;
use axum::routing::{get, post};
use checkouts::Checkouts;
use config::Config;
use db::Db;
use leptos::config::LeptosOptions;
use leptos_axum::LeptosRoutes;
use std::sync::Arc;
use std::time::Duration;

/// What every use case works with: the database, the configuration, the
/// payment engine and the webhook deliverer.
#[derive(Clone)]
pub struct Core {
    pub db: Db,
    pub config: Arc<Config>,
    pub checkouts: Arc<Checkouts>,
    pub deliverer: Arc<webhooks::delivery::Deliverer>,
}

impl Core {
    pub fn new(db: Db, config: Config) -> Core {
        let config = Arc::new(config);
        let checkouts = Arc::new(Checkouts::new(db.clone(), config.clone()));
        let deliverer = Arc::new(webhooks::delivery::Deliverer::new(
            db.clone(),
            config.clone(),
        ));
        Core {
            db,
            config,
            checkouts,
            deliverer,
        }
    }
}

/// The web application's state: the core and the page's Leptos options.
#[derive(Clone)]
pub struct AppState {
    pub core: Core,
    pub leptos: LeptosOptions,
}

impl std::ops::Deref for AppState {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos.clone()
    }
}

impl AppState {
    pub fn new(db: Db, config: Config, leptos: LeptosOptions) -> AppState {
        AppState {
            core: Core::new(db, config),
            leptos,
        }
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let service: SharedCheckoutService = state.checkouts.clone();
    let context = web::page_context(service);
    let options = state.leptos.clone();
    let shell = move || app::shell(options.clone());

    let pkg_dir = format!("{}/{}", state.leptos.site_root, state.leptos.site_pkg_dir);
    let pkg = Router::new()
        .route("/{file}", get(web::assets::serve))
        .with_state(web::assets::Assets::load(pkg_dir, state.leptos.hash_files));

    let app = Router::new()
        .merge(api::router())
        .merge(web::dashboard::router())
        .nest(&format!("/{}", state.leptos.site_pkg_dir), pkg)
        .route("/c/{id}", get(web::show).post(web::pay_without_js))
        .route("/c/{id}/return", get(web::return_to_merchant))
        .route("/c/{id}/abandon", post(web::abandon_without_js))
        .route("/l/{id}", get(web::link::visit).post(web::link::choose))
        .route(
            "/sandbox/{attempt}",
            get(web::sandbox::show).post(web::sandbox::decide),
        )
        .route("/hooks/stripe/{account}", post(web::hooks::receive_stripe))
        .route(
            "/hooks/flutterwave/{account}",
            post(web::hooks::receive_flutterwave),
        )
        .route(
            "/hooks/payfast/{attempt}/{tag}",
            get(web::hooks::payfast_form).post(web::hooks::receive_payfast),
        )
        .route(
            "/hooks/payouts/{payout}/{tag}",
            post(web::hooks::receive_payout).put(web::hooks::receive_payout),
        )
        .route(
            "/hooks/{connector}/{attempt}/{tag}",
            post(web::hooks::receive).put(web::hooks::receive),
        )
        .route("/embed.js", get(embed::alias))
        .route("/embed/{file}", get(embed::versioned))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(web::ops::ready))
        .route("/metrics", get(web::ops::guarded))
        // The server functions only: `/c/{id}` is drawn by `web::show`, and
        // every other path is the fallback's "not found".
        .leptos_routes_with_context(&state, Vec::new(), context.clone(), shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, app::shell))
        .with_state(state.clone());
    http::stack(app, &state.config)
}

/// Sends webhook events as they are committed, and retries them.
pub fn spawn_webhook_worker(state: &AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(state.deliverer.clone().run())
}

/// Settles pending payments and refunds and expires overdue sessions in the
/// background, so merchants learn outcomes even when no buyer is watching.
pub fn spawn_sweeper(core: Core, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match core.checkouts.sweep().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "sweep settled sessions"),
                Err(e) => tracing::warn!(error = %e, "sweep failed"),
            }
            match payouts::sweep(&core).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(payouts = n, "sweep settled payouts"),
                Err(e) => tracing::warn!(error = %e, "payout sweep failed"),
            }
            match refunds::sweep(&core).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(refunds = n, "sweep settled refunds"),
                Err(e) => tracing::warn!(error = %e, "refund sweep failed"),
            }
            if let Err(e) = store::limits::forget_idle(core.db.writer(), db::now_ms()).await {
                tracing::warn!(error = %e, "forgetting idle rate limits failed");
            }
            if let Err(e) = accounts::forget_stale(&core).await {
                tracing::warn!(error = %e, "forgetting idle dashboard sessions failed");
            }
            metrics::METRICS.swept(db::now_ms());
        }
    })
}
