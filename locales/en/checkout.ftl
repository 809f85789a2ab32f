# The buyer's checkout page. Variables: $merchant (shop name), $amount
# (already formatted money), $method (payment method name), $phone.

page-title = Pay { $merchant }
page-description = Pay { $merchant } securely by mobile money or card.
test-mode = Test mode · no real money moves
secured-by = Payments by Lipa
order-summary = Order summary
total = Total
quantity = Qty { $quantity }
pay-with = Pay with
method-card = Card
phone-label = { $method } number
phone-hint = We'll send a payment request to this phone.
pay-button = { $submit ->
    [donate] Donate { $amount }
    [book] Book and pay { $amount }
   *[pay] Pay { $amount }
}
paying = Sending request…
cancel-link = Cancel and return to { $merchant }
no-methods = This checkout has no payment method you can use here. Please contact { $merchant }.

pending-title = Check your phone
pending-body = We sent a request for { $amount } to { $phone }. Enter your { $method } PIN on your phone to approve it.
pending-waiting = Waiting for your approval…
pending-check = I've approved, check now

receipt-title = Payment successful
receipt-body = { $merchant } has received your payment.
receipt-amount = Amount paid
receipt-method = Paid with
receipt-reference = Reference
receipt-date = Date
receipt-close = You can close this page.
return-to-merchant = Return to { $merchant }
redirecting = Taking you back to { $merchant }…

expired-title = This checkout has expired
expired-body = The time to pay ran out before a payment was made. Ask { $merchant } for a new payment link.
cancelled-title = This checkout was cancelled
cancelled-body = { $merchant } cancelled this order, so it can no longer be paid.
notfound-title = Checkout not found
notfound-body = This payment link is wrong or no longer exists. Check the link, or ask the shop for a new one.
notfound-page-title = Checkout not found
notfound-page-description = This payment link does not lead to a checkout.

failed-title = Payment not completed
failed-retry = You can try again, or choose another method.
failure-insufficient_funds = Your { $method } balance is too low for this payment.
failure-declined = The payment was declined.
failure-timeout = Your phone did not answer the request in time.
failure-generic = The payment did not go through.

error-phone_missing = Enter your { $method } number.
error-phone_invalid_characters = Use digits only, for example 84 123 4567.
error-phone_wrong_country = This number is from another country.
error-phone_not_allowed = This checkout accepts payment only from the number shown.
phone-locked = The merchant set the number that pays this checkout.
error-phone_wrong_length = This number has the wrong number of digits.
error-phone_wrong_network = This number is not on { $method }.
error-phone_not_supported = { $method } does not use a phone number.
error-method_unavailable = This payment method is not available for this order.
error-session_closed = This checkout can no longer be paid.
error-generic = Something went wrong. Please try again.
error-too_many_attempts = This checkout has had too many failed payments, so it takes no more. Go back to the shop to start again.
error-too_many_pushes = This number has received too many payment requests in the last few minutes. Wait a while or choose another method.
error-too_fast = Too many tries from your connection. Wait a minute, then try again.

card-number = Card number
card-expiry = Expiry date
card-cvc = Security code
card-name = Name on card
redirect-hint = You'll finish paying on the provider's page, then come back here.

pending-countdown = Time left to approve: { $time }

action-card-title = Confirm with your bank
action-card-body = Your bank needs to check it's you. You'll come back here afterwards.
action-redirect-title = Continue to { $method }
action-redirect-body = You'll finish paying on { $method }'s page, then come back here.
action-continue = Continue
action-abandon = Use another payment method

failure-card_declined = Your card was declined.
failure-authentication_failed = Your bank could not confirm the payment.
failure-cancelled = The payment was cancelled before it was finished.
failure-session_expired = The time to pay ran out.
failure-provider_unavailable = The payment service did not respond.
failure-phone_unreachable = Your phone could not be reached. Check it is on and has signal, then try again.
failure-wrong_pin = The PIN was wrong. Try again and enter your { $method } PIN.
failure-payment_in_progress = Your { $method } account is busy with another payment. Wait a minute, then try again.
failure-invalid_number = This number has no { $method } account. Check the number.
failure-limit_reached = Your { $method } transaction limit is reached for now.

error-card_number_missing = Enter your card number.
error-card_number_invalid = This card number is not valid. Check it and try again.
error-card_number_incomplete = This card number is too short.
error-card_expiry_invalid = Enter the expiry date as MM/YY.
error-card_expired = This card has expired.
error-card_cvc_invalid = Enter the 3-digit code on the back of the card (4 digits on the front for American Express).
error-card_name_missing = Enter the name as it appears on the card.

utc = UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-time = { $day } { $month } { $year }, { $time }

language = Language
language-apply = Change
expires-in-minutes = { $minutes ->
    [one] This checkout expires in { $minutes } minute.
   *[other] This checkout expires in { $minutes } minutes.
}
expires-in-hours = { $hours ->
    [one] This checkout expires in { $hours } hour.
   *[other] This checkout expires in { $hours } hours.
}
expires-on = This checkout expires on { $date }.
card-expiry-placeholder = MM/YY

# Sessions paid in parts (Waftpay `strict_amount: false`).
amount-label = Amount to pay now ({ $currency })
amount-hint = Paid so far: { $paid } of { $total }. Left to pay: { $left }. You can pay in parts.
pay-part = Pay this amount
error-amount_invalid = Enter an amount above zero and no more than what is left to pay.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = 3-D Secure check
sandbox-card-body = Your bank asks you to confirm this payment with { $card }.
sandbox-card-approve = Complete authentication
sandbox-card-decline = Fail authentication
sandbox-provider-title = { $method } test payment
sandbox-provider-body = This page stands in for { $method }'s own checkout.
sandbox-approve = Authorize test payment
sandbox-decline = Decline test payment
sandbox-payee = To { $merchant }
sandbox-finished = This test payment is finished
sandbox-back = Back to the checkout
sandbox-missing = No such test payment
close = Close

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = How much do you want to pay?
link-amount-label = Amount ({ $currency })
link-amount-hint = Between { $min } and { $max }.
link-amount-invalid = Enter an amount between { $min } and { $max }.
link-closed-title = This payment link is closed
link-closed-body = It takes no more payments. Ask the seller for a new link.
