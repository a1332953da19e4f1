//! Issue 6: no code injection. Pages whose type, field, member and operation names and whose
//! descriptions, routes and service name hold Rust keywords, `r#`, `*/`, `"]`, `#[`, backticks, code
//! fences, `\n`, `\u{202e}`, names that collide once they are identifiers, names that start with a
//! digit and empty names (`tests/data/broken/inject-*`) give crates that
//!
//! - carry page text only inside string literals and doc attributes: every identifier of the
//!   generated code is one the emitter always writes, or a name of the schema passed through
//!   `emit::names` (checked token by token, no build needed);
//! - build under `cargo clippy --all-targets -- -D warnings` (with and without the `client` feature)
//!   and `cargo doc --features client` with `-D warnings`;
//! - run no doctest but the emitter's own examples (`cargo test --doc`: the Quick start and one
//!   example per request type): page text never becomes code in a doc comment;
//! - report every name collision with a diagnostic.
//!
//! A few corpus cases with odd schemas (cycles, self-inheritance, duplicate enum members) are
//! built alongside.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use booster_codegen::diag::Diagnostic;
use booster_codegen::emit::{EmitOptions, GeneratedFile, emit_crate, names};
use booster_codegen::schema::Api;
use booster_codegen::settings::Settings;
use booster_codegen::write::write_crate;
use proc_macro2::{TokenStream, TokenTree};

/// The hostile page sets, each generated into its own crate.
const CASES: &[&str] = &["inject-keywords", "inject-collisions", "inject-prelude-names", "inject-operation-names"];

/// Corpus cases whose schema is odd in ways the emitter must also survive; built with the others.
const ODD_SCHEMAS: &[&str] =
    &["cyclic-references.txt", "inherits-itself.txt", "inheritance-cycle.txt", "enum-duplicate-members.txt"];

fn crate_name(case: &str) -> String {
    format!("{}-dtos", case.trim_end_matches(".txt").trim_end_matches(".html"))
}

fn pages_of(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("page directory").map(|e| e.expect("entry").path()).collect();
    pages.sort();
    pages
}

/// Reads, merges and emits the pages of `case`; returns the schema, the files and the emitter's
/// diagnostics.
fn generate(case: &str) -> (Api, Vec<GeneratedFile>, Vec<Diagnostic>) {
    let path = booster_tests::root().join("tests/data/broken").join(case);
    let pages = if path.is_dir() { pages_of(&path) } else { vec![path] };
    let api = booster_tests::ir_with(&pages, &Settings::default());
    // The pages' samples too: a hostile sample must not escape its doc example.
    let samples = booster_codegen::samples::samples_of(&booster_tests::facts(&pages));
    let options = EmitOptions { crate_name: crate_name(case), standalone: false, samples: &samples };
    let (files, diags) = emit_crate(&api, &options);
    (api, files, diags.items)
}

/// The identifiers the emitter writes whatever the pages say: all those of the crates generated
/// from benign pages (the Booster seeds and each real page of other APIs). It also holds those
/// pages' names, which is harmless: they are not the hostile pages' text.
fn vocabulary() -> BTreeSet<String> {
    let root = booster_tests::root();
    let mut apis = vec![booster_tests::ir(&["specs/booster"])];
    for page in
        pages_of(&root.join("tests/data/real-pages")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        apis.push(booster_tests::ir_with(&[page], &Settings::default()));
    }
    let mut idents = BTreeSet::new();
    for api in &apis {
        let (files, _) = emit_crate(api, &EmitOptions { crate_name: "benign-dtos".into(), ..Default::default() });
        for f in files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Ok(tokens) = f.contents.parse::<TokenStream>() {
                collect(&tokens, &mut |t| {
                    if let TokenTree::Ident(i) = t {
                        idents.insert(unraw(&i.to_string()));
                    }
                });
            }
        }
    }
    idents
}

fn unraw(ident: &str) -> String {
    ident.strip_prefix("r#").unwrap_or(ident).to_string()
}

