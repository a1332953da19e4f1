//! Bounded property tests over the three entry points the fuzz targets cover (see FUZZING.md):
//! the page reader with the merge step, the Data Type grammar, and the sample body readers. Inputs
//! are built from the pieces real pages are made of, so a few hundred cases reach deep into each.

use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::read::sample_body::{MAX_DEPTH as SAMPLE_DEPTH, read_body};
use booster_codegen::settings::Settings;
use booster_codegen::type_grammar::{MAX_DEPTH, Prim, TypeRef};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    // No regression files next to the sources: a failure prints its minimal input instead.
    ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() }
}

fn pieces(list: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(list), 0..max).prop_map(|p| p.concat())
}

const TYPE_PIECES: &[&str] = &[
    "List<",
    "Dictionary<",
    "Nullable<",
    "KeyValuePair<",
    "Poco<",
    ">",
    ",",
    ", ",
    "[]",
    "[",
    "]",
    "?",
    "string",
    "int",
    "Int32",
    "Guid",
    "DateTime",
    "Poco",
    "System.",
    "System.int`1",
    "<",
    ".",
    "`1",
    " ",
    "9",
];

const PAGE_LINES: &[&str] = &[
    "Broken.Api",
    "<back to all web services",
    "GetThing",
    "The following routes are available for this service:",
    "GET/thing/{id}Get a thing",
    "| GET | /thing/{id} | Get a thing | |",
    "GetThing Parameters:",
    "Item Parameters:",
    "Color Enum:",
    "NameParameterData TypeRequiredDescription",
    "Name | Parameter | Data Type | Required | Description |",
    "---|---|---|---|---|",
    "idpathintYesThe id",
    "itemsqueryList<Item>NoThe items",
    "colorqueryColorNoThe color",
    "skuformstringYesSKU",
    "id | path | int | Yes | The id |",
    "items | query | List<Item> | No | The items |",
    "Red",
    "Green",
    "Requires Authentication",
    "Required role:Admin",
    "using System;",
    "public partial class GetThing : ThingBase",
    "{",
    "}",
    "public virtual int Id { get; set; }",
    "C# GetThing DTOs",
    "HTTP + JSON",
    "GET /thing/1 HTTP/1.1 ",
    "Content-Type: application/json",
    "HTTP/1.1 200 OK",
    "{\"id\":0,\"items\":[{\"sku\":\"String\"}]}",
    "<GetThing><id>0</id></GetThing>",
    "",
    "\u{202e}\u{1b}[2J",
];

const BODY_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"a\"",
    "\"b\\\"c\"",
    "1",
    "-2.5e3",
    "true",
    "null",
    "x",
    " ",
    "\n",
    "<a>",
    "</a>",
    "<b x=\"1\"/>",
    "</b>",
    "<?xml version=\"1.0\"?>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#x41;",
    "xmlns:d2p1=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\"",
    "<d2p1:string>",
];

/// How many generic levels (`<…>`) the printed form of `ty` nests.
fn height(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Primitive { .. } | TypeRef::Named { .. } => 0,
        TypeRef::Nullable { inner } => height(inner),
        TypeRef::List { item } => 1 + height(item),
        TypeRef::Map { key, value } | TypeRef::Pair { key, value } => 1 + height(key).max(height(value)),
        TypeRef::Generic { args, .. } => 1 + args.iter().map(height).max().unwrap_or(0),
    }
}

proptest! {
    #![proptest_config(config())]

    /// Pages made of real page lines in any order: no panic, diagnostics on the page's lines.
    #[test]
    fn pages_of_real_lines(picks in proptest::collection::vec(proptest::sample::select(PAGE_LINES), 0..40)) {
        let page = picks.join("\n");
        let (facts, diags) = read_page("p.txt", page.as_bytes());
        let api = merge(vec![(facts, diags)], &Settings::default());
        let lines = page.lines().count().max(1);
        for d in &api.diagnostics {
            prop_assert!(d.file == "p.txt" && d.line <= lines, "{d}");
        }
    }

    /// The Data Type grammar: no panic; what parses prints within `MAX_DEPTH` generic levels
    /// (B1, F6), names user types with identifiers that are not primitives (B21), and prints to
    /// a spelling that parses back to it.
    #[test]
    fn data_types(text in pieces(TYPE_PIECES, 24)) {
        if let Ok(ty) = TypeRef::parse(&text) {
            for name in ty.user_types() {
                // Identifiers, or a nested class's dotted name (`Outer.Inner`, as DataContract writes it).
                let ident = name.split('.').all(|seg| {
                    seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                        && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                });
                let last = name.rsplit('.').next().unwrap_or(name);
                prop_assert!(ident && Prim::from_name(last).is_none(), "{:?} names the user type {:?}", text, name);
            }
            prop_assert!(height(&ty) <= MAX_DEPTH, "{:?} nests {} generic levels deep", text, height(&ty));
            let printed = ty.to_string();
            prop_assert_eq!(TypeRef::parse(&printed), Ok(ty), "{:?} printed as {:?}", text, printed);
        }
    }

    /// The sample readers: no panic; problems and the body on the text's lines; bounded depth.
    #[test]
    fn sample_bodies(text in pieces(BODY_PIECES, 60)) {
        let read = read_body(&text, 1);
        let lines = text.matches('\n').count() + 1;
        for (line, message) in &read.problems {
            prop_assert!(*line >= 1 && *line <= lines, "line {} of {}: {}", line, lines, message);
        }
        if let Some(body) = &read.body {
            prop_assert!(body.line >= 1 && body.line <= lines);
            let mut stack = vec![(&body.value, 1usize)];
            while let Some((value, d)) = stack.pop() {
                prop_assert!(d <= SAMPLE_DEPTH + 1, "nests {} deep", d);
                match value {
                    booster_codegen::facts::SampleValue::Array(items) => stack.extend(items.iter().map(|v| (v, d + 1))),
                    booster_codegen::facts::SampleValue::Object(o) => stack.extend(o.entries.iter().map(|(_, v)| (v, d + 1))),
                    _ => {}
                }
            }
        }
    }
}
