# Ojú-ìwé ìsanwó ti olùrà (Yorùbá, Nàìjíríà àti Bẹ̀nẹ̀).
# Àwọn àyípadà: $merchant (orúkọ ṣọ́ọ̀bù), $amount (owó tí a ti ṣètò),
# $method (ọ̀nà ìsanwó), $phone. Ó nílò àyẹ̀wò láti ọwọ́ ẹni tí Yorùbá jẹ́ èdè abínibí rẹ̀.

page-title = Sanwó fún { $merchant }
page-description = Sanwó fún { $merchant } láìléwu pẹ̀lú owó orí fóònù tàbí káàdì.
test-mode = Ìdánwò · kò sí owó gidi tí ń lọ
secured-by = Ìsanwó láti ọwọ́ Lipa
order-summary = Àkópọ̀ ọjà
total = Àpapọ̀
quantity = Iye { $quantity }
pay-with = Sanwó pẹ̀lú
method-card = Káàdì
phone-label = Nọ́mbà { $method }
phone-hint = A ó fi ìbéèrè ìsanwó ránṣẹ́ sí fóònù yìí.
pay-button = { $submit ->
    [donate] Ṣe ìtọrẹ { $amount }
    [book] Ṣe ìfipamọ́ kí o sì san { $amount }
   *[pay] San { $amount }
}
paying = A ń fi ìbéèrè ránṣẹ́…
cancel-link = Fagilé kí o padà sí { $merchant }
no-methods = Ojú-ìwé ìsanwó yìí kò ní ọ̀nà ìsanwó tí o lè lò níbí. Jọ̀wọ́ kàn sí { $merchant }.

pending-title = Wo fóònù rẹ
pending-body = A ti fi ìbéèrè { $amount } ránṣẹ́ sí { $phone }. Tẹ PIN { $method } rẹ sórí fóònù rẹ láti fọwọ́ sí i.
pending-waiting = A ń dúró de ìfọwọ́sí rẹ…
pending-check = Mo ti fọwọ́ sí i, ṣàyẹ̀wò báyìí

receipt-title = Ìsanwó ti yọrí sí rere
receipt-body = { $merchant } ti gba owó rẹ.
receipt-amount = Owó tí a san
receipt-method = A san pẹ̀lú
receipt-reference = Nọ́mbà ìtọ́kasí
receipt-date = Ọjọ́
receipt-close = O lè pa ojú-ìwé yìí dé.
return-to-merchant = Padà sí { $merchant }
redirecting = A ń mú ọ padà sí { $merchant }…

expired-title = Àkókò ojú-ìwé ìsanwó yìí ti parí
expired-body = Àkókò ìsanwó parí kí a tó sanwó. Béèrè ìlànà ìsanwó tuntun lọ́wọ́ { $merchant }.
cancelled-title = A ti fagilé ojú-ìwé ìsanwó yìí
cancelled-body = { $merchant } ti fagilé ọjà yìí, nítorí náà a kò lè san án mọ́.
notfound-title = A kò rí ojú-ìwé ìsanwó
notfound-body = Ìlànà ìsanwó yìí kò tọ̀nà tàbí kò sí mọ́. Ṣàyẹ̀wò ìlànà náà, tàbí béèrè tuntun lọ́wọ́ ṣọ́ọ̀bù.
notfound-page-title = A kò rí ojú-ìwé ìsanwó
notfound-page-description = Ìlànà ìsanwó yìí kò darí sí ojú-ìwé ìsanwó.

failed-title = Ìsanwó kò parí
failed-retry = O lè gbìyànjú lẹ́ẹ̀kan sí i, tàbí yan ọ̀nà mìíràn.
failure-insufficient_funds = Owó inú { $method } rẹ kò tó fún ìsanwó yìí.
failure-declined = A kọ ìsanwó náà.
failure-timeout = Fóònù rẹ kò dáhùn ìbéèrè náà ní àkókò.
failure-generic = Ìsanwó náà kò lọ.

