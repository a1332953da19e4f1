//! The export's unit tests; `tests/tests/openapi.rs` checks it with independent validators.

use std::collections::BTreeSet;

use super::*;
use crate::facts::SampleValue;
use crate::schema::{EnumMember, Field, Operation, TypeDef, TypeKind};

fn field(name: &str, ty: &str, required: bool) -> Field {
    crate::test_schema::field(name, ty, required, "p.txt:1")
}

fn class(name: &str, fields: Vec<Field>) -> TypeDef {
    crate::test_schema::class(name, fields, &[])
}

fn op(name: &str, routes: &[(&[&str], &str)]) -> Operation {
    crate::test_schema::operation(name, routes, &["p.txt"])
}

fn json(doc: &Json) -> serde_json::Value {
    serde_json::from_str(&doc.to_pretty()).unwrap()
}

#[test]
fn component_names_are_valid_and_unique() {
    assert_eq!(component_name("QueryResponse<Poco>"), "QueryResponse_Poco_");
    assert_eq!(component_name(""), "_");
    assert_eq!(component_name("a.b-c_d"), "a.b-c_d");
    let api =
        Api { types: vec![class("A<B>", vec![]), class("A_B_", vec![]), class("A<B>", vec![])], ..Api::default() };
    let names: Vec<String> = component_names(&api).into_values().collect();
    assert_eq!(names, ["A_B_", "A_B__2", "A_B__3"]);
}

#[test]
fn nullability_follows_the_csharp_type_and_required() {
    let colour = TypeDef {
        kind: TypeKind::Enum,
        members: vec![EnumMember { name: "Red".into(), value: Some("1".into()), description: None }],
        ..class("Colour", vec![])
    };
    let t = class(
        "T",
        vec![
            field("a", "int?", false),
            field("b", "string", false),
            field("c", "string", true),
            field("d", "int", false),
            field("e", "Colour", false),
            field("f", "List<T>", false),
        ],
    );
    let api = Api { operations: vec![op("T", &[(&["POST"], "/t")])], types: vec![t, colour], ..Api::default() };
    let doc = json(&export(&api, &[]));
    let p = &doc["components"]["schemas"]["T"]["properties"];
    assert_eq!(p["a"]["type"], serde_json::json!(["integer", "null"]));
    assert_eq!(p["b"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(p["c"]["type"], "string");
    assert_eq!(p["d"]["type"], "integer");
    assert_eq!(p["e"]["$ref"], "#/components/schemas/Colour");
    assert_eq!(p["f"]["type"], serde_json::json!(["array", "null"]));
    assert_eq!(p["f"]["items"]["$ref"], "#/components/schemas/T");
    assert_eq!(doc["components"]["schemas"]["T"]["required"], serde_json::json!(["c"]));
    // Open enums: the listed values, or any other string.
    let colour = &doc["components"]["schemas"]["Colour"];
    assert_eq!(colour["anyOf"][0]["enum"], serde_json::json!(["Red"]));
    assert_eq!(colour["anyOf"][1]["type"], "string");
    assert_eq!(colour["x-booster-enum-numbers"], serde_json::json!([{"name": "Red", "value": "1"}]));
}

#[test]
fn verbs_routes_and_parameters() {
    let mut get = class("Find", vec![field("id", "int", true), field("tags", "List<string>", false)]);
    get.fields[0].param = Some("path".into());
    let mut auth = op("Find", &[(&["GET"], "/find/{Id*}"), (&["ANY"], "find-all")]);
    auth.requires_auth = true;
    auth.roles = vec!["Admin".into()];
    let api =
        Api { operations: vec![auth, op("Ping", &[])], types: vec![get, class("Ping", vec![])], ..Api::default() };
    let doc = json(&export(&api, &[]));
    let find = &doc["paths"]["/find/{Id}"]["get"];
    assert_eq!(find["parameters"][0]["name"], "Id");
    assert_eq!(find["parameters"][0]["in"], "path");
    assert_eq!(find["parameters"][0]["schema"]["type"], "integer");
    assert_eq!(find["parameters"][1]["name"], "tags");
    assert_eq!(find["parameters"][1]["in"], "query");
    assert_eq!(find["parameters"][1]["explode"], false);
    assert_eq!(find["security"][0]["bearer"], serde_json::json!(["Admin"]));
    let all = doc["paths"]["/find-all"].as_object().unwrap();
    let methods: Vec<&str> = all.keys().map(String::as_str).collect();
    assert_eq!(methods, ["delete", "get", "patch", "post", "put"]);
    assert_eq!(
        all["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Find"
    );
    let mut ids: Vec<&str> = all.values().filter_map(|o| o["operationId"].as_str()).collect();
    ids.push(find["operationId"].as_str().unwrap());
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 6, "{ids:?}");
    // No route: ServiceStack's predefined one.
    let ping = &doc["paths"]["/json/reply/Ping"]["post"];
    assert_eq!(ping["x-booster-predefined-route"], true);
    assert!(ping["responses"]["204"].is_object());
}

#[test]
fn samples_become_examples_once_with_every_place() {
    let api =
        Api { operations: vec![op("T", &[(&["POST"], "/t")])], types: vec![class("T", vec![])], ..Api::default() };
    let value = SampleValue::Object(crate::facts::SampleObject {
        type_name: None,
        entries: vec![("n".into(), SampleValue::Number("1.50".into()))],
    });
    let sample = |line| Sample { file: "p.txt".into(), line, request: true, value: value.clone() };
    let doc = json(&export(&api, &[sample(3), sample(9)]));
    let examples = &doc["paths"]["/t"]["post"]["requestBody"]["content"]["application/json"]["examples"];
    assert_eq!(examples["sample"]["value"]["n"], serde_json::json!(1.5));
    assert_eq!(examples["sample"]["x-booster-sources"], serde_json::json!(["p.txt:3", "p.txt:9"]));
    assert!(examples.get("sample2").is_none());
}

#[test]
fn the_export_is_deterministic() {
    let api = Api {
        operations: vec![op("B", &[(&["ANY"], "/b")]), op("A", &[(&["GET"], "/a")])],
        types: vec![class("B", vec![field("x", "DateTime", true)]), class("A", vec![field("y", "Guid?", false)])],
        ..Api::default()
    };
    assert_eq!(export(&api, &[]).to_pretty(), export(&api, &[]).to_pretty());
}

#[test]
fn every_brace_left_in_a_path_is_a_variable() {
    use super::paths::template;
    let owned = |p: &str, v: &[&str]| (p.to_string(), v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(template("customer/{Id*}/x/{Id}"), owned("/customer/{Id}/x/{Id}", &["Id"]));
    assert_eq!(template(" /a/{b/{c}}/d}/{}/{x:y}"), owned("/a/%7Bb/{c}%7D/d%7D/%7B%7D/%7Bx:y%7D", &["c"]));
    // A predefined route names the operation in one segment: found by a broken page.
    let api =
        Api { operations: vec![op("HTTP/1. { >", &[])], types: vec![class("HTTP/1. { >", vec![])], ..Api::default() };
    let doc = json(&export(&api, &[]));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/json/reply/HTTP%2F1.%20%7B%20%3E"]);
}
