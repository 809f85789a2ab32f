# Lokasa ya kofuta ya mosombi (Lingála, RDC mpe Kongo).
# Biloko oyo ebongwanaka: $merchant (nkombo ya magazini), $amount (mbongo esi ekomami malamu),
# $method (lolenge ya kofuta), $phone. Esengeli motángi oyo alobaka Lingála atala yango.

page-title = Futa { $merchant }
page-description = Futa { $merchant } na kimya na mbongo ya telefone to na kalati.
test-mode = Komeka · mbongo ya solo ezali kotambola te
secured-by = Kofuta na nzela ya Lipa
order-summary = Bokuse ya komande
total = Nyonso
quantity = Motángo { $quantity }
pay-with = Futa na
method-card = Kalati
phone-label = Nimero ya { $method }
phone-hint = Tokotinda bosenga ya kofuta na telefone oyo.
pay-button = { $submit ->
    [donate] Pesa { $amount }
    [book] Kamata esika mpe futa { $amount }
   *[pay] Futa { $amount }
}
paying = Tozali kotinda bosenga…
cancel-link = Longola mpe zonga epai ya { $merchant }
no-methods = Lokasa oyo ya kofuta ezali na lolenge moko te ya kofuta oyo okoki kosalela awa. Svp, solola na { $merchant }.

pending-title = Tala telefone na yo
pending-body = Totindi bosenga ya { $amount } na { $phone }. Kotisa PIN na yo ya { $method } na telefone na yo mpo na kondima.
pending-waiting = Tozali kozela ndingisa na yo…
pending-check = Nandimi, tala sikoyo

receipt-title = Kofuta esili malamu
receipt-body = { $merchant } azwi mbongo na yo.
receipt-amount = Mbongo efutami
receipt-method = Efutami na
receipt-reference = Référence
receipt-date = Mokolo
receipt-close = Okoki kokanga lokasa oyo.
return-to-merchant = Zonga epai ya { $merchant }
redirecting = Tozali kozongisa yo epai ya { $merchant }…

expired-title = Ntango ya lokasa oyo ya kofuta esili
expired-body = Ntango ya kofuta esili liboso ete bafuta. Senga { $merchant } lien ya sika ya kofuta.
cancelled-title = Lokasa oyo ya kofuta elongolami
cancelled-body = { $merchant } alongoli komande oyo, yango wana ekoki lisusu kofutama te.
notfound-title = Lokasa ya kofuta emonani te
notfound-body = Lien oyo ya kofuta ezali malamu te to ezali lisusu te. Tala lien, to senga magazini lien ya sika.
notfound-page-title = Lokasa ya kofuta emonani te
notfound-page-description = Lien oyo ya kofuta ememaka na lokasa ya kofuta te.

failed-title = Kofuta esili te
failed-retry = Okoki komeka lisusu, to kopona lolenge mosusu.
failure-insufficient_funds = Mbongo ezali na { $method } na yo ekoki te mpo na kofuta oyo.
failure-declined = Kofuta eboyami.
failure-timeout = Telefone na yo eyanoli bosenga na ntango te.
failure-generic = Kofuta elekaki te.

error-phone_missing = Kotisa nimero na yo ya { $method }.
error-phone_invalid_characters = Salela kaka mituya, ndakisa 81 234 5678.
error-phone_wrong_country = Nimero oyo ezali ya mokili mosusu.
error-phone_not_allowed = Lokasa oyo endimaka kaka kofuta na nimero oyo emonisami.
phone-locked = Mosombisi nde aponi nimero oyo ekofuta lokasa oyo.
error-phone_wrong_length = Nimero oyo ezali na motángo ya mituya ya mabe.
error-phone_wrong_network = Nimero oyo ezali na { $method } te.
error-phone_not_supported = { $method } esalelaka nimero ya telefone te.
error-method_unavailable = Lolenge oyo ya kofuta ezali te mpo na komande oyo.
error-session_closed = Lokasa oyo ekoki lisusu kofutama te.
error-generic = Likambo moko esalemi malamu te. Svp, meka lisusu.
error-too_many_attempts = Lokasa oyo ezwi kofuta mingi oyo elongaki te, yango wana endimaka lisusu te. Zonga na magazini mpo na kobanda lisusu.
error-too_many_pushes = Nimero oyo ezwi bosenga mingi ya kofuta na miniti moke oyo eleki. Zela mwa moke to pona lolenge mosusu.
error-too_fast = Omeki mbala mingi koleka. Zela miniti moko, sima meka lisusu.

card-number = Nimero ya kalati
card-expiry = Mokolo ya nsuka
card-cvc = Code ya kobatela
card-name = Nkombo oyo ezali na kalati
redirect-hint = Okosilisa kofuta na lokasa ya mopesi-mosala, sima okozonga awa.

