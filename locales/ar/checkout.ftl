# صفحة الدفع للمشتري (العربية، من اليمين إلى اليسار).
# المتغيرات: $merchant (اسم المتجر)، $amount (المبلغ منسقًا)،
# $method (طريقة الدفع)، $phone. تحتاج إلى مراجعة متحدث أصلي.

page-title = ادفع إلى { $merchant }
page-description = ادفع إلى { $merchant } بأمان عبر محفظة الهاتف أو البطاقة.
test-mode = وضع الاختبار · لا تتحرك أموال حقيقية
secured-by = المدفوعات عبر Lipa
order-summary = ملخص الطلب
total = الإجمالي
quantity = الكمية { $quantity }
pay-with = ادفع باستخدام
method-card = بطاقة
phone-label = رقم { $method }
phone-hint = سنرسل طلب دفع إلى هذا الهاتف.
pay-button = { $submit ->
    [donate] تبرّع بمبلغ { $amount }
    [book] احجز وادفع { $amount }
   *[pay] ادفع { $amount }
}
paying = جارٍ إرسال الطلب…
cancel-link = إلغاء والعودة إلى { $merchant }
no-methods = لا تتوفر في صفحة الدفع هذه أي طريقة دفع يمكنك استخدامها هنا. يُرجى التواصل مع { $merchant }.

pending-title = تحقّق من هاتفك
pending-body = أرسلنا طلبًا بمبلغ { $amount } إلى { $phone }. أدخل الرقم السري لـ{ $method } على هاتفك للموافقة عليه.
pending-waiting = في انتظار موافقتك…
pending-check = وافقت، تحقّق الآن

receipt-title = تم الدفع بنجاح
receipt-body = استلم { $merchant } دفعتك.
receipt-amount = المبلغ المدفوع
receipt-method = طريقة الدفع
receipt-reference = المرجع
receipt-date = التاريخ
receipt-close = يمكنك إغلاق هذه الصفحة.
return-to-merchant = العودة إلى { $merchant }
redirecting = جارٍ إعادتك إلى { $merchant }…

expired-title = انتهت صلاحية صفحة الدفع هذه
expired-body = انتهى وقت الدفع قبل إتمام أي دفعة. اطلب من { $merchant } رابط دفع جديدًا.
cancelled-title = أُلغيت صفحة الدفع هذه
cancelled-body = ألغى { $merchant } هذا الطلب، لذا لم يعد من الممكن دفعه.
notfound-title = صفحة الدفع غير موجودة
notfound-body = رابط الدفع هذا غير صحيح أو لم يعد موجودًا. تحقّق من الرابط، أو اطلب من المتجر رابطًا جديدًا.
notfound-page-title = صفحة الدفع غير موجودة
notfound-page-description = رابط الدفع هذا لا يؤدي إلى صفحة دفع.

failed-title = لم يكتمل الدفع
failed-retry = يمكنك المحاولة مرة أخرى، أو اختيار طريقة أخرى.
failure-insufficient_funds = رصيدك في { $method } غير كافٍ لهذه الدفعة.
failure-declined = رُفض الدفع.
failure-timeout = لم يستجب هاتفك للطلب في الوقت المحدد.
failure-generic = لم تتم عملية الدفع.

error-phone_missing = أدخل رقم { $method } الخاص بك.
error-phone_invalid_characters = استخدم الأرقام فقط، مثل { "\u2066" }10 1234 5678{ "\u2069" }.
error-phone_wrong_country = هذا الرقم من بلد آخر.
error-phone_not_allowed = تقبل هذه الصفحة الدفع من الرقم المعروض فقط.
phone-locked = حدّد التاجر الرقم الذي يدفع هذه الصفحة.
error-phone_wrong_length = عدد أرقام هذا الرقم غير صحيح.
error-phone_wrong_network = هذا الرقم غير مسجّل في { $method }.
error-phone_not_supported = لا تستخدم { $method } رقم هاتف.
error-method_unavailable = طريقة الدفع هذه غير متاحة لهذا الطلب.
error-session_closed = لم يعد من الممكن دفع هذه الصفحة.
error-generic = حدث خطأ ما. يُرجى المحاولة مرة أخرى.
error-too_many_attempts = شهدت هذه الصفحة محاولات دفع فاشلة كثيرة، لذا لم تعد تقبل المزيد. عُد إلى المتجر للبدء من جديد.
error-too_many_pushes = تلقّى هذا الرقم طلبات دفع كثيرة جدًا خلال الدقائق القليلة الماضية. انتظر قليلًا أو اختر طريقة أخرى.
error-too_fast = محاولات كثيرة جدًا من اتصالك. انتظر دقيقة ثم حاول مرة أخرى.

card-number = رقم البطاقة
card-expiry = تاريخ الانتهاء
card-cvc = رمز الأمان
card-name = الاسم على البطاقة
redirect-hint = ستُكمل الدفع في صفحة مزوّد الخدمة، ثم تعود إلى هنا.

pending-countdown = الوقت المتبقي للموافقة: { $time }

