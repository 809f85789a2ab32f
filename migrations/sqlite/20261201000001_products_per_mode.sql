-- Products belong to one mode: a test key sees and changes only test
-- products. Ids are unique per merchant and mode. Every existing product
-- becomes two, one per mode, with the same settings and signing secret, so
-- live and test sessions keep their product.
--
-- SQLite cannot change a primary key in place: the tables are rebuilt the
-- way https://www.sqlite.org/lang_altertable.html (section 7) prescribes
-- (the migrations run with foreign keys off, see `db::migrate_sqlite`).
-- Sessions are rebuilt too, so their product reference names the mode.

CREATE TABLE products_new (
    merchant_id     TEXT NOT NULL REFERENCES merchants (id),
    livemode        BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    id              TEXT NOT NULL,
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
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, livemode, id)
);
INSERT INTO products_new
    SELECT merchant_id, mode.livemode, id, product_type, name, main_currency, payment_methods,
           webhook_url, webhook_secret, embed_origins, active, created_at, updated_at
    FROM products, (SELECT 0 AS livemode UNION ALL SELECT 1) AS mode;
DROP TABLE products;
ALTER TABLE products_new RENAME TO products;
CREATE INDEX products_merchant ON products (merchant_id, livemode, created_at);

CREATE TABLE checkout_sessions_new (
    id                   TEXT PRIMARY KEY,
    merchant_id          TEXT NOT NULL REFERENCES merchants (id),
    product_id           TEXT,
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
    created_seq          BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    completed_at         BIGINT,
    webhook_url          TEXT,
    amount_refunded      BIGINT NOT NULL DEFAULT 0,
    api                  TEXT NOT NULL DEFAULT 'payonify',
    external_reference   TEXT,
    compat               TEXT NOT NULL DEFAULT '{}',
    brand_name           TEXT,
    brand_color          TEXT,
    restrict_phone       TEXT,
    restrict_country     TEXT,
    allow_partial        BIGINT NOT NULL DEFAULT 0,
    amount_paid          BIGINT NOT NULL DEFAULT 0,
    FOREIGN KEY (merchant_id, livemode, product_id) REFERENCES products (merchant_id, livemode, id)
);
INSERT INTO checkout_sessions_new (
    id, merchant_id, product_id, livemode, status, payment_status, mode, currency,
    amount_subtotal, amount_total, line_items, description, success_url, cancel_url,
    customer_name, customer_email, customer_phone, client_reference_id, source, submit_type,
    locale, payment_method_types, metadata, charge_reference, failure_code, failure_reason,
    expires_at_s, created_at, created_seq, updated_at, completed_at, webhook_url,
    amount_refunded, api, external_reference, compat, brand_name, brand_color,
    restrict_phone, restrict_country, allow_partial, amount_paid)
SELECT
    id, merchant_id, product_id, livemode, status, payment_status, mode, currency,
    amount_subtotal, amount_total, line_items, description, success_url, cancel_url,
    customer_name, customer_email, customer_phone, client_reference_id, source, submit_type,
    locale, payment_method_types, metadata, charge_reference, failure_code, failure_reason,
    expires_at_s, created_at, created_seq, updated_at, completed_at, webhook_url,
    amount_refunded, api, external_reference, compat, brand_name, brand_color,
    restrict_phone, restrict_country, allow_partial, amount_paid
FROM checkout_sessions;
DROP TABLE checkout_sessions;
ALTER TABLE checkout_sessions_new RENAME TO checkout_sessions;
CREATE INDEX checkout_sessions_list ON checkout_sessions (merchant_id, livemode, created_seq, id);
CREATE INDEX checkout_sessions_expiry ON checkout_sessions (status, expires_at_s);
CREATE UNIQUE INDEX checkout_sessions_external_reference
    ON checkout_sessions (merchant_id, livemode, api, external_reference)
    WHERE external_reference IS NOT NULL;
