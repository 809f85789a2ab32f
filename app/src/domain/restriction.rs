//! Who may pay a checkout, as the merchant restricted it (Orqex's
//! `restriction`): one phone number, or one country's numbers. The page
//! offers only what the restriction allows and the server refuses the rest.

use super::currency::Currency;
use super::field::{Field, FieldError};
use super::method::{MethodId, MethodKind};
use super::phone::{self, PhoneError};
use serde::{Deserialize, Serialize};

/// A checked restriction; the default restricts nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restriction {
    /// The only number that may pay, E.164.
    pub phone: Option<String>,
    /// The only country whose numbers may pay, ISO 3166 alpha-2 upper case.
    pub country: Option<String>,
}

/// A restriction as a request gives it, unchecked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestrictionDraft {
    pub country: Option<String>,
    /// The number, in E.164 or national form.
    pub phone: Option<String>,
    /// The country of a national `phone` (defaults to `country`).
    pub phone_country: Option<String>,
}

impl RestrictionDraft {
    pub fn validate(self) -> Result<Restriction, FieldError> {
        let country = match &self.country {
            Some(c) => {
                phone::calling_code(c).ok_or_else(|| {
                    FieldError::invalid(
                        Field::RestrictionCountry,
                        "must be an ISO 3166 alpha-2 country we serve",
                    )
                })?;
                Some(c.trim().to_ascii_uppercase())
            }
            None => None,
        };
        let phone = match &self.phone {
            Some(number) => {
                let hint = self.phone_country.as_deref().or(country.as_deref());
                let e164 = phone::normalise_in(number, hint).ok_or_else(|| {
                    FieldError::invalid(
                        Field::RestrictionPhone,
                        "must be in E.164 (+258840000000) or come with its country",
                    )
                })?;
                if country
                    .as_deref()
                    .is_some_and(|c| !phone::in_country(&e164, c))
                {
                    return Err(FieldError::invalid(
                        Field::RestrictionPhone,
                        "is not in the restricted country",
                    ));
                }
                Some(e164)
            }
            None => None,
        };
        Ok(Restriction { phone, country })
    }
}

impl Restriction {
    pub fn is_none(&self) -> bool {
        self.phone.is_none() && self.country.is_none()
    }

    /// The methods the buyer is offered out of `methods`.
    pub fn offered(&self, methods: &[MethodId], currency: Currency) -> Vec<MethodId> {
        methods
            .iter()
            .copied()
            .filter(|m| self.offers(*m, currency))
            .collect()
    }

    /// A restriction must leave the buyer a way to pay.
    pub fn leaves_a_method(
        &self,
        methods: &[MethodId],
        currency: Currency,
    ) -> Result<(), FieldError> {
        if self.is_none() || !self.offered(methods, currency).is_empty() {
            return Ok(());
        }
        let field = match self.phone {
            Some(_) => Field::RestrictionPhone,
            None => Field::RestrictionCountry,
        };
        let reason = format!(
            "leaves no payment method: none of this checkout's methods reaches it in {}",
            currency.code()
        );
        Err(FieldError::invalid(field, reason))
    }

    /// Whether the buyer may pay with `m`: restricted to a number, only
    /// mobile money that reaches that number; restricted to a country, only
    /// that country's methods (its mobile money for this currency, its local
    /// card and bank schemes); never an international method, which could
    /// be paid from anywhere by anyone.
    fn offers(&self, m: MethodId, currency: Currency) -> bool {
        let rules = m.phone_rules(currency);
        if let Some(number) = &self.phone {
            return rules.iter().any(|r| r.normalise(number).is_ok());
        }
        let Some(country) = &self.country else {
            return true;
        };
        match m.kind() {
            MethodKind::MobileMoney => {
                let cc = phone::calling_code(country);
                rules.iter().any(|r| Some(r.country_code) == cc)
            }
            MethodKind::Card | MethodKind::Redirect => m.countries().contains(&country.as_str()),
        }
    }

    /// Whether a number (E.164) may pay.
    pub fn allows(&self, e164: &str) -> Result<(), PhoneError> {
        if self.phone.as_deref().is_some_and(|only| only != e164) {
            return Err(PhoneError::NotAllowed);
        }
        if self
            .country
            .as_deref()
            .is_some_and(|c| !phone::in_country(e164, c))
        {
            return Err(PhoneError::WrongCountry);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mzn() -> Currency {
        Currency::parse("MZN").unwrap()
    }

    #[test]
    fn a_country_or_a_number() {
        let r = RestrictionDraft {
            country: Some("mz".into()),
            phone: Some("84 000 0000".into()),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(r.country.as_deref(), Some("MZ"));
        assert_eq!(r.phone.as_deref(), Some("+258840000000"));
        let e = RestrictionDraft {
            country: Some("KE".into()),
            phone: Some("+258840000000".into()),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field, Field::RestrictionPhone);
        let e = RestrictionDraft {
            country: Some("XX".into()),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field, Field::RestrictionCountry);
        let e = RestrictionDraft {
            phone: Some("840000000".into()),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field, Field::RestrictionPhone);
    }

    #[test]
    fn only_the_restricted_number_or_country_pays() {
        let one = Restriction {
            phone: Some("+258840000000".into()),
            country: None,
        };
        assert_eq!(one.allows("+258840000000"), Ok(()));
        assert_eq!(one.allows("+258840000001"), Err(PhoneError::NotAllowed));
        let mz = Restriction {
            phone: None,
            country: Some("MZ".into()),
        };
        assert_eq!(mz.allows("+258860000000"), Ok(()));
        assert_eq!(mz.allows("+254700000000"), Err(PhoneError::WrongCountry));
        assert_eq!(Restriction::default().allows("+254700000000"), Ok(()));
    }

    #[test]
    fn a_restriction_offers_only_what_reaches_that_number_or_country() {
        let all = MethodId::ALL;
        let phone = |n: &str| Restriction {
            phone: Some(n.into()),
            country: None,
        };
        let country = |c: &str| Restriction {
            phone: None,
            country: Some(c.into()),
        };
        // A Vodacom number: M-Pesa only (e-Mola is another network; cards
        // and redirects could be paid by anyone).
        assert_eq!(
            phone("+258840000000").offered(&all, mzn()),
            vec![MethodId::Mpesa]
        );
        assert_eq!(
            phone("+258860000000").offered(&all, mzn()),
            vec![MethodId::Emola]
        );
        // Kenyan M-Pesa does not take MZN: nothing is left.
        assert_eq!(phone("+254700000000").offered(&all, mzn()), vec![]);
        assert_eq!(
            country("MZ").offered(&all, mzn()),
            vec![MethodId::Mpesa, MethodId::Emola, MethodId::Emis]
        );
        let usd = Currency::parse("USD").unwrap();
        assert_eq!(
            country("ZW").offered(&all, usd),
            vec![MethodId::Ecocash, MethodId::Onemoney, MethodId::Zimswitch]
        );
        assert_eq!(country("KE").offered(&all, mzn()), vec![]);
        assert_eq!(Restriction::default().offered(&all, mzn()), all.to_vec());
    }
}
