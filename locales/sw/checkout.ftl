# Ukurasa wa malipo wa mnunuzi. Kiswahili cha Kenya na Tanzania.
# Vigezo: $merchant (jina la duka), $amount (kiasi kilichopangwa tayari),
# $method (jina la njia ya malipo), $phone.
# Kiswahili hakina wingi tofauti kwa "dakika" na "saa", kwa hivyo jumbe
# zenye idadi hazihitaji kuchagua.

page-title = Lipa { $merchant }
page-description = Lipa { $merchant } kwa usalama kwa pesa za simu au kadi.
test-mode = Hali ya majaribio · hakuna pesa halisi inayohamishwa
secured-by = Malipo kupitia Lipa
order-summary = Muhtasari wa agizo
total = Jumla
quantity = Idadi { $quantity }
pay-with = Lipa kwa
method-card = Kadi
phone-label = Nambari ya { $method }
phone-hint = Tutatuma ombi la malipo kwenye simu hii.
pay-button = { $submit ->
    [donate] Changia { $amount }
    [book] Weka nafasi na ulipe { $amount }
   *[pay] Lipa { $amount }
}
paying = Inatuma ombi…
cancel-link = Ghairi na urudi kwa { $merchant }
no-methods = Malipo haya hayana njia ya malipo unayoweza kutumia hapa. Tafadhali wasiliana na { $merchant }.

pending-title = Angalia simu yako
pending-body = Tumetuma ombi la { $amount } kwenda { $phone }. Weka PIN yako ya { $method } kwenye simu ili kuidhinisha.
pending-waiting = Tunasubiri uidhinishe…
pending-check = Nimeidhinisha, angalia sasa

receipt-title = Malipo yamefanikiwa
receipt-body = { $merchant } imepokea malipo yako.
receipt-amount = Kiasi kilicholipwa
receipt-method = Imelipwa kwa
receipt-reference = Kumbukumbu
receipt-date = Tarehe
receipt-close = Unaweza kufunga ukurasa huu.
return-to-merchant = Rudi kwa { $merchant }
redirecting = Tunakurudisha kwa { $merchant }…

expired-title = Muda wa malipo haya umekwisha
expired-body = Muda wa kulipa uliisha kabla malipo hayajafanyika. Omba { $merchant } kiungo kipya cha malipo.
cancelled-title = Malipo haya yameghairiwa
cancelled-body = { $merchant } imeghairi agizo hili, kwa hivyo haliwezi kulipwa tena.
notfound-title = Malipo hayajapatikana
notfound-body = Kiungo hiki cha malipo si sahihi au hakipo tena. Kagua kiungo, au uombe duka kiungo kipya.
notfound-page-title = Malipo hayajapatikana
notfound-page-description = Kiungo hiki cha malipo hakielekezi kwenye malipo yoyote.

failed-title = Malipo hayajakamilika
failed-retry = Unaweza kujaribu tena, au kuchagua njia nyingine.
failure-insufficient_funds = Salio lako la { $method } halitoshi kwa malipo haya.
failure-declined = Malipo yamekataliwa.
failure-timeout = Simu yako haikujibu ombi kwa wakati.
failure-generic = Malipo hayakufanikiwa.

error-phone_missing = Weka nambari yako ya { $method }.
error-phone_invalid_characters = Tumia tarakimu pekee, kwa mfano 0712 345 678.
error-phone_wrong_country = Nambari hii ni ya nchi nyingine.
error-phone_not_allowed = Malipo haya yanakubali nambari iliyoonyeshwa pekee.
phone-locked = Mfanyabiashara ameweka nambari itakayolipa oda hii.
error-phone_wrong_length = Nambari hii haina idadi sahihi ya tarakimu.
error-phone_wrong_network = Nambari hii haiko kwenye mtandao wa { $method }.
error-phone_not_supported = { $method } haitumii nambari ya simu.
error-method_unavailable = Njia hii ya malipo haipatikani kwa agizo hili.
error-session_closed = Malipo haya hayawezi kufanyika tena.
error-generic = Hitilafu imetokea. Tafadhali jaribu tena.
error-too_many_attempts = Malipo ya agizo hili yameshindwa mara nyingi mno, kwa hivyo halipokei tena. Rudi dukani uanze upya.
error-too_many_pushes = Nambari hii imepokea maombi mengi mno ya malipo katika dakika chache zilizopita. Subiri kidogo au chagua njia nyingine.
error-too_fast = Majaribio mengi mno kutoka kwenye muunganisho wako. Subiri dakika moja, kisha ujaribu tena.

