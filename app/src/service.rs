//! The seam between the buyer page and the server's order state.
//!
//! The page only sees plain data ([`CheckoutPage`]) and asks for changes
//! through [`CheckoutService`], which the server implements over its
//! database and payment connectors and provides as Leptos context.

pub use crate::domain::attempt::AttemptStatus;
use crate::domain::card::{Brand, CardError, CardInput};
use crate::domain::checkout::{LineItem, SubmitType};
use crate::domain::method::MethodKind;
use crate::domain::phone::PhoneError;
use crate::domain::{Locale, LocaleSource, MethodId, Money, PaymentStatus, Status};
use serde::{Deserialize, Serialize};

/// Everything the buyer page shows about one checkout, and nothing more:
/// no secrets, no merchant metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckoutPage {
    pub id: String,
    pub merchant_name: String,
    pub livemode: bool,
    pub description: Option<String>,
    pub line_items: Vec<LineItem>,
    pub total: Money,
    pub status: Status,
    pub payment_status: PaymentStatus,
    /// Methods the buyer can pay with on this page, in display order.
    pub methods: Vec<MethodId>,
    /// Methods whose details the provider collects on its own page (a live
    /// card through Stripe Checkout): the page asks for nothing and sends
    /// the buyer there.
    pub hosted: Vec<MethodId>,
    pub submit_type: SubmitType,
    /// The customer's phone from the API, to prefill the number field.
    pub prefill_phone: Option<String>,
    pub cancel_url: Option<String>,
    /// `success_url` with its placeholder filled, once the session is paid.
    pub return_url: Option<String>,
    /// The charge reference shown on the receipt.
    pub reference: String,
    /// The latest payment attempt, if any.
    pub attempt: Option<Attempt>,
    /// Unix seconds.
    pub expires_at: i64,
    /// Origins the merchant allows to frame this page (the product's
    /// `embed_origins`); the page posts its events only to one of these.
    pub embed_origins: Vec<String>,
    /// The merchant's brand colour (`#rrggbb`) and the text colour chosen
    /// to read on it.
    pub brand_color: Option<(String, String)>,
    /// The only number that may pay (E.164), when the merchant set one.
    pub locked_phone: Option<String>,
    /// Sessions paid in parts: what is paid so far and what is left.
    pub partial: Option<(Money, Money)>,
}

