-- Lipa's first schema. Portable between SQLite and PostgreSQL: text ids,
-- BIGINT for money (minor units), times (Unix milliseconds unless named
-- *_at_s) and flags (0/1); JSON kept as TEXT.

CREATE TABLE merchants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Only a SHA-256 of each key is stored, with a short visible prefix to find
-- and show it ("sk_test_AbCd1234").
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    prefix      TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    livemode    BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);

CREATE TABLE products (
    id              TEXT PRIMARY KEY,
    merchant_id     TEXT NOT NULL REFERENCES merchants (id),
    product_type    TEXT NOT NULL CHECK (product_type IN ('api_gateway')),
    name            TEXT NOT NULL,
    main_currency   TEXT NOT NULL,
    payment_methods TEXT NOT NULL,
    webhook_url     TEXT,
    -- Encrypted with the server's master key; never stored in clear.
    webhook_secret  TEXT,
    embed_origins   TEXT NOT NULL,
    active          BIGINT NOT NULL CHECK (active IN (0, 1)),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX products_merchant ON products (merchant_id, created_at);

CREATE TABLE checkout_sessions (
    id                   TEXT PRIMARY KEY,
    merchant_id          TEXT NOT NULL REFERENCES merchants (id),
    product_id           TEXT REFERENCES products (id),
    livemode             BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    status               TEXT NOT NULL CHECK (status IN ('open', 'complete', 'expired')),
    payment_status       TEXT NOT NULL CHECK (payment_status IN
                            ('requires_payment_method', 'pending', 'succeeded', 'failed', 'cancelled')),
    mode                 TEXT NOT NULL,
    currency             TEXT NOT NULL,
    amount_subtotal      BIGINT NOT NULL CHECK (amount_subtotal > 0),
    amount_total         BIGINT NOT NULL CHECK (amount_total > 0),
    line_items           TEXT NOT NULL,
    description          TEXT,
    success_url          TEXT,
    cancel_url           TEXT,
    customer_name        TEXT,
    customer_email       TEXT,
    customer_phone       TEXT,
    client_reference_id  TEXT,
    source               TEXT,
    submit_type          TEXT NOT NULL,
    locale               TEXT NOT NULL,
    payment_method_types TEXT NOT NULL,
    metadata             TEXT NOT NULL,
    charge_reference     TEXT NOT NULL UNIQUE,
    failure_code         TEXT,
    failure_reason       TEXT,
    expires_at_s         BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    -- Creation order for lists and cursors: Unix microseconds, strictly
    -- increasing within a server process (two sessions in the same
    -- millisecond still list in the order they were made).
    created_seq          BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    completed_at         BIGINT
);
CREATE INDEX checkout_sessions_list ON checkout_sessions (merchant_id, livemode, created_seq, id);
CREATE INDEX checkout_sessions_expiry ON checkout_sessions (status, expires_at_s);

CREATE TABLE payment_attempts (
    id                  TEXT PRIMARY KEY,
    session_id          TEXT NOT NULL REFERENCES checkout_sessions (id),
    method              TEXT NOT NULL,
    connector           TEXT NOT NULL,
    -- Mobile money: the E.164 number. Cards: brand and last four only; the
    -- full number is never stored.
    phone               TEXT,
    card_brand          TEXT,
    card_last4          TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
    amount              BIGINT NOT NULL CHECK (amount > 0),
    currency            TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'requires_action', 'succeeded', 'failed')),
    failure_code        TEXT,
    failure_reason      TEXT,
    connector_reference TEXT,
    -- 3-D Secure or a provider's page: where the buyer must go.
    next_action_url     TEXT,
    -- Unix ms after which an unanswered attempt fails with `timeout`.
    timeout_at          BIGINT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX payment_attempts_session ON payment_attempts (session_id, created_at);
CREATE INDEX payment_attempts_live ON payment_attempts (status, timeout_at);
-- The database itself guarantees a session never has two payments under way
-- or two that succeeded: a double click, two tabs or a replayed form post
-- cannot pay twice.
CREATE UNIQUE INDEX payment_attempts_one_live ON payment_attempts (session_id)
    WHERE status IN ('pending', 'requires_action', 'succeeded');

-- The first response to each Idempotency-Key, replayed for 24 hours.
-- status_code is NULL while the first request is still running.
CREATE TABLE idempotency_keys (
    merchant_id   TEXT NOT NULL,
    livemode      BIGINT NOT NULL,
    idem_key      TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status_code   BIGINT,
    response_body TEXT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, livemode, idem_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
