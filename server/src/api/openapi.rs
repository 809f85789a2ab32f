//! The OpenAPI 3.1 document, generated from the handlers' annotations and
//! the request types (utoipa), served at `/openapi.json`; and a readable
//! reference at `/docs`, rendered here from the same document (no CDN, no
//! script).

use super::compat::{orqex, waftpay, zenofy};
use super::{
    balance, charges, connector_accounts, events, payment_links, payouts, products, refunds,
    sessions,
};
use crate::web::escape_html as escape;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// A string field that takes one of a list of values, for the document
/// only (the request types keep strings and say why a value is refused).
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident, $values:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
                let values: Vec<String> = $values;
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::Type::String)
                    .enum_values(Some(values))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}
pub(crate) use string_enum;

/// A string field with a length and a pattern, for the document only.
macro_rules! string_format {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $pattern:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::Type::String)
                    .min_length(Some($min))
                    .max_length(Some($max))
                    .pattern(Some($pattern))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

pub(crate) use string_format;

string_format!(
    /// An `Idempotency-Key`: visible characters.
    IdempotencyKeyText,
    1,
    255,
    r"^[!-~]+$"
);
string_format!(
    /// An `https://` URL (test mode takes `http://localhost` too).
    HttpsUrl,
    12,
    2048,
    r"^https://([a-z0-9-]+\.)+[a-z]{2,}(/[!-~]*)?$"
);
string_format!(
    /// An email address.
    EmailAddress,
    6,
    254,
    r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"
);
string_format!(
    /// A description shown to the buyer: 4 to 150 characters.
    Description,
    4,
    150,
    r"^\S.{2,}\S$"
);
string_format!(
    /// The merchant's own reference: 1 to 200 characters.
    Reference,
    1,
    200,
    r"\S"
);

