//! Orqex's hosted checkout (`orqex-create-checkout.txt`):
//! `POST /v1/payment/checkouts` with `Authorization: Bearer sk_...` and
//! `X-Idempotency-Key`; amounts in major units; `{message, data: {checkout,
//! payment}}`. `GET /v1/payment/checkouts/{id}` answers the same shape
//! (the document names only the create call; this is our choice).

use super::iso_utc;
use crate::AppState;
use crate::api::extract::{Idempotent, KeyHeader};
use crate::api::openapi::CurrencyCode;
use crate::api::openapi::{Description, EmailAddress, HttpsUrl};
use crate::api::{ApiError, Caller, Reply};
use crate::config::Config;
use crate::objects::ErrorBody;
use crate::sessions::{self, ProductChoice, SessionRequest};
use crate::store::attempts::Attempt;
use crate::store::sessions::Session;
use app::domain::attempt::AttemptStatus;
use app::domain::checkout::{Customer, check_email, check_len_opt};
use app::domain::restriction::RestrictionDraft;
use app::domain::{Api, CheckoutDraft, Currency, Field, FieldError, Money, PaymentStatus, Status};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Our fields in Orqex's words.
fn name(f: &Field) -> String {
    match f {
        Field::SuccessUrl => "return_url".into(),
        other => other.native_name(),
    }
}

/// Orqex's errors, the one place ours become its: its `message`, and our
/// `error` object beside it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexError {
    message: String,
    error: ErrorBody,
    #[serde(skip)]
    status: StatusCode,
}

impl From<ApiError> for OrqexError {
    fn from(e: ApiError) -> OrqexError {
        let message = e.message_with(name);
        OrqexError {
            error: ErrorBody {
                code: e.code.clone(),
                message: message.clone(),
                param: e.param_with(name),
            },
            message,
            status: e.status,
        }
    }
}

super::error_shape!(OrqexError);

/// `X-Idempotency-Key`: 8 to 128 characters.
pub struct OrqexKey;

crate::api::openapi::string_format!(
    /// Orqex's idempotency key.
    OrqexKeyText,
    8,
    128,
    r"^[!-~]+$"
);

impl KeyHeader for OrqexKey {
    const NAME: &'static str = "x-idempotency-key";

    fn check(key: &str) -> Result<(), ApiError> {
        if (8..=128).contains(&key.len()) {
            Ok(())
        } else {
            Err(ApiError::bad_request(
                "idempotency_key_invalid",
                Field::Named("X-Idempotency-Key".into()),
                "must be 8 to 128 characters",
            ))
        }
    }
}

#[derive(Deserialize, Serialize, Default, Clone, utoipa::ToSchema)]
pub struct OrqexCustomer {
    #[schema(value_type = Option<EmailAddress>)]
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    address: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    zip: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, utoipa::ToSchema)]
pub struct RestrictedPhone {
    /// E.164, or national with `country`.
    number: Option<String>,
    /// ISO 3166 alpha-2.
    country: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, utoipa::ToSchema)]
pub struct Restriction {
    /// ISO 3166 alpha-2.
    #[schema(pattern = "^[A-Z]{2}$")]
    country_code: Option<String>,
    phone: Option<RestrictedPhone>,
}

#[derive(Deserialize, Serialize, Clone, utoipa::ToSchema)]
pub struct Customization {
    /// `#rgb` or `#rrggbb`.
    #[schema(pattern = "^#([0-9a-fA-F]{3}){1,2}$")]
    color: Option<String>,
    #[schema(max_length = 60)]
    brand: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CreateCheckout {
    /// Required. Major units (50 = 50.00); at least 1.
    #[schema(value_type = f64, minimum = 1, maximum = 1_000_000_000)]
    amount: Option<serde_json::Number>,
    /// Required. ISO 4217, upper case.
    #[schema(value_type = CurrencyCode)]
    currency: Option<String>,
    /// Required.
    #[schema(value_type = Description)]
    description: Option<String>,
    /// Required.
    #[schema(value_type = OrqexCustomer)]
    customer: Option<OrqexCustomer>,
    #[schema(value_type = Option<HttpsUrl>)]
    return_url: Option<String>,
    #[schema(value_type = Option<HttpsUrl>)]
    webhook_url: Option<String>,
    #[schema(max_length = 22)]
    statement_descriptor: Option<String>,
    #[schema(value_type = Option<EmailAddress>)]
    receipt_email: Option<String>,
    restriction: Option<Restriction>,
    customization: Option<Customization>,
    /// Up to 10 pairs of scalars.
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<Map<String, Value>>,
}

/// What Orqex's answers repeat back that the session does not hold.
#[derive(Serialize, Deserialize, Default)]
struct Echo {
    customer_id: String,
    customer: OrqexCustomer,
    statement_descriptor: Option<String>,
    receipt_email: Option<String>,
    return_url: Option<String>,
    /// Whether the request restricted or customised the checkout (the
    /// checked values live on the session).
    restricted: bool,
    customized: bool,
}

/// The restriction as Lipa checked it: the number in E.164.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexRestriction {
    country_code: Option<String>,
    phone: Option<RestrictedPhone>,
}

