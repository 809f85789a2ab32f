//! Every string a buyer sees comes from the Fluent files in `locales/`,
//! compiled into the binary (server) and the wasm (browser) alike so both
//! render the same words.

use crate::domain::Locale;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The Fluent sources, one entry per language, English first (the reference).
pub const SOURCES: &[(Locale, &str)] = &[
    (Locale::En, include_str!("../../locales/en/checkout.ftl")),
    (Locale::Pt, include_str!("../../locales/pt/checkout.ftl")),
    (Locale::Fr, include_str!("../../locales/fr/checkout.ftl")),
    (Locale::Sw, include_str!("../../locales/sw/checkout.ftl")),
    (Locale::Af, include_str!("../../locales/af/checkout.ftl")),
    (Locale::Am, include_str!("../../locales/am/checkout.ftl")),
    (Locale::Ar, include_str!("../../locales/ar/checkout.ftl")),
    (Locale::Ha, include_str!("../../locales/ha/checkout.ftl")),
    (Locale::Lg, include_str!("../../locales/lg/checkout.ftl")),
    (Locale::Ln, include_str!("../../locales/ln/checkout.ftl")),
    (Locale::Mg, include_str!("../../locales/mg/checkout.ftl")),
    (Locale::Ny, include_str!("../../locales/ny/checkout.ftl")),
    (Locale::Rw, include_str!("../../locales/rw/checkout.ftl")),
    (Locale::Sn, include_str!("../../locales/sn/checkout.ftl")),
    (Locale::So, include_str!("../../locales/so/checkout.ftl")),
    (Locale::Xh, include_str!("../../locales/xh/checkout.ftl")),
    (Locale::Yo, include_str!("../../locales/yo/checkout.ftl")),
    (Locale::Zu, include_str!("../../locales/zu/checkout.ftl")),
];

pub(crate) type Bundle = FluentBundle<FluentResource>;

/// A language's bundle from its Fluent source.
pub(crate) fn new_bundle(locale: Locale, src: &str) -> Bundle {
    let resource = FluentResource::try_new(src.to_owned())
        .unwrap_or_else(|(_, errs)| panic!("{locale:?} ftl: {errs:?}"));
    let lang = locale.as_str().parse().expect("valid language id");
    let mut b = Bundle::new_concurrent(vec![lang]);
    // Right to left, every variable (an amount, a phone number, a shop's
    // name in Latin letters) sits inside the Unicode isolation marks
    // FSI…PDI, so it keeps its own direction and never reorders the
    // sentence around it. Left to right the marks would change nothing a
    // reader sees, but would leak into copied text.
    b.set_use_isolating(locale.is_rtl());
    b.add_resource(resource).expect("no duplicate messages");
    b
}

fn bundle(locale: Locale) -> &'static Bundle {
    static BUNDLES: OnceLock<Vec<(Locale, Bundle)>> = OnceLock::new();
    let all = BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(locale, src)| (*locale, new_bundle(*locale, src)))
            .collect()
    });
    &all.iter().find(|(l, _)| *l == locale).unwrap_or(&all[0]).1
}

/// Translates a message without variables.
pub fn t(locale: Locale, id: &str) -> String {
    ta(locale, id, &[])
}

/// Translates a message with string variables.
pub fn ta(locale: Locale, id: &str, args: &[(&str, &str)]) -> String {
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        fargs.set(*k, FluentValue::from(*v));
    }
    format(locale, id, &fargs)
}

/// Translates a message with one number, so Fluent's plural rules for the
/// language pick the form (`1 minute`, `2 minutes`).
pub fn tn(locale: Locale, id: &str, name: &str, n: i64) -> String {
    let mut args = FluentArgs::new();
    args.set(name, FluentValue::from(n));
    format(locale, id, &args)
}

/// Translates with Fluent arguments (numbers for plurals and the like).
pub fn format(locale: Locale, id: &str, args: &FluentArgs) -> String {
    let b = bundle(locale);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        debug_assert!(false, "missing message {id}");
        return id.to_owned();
    };
    let mut errors = vec![];
    let out = b.format_pattern(pattern, Some(args), &mut errors);
    debug_assert!(errors.is_empty(), "{id}: {errors:?}");
    out.into_owned()
}

/// `22 November 2026, 21:40 UTC` in the buyer's language.
pub fn date_time(locale: Locale, unix: i64) -> String {
    let (year, month, day, hour, minute) = civil_from_unix(unix);
    let time = format!("{hour:02}:{minute:02} {}", t(locale, "utc"));
    ta(
        locale,
        "date-time",
        &[
            ("day", &day.to_string()),
            ("month", &t(locale, &format!("month-{month}"))),
            ("year", &year.to_string()),
            ("time", &time),
        ],
    )
}