string_enum!(
    /// ISO 4217 codes Lipa prices checkouts in (upper case; lower case is
    /// accepted too).
    CurrencyCode,
    app::domain::Currency::all().map(|c| c.code().to_owned()).collect()
);
string_enum!(
    /// The buyer page's language, or `auto` to follow the buyer.
    LocaleName,
    std::iter::once("auto")
        .chain(app::domain::Locale::ALL.map(|l| l.as_str()))
        .map(String::from)
        .collect()
);
string_enum!(
    /// Always `payment`.
    ModeName,
    vec!["payment".to_owned()]
);
string_enum!(
    /// Where the merchant sells.
    SourceName,
    ["pos", "web", "mobile", "ussd"].map(String::from).to_vec()
);

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lipa API",
        description = "The merchant API of Lipa, a hosted payment page: native checkout sessions \
            (shaped like Payonify's), products, refunds, webhook events, and drop-in endpoints \
            compatible with Zenofy, Orqex and Waftpay. Money is in minor units of the currency's \
            real exponent unless an endpoint says major units.",
        license(name = "AGPL-3.0-only")
    ),
    paths(
        sessions::create, sessions::list, sessions::retrieve, sessions::expire,
        products::create, products::list, products::retrieve, products::update,
        payment_links::create, payment_links::list, payment_links::retrieve, payment_links::update,
        connector_accounts::create, connector_accounts::list, connector_accounts::retrieve,
        connector_accounts::update, connector_accounts::disable,
        charges::create, charges::list, charges::retrieve, charges::confirm, charges::cancel,
        payouts::validate, payouts::create, payouts::list, payouts::retrieve,
        refunds::create, refunds::list, refunds::retrieve, refunds::simulate_chargeback,
        balance::retrieve, balance::list, balance::retrieve_transaction,
        events::list, events::retrieve, events::attempts, events::redeliver,
        zenofy::create_order, zenofy::order_status_call,
        orqex::create, orqex::retrieve,
        waftpay::token, waftpay::request, waftpay::status,
    ),
    components(schemas(crate::objects::EventData, crate::objects::PaymentObject, orqex::OrqexKeyText)),
    modifiers(&Security),
    security(("bearer" = []), ("api_key" = [])),
    tags(
        (name = "Checkout sessions", description = "Create a checkout, send the buyer to its `url`, learn the outcome."),
        (name = "Products", description = "Settings a checkout inherits: currency, methods, webhook endpoint, embedding."),
        (name = "Payment links", description = "A checkout to share as a short URL (WhatsApp, SMS, a printed QR code): each visit opens a fresh checkout session."),
        (name = "Connector accounts", description = "Your own credentials for a real provider (M-Pesa Daraja, Vodacom M-Pesa Mozambique, MTN MoMo), per mode. Live mode offers a method only through an enabled live account."),
        (name = "Charges", description = "Ask a buyer's phone for money directly (POS, USSD, apps), without the hosted page; the same payments underneath as a checkout's."),
        (name = "Payouts", description = "Send money from your balance to a mobile wallet: salaries, suppliers, sellers. Reserved on the balance when created, given back if it fails."),
        (name = "Refunds", description = "Give money back; simulate chargebacks in test mode."),
        (name = "Balance", description = "What you hold per currency, and every movement of it (a double-entry ledger)."),
        (name = "Webhooks", description = "Signed events (Standard Webhooks), their delivery log, redelivery."),
        (name = "Zenofy compatible", description = "Zenofy's order API gateway, unchanged."),
        (name = "Orqex compatible", description = "Orqex's checkouts, unchanged."),
        (name = "Waftpay compatible", description = "Waftpay's checkout requests, unchanged."),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        idempotency_keys(openapi);
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("`sk_test_...` or `sk_live_...`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("Api-Key"))),
        );
        components.add_security_scheme(
            "waftpay_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The `access_token` of `POST /checkout-backend-api/v1/auth/token`, for an hour",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every native POST takes an `Idempotency-Key`.
fn idempotency_keys(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    for (path, item) in openapi.paths.paths.iter_mut() {
        let native = path.starts_with("/v1/") && !path.starts_with("/v1/payment/");
        let Some(op) = item.post.as_mut().filter(|_| native) else {
            continue;
        };
        let key = ParameterBuilder::new()
            .name("Idempotency-Key")
            .parameter_in(ParameterIn::Header)
            .description(Some(
                "Replays the first answer for 24 hours; another request with it is a 409",
            ))
            .schema(Some(<IdempotencyKeyText as utoipa::PartialSchema>::schema()))
            .build();
        op.parameters.get_or_insert_with(Vec::new).push(key);
    }
}

/// The document as JSON.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serialises");
    product_bodies(&mut doc);
    items_or_amount(&mut doc);
    link_bodies(&mut doc);
    one_wallet(&mut doc);
    doc
}

/// A wallet names exactly one mobile-money provider, and its number in
/// E.164 as that provider's rules take it (every country it serves).
fn one_wallet(doc: &mut Value) {
    use app::domain::{Currency, MethodId, MethodKind};
    let variants: Vec<Value> = MethodId::ALL
        .into_iter()
        .filter(|m| m.kind() == MethodKind::MobileMoney)
        .map(|m| {
            let mut rules: Vec<String> = Currency::all()
                .flat_map(|c| m.phone_rules(c))
                .map(|r| {
                    let rest = r.national_len - r.prefixes.first().map_or(0, |p| p.len());
                    let prefixes = r.prefixes.join("|");
                    format!("\\+{}({prefixes})[0-9]{{{rest}}}", r.country_code)
                })
                .collect();
            rules.sort();
            rules.dedup();
            let phone = serde_json::json!({ "type": "string", "pattern": format!("^({})$", rules.join("|")) });
            serde_json::json!({
                "type": "object", "additionalProperties": false, "required": [m.as_str()],
                "properties": { m.as_str(): {
                    "type": "object", "additionalProperties": false, "required": ["phone"],
                    "properties": { "phone": phone } } }
            })
        })
        .collect();
    doc["components"]["schemas"]["WalletBody"]["properties"]["mobile_money"] =
        serde_json::json!({ "oneOf": variants });
}

/// A checkout has line items or one amount, exactly one of them.
fn items_or_amount(doc: &mut Value) {
    let session = &mut doc["components"]["schemas"]["CreateSession"];
    session["oneOf"] = serde_json::json!([
        { "required": ["line_items"], "not": { "required": ["amount"] } },
        { "required": ["amount"], "not": { "required": ["line_items"] } }
    ]);
}

/// A new link takes exactly one way to set its amount: `amount`,
/// `line_items`, or the buyer's bounds with their currency; an edit takes
/// none of them (a link's amount never changes: its QR codes are printed).
fn link_bodies(doc: &mut Value) {
    let amount_fields = [
        "amount",
        "line_items",
        "custom_amount_min",
        "custom_amount_max",
    ];
    let none_of = |fields: &[&str]| {
        let each: Vec<Value> = fields
            .iter()
            .map(|f| serde_json::json!({ "required": [f] }))
            .collect();
        serde_json::json!({ "anyOf": each })
    };
    let shape = |required: &[&str], excluded: &[&str]| serde_json::json!({ "required": required, "not": none_of(excluded) });
    let body = serde_json::json!({ "$ref": "#/components/schemas/PaymentLinkBody" });
    let schemas = &mut doc["components"]["schemas"];
    schemas["CreatePaymentLink"] = serde_json::json!({
        "description": "A new link: `amount`, `line_items`, or `custom_amount_min` and `custom_amount_max` with `currency`, exactly one of them.",
        "allOf": [body],
        "oneOf": [
            shape(&["amount"], &amount_fields[1..]),
            shape(&["line_items"], &["amount", "custom_amount_min", "custom_amount_max"]),
            shape(&["custom_amount_min", "custom_amount_max", "currency"], &amount_fields[..2]),
        ]
    });
    let mut fixed = amount_fields.to_vec();
    fixed.push("currency");
    schemas["UpdatePaymentLink"] = serde_json::json!({
        "description": "The words and rules to change; a link's amount and currency cannot change.",
        "allOf": [body],
        "not": none_of(&fixed)
    });
    set_body(doc, "/v1/payment_links", "CreatePaymentLink");
    set_body(doc, "/v1/payment_links/{id}", "UpdatePaymentLink");
}

/// Point `POST path`'s request body at the component `schema`.
fn set_body(doc: &mut Value, path: &str, schema: &str) {
    doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"] =
        serde_json::json!({ "$ref": format!("#/components/schemas/{schema}") });
}

/// Products are created and changed with the same fields, but a new one
/// needs a name and a main currency, and a product's id cannot change.
fn product_bodies(doc: &mut Value) {
    let body = serde_json::json!({ "$ref": "#/components/schemas/ProductBody" });
    let schemas = &mut doc["components"]["schemas"];
    schemas["CreateProduct"] = serde_json::json!({
        "description": "A new product: `name` and `main_currency` are required.",
        "allOf": [body],
        "required": ["name", "main_currency"],
        "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\S" },
            "main_currency": { "$ref": "#/components/schemas/CurrencyCode" }
        }
    });
    schemas["UpdateProduct"] = serde_json::json!({
        "description": "The fields to change; a product's `id` cannot change.",
        "allOf": [body],
        "not": { "required": ["id"] }
    });
    set_body(doc, "/v1/products", "CreateProduct");
    set_body(doc, "/v1/products/{id}", "UpdateProduct");
}

