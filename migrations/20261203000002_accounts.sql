-- Dashboard accounts (issue 18): people who sign in, the merchants they
-- belong to and their role there, one-time sign-up links, signed-in
-- sessions, sign-in attempts (for lock-out) and the audit log.
CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    -- Lower-cased.
    email          TEXT NOT NULL UNIQUE,
    -- argon2id in PHC form; never the password.
    password_hash  TEXT NOT NULL,
    -- The TOTP secret, encrypted with the server's master key; NULL
    -- without two-factor.
    totp_secret    TEXT,
    -- JSON list of SHA-256 hashes of the unused recovery codes.
    recovery_codes TEXT NOT NULL DEFAULT '[]',
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

CREATE TABLE memberships (
    user_id      TEXT NOT NULL REFERENCES users (id),
    merchant_id  TEXT NOT NULL REFERENCES merchants (id),
    role         TEXT NOT NULL CHECK (role IN ('owner', 'developer', 'support', 'viewer')),
    -- For support: the largest refund (minor units, any currency) they may
    -- make; NULL means none.
    refund_limit BIGINT,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (user_id, merchant_id)
);
CREATE INDEX memberships_merchant ON memberships (merchant_id);

-- One-time links: `lipa user create` and owners' invitations. Only the
-- token's SHA-256 is kept.
CREATE TABLE sign_up_links (
    token_hash  TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    email       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'developer', 'support', 'viewer')),
    invited_by  TEXT,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX sign_up_links_merchant ON sign_up_links (merchant_id, created_at);

-- A browser's signed-in session: the cookie's SHA-256, the CSRF token its
-- forms carry, the merchant and mode it looks at. `stage` is
-- 'second_factor' between the password and the TOTP code.
CREATE TABLE dashboard_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    stage       TEXT NOT NULL CHECK (stage IN ('second_factor', 'signed_in')),
    csrf_token  TEXT NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    livemode    BIGINT NOT NULL CHECK (livemode IN (0, 1)),
    last_seen   BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_id);

CREATE TABLE sign_in_attempts (
    email      TEXT NOT NULL,
    ip         TEXT NOT NULL,
    succeeded  BIGINT NOT NULL CHECK (succeeded IN (0, 1)),
    created_at BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, created_at);
CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip, created_at);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    user_id     TEXT,
    email       TEXT NOT NULL,
    action      TEXT NOT NULL,
    subject     TEXT,
    ip          TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX audit_log_merchant ON audit_log (merchant_id, created_at);