/// Unix seconds to (year, month, day, hour, minute) in UTC, after Howard
/// Hinnant's `civil_from_days`.
pub fn civil_from_unix(unix: i64) -> (i64, u32, u32, u32, u32) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Message id -> the variables it uses.
    fn messages(src: &str) -> BTreeMap<String, BTreeSet<String>> {
        let res = fluent_syntax::parser::parse(src).expect("parses");
        let mut out = BTreeMap::new();
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                out.insert(m.id.name.to_owned(), vars);
            }
        }
        out
    }

    fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expr_vars(expression, vars);
            }
        }
    }

    fn expr_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(i) => inline_vars(i, vars),
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => expr_vars(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn every_locale_has_exactly_the_english_messages_and_variables() {
        let reference = messages(SOURCES[0].1);
        assert!(reference.len() > 20);
        for (locale, src) in &SOURCES[1..] {
            let other = messages(src);
            let missing: Vec<_> = reference
                .keys()
                .filter(|k| !other.contains_key(*k))
                .collect();
            let extra: Vec<_> = other
                .keys()
                .filter(|k| !reference.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{locale:?} has keys English lacks: {extra:?}"
            );
            for (id, vars) in &reference {
                assert_eq!(&other[id], vars, "{locale:?} `{id}` uses other variables");
            }
        }
    }

    #[test]
    fn translates_with_variables_and_selectors() {
        let pay = |l, submit| {
            ta(
                l,
                "pay-button",
                &[("submit", submit), ("amount", "MZN 25.00")],
            )
        };
        assert_eq!(pay(Locale::En, "pay"), "Pay MZN 25.00");
        assert_eq!(pay(Locale::En, "donate"), "Donate MZN 25.00");
        assert_eq!(pay(Locale::Pt, "pay"), "Pagar MZN 25.00");
        assert_eq!(pay(Locale::Pt, "book"), "Reservar e pagar MZN 25.00");
        assert_eq!(t(Locale::Pt, "pending-title"), "Verifique o seu telemóvel");
    }

    #[test]
    fn dates() {
        // 2026-11-22T21:40:00Z
        assert_eq!(civil_from_unix(1_795_383_600), (2026, 11, 22, 21, 40));
        assert_eq!(civil_from_unix(0), (1970, 1, 1, 0, 0));
        assert_eq!(civil_from_unix(951_782_400), (2000, 2, 29, 0, 0));
        assert_eq!(
            date_time(Locale::En, 1_795_383_600),
            "22 November 2026, 21:40 UTC"
        );
        assert_eq!(
            date_time(Locale::Pt, 1_795_383_600),
            "22 de novembro de 2026, 21:40 UTC"
        );
        assert_eq!(
            date_time(Locale::Fr, 1_795_383_600),
            "22 novembre 2026 à 21:40 UTC"
        );
        assert_eq!(
            date_time(Locale::Sw, 1_795_383_600),
            "22 Novemba 2026, 21:40 UTC"
        );
        for (l, expected) in [
            (Locale::Af, "22 November 2026, 21:40 UTC"),
            (Locale::Am, "ኖቬምበር 22 ቀን 2026, 21:40 UTC"),
            (Locale::Ha, "22 Nuwamba, 2026, 21:40 UTC"),
            (Locale::Lg, "22 Novemba 2026, 21:40 UTC"),
            (Locale::Rw, "22 Ugushyingo 2026, 21:40 UTC"),
            (Locale::Sn, "22 Mbudzi 2026, 21:40 UTC"),
            (Locale::Zu, "22 Novemba 2026, 21:40 UTC"),
            (Locale::Ln, "22 sánzá ya zómi na mɔ̌kɔ́ 2026, 21:40 UTC"),
            (Locale::Mg, "22 Novambra 2026, 21:40 UTC"),
            (Locale::Ny, "22 Novembala 2026, 21:40 UTC"),
            (Locale::So, "22 Nofembar 2026, 21:40 UTC"),
            (Locale::Xh, "22 Novemba 2026, 21:40 UTC"),
            (Locale::Yo, "22 Bélú 2026, 21:40 UTC"),
        ] {
            assert_eq!(date_time(l, 1_795_383_600), expected, "{l:?}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let m = |l, n| tn(l, "expires-in-minutes", "minutes", n);
        assert_eq!(m(Locale::En, 1), "This checkout expires in 1 minute.");
        assert_eq!(m(Locale::En, 5), "This checkout expires in 5 minutes.");
        assert_eq!(
            m(Locale::Pt, 1),
            "Este pagamento expira dentro de 1 minuto."
        );
        assert_eq!(
            m(Locale::Pt, 2),
            "Este pagamento expira dentro de 2 minutos."
        );
        assert_eq!(m(Locale::Fr, 1), "Ce paiement expire dans 1 minute.");
        assert_eq!(m(Locale::Fr, 30), "Ce paiement expire dans 30 minutes.");
        assert_eq!(
            m(Locale::Sw, 1),
            "Muda wa malipo haya unaisha baada ya dakika 1."
        );
        // CLDR's `one` covers 0 in Amharic and Zulu ("i = 0 or n = 1").
        assert_eq!(
            m(Locale::Zu, 0),
            "Leli khasi liphelelwa yisikhathi emzuzwini o-0."
        );
        assert_eq!(
            m(Locale::Zu, 7),
            "Leli khasi liphelelwa yisikhathi emizuzwini engu-7."
        );
        assert_eq!(m(Locale::Af, 1), "Hierdie betaalblad verval oor 1 minuut.");
        assert_eq!(m(Locale::Af, 2), "Hierdie betaalblad verval oor 2 minute.");
        // Xhosa's one and other differ; Yoruba has no plural forms at all.
        assert_eq!(
            m(Locale::Xh, 1),
            "Eli phepha liphelelwa lixesha kumzuzu o-1."
        );
        assert_eq!(
            m(Locale::Xh, 5),
            "Eli phepha liphelelwa lixesha kwimizuzu eli-5."
        );
        assert_eq!(m(Locale::Yo, 1), "Ojú-ìwé yìí yóò parí ní ìṣẹ́jú 1.");
        assert_eq!(m(Locale::Yo, 9), "Ojú-ìwé yìí yóò parí ní ìṣẹ́jú 9.");
        // Every language has a text for every count, none falls back to the id.
        for l in Locale::ALL {
            for n in [0, 1, 2, 3, 11, 59, 100] {
                assert!(m(l, n).contains(&n.to_string()) || n <= 2, "{l:?} {n}");
            }
        }
        let h = |l, n| tn(l, "expires-in-hours", "hours", n);
        assert_eq!(h(Locale::Ha, 2), "Wannan shafin zai ƙare cikin awanni 2.");
        assert_eq!(h(Locale::En, 1), "This checkout expires in 1 hour.");
        assert_eq!(h(Locale::Fr, 23), "Ce paiement expire dans 23 heures.");
    }

    #[test]
    fn arabic_isolates_every_variable_and_counts_as_cldr_says() {
        // FSI … PDI around each variable, so an amount or a phone number
        // keeps its own direction inside the right-to-left sentence.
        let (fsi, pdi) = ('\u{2068}', '\u{2069}');
        assert_eq!(
            ta(Locale::Ar, "receipt-body", &[("merchant", "Demo Store")]),
            format!("استلم {fsi}Demo Store{pdi} دفعتك.")
        );
        assert_eq!(
            date_time(Locale::Ar, 1_795_383_600),
            format!("{fsi}22{pdi} {fsi}نوفمبر{pdi} {fsi}2026{pdi}، {fsi}21:40 UTC{pdi}")
        );
        // Digits written in the message itself are isolated by hand (LRI …
        // PDI): a phone number's groups must not swap places.
        assert!(
            t(Locale::Ar, "error-phone_invalid_characters")
                .contains("\u{2066}10 1234 5678\u{2069}")
        );
        // Left to right, no marks at all.
        assert!(!ta(Locale::En, "receipt-body", &[("merchant", "Demo Store")]).contains(fsi));
        // zero, one, two, few (3-10), many (11-99), other (100-102).
        let m = |n| tn(Locale::Ar, "expires-in-minutes", "minutes", n);
        assert_eq!(m(0), "تنتهي صلاحية صفحة الدفع هذه الآن.");
        assert_eq!(m(1), "تنتهي صلاحية صفحة الدفع هذه خلال دقيقة واحدة.");
        assert_eq!(m(2), "تنتهي صلاحية صفحة الدفع هذه خلال دقيقتين.");
        assert_eq!(
            m(5),
            format!("تنتهي صلاحية صفحة الدفع هذه خلال {fsi}5{pdi} دقائق.")
        );
        assert_eq!(
            m(11),
            format!("تنتهي صلاحية صفحة الدفع هذه خلال {fsi}11{pdi} دقيقة.")
        );
        assert_eq!(
            m(100),
            format!("تنتهي صلاحية صفحة الدفع هذه خلال {fsi}100{pdi} دقيقة.")
        );
    }

    #[test]
    fn every_language_is_bundled_once() {
        let langs: Vec<_> = SOURCES.iter().map(|(l, _)| *l).collect();
        assert_eq!(langs, Locale::ALL.to_vec());
        for l in Locale::ALL {
            // A key only English has would come back as its id.
            assert_ne!(t(l, "pay-with"), "pay-with");
        }
    }
}
