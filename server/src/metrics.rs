//! The operator's numbers, in Prometheus' text format at `GET /metrics`:
//! requests by route and status with their latency, payments by method and
//! outcome, webhook deliveries by outcome with their latency and the
//! backlog's age, and how far the sweeper lags. Counters live in this
//! process; the backlog is read from the database when scraped, so every
//! server reports the shared queue.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub route: String,
    pub method: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PaymentLabels {
    pub method: String,
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ConnectorLabels {
    pub connector: String,
    pub operation: String,
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LimitLabels {
    pub limit: String,
}

pub struct Metrics {
    pub requests: Family<RequestLabels, Counter>,
    pub request_seconds: Family<RouteLabels, Histogram>,
    pub payments: Family<PaymentLabels, Counter>,
    pub limited: Family<LimitLabels, Counter>,
    pub deliveries: Family<OutcomeLabels, Counter>,
    pub delivery_seconds: Histogram,
    pub connector_calls: Family<ConnectorLabels, Counter>,
    pub backlog: Gauge,
    pub backlog_age: Gauge,
    pub sweeper_lag: Gauge,
    /// When the sweeper last finished a pass, Unix milliseconds (0: never).
    last_sweep: AtomicI64,
    registry: Registry,
}

fn seconds() -> Histogram {
    Histogram::new([
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
    ])
}

impl Metrics {
    fn new() -> Metrics {
        let requests = Family::<RequestLabels, Counter>::default();
        let request_seconds =
            Family::<RouteLabels, Histogram>::new_with_constructor(seconds as fn() -> Histogram);
        let payments = Family::<PaymentLabels, Counter>::default();
        let limited = Family::<LimitLabels, Counter>::default();
        let deliveries = Family::<OutcomeLabels, Counter>::default();
        let delivery_seconds = seconds();
        let connector_calls = Family::<ConnectorLabels, Counter>::default();
        let (backlog, backlog_age, sweeper_lag) =
            (Gauge::default(), Gauge::default(), Gauge::default());
        let mut r = Registry::with_prefix("lipa");
        r.register(
            "http_requests",
            "HTTP requests answered, by route, method and status",
            requests.clone(),
        );
        r.register(
            "http_request_duration_seconds",
            "Time to answer, by route",
            request_seconds.clone(),
        );
        r.register(
            "payments",
            "Payment attempts started and settled, by method and outcome",
            payments.clone(),
        );
        r.register(
            "velocity_limited",
            "Payments refused by a velocity limit, by limit",
            limited.clone(),
        );
        r.register(
            "webhook_deliveries",
            "Webhook delivery attempts, by outcome",
            deliveries.clone(),
        );
        r.register(
            "webhook_delivery_duration_seconds",
            "Time a webhook endpoint took to answer",
            delivery_seconds.clone(),
        );
        r.register(
            "connector_calls",
            "Calls to payment providers, by connector, operation and outcome",
            connector_calls.clone(),
        );
        r.register(
            "webhook_backlog",
            "Webhook events due now and not yet delivered (all servers)",
            backlog.clone(),
        );
        r.register(
            "webhook_backlog_age_seconds",
            "How long the oldest due webhook event has waited",
            backlog_age.clone(),
        );
        r.register(
            "sweeper_lag_seconds",
            "Time since the sweeper last finished a pass",
            sweeper_lag.clone(),
        );
        Metrics {
            requests,
            request_seconds,
            payments,
            limited,
            deliveries,
            delivery_seconds,
            connector_calls,
            backlog,
            backlog_age,
            sweeper_lag,
            last_sweep: AtomicI64::new(0),
            registry: r,
        }
    }

    pub fn request(&self, route: &str, method: &str, status: u16, took: Duration) {
        let route = route.to_owned();
        self.requests
            .get_or_create(&RequestLabels {
                route: route.clone(),
                method: method.to_owned(),
                status,
            })
            .inc();
        self.request_seconds
            .get_or_create(&RouteLabels { route })
            .observe(took.as_secs_f64());
    }

    pub fn payment(&self, method: &str, outcome: &str) {
        self.payments
            .get_or_create(&PaymentLabels {
                method: method.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    pub fn limited(&self, limit: &str) {
        self.limited
            .get_or_create(&LimitLabels {
                limit: limit.to_owned(),
            })
            .inc();
    }

    pub fn delivery(&self, outcome: &str, took: Duration) {
        self.deliveries
            .get_or_create(&OutcomeLabels {
                outcome: outcome.to_owned(),
            })
            .inc();
        self.delivery_seconds.observe(took.as_secs_f64());
    }

    /// One call to a provider: `outcome` is `ok`, `http_<status>`,
    /// `timeout` or `unreachable`.
    pub fn connector_call(&self, connector: &str, operation: &str, outcome: &str) {
        self.connector_calls
            .get_or_create(&ConnectorLabels {
                connector: connector.to_owned(),
                operation: operation.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    pub fn swept(&self, at_ms: i64) {
        self.last_sweep.store(at_ms, Ordering::Relaxed);
    }

    /// The text exposition, with the gauges brought up to `now_ms`.
    pub fn render(&self, now_ms: i64, backlog: i64, oldest_due_ms: Option<i64>) -> String {
        self.backlog.set(backlog);
        self.backlog_age
            .set(oldest_due_ms.map_or(0, |t| (now_ms - t).max(0) / 1000));
        let last = self.last_sweep.load(Ordering::Relaxed);
        self.sweeper_lag.set(if last == 0 {
            0
        } else {
            (now_ms - last).max(0) / 1000
        });
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// This process's metrics.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);
