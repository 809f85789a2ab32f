//! Storage, one module per table. Plain functions over the pool or a
//! transaction; no logic beyond what the SQL guarantees.

pub mod attempts;
pub mod chargebacks;
pub mod events;
pub mod idempotency;
pub mod merchants;
pub mod products;
pub mod refunds;
pub mod sessions;
