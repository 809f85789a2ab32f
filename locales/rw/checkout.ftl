# Urupapuro rwo kwishyura rw'umuguzi (Ikinyarwanda, u Rwanda).
# Ibihinduka: $merchant (izina ry'iduka), $amount (amafaranga yanditse neza),
# $method (uburyo bwo kwishyura), $phone. Amagambo yo kwishyura ava kuri MTN MoMo
# na IremboGov ("Ishyura", "kwemeza ubwishyu"). Bikeneye gusuzumwa n'Umunyarwanda.

page-title = Ishyura { $merchant }
page-description = Ishyura { $merchant } mu mutekano ukoresheje Mobile Money cyangwa ikarita.
test-mode = Igerageza · nta mafaranga nyayo yoherezwa
secured-by = Kwishyura binyuze kuri Lipa
order-summary = Incamake y'ibyo waguze
total = Igiteranyo
quantity = Umubare { $quantity }
pay-with = Ishyura ukoresheje
method-card = Ikarita
phone-label = Nomero ya { $method }
phone-hint = Turohereza ubusabe bwo kwishyura kuri iyi telefone.
pay-button = { $submit ->
    [donate] Tanga { $amount }
    [book] Fata umwanya wishyure { $amount }
   *[pay] Ishyura { $amount }
}
paying = Twohereza ubusabe…
cancel-link = Hagarika usubire kuri { $merchant }
no-methods = Uru rupapuro rwo kwishyura nta buryo bwo kwishyura ushobora gukoresha hano rufite. Vugana na { $merchant }.

pending-title = Reba kuri telefone yawe
pending-body = Twohereje ubusabe bwa { $amount } kuri { $phone }. Shyiramo PIN yawe ya { $method } kuri telefone kugira ngo wemeze ubwishyu.
pending-waiting = Dutegereje ko wemeza…
pending-check = Nemeje, reba ubu

receipt-title = Kwishyura byagenze neza
receipt-body = { $merchant } yakiriye ubwishyu bwawe.
receipt-amount = Amafaranga yishyuwe
receipt-method = Byishyuwe na
receipt-reference = Nomero y'ubwishyu
receipt-date = Itariki
receipt-close = Ushobora gufunga uru rupapuro.
return-to-merchant = Subira kuri { $merchant }
redirecting = Turagusubiza kuri { $merchant }…

expired-title = Igihe cyo kwishyura cyarangiye
expired-body = Igihe cyo kwishyura cyarangiye nta bwishyu bwakozwe. Saba { $merchant } indi link yo kwishyura.
cancelled-title = Uru rupapuro rwo kwishyura rwahagaritswe
cancelled-body = { $merchant } yahagaritse iyi komande, ntigishobora kwishyurwa.
notfound-title = Urupapuro rwo kwishyura ntirubonetse
notfound-body = Iyi link yo kwishyura ntiyanditse neza cyangwa ntikibaho. Reba link, cyangwa usabe iduka indi nshya.
notfound-page-title = Urupapuro rwo kwishyura ntirubonetse
notfound-page-description = Iyi link yo kwishyura ntigeza ku rupapuro rwo kwishyura.

failed-title = Kwishyura ntibyarangiye
failed-retry = Ushobora kongera kugerageza, cyangwa ugahitamo ubundi buryo.
failure-insufficient_funds = Amafaranga ari kuri { $method } yawe ntahagije kuri ubu bwishyu.
failure-declined = Ubwishyu bwanzwe.
failure-timeout = Telefone yawe ntiyasubije ubusabe ku gihe.
failure-generic = Ubwishyu ntibwakunze.

error-phone_missing = Shyiramo nomero yawe ya { $method }.
error-phone_invalid_characters = Koresha imibare gusa, urugero 78 123 4567.
error-phone_wrong_country = Iyi nomero ni iy'ikindi gihugu.
error-phone_not_allowed = Uru rupapuro rwemera ubwishyu buturutse kuri nomero igaragara gusa.
phone-locked = Umucuruzi ni we wahisemo nomero yishyura uru rupapuro.
error-phone_wrong_length = Iyi nomero ifite umubare w'imibare utari wo.
error-phone_wrong_network = Iyi nomero ntiri kuri { $method }.
error-phone_not_supported = { $method } ntikoresha nomero ya telefone.
error-method_unavailable = Ubu buryo bwo kwishyura ntibuboneka kuri iyi komande.
error-session_closed = Uru rupapuro ntirugishobora kwishyurwa.
error-generic = Hari ikitagenze neza. Ongera ugerageze.
error-too_many_attempts = Uru rupapuro rwagize ubwishyu bwinshi bwanze, ntirucyakira ubundi. Subira ku iduka utangire bundi bushya.
error-too_many_pushes = Iyi nomero yakiriye ubusabe bwinshi bwo kwishyura mu minota mike ishize. Tegereza gato cyangwa uhitemo ubundi buryo.
error-too_fast = Wagerageje inshuro nyinshi cyane. Tegereza umunota umwe, hanyuma wongere ugerageze.

