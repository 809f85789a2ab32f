//! The real `lipa` binary in a child process, for what only a process
//! shows: crashes, signals, memory.

#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const KEY: &str = "sk_test_crashtest_0000000000000000000";

pub struct Server {
    pub child: Child,
    pub port: u16,
    pub base: String,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `lipa` on SQLite in `dir`, with loopback webhooks allowed and
/// `env` on top.
pub fn start(dir: &std::path::Path, port: u16, env: &[(&str, &str)]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lipa"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LIPA_DATA_DIR", dir)
        .env("LEPTOS_OUTPUT_NAME", "lipa")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LIPA_BOOTSTRAP_API_KEY", KEY)
        .env("LIPA_SANDBOX_APPROVE_MS", "0")
        .env("LIPA_WEBHOOK_TIMEOUT_MS", "1500")
        .env("LIPA_WEBHOOK_RETRY_BASE_MS", "100")
        .env("LIPA_WEBHOOK_ALLOW_PRIVATE", "1")
        .env("RUST_LOG", "warn");
    for (k, v) in env {
        command.env(k, v);
    }
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("lipa starts");
    Server {
        child,
        port,
        base: format!("http://127.0.0.1:{port}"),
    }
}

pub async fn wait_healthy(s: &Server) {
    let start = Instant::now();
    while reqwest::get(format!("{}/healthz", s.base)).await.is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "lipa did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sends a signal (`-9`, `-TERM`) to the server.
pub fn signal(s: &Server, sig: &str) {
    let status = Command::new("kill")
        .args([sig, &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// `kill -9`: no shutdown, no flush, nothing.
pub fn kill_hard(s: &mut Server) {
    signal(s, "-9");
    s.child.wait().unwrap();
}

/// The server's resident memory, in kB (Linux).
pub fn rss_kb(s: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}