error-phone_missing = Tẹ nọ́mbà { $method } rẹ.
error-phone_invalid_characters = Lo àwọn nọ́mbà nìkan, fún àpẹẹrẹ 803 123 4567.
error-phone_wrong_country = Nọ́mbà yìí jẹ́ ti orílẹ̀-èdè mìíràn.
error-phone_not_allowed = Ojú-ìwé yìí gba ìsanwó láti ọ̀dọ̀ nọ́mbà tí a fihàn nìkan.
phone-locked = Oníṣòwò ló yan nọ́mbà tí yóò san ojú-ìwé yìí.
error-phone_wrong_length = Iye díjítì inú nọ́mbà yìí kò tọ̀nà.
error-phone_wrong_network = Nọ́mbà yìí kò sí lórí { $method }.
error-phone_not_supported = { $method } kò lo nọ́mbà fóònù.
error-method_unavailable = Ọ̀nà ìsanwó yìí kò sí fún ọjà yìí.
error-session_closed = A kò lè san ojú-ìwé yìí mọ́.
error-generic = Nǹkan kan kò lọ dáadáa. Jọ̀wọ́ gbìyànjú lẹ́ẹ̀kan sí i.
error-too_many_attempts = Ojú-ìwé yìí ti ní ọ̀pọ̀lọpọ̀ ìsanwó tí kò yọrí, nítorí náà kò gba mìíràn mọ́. Padà sí ṣọ́ọ̀bù láti bẹ̀rẹ̀ lẹ́ẹ̀kan sí i.
error-too_many_pushes = Nọ́mbà yìí ti gba ìbéèrè ìsanwó tí ó pọ̀ jù ní ìṣẹ́jú díẹ̀ sẹ́yìn. Dúró díẹ̀ tàbí yan ọ̀nà mìíràn.
error-too_fast = Ìgbìyànjú ti pọ̀ jù láti ìsopọ̀ rẹ. Dúró fún ìṣẹ́jú kan, lẹ́yìn náà gbìyànjú lẹ́ẹ̀kan sí i.

card-number = Nọ́mbà káàdì
card-expiry = Ọjọ́ ìparí
card-cvc = Kóòdù ààbò
card-name = Orúkọ tó wà lórí káàdì
redirect-hint = Ìwọ yóò parí ìsanwó lórí ojú-ìwé olùpèsè, lẹ́yìn náà padà síbí.

pending-countdown = Àkókò tó kù láti fọwọ́ sí i: { $time }

action-card-title = Jẹ́rìísí pẹ̀lú ilé-ìfowópamọ́ rẹ
action-card-body = Ilé-ìfowópamọ́ rẹ nílò láti mọ̀ pé ìwọ ni. Ìwọ yóò padà síbí lẹ́yìn náà.
action-redirect-title = Tẹ̀síwájú sí { $method }
action-redirect-body = Ìwọ yóò parí ìsanwó lórí ojú-ìwé { $method }, lẹ́yìn náà padà síbí.
action-continue = Tẹ̀síwájú
action-abandon = Lo ọ̀nà ìsanwó mìíràn

failure-card_declined = A kọ káàdì rẹ.
failure-authentication_failed = Ilé-ìfowópamọ́ rẹ kò lè jẹ́rìísí ìsanwó náà.
failure-cancelled = A fagilé ìsanwó náà kí ó tó parí.
failure-session_expired = Àkókò ìsanwó ti parí.
failure-provider_unavailable = Iṣẹ́ ìsanwó kò dáhùn.
failure-phone_unreachable = A kò lè dé ọ̀dọ̀ fóònù rẹ. Ríi dájú pé ó wà ní títàn, ó sì ní àmì nẹ́tíwọ́ọ̀kì, lẹ́yìn náà gbìyànjú lẹ́ẹ̀kan sí i.
failure-wrong_pin = PIN náà kò tọ̀nà. Gbìyànjú lẹ́ẹ̀kan sí i kí o tẹ PIN { $method } rẹ.
failure-payment_in_progress = Àkáǹtì { $method } rẹ ń ṣe ìsanwó mìíràn lọ́wọ́. Dúró fún ìṣẹ́jú kan, lẹ́yìn náà gbìyànjú lẹ́ẹ̀kan sí i.
failure-invalid_number = Nọ́mbà yìí kò ní àkáǹtì { $method }. Ṣàyẹ̀wò nọ́mbà náà.
failure-limit_reached = O ti dé òpin ìdúnàádúrà { $method } rẹ fún báyìí.

