-- Sessions created through the compatible APIs (Zenofy, Waftpay, Orqex):
-- which API made each one, the caller's own reference where that API makes
-- it unique, and what the page must honour (branding, a restriction to one
-- phone or country, payment in parts).

-- `payonify` (the native API), `zenofy`, `waftpay` or `orqex`.
ALTER TABLE checkout_sessions ADD COLUMN api TEXT NOT NULL DEFAULT 'payonify';
ALTER TABLE checkout_sessions ADD COLUMN external_reference TEXT;
-- The fields of the API's own request that only its responses echo (JSON).
ALTER TABLE checkout_sessions ADD COLUMN compat TEXT NOT NULL DEFAULT '{}';
ALTER TABLE checkout_sessions ADD COLUMN brand_name TEXT;
-- `#rrggbb`.
ALTER TABLE checkout_sessions ADD COLUMN brand_color TEXT;
-- E.164; the page takes only this number.
ALTER TABLE checkout_sessions ADD COLUMN restrict_phone TEXT;
-- ISO 3166 alpha-2; the page takes only this country's numbers and methods.
ALTER TABLE checkout_sessions ADD COLUMN restrict_country TEXT;
-- Waftpay's `strict_amount: false`: the buyer may pay in parts until the
-- total is paid (each part is an attempt) or the session expires.
ALTER TABLE checkout_sessions ADD COLUMN allow_partial BIGINT NOT NULL DEFAULT 0;
ALTER TABLE checkout_sessions ADD COLUMN amount_paid BIGINT NOT NULL DEFAULT 0;

-- Waftpay's `checkout_reference` is unique per merchant.
CREATE UNIQUE INDEX checkout_sessions_external_reference
    ON checkout_sessions (merchant_id, livemode, api, external_reference)
    WHERE external_reference IS NOT NULL;

-- A part of a session paid in parts. The double-pay guard still allows
-- only one payment under way per session, and only one success unless the
-- session is paid in parts.
ALTER TABLE payment_attempts ADD COLUMN partial BIGINT NOT NULL DEFAULT 0;
DROP INDEX payment_attempts_one_live;
CREATE UNIQUE INDEX payment_attempts_one_live ON payment_attempts (session_id)
    WHERE status IN ('pending', 'requires_action') OR (status = 'succeeded' AND partial = 0);