/// Every Rust name `emit::names` can make of a name of `api`.
fn derived(api: &Api) -> BTreeSet<String> {
    let mut page_names: Vec<&str> = Vec::new();
    for t in &api.types {
        page_names.push(&t.name);
        page_names.extend(t.fields.iter().map(|f| f.name.as_str()));
        page_names.extend(t.members.iter().map(|m| m.name.as_str()));
    }
    for op in &api.operations {
        page_names.extend([op.name.as_str(), op.request.as_str()]);
        page_names.extend(op.response.as_deref());
    }
    let mut out = BTreeSet::new();
    for n in page_names {
        for ident in [names::type_ident(n), names::field_ident(n), names::variant_ident(n), names::module_ident(n)] {
            out.insert(unraw(&ident));
        }
    }
    out
}

/// Calls `f` on every token, depth first.
fn collect(tokens: &TokenStream, f: &mut dyn FnMut(&TokenTree)) {
    for t in tokens.clone() {
        f(&t);
        if let TokenTree::Group(g) = &t {
            collect(&g.stream(), f);
        }
    }
}

/// `name_2`, `Name2`... are the emitter's spellings of a second `name`; `OptionDto` its renaming of
/// a DTO whose name would shadow `Option`; `NameBuilder` (or `NameBuilder2`) the builder of `Name`.
fn without_dedupe_suffix(ident: &str) -> &str {
    if let Some(base) = ident.trim_end_matches(|c: char| c.is_ascii_digit()).strip_suffix("Builder")
        && !base.is_empty()
    {
        return without_dedupe_suffix(base);
    }
    if let Some((base, n)) = ident.rsplit_once('_')
        && !base.is_empty()
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return base;
    }
    let base = ident.trim_end_matches(|c: char| c.is_ascii_digit());
    if base.len() < ident.len() && base.starts_with(|c: char| c.is_ascii_uppercase()) {
        return base;
    }
    ident.strip_suffix("Dto").filter(|b| !b.is_empty()).unwrap_or(ident)
}

fn is_hidden_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What in one generated file is page text outside a string literal or a doc attribute.
fn leaks(file: &GeneratedFile, allowed: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    if let Err(e) = syn::parse_file(&file.contents) {
        out.push(format!("{}: not valid Rust: {e}", file.path));
        return out;
    }
    let tokens: TokenStream = match file.contents.parse() {
        Ok(t) => t,
        Err(e) => return vec![format!("{}: does not lex: {e}", file.path)],
    };
    let mut flat: Vec<TokenTree> = Vec::new();
    collect(&tokens, &mut |t| flat.push(t.clone()));
    for (i, t) in flat.iter().enumerate() {
        match t {
            TokenTree::Ident(ident) => {
                let s = unraw(&ident.to_string());
                if !allowed(&s) && !allowed(without_dedupe_suffix(&s)) {
                    out.push(format!(
                        "{}: the identifier `{ident}` is neither the emitter's nor a name of the schema",
                        file.path
                    ));
                }
            }
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                let is_doc = i >= 2
                    && matches!(&flat[i - 1], TokenTree::Punct(p) if p.as_char() == '=')
                    && matches!(&flat[i - 2], TokenTree::Ident(d) if d == "doc");
                if !is_doc {
                    if let Some(c) = text.chars().find(|&c| is_hidden_char(c)) {
                        out.push(format!("{}: a literal carries {c:?} unescaped: {text}", file.path));
                    }
                    continue;
                }
                // Doc comments lex into `doc` attributes: look at the text rustdoc will show.
                let value = syn::parse_str::<syn::LitStr>(&text).map(|l| l.value()).unwrap_or_default();
                if let Some(c) = value.chars().find(|&c| is_hidden_char(c)) {
                    out.push(format!("{}: a doc comment carries {c:?} unescaped: {value}", file.path));
                }
                // The emitter's own examples put a fence alone on its line; page text never can.
                let fence = value.trim().trim_start_matches(['`', '~']);
                let whole_line = value.trim().len() > fence.len() && fence.chars().all(|c| c.is_ascii_lowercase());
                if (value.contains("```") || value.contains("~~~")) && !whole_line {
                    out.push(format!("{}: a doc comment opens a code block: {value}", file.path));
                }
            }
            TokenTree::Group(_) | TokenTree::Punct(_) => {}
        }
    }
    out
}

