//! Builds the page's stylesheet at compile time (server build only).
//!
//! Utility classes written in `class="..."` attributes under `src/` are
//! compiled with tailwind-rs (crate `tailwind-css`); everything tailwind-rs
//! lacks or gets wrong is plain CSS in `../style/*.css`. The result is one
//! small stylesheet, inlined into every page so it paints in the first round
//! trip. A utility that neither source defines correctly fails the build.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// Plain CSS, in cascade order: reset and tokens first, utilities in the
/// middle, components last so they can refine utilities.
const BASE: &str = "../style/base.css";
const COMPONENTS: &str = "../style/components.css";
/// The merchant dashboard's own stylesheet (plain CSS, on dashboard pages only).
const DASHBOARD: &str = "../style/dashboard.css";

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../style");
    println!("cargo:rerun-if-changed=build.rs");
    if env::var_os("CARGO_FEATURE_SSR").is_none() {
        return;
    }
    let base = fs::read_to_string(BASE).expect("read style/base.css");
    let components = fs::read_to_string(COMPONENTS).expect("read style/components.css");
    let plain_classes: BTreeSet<String> = class_selectors(&base)
        .chain(class_selectors(&components))
        .collect();

    let mut used = BTreeSet::new();
    // The dashboard has its own stylesheet (below): its classes stay out of
    // the buyer page's.
    for file in rust_files(Path::new("src"))
        .into_iter()
        .filter(|f| !f.starts_with("src/dashboard"))
    {
        let text = fs::read_to_string(&file).expect("read source");
        used.extend(classes_in(&text));
    }

    let mut tw = tailwind_css::TailwindBuilder::default();
    let mut plain_rules = String::new();
    let mut media_rules: Vec<(u32, String)> = Vec::new();
    let mut problems = Vec::new();
    for class in &used {
        if plain_classes.contains(class) {
            continue;
        }
        let (variants, utility) = split_variants(class);
        let declarations = match tw.inline(utility) {
            Ok((_, css)) => css,
            Err(e) => {
                problems.push(format!("`{class}`: tailwind-rs does not know it ({e})"));
                continue;
            }
        };
        if let Err(why) = check_declarations(utility, &declarations) {
            problems.push(format!(
                "`{class}`: tailwind-rs output `{declarations}` is wrong: {why}"
            ));
            continue;
        }
        let mut selector = format!(".{}", escape(class));
        let mut min_width = None;
        for v in variants {
            match v {
                "hover" | "focus" | "focus-visible" | "active" | "disabled" | "checked" => {
                    selector.push(':');
                    selector.push_str(v);
                }
                "sm" => min_width = Some(640),
                "md" => min_width = Some(768),
                "lg" => min_width = Some(1024),
                other => problems.push(format!("`{class}`: unknown variant `{other}`")),
            }
        }
        let rule = format!("{selector}{{{declarations}}}");
        match min_width {
            Some(w) => media_rules.push((w, rule)),
            None => plain_rules.push_str(&rule),
        }
    }
    if !problems.is_empty() {
        panic!(
            "\n\nstyle: these classes have no correct definition; write them in style/*.css:\n  {}\n",
            problems.join("\n  ")
        );
    }
    media_rules.sort();
    let mut utilities = plain_rules;
    for (w, rule) in media_rules {
        let _ = write!(utilities, "@media (min-width:{w}px){{{rule}}}");
    }

    let css = minify(&format!("{base}\n{utilities}\n{components}"));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("lipa.css");
    fs::write(out, css).expect("write lipa.css");

    let dashboard = fs::read_to_string(DASHBOARD).expect("read style/dashboard.css");
    let css = minify(&format!("{base}\n{dashboard}"));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("dashboard.css");
    fs::write(out, css).expect("write dashboard.css");
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read src dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Tokens of every `class="..."` literal and every `class:name=` toggle.
fn classes_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("class") {
        rest = &rest[i + 5..];
        if let Some(lit) = rest.strip_prefix("=\"") {
            if let Some(end) = lit.find('"') {
                out.extend(lit[..end].split_whitespace().map(str::to_owned));
            }
        } else if let Some(toggle) = rest.strip_prefix(':') {
            let name: String = toggle
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !name.is_empty() && toggle[name.len()..].starts_with('=') {
                out.push(name);
            }
        }
    }
    out
}

