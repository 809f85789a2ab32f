-- When each API key was last used (to the minute), for the dashboard's
-- Developers screen.
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT;