error-card_number_missing = Tẹ nọ́mbà káàdì rẹ.
error-card_number_invalid = Nọ́mbà káàdì yìí kò wúlò. Ṣàyẹ̀wò rẹ̀ kí o sì gbìyànjú lẹ́ẹ̀kan sí i.
error-card_number_incomplete = Nọ́mbà káàdì yìí kúrú jù.
error-card_expiry_invalid = Tẹ ọjọ́ ìparí gẹ́gẹ́ bí MM/YY.
error-card_expired = Káàdì yìí ti parí.
error-card_cvc_invalid = Tẹ kóòdù oní-díjítì 3 tó wà lẹ́yìn káàdì (díjítì 4 níwájú fún American Express).
error-card_name_missing = Tẹ orúkọ bí ó ṣe wà lórí káàdì.

utc = UTC
month-1 = Ṣẹ́rẹ́
month-2 = Èrèlè
month-3 = Ẹrẹ̀nà
month-4 = Ìgbé
month-5 = Ẹ̀bibi
month-6 = Òkúdu
month-7 = Agẹmọ
month-8 = Ògún
month-9 = Owewe
month-10 = Ọ̀wàrà
month-11 = Bélú
month-12 = Ọ̀pẹ̀
date-time = { $day } { $month } { $year }, { $time }

language = Èdè
language-apply = Yípadà
expires-in-minutes = Ojú-ìwé yìí yóò parí ní ìṣẹ́jú { $minutes }.
expires-in-hours = Ojú-ìwé yìí yóò parí ní wákàtí { $hours }.
expires-on = Ojú-ìwé yìí yóò parí ní { $date }.
card-expiry-placeholder = MM/YY

# Ìsanwó ní ìpín-ìpín (Waftpay `strict_amount: false`).
amount-label = Owó tí o fẹ́ san báyìí ({ $currency })
amount-hint = Ohun tí a ti san: { $paid } nínú { $total }. Ohun tó kù: { $left }. O lè sanwó ní ìpín-ìpín.
pay-part = San owó yìí
error-amount_invalid = Tẹ iye owó tí ó ju òdo lọ, tí kò sì ju èyí tó kù láti san lọ.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Àyẹ̀wò 3-D Secure
sandbox-card-body = Ilé ìfowópamọ́ rẹ ní kí o jẹ́rìí sí ìsanwó yìí pẹ̀lú { $card }.
sandbox-card-approve = Parí ìjẹ́rìísí
sandbox-card-decline = Jẹ́ kí ìjẹ́rìísí kùnà
sandbox-provider-title = Ìsanwó ìdánwò { $method }
sandbox-provider-body = Ojú-ìwé yìí dúró fún ojú-ìwé ìsanwó { $method }.
sandbox-approve = Fọwọ́ sí ìsanwó ìdánwò
sandbox-decline = Kọ ìsanwó ìdánwò
sandbox-payee = Sí { $merchant }
sandbox-finished = Ìsanwó ìdánwò yìí ti parí
sandbox-back = Padà sí ojú-ìwé ìsanwó
sandbox-missing = Kò sí ìsanwó ìdánwò bẹ́ẹ̀
close = Padé

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Èló ni o fẹ́ san?
link-amount-label = Iye owó ({ $currency })
link-amount-hint = Láàrin { $min } àti { $max }.
link-amount-invalid = Tẹ iye owó tó wà láàrin { $min } àti { $max }.
link-closed-title = Ìjápọ̀ ìsanwó yìí ti pa
link-closed-body = Kò gba ìsanwó mọ́. Béèrè ìjápọ̀ tuntun lọ́wọ́ ẹni tó ń tà.