card-number = Nomero y'ikarita
card-expiry = Itariki ikarita irangiriraho
card-cvc = Kode y'umutekano
card-name = Izina riri ku ikarita
redirect-hint = Uzarangiriza kwishyura ku rupapuro rw'utanga serivisi, hanyuma ugaruke hano.

pending-countdown = Igihe gisigaye cyo kwemeza: { $time }

action-card-title = Emeza kuri banki yawe
action-card-body = Banki yawe ikeneye kumenya ko ari wowe. Uzagaruka hano nyuma.
action-redirect-title = Komeza kuri { $method }
action-redirect-body = Uzarangiriza kwishyura ku rupapuro rwa { $method }, hanyuma ugaruke hano.
action-continue = Komeza
action-abandon = Koresha ubundi buryo bwo kwishyura

failure-card_declined = Ikarita yawe yanzwe.
failure-authentication_failed = Banki yawe ntiyashoboye kwemeza ubwishyu.
failure-cancelled = Ubwishyu bwahagaritswe butararangira.
failure-session_expired = Igihe cyo kwishyura cyarangiye.
failure-provider_unavailable = Serivisi yo kwishyura ntiyasubije.
failure-phone_unreachable = Telefone yawe ntiyabonetse. Reba ko yaka kandi ifite umurongo, hanyuma wongere ugerageze.
failure-wrong_pin = PIN ntiyari yo. Ongera ugerageze ushyiremo PIN yawe ya { $method }.
failure-payment_in_progress = Konti yawe ya { $method } iri mu bundi bwishyu. Tegereza umunota umwe, hanyuma wongere ugerageze.
failure-invalid_number = Iyi nomero nta konti ya { $method } ifite. Reba nomero.
failure-limit_reached = Wageze ku mupaka w'ibyo wemerewe gukoresha kuri { $method } muri iki gihe.

error-card_number_missing = Shyiramo nomero y'ikarita yawe.
error-card_number_invalid = Iyi nomero y'ikarita ntiyemewe. Yirebe wongere ugerageze.
error-card_number_incomplete = Iyi nomero y'ikarita ni ngufi cyane.
error-card_expiry_invalid = Andika itariki irangiriraho nka MM/YY.
error-card_expired = Iyi karita yarangiye.
error-card_cvc_invalid = Shyiramo kode y'imibare 3 iri inyuma y'ikarita (imibare 4 imbere kuri American Express).
error-card_name_missing = Andika izina nk'uko riri ku ikarita.

utc = UTC
month-1 = Mutarama
month-2 = Gashyantare
month-3 = Werurwe
month-4 = Mata
month-5 = Gicurasi
month-6 = Kamena
month-7 = Nyakanga
month-8 = Kanama
month-9 = Nzeri
month-10 = Ukwakira
month-11 = Ugushyingo
month-12 = Ukuboza
date-time = { $day } { $month } { $year }, { $time }

language = Ururimi
language-apply = Hindura
expires-in-minutes = { $minutes ->
    [one] Uru rupapuro rurarangira mu munota { $minutes }.
   *[other] Uru rupapuro rurarangira mu minota { $minutes }.
}
expires-in-hours = { $hours ->
    [one] Uru rupapuro rurarangira mu isaha { $hours }.
   *[other] Uru rupapuro rurarangira mu masaha { $hours }.
}
expires-on = Uru rupapuro rurarangira ku ya { $date }.
card-expiry-placeholder = MM/YY

# Ubwishyu mu byiciro (Waftpay `strict_amount: false`).
amount-label = Amafaranga wishyura ubu ({ $currency })
amount-hint = Ayamaze kwishyurwa: { $paid } kuri { $total }. Asigaye: { $left }. Ushobora kwishyura mu byiciro.
pay-part = Ishyura aya mafaranga
error-amount_invalid = Andika amafaranga arenze zeru kandi atarenze asigaye kwishyurwa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Igenzura rya 3-D Secure
sandbox-card-body = Banki yawe igusaba kwemeza ubu bwishyu ukoresheje { $card }.
sandbox-card-approve = Rangiza igenzura
sandbox-card-decline = Tuma igenzura ryanga
sandbox-provider-title = Ubwishyu bw'igerageza bwa { $method }
sandbox-provider-body = Uru rupapuro rusimbura urupapuro rwo kwishyura rwa { $method }.
sandbox-approve = Emeza ubwishyu bw'igerageza
sandbox-decline = Anga ubwishyu bw'igerageza
sandbox-payee = Kuri { $merchant }
sandbox-finished = Ubu bwishyu bw'igerageza bwarangiye
sandbox-back = Subira ku rupapuro rwo kwishyura
sandbox-missing = Nta bwishyu bw'igerageza nk'ubwo buhari
close = Funga

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Urashaka kwishyura angahe?
link-amount-label = Amafaranga ({ $currency })
link-amount-hint = Hagati ya { $min } na { $max }.
link-amount-invalid = Andika amafaranga ari hagati ya { $min } na { $max }.
link-closed-title = Iyi link yo kwishyura yafunzwe
link-closed-body = Ntikibyakira ubwishyu. Saba ugurisha indi link nshya.
