# Iphepha lokuhlawula lomthengi (isiXhosa, uMzantsi Afrika).
# Izinto eziguquguqukayo: $merchant (igama levenkile), $amount (imali esele ilungisiwe),
# $method (indlela yokuhlawula), $phone. Kufuneka ihlolwe sisithethi somthonyama.

page-title = Hlawula i-{ $merchant }
page-description = Hlawula i-{ $merchant } ngokukhuselekileyo ngemali yeselfowuni okanye ngekhadi.
test-mode = Imowudi yovavanyo · akukho mali yokwenyani ihambayo
secured-by = Iintlawulo ngu-Lipa
order-summary = Isishwankathelo seodolo
total = Iyonke
quantity = Inani { $quantity }
pay-with = Hlawula nge
method-card = Ikhadi
phone-label = Inombolo ye-{ $method }
phone-hint = Siza kuthumela isicelo sentlawulo kule fowuni.
pay-button = { $submit ->
    [donate] Nikela nge-{ $amount }
    [book] Bhukisha uze uhlawule i-{ $amount }
   *[pay] Hlawula i-{ $amount }
}
paying = Kuthunyelwa isicelo…
cancel-link = Rhoxisa ubuyele ku-{ $merchant }
no-methods = Eli phepha lokuhlawula alinandlela yakuhlawula onokuyisebenzisa apha. Nceda uqhagamshelane no-{ $merchant }.

pending-title = Jonga ifowuni yakho
pending-body = Sithumele isicelo se-{ $amount } ku-{ $phone }. Faka i-PIN yakho ye-{ $method } kwifowuni yakho ukuze usivume.
pending-waiting = Silinde imvume yakho…
pending-check = Sendivumile, jonga ngoku

receipt-title = Intlawulo iphumelele
receipt-body = U-{ $merchant } uyifumene intlawulo yakho.
receipt-amount = Imali ehlawuliweyo
receipt-method = Kuhlawulwe nge
receipt-reference = Isalathiso
receipt-date = Umhla
receipt-close = Ungalivala eli phepha.
return-to-merchant = Buyela ku-{ $merchant }
redirecting = Sikubuyisela ku-{ $merchant }…

expired-title = Eli phepha lokuhlawula liphelelwe lixesha
expired-body = Ixesha lokuhlawula liphelile phambi kokuba kuhlawulwe. Cela u-{ $merchant } ikhonkco elitsha lokuhlawula.
cancelled-title = Eli phepha lokuhlawula lirhoxisiwe
cancelled-body = U-{ $merchant } uyirhoxisile le odolo, ngoko ayisakwazi ukuhlawulelwa.
notfound-title = Iphepha lokuhlawula alifumaneki
notfound-body = Eli khonkco lokuhlawula alichanekanga okanye alisekho. Jonga ikhonkco, okanye ucele ivenkile elitsha.
notfound-page-title = Iphepha lokuhlawula alifumaneki
notfound-page-description = Eli khonkco lokuhlawula alikhokeli kwiphepha lokuhlawula.

failed-title = Intlawulo ayigqitywanga
failed-retry = Ungazama kwakhona, okanye ukhethe enye indlela.
failure-insufficient_funds = Imali ekwi-{ $method } yakho incinci kakhulu kule ntlawulo.
failure-declined = Intlawulo yaliwe.
failure-timeout = Ifowuni yakho ayisiphendulanga isicelo ngexesha.
failure-generic = Intlawulo ayiphumelelanga.

error-phone_missing = Faka inombolo yakho ye-{ $method }.
error-phone_invalid_characters = Sebenzisa amanani kuphela, umzekelo 82 123 4567.
error-phone_wrong_country = Le nombolo yelinye ilizwe.
error-phone_not_allowed = Eli phepha lamkela intlawulo kuphela kwinombolo ebonisiweyo.
phone-locked = Umthengisi ukhethe inombolo eza kuhlawula eli phepha.
error-phone_wrong_length = Le nombolo inenani elingachanekanga lamanani.
error-phone_wrong_network = Le nombolo ayikho ku-{ $method }.
error-phone_not_supported = I-{ $method } ayisebenzisi nombolo yefowuni.
error-method_unavailable = Le ndlela yokuhlawula ayifumaneki kule odolo.
error-session_closed = Eli phepha alisakwazi ukuhlawulelwa.
error-generic = Kukho into engahambanga kakuhle. Nceda uzame kwakhona.
error-too_many_attempts = Eli phepha libe neentlawulo ezininzi ezingaphumelelanga, ngoko alisamkeli ezinye. Buyela evenkileni uqale kwakhona.
error-too_many_pushes = Le nombolo ifumene izicelo ezininzi kakhulu zentlawulo kwimizuzu embalwa edlulileyo. Linda kancinci okanye ukhethe enye indlela.
error-too_fast = Imizamo emininzi kakhulu evela kunxibelelwano lwakho. Linda umzuzu, uze uzame kwakhona.

card-number = Inombolo yekhadi
card-expiry = Umhla wokuphelelwa
card-cvc = Ikhowudi yokhuseleko
card-name = Igama elisekhadini
redirect-hint = Uza kugqiba ukuhlawula kwiphepha lomboneleli, uze ubuyele apha.