pending-countdown = Ntango etikali mpo na kondima: { $time }

action-card-title = Ndimisa na banki na yo
action-card-body = Banki na yo esengeli koyeba ete ezali yo. Okozonga awa sima.
action-redirect-title = Kende liboso na { $method }
action-redirect-body = Okosilisa kofuta na lokasa ya { $method }, sima okozonga awa.
action-continue = Kende liboso
action-abandon = Salela lolenge mosusu ya kofuta

failure-card_declined = Kalati na yo eboyami.
failure-authentication_failed = Banki na yo ekokaki te kondimisa kofuta.
failure-cancelled = Kofuta elongolamaki liboso ete esila.
failure-session_expired = Ntango ya kofuta esili.
failure-provider_unavailable = Mosala ya kofuta eyanolaki te.
failure-phone_unreachable = Telefone na yo ekokaki kozwama te. Tala soki epeli mpe ezali na réseau, sima meka lisusu.
failure-wrong_pin = PIN ezalaki malamu te. Meka lisusu mpe kotisa PIN na yo ya { $method }.
failure-payment_in_progress = Compte na yo ya { $method } ezali na kofuta mosusu. Zela miniti moko, sima meka lisusu.
failure-invalid_number = Nimero oyo ezali na compte ya { $method } te. Tala nimero.
failure-limit_reached = Okomi na ndelo ya { $method } na yo mpo na sikoyo.

error-card_number_missing = Kotisa nimero ya kalati na yo.
error-card_number_invalid = Nimero oyo ya kalati ezali malamu te. Tala yango mpe meka lisusu.
error-card_number_incomplete = Nimero oyo ya kalati ezali mokuse mingi.
error-card_expiry_invalid = Kotisa mokolo ya nsuka lokola MM/AA.
error-card_expired = Kalati oyo esili ntango.
error-card_cvc_invalid = Kotisa code ya mituya 3 oyo ezali nsima ya kalati (mituya 4 liboso mpo na American Express).
error-card_name_missing = Kotisa nkombo ndenge ezali na kalati.

utc = UTC
month-1 = sánzá ya yambo
month-2 = sánzá ya míbalé
month-3 = sánzá ya mísáto
month-4 = sánzá ya mínei
month-5 = sánzá ya mítáno
month-6 = sánzá ya motóbá
month-7 = sánzá ya nsambo
month-8 = sánzá ya mwambe
month-9 = sánzá ya libwa
month-10 = sánzá ya zómi
month-11 = sánzá ya zómi na mɔ̌kɔ́
month-12 = sánzá ya zómi na míbalé
date-time = { $day } { $month } { $year }, { $time }

language = Lokótá
language-apply = Bongola
expires-in-minutes = { $minutes ->
    [one] Lokasa oyo ekosila na miniti { $minutes }.
   *[other] Lokasa oyo ekosila na miniti { $minutes }.
}
expires-in-hours = { $hours ->
    [one] Lokasa oyo ekosila na ngonga { $hours }.
   *[other] Lokasa oyo ekosila na ngonga { $hours }.
}
expires-on = Lokasa oyo ekosila na { $date }.
card-expiry-placeholder = MM/AA

# Kofuta na biteni (Waftpay `strict_amount: false`).
amount-label = Mbongo ya kofuta sikoyo ({ $currency })
amount-hint = Efutami kino sikoyo: { $paid } na { $total }. Etikali: { $left }. Okoki kofuta na biteni.
pay-part = Futa mbongo oyo
error-amount_invalid = Kotisa mbongo oyo eleki zéro mpe eleki te oyo etikali kofuta.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Botaleli ya 3-D Secure
sandbox-card-body = Banki na yo esɛngi ondimisa lifuti oyo na { $card }.
sandbox-card-approve = Silisa botaleli
sandbox-card-decline = Botaleli ekweya
sandbox-provider-title = Lifuti ya komeka ya { $method }
sandbox-provider-body = Lokasa oyo ezali esika ya lokasa ya lifuti ya { $method }.
sandbox-approve = Ndima lifuti ya komeka
sandbox-decline = Boya lifuti ya komeka
sandbox-payee = Epai ya { $merchant }
sandbox-finished = Lifuti oyo ya komeka esili
sandbox-back = Zonga na lokasa ya lifuti
sandbox-missing = Lifuti ya komeka boye ezali te
close = Kanga

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Olingi kofuta mbongo boni?
link-amount-label = Motango ({ $currency })
link-amount-hint = Kati na { $min } mpe { $max }.
link-amount-invalid = Kotisa motango kati na { $min } mpe { $max }.
link-closed-title = Lien oyo ya lifuti ekangami
link-closed-body = Ezali lisusu kozwa lifuti te. Senga na moteki lien ya sika.
