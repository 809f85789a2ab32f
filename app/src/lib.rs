#![recursion_limit = "256"]
//! Lipa's buyer page and the domain it shares with the server.
//!
//! - [`domain`]: money, currencies, methods, validation, the session state
//!   machine. Pure, tested, used on both sides.
//! - [`i18n`]: Fluent messages for every string a buyer sees.
//! - [`service`]: the plain data the page shows and the trait through which
//!   the server provides order state (the app never touches a database).
//! - [`api`]: server functions, the page's calls into that service.
//! - [`page`]: the Leptos components: shell, router, checkout screens.

pub mod api;
#[cfg(feature = "ssr")]
pub mod dashboard;
pub mod domain;
pub mod i18n;
pub mod page;
pub mod service;

pub use page::App;
#[cfg(feature = "ssr")]
pub use page::shell;
