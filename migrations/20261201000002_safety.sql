-- Safe for live money (issue 13).

-- An endpoint's health belongs to one mode: a 410 answered to a test event
-- does not disable the live endpoint at the same URL. Existing health is
-- kept for both modes.
CREATE TABLE webhook_endpoints_new (
    merchant_id     TEXT NOT NULL,
    livemode        BIGINT NOT NULL CHECK (livemode IN (0, 1)),
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
    PRIMARY KEY (merchant_id, livemode, url)
);
INSERT INTO webhook_endpoints_new
    SELECT merchant_id, mode.livemode, url, disabled_at, disabled_reason, failing_since,
           exhausted_at, last_success_at, last_failure_at
    FROM webhook_endpoints, (SELECT 0 AS livemode UNION ALL SELECT 1) AS mode;
DROP TABLE webhook_endpoints;
ALTER TABLE webhook_endpoints_new RENAME TO webhook_endpoints;

-- Replayed answers are now stored encrypted. Answers stored in clear that
-- carry a product's webhook secret are dropped now rather than kept for
-- the rest of their 24 hours.
DELETE FROM idempotency_keys WHERE response_body LIKE '%whsec\_%' ESCAPE '\';
