# Die koper se betaalblad (Afrikaans, Suid-Afrika en Namibië).
# Veranderlikes: $merchant (winkelnaam), $amount (geformateerde bedrag),
# $method (betaalmetode), $phone. Benodig hersiening deur 'n moedertaalspreker.

page-title = Betaal { $merchant }
page-description = Betaal { $merchant } veilig met mobiele geld of kaart.
test-mode = Toetsmodus · geen regte geld beweeg nie
secured-by = Betalings deur Lipa
order-summary = Bestellingsopsomming
total = Totaal
quantity = Hoev. { $quantity }
pay-with = Betaal met
method-card = Kaart
phone-label = { $method }-nommer
phone-hint = Ons stuur 'n betaalversoek na hierdie foon.
pay-button = { $submit ->
    [donate] Skenk { $amount }
    [book] Bespreek en betaal { $amount }
   *[pay] Betaal { $amount }
}
paying = Stuur versoek…
cancel-link = Kanselleer en keer terug na { $merchant }
no-methods = Hierdie betaalblad het geen betaalmetode wat jy hier kan gebruik nie. Kontak asseblief { $merchant }.

pending-title = Kyk na jou foon
pending-body = Ons het 'n versoek vir { $amount } na { $phone } gestuur. Sleutel jou { $method }-PIN op jou foon in om dit goed te keur.
pending-waiting = Wag vir jou goedkeuring…
pending-check = Ek het goedgekeur, kyk nou

receipt-title = Betaling suksesvol
receipt-body = { $merchant } het jou betaling ontvang.
receipt-amount = Bedrag betaal
receipt-method = Betaal met
receipt-reference = Verwysing
receipt-date = Datum
receipt-close = Jy kan hierdie blad toemaak.
return-to-merchant = Keer terug na { $merchant }
redirecting = Ons neem jou terug na { $merchant }…

expired-title = Hierdie betaalblad het verval
expired-body = Die tyd om te betaal het verstryk voordat 'n betaling gemaak is. Vra { $merchant } vir 'n nuwe betaalskakel.
cancelled-title = Hierdie betaalblad is gekanselleer
cancelled-body = { $merchant } het hierdie bestelling gekanselleer, dus kan dit nie meer betaal word nie.
notfound-title = Betaalblad nie gevind nie
notfound-body = Hierdie betaalskakel is verkeerd of bestaan nie meer nie. Kontroleer die skakel, of vra die winkel vir 'n nuwe een.
notfound-page-title = Betaalblad nie gevind nie
notfound-page-description = Hierdie betaalskakel lei nie na 'n betaalblad nie.

failed-title = Betaling nie voltooi nie
failed-retry = Jy kan weer probeer, of 'n ander metode kies.
failure-insufficient_funds = Jou { $method }-saldo is te laag vir hierdie betaling.
failure-declined = Die betaling is geweier.
failure-timeout = Jou foon het nie betyds op die versoek geantwoord nie.
failure-generic = Die betaling het nie deurgegaan nie.

error-phone_missing = Sleutel jou { $method }-nommer in.
error-phone_invalid_characters = Gebruik slegs syfers, byvoorbeeld 82 123 4567.
error-phone_wrong_country = Hierdie nommer is van 'n ander land.
error-phone_not_allowed = Hierdie betaalblad aanvaar slegs betaling van die nommer wat gewys word.
phone-locked = Die handelaar het die nommer gekies wat hierdie betaling maak.
error-phone_wrong_length = Hierdie nommer het die verkeerde aantal syfers.
error-phone_wrong_network = Hierdie nommer is nie op { $method } nie.
error-phone_not_supported = { $method } gebruik nie 'n foonnommer nie.
error-method_unavailable = Hierdie betaalmetode is nie vir hierdie bestelling beskikbaar nie.
error-session_closed = Hierdie betaalblad kan nie meer betaal word nie.
error-generic = Iets het skeefgeloop. Probeer asseblief weer.
error-too_many_attempts = Hierdie betaalblad het te veel mislukte betalings gehad en aanvaar nie meer nie. Gaan terug na die winkel om oor te begin.
error-too_many_pushes = Hierdie nommer het die afgelope paar minute te veel betaalversoeke ontvang. Wag 'n rukkie of kies 'n ander metode.
error-too_fast = Te veel pogings van jou verbinding. Wag 'n minuut en probeer dan weer.

