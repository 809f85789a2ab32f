# Pejy fandoavam-bola ho an'ny mpividy (Malagasy, Madagasikara).
# Miovaova: $merchant (anaran'ny fivarotana), $amount (vola voasoratra),
# $method (fomba fandoavana), $phone. Mila hojeren'ny Malagasy teratany.

page-title = Aloavy amin'i { $merchant }
page-description = Aloavy amin'i { $merchant } amim-piarovana amin'ny vola finday na karatra.
test-mode = Fanandramana · tsy misy vola tena izy mihetsika
secured-by = Fandoavana amin'ny alalan'i Lipa
order-summary = Fintina ny kaomandy
total = Totaliny
quantity = Isa { $quantity }
pay-with = Aloavy amin'ny
method-card = Karatra
phone-label = Laharana { $method }
phone-hint = Handefa fangatahana fandoavana amin'ity finday ity izahay.
pay-button = { $submit ->
    [donate] Manomeza { $amount }
    [book] Mamandrika ary aloavy { $amount }
   *[pay] Aloavy { $amount }
}
paying = Alefa ny fangatahana…
cancel-link = Foano ary miverena any amin'i { $merchant }
no-methods = Tsy misy fomba fandoavana azonao ampiasaina eto ity pejy ity. Mifandraisa amin'i { $merchant } azafady.

pending-title = Jereo ny findainao
pending-body = Nandefa fangatahana { $amount } tany amin'ny { $phone } izahay. Ampidiro ao amin'ny findainao ny kaody miafina { $method } mba hanekena azy.
pending-waiting = Miandry ny fankatoavanao…
pending-check = Nekeko, jereo izao

receipt-title = Tontosa ny fandoavana
receipt-body = Voaray an'i { $merchant } ny volanao.
receipt-amount = Vola naloa
receipt-method = Naloa tamin'ny
receipt-reference = Referansa
receipt-date = Daty
receipt-close = Azonao hidiana ity pejy ity.
return-to-merchant = Miverena any amin'i { $merchant }
redirecting = Averinay any amin'i { $merchant } ianao…

expired-title = Lany daty ity pejy fandoavana ity
expired-body = Tapitra ny fotoana handoavana talohan'ny nandoavana. Angataho rohy fandoavana vaovao amin'i { $merchant }.
cancelled-title = Nofoanana ity pejy fandoavana ity
cancelled-body = Nofoanan'i { $merchant } ity kaomandy ity, ka tsy azo aloa intsony.
notfound-title = Tsy hita ny pejy fandoavana
notfound-body = Diso na tsy misy intsony ity rohy fandoavana ity. Jereo ny rohy, na angataho vaovao amin'ny fivarotana.
notfound-page-title = Tsy hita ny pejy fandoavana
notfound-page-description = Tsy mitondra any amin'ny pejy fandoavana ity rohy ity.

failed-title = Tsy vita ny fandoavana
failed-retry = Afaka manandrana indray ianao, na misafidy fomba hafa.
failure-insufficient_funds = Tsy ampy hanaovana ity fandoavana ity ny vola ao amin'ny { $method } anao.
failure-declined = Nolavina ny fandoavana.
failure-timeout = Tsy namaly ny fangatahana ara-potoana ny findainao.
failure-generic = Tsy nandeha ny fandoavana.

error-phone_missing = Ampidiro ny laharana { $method } anao.
error-phone_invalid_characters = Isa ihany no ampiasaina, ohatra 34 12 345 67.
error-phone_wrong_country = Avy amin'ny firenena hafa ity laharana ity.
error-phone_not_allowed = Ny fandoavana avy amin'ny laharana aseho ihany no ekena amin'ity pejy ity.
phone-locked = Ny mpivarotra no nisafidy ny laharana handoa ity pejy ity.
error-phone_wrong_length = Diso ny isan'ny tarehimarika amin'ity laharana ity.
error-phone_wrong_network = Tsy ao amin'ny { $method } ity laharana ity.
error-phone_not_supported = Tsy mampiasa laharana finday ny { $method }.
error-method_unavailable = Tsy misy ho an'ity kaomandy ity io fomba fandoavana io.
error-session_closed = Tsy azo aloa intsony ity pejy ity.
error-generic = Nisy zavatra tsy nety. Andramo indray azafady.
error-too_many_attempts = Be loatra ny fandoavana tsy nahomby teto, ka tsy mandray intsony ity pejy ity. Miverena any amin'ny fivarotana dia manomboka indray.
error-too_many_pushes = Nahazo fangatahana fandoavana be loatra tao anatin'ny minitra vitsy lasa ity laharana ity. Miandrasa kely na misafidiana fomba hafa.
error-too_fast = Be loatra ny fanandramana avy amin'ny fifandraisanao. Miandrasa iray minitra, dia andramo indray.

card-number = Laharan'ny karatra
card-expiry = Daty fahataperana
card-cvc = Kaody fiarovana
card-name = Anarana eo amin'ny karatra
redirect-hint = Hamita ny fandoavana eo amin'ny pejin'ny mpanome tolotra ianao, dia hiverina eto.

