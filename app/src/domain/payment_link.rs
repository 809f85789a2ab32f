//! Payment links: a checkout a merchant prepares once and shares (WhatsApp,
//! SMS, a printed QR code). Each visit to the link opens a fresh checkout
//! session from it, so payments, webhooks and refunds work as for a session
//! made through the API.
//!
//! What the checkout says (line items or an amount, currency, methods,
//! success URL) is a [`CheckoutDraft`], checked as any session is when the
//! link is made and again on each visit. What only a link has is here: who
//! chooses the amount, whether it is used once, until when, how many times.

use super::checkout::{CheckoutDraft, LineItemDraft};
use super::field::{Field, FieldError};
use super::money::MAX_AMOUNT;
use serde::{Deserialize, Serialize};

/// Who decides how much the buyer pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkAmount {
    /// The link's line items or amount.
    Fixed,
    /// The buyer types it, between these bounds (minor units, inclusive).
    BuyerChooses { min: i64, max: i64 },
}

/// What the merchant sends to make or change a link; absent fields keep
/// their value (or take the default when the link is made).
#[derive(Clone, Debug, Default)]
pub struct PaymentLinkDraft {
    pub currency: Option<String>,
    pub line_items: Option<Vec<LineItemDraft>>,
    pub amount: Option<i64>,
    /// Both for a buyer-chosen amount (then neither `amount` nor
    /// `line_items`).
    pub custom_amount_min: Option<i64>,
    pub custom_amount_max: Option<i64>,
    pub description: Option<String>,
    pub payment_method_types: Option<Vec<String>>,
    /// Empty: Lipa's receipt.
    pub success_url: Option<String>,
    /// One payment, then the link closes (default: reusable).
    pub single_use: Option<bool>,
    /// Unix seconds.
    pub expires_at: Option<i64>,
    /// At most this many paid checkouts.
    pub payment_limit: Option<u32>,
    pub active: Option<bool>,
}

/// The link's own rules, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRules {
    pub amount: LinkAmount,
    pub single_use: bool,
    pub expires_at: Option<i64>,
    pub payment_limit: Option<u32>,
    pub active: bool,
}

/// Why a link opens no checkout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkClosed {
    /// The merchant switched it off.
    Inactive,
    Expired,
    /// Paid as often as it may be (once, for a single-use link).
    UsedUp,
}

impl LinkClosed {
    pub fn code(&self) -> &'static str {
        match self {
            LinkClosed::Inactive => "link_inactive",
            LinkClosed::Expired => "link_expired",
            LinkClosed::UsedUp => "link_used_up",
        }
    }
}

impl LinkRules {
    /// Whether a visit at `now` (Unix seconds) opens a checkout, the link
    /// having been paid `paid` times.
    pub fn open_at(&self, now: i64, paid: u32) -> Result<(), LinkClosed> {
        if !self.active {
            return Err(LinkClosed::Inactive);
        }
        if self.expires_at.is_some_and(|at| now >= at) {
            return Err(LinkClosed::Expired);
        }
        let limit = if self.single_use {
            Some(1)
        } else {
            self.payment_limit
        };
        match limit {
            Some(n) if paid >= n => Err(LinkClosed::UsedUp),
            _ => Ok(()),
        }
    }

    /// A buyer's amount (minor units) for a link that lets them choose.
    pub fn check_buyer_amount(&self, minor: i64) -> Result<(), FieldError> {
        match self.amount {
            LinkAmount::Fixed => Err(FieldError::invalid(
                Field::Amount,
                "is set by the link; the buyer cannot choose it",
            )),
            LinkAmount::BuyerChooses { min, max } if minor < min || minor > max => {
                Err(FieldError::new(
                    "amount_out_of_range",
                    Field::Amount,
                    format!("must be between {min} and {max} minor units"),
                ))
            }
            LinkAmount::BuyerChooses { .. } => Ok(()),
        }
    }
}

impl PaymentLinkDraft {
    /// The link's rules for a new link at `now` (Unix seconds).
    pub fn rules(&self, now: i64) -> Result<LinkRules, FieldError> {
        Ok(LinkRules {
            amount: self.amount_choice()?,
            single_use: self.single_use.unwrap_or(false),
            expires_at: check_expiry(self.expires_at, now)?,
            payment_limit: check_limit(self.payment_limit)?,
            active: self.active.unwrap_or(true),
        })
    }

    /// The rules after this draft changes `old` (a link's amount choice is
    /// fixed once made: its QR codes are printed).
    pub fn apply_to(&self, old: &LinkRules, now: i64) -> Result<LinkRules, FieldError> {
        let amount_sent = self.amount.is_some()
            || self.line_items.is_some()
            || self.custom_amount_min.is_some()
            || self.custom_amount_max.is_some()
            || self.currency.is_some();
        if amount_sent {
            return Err(FieldError::invalid(
                Field::Amount,
                "cannot change once the link exists: make a new link",
            ));
        }
        Ok(LinkRules {
            amount: old.amount,
            single_use: self.single_use.unwrap_or(old.single_use),
            expires_at: match self.expires_at {
                Some(_) => check_expiry(self.expires_at, now)?,
                None => old.expires_at,
            },
            payment_limit: match self.payment_limit {
                Some(_) => check_limit(self.payment_limit)?,
                None => old.payment_limit,
            },
            active: self.active.unwrap_or(old.active),
        })
    }

