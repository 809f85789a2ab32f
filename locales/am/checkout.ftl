# የገዢው የክፍያ ገጽ (አማርኛ፣ ኢትዮጵያ)።
# ተለዋዋጮች: $merchant (የሱቅ ስም)፣ $amount (የተቀረጸ የገንዘብ መጠን)፣
# $method (የክፍያ ዘዴ)፣ $phone። በአማርኛ ተናጋሪ መገምገም ያስፈልገዋል።

page-title = ለ{ $merchant } ይክፈሉ
page-description = ለ{ $merchant } በሞባይል ገንዘብ ወይም በካርድ ደህንነቱ በተጠበቀ መንገድ ይክፈሉ።
test-mode = የሙከራ ሁኔታ · እውነተኛ ገንዘብ አይንቀሳቀስም
secured-by = ክፍያ በLipa
order-summary = የትዕዛዝ ማጠቃለያ
total = ድምር
quantity = ብዛት { $quantity }
pay-with = በዚህ ይክፈሉ
method-card = ካርድ
phone-label = የ{ $method } ቁጥር
phone-hint = ወደዚህ ስልክ የክፍያ ጥያቄ እንልካለን።
pay-button = { $submit ->
    [donate] { $amount } ይለግሱ
    [book] ይያዙ እና { $amount } ይክፈሉ
   *[pay] { $amount } ይክፈሉ
}
paying = ጥያቄ በመላክ ላይ…
cancel-link = ሰርዝ እና ወደ { $merchant } ተመለስ
no-methods = ይህ የክፍያ ገጽ እዚህ ሊጠቀሙበት የሚችሉት የክፍያ ዘዴ የለውም። እባክዎ { $merchant }ን ያነጋግሩ።

pending-title = ስልክዎን ይመልከቱ
pending-body = የ{ $amount } ጥያቄ ወደ { $phone } ልከናል። ለማጽደቅ የ{ $method } ፒንዎን በስልክዎ ላይ ያስገቡ።
pending-waiting = ማጽደቅዎን በመጠበቅ ላይ…
pending-check = አጽድቄያለሁ፣ አሁን አረጋግጥ

receipt-title = ክፍያው ተሳክቷል
receipt-body = { $merchant } ክፍያዎን ተቀብሏል።
receipt-amount = የተከፈለው መጠን
receipt-method = የተከፈለው በ
receipt-reference = ማጣቀሻ
receipt-date = ቀን
receipt-close = ይህን ገጽ መዝጋት ይችላሉ።
return-to-merchant = ወደ { $merchant } ተመለስ
redirecting = ወደ { $merchant } እየመለስንዎት ነው…

expired-title = የዚህ የክፍያ ገጽ ጊዜ አልፏል
expired-body = ክፍያ ከመፈጸሙ በፊት የመክፈያ ጊዜው አልቋል። ከ{ $merchant } አዲስ የክፍያ ሊንክ ይጠይቁ።
cancelled-title = ይህ የክፍያ ገጽ ተሰርዟል
cancelled-body = { $merchant } ይህን ትዕዛዝ ሰርዟል፤ ስለዚህ ከእንግዲህ ሊከፈል አይችልም።
notfound-title = የክፍያ ገጹ አልተገኘም
notfound-body = ይህ የክፍያ ሊንክ የተሳሳተ ነው ወይም ከእንግዲህ የለም። ሊንኩን ያረጋግጡ፣ ወይም ከሱቁ አዲስ ይጠይቁ።
notfound-page-title = የክፍያ ገጹ አልተገኘም
notfound-page-description = ይህ የክፍያ ሊንክ ወደ የክፍያ ገጽ አይወስድም።

failed-title = ክፍያው አልተጠናቀቀም
failed-retry = እንደገና መሞከር ወይም ሌላ ዘዴ መምረጥ ይችላሉ።
failure-insufficient_funds = የ{ $method } ቀሪ ሂሳብዎ ለዚህ ክፍያ በቂ አይደለም።
failure-declined = ክፍያው ውድቅ ተደርጓል።
failure-timeout = ስልክዎ ለጥያቄው በጊዜው ምላሽ አልሰጠም።
failure-generic = ክፍያው አልተሳካም።

