-- Charges: a charge is a checkout session of kind 'charge' (one payment
-- method, no hosted page), so both go through the same payments, sweeper,
-- refunds and ledger. What only charges have is kept in `charge` (JSON:
-- statement descriptor, shipping, the wallet given at creation).
ALTER TABLE checkout_sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'checkout';
ALTER TABLE checkout_sessions ADD COLUMN charge TEXT NOT NULL DEFAULT '{}';
ALTER TABLE checkout_sessions ADD COLUMN cancellation_reason TEXT;
ALTER TABLE checkout_sessions ADD COLUMN cancelled_at BIGINT;
CREATE INDEX checkout_sessions_charges ON checkout_sessions (merchant_id, livemode, kind, created_seq);

-- Payouts: money sent from a merchant's balance to a mobile wallet. The
-- amount is reserved on the ledger (a `payout` balance transaction) in the
-- transaction that inserts the row, and returned (`payout_failure`) if it
-- fails.
CREATE TABLE payouts (
    id                  TEXT PRIMARY KEY,
    merchant_id         TEXT NOT NULL REFERENCES merchants (id),
    livemode            BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    amount              BIGINT NOT NULL CHECK (amount > 0),
    currency            TEXT NOT NULL,
    provider            TEXT NOT NULL,
    phone               TEXT NOT NULL,
    status              TEXT NOT NULL,
    description         TEXT,
    metadata            TEXT NOT NULL,
    failure_code        TEXT,
    failure_message     TEXT,
    -- Where its events go (signed with this product's webhook secret).
    product_id          TEXT,
    connector           TEXT NOT NULL,
    connector_account   TEXT,
    connector_reference TEXT,
    -- An unguessable path part for the provider's result callback.
    callback_token      TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    created_seq         BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    arrived_at          BIGINT
);
CREATE INDEX payouts_list ON payouts (merchant_id, livemode, created_seq);
CREATE INDEX payouts_pending ON payouts (status, updated_at);