pending-countdown = Ixesha eliseleyo lokuvuma: { $time }

action-card-title = Qinisekisa nebhanki yakho
action-card-body = Ibhanki yakho ifuna ukuqinisekisa ukuba nguwe. Uza kubuyela apha emva koko.
action-redirect-title = Qhubekela ku-{ $method }
action-redirect-body = Uza kugqiba ukuhlawula kwiphepha le-{ $method }, uze ubuyele apha.
action-continue = Qhubeka
action-abandon = Sebenzisa enye indlela yokuhlawula

failure-card_declined = Ikhadi lakho laliwe.
failure-authentication_failed = Ibhanki yakho ayikwazanga ukuqinisekisa intlawulo.
failure-cancelled = Intlawulo irhoxisiwe phambi kokuba igqitywe.
failure-session_expired = Ixesha lokuhlawula liphelile.
failure-provider_unavailable = Inkonzo yentlawulo ayiphendulanga.
failure-phone_unreachable = Ifowuni yakho ayifumanekanga. Qinisekisa ukuba ivuliwe kwaye inesignali, uze uzame kwakhona.
failure-wrong_pin = I-PIN ibingachanekanga. Zama kwakhona ufake i-PIN yakho ye-{ $method }.
failure-payment_in_progress = I-akhawunti yakho ye-{ $method } isaxakekile yenye intlawulo. Linda umzuzu, uze uzame kwakhona.
failure-invalid_number = Le nombolo ayinayo i-akhawunti ye-{ $method }. Jonga inombolo.
failure-limit_reached = Umda wakho wentengiselwano we-{ $method } ufikelelwe okwangoku.

error-card_number_missing = Faka inombolo yekhadi lakho.
error-card_number_invalid = Le nombolo yekhadi ayisebenzi. Yijonge uze uzame kwakhona.
error-card_number_incomplete = Le nombolo yekhadi imfutshane kakhulu.
error-card_expiry_invalid = Faka umhla wokuphelelwa njenge-MM/YY.
error-card_expired = Eli khadi liphelelwe lixesha.
error-card_cvc_invalid = Faka ikhowudi enamanani ama-3 ngasemva kwekhadi (ama-4 ngaphambili kwi-American Express).
error-card_name_missing = Faka igama njengoko libonakala ekhadini.

utc = UTC
month-1 = Janyuwari
month-2 = Februwari
month-3 = Matshi
month-4 = Epreli
month-5 = Meyi
month-6 = Juni
month-7 = Julayi
month-8 = Agasti
month-9 = Septemba
month-10 = Okthobha
month-11 = Novemba
month-12 = Disemba
date-time = { $day } { $month } { $year }, { $time }

language = Ulwimi
language-apply = Tshintsha
expires-in-minutes = { $minutes ->
    [one] Eli phepha liphelelwa lixesha kumzuzu o-{ $minutes }.
   *[other] Eli phepha liphelelwa lixesha kwimizuzu eli-{ $minutes }.
}
expires-in-hours = { $hours ->
    [one] Eli phepha liphelelwa lixesha kwiyure e-{ $hours }.
   *[other] Eli phepha liphelelwa lixesha kwiiyure ezi-{ $hours }.
}
expires-on = Eli phepha liphelelwa lixesha ngo-{ $date }.
card-expiry-placeholder = MM/YY

# Iiseshoni ezihlawulwa ngamacandelo (Waftpay `strict_amount: false`).
amount-label = Imali oza kuyihlawula ngoku ({ $currency })
amount-hint = Sekuhlawulwe: { $paid } kwi-{ $total }. Okuseleyo ukuhlawulwa: { $left }. Ungahlawula ngamacandelo.
pay-part = Hlawula le mali
error-amount_invalid = Faka imali engaphezulu kweqanda nengagqithiyo kwesiseleyo ukuhlawulwa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Ukuqinisekisa kwe-3-D Secure
sandbox-card-body = Ibhanki yakho ikucela ukuba uqinisekise le ntlawulo nge-{ $card }.
sandbox-card-approve = Gqibezela ukuqinisekisa
sandbox-card-decline = Yenza ukuqinisekisa kusilele
sandbox-provider-title = Intlawulo yovavanyo ye-{ $method }
sandbox-provider-body = Eli phepha limele iphepha lokuhlawula le-{ $method }.
sandbox-approve = Vumela intlawulo yovavanyo
sandbox-decline = Yala intlawulo yovavanyo
sandbox-payee = Ku-{ $merchant }
sandbox-finished = Le ntlawulo yovavanyo igqityiwe
sandbox-back = Buyela kwiphepha lokuhlawula
sandbox-missing = Akukho ntlawulo yovavanyo injalo
close = Vala

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Ufuna ukuhlawula malini?
link-amount-label = Isixa ({ $currency })
link-amount-hint = Phakathi kwe-{ $min } ne-{ $max }.
link-amount-invalid = Faka isixa esiphakathi kwe-{ $min } ne-{ $max }.
link-closed-title = Eli khonkco lokuhlawula livaliwe
link-closed-body = Alisamkeli intlawulo. Cela umthengisi ikhonkco elitsha.
