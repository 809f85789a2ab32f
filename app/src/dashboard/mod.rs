//! The merchant dashboard at `/dashboard`: screens drawn on the server from
//! plain data, every form a plain HTML form (it all works without
//! JavaScript). Server only: nothing here reaches the buyer page's wasm,
//! and its stylesheet is its own.

pub mod auth;
pub mod developers;
pub mod frame;
pub mod home;
pub mod links;
pub mod payments;
pub mod security;
pub mod settings;
pub mod team;
pub mod texts;

pub use frame::{Frame, Section};
