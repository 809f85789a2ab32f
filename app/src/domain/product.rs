//! A merchant's product: the settings a checkout inherits (main currency,
//! enabled methods, webhook endpoint, where it may be embedded).

use super::checkout::check_url;
use super::currency::Currency;
use super::field::{Field, FieldError};
use super::method::MethodId;

pub const PRODUCT_TYPE: &str = "api_gateway";
pub const MAX_EMBED_ORIGINS: usize = 20;

/// The request to create or change a product, unchecked. `None` means "not
/// sent": on update the current value stays.
#[derive(Clone, Debug, Default)]
pub struct ProductDraft {
    pub product_type: Option<String>,
    pub name: Option<String>,
    pub main_currency: Option<String>,
    pub payment_methods: Option<Vec<String>>,
    /// An empty string removes the webhook URL.
    pub webhook_url: Option<String>,
    /// Write-only: `whsec_` and base64 of 24 to 64 bytes (the Standard
    /// Webhooks format). Every product has one; the server makes one up
    /// when a product is created without it.
    pub webhook_secret: Option<String>,
    pub embed_origins: Option<Vec<String>>,
    pub active: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretChange {
    Keep,
    Set(String),
}

/// A checked product.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct ProductSpec {
    pub name: String,
    pub main_currency: Currency,
    pub payment_methods: Vec<MethodId>,
    pub webhook_url: Option<String>,
    pub embed_origins: Vec<String>,
    pub active: bool,
}

impl ProductDraft {
    /// A new product: `name` and `main_currency` are required; every method
    /// is enabled unless `payment_methods` says otherwise.
    pub fn create(self, livemode: bool) -> Result<(ProductSpec, SecretChange), FieldError> {
        let name = self
            .name
            .clone()
            .ok_or_else(|| FieldError::missing(Field::Name))?;
        let currency = self
            .main_currency
            .clone()
            .ok_or_else(|| FieldError::missing(Field::MainCurrency))?;
        let base = ProductSpec {
            name,
            main_currency: parse_currency(&currency)?,
            payment_methods: MethodId::ALL.to_vec(),
            webhook_url: None,
            embed_origins: vec![],
            active: true,
        };
        self.update(base, livemode)
    }

    /// Applies the fields that were sent on top of `current`.
    pub fn update(
        self,
        current: ProductSpec,
        livemode: bool,
    ) -> Result<(ProductSpec, SecretChange), FieldError> {
        if self
            .product_type
            .as_deref()
            .is_some_and(|t| t != PRODUCT_TYPE)
        {
            return Err(FieldError::invalid(
                Field::ProductType,
                format!("must be `{PRODUCT_TYPE}`"),
            ));
        }
        let mut spec = current;
        if let Some(name) = self.name {
            let trimmed = name.trim();
            let n = trimmed.chars().count();
            if n == 0 || n > 100 {
                return Err(FieldError::invalid(
                    Field::Name,
                    "must be between 1 and 100 characters",
                ));
            }
            spec.name = trimmed.to_owned();
        }
        if let Some(c) = self.main_currency {
            spec.main_currency = parse_currency(&c)?;
        }
        if let Some(list) = self.payment_methods {
            spec.payment_methods = parse_methods(&list)?;
        }
        if let Some(url) = self.webhook_url {
            spec.webhook_url = if url.is_empty() {
                None
            } else {
                Some(check_url(url, Field::WebhookUrl, livemode)?)
            };
        }
        if let Some(origins) = self.embed_origins {
            spec.embed_origins = parse_origins(&origins, livemode)?;
        }
        if let Some(active) = self.active {
            spec.active = active;
        }
        let secret = match self.webhook_secret {
            None => SecretChange::Keep,
            Some(s) if is_webhook_secret(&s) => SecretChange::Set(s),
            Some(_) => {
                return Err(FieldError::invalid(
                    Field::WebhookSecret,
                    "must be `whsec_` followed by base64 of 24 to 64 bytes",
                ));
            }
        };
        Ok((spec, secret))
    }
}

/// A product id a merchant brings from another gateway (its code names the
/// product): 1 to 64 letters, digits, `_` or `-`.
pub fn check_id(id: String) -> Result<String, FieldError> {
    let ok = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(id)
    } else {
        Err(FieldError::invalid(
            Field::Id,
            "must be 1 to 64 letters, digits, `_` or `-`",
        ))
    }
}

/// `whsec_` + padded base64 of 24 to 64 bytes.
pub fn is_webhook_secret(s: &str) -> bool {
    let Some(b64) = s.strip_prefix("whsec_") else {
        return false;
    };
    let body = b64.trim_end_matches('=');
    let padding = b64.len() - body.len();
    let well_formed = b64.len() % 4 == 0
        && padding <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    let bytes = b64.len() / 4 * 3 - padding;
    well_formed && (24..=64).contains(&bytes)
}

fn parse_currency(code: &str) -> Result<Currency, FieldError> {
    Currency::of_field(code, Field::MainCurrency)
}

fn parse_methods(list: &[String]) -> Result<Vec<MethodId>, FieldError> {
    if list.is_empty() {
        return Err(FieldError::invalid(
            Field::PaymentMethods,
            "must enable at least one payment method",
        ));
    }
    let mut out = Vec::new();
    for (i, name) in list.iter().enumerate() {
        let m = MethodId::parse(name).ok_or_else(|| {
            FieldError::new(
                "payment_method_invalid",
                Field::PaymentMethod(i),
                format!("names `{name}`, which is not a payment method we know"),
            )
        })?;
        if !out.contains(&m) {
            out.push(m);
        }
    }
    Ok(out)
}

