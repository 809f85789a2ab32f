//! The delivery worker: finds due events, holds each with a lease (several
//! servers may share the database; a server killed mid-delivery loses its
//! hold when the lease passes), signs and POSTs it, records the attempt and
//! schedules the next one.
//!
//! Live-mode deliveries never reach private, loopback or link-local
//! addresses: the host is resolved first and refused if any address it
//! resolves to is not public, and the connection goes to the addresses
//! checked (no second lookup an attacker could change in between).

use super::schedule::{self, Verdict};
use super::signature::{WebhookSecret, sign};
use super::{WAKE, wake};
use crate::config::Config;
use crate::db::{Db, new_id, now_ms};
use crate::store::events::{
    self, Attempt, DeliveryStatus, EndpointHealth, EndpointNews, Event, Trigger,
};
use crate::store::products;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Deliveries under way at once, per server.
const CONCURRENCY: usize = 16;
/// Bytes of a response body kept in the attempt log.
const EXCERPT_BYTES: usize = 512;

pub struct Deliverer {
    db: Db,
    config: Arc<Config>,
    /// Test mode: any address (a merchant's laptop on loopback is fine).
    open: reqwest::Client,
    /// Live mode: public addresses only.
    guarded: reqwest::Client,
    slots: Arc<Semaphore>,
}

/// What came back from one POST.
#[derive(Debug, Default)]
struct Answer {
    status: Option<u16>,
    retry_after: Option<String>,
    excerpt: Option<String>,
    error: Option<String>,
}

impl Answer {
    fn failed(error: impl Into<String>) -> Answer {
        Answer {
            error: Some(error.into()),
            ..Answer::default()
        }
    }
}

/// Where an event goes after an attempt.
struct Next {
    status: DeliveryStatus,
    at: Option<i64>,
    news: Option<EndpointNews<'static>>,
}

impl Next {
    fn done(status: DeliveryStatus, news: Option<EndpointNews<'static>>) -> Next {
        Next {
            status,
            at: None,
            news,
        }
    }

    fn retry(at: i64) -> Next {
        Next {
            status: DeliveryStatus::Pending,
            at: Some(at),
            news: Some(EndpointNews::Failure),
        }
    }
}

impl Deliverer {
    pub fn new(db: Db, config: Arc<Config>) -> Deliverer {
        let builder = || {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(config.webhook_timeout)
                .connect_timeout(config.webhook_timeout)
                .user_agent(concat!("Lipa-Webhooks/", env!("CARGO_PKG_VERSION")))
                .no_proxy()
        };
        Deliverer {
            open: builder().build().expect("a plain HTTP client builds"),
            guarded: builder()
                .dns_resolver(Arc::new(PublicOnly))
                .build()
                .expect("a plain HTTP client builds"),
            db,
            config,
            slots: Arc::new(Semaphore::new(CONCURRENCY)),
        }
    }

    /// How long a worker holds an event: the request's time limit and a margin.
    fn lease(&self) -> i64 {
        self.config.webhook_timeout.as_millis() as i64 + 5_000
    }

    /// Runs forever: wakes on new events or every poll interval.
    pub async fn run(self: Arc<Self>) {
        // Anything left from before a restart is due now.
        wake();
        loop {
            tokio::select! {
                _ = WAKE.notified() => {}
                _ = tokio::time::sleep(self.config.webhook_poll) => {}
            }
            if let Err(e) = self.dispatch_due().await {
                tracing::warn!(error = %e, "webhook dispatch failed");
            }
        }
    }

    async fn dispatch_due(self: &Arc<Self>) -> Result<(), sqlx::Error> {
        let now = now_ms();
        for id in events::due(&self.db.pool, now, CONCURRENCY as i64 * 4).await? {
            let Ok(permit) = self.slots.clone().acquire_owned().await else {
                return Ok(());
            };
            if !events::claim(&self.db, &id, now, now + self.lease(), true).await? {
                continue;
            }
            let me = self.clone();
            tokio::spawn(async move {
                let _permit = permit;
                if let Err(e) = me.deliver(&id, None).await {
                    tracing::warn!(event = %id, error = %e, "webhook delivery not recorded");
                    // The lease runs out and the event is tried again.
                }
            });
        }
        Ok(())
    }

