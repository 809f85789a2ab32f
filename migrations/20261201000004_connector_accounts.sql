-- Connector accounts (issue 14): a merchant's own credentials for a real
-- provider, per mode. Credentials are sealed with the master key (AEAD, the
-- account id as associated data) and never leave the server in clear.
CREATE TABLE connector_accounts (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL REFERENCES merchants (id),
    livemode     BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    provider     TEXT NOT NULL,
    environment  TEXT NOT NULL CHECK (environment IN ('sandbox', 'production')),
    -- JSON: the methods this account collects with.
    methods      TEXT NOT NULL,
    -- JSON: the credentials' non-secret fields (a short code, a target
    -- environment), shown back to the merchant.
    settings     TEXT NOT NULL,
    credentials  TEXT NOT NULL,
    enabled      BIGINT NOT NULL CHECK (enabled IN (0, 1)),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX connector_accounts_owner ON connector_accounts (merchant_id, livemode, created_at, id);

-- Which account an attempt went through (NULL: the built-in sandbox).
ALTER TABLE payment_attempts ADD COLUMN connector_account TEXT;
CREATE INDEX payment_attempts_reference ON payment_attempts (connector, connector_reference);