card-number = Nambari ya kadi
card-expiry = Tarehe ya mwisho
card-cvc = Msimbo wa usalama
card-name = Jina lililo kwenye kadi
redirect-hint = Utamaliza kulipa kwenye ukurasa wa mtoa huduma, kisha urudi hapa.

pending-countdown = Muda uliobaki wa kuidhinisha: { $time }

action-card-title = Thibitisha na benki yako
action-card-body = Benki yako inahitaji kuthibitisha kuwa ni wewe. Utarudi hapa baadaye.
action-redirect-title = Endelea kwa { $method }
action-redirect-body = Utamaliza kulipa kwenye ukurasa wa { $method }, kisha urudi hapa.
action-continue = Endelea
action-abandon = Tumia njia nyingine ya malipo

failure-card_declined = Kadi yako imekataliwa.
failure-authentication_failed = Benki yako haikuweza kuthibitisha malipo.
failure-cancelled = Malipo yalighairiwa kabla ya kukamilika.
failure-session_expired = Muda wa kulipa umekwisha.
failure-provider_unavailable = Huduma ya malipo haikujibu.
failure-phone_unreachable = Simu yako haipatikani. Hakikisha imewashwa na ina mtandao, kisha ujaribu tena.
failure-wrong_pin = PIN haikuwa sahihi. Jaribu tena na uweke PIN yako ya { $method }.
failure-payment_in_progress = Akaunti yako ya { $method } inashughulikia malipo mengine. Subiri dakika moja, kisha ujaribu tena.
failure-invalid_number = Namba hii haina akaunti ya { $method }. Hakiki namba.
failure-limit_reached = Umefikia kikomo cha miamala ya { $method } kwa sasa.

error-card_number_missing = Weka nambari ya kadi yako.
error-card_number_invalid = Nambari hii ya kadi si sahihi. Ikague kisha ujaribu tena.
error-card_number_incomplete = Nambari hii ya kadi ni fupi mno.
error-card_expiry_invalid = Weka tarehe ya mwisho kama MM/YY.
error-card_expired = Muda wa kadi hii umekwisha.
error-card_cvc_invalid = Weka msimbo wa tarakimu 3 ulio nyuma ya kadi (tarakimu 4 zilizo mbele kwa American Express).
error-card_name_missing = Weka jina kama lilivyoandikwa kwenye kadi.

utc = UTC
month-1 = Januari
month-2 = Februari
month-3 = Machi
month-4 = Aprili
month-5 = Mei
month-6 = Juni
month-7 = Julai
month-8 = Agosti
month-9 = Septemba
month-10 = Oktoba
month-11 = Novemba
month-12 = Desemba
date-time = { $day } { $month } { $year }, { $time }

language = Lugha
language-apply = Badilisha
expires-in-minutes = Muda wa malipo haya unaisha baada ya dakika { $minutes }.
expires-in-hours = Muda wa malipo haya unaisha baada ya saa { $hours }.
expires-on = Muda wa malipo haya unaisha tarehe { $date }.
card-expiry-placeholder = MM/YY

# Sessions paid in parts (Waftpay `strict_amount: false`).
amount-label = Kiasi cha kulipa sasa ({ $currency })
amount-hint = Umelipa hadi sasa: { $paid } kati ya { $total }. Kilichobaki: { $left }. Unaweza kulipa kwa awamu.
pay-part = Lipa kiasi hiki
error-amount_invalid = Weka kiasi zaidi ya sifuri na kisichozidi kilichobaki kulipwa.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Uthibitisho wa 3-D Secure
sandbox-card-body = Benki yako inakuomba uthibitishe malipo haya kwa { $card }.
sandbox-card-approve = Kamilisha uthibitisho
sandbox-card-decline = Fanya uthibitisho ushindwe
sandbox-provider-title = Malipo ya majaribio ya { $method }
sandbox-provider-body = Ukurasa huu unasimama badala ya ukurasa wa malipo wa { $method }.
sandbox-approve = Idhinisha malipo ya majaribio
sandbox-decline = Kataa malipo ya majaribio
sandbox-payee = Kwa { $merchant }
sandbox-finished = Malipo haya ya majaribio yamekamilika
sandbox-back = Rudi kwenye malipo
sandbox-missing = Malipo ya majaribio hayapatikani
close = Funga

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Unataka kulipa kiasi gani?
link-amount-label = Kiasi ({ $currency })
link-amount-hint = Kati ya { $min } na { $max }.
link-amount-invalid = Weka kiasi kati ya { $min } na { $max }.
link-closed-title = Kiungo hiki cha malipo kimefungwa
link-closed-body = Hakipokei malipo tena. Muombe muuzaji kiungo kipya.
