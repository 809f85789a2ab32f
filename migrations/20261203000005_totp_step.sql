-- The time step (Unix seconds / 30) of the last TOTP code a user signed in
-- or enrolled with: a code works once (RFC 6238 section 5.2), so one
-- overheard or phished code cannot open a second session.
ALTER TABLE users ADD COLUMN totp_step BIGINT;