/// Exact origins (`https://shop.example`, `https://shop.example:8443`);
/// `http://localhost:port` only in test mode. No paths, no wildcards.
pub fn parse_origins(list: &[String], livemode: bool) -> Result<Vec<String>, FieldError> {
    if list.len() > MAX_EMBED_ORIGINS {
        return Err(FieldError::invalid(
            Field::EmbedOrigins,
            format!("can have at most {MAX_EMBED_ORIGINS} origins"),
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in list.iter().enumerate() {
        let bad = || {
            FieldError::new(
                "origin_invalid",
                Field::EmbedOrigin(i),
                format!("is `{raw}`, which is not an origin like https://shop.example"),
            )
        };
        if raw.contains('*') {
            return Err(bad());
        }
        let url = url::Url::parse(raw).map_err(|_| bad())?;
        let clean_path = url.path() == "/" && !raw.trim_end_matches('/').ends_with('?');
        if !clean_path
            || url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
            || url.host_str().is_none()
        {
            return Err(bad());
        }
        let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        match url.scheme() {
            "https" => {}
            "http" if local && !livemode => {}
            _ => return Err(bad()),
        }
        let origin = url.origin().ascii_serialization();
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProductDraft {
        ProductDraft {
            name: Some("Pro plan".into()),
            main_currency: Some("mzn".into()),
            ..Default::default()
        }
    }

    #[test]
    fn create_with_defaults() {
        let (p, secret) = draft().create(false).unwrap();
        assert_eq!(p.main_currency.code(), "MZN");
        assert_eq!(p.payment_methods.len(), MethodId::ALL.len());
        assert!(p.active);
        assert_eq!(secret, SecretChange::Keep);
    }

    #[test]
    fn required_and_invalid_fields() {
        let e = ProductDraft {
            name: None,
            ..draft()
        }
        .create(false)
        .unwrap_err();
        assert_eq!(e.param(), "name");
        let e = ProductDraft {
            main_currency: None,
            ..draft()
        }
        .create(false)
        .unwrap_err();
        assert_eq!(e.param(), "main_currency");
        let e = ProductDraft {
            product_type: Some("subscription".into()),
            ..draft()
        }
        .create(false)
        .unwrap_err();
        assert_eq!(e.param(), "type");
        let e = ProductDraft {
            payment_methods: Some(vec!["mpesa".into(), "cash".into()]),
            ..draft()
        }
        .create(false)
        .unwrap_err();
        assert_eq!(e.param(), "payment_methods[1]");
        let e = ProductDraft {
            webhook_url: Some("http://hooks.example".into()),
            ..draft()
        }
        .create(false)
        .unwrap_err();
        assert_eq!(e.param(), "webhook_url");
        let e = ProductDraft {
            webhook_secret: Some("short".into()),
            ..draft()
        }
        .create(false)
        .unwrap_err();
        assert_eq!(e.param(), "webhook_secret");
    }

    #[test]
    fn update_keeps_what_is_not_sent() {
        let (p, _) = draft().create(false).unwrap();
        let change = ProductDraft {
            payment_methods: Some(vec!["M-Pesa".into(), "emola".into()]),
            webhook_secret: Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
            active: Some(false),
            ..Default::default()
        };
        let (q, secret) = change.update(p.clone(), false).unwrap();
        assert_eq!(q.name, p.name);
        assert_eq!(q.payment_methods, vec![MethodId::Mpesa, MethodId::Emola]);
        assert!(!q.active);
        assert_eq!(
            secret,
            SecretChange::Set("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into())
        );
        let clear = ProductDraft {
            webhook_secret: Some(String::new()),
            ..Default::default()
        };
        assert!(clear.update(q, false).is_err(), "a product keeps a secret");
    }

    #[test]
    fn webhook_secrets_are_standard_webhooks_secrets() {
        assert!(is_webhook_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        let b64_64_bytes = "A".repeat(84) + "AA==";
        assert!(is_webhook_secret(&format!("whsec_{b64_64_bytes}")));
        for bad in [
            "",
            "whsec_",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_0123456789",
            "whsec_c2hvcnQ=",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa w",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa=w",
        ] {
            assert!(!is_webhook_secret(bad), "{bad}");
        }
        assert!(!is_webhook_secret(&format!("whsec_{}", "A".repeat(92))));
    }

    #[test]
    fn origins_are_exact() {
        let ok = parse_origins(
            &[
                "https://shop.example".into(),
                "https://shop.example/".into(),
                "http://localhost:4000".into(),
            ],
            false,
        )
        .unwrap();
        assert_eq!(ok, vec!["https://shop.example", "http://localhost:4000"]);
        assert_eq!(
            parse_origins(&["https://shop.example:8443".into()], true).unwrap(),
            vec!["https://shop.example:8443"]
        );
        for bad in [
            "*",
            "https://*.shop.example",
            "https://shop.example/checkout",
            "https://shop.example?x=1",
            "http://shop.example",
            "shop.example",
            "https://user@shop.example",
        ] {
            assert!(parse_origins(&[bad.into()], false).is_err(), "{bad}");
        }
        assert!(parse_origins(&["http://localhost:4000".into()], true).is_err());
    }
}