/// `GET /openapi.json`.
pub async fn json() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        serde_json::to_string_pretty(&document()).expect("JSON serialises"),
    )
        .into_response()
}

/// The type of a schema, in a few words.
fn type_of(s: &Value) -> String {
    if let Some(r) = s["$ref"].as_str() {
        return r.rsplit('/').next().unwrap_or(r).to_owned();
    }
    if let Some(one) = s["oneOf"].as_array() {
        let names: Vec<String> = one.iter().map(type_of).filter(|t| t != "null").collect();
        return format!("{} or null", names.join(" or "));
    }
    match &s["type"] {
        Value::String(t) if t == "array" => format!("{}[]", type_of(&s["items"])),
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".to_owned(),
    }
}

/// A schema's fields as a table (one level; nested objects link by name).
fn fields(doc: &Value, schema: &Value) -> String {
    let schema = match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.rsplit('/').next().unwrap_or("")],
        None => schema,
    };
    let Some(props) = schema["properties"].as_object() else {
        return String::new();
    };
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let rows: String = props
        .iter()
        .map(|(name, p)| {
            format!(
                "<tr><td><code>{}</code>{}</td><td>{}</td><td>{}</td></tr>",
                escape(name),
                if required.contains(&name.as_str()) {
                    " <small>required</small>"
                } else {
                    ""
                },
                escape(&type_of(p)),
                escape(p["description"].as_str().unwrap_or(""))
            )
        })
        .collect();
    format!("<table tabindex=0><tr><th>field</th><th>type</th><th>notes</th></tr>{rows}</table>")
}

