//! The domain, in one place: money and currencies, payment methods and phone
//! numbers, the checkout a merchant asks for, and the session state machine.
//! Plain data and pure functions, shared by the server and the browser.

// Dashboard accounts: the server's alone (the buyer page's wasm carries none
// of it).
#[cfg(feature = "ssr")]
pub mod account;
pub mod attempt;
pub mod brand;
pub mod card;
pub mod charge;
pub mod checkout;
pub mod compat;
pub mod currency;
pub mod field;
pub mod ledger;
pub mod locale;
pub mod method;
pub mod money;
pub mod parts;
pub mod payment_link;
pub mod payout;
pub mod phone;
pub mod product;
pub mod provider;
pub mod refund;
pub mod restriction;
pub mod session;
pub mod webhook;

pub use checkout::{CheckoutDraft, NewCheckout};
pub use compat::Api;
pub use currency::Currency;
pub use field::{Field, FieldError};
pub use locale::{Locale, LocalePref, LocaleSource};
pub use method::{MethodId, MethodKind};
pub use money::Money;
pub use restriction::Restriction;
pub use session::{Event, PaymentStatus, SessionState, Status};
pub use webhook::EventType;
