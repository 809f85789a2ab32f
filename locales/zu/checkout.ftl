# Ikhasi lokukhokha lomthengi (isiZulu, iNingizimu Afrika).
# Okuguquguqukayo: $merchant (igama lesitolo), $amount (imali esilungisiwe),
# $method (indlela yokukhokha), $phone. Kudinga ukubuyekezwa yisikhulumi somdabu.

page-title = Khokhela i-{ $merchant }
page-description = Khokhela i-{ $merchant } ngokuphephile ngemali yeselula noma ngekhadi.
test-mode = Imodi yokuhlola · ayikho imali yangempela ehambayo
secured-by = Izinkokhelo ngu-Lipa
order-summary = Isifinyezo se-oda
total = Isamba
quantity = Inani { $quantity }
pay-with = Khokha nge
method-card = Ikhadi
phone-label = Inombolo ye-{ $method }
phone-hint = Sizothumela isicelo sokukhokha kule foni.
pay-button = { $submit ->
    [donate] Nikela ngo-{ $amount }
    [book] Bhuka ukhokhe u-{ $amount }
   *[pay] Khokha u-{ $amount }
}
paying = Kuthunyelwa isicelo…
cancel-link = Khansela ubuyele ku-{ $merchant }
no-methods = Leli khasi lokukhokha alinayo indlela yokukhokha ongayisebenzisa lapha. Sicela uxhumane no-{ $merchant }.

pending-title = Bheka ifoni yakho
pending-body = Sithumele isicelo sika-{ $amount } ku-{ $phone }. Faka i-PIN yakho ye-{ $method } efonini yakho ukuze usamukele.
pending-waiting = Silinde ukuthi wamukele…
pending-check = Sengivumile, hlola manje

receipt-title = Inkokhelo iphumelele
receipt-body = U-{ $merchant } uyitholile inkokhelo yakho.
receipt-amount = Imali ekhokhiwe
receipt-method = Kukhokhwe nge
receipt-reference = Inkomba
receipt-date = Usuku
receipt-close = Ungavala leli khasi.
return-to-merchant = Buyela ku-{ $merchant }
redirecting = Sikubuyisela ku-{ $merchant }…

expired-title = Leli khasi lokukhokha seliphelelwe yisikhathi
expired-body = Isikhathi sokukhokha siphelile ngaphambi kokuba kukhokhwe. Cela u-{ $merchant } isixhumanisi esisha sokukhokha.
cancelled-title = Leli khasi lokukhokha likhanseliwe
cancelled-body = U-{ $merchant } ulikhansele leli oda, ngakho alisakwazi ukukhokhelwa.
notfound-title = Ikhasi lokukhokha alitholakali
notfound-body = Lesi sixhumanisi sokukhokha asilungile noma asisekho. Hlola isixhumanisi, noma ucele isitolo esisha.
notfound-page-title = Ikhasi lokukhokha alitholakali
notfound-page-description = Lesi sixhumanisi sokukhokha asiholeli ekhasini lokukhokha.

failed-title = Inkokhelo ayiqediwe
failed-retry = Ungazama futhi, noma ukhethe enye indlela.
failure-insufficient_funds = Imali ekwi-{ $method } yakho ayanele kule nkokhelo.
failure-declined = Inkokhelo yenqatshiwe.
failure-timeout = Ifoni yakho ayisiphendulanga isicelo ngesikhathi.
failure-generic = Inkokhelo ayiphumelelanga.

error-phone_missing = Faka inombolo yakho ye-{ $method }.
error-phone_invalid_characters = Sebenzisa izinombolo kuphela, isibonelo 82 123 4567.
error-phone_wrong_country = Le nombolo ingeyelinye izwe.
error-phone_not_allowed = Leli khasi lamukela inkokhelo kuphela enombolweni ekhonjisiwe.
phone-locked = Umthengisi ukhethe inombolo ezokhokha leli khasi.
error-phone_wrong_length = Le nombolo inenani elingalungile lezinombolo.
error-phone_wrong_network = Le nombolo ayikho ku-{ $method }.
error-phone_not_supported = I-{ $method } ayisebenzisi inombolo yefoni.
error-method_unavailable = Le ndlela yokukhokha ayitholakali kuleli oda.
error-session_closed = Leli khasi alisakwazi ukukhokhelwa.
error-generic = Kukhona okungahambanga kahle. Sicela uzame futhi.
error-too_many_attempts = Leli khasi libe nezinkokhelo eziningi ezihlulekile, ngakho alisamukeli ezinye. Buyela esitolo uqale kabusha.
error-too_many_pushes = Le nombolo ithole izicelo eziningi kakhulu zokukhokha emizuzwini embalwa edlule. Linda kancane noma ukhethe enye indlela.
error-too_fast = Imizamo eminingi kakhulu evela kuxhumano lwakho. Linda umzuzu, bese uzama futhi.

card-number = Inombolo yekhadi
card-expiry = Usuku lokuphelelwa
card-cvc = Ikhodi yokuphepha
card-name = Igama elisekhadini
redirect-hint = Uzoqedela ukukhokha ekhasini lomhlinzeki, bese ubuyela lapha.

