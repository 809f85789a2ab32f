#!/usr/bin/env python3
"""Seeds a running Lipa for the API fuzzer and writes its schemathesis
configuration: real objects (a paid and an open session, a refund, an
event, Orqex and Waftpay checkouts, a Zenofy product, a connector account
per provider) so that ids in paths and bodies can name something, the
credentials of each door, and the providers' fakes' credentials.

Usage: fuzz_seed.py BASE_URL API_KEY CONFIG_PATH FAKES_URL
"""

import json
import sys
import urllib.parse
import urllib.request

BASE, KEY, CONFIG, FAKES = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

# What server/tests/support/fakes.rs takes as each provider's credentials.
FAKE_CREDENTIALS = {
    "consumer_key": "fake_consumer_key",
    "consumer_secret": "fake_consumer_secret_9f8e7d",
    "passkey": "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
    "business_short_code": "174379",
    "service_provider_code": "171717",
    "api_user": "8a1d6f3e-2b4c-4d5e-9f60-718293a4b5c6",
    "subscription_key": "fake_momo_subscription_0a9b8c",
    "secret_key": "sk_test_fake_51Lipa0000000000",
    "webhook_secret": "whsec_fake_lipa_0123456789",
    "secret_hash": "lipa-fake-secret-hash",
    "merchant_id": "10000100",
    "merchant_key": "46f0cd694581a",
    "passphrase": "jt7NOE43FZPn",
}
# Flutterwave's test key (server/tests/support/flutterwave_fake.rs); its
# field is named like Stripe's.
FLUTTERWAVE_KEY = "FLWSECK_TEST-fake0000lipa0000-X"


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


def connector_accounts():
    with urllib.request.urlopen(FAKES + "/_fake/vodacom_public_key") as r:
        public_key = r.read().decode()
    c = FAKE_CREDENTIALS
    bodies = [
        ("mpesa_daraja", {k: c[k] for k in ("consumer_key", "consumer_secret", "passkey", "business_short_code")}
         | {"transaction_type": "CustomerPayBillOnline"}),
        ("mpesa_vodacom_mz", {"api_key": "fake_vodacom_api_key_6c5b4a", "public_key": public_key,
                              "service_provider_code": c["service_provider_code"]}),
        ("mtn_momo", {"api_user": c["api_user"], "api_key": "fake_momo_api_key_3e2d1c",
                      "subscription_key": c["subscription_key"], "target_environment": "sandbox"}),
        ("stripe", {"secret_key": c["secret_key"], "webhook_secret": c["webhook_secret"]}),
        ("flutterwave", {"secret_key": FLUTTERWAVE_KEY, "secret_hash": c["secret_hash"]}),
        ("payfast", {k: c[k] for k in ("merchant_id", "merchant_key", "passphrase")}),
    ]
    # The Stripe and Flutterwave accounts take only their own method: the
    # seeded card payments stay with the sandbox, which pays them at once.
    methods = {"stripe": {"methods": ["stripe"]}, "flutterwave": {"methods": ["flutterwave"]}}
    ids = [
        call("POST", "/v1/connector_accounts", {"provider": p, "credentials": b} | methods.get(p, {}))["id"]
        for p, b in bodies
    ]
    return ids, public_key


ECOCASH = {"mobile_money": {"ecocash": {"phone": "+263771234000"}}}


def charges_and_payouts():
    """A large paid USD charge (a balance to pay out from), a charge
    waiting for its payment method, and a payout."""
    import time

    paid = call("POST", "/v1/charges", {"amount": 100_000_000_000, "currency": "USD", "source": "pos",
                                        "confirm": True, "payment_method": ECOCASH})
    for _ in range(100):
        if call("GET", f"/v1/charges/{paid['id']}")["status"] == "succeeded":
            break
        time.sleep(0.1)
    else:
        raise SystemExit("seeding: the USD charge did not succeed")
    waiting = call("POST", "/v1/charges", {"amount": 500, "currency": "USD", "source": "web"})
    payout = call("POST", "/v1/payouts", {"amount": 100, "currency": "USD", "destination": ECOCASH})
    return {"paid_charge": paid["id"], "waiting_charge": waiting["id"], "payout": payout["id"]}