impl CheckoutPage {
    /// How the page collects `m`: as its kind says, unless the provider
    /// collects it on its own page.
    pub fn kind_of(&self, m: MethodId) -> MethodKind {
        if self.hosted.contains(&m) {
            MethodKind::Redirect
        } else {
            m.kind()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub method: MethodId,
    /// What this attempt pays: the total, or a part of it.
    pub amount: Money,
    /// E.164.
    pub phone: Option<String>,
    /// Cards: brand and last four digits only.
    pub card_brand: Option<Brand>,
    pub card_last4: Option<String>,
    pub status: AttemptStatus,
    pub failure_code: Option<String>,
    /// Where the buyer must go next (3-D Secure, the provider's page).
    pub next_action_url: Option<String>,
    /// The payment provider whose own page the buyer pays on (Stripe,
    /// Flutterwave, PayFast), by the name buyers know; `None` for Lipa's
    /// own pages (the sandbox).
    pub provider_page: Option<String>,
    /// Seconds left before the attempt times out, as of this response.
    pub seconds_left: i64,
    /// Unix seconds.
    pub created_at: i64,
    pub updated_at: i64,
}

/// A page load: the language chosen for the buyer and the checkout, or
/// `None` when no checkout has that id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageData {
    pub locale: Locale,
    /// Why the page speaks `locale`; the switcher is hidden when the
    /// merchant fixed the language.
    pub locale_source: LocaleSource,
    pub checkout: Option<CheckoutPage>,
    /// What the page's Content-Security-Policy must allow; used on the
    /// server only, never sent to the browser.
    #[serde(skip)]
    pub policy: PagePolicy,
    /// What a form post without JavaScript sent and why it was refused, so
    /// the page can show the error next to what the buyer typed.
    pub echo: Option<FormEcho>,
    /// The merchant's logo: its URL and size in pixels. Drawn on the server
    /// only (kept out of `CheckoutPage`, which the browser's code reads).
    #[serde(skip)]
    pub logo: Option<(String, i64, i64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormEcho {
    pub method: Option<MethodId>,
    pub phone: String,
    /// The card's expiry and name come back; its number and CVC never do.
    pub card_expiry: String,
    pub card_name: String,
    /// Sessions paid in parts: the amount typed.
    #[serde(default)]
    pub amount: String,
    pub problem: PayProblem,
}

/// Origins a checkout's page must be allowed to reach beyond its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PagePolicy {
    /// Where a form post may end up after redirects: the merchant's success
    /// URL, a bank's or provider's page.
    pub form_targets: Vec<String>,
    /// Who may frame the page (`frame-ancestors`); empty means nobody.
    pub frame_ancestors: Vec<String>,
}

/// The `frame-ancestors` source list for pages a merchant may frame: the
/// allowed origins and our own, or `'none'` when no origin is allowed.
pub fn frame_ancestors(origins: &[String]) -> String {
    if origins.is_empty() {
        "'none'".to_owned()
    } else {
        format!("'self' {}", origins.join(" "))
    }
}

/// What the buyer asked for when pressing Pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayRequest {
    pub method: MethodId,
    pub phone: Option<String>,
    pub card: Option<CardInput>,
    /// Sessions paid in parts: the amount to pay now, as typed (major units).
    #[serde(default)]
    pub amount: Option<String>,
    /// Where the request came from, as the server saw it; never sent by
    /// the browser.
    #[serde(skip)]
    pub client: Option<ClientIp>,
}

/// The buyer's address as the server judges it (the peer, or the header a
/// trusted proxy sets): the key of the per-client velocity limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// Why a payment could not start. Shown to the buyer in their language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayProblem {
    Phone(PhoneError),
    Card(CardError),
    MethodUnavailable,
    /// Sessions paid in parts: not an amount from one minor unit to what is left.
    Amount,
    SessionClosed,
    NotFound,
    /// The server could not be reached or failed; trying again may work.
    Unavailable,
    /// This checkout has had as many failed payments as it may have.
    TooManyAttempts,
    /// This phone number has had as many payment requests as it may have
    /// for now.
    TooManyPushes,
    /// Too many tries from the buyer's connection; waiting a little helps.
    TooFast,
}

impl PayProblem {
    /// Fluent message id.
    pub fn message_id(&self) -> String {
        match self {
            PayProblem::Phone(e) => format!("error-{}", e.code()),
            PayProblem::Card(e) => format!("error-{}", e.code()),
            PayProblem::MethodUnavailable => "error-method_unavailable".into(),
            PayProblem::Amount => "error-amount_invalid".into(),
            PayProblem::SessionClosed | PayProblem::NotFound => "error-session_closed".into(),
            PayProblem::Unavailable => "error-generic".into(),
            PayProblem::TooManyAttempts => "error-too_many_attempts".into(),
            PayProblem::TooManyPushes => "error-too_many_pushes".into(),
            PayProblem::TooFast => "error-too_fast".into(),
        }
    }