/// Class names a stylesheet defines (`.name` in a selector).
fn class_selectors(css: &str) -> impl Iterator<Item = String> + '_ {
    let mut names = Vec::new();
    let mut in_block = 0usize;
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => in_block += 1,
            b'}' => in_block = in_block.saturating_sub(1),
            b'.' if !css[..i].ends_with(|c: char| c.is_ascii_digit()) => {
                // Inside a declaration block only nested rules have selectors;
                // `0.5rem` is skipped by the digit check above.
                let name: String = css[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
                    names.push(name);
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = css[i..].find("*/").map_or(bytes.len(), |e| i + e + 2);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let _ = in_block;
    names.into_iter()
}

fn split_variants(class: &str) -> (Vec<&str>, &str) {
    let mut parts: Vec<&str> = class.split(':').collect();
    let utility = parts.pop().unwrap_or(class);
    (parts, utility)
}

/// tailwind-rs 0.13 sometimes emits invalid or surprising CSS (`w:100%`,
/// `border-radius:Unit(..)`, `line-height:1.25%`, `py-3` as all-side padding).
/// Accept its output only when it is plausibly what Tailwind means.
fn check_declarations(utility: &str, css: &str) -> Result<(), String> {
    const PROPERTIES: &[&str] = &[
        "align-items",
        "background-color",
        "border-color",
        "box-shadow",
        "color",
        "cursor",
        "display",
        "flex",
        "flex-direction",
        "flex-shrink",
        "flex-wrap",
        "font-size",
        "font-variant-numeric",
        "font-weight",
        "gap",
        "grid-template-columns",
        "justify-content",
        "letter-spacing",
        "line-height",
        "list-style-type",
        "margin",
        "margin-bottom",
        "margin-left",
        "margin-right",
        "margin-top",
        "overflow",
        "overflow-wrap",
        "padding",
        "padding-bottom",
        "padding-left",
        "padding-right",
        "padding-top",
        "position",
        "text-align",
        "text-decoration-line",
        "text-overflow",
        "text-transform",
        "user-select",
        "white-space",
        "border-width",
        "clip",
        "height",
        "width",
    ];
    let decls: Vec<(&str, &str)> = css
        .split(';')
        .filter(|d| !d.trim().is_empty())
        .filter_map(|d| d.split_once(':'))
        .map(|(p, v)| (p.trim(), v.trim()))
        .collect();
    if decls.is_empty() {
        return Err("no declarations".into());
    }
    for (prop, value) in &decls {
        if !PROPERTIES.contains(prop) {
            return Err(format!("`{prop}` is not a property we expect"));
        }
        if value.contains("Unit(") || value.contains("[]") || value.contains("theme(") {
            return Err(format!("value `{value}` is not CSS"));
        }
        match *prop {
            "display"
                if ![
                    "flex",
                    "grid",
                    "block",
                    "inline",
                    "inline-flex",
                    "inline-block",
                    "none",
                ]
                .contains(value) =>
            {
                return Err(format!("display `{value}`"));
            }
            "justify-content" if value.contains("between") || value.contains("around") => {
                return Err(format!("justify-content `{value}`"));
            }
            "line-height"
                if value.ends_with('%')
                    && value
                        .trim_end_matches('%')
                        .parse::<f32>()
                        .is_ok_and(|v| v < 100.0) =>
            {
                return Err(format!("line-height `{value}`"));
            }
            _ => {}
        }
    }
    let axis = ["px-", "py-", "mx-", "my-"];
    if axis.iter().any(|a| utility.starts_with(a)) && decls.len() != 2 {
        return Err("an axis utility must set both sides".into());
    }
    Ok(())
}

fn escape(class: &str) -> String {
    let mut out = String::with_capacity(class.len());
    for c in class.chars() {
        if matches!(c, ':' | '.' | '[' | ']' | '/' | '%' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Drops comments and needless white space; never touches `:` so selectors
/// like `.a :focus` keep their meaning.
fn minify(css: &str) -> String {
    let mut no_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        no_comments.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |e| &rest[start + 2 + e + 2..]);
    }
    no_comments.push_str(rest);
    let collapsed = no_comments.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    let chars: Vec<char> = collapsed.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let tight = |x: Option<char>| matches!(x, Some('{' | '}' | ';' | ',' | '>'));
            // After a colon a space never matters (`a: b`, `(min-width: 1px)`);
            // before one it does (`.a :hover`), so that one stays.
            if tight(prev) || tight(next) || prev == Some(':') {
                continue;
            }
        }
        out.push(c);
    }
    out.replace(";}", "}")
}