    /// Claims an event for a redelivery to `url` now. False if a worker
    /// holds it at this moment.
    pub async fn claim_for_redelivery(&self, id: &str) -> Result<bool, sqlx::Error> {
        let now = now_ms();
        events::claim(&self.db, id, now, now + self.lease(), false).await
    }

    /// Sends a claimed event once and records what happened. `redeliver`
    /// names the endpoint of a redelivery the merchant asked for; otherwise
    /// the event goes where it was addressed, on its schedule.
    pub async fn deliver(
        &self,
        id: &str,
        redeliver: Option<&str>,
    ) -> Result<Option<Attempt>, sqlx::Error> {
        let Some(event) = events::TABLE.find(&self.db.pool, id).await? else {
            return Ok(None);
        };
        let Some(url) = redeliver
            .or(event.endpoint_url.as_deref())
            .map(str::to_owned)
        else {
            events::release(&self.db, id).await?;
            return Ok(None);
        };
        let health = events::endpoint(&self.db.pool, &event.merchant_id, &url).await?;
        let started = Instant::now();
        let attempted_at = now_ms();
        let answer = self.send(&event, &url, &health).await?;
        let latency_ms = started.elapsed().as_millis() as i64;
        let now = now_ms();
        let next = self.next_step(&event, &answer, &health, redeliver.is_some(), now);
        let attempt = Attempt {
            id: new_id("wha", 20),
            event_id: event.id.clone(),
            attempt_number: event.attempt_count + 1,
            url: url.clone(),
            attempted_at,
            status_code: answer.status.map(i64::from),
            latency_ms,
            error: answer.error,
            response_excerpt: answer.excerpt,
            trigger: if redeliver.is_some() {
                Trigger::Redeliver
            } else {
                Trigger::Schedule
            },
            next_attempt_at: next.at,
        };
        let mut tx = self.db.begin().await?;
        events::record_attempt(&mut tx, &attempt, &next.status, &url).await?;
        if let Some(news) = next.news {
            events::endpoint_news(&mut tx, &event.merchant_id, &url, news, now).await?;
        }
        tx.commit().await?;
        tracing::info!(event = %event.id, kind = event.event_type.as_str(), attempt = attempt.attempt_number,
            status = ?attempt.status_code, latency_ms, outcome = next.status.as_str(),
            error = attempt.error.as_deref(), "webhook attempt");
        Ok(Some(attempt))
    }

    /// One POST, unless the endpoint is disabled or nothing can sign it.
    async fn send(
        &self,
        event: &Event,
        url: &str,
        health: &EndpointHealth,
    ) -> Result<Answer, sqlx::Error> {
        if health.disabled_at.is_some() {
            return Ok(Answer::failed(
                "the endpoint is disabled (it answered 410 Gone); set the webhook URL again to re-enable it",
            ));
        }
        Ok(match self.secret(event).await? {
            Some(secret) => self.post(event, url, &secret).await,
            None => Answer::failed("the product has no webhook signing secret"),
        })
    }

    /// Where the event stands after an attempt, and what it says about the
    /// endpoint.
    fn next_step(
        &self,
        event: &Event,
        answer: &Answer,
        health: &EndpointHealth,
        redelivery: bool,
        now: i64,
    ) -> Next {
        let number = event.attempt_count + 1;
        let base = self.config.webhook_retry_base;
        let retry = |delay: Option<Duration>| match delay {
            Some(d) => Next::retry(now + d.as_millis() as i64),
            None => Next::done(DeliveryStatus::Failed, Some(EndpointNews::Exhausted)),
        };
        let verdict = if health.disabled_at.is_some() {
            Verdict::Gone
        } else {
            schedule::verdict(answer.status, answer.retry_after.as_deref(), now / 1000)
        };
        let next = match verdict {
            Verdict::Delivered => {
                Next::done(DeliveryStatus::Delivered, Some(EndpointNews::Success))
            }
            Verdict::Gone if health.disabled_at.is_some() => {
                Next::done(DeliveryStatus::Failed, None)
            }
            Verdict::Gone => Next::done(
                DeliveryStatus::Failed,
                Some(EndpointNews::Gone("the endpoint answered 410 Gone")),
            ),
            Verdict::SlowDown(asked) => retry(schedule::slow_down_delay(base, number, asked)),
            Verdict::Failed => retry(schedule::delay(base, number)),
        };
        // A redelivery that fails leaves a scheduled event on its schedule
        // and a finished one finished.
        if redelivery && next.status != DeliveryStatus::Delivered {
            let (status, at) = match event.delivery_status {
                DeliveryStatus::Pending => (DeliveryStatus::Pending, event.next_attempt_at),
                _ => (DeliveryStatus::Failed, None),
            };
            return Next { status, at, ..next };
        }
        next
    }