/// `GET /docs`: the API reference, readable, from the same document. Its
/// one inline stylesheet is allowed by hash; nothing else may load.
pub async fn page() -> Response {
    let hash = app::page::csp_hash(STYLE);
    let csp =
        format!("default-src 'none'; style-src {hash}; img-src data:; frame-ancestors 'none'");
    (
        [
            (header::CONTENT_SECURITY_POLICY, csp),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        render(),
    )
        .into_response()
}

/// One operation: method, path, summary, parameters, body and answers.
fn operation(doc: &Value, path: &str, method: &str, op: &Value) -> String {
    let mut out = format!(
        "<section class=\"op\"><h3><span class=\"m\">{}</span> <code>{}</code></h3><p>{}</p>",
        method.to_ascii_uppercase(),
        escape(path),
        escape(
            op["summary"]
                .as_str()
                .or(op["description"].as_str())
                .unwrap_or("")
        )
    );
    if let Some(params) = op["parameters"].as_array() {
        let rows: String = params
            .iter()
            .map(|p| {
                format!(
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    escape(p["name"].as_str().unwrap_or("")),
                    escape(p["in"].as_str().unwrap_or("")),
                    escape(p["description"].as_str().unwrap_or(""))
                )
            })
            .collect();
        out += &format!(
            "<h4>Parameters</h4><table tabindex=0><tr><th>name</th><th>in</th><th>notes</th></tr>{rows}</table>"
        );
    }
    let request = &op["requestBody"]["content"]["application/json"]["schema"];
    if !request.is_null() {
        out += &format!("<h4>Request body</h4>{}", fields(doc, request));
    }
    out += "<h4>Responses</h4><ul>";
    for (status, r) in op["responses"].as_object().into_iter().flatten() {
        let s = &r["content"]["application/json"]["schema"];
        out += &format!("<li><b>{}</b> {}</li>", escape(status), escape(&type_of(s)));
    }
    out + "</ul></section>"
}

/// A tag's heading and its operations; its entry in the contents.
fn tag_section(doc: &Value, tag: &Value) -> (String, String) {
    let name = tag["name"].as_str().unwrap_or("");
    let anchor = name.to_ascii_lowercase().replace(' ', "-");
    let toc = format!("<li><a href=\"#{anchor}\">{}</a></li>", escape(name));
    let mut body = format!(
        "<h2 id=\"{anchor}\">{}</h2><p>{}</p>",
        escape(name),
        escape(tag["description"].as_str().unwrap_or(""))
    );
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if op["tags"]
                .as_array()
                .is_some_and(|t| t.iter().any(|x| x == name))
            {
                body += &operation(doc, path, method, op);
            }
        }
    }
    (toc, body)
}

fn render() -> Html<String> {
    let doc = document();
    let mut body = String::new();
    let mut toc = String::new();
    for tag in doc["tags"].as_array().into_iter().flatten() {
        let (entry, section) = tag_section(&doc, tag);
        toc += &entry;
        body += &section;
    }
    body += "<h2 id=\"schemas\">Objects</h2>";
    toc += "<li><a href=\"#schemas\">Objects</a></li>";
    for (name, s) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        body += &format!(
            "<h3 id=\"{}\"><code>{}</code></h3><p>{}</p>{}",
            escape(name),
            escape(name),
            escape(s["description"].as_str().unwrap_or("")),
            fields(&doc, s)
        );
    }
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"icon\" href=\"data:,\"><title>Lipa API reference</title><style>{STYLE}</style></head>\
         <body><main><h1>Lipa API reference</h1><p>{}</p>\
         <p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI {}).</p>\
         <nav><ul>{toc}</ul></nav>{body}</main></body></html>",
        escape(doc["info"]["description"].as_str().unwrap_or("")),
        escape(doc["openapi"].as_str().unwrap_or("")),
    ))
}

const STYLE: &str = "*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,sans-serif;\
color:#0f172a;background:#f8fafc}main{max-width:56rem;margin:0 auto;padding:1rem}\
h1{font-size:1.75rem}h2{margin-top:2.5rem;border-bottom:2px solid #0f766e;padding-bottom:.25rem}\
h3{font-size:1.05rem;margin:1.5rem 0 .25rem}h4{font-size:.9rem;margin:.75rem 0 .25rem;color:#334155}\
.op{background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;padding:.25rem 1rem 1rem;margin:1rem 0}\
.m{display:inline-block;min-width:3.5rem;font:600 .8rem ui-monospace,monospace;color:#fff;\
background:#0f766e;border-radius:.25rem;padding:.1rem .4rem;text-align:center}\
code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}\
table{border-collapse:collapse;width:100%;font-size:.875rem;display:block;overflow-x:auto}\
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e2e8f0}\
small{color:#b45309}a{color:#0f766e}nav ul{columns:2;padding-left:1.25rem}";
