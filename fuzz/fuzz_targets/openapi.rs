//! The OpenAPI export of whatever the reader and merge step make of arbitrary bytes (the page's
//! JSON samples as examples, as `booster-codegen openapi` exports them). Never a panic, and:
//!
//! - the export parses as JSON, its first key is the `@generated` marker and it says `3.1.0`;
//! - the text holds no raw control character (page text only inside JSON strings);
//! - every `$ref` points at something the document defines, every component name is valid
//!   (`^[a-zA-Z0-9._-]+$`), and every type of the schema has its own component;
//! - operation ids are unique;
//! - every path starts with `/`, its braces are `{name}` variables only, and each operation
//!   object's path parameters are exactly those variables (what openapi-spec-validator checks);
//! - every operation of the schema is in `paths` (its own operation object, named by another's
//!   `x-booster-shared-with`, or among `x-booster-unmapped-verbs`);
//! - the same schema exported twice gives the same bytes, and (one input in four, by length,
//!   as `page_reader` does) the same bytes read, merged and exported again too.
#![no_main]

use std::collections::BTreeSet;

use booster_codegen::merge::merge;
use booster_codegen::openapi::{MARKER, component_names, export};
use booster_codegen::read::read_page;
use booster_codegen::samples::samples_of;
use booster_codegen::settings::Settings;
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde_json::Value;

const FILE: &str = "fuzz.txt";
const SCHEMAS: &str = "#/components/schemas/";

fn export_text(bytes: &[u8]) -> (booster_codegen::schema::Api, String) {
    let (facts, diagnostics) = read_page(FILE, bytes);
    let samples = samples_of([&facts]);
    let api = merge(vec![(facts, diagnostics)], &Settings::default());
    let text = export(&api, &samples).to_pretty();
    assert_eq!(text, export(&api, &samples).to_pretty(), "the same schema exported twice gave two texts");
    (api, text)
}

/// Every `$ref` outside example values (`value`) and with property names skipped.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r),
                    ("value", _) => {}
                    ("properties", Value::Object(props)) => props.values().for_each(|p| refs(p, out)),
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// The `{…}` variables of a path; panics on a brace that is not part of one.
fn path_vars(path: &str) -> BTreeSet<&str> {
    let mut vars = BTreeSet::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        assert_eq!(&rest[open..open + 1], "{", "a `}}` opens nothing in path {path:?}");
        let after = &rest[open + 1..];
        let close = after.find(['{', '}']).unwrap_or_else(|| panic!("an unclosed `{{` in path {path:?}"));
        assert_eq!(&after[close..close + 1], "}", "a `{{` inside a variable in path {path:?}");
        let name = &after[..close];
        assert!(!name.is_empty() && !name.contains(['[', ']', '!', ':']), "variable {name:?} in path {path:?}");
        vars.insert(name);
        rest = &after[close + 1..];
    }
    vars
}

fn check_paths(doc: &Value, api: &booster_codegen::schema::Api) {
    let mut ids = BTreeSet::new();
    // The operations `paths` names: by their own operation object, another's
    // `x-booster-shared-with`, or a verb no OpenAPI method takes ("VERB Name").
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut unmapped: Vec<&str> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths is an object") {
        assert!(path.starts_with('/'), "path {path:?}");
        let vars = path_vars(path);
        for (key, op) in item.as_object().expect("a path item is an object") {
            if key == "x-booster-unmapped-verbs" {
                unmapped.extend(op.as_array().expect("a list").iter().map(|v| v.as_str().expect("a string")));
                continue;
            }
            let id = op["operationId"].as_str().expect("an operation id");
            assert!(ids.insert(id), "operation id {id:?} twice");
            named.insert(op["x-booster-operation"].as_str().expect("x-booster-operation").to_string());
            for shared in op["x-booster-shared-with"].as_array().into_iter().flatten() {
                named.insert(shared.as_str().expect("a name").to_string());
            }
            let params = op["parameters"].as_array().into_iter().flatten();
            let in_path: BTreeSet<&str> =
                params.filter(|p| p["in"] == "path").map(|p| p["name"].as_str().expect("a name")).collect();
            assert_eq!(in_path, vars, "{key} {path}: path parameters against the path's variables");
        }
    }
    for o in &api.operations {
        let suffix = format!(" {}", o.name);
        assert!(
            named.contains(&o.name) || unmapped.iter().any(|v| v.ends_with(&suffix)),
            "operation {:?} is not in paths",
            o.name
        );
    }
}

fuzz_target!(|bytes: &[u8]| {
    let (api, text) = export_text(bytes);
    assert!(text.starts_with(&format!("{{\n  \"x-booster-generated\": {MARKER:?}")), "the marker is not first");
    assert!(!text.bytes().any(|b| b < 0x20 && b != b'\n'), "a raw control character in the export");
    let mut de = serde_json::Deserializer::from_str(&text);
    de.disable_recursion_limit();
    let doc = Value::deserialize(&mut de).unwrap_or_else(|e| panic!("the export is not JSON: {e}"));
    de.end().expect("nothing after the document");
    assert_eq!(doc["openapi"], "3.1.0");

    let schemas = doc["components"]["schemas"].as_object().expect("components.schemas");
    for name in schemas.keys() {
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "component name {name:?}"
        );
    }
    let components = component_names(&api);
    let distinct: BTreeSet<&String> = components.values().collect();
    assert_eq!(distinct.len(), api.types.len(), "two types share a component");
    for c in distinct {
        assert!(schemas.contains_key(c.as_str()), "no component {c:?}");
    }
    let mut found = Vec::new();
    refs(&doc, &mut found);
    for r in found {
        let target = r.strip_prefix('#').and_then(|p| doc.pointer(p));
        assert!(target.is_some(), "dangling $ref {r:?}");
        if let Some(name) = r.strip_prefix(SCHEMAS) {
            assert!(schemas.contains_key(name), "$ref {r:?} is not a component");
        }
    }
    check_paths(&doc, &api);

    if bytes.len() % 4 == 0 {
        assert_eq!(text, export_text(bytes).1, "the same page read, merged and exported twice gave two texts");
    }
});
