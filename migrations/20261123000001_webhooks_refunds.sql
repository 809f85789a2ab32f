-- Webhooks (a transactional outbox), refunds and chargebacks.

-- A session may send its events somewhere other than its product's endpoint.
ALTER TABLE checkout_sessions ADD COLUMN webhook_url TEXT;
-- What has been refunded or reserved for a refund under way. It only ever
-- moves by a conditional UPDATE (`... WHERE amount_refunded + n <=
-- amount_total`), so two refunds at once cannot overshoot what was paid.
ALTER TABLE checkout_sessions ADD COLUMN amount_refunded BIGINT NOT NULL DEFAULT 0;

-- Every event, written in the same transaction as the change it reports.
-- The row is also its delivery: the payload is stored byte for byte, the
-- id is the `webhook-id` of every attempt.
CREATE TABLE webhook_events (
    id              TEXT PRIMARY KEY,
    merchant_id     TEXT NOT NULL REFERENCES merchants (id),
    livemode        BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    event_type      TEXT NOT NULL,
    session_id      TEXT,
    -- Whose secret signs the deliveries.
    product_id      TEXT,
    payload         TEXT NOT NULL,
    -- NULL when no endpoint was configured when the event happened.
    endpoint_url    TEXT,
    delivery_status TEXT NOT NULL CHECK (delivery_status IN ('pending', 'delivered', 'failed', 'no_endpoint')),
    attempt_count   BIGINT NOT NULL,
    -- Unix ms of the next scheduled attempt; NULL when none is scheduled.
    next_attempt_at BIGINT,
    -- A worker holds the event until then (several servers may share the
    -- database); a worker killed mid-delivery loses its hold when it passes.
    lease_until     BIGINT,
    delivered_at    BIGINT,
    created_at      BIGINT NOT NULL,
    created_seq     BIGINT NOT NULL
);
CREATE INDEX webhook_events_due ON webhook_events (delivery_status, next_attempt_at);
CREATE INDEX webhook_events_list ON webhook_events (merchant_id, livemode, created_seq);

-- One row per HTTP attempt.
CREATE TABLE webhook_attempts (
    id               TEXT PRIMARY KEY,
    event_id         TEXT NOT NULL REFERENCES webhook_events (id),
    attempt_number   BIGINT NOT NULL,
    url              TEXT NOT NULL,
    attempted_at     BIGINT NOT NULL,
    -- NULL when no HTTP response came back (timeout, refused, DNS...).
    status_code      BIGINT,
    latency_ms       BIGINT NOT NULL,
    error            TEXT,
    -- The first bytes of the response body.
    response_excerpt TEXT,
    trigger          TEXT NOT NULL CHECK (trigger IN ('schedule', 'redeliver')),
    next_attempt_at  BIGINT
);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, attempted_at);

-- The health of each endpoint a merchant's events go to.
CREATE TABLE webhook_endpoints (
    merchant_id     TEXT NOT NULL,
    url             TEXT NOT NULL,
    -- Set by a `410 Gone`; cleared when the merchant sets the URL again.
    disabled_at     BIGINT,
    disabled_reason TEXT,
    -- The first failure since the last success.
    failing_since   BIGINT,
    -- Set when an event used up every retry while failing.
    exhausted_at    BIGINT,
    last_success_at BIGINT,
    last_failure_at BIGINT,
    PRIMARY KEY (merchant_id, url)
);

CREATE TABLE refunds (
    id               TEXT PRIMARY KEY,
    merchant_id      TEXT NOT NULL REFERENCES merchants (id),
    livemode         BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    session_id       TEXT NOT NULL REFERENCES checkout_sessions (id),
    attempt_id       TEXT NOT NULL REFERENCES payment_attempts (id),
    charge           TEXT NOT NULL,
    amount           BIGINT NOT NULL CHECK (amount > 0),
    currency         TEXT NOT NULL,
    reason           TEXT,
    metadata         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed', 'cancelled')),
    failure_code     TEXT,
    failure_reason   TEXT,
    connector_reference TEXT,
    created_at       BIGINT NOT NULL,
    created_seq      BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX refunds_list ON refunds (merchant_id, livemode, created_seq);
CREATE INDEX refunds_session ON refunds (session_id);

-- Test mode only: a simulated chargeback on a paid session (one per session).
CREATE TABLE chargebacks (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL UNIQUE REFERENCES checkout_sessions (id),
    attempt_id  TEXT NOT NULL REFERENCES payment_attempts (id),
    amount      BIGINT NOT NULL CHECK (amount > 0),
    reason      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
