//! The delivery worker: finds due events, holds each with a lease (several
//! servers may share the database; a server killed mid-delivery loses its
//! hold when the lease passes), signs and POSTs it, records the attempt and
//! schedules the next one.
//!
//! Deliveries reach only public addresses unless the operator allows
//! private ones ([`crate::address`]): the host is resolved first and refused
//! if any address it resolves to is not public, the connection goes to the
//! addresses checked, and redirects are not followed.

use super::schedule::{self, Verdict};
use super::signature::{WebhookSecret, sign};
use super::{WAKE, wake};
use crate::address::{PublicOnly, Reach};
use crate::config::Config;
use crate::db::{Db, new_id, now_ms};
use crate::metrics::METRICS;
use crate::store::events::{
    self, Attempt, DeliveryStatus, EndpointHealth, EndpointNews, Event, Trigger,
};
use crate::store::products;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Bytes of a response body kept in the attempt log.
const EXCERPT_BYTES: usize = 512;

pub struct Deliverer {
    db: Db,
    config: Arc<Config>,
    /// Public addresses only, unless the operator allows any.
    client: reqwest::Client,
    slots: Arc<Semaphore>,
    /// Set when the server is going down: claim nothing more.
    stopping: AtomicBool,
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
        let client = match config.webhook_reach {
            Reach::Any => builder(),
            Reach::Public => builder().dns_resolver(Arc::new(PublicOnly)),
        };
        Deliverer {
            client: client.build().expect("a plain HTTP client builds"),
            db,
            slots: Arc::new(Semaphore::new(config.limits.webhook_slots)),
            stopping: AtomicBool::new(false),
            config,
        }
    }

    /// Stops claiming events and waits (at most one delivery's time limit
    /// and its margin) for the deliveries under way to be recorded.
    pub async fn drain(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let all = self.config.limits.webhook_slots as u32;
        let wait = Duration::from_millis(self.lease() as u64);
        match tokio::time::timeout(wait, self.slots.acquire_many(all)).await {
            Ok(_) => tracing::info!("webhook deliveries drained"),
            Err(_) => tracing::warn!(
                "webhook deliveries still under way at shutdown; their leases will run out"
            ),
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

    /// Claims due events while slots are free, taking merchants in turn
    /// and none beyond its share of slots (counted across servers), so one
    /// merchant's dead endpoint holds no more than its share.
    async fn dispatch_due(self: &Arc<Self>) -> Result<(), sqlx::Error> {
        let now = now_ms();
        let l = &self.config.limits;
        let share = l.webhook_slots_per_merchant as i64;
        let batch = self.slots.available_permits() as i64;
        if batch == 0 {
            return Ok(());
        }
        let due = events::due(&self.db.pool, now, batch, share).await?;
        if due.is_empty() || self.stopping.load(Ordering::SeqCst) {
            return Ok(());
        }
        let Ok(mut permits) = self.slots.clone().try_acquire_many_owned(due.len() as u32) else {
            return Ok(());
        };
        // One statement claims the batch; permits left over go back.
        for id in events::claim_due(&self.db, &due, now, now + self.lease()).await? {
            let Some(permit) = permits.split(1) else {
                break;
            };
            let me = self.clone();
            tokio::spawn(async move {
                let _permit = permit;
                if let Err(e) = me.deliver(&id, None).await {
                    tracing::warn!(event = %id, error = %e, "webhook delivery not recorded");
                    // The lease runs out and the event is tried again.
                }
                drop(_permit);
                // A slot is free: look for more now, not at the next poll.
                wake();
            });
        }
        Ok(())
    }

    /// Claims an event for a redelivery to `url` now. False if a worker
    /// holds it at this moment.
    pub async fn claim_for_redelivery(&self, id: &str) -> Result<bool, sqlx::Error> {
        let now = now_ms();
        events::claim(&self.db, id, now, now + self.lease()).await
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
        let health = events::endpoint(&self.db.pool, &event.owner(), &url).await?;
        let started = Instant::now();
        let attempted_at = now_ms();
        let answer = self.send(&event, &url, &health).await?;
        let latency_ms = started.elapsed().as_millis() as i64;
        let took = started.elapsed();
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
        // Ahead of API changes waiting their turn: see `Db`.
        let mut tx = self.db.begin_first().await?;
        events::record_attempt(&mut tx, &attempt, &next.status, &url).await?;
        if let Some(news) = next.news {
            events::endpoint_news(&mut tx, &event.owner(), &url, news, now).await?;
        }
        tx.commit().await?;
        METRICS.delivery(next.status.as_str(), took);
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
        let master = &self.config.master_key;
        let text = products::webhook_secret(&self.db.pool, master, &event.owner(), product).await?;
        Ok(text.as_deref().and_then(WebhookSecret::parse))
    }

    async fn post(&self, event: &Event, url: &str, secret: &WebhookSecret) -> Answer {
        if let Err(refused) = self.config.webhook_reach.check_literal(url) {
            return Answer::failed(format!("refused: the URL {refused}"));
        }
        let timestamp = now_ms() / 1000;
        let signature = sign(secret, &event.id, timestamp, event.payload.as_bytes());
        let sent = self
            .client
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
