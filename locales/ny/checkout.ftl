# Tsamba lolipira la wogula (Chichewa, Malawi ndi Zambia).
# Zosintha: $merchant (dzina la sitolo), $amount (ndalama zolembedwa bwino),
# $method (njira yolipira), $phone. Pakufunika kuwunikidwa ndi wolankhula Chichewa.

page-title = Lipira { $merchant }
page-description = Lipira { $merchant } motetezeka ndi ndalama za pa foni kapena khadi.
test-mode = Kuyesa · palibe ndalama zenizeni zomwe zikuyenda
secured-by = Malipiro kudzera mwa Lipa
order-summary = Chidule cha oda
total = Zonse pamodzi
quantity = Kuchuluka { $quantity }
pay-with = Lipira ndi
method-card = Khadi
phone-label = Nambala ya { $method }
phone-hint = Titumiza pempho lolipira ku foni iyi.
pay-button = { $submit ->
    [donate] Pereka { $amount }
    [book] Sungitsa ndi kulipira { $amount }
   *[pay] Lipira { $amount }
}
paying = Tikutumiza pempho…
cancel-link = Letsa ndi kubwerera ku { $merchant }
no-methods = Tsamba lolipirali lilibe njira yolipira yomwe mungagwiritse ntchito pano. Chonde lankhulani ndi { $merchant }.

pending-title = Onani foni yanu
pending-body = Tatumiza pempho la { $amount } ku { $phone }. Lowetsani PIN yanu ya { $method } pa foni yanu kuti muvomereze.
pending-waiting = Tikudikira chilolezo chanu…
pending-check = Ndavomereza, onani tsopano

receipt-title = Malipiro ayenda bwino
receipt-body = { $merchant } walandira malipiro anu.
receipt-amount = Ndalama zolipidwa
receipt-method = Zalipidwa ndi
receipt-reference = Nambala yolozera
receipt-date = Tsiku
receipt-close = Mutha kutseka tsamba ili.
return-to-merchant = Bwererani ku { $merchant }
redirecting = Tikukubwezerani ku { $merchant }…

expired-title = Nthawi ya tsamba lolipirali yatha
expired-body = Nthawi yolipira inatha malipiro asanapangidwe. Funsani { $merchant } ulalo watsopano wolipira.
cancelled-title = Tsamba lolipirali laletsedwa
cancelled-body = { $merchant } waletsa oda iyi, choncho singathenso kulipidwa.
notfound-title = Tsamba lolipira silinapezeke
notfound-body = Ulalo wolipirawu ndi wolakwika kapena kulibenso. Onani ulalowo, kapena funsani sitolo watsopano.
notfound-page-title = Tsamba lolipira silinapezeke
notfound-page-description = Ulalo wolipirawu sukupita ku tsamba lolipira.

failed-title = Malipiro sanathe
failed-retry = Mutha kuyesanso, kapena kusankha njira ina.
failure-insufficient_funds = Ndalama za mu { $method } yanu ndi zochepa pa malipiro awa.
failure-declined = Malipiro akanidwa.
failure-timeout = Foni yanu sinayankhe pempho pa nthawi yake.
failure-generic = Malipiro sanadutse.

error-phone_missing = Lowetsani nambala yanu ya { $method }.
error-phone_invalid_characters = Gwiritsani ntchito manambala okha, mwachitsanzo 99 123 4567.
error-phone_wrong_country = Nambala iyi ndi ya dziko lina.
error-phone_not_allowed = Tsamba ili limalandira malipiro kuchokera ku nambala yosonyezedwa yokha.
phone-locked = Wogulitsa ndiye anasankha nambala yolipira tsamba ili.
error-phone_wrong_length = Nambala iyi ili ndi manambala olakwika kuchuluka kwake.
error-phone_wrong_network = Nambala iyi sili pa { $method }.
error-phone_not_supported = { $method } sigwiritsa ntchito nambala ya foni.
error-method_unavailable = Njira yolipira iyi sikupezeka pa oda iyi.
error-session_closed = Tsamba ili silingathenso kulipidwa.
error-generic = Chinachake sichinayende bwino. Chonde yesaninso.
error-too_many_attempts = Tsamba ili lakhala ndi malipiro ambiri olephera, choncho silikulandiranso. Bwererani ku sitolo kuti muyambenso.
error-too_many_pushes = Nambala iyi yalandira mapempho ambiri olipira m'mphindi zochepa zapitazi. Dikirani pang'ono kapena sankhani njira ina.
error-too_fast = Mwayesa kambiri kwambiri. Dikirani mphindi imodzi, kenako yesaninso.

card-number = Nambala ya khadi
card-expiry = Tsiku lotha ntchito
card-cvc = Khodi yachitetezo
card-name = Dzina lomwe lili pa khadi
redirect-hint = Mumaliza kulipira pa tsamba la wopereka chithandizo, kenako mubwerere kuno.

