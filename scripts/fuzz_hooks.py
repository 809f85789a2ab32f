"""Schemathesis hooks for scripts/fuzz (loaded through SCHEMATHESIS_HOOKS).

Waftpay's `checkout_reference` must be unique among a merchant's
checkouts: the fuzzer draws the same short strings ("0", "00", ...) again
and again, and every repeat is a right 409 that leaves the operation's
logic untested (and, with a few 400s among them, reads as a schema that
does not match the API). Each call gets a fresh suffix, within the
documented 100 characters; the 409 itself has its own test
(server/tests/compat.rs, waftpay_sample_request_is_accepted_in_its_envelope).
"""

import itertools

import schemathesis

_SERIAL = itertools.count()


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.label != "POST /checkout-backend-api/v1/request":
        return
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("checkout_reference"), str):
        reference = body["checkout_reference"]
        if reference.strip():
            body["checkout_reference"] = f"{reference[:90]}-{next(_SERIAL)}"
