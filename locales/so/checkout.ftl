# Bogga lacag-bixinta ee iibsadaha (Soomaali: Soomaaliya, Jabuuti, Itoobiya, Kenya).
# Doorsoomayaasha: $merchant (magaca dukaanka), $amount (lacagta la qaabeeyey),
# $method (habka lacag-bixinta), $phone. Waxay u baahan tahay dib-u-eegis af-Soomaali ku hadle.

page-title = U bixi { $merchant }
page-description = U bixi { $merchant } si ammaan ah adoo isticmaalaya lacagta taleefanka ama kaarka.
test-mode = Tijaabo · lacag dhab ah ma socoto
secured-by = Lacag-bixinta waxaa bixiya Lipa
order-summary = Soo koobidda dalabka
total = Wadarta
quantity = Tirada { $quantity }
pay-with = Ku bixi
method-card = Kaar
phone-label = Lambarka { $method }
phone-hint = Waxaan codsi lacag-bixin u diri doonnaa taleefankan.
pay-button = { $submit ->
    [donate] Ku deeq { $amount }
    [book] Ballanso oo bixi { $amount }
   *[pay] Bixi { $amount }
}
paying = Codsiga ayaa la dirayaa…
cancel-link = Jooji oo ku noqo { $merchant }
no-methods = Boggan lacag-bixinta ma laha hab lacag-bixin oo aad halkan ku isticmaali karto. Fadlan la xiriir { $merchant }.

pending-title = Eeg taleefankaaga
pending-body = Waxaan codsi { $amount } ah u dirnay { $phone }. Geli PIN-kaaga { $method } taleefankaaga si aad u oggolaato.
pending-waiting = Waxaan sugeynaa oggolaanshahaaga…
pending-check = Waan oggolaaday, hadda hubi

receipt-title = Lacag-bixintu way guuleysatay
receipt-body = { $merchant } wuxuu helay lacagtaada.
receipt-amount = Lacagta la bixiyey
receipt-method = Lagu bixiyey
receipt-reference = Tixraac
receipt-date = Taariikhda
receipt-close = Waad xiri kartaa boggan.
return-to-merchant = Ku noqo { $merchant }
redirecting = Waxaan kugu celineynaa { $merchant }…

expired-title = Waqtiga boggan lacag-bixinta wuu dhacay
expired-body = Waqtigii lacag-bixinta ayaa dhammaaday ka hor inta aan lacag la bixin. Ka codso { $merchant } xiriir cusub oo lacag-bixin.
cancelled-title = Boggan lacag-bixinta waa la joojiyey
cancelled-body = { $merchant } wuxuu joojiyey dalabkan, sidaas darteed lama bixin karo mar dambe.
notfound-title = Bogga lacag-bixinta lama helin
notfound-body = Xiriirkan lacag-bixintu waa khalad ama ma jiro mar dambe. Hubi xiriirka, ama dukaanka ka codso mid cusub.
notfound-page-title = Bogga lacag-bixinta lama helin
notfound-page-description = Xiriirkan lacag-bixintu uma horseedo bog lacag-bixin.

failed-title = Lacag-bixinta lama dhammaystirin
failed-retry = Waad isku dayi kartaa mar kale, ama dooro hab kale.
failure-insufficient_funds = Haraagaaga { $method } aad buu ugu yar yahay lacag-bixintan.
failure-declined = Lacag-bixinta waa la diiday.
failure-timeout = Taleefankaagu kama jawaabin codsiga waqtigiisa.
failure-generic = Lacag-bixintu ma dhicin.

error-phone_missing = Geli lambarkaaga { $method }.
error-phone_invalid_characters = Isticmaal tirooyin keliya, tusaale 61 123 4567.
error-phone_wrong_country = Lambarkani waa waddan kale.
error-phone_not_allowed = Boggani wuxuu aqbalaa lacag-bixin keliya lambarka la muujiyey.
phone-locked = Ganacsaduhu wuxuu doortay lambarka bixinaya boggan.
error-phone_wrong_length = Lambarkani wuxuu leeyahay tiro lambarro oo khaldan.
error-phone_wrong_network = Lambarkani kuma jiro { $method }.
error-phone_not_supported = { $method } ma isticmaalo lambar taleefan.
error-method_unavailable = Habkan lacag-bixinta looma heli karo dalabkan.
error-session_closed = Boggan lama bixin karo mar dambe.
error-generic = Wax ayaa khaldamay. Fadlan isku day mar kale.
error-too_many_attempts = Boggan waxaa ku dhacay lacag-bixinno badan oo fashilmay, sidaas darteed ma aqbalo kuwo kale. Ku noqo dukaanka oo bilow mar kale.
error-too_many_pushes = Lambarkani wuxuu helay codsiyo lacag-bixin oo aad u badan daqiiqadihii u dambeeyey. Wax yar sug ama dooro hab kale.
error-too_fast = Isku dayo aad u badan oo ka yimid isku xirkaaga. Sug hal daqiiqo, kadibna isku day mar kale.

card-number = Lambarka kaarka
card-expiry = Taariikhda dhicitaanka
card-cvc = Koodhka amniga
card-name = Magaca kaarka ku qoran
redirect-hint = Lacag-bixinta waxaad ku dhammaystiri doontaa bogga bixiyaha, kadibna halkan ku soo noqo.