card-number = Kaartnommer
card-expiry = Vervaldatum
card-cvc = Sekuriteitskode
card-name = Naam op kaart
redirect-hint = Jy voltooi die betaling op die verskaffer se blad en kom dan hierheen terug.

pending-countdown = Tyd oor om goed te keur: { $time }

action-card-title = Bevestig by jou bank
action-card-body = Jou bank moet seker maak dis jy. Jy kom daarna hierheen terug.
action-redirect-title = Gaan voort na { $method }
action-redirect-body = Jy voltooi die betaling op { $method } se blad en kom dan hierheen terug.
action-continue = Gaan voort
action-abandon = Gebruik 'n ander betaalmetode

failure-card_declined = Jou kaart is geweier.
failure-authentication_failed = Jou bank kon nie die betaling bevestig nie.
failure-cancelled = Die betaling is gekanselleer voordat dit klaar was.
failure-session_expired = Die tyd om te betaal het verstryk.
failure-provider_unavailable = Die betaaldiens het nie geantwoord nie.
failure-phone_unreachable = Jou foon kon nie bereik word nie. Maak seker dit is aan en het sein, en probeer dan weer.
failure-wrong_pin = Die PIN was verkeerd. Probeer weer en sleutel jou { $method }-PIN in.
failure-payment_in_progress = Jou { $method }-rekening is besig met 'n ander betaling. Wag 'n minuut en probeer dan weer.
failure-invalid_number = Hierdie nommer het geen { $method }-rekening nie. Kontroleer die nommer.
failure-limit_reached = Jou { $method }-transaksielimiet is vir nou bereik.

error-card_number_missing = Sleutel jou kaartnommer in.
error-card_number_invalid = Hierdie kaartnommer is nie geldig nie. Kontroleer dit en probeer weer.
error-card_number_incomplete = Hierdie kaartnommer is te kort.
error-card_expiry_invalid = Sleutel die vervaldatum in as MM/JJ.
error-card_expired = Hierdie kaart het verval.
error-card_cvc_invalid = Sleutel die 3-syferkode agter op die kaart in (4 syfers voor op American Express).
error-card_name_missing = Sleutel die naam in soos dit op die kaart verskyn.

utc = UTC
month-1 = Januarie
month-2 = Februarie
month-3 = Maart
month-4 = April
month-5 = Mei
month-6 = Junie
month-7 = Julie
month-8 = Augustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
date-time = { $day } { $month } { $year }, { $time }

language = Taal
language-apply = Verander
expires-in-minutes = { $minutes ->
    [one] Hierdie betaalblad verval oor { $minutes } minuut.
   *[other] Hierdie betaalblad verval oor { $minutes } minute.
}
expires-in-hours = { $hours ->
    [one] Hierdie betaalblad verval oor { $hours } uur.
   *[other] Hierdie betaalblad verval oor { $hours } uur.
}
expires-on = Hierdie betaalblad verval op { $date }.
card-expiry-placeholder = MM/JJ

# Sessies wat in dele betaal word (Waftpay `strict_amount: false`).
amount-label = Bedrag om nou te betaal ({ $currency })
amount-hint = Reeds betaal: { $paid } van { $total }. Oor om te betaal: { $left }. Jy kan in dele betaal.
pay-part = Betaal hierdie bedrag
error-amount_invalid = Sleutel 'n bedrag bo nul in en nie meer as wat oorbly om te betaal nie.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = 3-D Secure-kontrole
sandbox-card-body = Jou bank vra dat jy hierdie betaling met { $card } bevestig.
sandbox-card-approve = Voltooi verifikasie
sandbox-card-decline = Laat verifikasie misluk
sandbox-provider-title = { $method }-toetsbetaling
sandbox-provider-body = Hierdie bladsy staan in vir { $method } se eie betaalblad.
sandbox-approve = Magtig toetsbetaling
sandbox-decline = Weier toetsbetaling
sandbox-payee = Aan { $merchant }
sandbox-finished = Hierdie toetsbetaling is klaar
sandbox-back = Terug na die betaalblad
sandbox-missing = Geen sodanige toetsbetaling nie
close = Maak toe

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Hoeveel wil jy betaal?
link-amount-label = Bedrag ({ $currency })
link-amount-hint = Tussen { $min } en { $max }.
link-amount-invalid = Voer 'n bedrag tussen { $min } en { $max } in.
link-closed-title = Hierdie betaalskakel is gesluit
link-closed-body = Dit neem nie meer betalings nie. Vra die verkoper vir 'n nuwe skakel.
