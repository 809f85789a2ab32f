#!/usr/bin/env python3
"""Seeds a running Lipa for the API fuzzer and writes its schemathesis
configuration: real objects (a paid and an open session, a refund, an
event, Orqex and Waftpay checkouts, a Zenofy product) so that ids in paths
and bodies can name something, and the credentials of each door.

Usage: fuzz_seed.py BASE_URL API_KEY CONFIG_PATH
"""

import json
import sys
import urllib.parse
import urllib.request

BASE, KEY, CONFIG = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, body=None, headers=None, form=None):
    data = None
    hdrs = {"Authorization": f"Bearer {KEY}"}
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    hdrs.update(headers or {})
    req = urllib.request.Request(BASE + path, data=data, headers=hdrs, method=method)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req) as r:
            text = r.read().decode()
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        if e.code >= 400:
            raise SystemExit(f"seeding {method} {path}: {e.code} {text}")
    return json.loads(text) if text.startswith("{") else {}


def session(**extra):
    body = {
        "currency": "MZN",
        "line_items": [{"name": "Capulana", "unit_amount": 125000, "quantity": 2}],
    }
    body.update(extra)
    return call("POST", "/v1/checkout/sessions", body)


CARD = {
    "method": "card",
    "card_number": "4242424242424242",
    "card_expiry": "12/30",
    "card_cvc": "123",
    "card_name": "Amina Machava",
}


def paid_session():
    s = session()
    call("POST", f"/c/{s['id']}", form=CARD)
    return s


def seed():
    products = call("GET", "/v1/products")["data"]
    # Zenofy takes only products that can receive its webhooks.
    for p in products:
        call("POST", f"/v1/products/{p['id']}", {"webhook_url": "https://shop.example/hooks"})
    paid = paid_session()
    chargeable = [paid_session()["id"] for _ in range(12)]
    refundable = [paid_session()["charge_reference"] for _ in range(12)]
    open_ = session()
    refund = call("POST", "/v1/refunds", {"charge": paid["charge_reference"], "amount": 100})
    events = call("GET", "/v1/events?limit=1")
    zenofy_product = "507f1f77bcf86cd799439011"
    call(
        "POST",
        "/v1/products",
        {
            "id": zenofy_product,
            "name": "Zenofy gateway",
            "main_currency": "MZN",
            "webhook_url": "https://shop.example/hooks",
        },
    )
    products = call("GET", "/v1/products")["data"]
    orqex = call(
        "POST",
        "/v1/payment/checkouts",
        {"amount": 50, "currency": "MZN", "description": "Fuzz", "customer": {"email": "a@b.co"}},
    )
    token = call("POST", "/checkout-backend-api/v1/auth/token", {"api_key": KEY})["data"]["access_token"]
    call(
        "POST",
        "/checkout-backend-api/v1/request",
        {
            "checkout_reference": "fuzz-ref-1",
            "currency": "KES",
            "amount": 100,
            "callback_url": "https://shop.example/hooks",
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    return {
        "paid": paid["id"],
        "chargeable": chargeable,
        "refundable": refundable,
        "open": open_["id"],
        "charge": paid["charge_reference"],
        "refund": refund["id"],
        "event": events["data"][0]["id"],
        "products": [p["id"] for p in products],
        "zenofy_product": zenofy_product,
        "orqex": orqex["data"]["checkout"]["id"],
        "waftpay": "fuzz-ref-1",
    }


def toml_list(items):
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def config(s):
    ops = [
        ("/v1/checkout/sessions/{id}", {"id": s["paid"]}),
        ("/v1/checkout/sessions/{id}/expire", {"id": s["open"]}),
        ("/v1/products/{id}", {"id": s["products"][0]}),
        ("/v1/refunds/{id}", {"id": s["refund"]}),
        ("/v1/events/{id}", {"id": s["event"]}),
        ("/v1/events/{id}/attempts", {"id": s["event"]}),
        ("/v1/events/{id}/redeliver", {"id": s["event"]}),
        ("/v1/payment/checkouts/{id}", {"id": s["orqex"]}),
        ("/checkout-backend-api/v1/request/{reference}", {"reference": s["waftpay"]}),
        ("/checkout/order-status", {"orderId": s["paid"]}),
    ]
    out = [
        "# Written by scripts/fuzz_seed.py for one run.",
        "[warnings]",
        'fail-on = ["validation_mismatch", "missing_auth"]',
        'display = ["validation_mismatch", "missing_auth", "missing_test_data", "low_valid_rate"]',
        "low_valid_rate = { threshold = 0.5 }",
        "[auth.openapi.bearer]",
        f'bearer = "{KEY}"',
        "[auth.openapi.api_key]",
        f'api_key = "{KEY}"',
        "[auth.dynamic.openapi.waftpay_token]",
        'path = "/checkout-backend-api/v1/auth/token"',
        f'payload = {{ api_key = "{KEY}" }}',
        'extract_selector = "/data/access_token"',
        "[dictionaries.products]",
        f"values = {toml_list(s['products'])}",
        "[dictionaries.charges]",
        f"values = {toml_list(s['refundable'])}",
        "[dictionaries.chargeable]",
        f"values = {toml_list(s['chargeable'])}",
        "[dictionaries.zenofy_products]",
        f"values = {toml_list([s['zenofy_product']])}",
    ]
    for path, params in ops:
        out.append("[[operations]]")
        out.append(f'include-path = "{path}"')
        inline = ", ".join(f'{k} = "{v}"' for k, v in params.items())
        out.append(f"parameters = {{ {inline} }}")
    bodies = [
        ("/v1/checkout/sessions", "body.product", "products"),
        ("/v1/refunds", "body.charge", "charges"),
        ("/checkout/order-api-gateway", "body.productId", "zenofy_products"),
    ]
    out.append("[[operations]]")
    out.append('include-path = "/v1/test_helpers/checkout/sessions/{id}/chargeback"')
    out.append('parameters = { "path.id" = { dictionary = "chargeable" } }')
    # Their bodies and paths must name objects that exist: the coverage
    # phase's boundary values cannot, the seeded dictionaries can.
    out.append("phases = { coverage = { enabled = false } }")
    for path, key, dictionary in bodies:
        out.append("[[operations]]")
        out.append(f'include-path = "{path}"')
        out.append('include-method = "POST"')
        out.append(f'parameters = {{ "{key}" = {{ dictionary = "{dictionary}", probability = 0.9 }} }}')
        if path == "/v1/refunds":
            out.append("phases = { coverage = { enabled = false } }")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(CONFIG, "w") as f:
        f.write(config(seed()))
