# Shafin biyan kuɗi na mai saye (Hausa, Najeriya da Nijar).
# Masu canzawa: $merchant (sunan shago), $amount (kuɗin da aka tsara),
# $method (hanyar biya), $phone. Yana buƙatar dubawa daga mai magana da Hausa.

page-title = Biya { $merchant }
page-description = Biya { $merchant } cikin tsaro da kuɗin waya ko kati.
test-mode = Yanayin gwaji · babu kuɗi na gaske da ke motsawa
secured-by = Biyan kuɗi ta Lipa
order-summary = Taƙaitaccen oda
total = Jimilla
quantity = Adadi { $quantity }
pay-with = Biya da
method-card = Kati
phone-label = Lambar { $method }
phone-hint = Za mu aika da buƙatar biya zuwa wannan wayar.
pay-button = { $submit ->
    [donate] Ba da gudummawar { $amount }
    [book] Yi ajiya ka biya { $amount }
   *[pay] Biya { $amount }
}
paying = Ana aika buƙata…
cancel-link = Soke ka koma { $merchant }
no-methods = Wannan shafin biya ba shi da hanyar biya da za ka iya amfani da ita a nan. Da fatan ka tuntuɓi { $merchant }.

pending-title = Duba wayarka
pending-body = Mun aika buƙatar { $amount } zuwa { $phone }. Shigar da PIN ɗinka na { $method } a wayarka don ka amince.
pending-waiting = Muna jiran amincewarka…
pending-check = Na amince, duba yanzu

receipt-title = An biya cikin nasara
receipt-body = { $merchant } ya karɓi kuɗinka.
receipt-amount = Kuɗin da aka biya
receipt-method = An biya da
receipt-reference = Lambar shaida
receipt-date = Kwanan wata
receipt-close = Za ka iya rufe wannan shafin.
return-to-merchant = Koma { $merchant }
redirecting = Muna mayar da kai zuwa { $merchant }…

expired-title = Lokacin wannan shafin biya ya ƙare
expired-body = Lokacin biya ya ƙare kafin a biya. Nemi sabuwar hanyar biya daga { $merchant }.
cancelled-title = An soke wannan shafin biya
cancelled-body = { $merchant } ya soke wannan oda, don haka ba za a iya biyan ta ba kuma.
notfound-title = Ba a sami shafin biya ba
notfound-body = Wannan hanyar biya ba daidai ba ce ko ba ta wanzu kuma. Duba hanyar, ko ka nemi sabuwa daga shagon.
notfound-page-title = Ba a sami shafin biya ba
notfound-page-description = Wannan hanyar biya ba ta kai ga shafin biya ba.

failed-title = Ba a kammala biya ba
failed-retry = Za ka iya sake gwadawa, ko ka zaɓi wata hanya.
failure-insufficient_funds = Kuɗin da ke cikin { $method } ɗinka bai isa wannan biyan ba.
failure-declined = An ƙi biyan.
failure-timeout = Wayarka ba ta amsa buƙatar a kan lokaci ba.
failure-generic = Biyan bai yi nasara ba.

error-phone_missing = Shigar da lambar { $method } ɗinka.
error-phone_invalid_characters = Yi amfani da lambobi kawai, misali 803 123 4567.
error-phone_wrong_country = Wannan lambar ta wata ƙasa ce.
error-phone_not_allowed = Wannan shafin yana karɓar biya ne kawai daga lambar da aka nuna.
phone-locked = Mai sayarwa ne ya zaɓi lambar da za ta biya wannan shafin.
error-phone_wrong_length = Wannan lambar tana da adadin lambobi marasa daidai.
error-phone_wrong_network = Wannan lambar ba ta kan { $method } ba.
error-phone_not_supported = { $method } ba ya amfani da lambar waya.
error-method_unavailable = Wannan hanyar biya ba ta samuwa ga wannan oda.
error-session_closed = Ba za a iya biyan wannan shafin ba kuma.
error-generic = Wani abu ya faru ba daidai ba. Da fatan ka sake gwadawa.
error-too_many_attempts = Wannan shafin ya sami biyan da suka gaza da yawa, don haka ba ya karɓar ƙari. Koma shagon ka sake farawa.
error-too_many_pushes = Wannan lambar ta karɓi buƙatun biya da yawa a cikin 'yan mintuna da suka wuce. Jira kaɗan ko ka zaɓi wata hanya.
error-too_fast = Gwaje-gwaje sun yi yawa daga haɗinka. Jira minti ɗaya, sannan ka sake gwadawa.

card-number = Lambar kati
card-expiry = Ranar ƙarewa
card-cvc = Lambar tsaro
card-name = Suna a kan kati
redirect-hint = Za ka kammala biya a shafin mai ba da sabis, sannan ka dawo nan.

