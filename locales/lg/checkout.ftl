# Olupapula lw'omuguzi olw'okusasula (Luganda, Uganda).
# Ebikyuka: $merchant (erinnya ly'edduuka), $amount (ssente ezitegekeddwa),
# $method (engeri y'okusasula), $phone. Kyetaaga okwekenneenyezebwa omwogezi w'Oluganda.

page-title = Sasula { $merchant }
page-description = Sasula { $merchant } mu ngeri ey'obukuumi ng'okozesa Mobile Money oba kaadi.
test-mode = Okugezesa · tewali ssente ntuufu zitambula
secured-by = Okusasula kwa Lipa
order-summary = Ebifunze ku by'oguze
total = Omugatte
quantity = Omuwendo { $quantity }
pay-with = Sasula na
method-card = Kaadi
phone-label = Ennamba ya { $method }
phone-hint = Tujja kuweereza okusaba okusasula ku ssimu eno.
pay-button = { $submit ->
    [donate] Waayo { $amount }
    [book] Kwata ekifo osasule { $amount }
   *[pay] Sasula { $amount }
}
paying = Tuweereza okusaba…
cancel-link = Sazaamu oddeyo ku { $merchant }
no-methods = Olupapula luno terulina ngeri ya kusasula gy'osobola kukozesa wano. Tukusaba otuukirire { $merchant }.

pending-title = Tunuulira essimu yo
pending-body = Tuweerezza okusaba kwa { $amount } ku { $phone }. Yingiza PIN yo eya { $method } ku ssimu yo okukkiriza.
pending-waiting = Tulinze okukkiriza kwo…
pending-check = Nzikirizza, kebera kati

receipt-title = Okusasula kutuuse bulungi
receipt-body = { $merchant } afunye ssente zo.
receipt-amount = Ssente ezisasuddwa
receipt-method = Zisasuddwa na
receipt-reference = Namba y'okusasula
receipt-date = Olunaku
receipt-close = Osobola okuggala olupapula luno.
return-to-merchant = Ddayo ku { $merchant }
redirecting = Tukuzzaayo ku { $merchant }…

expired-title = Olupapula luno lw'okusasula luweddeko obudde
expired-body = Obudde bw'okusasula bwaggwaako nga tewali kusasula. Saba { $merchant } link empya ey'okusasula.
cancelled-title = Olupapula luno lw'okusasula lusaziddwamu
cancelled-body = { $merchant } asazizzaamu order eno, kati tesobola kusasulwa.
notfound-title = Olupapula lw'okusasula terulabiddwa
notfound-body = Link eno ey'okusasula nkyamu oba tekyaliwo. Kebera link, oba saba edduuka empya.
notfound-page-title = Olupapula lw'okusasula terulabiddwa
notfound-page-description = Link eno ey'okusasula tetwala ku lupapula lwa kusasula.

failed-title = Okusasula tekuwedde
failed-retry = Osobola okuddamu, oba londa engeri endala.
failure-insufficient_funds = Ssente eziri ku { $method } yo tezimala kusasula kuno.
failure-declined = Okusasula kugaaniddwa.
failure-timeout = Essimu yo teyaddamu kusaba mu budde.
failure-generic = Okusasula tekwayitamu.

error-phone_missing = Yingiza ennamba yo eya { $method }.
error-phone_invalid_characters = Kozesa ennamba zokka, okugeza 77 123 4567.
error-phone_wrong_country = Ennamba eno ya ggwanga ddala.
error-phone_not_allowed = Olupapula luno lukkiriza okusasula okuva ku nnamba eragiddwa yokka.
phone-locked = Omusuubuzi y'eyalonda ennamba esasula olupapula luno.
error-phone_wrong_length = Ennamba eno erina omuwendo gw'ennukuta ogutali gwe.
error-phone_wrong_network = Ennamba eno teri ku { $method }.
error-phone_not_supported = { $method } tekozesa nnamba ya ssimu.
error-method_unavailable = Engeri eno ey'okusasula tefunika ku order eno.
error-session_closed = Olupapula luno terukyasobola kusasulwa.
error-generic = Waliwo ekitagenze bulungi. Tukusaba oddemu.
error-too_many_attempts = Olupapula luno lulimu okusasula kungi okugaanye, kati terukyakkiriza. Ddayo mu dduuka otandike buggya.
error-too_many_pushes = Ennamba eno efunye okusaba okusasula kungi nnyo mu ddakiika ntono eziyise. Linda katono oba londa engeri endala.
error-too_fast = Ogezezzaako emirundi mingi nnyo. Linda eddakiika emu, oddemu.

card-number = Ennamba ya kaadi
card-expiry = Olunaku kaadi lw'eggwaako
card-cvc = Koodi y'obukuumi
card-name = Erinnya eriri ku kaadi
redirect-hint = Ojja kumaliriza okusasula ku lupapula lw'omugabi, olwo oddeyo wano.

