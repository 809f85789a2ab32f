-- Velocity limits (issue 13), shared by every server on the database.

-- One meter per limited key (a client address on the pay endpoints; a
-- phone number, whose row also serialises pushes to it): the generic cell
-- rate algorithm's theoretical arrival time, in milliseconds.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    tat BIGINT NOT NULL
);

-- Pushes to one number in the last minutes, across checkouts.
CREATE INDEX payment_attempts_phone ON payment_attempts (phone, created_at);

-- Deliveries one merchant holds right now (its fair share of slots).
CREATE INDEX webhook_events_merchant_lease ON webhook_events (merchant_id, lease_until);
