//! Lipa's buyer page and the domain it shares with the server.
//!
//! - [`domain`]: money, currencies, methods, validation, the state machine.
pub mod domain;
pub mod i18n;
