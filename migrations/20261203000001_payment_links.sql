-- Payment links (issue 18): a checkout a merchant prepares once and
-- shares; each visit to /l/{id} opens a fresh checkout session from it.
-- Ids are global (the short URL finds the link without a key).
CREATE TABLE payment_links (
    id                TEXT PRIMARY KEY,
    merchant_id       TEXT NOT NULL REFERENCES merchants (id),
    livemode          BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    -- What each visit's checkout says (JSON: currency, line items or
    -- amount, description, methods, success URL).
    checkout          TEXT NOT NULL,
    -- Both set: the buyer chooses the amount between them (minor units).
    custom_amount_min BIGINT,
    custom_amount_max BIGINT,
    single_use        BIGINT NOT NULL CHECK (single_use IN (0, 1)),
    expires_at        BIGINT,
    payment_limit     BIGINT,
    active            BIGINT NOT NULL CHECK (active IN (0, 1)),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX payment_links_list ON payment_links (merchant_id, livemode, created_at);

-- The link a session was opened from, if any.
ALTER TABLE checkout_sessions ADD COLUMN payment_link TEXT;
CREATE INDEX checkout_sessions_payment_link ON checkout_sessions (payment_link, payment_status);