error-phone_missing = የ{ $method } ቁጥርዎን ያስገቡ።
error-phone_invalid_characters = ቁጥሮችን ብቻ ይጠቀሙ፣ ለምሳሌ 91 123 4567።
error-phone_wrong_country = ይህ ቁጥር የሌላ አገር ነው።
error-phone_not_allowed = ይህ ገጽ ክፍያ የሚቀበለው ከሚታየው ቁጥር ብቻ ነው።
phone-locked = ይህን ገጽ የሚከፍለውን ቁጥር ነጋዴው መርጧል።
error-phone_wrong_length = ይህ ቁጥር የተሳሳተ የአሃዝ ብዛት አለው።
error-phone_wrong_network = ይህ ቁጥር በ{ $method } ላይ አይደለም።
error-phone_not_supported = { $method } የስልክ ቁጥር አይጠቀምም።
error-method_unavailable = ይህ የክፍያ ዘዴ ለዚህ ትዕዛዝ አይገኝም።
error-session_closed = ይህ ገጽ ከእንግዲህ ሊከፈል አይችልም።
error-generic = የሆነ ችግር ተፈጥሯል። እባክዎ እንደገና ይሞክሩ።
error-too_many_attempts = ይህ ገጽ ብዙ ያልተሳኩ ክፍያዎች ስለነበሩት ከእንግዲህ አይቀበልም። እንደገና ለመጀመር ወደ ሱቁ ይመለሱ።
error-too_many_pushes = ይህ ቁጥር ባለፉት ጥቂት ደቂቃዎች ውስጥ በጣም ብዙ የክፍያ ጥያቄዎችን ተቀብሏል። ትንሽ ይጠብቁ ወይም ሌላ ዘዴ ይምረጡ።
error-too_fast = ከግንኙነትዎ በጣም ብዙ ሙከራዎች። አንድ ደቂቃ ይጠብቁ፣ ከዚያ እንደገና ይሞክሩ።

card-number = የካርድ ቁጥር
card-expiry = የሚያበቃበት ቀን
card-cvc = የደህንነት ኮድ
card-name = በካርዱ ላይ ያለው ስም
redirect-hint = ክፍያውን በአገልግሎት ሰጪው ገጽ ላይ ያጠናቅቃሉ፣ ከዚያ ወደዚህ ይመለሳሉ።

pending-countdown = ለማጽደቅ የቀረው ጊዜ: { $time }

action-card-title = ከባንክዎ ጋር ያረጋግጡ
action-card-body = ባንክዎ እርስዎ መሆንዎን ማረጋገጥ ያስፈልገዋል። ከዚያ በኋላ ወደዚህ ይመለሳሉ።
action-redirect-title = ወደ { $method } ይቀጥሉ
action-redirect-body = ክፍያውን በ{ $method } ገጽ ላይ ያጠናቅቃሉ፣ ከዚያ ወደዚህ ይመለሳሉ።
action-continue = ቀጥል
action-abandon = ሌላ የክፍያ ዘዴ ይጠቀሙ

failure-card_declined = ካርድዎ ውድቅ ተደርጓል።
failure-authentication_failed = ባንክዎ ክፍያውን ማረጋገጥ አልቻለም።
failure-cancelled = ክፍያው ከመጠናቀቁ በፊት ተሰርዟል።
failure-session_expired = የመክፈያ ጊዜው አልቋል።
failure-provider_unavailable = የክፍያ አገልግሎቱ ምላሽ አልሰጠም።
failure-phone_unreachable = ስልክዎን ማግኘት አልተቻለም። መብራቱን እና ኔትወርክ እንዳለው ያረጋግጡ፣ ከዚያ እንደገና ይሞክሩ።
failure-wrong_pin = ፒኑ የተሳሳተ ነበር። እንደገና ይሞክሩ እና የ{ $method } ፒንዎን ያስገቡ።
failure-payment_in_progress = የ{ $method } ሂሳብዎ በሌላ ክፍያ ተይዟል። አንድ ደቂቃ ይጠብቁ፣ ከዚያ እንደገና ይሞክሩ።
failure-invalid_number = ይህ ቁጥር የ{ $method } ሂሳብ የለውም። ቁጥሩን ያረጋግጡ።
failure-limit_reached = ለአሁን የ{ $method } የግብይት ገደብዎ ላይ ደርሰዋል።

