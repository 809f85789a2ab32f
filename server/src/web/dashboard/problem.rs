//! A use case's refusal in the dashboard's words: the field named by its
//! label on the screen, the reason in the user's language. A refusal with
//! no words of its own falls back to the API's (English) message.

use crate::error::Conflict;
use app::dashboard::texts::{t, ta};
use app::domain::Locale;
use app::domain::field::{Field, FieldError};

/// The dashboard label of the form field a domain `Field` came from.
fn label(field: &Field) -> Option<&'static str> {
    Some(match field {
        Field::Amount | Field::LineItems | Field::LineItem(..) => "links-amount",
        Field::Currency => "links-currency",
        Field::CustomAmountMin => "links-min",
        Field::CustomAmountMax => "links-max",
        Field::Description => "links-description",
        Field::PaymentMethodTypes
        | Field::PaymentMethodType(_)
        | Field::PaymentMethods
        | Field::PaymentMethod(_) => "links-methods",
        Field::SuccessUrl => "links-success-url",
        Field::ExpiresAt => "links-expires",
        Field::PaymentLimit => "links-limit",
        Field::EmbedOrigins | Field::EmbedOrigin(_) => "settings-origins",
        Field::WebhookUrl => "settings-webhook",
        _ => return None,
    })
}

/// Why the field was refused, as a key of `dashboard.ftl`.
fn reason(e: &FieldError) -> &'static str {
    match (&e.field, e.code.as_str()) {
        (_, "parameter_missing") => "problem-missing",
        (Field::ExpiresAt, _) => "problem-expires-past",
        (Field::CustomAmountMax, "parameter_invalid") => "problem-max-below-min",
        (_, "amount_too_small" | "amount_too_large") => "problem-amount-range",
        (_, "url_invalid") | (Field::SuccessUrl | Field::WebhookUrl, _) => "problem-url",
        (_, "origin_invalid") => "problem-origin",
        (_, "currency_unsupported") => "problem-currency",
        (_, "payment_method_currency" | "payment_method_unavailable") => "problem-method-currency",
        _ => "problem-check",
    }
}

/// A refused field, in `l`.
pub fn field(l: Locale, e: &FieldError) -> String {
    match label(&e.field) {
        Some(label) => ta(l, reason(e), &[("field", &t(l, label))]),
        None => ta(l, "links-error", &[("message", &e.message())]),
    }
}

/// A form value that is no number or date, named by its `label` key.
pub fn unreadable(l: Locale, label: &str) -> String {
    ta(l, "problem-check", &[("field", &t(l, label))])
}

/// A refused action (the object moved on), in `l`.
pub fn conflict(l: Locale, c: &Conflict) -> String {
    let key = match c {
        Conflict::RefundRace => "conflict-refund-race",
        Conflict::PaymentPending => "conflict-payment-pending",
        Conflict::SessionNotOpen => "conflict-session-not-open",
        Conflict::SessionChanged => "conflict-session-changed",
        Conflict::NoEndpoint => "conflict-no-endpoint",
        Conflict::EndpointDisabled => "conflict-endpoint-disabled",
        Conflict::DeliveryInProgress => "conflict-delivery-in-progress",
        other => return ta(l, "payment-problem", &[("message", &other.message())]),
    };
    t(l, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_screens_field_in_the_users_language() {
        let past = FieldError::invalid(Field::ExpiresAt, "must be in the future (Unix seconds)");
        assert_eq!(
            field(Locale::Pt, &past),
            "A data de expiração tem de ser no futuro."
        );
        let missing = FieldError::missing(Field::CustomAmountMin);
        assert_eq!(field(Locale::En, &missing), "Fill in “Minimum”.");
        let url = FieldError::new("url_invalid", Field::WebhookUrl, "must use https");
        assert!(field(Locale::Fr, &url).contains("https://"));
        // A field no screen shows: the API's words, inside the sentence.
        let other = FieldError::invalid(Field::Locale, "is not a language Lipa speaks");
        assert!(field(Locale::Pt, &other).contains("`locale` is not a language"));
        assert_eq!(
            conflict(Locale::Pt, &Conflict::SessionNotOpen),
            "O checkout já não está aberto."
        );
    }
}