    fn amount_choice(&self) -> Result<LinkAmount, FieldError> {
        let fixed = self.amount.is_some() || self.line_items.is_some();
        match (self.custom_amount_min, self.custom_amount_max) {
            (None, None) if fixed => Ok(LinkAmount::Fixed),
            (None, None) => Err(FieldError::new(
                "parameter_missing",
                Field::Amount,
                "is required: send `amount`, `line_items`, or `custom_amount_min` and `custom_amount_max` for an amount the buyer chooses",
            )),
            _ if fixed => Err(FieldError::invalid(
                Field::CustomAmountMin,
                "cannot go with `amount` or `line_items`",
            )),
            (Some(_), Some(_)) if self.currency.is_none() => Err(FieldError::new(
                "parameter_missing",
                Field::Currency,
                "is required when the buyer chooses the amount",
            )),
            (Some(min), Some(max)) => check_bounds(min, max),
            (None, Some(_)) => Err(FieldError::missing(Field::CustomAmountMin)),
            (Some(_), None) => Err(FieldError::missing(Field::CustomAmountMax)),
        }
    }

    /// What each visit's checkout says, as the link keeps it.
    pub fn checkout_part(&self) -> LinkCheckout {
        LinkCheckout {
            currency: self.currency.clone(),
            line_items: self.line_items.clone(),
            amount: self.amount,
            description: self.description.clone(),
            payment_method_types: self.payment_method_types.clone(),
            success_url: self.success_url.clone().filter(|u| !u.is_empty()),
        }
    }

    /// The checkout a visit opens (see [`LinkCheckout::draft`]).
    pub fn checkout(&self, buyer_amount: Option<i64>) -> CheckoutDraft {
        let custom = self.custom_amount_min.is_some();
        self.checkout_part().draft(custom, buyer_amount)
    }
}

/// What a link's checkout says, kept with the link (JSON) and checked as a
/// session's request on every visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCheckout {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_items: Option<Vec<LineItemDraft>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_method_types: Option<Vec<String>>,
    /// None: Lipa's receipt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_url: Option<String>,
}

impl LinkCheckout {
    /// The checkout a visit opens: the link's words and amount, or, when
    /// the buyer `chooses` it, their `buyer_amount`.
    pub fn draft(&self, chooses: bool, buyer_amount: Option<i64>) -> CheckoutDraft {
        CheckoutDraft {
            currency: self.currency.clone(),
            line_items: if chooses {
                None
            } else {
                self.line_items.clone()
            },
            amount: if chooses { buyer_amount } else { self.amount },
            description: self.description.clone(),
            payment_method_types: self.payment_method_types.clone(),
            success_url: self.success_url.clone(),
            ..CheckoutDraft::default()
        }
    }
}

fn check_bounds(min: i64, max: i64) -> Result<LinkAmount, FieldError> {
    if min <= 0 || min > MAX_AMOUNT {
        return Err(FieldError::new(
            "amount_too_small",
            Field::CustomAmountMin,
            format!("must be between 1 and {MAX_AMOUNT} minor units"),
        ));
    }
    if max < min || max > MAX_AMOUNT {
        return Err(FieldError::invalid(
            Field::CustomAmountMax,
            format!("must be at least `custom_amount_min` and at most {MAX_AMOUNT} minor units"),
        ));
    }
    Ok(LinkAmount::BuyerChooses { min, max })
}

fn check_expiry(at: Option<i64>, now: i64) -> Result<Option<i64>, FieldError> {
    match at {
        Some(at) if at <= now => Err(FieldError::invalid(
            Field::ExpiresAt,
            "must be in the future (Unix seconds)",
        )),
        other => Ok(other),
    }
}