pending-countdown = Isikhathi esisele sokuvuma: { $time }

action-card-title = Qinisekisa nebhange lakho
action-card-body = Ibhange lakho lidinga ukuqinisekisa ukuthi nguwe. Uzobuyela lapha ngemuva kwalokho.
action-redirect-title = Qhubekela ku-{ $method }
action-redirect-body = Uzoqedela ukukhokha ekhasini le-{ $method }, bese ubuyela lapha.
action-continue = Qhubeka
action-abandon = Sebenzisa enye indlela yokukhokha

failure-card_declined = Ikhadi lakho lenqatshiwe.
failure-authentication_failed = Ibhange lakho alikwazanga ukuqinisekisa inkokhelo.
failure-cancelled = Inkokhelo ikhanseliwe ngaphambi kokuthi iphele.
failure-session_expired = Isikhathi sokukhokha siphelile.
failure-provider_unavailable = Isevisi yokukhokha ayiphendulanga.
failure-phone_unreachable = Ifoni yakho ayitholakalanga. Qinisekisa ukuthi ivuliwe futhi inesignali, bese uzama futhi.
failure-wrong_pin = I-PIN ibingalungile. Zama futhi ufake i-PIN yakho ye-{ $method }.
failure-payment_in_progress = I-akhawunti yakho ye-{ $method } isamatasa nenye inkokhelo. Linda umzuzu, bese uzama futhi.
failure-invalid_number = Le nombolo ayinayo i-akhawunti ye-{ $method }. Hlola inombolo.
failure-limit_reached = Umkhawulo wakho wokuthengiselana we-{ $method } usufinyelelwe okwamanje.

error-card_number_missing = Faka inombolo yekhadi lakho.
error-card_number_invalid = Le nombolo yekhadi ayivumelekile. Yihlole bese uzama futhi.
error-card_number_incomplete = Le nombolo yekhadi imfushane kakhulu.
error-card_expiry_invalid = Faka usuku lokuphelelwa njenge-MM/YY.
error-card_expired = Leli khadi seliphelelwe yisikhathi.
error-card_cvc_invalid = Faka ikhodi enezinombolo ezi-3 ngemuva kwekhadi (ezi-4 ngaphambili ku-American Express).
error-card_name_missing = Faka igama njengoba livela ekhadini.

utc = UTC
month-1 = Januwari
month-2 = Februwari
month-3 = Mashi
month-4 = Ephreli
month-5 = Meyi
month-6 = Juni
month-7 = Julayi
month-8 = Agasti
month-9 = Septhemba
month-10 = Okthoba
month-11 = Novemba
month-12 = Disemba
date-time = { $day } { $month } { $year }, { $time }

language = Ulimi
language-apply = Shintsha
expires-in-minutes = { $minutes ->
    [one] Leli khasi liphelelwa yisikhathi emzuzwini o-{ $minutes }.
   *[other] Leli khasi liphelelwa yisikhathi emizuzwini engu-{ $minutes }.
}
expires-in-hours = { $hours ->
    [one] Leli khasi liphelelwa yisikhathi ehoreni eli-{ $hours }.
   *[other] Leli khasi liphelelwa yisikhathi emahoreni angu-{ $hours }.
}
expires-on = Leli khasi liphelelwa yisikhathi ngo-{ $date }.
card-expiry-placeholder = MM/YY

# Amaseshini akhokhwa ngezingxenye (Waftpay `strict_amount: false`).
amount-label = Imali ozoyikhokha manje ({ $currency })
amount-hint = Osekukhokhiwe: { $paid } kwangu-{ $total }. Okusele ukukhokhwa: { $left }. Ungakhokha ngezingxenye.
pay-part = Khokha le mali
error-amount_invalid = Faka imali engaphezu kuka-zero futhi engeqi kwesisele ukukhokhwa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Ukuhlola kwe-3-D Secure
sandbox-card-body = Ibhange lakho likucela ukuthi uqinisekise le nkokhelo nge-{ $card }.
sandbox-card-approve = Qedela ukuqinisekisa
sandbox-card-decline = Yenza ukuqinisekisa kwehluleke
sandbox-provider-title = Inkokhelo yokuhlola ye-{ $method }
sandbox-provider-body = Leli khasi limela ikhasi lokukhokha le-{ $method }.
sandbox-approve = Gunyaza inkokhelo yokuhlola
sandbox-decline = Yenqaba inkokhelo yokuhlola
sandbox-payee = Ku-{ $merchant }
sandbox-finished = Le nkokhelo yokuhlola iphelile
sandbox-back = Buyela ekhasini lokukhokha
sandbox-missing = Ayikho inkokhelo yokuhlola enjalo
close = Vala

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Ufuna ukukhokha malini?
link-amount-label = Inani ({ $currency })
link-amount-hint = Phakathi kuka-{ $min } no-{ $max }.
link-amount-invalid = Faka inani eliphakathi kuka-{ $min } no-{ $max }.
link-closed-title = Lesi sixhumanisi sokukhokha sivaliwe
link-closed-body = Asisamukeli izinkokhelo. Cela umthengisi isixhumanisi esisha.
