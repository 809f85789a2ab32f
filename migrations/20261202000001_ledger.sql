-- The balance ledger (double entry). A balance transaction is one movement
-- of a merchant's money in one mode and currency, pointing at what caused
-- it; its legs (ledger_entries) sum to zero. `balances` holds each
-- available balance, written only by the ledger, in the same transaction
-- as the legs, by a conditional UPDATE for payouts (`... AND available >=
-- n`), so concurrent payouts can never overdraw it.
CREATE TABLE balance_transactions (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL REFERENCES merchants (id),
    livemode     BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    currency     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    -- The effect on the available balance, in minor units (signed).
    net          BIGINT NOT NULL,
    -- The object that caused it: pay_…, re_…, cb_…, po_…
    source       TEXT NOT NULL,
    description  TEXT,
    created_at   BIGINT NOT NULL,
    created_seq  BIGINT NOT NULL
);
CREATE INDEX balance_transactions_list ON balance_transactions (merchant_id, livemode, created_seq);
-- One movement per kind and source: posting twice is refused.
CREATE UNIQUE INDEX balance_transactions_once ON balance_transactions (kind, source);

CREATE TABLE ledger_entries (
    id                  TEXT PRIMARY KEY,
    balance_transaction TEXT NOT NULL REFERENCES balance_transactions (id),
    merchant_id         TEXT NOT NULL,
    livemode            BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    currency            TEXT NOT NULL,
    account             TEXT NOT NULL CHECK (account IN ('available', 'provider_clearing', 'payouts')),
    amount              BIGINT NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (merchant_id, livemode, currency, account);

CREATE TABLE balances (
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    livemode    BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    currency    TEXT NOT NULL,
    available   BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, livemode, currency)
);

-- What was paid, refunded and charged back before the ledger existed,
-- posted once, so every balance starts as the sum of its history.
INSERT INTO balance_transactions (id, merchant_id, livemode, currency, kind, net, source, description, created_at, created_seq)
SELECT 'txn_bf_' || a.id, s.merchant_id, s.livemode, a.currency, 'payment', a.amount, a.id, s.description,
       a.updated_at, a.updated_at * 1000
FROM payment_attempts a JOIN checkout_sessions s ON s.id = a.session_id
WHERE a.status = 'succeeded';

INSERT INTO balance_transactions (id, merchant_id, livemode, currency, kind, net, source, description, created_at, created_seq)
SELECT 'txn_bf_' || r.id, r.merchant_id, r.livemode, r.currency, 'refund', -r.amount, r.id, r.reason,
       r.created_at, r.created_seq
FROM refunds r
WHERE r.status <> 'failed';

INSERT INTO balance_transactions (id, merchant_id, livemode, currency, kind, net, source, description, created_at, created_seq)
SELECT 'txn_bf_' || c.id, s.merchant_id, s.livemode, a.currency, 'chargeback', -c.amount, c.id, c.reason,
       c.created_at, c.created_at * 1000
FROM chargebacks c
JOIN payment_attempts a ON a.id = c.attempt_id
JOIN checkout_sessions s ON s.id = c.session_id;

INSERT INTO ledger_entries (id, balance_transaction, merchant_id, livemode, currency, account, amount)
SELECT 'le_bf_' || id || '_0', id, merchant_id, livemode, currency, 'available', net
FROM balance_transactions;

INSERT INTO ledger_entries (id, balance_transaction, merchant_id, livemode, currency, account, amount)
SELECT 'le_bf_' || id || '_1', id, merchant_id, livemode, currency, 'provider_clearing', -net
FROM balance_transactions;

INSERT INTO balances (merchant_id, livemode, currency, available)
SELECT merchant_id, livemode, currency, SUM(net)
FROM balance_transactions
GROUP BY merchant_id, livemode, currency;