pending-countdown = Fotoana sisa hanekena: { $time }

action-card-title = Hamafiso amin'ny bankinao
action-card-body = Mila manamarina ny bankinao fa ianao tokoa io. Hiverina eto ianao avy eo.
action-redirect-title = Tohizo any amin'ny { $method }
action-redirect-body = Hamita ny fandoavana eo amin'ny pejin'ny { $method } ianao, dia hiverina eto.
action-continue = Tohizo
action-abandon = Mampiasà fomba fandoavana hafa

failure-card_declined = Nolavina ny karatrao.
failure-authentication_failed = Tsy nahavita nanamafy ny fandoavana ny bankinao.
failure-cancelled = Nofoanana talohan'ny nahavitany ny fandoavana.
failure-session_expired = Tapitra ny fotoana handoavana.
failure-provider_unavailable = Tsy namaly ny sampan-draharaha fandoavana.
failure-phone_unreachable = Tsy tratra ny findainao. Hamarino fa mirehitra izy ary misy tambajotra, dia andramo indray.
failure-wrong_pin = Diso ny kaody miafina. Andramo indray ary ampidiro ny kaody miafina { $method } anao.
failure-payment_in_progress = Mbola manao fandoavana hafa ny kaontinao { $method }. Miandrasa iray minitra, dia andramo indray.
failure-invalid_number = Tsy manana kaonty { $method } ity laharana ity. Jereo ny laharana.
failure-limit_reached = Tratra ny fetran'ny fifanakalozanao { $method } amin'izao fotoana izao.

error-card_number_missing = Ampidiro ny laharan'ny karatrao.
error-card_number_invalid = Tsy manan-kery ity laharan'ny karatra ity. Jereo ary andramo indray.
error-card_number_incomplete = Fohy loatra ity laharan'ny karatra ity.
error-card_expiry_invalid = Ampidiro ny daty fahataperana toy ny MM/YY.
error-card_expired = Lany daty ity karatra ity.
error-card_cvc_invalid = Ampidiro ny kaody misy tarehimarika 3 ao ambadiky ny karatra (4 eo aloha ho an'ny American Express).
error-card_name_missing = Ampidiro ny anarana araka ny hita eo amin'ny karatra.

utc = UTC
month-1 = Janoary
month-2 = Febroary
month-3 = Martsa
month-4 = Aprily
month-5 = Mey
month-6 = Jona
month-7 = Jolay
month-8 = Aogositra
month-9 = Septambra
month-10 = Oktobra
month-11 = Novambra
month-12 = Desambra
date-time = { $day } { $month } { $year }, { $time }

language = Fiteny
language-apply = Ovay
expires-in-minutes = { $minutes ->
    [one] Ho lany daty afaka { $minutes } minitra ity pejy ity.
   *[other] Ho lany daty afaka { $minutes } minitra ity pejy ity.
}
expires-in-hours = { $hours ->
    [one] Ho lany daty afaka { $hours } ora ity pejy ity.
   *[other] Ho lany daty afaka { $hours } ora ity pejy ity.
}
expires-on = Ho lany daty amin'ny { $date } ity pejy ity.
card-expiry-placeholder = MM/YY

# Fandoavana tsikelikely (Waftpay `strict_amount: false`).
amount-label = Vola aloa izao ({ $currency })
amount-hint = Efa naloa: { $paid } amin'ny { $total }. Sisa aloa: { $left }. Azonao aloa tsikelikely.
pay-part = Aloavy ity vola ity
error-amount_invalid = Ampidiro vola mihoatra ny aotra ary tsy mihoatra ny sisa aloa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Fanamarinana 3-D Secure
sandbox-card-body = Mangataka anao hanamafy ity fandoavana ity amin'ny { $card } ny bankinao.
sandbox-card-approve = Vita ny fanamarinana
sandbox-card-decline = Tsy nahomby ny fanamarinana
sandbox-provider-title = Fandoavana andrana { $method }
sandbox-provider-body = Ity pejy ity dia misolo ny pejy fandoavan'i { $method }.
sandbox-approve = Ekeo ny fandoavana andrana
sandbox-decline = Laviana ny fandoavana andrana
sandbox-payee = Ho an'i { $merchant }
sandbox-finished = Vita ity fandoavana andrana ity
sandbox-back = Hiverina amin'ny pejy fandoavana
sandbox-missing = Tsy misy fandoavana andrana toy izany
close = Hidio

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Ohatrinona no tianao haloa?
link-amount-label = Vola ({ $currency })
link-amount-hint = Eo anelanelan'ny { $min } sy { $max }.
link-amount-invalid = Ampidiro vola eo anelanelan'ny { $min } sy { $max }.
link-closed-title = Mihidy ity rohy fandoavana ity
link-closed-body = Tsy mandray fandoavana intsony izy. Angataho rohy vaovao amin'ny mpivarotra.