def seed():
    accounts, public_key = connector_accounts()
    money = charges_and_payouts()
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
    link = call("POST", "/v1/payment_links", {"currency": "MZN", "amount": 25000, "description": "Fuzz"})
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
        "payment_link": link["id"],
        "connector_account": accounts[0],
        "disable": accounts[2],
        "public_key": public_key,
    } | money


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
        ("/v1/connector_accounts/{id}", {"id": s["connector_account"]}),
        ("/v1/connector_accounts/{id}/disable", {"id": s["disable"]}),
        ("/v1/charges/{id}", {"id": s["paid_charge"]}),
        ("/v1/charges/{id}/confirm", {"id": s["waiting_charge"]}),
        ("/v1/charges/{id}/cancel", {"id": s["waiting_charge"]}),
        ("/v1/payouts/{id}", {"id": s["payout"]}),
        ("/v1/payment_links/{id}", {"id": s["payment_link"]}),
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
        "[dictionaries.usd]",
        'values = ["USD", "usd"]',
        "[dictionaries.link_currencies]",
        'values = ["MZN", "KES", "USD"]',
        "[dictionaries.zenofy_products]",
        f"values = {toml_list([s['zenofy_product']])}",
    ]
    # One value each: a provider only takes its own credentials. The Daraja
    # and MoMo `api_key`s differ; the fuzzer offers both.
    for field, value in FAKE_CREDENTIALS.items():
        values = [value, FLUTTERWAVE_KEY] if field == "secret_key" else [value]
        out.append(f"[dictionaries.{field}]")
        out.append(f"values = {toml_list(values)}")
    out.append("[dictionaries.api_key]")
    out.append(f"values = {toml_list(['fake_vodacom_api_key_6c5b4a', 'fake_momo_api_key_3e2d1c'])}")
    out.append("[dictionaries.public_key]")
    out.append(f"values = {toml_list([s['public_key']])}")
    # Each entry names one operation by its label: schemathesis ORs an
    # entry's filters, so `include-path` with `include-method` would match
    # every POST.
    for path, params in ops:
        out.append("[[operations]]")
        out.append(f'include-path = "{path}"')
        inline = ", ".join(f'{k} = "{v}"' for k, v in params.items())
        out.append(f"parameters = {{ {inline} }}")
    bodies = [
        # Ecocash and OneMoney take USD: with it, charges and payouts can
        # succeed (the seeded charge put USD on the balance).
        ("/v1/charges", "body.currency", "usd"),
        ("/v1/payouts", "body.currency", "usd"),
        ("/v1/checkout/sessions", "body.product", "products"),
        ("/v1/refunds", "body.charge", "charges"),
        # A link's currency must be one Lipa knows; random three-letter codes
        # mostly are not.
        ("/v1/payment_links", "body.currency", "link_currencies"),
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
        out.append(f'include-name = "POST {path}"')
        out.append(f'parameters = {{ "{key}" = {{ dictionary = "{dictionary}", probability = 0.9 }} }}')
        if path == "/v1/refunds":
            out.append("phases = { coverage = { enabled = false } }")
    # Credentials the fakes take, so that some creations succeed: neither
    # the coverage phase's boundary values nor the schema's examples can
    # name credentials a provider takes.
    out.append("[[operations]]")
    out.append('include-name = "POST /v1/connector_accounts"')
    fields = list(FAKE_CREDENTIALS) + ["api_key", "public_key"]
    inline = ", ".join(f'"body.credentials.{f}" = {{ dictionary = "{f}", probability = 0.95 }}' for f in fields)
    out.append(f"parameters = {{ {inline} }}")
    out.append("phases = { coverage = { enabled = false }, examples = { enabled = false } }")
    # Last, so that the entries above win where they set something. The
    # coverage phase sends the same boundary `Idempotency-Key` ("0", ...)
    # with different bodies: the API's 409 `idempotency_key_reused` is right
    # and would drown everything else. POST bodies get the fuzzing phase.
    out.append("[[operations]]")
    out.append('include-method = "POST"')
    out.append("phases = { coverage = { enabled = false } }")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(CONFIG, "w") as f:
        f.write(config(seed()))