pending-countdown = Nthawi yotsala yovomereza: { $time }

action-card-title = Tsimikizani ndi banki yanu
action-card-body = Banki yanu ikufunika kutsimikiza kuti ndi inu. Mubwerera kuno pambuyo pake.
action-redirect-title = Pitirizani ku { $method }
action-redirect-body = Mumaliza kulipira pa tsamba la { $method }, kenako mubwerere kuno.
action-continue = Pitirizani
action-abandon = Gwiritsani ntchito njira ina yolipira

failure-card_declined = Khadi lanu lakanidwa.
failure-authentication_failed = Banki yanu sinathe kutsimikizira malipiro.
failure-cancelled = Malipiro analetsedwa asanathe.
failure-session_expired = Nthawi yolipira yatha.
failure-provider_unavailable = Ntchito yolipira sinayankhe.
failure-phone_unreachable = Foni yanu sinapezeke. Onetsetsani kuti ili yoyaka ndipo ili ndi netiweki, kenako yesaninso.
failure-wrong_pin = PIN inali yolakwika. Yesaninso ndi kulowetsa PIN yanu ya { $method }.
failure-payment_in_progress = Akaunti yanu ya { $method } ili pa malipiro ena. Dikirani mphindi imodzi, kenako yesaninso.
failure-invalid_number = Nambala iyi ilibe akaunti ya { $method }. Onani nambalayo.
failure-limit_reached = Mwafika malire anu a { $method } pakadali pano.

error-card_number_missing = Lowetsani nambala ya khadi lanu.
error-card_number_invalid = Nambala ya khadi iyi siyolondola. Iwoneni ndi kuyesanso.
error-card_number_incomplete = Nambala ya khadi iyi ndi yayifupi kwambiri.
error-card_expiry_invalid = Lowetsani tsiku lotha ngati MM/YY.
error-card_expired = Khadi ili latha ntchito.
error-card_cvc_invalid = Lowetsani khodi ya manambala 3 kumbuyo kwa khadi (manambala 4 kutsogolo pa American Express).
error-card_name_missing = Lowetsani dzina momwe lilili pa khadi.

utc = UTC
month-1 = Januwale
month-2 = Febuluwale
month-3 = Malichi
month-4 = Epulo
month-5 = Meyi
month-6 = Juni
month-7 = Julai
month-8 = Ogasiti
month-9 = Seputembala
month-10 = Okutobala
month-11 = Novembala
month-12 = Disembala
date-time = { $day } { $month } { $year }, { $time }

language = Chilankhulo
language-apply = Sinthani
expires-in-minutes = { $minutes ->
    [one] Tsamba ili litha mu mphindi { $minutes }.
   *[other] Tsamba ili litha mu mphindi { $minutes }.
}
expires-in-hours = { $hours ->
    [one] Tsamba ili litha mu ola { $hours }.
   *[other] Tsamba ili litha mu maola { $hours }.
}
expires-on = Tsamba ili litha pa { $date }.
card-expiry-placeholder = MM/YY

# Kulipira pang'onopang'ono (Waftpay `strict_amount: false`).
amount-label = Ndalama zolipira tsopano ({ $currency })
amount-hint = Zalipidwa mpaka pano: { $paid } mwa { $total }. Zotsala: { $left }. Mutha kulipira pang'onopang'ono.
pay-part = Lipirani ndalama izi
error-amount_invalid = Lowetsani ndalama zoposa ziro komanso zosaposa zotsala kulipira.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Kutsimikizira kwa 3-D Secure
sandbox-card-body = Banki yanu ikukupemphani kuti mutsimikizire malipiro awa ndi { $card }.
sandbox-card-approve = Malizani kutsimikizira
sandbox-card-decline = Lepheretsani kutsimikizira
sandbox-provider-title = Malipiro oyesera a { $method }
sandbox-provider-body = Tsambali limaimira tsamba la malipiro la { $method }.
sandbox-approve = Lolezani malipiro oyesera
sandbox-decline = Kanani malipiro oyesera
sandbox-payee = Kwa { $merchant }
sandbox-finished = Malipiro oyeserawa atha
sandbox-back = Bwererani ku tsamba la malipiro
sandbox-missing = Palibe malipiro oyesera otere
close = Tsekani

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Mukufuna kulipira ndalama zingati?
link-amount-label = Ndalama ({ $currency })
link-amount-hint = Pakati pa { $min } ndi { $max }.
link-amount-invalid = Lowetsani ndalama pakati pa { $min } ndi { $max }.
link-closed-title = Ulalo wolipirirawu watsekedwa
link-closed-body = Sulandiranso malipiro. Pemphani wogulitsa ulalo watsopano.