    async fn secret(&self, event: &Event) -> Result<Option<WebhookSecret>, sqlx::Error> {
        let Some(product) = &event.product_id else {
            return Ok(None);
        };
        let text =
            products::webhook_secret(&self.db.pool, &self.config.master_key, product).await?;
        Ok(text.as_deref().and_then(WebhookSecret::parse))
    }

    async fn post(&self, event: &Event, url: &str, secret: &WebhookSecret) -> Answer {
        let client = if event.livemode {
            if let Err(refused) = check_literal_host(url) {
                return Answer::failed(refused);
            }
            &self.guarded
        } else {
            &self.open
        };
        let timestamp = now_ms() / 1000;
        let signature = sign(secret, &event.id, timestamp, event.payload.as_bytes());
        let sent = client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &event.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(event.payload.clone())
            .send()
            .await;
        let mut response = match sent {
            Ok(r) => r,
            Err(e) => return Answer::failed(describe(&e)),
        };
        let mut answer = Answer {
            status: Some(response.status().as_u16()),
            retry_after: response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            ..Answer::default()
        };
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    body.extend_from_slice(&chunk);
                    if body.len() >= EXCERPT_BYTES {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    answer.error = Some(describe(&e));
                    break;
                }
            }
        }
        body.truncate(EXCERPT_BYTES);
        answer.excerpt = (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned());
        answer
    }
}

/// An error and its causes, one line: reqwest's own message alone says
/// little ("error sending request").
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        cause = c.source();
    }
    text
}

/// An IP literal in a live-mode URL must be public (the resolver never sees it).
fn check_literal_host(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|_| "the webhook URL is not valid".to_owned())?;
    let ip = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        _ => return Ok(()),
    };
    if is_public(ip) {
        Ok(())
    } else {
        Err(format!(
            "refused: {ip} is not a public address (live-mode webhooks only go to the internet)"
        ))
    }
}

/// A resolver that fails rather than return an address we must not call.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if addrs.is_empty() {
                return Err(format!("{host} has no address").into());
            }
            if let Some(bad) = addrs.iter().find(|a| !is_public(a.ip())) {
                return Err(format!(
                    "refused: {host} resolves to {}, which is not a public address",
                    bad.ip()
                )
                .into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// Whether an address is on the public internet: not private, loopback,
/// link-local, shared (CGNAT), documentation, benchmarking, multicast,
/// broadcast or unspecified; IPv4-mapped IPv6 is judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first == 0x2001 && v6.segments()[1] == 0x0db8)
                || (first == 0x0064 && v6.segments()[1] == 0xff9b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "196.28.1.1", "2606:4700::1111", "::ffff:1.1.1.1"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn literal_private_hosts_are_refused() {
        assert!(check_literal_host("https://127.0.0.1:8443/hook").is_err());
        assert!(check_literal_host("https://[::1]/hook").is_err());
        assert!(check_literal_host("https://169.254.169.254/latest").is_err());
        assert!(check_literal_host("https://8.8.8.8/hook").is_ok());
        assert!(check_literal_host("https://hooks.example/x").is_ok());
    }

    #[tokio::test]
    async fn the_guarded_resolver_refuses_loopback_names() {
        use reqwest::dns::Resolve;
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        let err = match PublicOnly.resolve(name).await {
            Ok(_) => panic!("localhost must be refused"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("not a public address"), "{err}");
    }
}
