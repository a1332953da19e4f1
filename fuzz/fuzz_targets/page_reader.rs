//! The page reader and the merge step on arbitrary bytes: never a panic, a hang or a stack
//! overflow, and the merged schema holds the invariants the emitter relies on:
//!
//! - every diagnostic names the page and a line of it (0 for the page as a whole), with a
//!   message that is not empty and carries no control or bidi character of the page (B4);
//! - every type and field source is a line of the page (or a built-in), every operation's the page;
//! - type names are unique, field names unique within a type, enum member names unique within
//!   an enum (B8, B9);
//! - every user type a field or base names is defined, or a warning says it is not;
//! - operations are unique by name and sorted;
//! - reading and merging the same bytes twice gives the same schema (no hash-order output),
//!   checked for one input in four;
//! - every line of a line rendering is read into a fact, recognised as furniture, or named in
//!   a diagnostic (`read::account_lines`, issue 24).
#![no_main]

use std::collections::BTreeSet;

use booster_codegen::merge::{BUILT_IN_TYPES, merge};
use booster_codegen::read::{LineAccount, read_page, read_page_lines};
use booster_codegen::read::text::is_hidden;
use booster_codegen::schema::{Api, Location};
use booster_codegen::settings::Settings;
use libfuzzer_sys::fuzz_target;

const FILE: &str = "fuzz.txt";
/// Where the merge step says a built-in type came from.
const BUILT_IN: &str = "ServiceStack built-in";

fn read_and_merge(bytes: &[u8]) -> Api {
    merge(vec![read_page(FILE, bytes)], &Settings::default())
}

/// Reads the page once, checks that every line of a line rendering is accounted for (issue 24),
/// and merges.
fn read_account_and_merge(bytes: &[u8]) -> Api {
    let (facts, diags, lines) = read_page_lines(FILE, bytes);
    for (i, (account, text)) in lines.iter().flatten().enumerate() {
        assert!(
            *account != LineAccount::Unaccounted,
            "line {} was neither read, recognised as furniture, nor said: {:?}",
            i + 1,
            text.chars().take(120).collect::<String>()
        );
    }
    merge(vec![(facts, diags)], &Settings::default())
}

fn check_place(place: &Location, lines: usize, what: &str) {
    if place.file == BUILT_IN {
        return;
    }
    assert_eq!(place.file, FILE, "{what}: source {place} names another file");
    assert!(place.line <= lines, "{what}: source {place} is past the page's {lines} lines");
}

/// A message as a diagnostic shows it: hidden characters escaped, at most 600 characters of the
/// original kept.
fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 600 {
            out.push('…');
            break;
        }
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fuzz_target!(|bytes: &[u8]| {
    let api = read_account_and_merge(bytes);
    let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
    let hidden = |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    for d in &api.diagnostics {
        assert!(d.file == FILE, "diagnostic names another file: {d}");
        assert!(d.line <= lines, "diagnostic points past the page's {lines} lines: {d}");
        assert!(!d.message.trim().is_empty(), "empty message at line {}", d.line);
        assert!(!d.message.contains(hidden), "a control or bidi character in {:?}", d.message);
    }

    let mut names = BTreeSet::new();
    for t in &api.types {
        assert!(names.insert(t.name.as_str()), "two types named {:?}", t.name);
        assert!(!t.sources.is_empty(), "type {:?} has no source", t.name);
        for s in &t.sources {
            check_place(s, lines, &t.name);
        }
        let mut fields = BTreeSet::new();
        for f in &t.fields {
            assert!(fields.insert(f.name.as_str()), "type {:?} has two fields named {:?}", t.name, f.name);
            check_place(&f.source, lines, &format!("{}.{}", t.name, f.name));
        }
        let mut members = BTreeSet::new();
        for m in &t.members {
            assert!(members.insert(m.name.as_str()), "enum {:?} has two members named {:?}", t.name, m.name);
        }
    }

    // The reference check: a name is known when a type has it, a generic type has it as its bare
    // name (`QueryResponse` of `QueryResponse<Item>`), or the emitter defines it.
    let generic: BTreeSet<&str> = api.types.iter().filter_map(|t| t.name.split_once('<').map(|(b, _)| b)).collect();
    let known = |n: &str| names.contains(n) || generic.contains(n) || BUILT_IN_TYPES.contains(&n);
    // The warning, as diagnostics show page text: escaped and cut at 600 characters.
    let said = |place: &Location, text: String| {
        let message = shown(&text);
        api.diagnostics.iter().any(|d| d.line == place.line && d.message == message)
    };
    for t in &api.types {
        for f in &t.fields {
            for user in f.ty.user_types().into_iter().filter(|u| !known(u)) {
                let text = format!(
                    "`{}.{}` has type `{user}`, which no page defines; it is read as an untyped JSON value",
                    t.name, f.name
                );
                assert!(said(&f.source, text.clone()), "nothing at {} says {text}", f.source);
            }
        }
        let first = t.sources.first().cloned().unwrap_or_default();
        for user in t.base_type.iter().flat_map(|b| b.user_types()).filter(|u| !known(u)) {
            let text = format!("`{}` derives from `{user}`, which no page defines; its fields are missing", t.name);
            assert!(said(&first, text.clone()), "nothing at {first} says {text}");
        }
    }
    // Operations are unique by name and sorted. (An operation's request type may be undefined:
    // a page whose request table was lost; the emitter then names the operation without a type.)
    for pair in api.operations.windows(2) {
        assert!(pair[0].name < pair[1].name, "operations {:?} and {:?} out of order", pair[0].name, pair[1].name);
    }
    for op in &api.operations {
        assert!(op.sources.iter().all(|s| s == FILE), "operation {:?} read from {:?}", op.name, op.sources);
    }

    // Reading again doubles an input's cost, so one input in four (by length) is read twice:
    // some 2.5 million repeats in a run of 10^7, each with other hash map keys (std's
    // `RandomState` draws keys once per thread and moves them on for every map made).
    if bytes.len() % 4 == 0 {
        let again = read_and_merge(bytes);
        assert_eq!(format!("{api:?}"), format!("{again:?}"), "reading the same page twice gave two schemas");
    }
});
