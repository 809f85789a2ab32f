//! The shape the code keeps (ARCHITECTURE.md): imports go one way, from the
//! doors down to the use cases and what they stand on, with no circle
//! between the server's modules; and no function runs past 80 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The longest a function may be, signature to closing brace.
const MAX_LINES: usize = 80;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let text = quote_attr(a);
        text == "test" || text.starts_with("tokio :: test") || text.contains("cfg (test)")
    })
}

fn quote_attr(a: &syn::Attribute) -> String {
    let path = a
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join(" :: ");
    match &a.meta {
        syn::Meta::List(l) => format!("{path} ({})", l.tokens),
        _ => path,
    }
}

/// Functions longer than [`MAX_LINES`], outside tests.
struct LongFunctions {
    file: String,
    found: Vec<String>,
}

impl LongFunctions {
    fn check(
        &mut self,
        name: &syn::Ident,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        end: usize,
    ) {
        if is_test(attrs) {
            return;
        }
        let start = sig.fn_token.span.start().line;
        let lines = end + 1 - start;
        if lines > MAX_LINES {
            self.found
                .push(format!("{}:{start} {name} ({lines} lines)", self.file));
        }
    }
}

impl<'ast> Visit<'ast> for LongFunctions {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let end = f.block.brace_token.span.close().end().line;
        self.check(&f.sig.ident, &f.attrs, &f.sig, end);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let end = f.block.brace_token.span.close().end().line;
        self.check(&f.sig.ident, &f.attrs, &f.sig, end);
        syn::visit::visit_impl_item_fn(self, f);
    }
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let mut long = Vec::new();
    for dir in ["app/src", "server/src", "frontend/src"] {
        for file in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let mut v = LongFunctions {
                file: file.strip_prefix(root()).unwrap().display().to_string(),
                found: Vec::new(),
            };
            v.visit_file(&ast);
            long.extend(v.found);
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

/// The server's top-level module a file belongs to (`api`, `store`...).
fn module_of(file: &Path, src: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// Which top-level modules each module names (`crate::x`).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("server/src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let from = module_of(&file, &src);
        let text = std::fs::read_to_string(&file).unwrap();
        let uses = graph.entry(from.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != from && name.chars().next().unwrap().is_lowercase() {
                uses.insert(name);
            }
        }
    }
    graph
}

/// The doors: what turns requests, commands and start-up into use cases.
const DOORS: &[&str] = &[
    "http",
    "api",
    "web",
    "cli",
    "bootstrap",
    "demo_shop",
    "embed",
    "main",
    "lib",
];

#[test]
fn only_doors_import_doors() {
    let mut wrong = Vec::new();
    for (module, uses) in imports() {
        if DOORS.contains(&module.as_str()) {
            continue;
        }
        for door in uses.iter().filter(|u| DOORS.contains(&u.as_str())) {
            wrong.push(format!("{module} imports {door}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "below the doors, nothing may import a door:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_server_modules_import_without_a_circle() {
    let graph = imports();
    // Depth-first search for a back edge, ignoring `lib` (the root that
    // names every module) and `main`.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut circle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if next == "lib" || next == "main" {
                continue;
            }
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys().filter(|n| *n != "lib" && *n != "main") {
        if let Some(circle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import circle: {}", circle.join(" -> "));
        }
    }
}
