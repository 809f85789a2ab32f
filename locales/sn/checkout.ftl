# Peji rekubhadhara remutengi (chiShona, Zimbabwe).
# Zvinoshanduka: $merchant (zita rechitoro), $amount (mari yakagadziriswa),
# $method (nzira yekubhadhara), $phone. Inoda kuongororwa nemutauri wechiShona.

page-title = Bhadhara { $merchant }
page-description = Bhadhara { $merchant } zvakachengeteka nemari yenhare kana nekadhi.
test-mode = Kuedza · hapana mari chaiyo inofamba
secured-by = Kubhadhara kunoitwa naLipa
order-summary = Pfupiso yeodha
total = Zvese pamwe
quantity = Huwandu { $quantity }
pay-with = Bhadhara ne
method-card = Kadhi
phone-label = Nhamba ye{ $method }
phone-hint = Tichatumira chikumbiro chekubhadhara kunhare iyi.
pay-button = { $submit ->
    [donate] Pa { $amount }
    [book] Bhuka ubhadhare { $amount }
   *[pay] Bhadhara { $amount }
}
paying = Kutumira chikumbiro…
cancel-link = Kanzura udzokere ku{ $merchant }
no-methods = Peji iri rekubhadhara harina nzira yekubhadhara yaungashandisa pano. Ndapota taura na{ $merchant }.

pending-title = Tarisa nhare yako
pending-body = Tatumira chikumbiro che{ $amount } ku{ $phone }. Isa PIN yako ye{ $method } panhare yako kuti ubvume.
pending-waiting = Takamirira kubvuma kwako…
pending-check = Ndabvuma, tarisa izvozvi

receipt-title = Kubhadhara kwabudirira
receipt-body = { $merchant } yagamuchira mari yako.
receipt-amount = Mari yabhadharwa
receipt-method = Yabhadharwa ne
receipt-reference = Reference
receipt-date = Zuva
receipt-close = Unogona kuvhara peji iri.
return-to-merchant = Dzokera ku{ $merchant }
redirecting = Tiri kukudzosera ku{ $merchant }…

expired-title = Peji iri rekubhadhara rapera nguva
expired-body = Nguva yekubhadhara yapera pasina kubhadharwa. Kumbira { $merchant } link itsva yekubhadhara.
cancelled-title = Peji iri rekubhadhara rakanzurwa
cancelled-body = { $merchant } yakanzura odha iyi, saka haichagoni kubhadharwa.
notfound-title = Peji rekubhadhara harina kuwanikwa
notfound-body = Link iyi yekubhadhara haina kunaka kana kuti haichiripo. Tarisa link, kana kumbira chitoro imwe itsva.
notfound-page-title = Peji rekubhadhara harina kuwanikwa
notfound-page-description = Link iyi yekubhadhara haiendi kupeji rekubhadhara.

failed-title = Kubhadhara hakuna kupera
failed-retry = Unogona kuedza zvakare, kana kusarudza imwe nzira.
failure-insufficient_funds = Mari iri mu{ $method } yako ishoma pakubhadhara uku.
failure-declined = Kubhadhara kwarambwa.
failure-timeout = Nhare yako haina kupindura chikumbiro nenguva.
failure-generic = Kubhadhara hakuna kufamba.

error-phone_missing = Isa nhamba yako ye{ $method }.
error-phone_invalid_characters = Shandisa manhamba chete, semuenzaniso 77 123 4567.
error-phone_wrong_country = Nhamba iyi ndeyeimwe nyika.
error-phone_not_allowed = Peji iri rinogamuchira kubhadhara kubva panhamba inoratidzwa chete.
phone-locked = Mutengesi ndiye akasarudza nhamba inobhadhara peji iri.
error-phone_wrong_length = Nhamba iyi ine huwandu husiri hwo hwemanhamba.
error-phone_wrong_network = Nhamba iyi haisi pa{ $method }.
error-phone_not_supported = { $method } haishandisi nhamba yenhare.
error-method_unavailable = Nzira iyi yekubhadhara haiwanikwi paodha iyi.
error-session_closed = Peji iri harichagoni kubhadharwa.
error-generic = Pane chakanganisika. Ndapota edza zvakare.
error-too_many_attempts = Peji iri rakaedzwa kubhadharwa kakawanda zvikakundikana, saka harichagamuchiri. Dzokera kuchitoro utange patsva.
error-too_many_pushes = Nhamba iyi yagamuchira zvikumbiro zvakawandisa zvekubhadhara mumaminitsi mashoma apfuura. Mira kwechinguva kana sarudza imwe nzira.
error-too_fast = Kuedza kwakawandisa kubva pa-internet yako. Mira miniti, wozoedza zvakare.

card-number = Nhamba yekadhi
card-expiry = Zuva rekupera
card-cvc = Kodhi yekuchengetedza
card-name = Zita riri pakadhi
redirect-hint = Uchapedza kubhadhara papeji yemupi webasa, wozodzokera pano.