fn check_limit(limit: Option<u32>) -> Result<Option<u32>, FieldError> {
    match limit {
        Some(0) => Err(FieldError::invalid(
            Field::PaymentLimit,
            "must be at least 1",
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_383_600;

    fn fixed() -> PaymentLinkDraft {
        PaymentLinkDraft {
            currency: Some("MZN".into()),
            amount: Some(25_000),
            description: Some("Capulana".into()),
            ..PaymentLinkDraft::default()
        }
    }

    fn chosen(min: i64, max: i64) -> PaymentLinkDraft {
        PaymentLinkDraft {
            currency: Some("MZN".into()),
            custom_amount_min: Some(min),
            custom_amount_max: Some(max),
            ..PaymentLinkDraft::default()
        }
    }

    #[test]
    fn an_amount_is_fixed_or_chosen_by_the_buyer_never_both_never_none() {
        assert_eq!(fixed().rules(NOW).unwrap().amount, LinkAmount::Fixed);
        assert_eq!(
            chosen(1_000, 500_000).rules(NOW).unwrap().amount,
            LinkAmount::BuyerChooses {
                min: 1_000,
                max: 500_000
            }
        );
        let none = PaymentLinkDraft::default().rules(NOW).unwrap_err();
        assert_eq!(
            (none.code.as_str(), none.field),
            ("parameter_missing", Field::Amount)
        );
        let both = PaymentLinkDraft {
            amount: Some(100),
            ..chosen(1, 10)
        };
        assert_eq!(both.rules(NOW).unwrap_err().field, Field::CustomAmountMin);
        let no_currency = PaymentLinkDraft {
            currency: None,
            ..chosen(1, 10)
        };
        assert_eq!(no_currency.rules(NOW).unwrap_err().field, Field::Currency);
        let half = PaymentLinkDraft {
            custom_amount_max: None,
            ..chosen(1, 10)
        };
        assert_eq!(half.rules(NOW).unwrap_err().field, Field::CustomAmountMax);
        assert_eq!(
            chosen(0, 10).rules(NOW).unwrap_err().code,
            "amount_too_small"
        );
        assert_eq!(
            chosen(10, 9).rules(NOW).unwrap_err().field,
            Field::CustomAmountMax
        );
        assert!(chosen(10, MAX_AMOUNT + 1).rules(NOW).is_err());
    }

    #[test]
    fn a_link_opens_until_it_is_off_expired_or_used_up() {
        let reusable = fixed().rules(NOW).unwrap();
        assert_eq!(reusable.open_at(NOW, 1_000), Ok(()));
        let once = PaymentLinkDraft {
            single_use: Some(true),
            ..fixed()
        }
        .rules(NOW)
        .unwrap();
        assert_eq!(once.open_at(NOW, 0), Ok(()));
        assert_eq!(once.open_at(NOW, 1), Err(LinkClosed::UsedUp));
        let three = PaymentLinkDraft {
            payment_limit: Some(3),
            expires_at: Some(NOW + 60),
            ..fixed()
        }
        .rules(NOW)
        .unwrap();
        assert_eq!(three.open_at(NOW, 2), Ok(()));
        assert_eq!(three.open_at(NOW, 3), Err(LinkClosed::UsedUp));
        assert_eq!(three.open_at(NOW + 60, 0), Err(LinkClosed::Expired));
        let off = PaymentLinkDraft {
            active: Some(false),
            ..fixed()
        }
        .rules(NOW)
        .unwrap();
        assert_eq!(off.open_at(NOW, 0), Err(LinkClosed::Inactive));
        assert_eq!(LinkClosed::UsedUp.code(), "link_used_up");
    }

    #[test]
    fn limits_and_expiry_are_checked() {
        let past = PaymentLinkDraft {
            expires_at: Some(NOW),
            ..fixed()
        };
        assert_eq!(past.rules(NOW).unwrap_err().field, Field::ExpiresAt);
        let zero = PaymentLinkDraft {
            payment_limit: Some(0),
            ..fixed()
        };
        assert_eq!(zero.rules(NOW).unwrap_err().field, Field::PaymentLimit);
    }

    #[test]
    fn the_buyer_chooses_within_the_bounds_only_where_allowed() {
        let rules = chosen(1_000, 50_000).rules(NOW).unwrap();
        assert!(rules.check_buyer_amount(1_000).is_ok());
        assert!(rules.check_buyer_amount(50_000).is_ok());
        assert_eq!(
            rules.check_buyer_amount(999).unwrap_err().code,
            "amount_out_of_range"
        );
        assert!(rules.check_buyer_amount(50_001).is_err());
        let fixed_rules = fixed().rules(NOW).unwrap();
        assert!(fixed_rules.check_buyer_amount(25_000).is_err());
    }

    #[test]
    fn an_edit_keeps_the_amount_and_what_it_does_not_send() {
        let old = PaymentLinkDraft {
            payment_limit: Some(5),
            ..fixed()
        }
        .rules(NOW)
        .unwrap();
        let off = PaymentLinkDraft {
            active: Some(false),
            ..PaymentLinkDraft::default()
        };
        let new = off.apply_to(&old, NOW).unwrap();
        assert!(!new.active);
        assert_eq!(new.payment_limit, Some(5));
        assert_eq!(new.amount, LinkAmount::Fixed);
        let reprice = PaymentLinkDraft {
            amount: Some(1),
            ..PaymentLinkDraft::default()
        };
        assert_eq!(
            reprice.apply_to(&old, NOW).unwrap_err().field,
            Field::Amount
        );
    }

    #[test]
    fn each_visit_opens_the_links_checkout() {
        let d = fixed().checkout(Some(1));
        assert_eq!(
            d.amount,
            Some(25_000),
            "a fixed link ignores any buyer amount"
        );
        assert_eq!(d.description.as_deref(), Some("Capulana"));
        let c = PaymentLinkDraft {
            success_url: Some(String::new()),
            ..chosen(1_000, 5_000)
        }
        .checkout(Some(2_500));
        assert_eq!(c.amount, Some(2_500));
        assert_eq!(c.success_url, None, "empty: Lipa's receipt");
        assert_eq!(c.currency.as_deref(), Some("MZN"));
    }
}