/// The customisation as Lipa checked it: the colour as `#rrggbb`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexCustomization {
    color: Option<String>,
    brand: Option<String>,
}

fn required<T>(v: Option<T>, field: Field) -> Result<T, FieldError> {
    v.ok_or(FieldError::missing(field))
}

/// Orqex's metadata takes any scalar; ours keeps strings.
fn metadata(m: Map<String, Value>) -> BTreeMap<String, Value> {
    m.into_iter()
        .map(|(k, v)| match v {
            Value::Number(_) | Value::Bool(_) => (k, Value::String(v.to_string())),
            v => (k, v),
        })
        .collect()
}

impl TryFrom<CreateCheckout> for SessionRequest {
    type Error = FieldError;

    fn try_from(r: CreateCheckout) -> Result<SessionRequest, FieldError> {
        let code = required(r.currency, Field::Currency)?;
        if code.len() != 3 || code != code.to_ascii_uppercase() {
            return Err(FieldError::invalid(
                Field::Currency,
                "must be a three-letter upper-case ISO 4217 code",
            ));
        }
        let currency = Currency::of_field(&code, Field::Currency)?;
        let amount = required(r.amount, Field::Amount)?;
        let least = 10i64.pow(u32::from(currency.exponent()));
        let money = Money::major_amount(&amount.to_string(), currency, least, Field::Amount)?;
        let description = required(r.description, Field::Description)?;
        let customer = required(r.customer, Field::Customer)?;
        let statement_descriptor =
            check_len_opt(r.statement_descriptor, Field::StatementDescriptor, 0, 22)?;
        let receipt_email = r
            .receipt_email
            .map(|e| check_email(e, Field::ReceiptEmail))
            .transpose()?;
        let restriction = r.restriction.as_ref().cloned().map(|x| RestrictionDraft {
            country: x.country_code,
            phone: x.phone.as_ref().and_then(|p| p.number.clone()),
            phone_country: x.phone.and_then(|p| p.country),
        });
        if r.restriction
            .as_ref()
            .is_some_and(|x| x.phone.as_ref().is_some_and(|p| p.number.is_none()))
        {
            return Err(FieldError::missing(Field::RestrictionPhone));
        }
        let draft = CheckoutDraft {
            api: Api::Orqex,
            currency: Some(code),
            amount: Some(money.minor),
            description: Some(description),
            customer: Some(Customer {
                name: Customer::join_names(&[
                    customer.first_name.as_deref(),
                    customer.last_name.as_deref(),
                ]),
                email: customer.email.clone(),
                phone: None,
            }),
            success_url: r.return_url.clone(),
            webhook_url: r.webhook_url,
            metadata: r.metadata.map(metadata),
            restriction: restriction.unwrap_or_default(),
            brand_name: r.customization.as_ref().and_then(|c| c.brand.clone()),
            brand_color: r.customization.as_ref().and_then(|c| c.color.clone()),
            ..CheckoutDraft::default()
        };
        let echo = Echo {
            customer_id: crate::db::new_id("cus", 16),
            customer,
            statement_descriptor,
            receipt_email,
            return_url: r.return_url,
            restricted: r.restriction.is_some(),
            customized: r.customization.is_some(),
        };
        Ok(SessionRequest {
            product: ProductChoice::Default,
            draft,
            echo: serde_json::to_value(echo).expect("echo serialises"),
        })
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexAmount {
    /// Minor units of the currency's real exponent (XOF has none).
    value: i64,
    formatted: String,
    short: String,
    currency: String,
}

impl From<Money> for OrqexAmount {
    fn from(m: Money) -> OrqexAmount {
        OrqexAmount {
            value: m.minor,
            formatted: m.plain(),
            short: m.short(),
            currency: m.currency.code().to_owned(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexCheckout {
    id: String,
    token: String,
    url: String,
    /// The restriction, checked (`{}` without one).
    #[schema(value_type = OrqexRestriction)]
    restriction: Value,
    /// The customisation, checked (`{}` without one).
    #[schema(value_type = OrqexCustomization)]
    customization: Value,
    expires_at: String,
    created_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexPaymentCustomer {
    id: String,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    avatar_url: Option<String>,
}

/// `pending`, `processing`, `failed`, `succeeded`, `expired` (our choice;
/// see the README).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrqexPaymentStatus {
    Pending,
    Processing,
    Failed,
    Succeeded,
    Expired,
}

impl From<&Session> for OrqexPaymentStatus {
    fn from(s: &Session) -> OrqexPaymentStatus {
        match (s.state.status, s.state.payment_status) {
            (Status::Complete, _) => OrqexPaymentStatus::Succeeded,
            (Status::Expired, _) => OrqexPaymentStatus::Expired,
            (Status::Open, PaymentStatus::Pending) => OrqexPaymentStatus::Processing,
            (Status::Open, PaymentStatus::Failed) => OrqexPaymentStatus::Failed,
            (Status::Open, _) => OrqexPaymentStatus::Pending,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexPayment {
    id: String,
    amount: OrqexAmount,
    customer: OrqexPaymentCustomer,
    description: Option<String>,
    return_url: Option<String>,
    webhook_url: Option<String>,
    statement_descriptor: Option<String>,
    receipt_email: Option<String>,
    metadata: BTreeMap<String, String>,
    active_attempt: Option<OrqexAttempt>,
    status: OrqexPaymentStatus,
    completed_at: Option<String>,
    expires_at: String,
    created_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexMethod {
    value: app::domain::MethodId,
    label: String,
    description: Option<String>,
    icon_url: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexTransaction {
    id: String,
    reference: Option<String>,
    external_id: Option<String>,
    status: AttemptStatus,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexGateway {
    transaction: OrqexTransaction,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexFailure {
    code: String,
    message: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexNextAction {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexAttempt {
    id: String,
    method: OrqexMethod,
    amount: OrqexAmount,
    exchange_rate: i64,
    correction_rate: i64,
    gateway: OrqexGateway,
    next_action: OrqexNextAction,
    failure: Option<OrqexFailure>,
    is_fallback: bool,
    completed_at: Option<String>,
    failed_at: Option<String>,
    created_at: String,
}

impl From<&Attempt> for OrqexAttempt {
    fn from(a: &Attempt) -> OrqexAttempt {
        let at = |status| (a.status == status).then(|| iso_utc(a.updated_at, 3));
        OrqexAttempt {
            id: a.id.clone(),
            method: OrqexMethod {
                value: a.method,
                label: a.method.info().name.to_owned(),
                description: None,
                icon_url: None,
            },
            amount: Money::new(a.amount, a.currency).into(),
            exchange_rate: 1,
            correction_rate: 1,
            gateway: OrqexGateway {
                transaction: OrqexTransaction {
                    id: a.id.clone(),
                    reference: a.connector_reference.clone(),
                    external_id: a.connector_reference.clone(),
                    status: a.status,
                },
            },
            next_action: OrqexNextAction {
                kind: a.next_action_url.as_ref().map(|_| "redirect".to_owned()),
                url: a.next_action_url.clone(),
            },
            failure: a.failure_code.as_ref().map(|c| OrqexFailure {
                code: c.clone(),
                message: a.failure_reason.clone(),
            }),
            is_fallback: false,
            completed_at: at(AttemptStatus::Succeeded),
            failed_at: at(AttemptStatus::Failed),
            created_at: iso_utc(a.created_at, 3),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexData {
    checkout: OrqexCheckout,
    payment: OrqexPayment,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrqexResponse {
    message: String,
    data: OrqexData,
}

/// `v` as JSON when the request sent it, else `{}`.
fn sent_or_empty<T: Serialize>(sent: bool, v: impl FnOnce() -> T) -> Value {
    if sent {
        serde_json::to_value(v()).expect("plain data serialises")
    } else {
        serde_json::json!({})
    }
}

impl OrqexData {
    fn new(s: &Session, config: &Config, attempt: Option<&Attempt>) -> OrqexData {
        let echo: Echo = serde_json::from_value(s.compat.echo.clone()).unwrap_or_default();
        let created = iso_utc(s.created_at, 3);
        let expires = iso_utc(s.expires_at * 1000, 3);
        let checkout = OrqexCheckout {
            id: s.id.clone(),
            token: config.master_key.client_secret(&s.id),
            url: config.checkout_url(&s.id),
            restriction: sent_or_empty(echo.restricted, || {
                let r = &s.compat.restriction;
                OrqexRestriction {
                    country_code: r.country.clone(),
                    phone: r.phone.as_ref().map(|p| RestrictedPhone {
                        number: Some(p.clone()),
                        country: r.country.clone(),
                    }),
                }
            }),
            customization: sent_or_empty(echo.customized, || OrqexCustomization {
                color: s.compat.brand_color.clone(),
                brand: s.compat.brand_name.clone(),
            }),
            expires_at: expires.clone(),
            created_at: created.clone(),
        };
        let payment = OrqexPayment {
            id: s.charge_reference.clone(),
            amount: Money::new(s.amount_total, s.currency).into(),
            customer: OrqexPaymentCustomer {
                id: echo.customer_id,
                first_name: echo.customer.first_name,
                last_name: echo.customer.last_name,
                email: echo.customer.email,
                avatar_url: None,
            },
            description: s.description.clone(),
            return_url: echo.return_url,
            webhook_url: s.webhook_url.clone(),
            statement_descriptor: echo.statement_descriptor,
            receipt_email: echo.receipt_email,
            metadata: s.metadata.clone(),
            active_attempt: attempt.map(OrqexAttempt::from),
            status: OrqexPaymentStatus::from(s),
            completed_at: s.completed_at.map(|ms| iso_utc(ms, 3)),
            expires_at: expires,
            created_at: created,
        };
        OrqexData { checkout, payment }
    }
}

/// Create a checkout session (Orqex).
#[utoipa::path(post, path = "/v1/payment/checkouts", operation_id = "orqex_create_checkout", tag = "Orqex compatible",
    security(("bearer" = [])), request_body = CreateCheckout,
    params(("X-Idempotency-Key" = Option<OrqexKeyText>, Header, description = "Replays the first answer; 8-128 characters")),
    responses((status = 201, body = OrqexResponse), (status = 400, body = OrqexError),
        (status = 401, body = OrqexError), (status = 409, body = OrqexError)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    req: Result<Idempotent<CreateCheckout, OrqexKey>, ApiError>,
) -> Result<Response, OrqexError> {
    let caller = caller?;
    let owner = &caller.owner;
    let created = req?
        .run(&state, owner, |body: CreateCheckout| async {
            let request = SessionRequest::try_from(body)?;
            let change = sessions::open(&state, owner, request).await?;
            Ok(change.map(|s| {
                let data = OrqexData::new(&s, &state.config, None);
                Reply::json(
                    StatusCode::CREATED,
                    &OrqexResponse {
                        message: "Checkout created".into(),
                        data,
                    },
                )
            }))
        })
        .await?;
    Ok(created)
}

/// `GET /v1/payment/checkouts/{id}`: the same shape, with the attempt.
#[utoipa::path(get, path = "/v1/payment/checkouts/{id}", operation_id = "orqex_retrieve_checkout", tag = "Orqex compatible",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = OrqexResponse), (status = 404, body = OrqexError)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Path(id): Path<String>,
) -> Result<Json<OrqexResponse>, OrqexError> {
    let caller = caller?;
    let s = sessions::find(&state, &caller.owner, &id).await?;
    if s.compat.api != Api::Orqex {
        return Err(ApiError::from(crate::error::Error::NotFound(
            crate::error::Resource::CheckoutSession,
            id,
        ))
        .into());
    }
    let attempt = crate::store::attempts::latest(&state.db.pool, &s.id)
        .await
        .map_err(ApiError::from)?;
    Ok(Json(OrqexResponse {
        message: "Checkout retrieved".into(),
        data: OrqexData::new(&s, &state.config, attempt.as_ref()),
    }))
}