pending-countdown = Lokacin da ya rage don amincewa: { $time }

action-card-title = Tabbatar da bankinka
action-card-body = Bankinka yana buƙatar ya tabbatar kai ne. Za ka dawo nan bayan haka.
action-redirect-title = Ci gaba zuwa { $method }
action-redirect-body = Za ka kammala biya a shafin { $method }, sannan ka dawo nan.
action-continue = Ci gaba
action-abandon = Yi amfani da wata hanyar biya

failure-card_declined = An ƙi katinka.
failure-authentication_failed = Bankinka bai iya tabbatar da biyan ba.
failure-cancelled = An soke biyan kafin ya kammala.
failure-session_expired = Lokacin biya ya ƙare.
failure-provider_unavailable = Sabis ɗin biya bai amsa ba.
failure-phone_unreachable = Ba a iya samun wayarka ba. Tabbatar tana kunne kuma tana da sabis, sannan ka sake gwadawa.
failure-wrong_pin = PIN ɗin ba daidai ba ne. Sake gwadawa ka shigar da PIN ɗinka na { $method }.
failure-payment_in_progress = Asusunka na { $method } yana aiki da wani biya. Jira minti ɗaya, sannan ka sake gwadawa.
failure-invalid_number = Wannan lambar ba ta da asusun { $method }. Duba lambar.
failure-limit_reached = Ka kai iyakar mu'amalarka ta { $method } a yanzu.

error-card_number_missing = Shigar da lambar katinka.
error-card_number_invalid = Wannan lambar kati ba ta da inganci. Duba ta ka sake gwadawa.
error-card_number_incomplete = Wannan lambar kati ta yi gajera.
error-card_expiry_invalid = Shigar da ranar ƙarewa kamar MM/YY.
error-card_expired = Wannan katin ya ƙare.
error-card_cvc_invalid = Shigar da lambar tsaro mai lambobi 3 da ke bayan kati (lambobi 4 a gaba don American Express).
error-card_name_missing = Shigar da suna kamar yadda yake a kan kati.

utc = UTC
month-1 = Janairu
month-2 = Faburairu
month-3 = Maris
month-4 = Afirilu
month-5 = Mayu
month-6 = Yuni
month-7 = Yuli
month-8 = Agusta
month-9 = Satumba
month-10 = Oktoba
month-11 = Nuwamba
month-12 = Disamba
date-time = { $day } { $month }, { $year }, { $time }

language = Harshe
language-apply = Canza
expires-in-minutes = { $minutes ->
    [one] Wannan shafin zai ƙare cikin minti { $minutes }.
   *[other] Wannan shafin zai ƙare cikin mintuna { $minutes }.
}
expires-in-hours = { $hours ->
    [one] Wannan shafin zai ƙare cikin awa { $hours }.
   *[other] Wannan shafin zai ƙare cikin awanni { $hours }.
}
expires-on = Wannan shafin zai ƙare a ranar { $date }.
card-expiry-placeholder = MM/YY

# Biya kashi-kashi (Waftpay `strict_amount: false`).
amount-label = Kuɗin da za a biya yanzu ({ $currency })
amount-hint = An biya zuwa yanzu: { $paid } cikin { $total }. Saura: { $left }. Za ka iya biya kashi-kashi.
pay-part = Biya wannan kuɗin
error-amount_invalid = Shigar da kuɗi fiye da sifili kuma bai wuce abin da ya rage ba.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Binciken 3-D Secure
sandbox-card-body = Bankinka yana neman ka tabbatar da wannan biyan da { $card }.
sandbox-card-approve = Kammala tantancewa
sandbox-card-decline = Sa tantancewa ta gaza
sandbox-provider-title = Biyan gwaji na { $method }
sandbox-provider-body = Wannan shafin yana tsayawa a madadin shafin biyan kuɗi na { $method }.
sandbox-approve = Amince da biyan gwaji
sandbox-decline = Ƙi biyan gwaji
sandbox-payee = Zuwa ga { $merchant }
sandbox-finished = Wannan biyan gwaji ya ƙare
sandbox-back = Koma zuwa shafin biya
sandbox-missing = Babu irin wannan biyan gwaji
close = Rufe

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Nawa kake son biya?
link-amount-label = Adadi ({ $currency })
link-amount-hint = Tsakanin { $min } da { $max }.
link-amount-invalid = Shigar da adadi tsakanin { $min } da { $max }.
link-closed-title = An rufe wannan hanyar biyan kuɗi
link-closed-body = Ba ta karɓar biya kuma. Nemi sabuwar hanyar biya daga mai sayarwa.
