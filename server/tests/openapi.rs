//! The OpenAPI document covers every endpoint, and its response schemas
//! name exactly the fields real responses carry (so it cannot drift).

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{KEY, TestApp, app, session_body};

fn props(doc: &Value, name: &str) -> BTreeSet<String> {
    doc["components"]["schemas"][name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no schema {name}"))
        .keys()
        .cloned()
        .collect()
}

fn keys(v: &Value) -> BTreeSet<String> {
    support::keys(v).into_iter().collect()
}

async fn get(app: &TestApp, path: &str) -> support::Reply {
    app.send(Request::get(path).body(Body::empty()).unwrap())
        .await
}

#[tokio::test]
async fn the_document_covers_every_endpoint() {
    let app = app().await;
    let r = get(&app, "/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.body;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    for p in [
        "/v1/checkout/sessions",
        "/v1/checkout/sessions/{id}",
        "/v1/checkout/sessions/{id}/expire",
        "/v1/products",
        "/v1/products/{id}",
        "/v1/refunds",
        "/v1/refunds/{id}",
        "/v1/charges",
        "/v1/charges/{id}",
        "/v1/charges/{id}/confirm",
        "/v1/charges/{id}/cancel",
        "/v1/payouts",
        "/v1/payouts/{id}",
        "/v1/payouts/validate",
        "/v1/test_helpers/checkout/sessions/{id}/chargeback",
        "/v1/events",
        "/v1/events/{id}",
        "/v1/events/{id}/attempts",
        "/v1/events/{id}/redeliver",
        "/checkout/order-api-gateway",
        "/checkout/order-status",
        "/v1/payment/checkouts",
        "/v1/payment/checkouts/{id}",
        "/checkout-backend-api/v1/auth/token",
        "/checkout-backend-api/v1/request",
        "/checkout-backend-api/v1/request/{reference}",
    ] {
        assert!(paths.contains(p), "{p} is not documented");
    }
    // Request bodies are the types the handlers parse.
    let create = &doc["paths"]["/v1/checkout/sessions"]["post"]["requestBody"];
    assert!(
        create["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap()
            .ends_with("CreateSession")
    );
    let fields = props(&doc, "CreateSession");
    for f in [
        "line_items",
        "currency",
        "success_url",
        "webhook_url",
        "locale",
        "expand",
    ] {
        assert!(fields.contains(f), "{f}");
    }
    assert!(props(&doc, "OrderRequest").contains("productId"));
    assert!(
        props(&doc, "CheckoutRequest").contains("strict_amount")
            || props(&doc, "ExtraParams").contains("strict_amount")
    );

    // The readable reference: every path, served with a strict CSP.
    let page = app
        .send(
            Request::get("/docs")
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for p in &paths {
        assert!(
            page.text.contains(&p.replace('&', "&amp;")),
            "{p} missing from /docs"
        );
    }
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.starts_with("default-src 'none'; style-src 'sha256-"),
        "{csp}"
    );
    assert!(!page.text.contains("<script"));
}

#[tokio::test]
async fn response_schemas_name_exactly_what_is_sent() {
    let app = app().await;
    let doc = get(&app, "/openapi.json").await.body;

    let id = app.new_session(session_body()).await;
    let session = app.session(&id).await;
    let mut expected = props(&doc, "CheckoutSession");
    expected.remove("line_items"); // only when expanded
    assert_eq!(keys(&session), expected, "CheckoutSession");
    let expanded = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions/{id}?expand=line_items"),
            None,
        )
        .await;
    assert_eq!(keys(&expanded.body), props(&doc, "CheckoutSession"));
    assert_eq!(
        keys(&expanded.body["line_items"][0]),
        props(&doc, "LineItem")
    );
    let list = app.api("GET", "/v1/checkout/sessions", None).await;
    assert_eq!(keys(&list.body), props(&doc, "CheckoutSessionList"));
    assert_eq!(keys(&list.body["paging"]), props(&doc, "Paging"));

    let product = app
        .api(
            "POST",
            "/v1/products",
            Some(json!({ "name": "Docs", "main_currency": "MZN", "webhook_url": "https://shop.example/h" })),
        )
        .await;
    assert_eq!(keys(&product.body), props(&doc, "Product"));
    assert_eq!(
        keys(&product.body["webhook_endpoint"]),
        props(&doc, "WebhookEndpoint")
    );

    // Pay by card, refund, look at the events.
    let body =
        "method=card&card_number=4242424242424242&card_expiry=12%2F30&card_cvc=123&card_name=A+B";
    app.send(
        Request::post(format!("/c/{id}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    let charge = app.session(&id).await["charge_reference"].clone();
    let refund = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": charge, "amount": 100 })),
        )
        .await;
    assert_eq!(keys(&refund.body), props(&doc, "Refund"), "{}", refund.text);
    assert_eq!(keys(&refund.body["amount"]), props(&doc, "Amount"));
    // A charge, its pieces and its list.
    let charge = app
        .api(
            "POST",
            "/v1/charges",
            Some(
                json!({ "amount": 500, "currency": "USD", "source": "pos", "confirm": true,
                "payment_method": { "mobile_money": { "ecocash": { "phone": "+263771234000" } } },
                "shipping": { "name": "T", "address": { "city": "Harare" } } }),
            ),
        )
        .await;
    assert_eq!(keys(&charge.body), props(&doc, "Charge"), "{}", charge.text);
    assert_eq!(keys(&charge.body["shipping"]), props(&doc, "Shipping"));
    assert_eq!(
        keys(&charge.body["shipping"]["address"]),
        props(&doc, "ShippingAddress")
    );
    let charges = app.api("GET", "/v1/charges", None).await;
    assert_eq!(keys(&charges.body), props(&doc, "ChargeList"));
    // A payout (funded by that charge) and its validation.
    let payout = app
        .api(
            "POST",
            "/v1/payouts",
            Some(json!({ "amount": 100, "currency": "USD",
                "destination": { "mobile_money": { "ecocash": { "phone": "+263771234000" } } } })),
        )
        .await;
    assert_eq!(keys(&payout.body), props(&doc, "Payout"), "{}", payout.text);
    assert_eq!(
        keys(&payout.body["destination_details"]),
        props(&doc, "DestinationDetails")
    );
    let payouts = app.api("GET", "/v1/payouts", None).await;
    assert_eq!(keys(&payouts.body), props(&doc, "PayoutList"));
    let valid = app
        .api(
            "POST",
            "/v1/payouts/validate",
            Some(json!({ "destination": { "mobile_money": { "ecocash": { "phone": "+263771234000" } } } })),
        )
        .await;
    assert_eq!(keys(&valid.body), props(&doc, "PayoutValidation"));
    assert_eq!(keys(&valid.body["recipient"]), props(&doc, "Recipient"));
    for body in ["CreatePayout", "ValidatePayout"] {
        assert!(!props(&doc, body).is_empty(), "{body}");
    }
    for body in ["CreateCharge", "ConfirmCharge", "CancelCharge"] {
        assert!(!props(&doc, body).is_empty(), "{body}");
    }
    let events = app.api("GET", "/v1/events", None).await;
    assert_eq!(keys(&events.body), props(&doc, "EventList"));
    assert_eq!(keys(&events.body["data"][0]), props(&doc, "Event"));
    assert_eq!(
        keys(&events.body["data"][0]["delivery"]),
        props(&doc, "Delivery")
    );
    let error = app.api("GET", "/v1/refunds/re_nope", None).await;
    assert_eq!(keys(&error.body), props(&doc, "Error"));
    assert_eq!(keys(&error.body["error"]), props(&doc, "ErrorBody"));

    // The compatible APIs.
    let orqex = app
        .api_as(
            Some(KEY),
            "POST",
            "/v1/payment/checkouts",
            Some(json!({ "amount": 50, "currency": "MZN", "description": "Docs", "customer": { "email": "a@b.co" } })),
            &[],
        )
        .await;
    assert_eq!(
        keys(&orqex.body),
        props(&doc, "OrqexResponse"),
        "{}",
        orqex.text
    );
    assert_eq!(
        keys(&orqex.body["data"]["checkout"]),
        props(&doc, "OrqexCheckout")
    );
    assert_eq!(
        keys(&orqex.body["data"]["payment"]),
        props(&doc, "OrqexPayment")
    );
    assert_eq!(
        keys(&orqex.body["data"]["payment"]["amount"]),
        props(&doc, "OrqexAmount")
    );
    let zenofy_error = app
        .send(
            Request::post("/checkout/order-api-gateway")
                .header("Api-Key", KEY)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(keys(&zenofy_error.body), props(&doc, "ZenofyError"));
    let token = app
        .send(
            Request::post("/checkout-backend-api/v1/auth/token")
                .header("Api-Key", KEY)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        keys(&token.body),
        props(&doc, "WaftpayEnvelope"),
        "{}",
        token.text
    );
}

/// A link's amount is set one way of three, and an edit cannot touch it:
/// the document says exactly what the API takes, so a client generated from
/// it (or a fuzzer) sends bodies the API accepts.
#[tokio::test]
async fn payment_link_bodies_document_their_one_amount_shape() {
    let app = app().await;
    let doc = get(&app, "/openapi.json").await.body;
    let body_of = |path: &str| {
        doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(body_of("/v1/payment_links").ends_with("/CreatePaymentLink"));
    assert!(body_of("/v1/payment_links/{id}").ends_with("/UpdatePaymentLink"));
    let shapes = doc["components"]["schemas"]["CreatePaymentLink"]["oneOf"]
        .as_array()
        .unwrap();
    let bodies = [
        json!({ "amount": 25000, "currency": "MZN" }),
        json!({ "line_items": [{ "name": "Bolo", "quantity": 2, "unit_amount": 500 }] }),
        json!({ "custom_amount_min": 100, "custom_amount_max": 900, "currency": "KES" }),
    ];
    assert_eq!(shapes.len(), bodies.len());
    let mut ids = vec![];
    for (shape, body) in shapes.iter().zip(bodies) {
        for field in shape["required"].as_array().unwrap() {
            assert!(body.get(field.as_str().unwrap()).is_some(), "{shape}");
        }
        let r = app.api("POST", "/v1/payment_links", Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        ids.push(r.body["id"].as_str().unwrap().to_string());
    }
    // Two shapes at once match two branches: the document forbids it and
    // the API refuses it, writing nothing.
    let both =
        json!({ "amount": 5, "custom_amount_min": 1, "custom_amount_max": 9, "currency": "MZN" });
    let r = app.api("POST", "/v1/payment_links", Some(both)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let list = app.api("GET", "/v1/payment_links", None).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), ids.len());
    // An edit that names the currency is refused, as the document says;
    // whole numbers written with a zero fraction are numbers.
    let forbidden = &doc["components"]["schemas"]["UpdatePaymentLink"]["not"]["anyOf"];
    assert!(
        forbidden
            .as_array()
            .unwrap()
            .contains(&json!({ "required": ["currency"] }))
    );
    let path = format!("/v1/payment_links/{}", ids[0]);
    let r = app
        .api("POST", &path, Some(json!({ "currency": "KES" })))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .api("POST", &path, Some(json!({ "payment_limit": 3.0 })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["payment_limit"], 3);
}