action-card-title = أكّد الدفع مع مصرفك
action-card-body = يحتاج مصرفك إلى التحقق من هويتك. ستعود إلى هنا بعد ذلك.
action-redirect-title = المتابعة إلى { $method }
action-redirect-body = ستُكمل الدفع في صفحة { $method }، ثم تعود إلى هنا.
action-continue = متابعة
action-abandon = استخدام طريقة دفع أخرى

failure-card_declined = رُفضت بطاقتك.
failure-authentication_failed = تعذّر على مصرفك تأكيد الدفع.
failure-cancelled = أُلغي الدفع قبل اكتماله.
failure-session_expired = انتهى وقت الدفع.
failure-provider_unavailable = لم تستجب خدمة الدفع.
failure-phone_unreachable = تعذّر الوصول إلى هاتفك. تأكّد من أنه مشغّل وفيه إشارة، ثم حاول مرة أخرى.
failure-wrong_pin = الرقم السري غير صحيح. حاول مرة أخرى وأدخل الرقم السري لـ{ $method }.
failure-payment_in_progress = حسابك في { $method } مشغول بدفعة أخرى. انتظر دقيقة ثم حاول مرة أخرى.
failure-invalid_number = لا يوجد حساب { $method } لهذا الرقم. تحقّق من الرقم.
failure-limit_reached = بلغت الحد المسموح لمعاملات { $method } حاليًا.

error-card_number_missing = أدخل رقم بطاقتك.
error-card_number_invalid = رقم البطاقة هذا غير صالح. تحقّق منه وحاول مرة أخرى.
error-card_number_incomplete = رقم البطاقة هذا قصير جدًا.
error-card_expiry_invalid = أدخل تاريخ الانتهاء بالصيغة { "\u2066" }MM/YY{ "\u2069" }.
error-card_expired = انتهت صلاحية هذه البطاقة.
error-card_cvc_invalid = أدخل الرمز المكوّن من 3 أرقام على ظهر البطاقة (4 أرقام على وجه بطاقة American Express).
error-card_name_missing = أدخل الاسم كما يظهر على البطاقة.

utc = UTC
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
date-time = { $day } { $month } { $year }، { $time }

language = اللغة
language-apply = تغيير
expires-in-minutes = { $minutes ->
    [zero] تنتهي صلاحية صفحة الدفع هذه الآن.
    [one] تنتهي صلاحية صفحة الدفع هذه خلال دقيقة واحدة.
    [two] تنتهي صلاحية صفحة الدفع هذه خلال دقيقتين.
    [few] تنتهي صلاحية صفحة الدفع هذه خلال { $minutes } دقائق.
    [many] تنتهي صلاحية صفحة الدفع هذه خلال { $minutes } دقيقة.
   *[other] تنتهي صلاحية صفحة الدفع هذه خلال { $minutes } دقيقة.
}
expires-in-hours = { $hours ->
    [zero] تنتهي صلاحية صفحة الدفع هذه الآن.
    [one] تنتهي صلاحية صفحة الدفع هذه خلال ساعة واحدة.
    [two] تنتهي صلاحية صفحة الدفع هذه خلال ساعتين.
    [few] تنتهي صلاحية صفحة الدفع هذه خلال { $hours } ساعات.
    [many] تنتهي صلاحية صفحة الدفع هذه خلال { $hours } ساعة.
   *[other] تنتهي صلاحية صفحة الدفع هذه خلال { $hours } ساعة.
}
expires-on = تنتهي صلاحية صفحة الدفع هذه في { $date }.
card-expiry-placeholder = MM/YY

# جلسات تُدفع على أجزاء (Waftpay `strict_amount: false`).
amount-label = المبلغ المطلوب دفعه الآن ({ $currency })
amount-hint = المدفوع حتى الآن: { $paid } من { $total }. المتبقي: { $left }. يمكنك الدفع على أجزاء.
pay-part = ادفع هذا المبلغ
error-amount_invalid = أدخل مبلغًا أكبر من صفر ولا يتجاوز المبلغ المتبقي.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = تحقّق { "\u2066" }3-D Secure{ "\u2069" }
sandbox-card-body = يطلب منك مصرفك تأكيد هذه الدفعة باستخدام { $card }.
sandbox-card-approve = إكمال المصادقة
sandbox-card-decline = إفشال المصادقة
sandbox-provider-title = دفعة تجريبية عبر { $method }
sandbox-provider-body = تحلّ هذه الصفحة محلّ صفحة الدفع الخاصة بـ{ $method }.
sandbox-approve = الموافقة على الدفعة التجريبية
sandbox-decline = رفض الدفعة التجريبية
sandbox-payee = إلى { $merchant }
sandbox-finished = انتهت هذه الدفعة التجريبية
sandbox-back = العودة إلى صفحة الدفع
sandbox-missing = لا توجد دفعة تجريبية كهذه
close = إغلاق

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = كم تريد أن تدفع؟
link-amount-label = المبلغ ({ $currency })
link-amount-hint = بين { $min } و{ $max }.
link-amount-invalid = أدخل مبلغًا بين { $min } و{ $max }.
link-closed-title = رابط الدفع هذا مغلق
link-closed-body = لم يعد يقبل أي دفعات. اطلب من البائع رابطًا جديدًا.
