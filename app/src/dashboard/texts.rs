//! The dashboard's words, from `locales/<lang>/dashboard.ftl` in the four
//! languages the dashboard speaks. Server only: none of it reaches the
//! buyer page's wasm.

use crate::domain::Locale;
use crate::i18n::{Bundle, new_bundle};
use fluent_bundle::{FluentArgs, FluentValue};
use std::sync::OnceLock;

/// English first (the reference).
pub const SOURCES: &[(Locale, &str)] = &[
    (
        Locale::En,
        include_str!("../../../locales/en/dashboard.ftl"),
    ),
    (
        Locale::Pt,
        include_str!("../../../locales/pt/dashboard.ftl"),
    ),
    (
        Locale::Fr,
        include_str!("../../../locales/fr/dashboard.ftl"),
    ),
    (
        Locale::Sw,
        include_str!("../../../locales/sw/dashboard.ftl"),
    ),
];

/// The dashboard's language for a wish: one it speaks, else English.
pub fn dashboard_locale(wish: Locale) -> Locale {
    if SOURCES.iter().any(|(l, _)| *l == wish) {
        wish
    } else {
        Locale::En
    }
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

/// A message with string variables.
pub fn ta(locale: Locale, id: &str, args: &[(&str, &str)]) -> String {
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        fargs.set(*k, FluentValue::from(*v));
    }
    let b = bundle(locale);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        debug_assert!(false, "missing dashboard message {id}");
        return id.to_owned();
    };
    let mut errors = vec![];
    let out = b.format_pattern(pattern, Some(&fargs), &mut errors);
    debug_assert!(errors.is_empty(), "{id}: {errors:?}");
    out.into_owned()
}

/// A message without variables.
pub fn t(locale: Locale, id: &str) -> String {
    ta(locale, id, &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
    use std::collections::BTreeMap;

    /// Message ids and the variables each uses.
    fn shape(src: &str) -> BTreeMap<String, Vec<String>> {
        let ast = fluent_syntax::parser::parse(src).expect("parses");
        let mut out = BTreeMap::new();
        for entry in ast.body {
            if let Entry::Message(m) = entry {
                let mut vars = Vec::new();
                for el in m.value.iter().flat_map(|p| p.elements.iter()) {
                    if let PatternElement::Placeable {
                        expression: Expression::Inline(InlineExpression::VariableReference { id }),
                    } = el
                    {
                        vars.push(id.name.to_owned());
                    }
                }
                vars.sort();
                out.insert(m.id.name.to_owned(), vars);
            }
        }
        out
    }

    #[test]
    fn every_dashboard_language_has_the_english_messages_and_variables() {
        let english = shape(SOURCES[0].1);
        assert!(english.len() > 100);
        for (l, src) in &SOURCES[1..] {
            assert_eq!(shape(src), english, "{l:?} dashboard.ftl");
        }
    }

    #[test]
    fn unspoken_languages_fall_back_to_english() {
        assert_eq!(dashboard_locale(Locale::Pt), Locale::Pt);
        assert_eq!(dashboard_locale(Locale::Am), Locale::En);
        assert_eq!(t(Locale::Pt, "signin-title"), "Iniciar sessão");
    }
}