#[test]
fn page_text_stays_inside_string_literals_and_docs() {
    let vocabulary = vocabulary();
    let reference = {
        let api = booster_tests::ir(&["specs/booster"]);
        let (files, _) = emit_crate(&api, &EmitOptions { crate_name: "benign-dtos".into(), ..Default::default() });
        files.into_iter().map(|f| (f.path, f.contents)).collect::<BTreeMap<_, _>>()
    };
    let mut failures = Vec::new();
    for case in CASES {
        let (api, files, _) = generate(case);
        let derived = derived(&api);
        let allowed = |s: &str| vocabulary.contains(s) || derived.contains(s);
        for f in files.iter().filter(|f| f.path.ends_with(".rs")) {
            // The runtime files are copied verbatim: they must be byte for byte the benign crate's.
            if reference.get(&f.path).is_some_and(|r| r == &f.contents) {
                continue;
            }
            failures.extend(leaks(f, &allowed).into_iter().map(|l| format!("{case}: {l}")));
        }
        for f in files.iter().filter(|f| !f.path.ends_with(".rs")) {
            if let Some(c) = f.contents.chars().find(|&c| is_hidden_char(c)) {
                failures.push(format!("{case}: {} carries {c:?}", f.path));
            }
        }
    }
    assert!(failures.is_empty(), "{} leaks:\n{}", failures.len(), failures.join("\n"));
}

