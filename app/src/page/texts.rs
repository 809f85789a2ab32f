//! Words for the islands. The server renders every string from the Fluent
//! bundles; an island only needs the few it may change in the browser (an
//! error as the buyer types, the countdown), so the server hands them over
//! as data with the island's model (see `island`) instead of the browser
//! carrying every language's bundle in its wasm.

use miniserde::{Deserialize, Serialize};

/// (message id, text) pairs, each variable left as `{name}` for the
/// browser to fill in. A list, not a map: a few dozen entries, and a map
/// would add its code to the wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    entries: Vec<(String, String)>,
}

impl Texts {
    /// The text of `id` with `args` filled in; empty if the server did not
    /// send it (then the island never changes that text).
    #[cfg_attr(not(any(feature = "hydrate", test)), allow(dead_code))]
    pub fn get(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some((_, template)) = self.entries.iter().find(|(key, _)| key == id) else {
            return String::new();
        };
        args.iter().fold(template.clone(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    }

    /// Makes these the words of `t` and `ta` in this island (browser).
    pub fn provide(self) {
        leptos::prelude::provide_context(self);
    }
}

#[cfg(feature = "ssr")]
impl Texts {
    /// `ids` in `locale`, each with its variables (named in the slice) left
    /// as placeholders.
    pub fn of(locale: crate::domain::Locale, ids: &[(&str, &[&str])]) -> Texts {
        let map = ids
            .iter()
            .map(|(id, vars)| {
                let holes: Vec<String> = vars.iter().map(|v| format!("{{{v}}}")).collect();
                let args: Vec<(&str, &str)> = vars
                    .iter()
                    .zip(&holes)
                    .map(|(v, h)| (*v, h.as_str()))
                    .collect();
                ((*id).to_owned(), crate::i18n::ta(locale, id, &args))
            })
            .collect();
        Texts { entries: map }
    }

    /// Every message of the English source whose id starts with `prefix`.
    pub fn ids_starting(prefix: &str) -> Vec<&'static str> {
        crate::i18n::SOURCES[0]
            .1
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim()))
            .filter(|id| id.starts_with(prefix) && !id.contains(' '))
            .collect()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::Locale;

    #[test]
    fn variables_come_back_filled_in() {
        let texts = Texts::of(Locale::Pt, &[("error-phone_missing", &["method"])]);
        assert_eq!(
            texts.get("error-phone_missing", &[("method", "M-Pesa")]),
            crate::i18n::ta(Locale::Pt, "error-phone_missing", &[("method", "M-Pesa")])
        );
        assert_eq!(texts.get("unknown", &[]), "");
    }

    #[test]
    fn finds_every_error_message() {
        let ids = Texts::ids_starting("error-");
        assert!(ids.contains(&"error-card_cvc_invalid"));
        assert!(ids.contains(&"error-phone_wrong_network"));
        assert!(ids.iter().all(|id| id.starts_with("error-")));
    }
}
