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

    /// The calling code payments must come from, if restricted: the
    /// country's, or the fixed number's.
    pub fn calling_code(&self) -> Option<String> {
        let by_country = self
            .country
            .as_deref()
            .and_then(phone::calling_code)
            .map(str::to_owned);
        by_country.or_else(|| phone::calling_code_of(self.phone.as_deref()?))
    }

    /// The methods the buyer is offered out of `methods`: with a
    /// restriction, mobile money only from the restricted country.
    pub fn offered(&self, methods: &[MethodId], currency: Currency) -> Vec<MethodId> {
        let country = self.calling_code();
        methods
            .iter()
            .copied()
            .filter(|m| match (&country, m.kind()) {
                (Some(cc), MethodKind::MobileMoney) => m
                    .phone_rules(currency)
                    .iter()
                    .any(|r| r.country_code == cc.as_str()),
                _ => true,
            })
            .collect()
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
    fn mobile_money_of_other_countries_is_not_offered() {
        let all = [MethodId::Mpesa, MethodId::Emola, MethodId::Card];
        let ke = Restriction {
            phone: Some("+254700000000".into()),
            country: None,
        };
        // Kenyan M-Pesa does not take MZN, so only the card is left.
        assert_eq!(ke.offered(&all, mzn()), vec![MethodId::Card]);
        let mz = Restriction {
            phone: None,
            country: Some("MZ".into()),
        };
        assert_eq!(mz.offered(&all, mzn()), all.to_vec());
        assert_eq!(Restriction::default().offered(&all, mzn()), all.to_vec());
    }
}