    /// Stable code, as the pay form's data carries it to the browser.
    pub fn code(&self) -> &'static str {
        match self {
            PayProblem::Phone(e) => e.code(),
            PayProblem::Card(e) => e.code(),
            PayProblem::MethodUnavailable => "method_unavailable",
            PayProblem::Amount => "amount_invalid",
            PayProblem::SessionClosed => "session_closed",
            PayProblem::NotFound => "not_found",
            PayProblem::Unavailable => "unavailable",
            PayProblem::TooManyAttempts => "too_many_attempts",
            PayProblem::TooManyPushes => "too_many_pushes",
            PayProblem::TooFast => "too_fast",
        }
    }

    /// The problem a [`PayProblem::code`] names.
    pub fn parse(code: &str) -> Option<PayProblem> {
        PayProblem::all().find(|p| p.code() == code)
    }

    /// Every problem there is.
    fn all() -> impl Iterator<Item = PayProblem> {
        let others = [
            PayProblem::MethodUnavailable,
            PayProblem::Amount,
            PayProblem::SessionClosed,
            PayProblem::NotFound,
            PayProblem::Unavailable,
            PayProblem::TooManyAttempts,
            PayProblem::TooManyPushes,
            PayProblem::TooFast,
        ];
        PhoneError::ALL
            .into_iter()
            .map(PayProblem::Phone)
            .chain(CardError::ALL.into_iter().map(PayProblem::Card))
            .chain(others)
    }

    /// The velocity limits: refused with `429 Too Many Requests`.
    pub fn is_limit(&self) -> bool {
        matches!(
            self,
            PayProblem::TooManyAttempts | PayProblem::TooManyPushes | PayProblem::TooFast
        )
    }

    /// A limit's name, as carried by a 429 from the `pay` server function.
    pub fn limit_code(&self) -> Option<&'static str> {
        match self {
            PayProblem::TooManyAttempts => Some("too_many_attempts"),
            PayProblem::TooManyPushes => Some("too_many_pushes"),
            PayProblem::TooFast => Some("too_fast"),
            _ => None,
        }
    }

    /// The limit a 429's body names, if any.
    pub fn from_limit_code(code: &str) -> Option<PayProblem> {
        [
            PayProblem::TooManyAttempts,
            PayProblem::TooManyPushes,
            PayProblem::TooFast,
        ]
        .into_iter()
        .find(|p| p.limit_code().is_some_and(|c| code.contains(c)))
    }
}

/// Language hints from the buyer's request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LangHints {
    /// `?lang=` on the page's URL (or the switcher's choice).
    pub query: Option<String>,
    /// The language the buyer chose earlier, from our first-party cookie.
    pub remembered: Option<String>,
    pub accept_language: Option<String>,
}

#[cfg(feature = "ssr")]
pub use ssr::*;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use std::sync::Arc;

    #[derive(Debug, thiserror::Error)]
    #[error("checkout service failed: {0}")]
    pub struct ServiceError(pub String);

    /// Order state as the page needs it. Implemented by the server.
    #[async_trait::async_trait]
    pub trait CheckoutService: Send + Sync + 'static {
        /// The checkout as the buyer should see it now. Settles what can be
        /// settled first (a payment the provider has answered, a session
        /// past its expiry), so a reload always shows the truth.
        async fn page(&self, id: &str, hints: &LangHints) -> Result<PageData, ServiceError>;

        /// Starts a payment. Starting twice while one is pending returns the
        /// pending one rather than a second payment.
        async fn pay(
            &self,
            id: &str,
            request: PayRequest,
        ) -> Result<Result<CheckoutPage, PayProblem>, ServiceError>;

        /// The buyer gives up on an attempt that waits for them (a 3-D Secure
        /// challenge, a provider's page) to choose another method.
        async fn abandon(&self, id: &str) -> Result<CheckoutPage, ServiceError>;
    }

    /// How the service travels in Leptos context.
    pub type SharedCheckoutService = Arc<dyn CheckoutService>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pay_problem_comes_back_from_its_code() {
        let all: Vec<PayProblem> = PayProblem::all().collect();
        assert_eq!(
            all.len(),
            7 + 7 + 8,
            "every variant, every phone and card error"
        );
        for p in &all {
            assert_eq!(PayProblem::parse(p.code()), Some(*p), "{p:?}");
        }
        let codes: std::collections::HashSet<_> = all.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), all.len(), "codes are unique");
        assert_eq!(PayProblem::parse("nonsense"), None);
    }
}
