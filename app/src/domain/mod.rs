//! The domain, in one place: money and currencies, payment methods and phone
//! numbers, the checkout a merchant asks for, and the session state machine.
//! Plain data and pure functions, shared by the server and the browser.

pub mod attempt;
pub mod brand;
pub mod card;
pub mod checkout;
pub mod currency;
pub mod locale;
pub mod method;
pub mod money;
pub mod phone;
pub mod product;
pub mod refund;
pub mod session;

pub use checkout::{CheckoutDraft, FieldError, NewCheckout};
pub use currency::Currency;
pub use locale::{Locale, LocalePref, LocaleSource};
pub use method::{MethodId, MethodKind};
pub use money::Money;
pub use session::{Event, PaymentStatus, SessionState, Status};