error-card_number_missing = የካርድ ቁጥርዎን ያስገቡ።
error-card_number_invalid = ይህ የካርድ ቁጥር ትክክል አይደለም። ያረጋግጡና እንደገና ይሞክሩ።
error-card_number_incomplete = ይህ የካርድ ቁጥር በጣም አጭር ነው።
error-card_expiry_invalid = የሚያበቃበትን ቀን እንደ MM/YY ያስገቡ።
error-card_expired = ይህ ካርድ ጊዜው አልፎበታል።
error-card_cvc_invalid = በካርዱ ጀርባ ያለውን ባለ 3 አሃዝ ኮድ ያስገቡ (ለAmerican Express ከፊት ያለው ባለ 4 አሃዝ)።
error-card_name_missing = ስሙን በካርዱ ላይ እንደሚታየው ያስገቡ።

utc = UTC
month-1 = ጃንዩወሪ
month-2 = ፌብሩወሪ
month-3 = ማርች
month-4 = ኤፕሪል
month-5 = ሜይ
month-6 = ጁን
month-7 = ጁላይ
month-8 = ኦገስት
month-9 = ሴፕቴምበር
month-10 = ኦክቶበር
month-11 = ኖቬምበር
month-12 = ዲሴምበር
date-time = { $month } { $day } ቀን { $year }, { $time }

language = ቋንቋ
language-apply = ቀይር
expires-in-minutes = { $minutes ->
    [one] ይህ ገጽ በ{ $minutes } ደቂቃ ውስጥ ጊዜው ያልፋል።
   *[other] ይህ ገጽ በ{ $minutes } ደቂቃዎች ውስጥ ጊዜው ያልፋል።
}
expires-in-hours = { $hours ->
    [one] ይህ ገጽ በ{ $hours } ሰዓት ውስጥ ጊዜው ያልፋል።
   *[other] ይህ ገጽ በ{ $hours } ሰዓታት ውስጥ ጊዜው ያልፋል።
}
expires-on = ይህ ገጽ { $date } ላይ ጊዜው ያልፋል።
card-expiry-placeholder = MM/YY

# በክፍል የሚከፈሉ ክፍለ-ጊዜዎች (Waftpay `strict_amount: false`)።
amount-label = አሁን የሚከፈለው መጠን ({ $currency })
amount-hint = እስካሁን የተከፈለው: { $paid } ከ{ $total }። የቀረው: { $left }። በክፍል መክፈል ይችላሉ።
pay-part = ይህን መጠን ይክፈሉ
error-amount_invalid = ከዜሮ በላይ እና ከቀረው የማይበልጥ መጠን ያስገቡ።

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = የ3-D Secure ማረጋገጫ
sandbox-card-body = ባንክዎ ይህንን ክፍያ በ{ $card } እንዲያረጋግጡ ይጠይቃል።
sandbox-card-approve = ማረጋገጫውን ያጠናቅቁ
sandbox-card-decline = ማረጋገጫው እንዲወድቅ ያድርጉ
sandbox-provider-title = የ{ $method } የሙከራ ክፍያ
sandbox-provider-body = ይህ ገጽ በ{ $method } የራሱ የክፍያ ገጽ ምትክ ይቆማል።
sandbox-approve = የሙከራ ክፍያውን ይፍቀዱ
sandbox-decline = የሙከራ ክፍያውን ውድቅ ያድርጉ
sandbox-payee = ለ{ $merchant }
sandbox-finished = ይህ የሙከራ ክፍያ ተጠናቋል
sandbox-back = ወደ ክፍያ ገጹ ይመለሱ
sandbox-missing = እንደዚህ ያለ የሙከራ ክፍያ የለም
close = ዝጋ

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = ምን ያህል መክፈል ይፈልጋሉ?
link-amount-label = መጠን ({ $currency })
link-amount-hint = ከ{ $min } እስከ { $max }።
link-amount-invalid = ከ{ $min } እስከ { $max } ያለ መጠን ያስገቡ።
link-closed-title = ይህ የክፍያ አገናኝ ተዘግቷል
link-closed-body = ከእንግዲህ ክፍያ አይቀበልም። ሻጩን አዲስ አገናኝ ይጠይቁ።