pending-countdown = Waqtiga u haray oggolaanshaha: { $time }

action-card-title = Ku xaqiiji bangigaaga
action-card-body = Bangigaagu wuxuu u baahan yahay inuu hubiyo inaad adigu tahay. Halkan ayaad ku soo noqon doontaa kadib.
action-redirect-title = U gudub { $method }
action-redirect-body = Lacag-bixinta waxaad ku dhammaystiri doontaa bogga { $method }, kadibna halkan ku soo noqo.
action-continue = Sii wad
action-abandon = Isticmaal hab kale oo lacag-bixin

failure-card_declined = Kaarkaaga waa la diiday.
failure-authentication_failed = Bangigaagu ma xaqiijin karin lacag-bixinta.
failure-cancelled = Lacag-bixinta waa la joojiyey intaanay dhammaan.
failure-session_expired = Waqtigii lacag-bixinta wuu dhammaaday.
failure-provider_unavailable = Adeegga lacag-bixintu kama jawaabin.
failure-phone_unreachable = Taleefankaaga lama heli karin. Hubi inuu shidan yahay oo uu leeyahay shabakad, kadibna isku day mar kale.
failure-wrong_pin = PIN-ku wuu khaldanaa. Isku day mar kale oo geli PIN-kaaga { $method }.
failure-payment_in_progress = Koontadaada { $method } waxay ku mashquul tahay lacag-bixin kale. Sug hal daqiiqo, kadibna isku day mar kale.
failure-invalid_number = Lambarkani ma laha koonto { $method }. Hubi lambarka.
failure-limit_reached = Waxaad gaartay xadka { $method } ee hadda.

error-card_number_missing = Geli lambarka kaarkaaga.
error-card_number_invalid = Lambarkan kaarku sax ma aha. Hubi oo isku day mar kale.
error-card_number_incomplete = Lambarkan kaarku aad buu u gaaban yahay.
error-card_expiry_invalid = Geli taariikhda dhicitaanka sida MM/YY.
error-card_expired = Kaarkan wuu dhacay.
error-card_cvc_invalid = Geli koodhka 3-da lambar ah ee kaarka gadaashiisa (4 lambar oo hore ee American Express).
error-card_name_missing = Geli magaca sida uu kaarka ugu qoran yahay.

utc = UTC
month-1 = Jannaayo
month-2 = Febraayo
month-3 = Maarso
month-4 = Abriil
month-5 = Maajo
month-6 = Juun
month-7 = Luuliyo
month-8 = Ogost
month-9 = Sebtembar
month-10 = Oktoobar
month-11 = Nofembar
month-12 = Desembar
date-time = { $day } { $month } { $year }, { $time }

language = Luqadda
language-apply = Beddel
expires-in-minutes = { $minutes ->
    [one] Boggan wuxuu dhacayaa { $minutes } daqiiqo kadib.
   *[other] Boggan wuxuu dhacayaa { $minutes } daqiiqo kadib.
}
expires-in-hours = { $hours ->
    [one] Boggan wuxuu dhacayaa { $hours } saac kadib.
   *[other] Boggan wuxuu dhacayaa { $hours } saacadood kadib.
}
expires-on = Boggan wuxuu dhacayaa { $date }.
card-expiry-placeholder = MM/YY

# Lacag-bixin qaybo ah (Waftpay `strict_amount: false`).
amount-label = Lacagta hadda la bixinayo ({ $currency })
amount-hint = Ilaa hadda la bixiyey: { $paid } oo ka mid ah { $total }. Waxa haray: { $left }. Waad qaybo ku bixin kartaa.
pay-part = Bixi lacagtan
error-amount_invalid = Geli lacag ka badan eber oo aan ka badnayn inta haray.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Hubinta 3-D Secure
sandbox-card-body = Bangigaagu wuxuu kaa codsanayaa inaad ku xaqiijiso lacag-bixintan { $card }.
sandbox-card-approve = Dhammaystir xaqiijinta
sandbox-card-decline = Ka dhig xaqiijinta mid fashilantay
sandbox-provider-title = Lacag-bixin tijaabo ah oo { $method }
sandbox-provider-body = Boggan wuxuu taagan yahay meesha bogga lacag-bixinta ee { $method }.
sandbox-approve = Oggolow lacag-bixinta tijaabada
sandbox-decline = Diid lacag-bixinta tijaabada
sandbox-payee = Loogu talagalay { $merchant }
sandbox-finished = Lacag-bixintan tijaabada ah way dhammaatay
sandbox-back = Ku noqo bogga lacag-bixinta
sandbox-missing = Lacag-bixin tijaabo ah oo noocaas ah ma jirto
close = Xir

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Immisa ayaad rabtaa inaad bixiso?
link-amount-label = Lacagta ({ $currency })
link-amount-hint = Inta u dhaxaysa { $min } iyo { $max }.
link-amount-invalid = Geli lacag u dhaxaysa { $min } iyo { $max }.
link-closed-title = Xiriirkan lacag-bixinta waa xiran yahay
link-closed-body = Mar dambe ma aqbalo lacag-bixin. Iibiyaha ka codso xiriir cusub.