pending-countdown = Obudde obusigaddeyo okukkiriza: { $time }

action-card-title = Kakasa ne bbanka yo
action-card-body = Bbanka yo yeetaaga okukakasa nti ggwe. Ojja kuddayo wano oluvannyuma.
action-redirect-title = Weeyongereyo ku { $method }
action-redirect-body = Ojja kumaliriza okusasula ku lupapula lwa { $method }, olwo oddeyo wano.
action-continue = Weeyongereyo
action-abandon = Kozesa engeri endala ey'okusasula

failure-card_declined = Kaadi yo egaaniddwa.
failure-authentication_failed = Bbanka yo tesobodde kukakasa kusasula.
failure-cancelled = Okusasula kusaziddwamu nga tekunnaggwa.
failure-session_expired = Obudde bw'okusasula buweddeko.
failure-provider_unavailable = Empeereza y'okusasula teyaddamu.
failure-phone_unreachable = Essimu yo tesobodde kutuukibwako. Kebera nti eri ku era erina siginolo, oddemu.
failure-wrong_pin = PIN ebadde nkyamu. Ddamu oyingize PIN yo eya { $method }.
failure-payment_in_progress = Akawunti yo eya { $method } ekola ku kusasula okulala. Linda eddakiika emu, oddemu.
failure-invalid_number = Ennamba eno terina akawunti ya { $method }. Kebera ennamba.
failure-limit_reached = Otuuse ku kkomo lyo erya { $method } ku mulundi guno.

error-card_number_missing = Yingiza ennamba ya kaadi yo.
error-card_number_invalid = Ennamba ya kaadi eno si ntuufu. Gikebere oddemu.
error-card_number_incomplete = Ennamba ya kaadi eno mpimpi nnyo.
error-card_expiry_invalid = Yingiza olunaku lw'eggwaako nga MM/YY.
error-card_expired = Kaadi eno eweddeko obudde.
error-card_cvc_invalid = Yingiza koodi ey'ennamba 3 emabega wa kaadi (ennamba 4 mu maaso ku American Express).
error-card_name_missing = Yingiza erinnya nga bwe liri ku kaadi.

utc = UTC
month-1 = Janwaliyo
month-2 = Febwaliyo
month-3 = Marisi
month-4 = Apuli
month-5 = Maayi
month-6 = Juuni
month-7 = Julaayi
month-8 = Agusito
month-9 = Sebuttemba
month-10 = Okitobba
month-11 = Novemba
month-12 = Desemba
date-time = { $day } { $month } { $year }, { $time }

language = Olulimi
language-apply = Kyusa
expires-in-minutes = { $minutes ->
    [one] Olupapula luno luggwaako mu ddakiika { $minutes }.
   *[other] Olupapula luno luggwaako mu ddakiika { $minutes }.
}
expires-in-hours = { $hours ->
    [one] Olupapula luno luggwaako mu ssaawa { $hours }.
   *[other] Olupapula luno luggwaako mu ssaawa { $hours }.
}
expires-on = Olupapula luno luggwaako nga { $date }.
card-expiry-placeholder = MM/YY

# Okusasula mu bitundu (Waftpay `strict_amount: false`).
amount-label = Ssente z'osasula kati ({ $currency })
amount-hint = Ezisasuddwa: { $paid } ku { $total }. Ezisigadde: { $left }. Osobola okusasula mu bitundu.
pay-part = Sasula ssente zino
error-amount_invalid = Yingiza ssente ezisukka ku zero era ezitasukka ezisigadde okusasulwa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Okukakasa kwa 3-D Secure
sandbox-card-body = Bbanka yo ekusaba okukakasa okusasula kuno ne { $card }.
sandbox-card-approve = Maliriza okukakasa
sandbox-card-decline = Lemesa okukakasa
sandbox-provider-title = Okusasula okw'okugezesa okwa { $method }
sandbox-provider-body = Omuko guno gukiikirira omuko gw'okusasula ogwa { $method }.
sandbox-approve = Kkiriza okusasula okw'okugezesa
sandbox-decline = Gaana okusasula okw'okugezesa
sandbox-payee = Eri { $merchant }
sandbox-finished = Okusasula kuno okw'okugezesa kuwedde
sandbox-back = Ddayo ku muko gw'okusasula
sandbox-missing = Tewali kusasula kwa kugezesa ng'okwo
close = Ggalawo

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Oyagala kusasula ssente meka?
link-amount-label = Omuwendo ({ $currency })
link-amount-hint = Wakati wa { $min } ne { $max }.
link-amount-invalid = Yingiza omuwendo wakati wa { $min } ne { $max }.
link-closed-title = Link eno ey'okusasula eggaddwa
link-closed-body = Tekyakkiriza kusasula. Saba omutunzi link empya.