/// The crates of B9, B10 and B28..B32 (FUZZING.md), which failed clippy or rustdoc until those were fixed.
#[test]
fn hostile_crates_build_under_clippy_and_rustdoc_and_run_no_page_doctest() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("injection-crates");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("crate directory");
    let cases: Vec<&str> = CASES.iter().chain(ODD_SCHEMAS).copied().collect();
    let members: Vec<String> = cases.iter().map(|c| format!("\"{}\"", crate_name(c))).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .expect("workspace manifest");
    for case in &cases {
        let (_, files, _) = generate(case);
        write_crate(&dir.join(crate_name(case)), &files, false).expect("crate written");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = booster_tests::root().join("target/generated-crates");
    let run = |args: &[&str], rustdoc_flags: &str| {
        let out = Command::new(&cargo)
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTDOCFLAGS", rustdoc_flags)
            .output()
            .expect("cargo runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let mut failures = Vec::new();
    let failed_crates = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            .filter_map(|l| {
                l.strip_prefix("error: could not compile `").or_else(|| l.strip_prefix("error: could not document `"))
            })
            .filter_map(|l| l.split('`').next())
            .map(str::to_string)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    // Each failing crate with its distinct errors: `error...` lines and the crate of the `-->` after.
    let errors = |stderr: &str| -> String {
        let mut by_crate: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut headline: Option<&str> = None;
        for line in stderr.lines() {
            if line.starts_with("error") && !line.starts_with("error: could not compile") {
                headline = Some(line);
            } else if let (Some(h), Some(at)) = (headline, line.trim_start().strip_prefix("--> ")) {
                headline = None;
                let krate = at.split('/').next().unwrap_or(at).to_string();
                let list = by_crate.entry(krate).or_default();
                if !list.iter().any(|l| l == h) && list.len() < 8 {
                    list.push(h.to_string());
                }
            }
        }
        let shown: Vec<String> =
            by_crate.iter().map(|(k, list)| format!("{k}:\n      {}", list.join("\n      "))).collect();
        shown.join("\n    ")
    };

    let (ok, _, stderr) =
        run(&["clippy", "--workspace", "--all-targets", "--keep-going", "--quiet", "--", "-D", "warnings"], "");
    if !ok {
        failures.push(format!("clippy fails for {:?}:\n    {}", failed_crates(&stderr), errors(&stderr)));
    }
    // With the client too: its module and the examples' client lines, whatever the names.
    let (ok, _, stderr) = run(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--features",
            "client",
            "--keep-going",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        "",
    );
    if !ok {
        failures.push(format!(
            "clippy --features client fails for {:?}:\n    {}",
            failed_crates(&stderr),
            errors(&stderr)
        ));
    }
    let (ok, _, stderr) =
        run(&["doc", "--workspace", "--no-deps", "--features", "client", "--keep-going", "--quiet"], "-D warnings");
    if !ok {
        failures.push(format!("rustdoc -D warnings fails for {:?}:\n    {}", failed_crates(&stderr), errors(&stderr)));
    }
    for case in &cases {
        let name = crate_name(case);
        let (ok, stdout, stderr) = run(&["test", "--doc", "-p", &name], "");
        if !ok {
            failures.push(format!("{name}: cargo test --doc fails:\n    {}", errors(&format!("{stdout}\n{stderr}"))));
        }
        // The emitter's own examples are the only doctests: the crate's Quick start, and one
        // example on each operation's request type. Page text in a doc never runs.
        let (api, _, _) = generate(case);
        let requests: BTreeSet<String> = api.operations.iter().map(|op| names::type_ident(&op.request)).collect();
        let mut seen = BTreeSet::new();
        for test in stdout.lines().filter_map(|l| l.strip_prefix("test src/")) {
            let item = test.split(" - ").nth(1).and_then(|rest| rest.split(" (line").next()).unwrap_or("");
            let owner = item.rsplit("::").next().unwrap_or(item);
            let ours = if test.starts_with("lib.rs - (line") {
                seen.insert("lib.rs".to_string())
            } else {
                requests.contains(owner) && seen.insert(item.to_string())
            };
            if !ours {
                failures.push(format!("{name}: doc text ran as a doctest: {test}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn name_collisions_are_reported() {
    let (_, _, diags) = generate("inject-collisions");
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let expect = [
        // Fields of one struct.
        (None, "the fields `fooBar` and `foo_bar` have the same Rust name `foo_bar`"),
        (None, "the fields `fooBar` and `FooBar` have the same Rust name `foo_bar`"),
        // B29: two types, one Rust name.
        (Some("B29"), "`Foo-Bar` and `FooBar`"),
        // B9: two enum members, one variant.
        (Some("B9"), "`KindOfThing`"),
    ];
    let missing: Vec<String> = expect
        .iter()
        .filter(|(_, text)| !shown.iter().any(|d| d.contains(text)))
        .map(|(bug, text)| format!("{}{text}", bug.map(|b| format!("{b}: ")).unwrap_or_default()))
        .collect();
    assert!(
        missing.is_empty(),
        "no diagnostic says:\n  {}\nthe emitter said:\n  {}",
        missing.join("\n  "),
        shown.join("\n  ")
    );
}

/// The check above finds code smuggled in: an item, an attribute, text outside a literal.
#[test]
fn the_leak_check_catches_smuggled_code() {
    let (api, files, _) = generate("inject-collisions");
    let (vocabulary, derived) = (vocabulary(), derived(&api));
    let allowed = |s: &str| vocabulary.contains(s) || derived.contains(s);
    let module = files.iter().find(|f| f.path == "src/get_pair.rs").expect("the operation's module");
    assert_eq!(leaks(module, &allowed), Vec::<String>::new());
    for smuggled in [
        "fn injected() {}",
        "#[cfg(any())] pub struct Smuggled {}",
        "/// see ```rust\n/// std::process::exit(1)\n/// ```\npub struct X;",
        "const A: &str = \"\u{202e}\";",
        "/// \u{202e}\npub struct Y;",
    ] {
        let bad = GeneratedFile { path: module.path.clone(), contents: format!("{}\n{smuggled}\n", module.contents) };
        assert!(!leaks(&bad, &allowed).is_empty(), "not caught: {smuggled}");
    }
}