pending-countdown = Nguva yasara yekubvuma: { $time }

action-card-title = Simbisa nebhangi rako
action-card-body = Bhangi rako rinoda kuona kuti ndiwe. Uchadzokera pano mushure.
action-redirect-title = Enderera ku{ $method }
action-redirect-body = Uchapedza kubhadhara papeji ye{ $method }, wozodzokera pano.
action-continue = Enderera
action-abandon = Shandisa imwe nzira yekubhadhara

failure-card_declined = Kadhi rako rarambwa.
failure-authentication_failed = Bhangi rako harina kukwanisa kusimbisa kubhadhara.
failure-cancelled = Kubhadhara kwakanzurwa kusati kwapera.
failure-session_expired = Nguva yekubhadhara yapera.
failure-provider_unavailable = Sevhisi yekubhadhara haina kupindura.
failure-phone_unreachable = Nhare yako haina kuwanikwa. Tarisa kuti yakabatidzwa uye ine network, wozoedza zvakare.
failure-wrong_pin = PIN yanga isiri iyo. Edza zvakare uise PIN yako ye{ $method }.
failure-payment_in_progress = Akaunti yako ye{ $method } iri kuita kumwe kubhadhara. Mira miniti, wozoedza zvakare.
failure-invalid_number = Nhamba iyi haina akaunti ye{ $method }. Tarisa nhamba.
failure-limit_reached = Muganho wako wekushandisa { $method } wasvika parizvino.

error-card_number_missing = Isa nhamba yekadhi rako.
error-card_number_invalid = Nhamba iyi yekadhi haishande. Itarise woedza zvakare.
error-card_number_incomplete = Nhamba iyi yekadhi ipfupi zvakanyanya.
error-card_expiry_invalid = Isa zuva rekupera se MM/YY.
error-card_expired = Kadhi iri rapera nguva.
error-card_cvc_invalid = Isa kodhi yemanhamba matatu iri kumashure kwekadhi (mana kumberi paAmerican Express).
error-card_name_missing = Isa zita sezvariri pakadhi.

utc = UTC
month-1 = Ndira
month-2 = Kukadzi
month-3 = Kurume
month-4 = Kubvumbi
month-5 = Chivabvu
month-6 = Chikumi
month-7 = Chikunguru
month-8 = Nyamavhuvhu
month-9 = Gunyana
month-10 = Gumiguru
month-11 = Mbudzi
month-12 = Zvita
date-time = { $day } { $month } { $year }, { $time }

language = Mutauro
language-apply = Chinja
expires-in-minutes = { $minutes ->
    [one] Peji iri rinopera nguva mumaminitsi { $minutes }.
   *[other] Peji iri rinopera nguva mumaminitsi { $minutes }.
}
expires-in-hours = { $hours ->
    [one] Peji iri rinopera nguva muawa { $hours }.
   *[other] Peji iri rinopera nguva mumaawa { $hours }.
}
expires-on = Peji iri rinopera nguva musi we{ $date }.
card-expiry-placeholder = MM/YY

# Zvikamu zvinobhadharwa zvishoma nezvishoma (Waftpay `strict_amount: false`).
amount-label = Mari yekubhadhara izvozvi ({ $currency })
amount-hint = Zvabhadharwa kusvika parizvino: { $paid } pa{ $total }. Zvasara: { $left }. Unogona kubhadhara zvishoma nezvishoma.
pay-part = Bhadhara mari iyi
error-amount_invalid = Isa mari inopfuura zero uye isingapfuuri yasara kubhadharwa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Kuongorora kwe3-D Secure
sandbox-card-body = Bhangi yako inokumbira kuti usimbise muripo uyu ne{ $card }.
sandbox-card-approve = Pedzisa kuongorora
sandbox-card-decline = Ita kuti kuongorora kukundikane
sandbox-provider-title = Muripo wekuedza we{ $method }
sandbox-provider-body = Peji iri rinomirira peji rekubhadhara re{ $method }.
sandbox-approve = Bvumidza muripo wekuedza
sandbox-decline = Ramba muripo wekuedza
sandbox-payee = Kuna { $merchant }
sandbox-finished = Muripo uyu wekuedza wapera
sandbox-back = Dzokera kupeji rekubhadhara
sandbox-missing = Hapana muripo wekuedza wakadaro
close = Vhara

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Unoda kubhadhara marii yakawanda sei?
link-amount-label = Mari ({ $currency })
link-amount-hint = Pakati pe{ $min } ne{ $max }.
link-amount-invalid = Isa mari iri pakati pe{ $min } ne{ $max }.
link-closed-title = Link iyi yekubhadhara yakavharwa
link-closed-body = Haichagamuchiri mubhadharo. Kumbira mutengesi link itsva.
