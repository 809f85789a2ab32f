//! `lipa`: serve the product, or run a bootstrap command.

use clap::Parser;
use server::cli::{Cli, Command};
use server::config::Config;
use server::db::Db;
use server::{AppState, bootstrap, router, spawn_sweeper, spawn_webhook_worker, telemetry};
use std::net::SocketAddr;
use std::process::ExitCode;

/// mimalloc: a page request allocates and frees many small strings across
/// worker threads, where glibc's allocator spent an eighth of the CPU
/// (arena locks, consolidation).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        command => server::cli::run(command, &config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lipa: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let mut leptos = leptos::config::get_configuration(None)
        .map_err(|e| format!("leptos configuration: {e}"))?
        .leptos_options;
    // A release build from cargo-leptos leaves the hashed bundle names next
    // to the binary; use them (and cache the bundle for a year) when present.
    let hashes = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(leptos.hash_file.as_ref())));
    if hashes.is_some_and(|h| h.exists()) {
        leptos.hash_files = true;
    }
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let merchant = match &config.bootstrap_api_key {
        Some(key) => Some(
            bootstrap::ensure(&db, &config, key)
                .await
                .map_err(|e| format!("bootstrap: {e}"))?,
        ),
        None => None,
    };
    let addr = config.site_addr;
    let sweep_every = config.sweep_interval;
    let state = AppState::new(db, config, leptos);
    spawn_sweeper(state.core.clone(), sweep_every);
    spawn_webhook_worker(&state);

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!(%addr, public_url = %state.config.public_url, "lipa listening");
    if let (Some(shop_addr), Some(origin), Some(merchant)) = (
        state.config.demo_shop_addr,
        state.config.demo_shop_origin(),
        merchant.clone(),
    ) {
        let shop = server::demo_shop::router(state.clone(), merchant, origin.clone());
        serve_aside("demo shop", shop_addr, shop).await?;
    }
    if let (true, Some(merchant)) = (state.config.demo, merchant.as_deref()) {
        match bootstrap::demo_session(&state, merchant, bootstrap::ReturnUrls::default()).await {
            Ok(id) => print_banner(&state, &id),
            Err(e) => tracing::warn!(error = ?e, "could not create the demo checkout"),
        }
    }
    if let Some(metrics_addr) = state.config.metrics_addr {
        let metrics = server::web::ops::metrics_router(state.clone());
        serve_aside("metrics", metrics_addr, metrics).await?;
    }
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    // SIGTERM: stop accepting, finish the requests under way, then the
    // webhook deliveries under way, then exit.
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("server: {e}"))?;
    state.deliverer.drain().await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves `router` on `addr` beside the main server (the demo shop, the
/// metrics), until the process ends.
async fn serve_aside(what: &str, addr: SocketAddr, router: axum::Router) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!(%addr, "{what} listening");
    let what = what.to_owned();
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::error!(error = %e, "{what} stopped");
        }
    });
    Ok(())
}

fn print_banner(state: &AppState, session_id: &str) {
    let base = &state.config.public_url;
    let key = state
        .config
        .bootstrap_api_key
        .as_deref()
        .unwrap_or("sk_test_...");
    println!(
        r#"
  Lipa is running at {base}

  Open this test checkout in your browser:
    {url}

  Sandbox phone numbers: 84 000 0000 approves, 84 000 0001 is declined
  (insufficient funds), 84 000 0002 never answers. Test cards:
  4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined,
  4000 0000 0000 3220 asks for 3-D Secure.
{shop}
  Create your own checkout with the demo test key:
    curl {base}/v1/checkout/sessions \
      -H "Authorization: Bearer {key}" \
      -H "Content-Type: application/json" \
      -d '{{"currency":"MZN","line_items":[{{"name":"T-shirt","unit_amount":75000,"quantity":1}}]}}'
"#,
        url = state.config.checkout_url(session_id),
        shop = state
            .config
            .demo_shop_origin()
            .map(|o| format!(
                "\n  A demo shop that embeds the checkout (modal and inline):\n    {o}\n"
            ))
            .unwrap_or_default(),
    );
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
