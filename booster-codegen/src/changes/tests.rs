//! The change report's unit tests.

use super::*;
use crate::schema::{EnumMember, Field, Operation, Route, TypeDef, TypeKind};

fn field(name: &str, ty: &str, required: bool) -> Field {
    crate::test_schema::field(name, ty, required, "page.html:1")
}

fn class(name: &str, fields: Vec<Field>) -> TypeDef {
    crate::test_schema::class(name, fields, &["page.html:1"])
}

fn op(name: &str, path: &str) -> Operation {
    crate::test_schema::operation(name, &[(&["POST"], path)], &["page.html:1"])
}

fn kinds(changes: &[Change]) -> Vec<Kind> {
    changes.iter().map(|c| c.kind.clone()).collect()
}

fn api() -> Api {
    let mut colour = class("Colour", Vec::new());
    colour.kind = TypeKind::Enum;
    colour.members =
        ["Red", "Blue"].iter().map(|m| EnumMember { name: m.to_string(), value: None, description: None }).collect();
    Api {
        service: Some("Shop".into()),
        operations: vec![op("Buy", "/buy")],
        types: vec![class("Buy", vec![field("id", "int", true), field("note", "string", false)]), colour],
        diagnostics: Vec::new(),
    }
}

#[test]
fn the_same_api_has_no_changes_and_sources_do_not_count() {
    let old = schema_json(&api());
    let mut moved = api();
    moved.types[0].fields[0].source = "elsewhere.txt:99".into();
    moved.operations[0].sources = vec!["x".into()];
    assert_eq!(compare(&old, &moved).unwrap(), Vec::new());
    assert!(old.contains("\"rust\""), "{old}");
    assert_eq!(schema_json(&moved), old);
    assert!(report(&[], "api.json").is_empty());
}

#[test]
fn additive_changes_are_not_breaking() {
    let old = schema_json(&api());
    let mut new = api();
    new.operations.push(op("Sell", "/sell"));
    new.types.push(class("Sell", vec![field("id", "int", true)]));
    new.types.push(class("Receipt", Vec::new()));
    new.types[0].fields.push(field("gift", "bool?", false));
    new.types[1].members.push(EnumMember { name: "Green".into(), value: None, description: None });
    new.operations[0].routes.push(Route { verbs: vec!["PUT".into()], path: "/buy".into(), summary: None, notes: None });
    let changes = compare(&old, &new).unwrap();
    assert_eq!(
        kinds(&changes),
        vec![
            Kind::RouteAdded { operation: "Buy".into(), route: "PUT /buy".into() },
            Kind::OperationAdded { operation: "Sell".into() },
            Kind::FieldAdded { ty: "Buy".into(), field: "gift".into(), type_name: "bool?".into(), required: false },
            Kind::MemberAdded { ty: "Colour".into(), member: "Green".into() },
            Kind::TypeAdded { ty: "Receipt".into() },
        ]
    );
    assert!(changes.iter().all(|c| !c.breaking()));
    let text = report(&changes, "api.json");
    assert!(text.starts_with("API changes since api.json: 5 (0 breaking, 5 additive)\n"), "{text}");
    assert!(text.contains("  additive: field Buy.gift added (optional bool?)\n"), "{text}");
}

#[test]
fn breaking_changes_are_marked() {
    let old = schema_json(&api());
    let mut new = api();
    new.types[0].fields.remove(1); // note
    new.types[0].fields[0] = field("id", "long", true);
    new.types[0].fields.push(field("qty", "int", true));
    new.types[1].members.remove(0);
    new.operations[0].routes[0].path = "/purchase".into();
    new.operations[0].response = Some("BuyResponse".into());
    let changes = compare(&old, &new).unwrap();
    assert_eq!(
        kinds(&changes),
        vec![
            Kind::ResponseChanged { operation: "Buy".into(), old: None, new: Some("BuyResponse".into()) },
            Kind::RouteRemoved { operation: "Buy".into(), route: "POST /buy".into() },
            Kind::RouteAdded { operation: "Buy".into(), route: "POST /purchase".into() },
            Kind::FieldRetyped { ty: "Buy".into(), field: "id".into(), old: "int".into(), new: "long".into() },
            Kind::FieldRemoved { ty: "Buy".into(), field: "note".into() },
            Kind::FieldAdded { ty: "Buy".into(), field: "qty".into(), type_name: "int".into(), required: true },
            Kind::MemberRemoved { ty: "Colour".into(), member: "Red".into() },
        ]
    );
    assert_eq!(changes.iter().filter(|c| c.breaking()).count(), 6);
    let text = report(&changes, "api.json");
    assert!(text.contains("  breaking: field Buy.note removed\n"), "{text}");
    // Breaking changes are listed first.
    assert!(text.find("breaking: field").unwrap() < text.find("additive:").unwrap(), "{text}");
}

#[test]
fn removing_an_operation_reports_it_once() {
    let old = schema_json(&api());
    let mut new = api();
    new.operations.clear();
    new.types.remove(0);
    assert_eq!(kinds(&compare(&old, &new).unwrap()), vec![Kind::OperationRemoved { operation: "Buy".into() }]);
    assert!(compare("not json", &new).is_err());
}

#[test]
fn a_change_is_judged_by_the_rust_it_changes() {
    let old = schema_json(&api());
    // A required request field made optional: `i32` becomes `Option<i32>`.
    let mut new = api();
    new.types[0].fields[0].required = false;
    let changes = compare(&old, &new).unwrap();
    assert_eq!(
        kinds(&changes),
        vec![Kind::FieldRequiredChanged { ty: "Buy".into(), field: "id".into(), required: false }]
    );
    assert!(changes[0].breaking());
    assert_eq!(changes[0].to_string(), "breaking: field Buy.id is now optional: its Rust type i32 -> Option<i32>");
    // A new required field of a request: `build()` needs its setter.
    let mut new = api();
    new.types[0].fields.push(field("qty", "int", true));
    let changes = compare(&old, &new).unwrap();
    assert!(changes[0].breaking(), "{changes:?}");
    assert!(changes[0].to_string().ends_with("`build()` needs its setter"), "{}", changes[0]);
    // A type no request holds has no builder: a new required field of it is additive.
    let mut new = api();
    new.types.push(class("Receipt", vec![field("total", "decimal", true)]));
    new.operations[0].response = Some("Receipt".into());
    let old_with = {
        let mut a = api();
        a.types.push(class("Receipt", Vec::new()));
        a.operations[0].response = Some("Receipt".into());
        schema_json(&a)
    };
    let changes = compare(&old_with, &new).unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(!changes[0].breaking(), "{changes:?}");
}

#[test]
fn without_a_record_of_the_rust_every_addition_to_a_type_is_breaking() {
    // An `api.json` from before the shape was kept: its structs and enums were exhaustive.
    let mut old: serde_json::Value = serde_json::from_str(&schema_json(&api())).unwrap();
    old.as_object_mut().unwrap().remove("rust");
    let mut new = api();
    new.types[0].fields.push(field("gift", "bool?", false));
    new.types[1].members.push(EnumMember { name: "Green".into(), value: None, description: None });
    let changes = compare(&old.to_string(), &new).unwrap();
    // The two additions, and each type's new `#[non_exhaustive]`.
    assert_eq!(changes.len(), 4, "{changes:?}");
    assert!(changes.iter().all(Change::breaking), "{changes:?}");
    assert!(changes[0].to_string().contains("Buy was not #[non_exhaustive]"), "{}", changes[0]);
}

#[test]
fn a_type_moving_module_or_losing_its_builder_is_breaking() {
    // `Part` is held by `Buy`'s request: in `types`, with a builder. Held by nothing, only
    // answered by `Buy`: in `buy`, no builder.
    let mut before = api();
    before.types.push(class("Part", vec![field("n", "string", false)]));
    before.types[0].fields.push(field("part", "Part", false));
    let old = schema_json(&before);
    let mut new = before.clone();
    new.types[0].fields.pop();
    new.operations[0].response = Some("Part".into());
    let changes = compare(&old, &new).unwrap();
    let text: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert!(text.contains(&"breaking: type Part moved: types::Part -> buy::Part".to_string()), "{text:#?}");
    assert!(
        text.contains(&"breaking: type Part: builder() removed (no request holds it now)".to_string()),
        "{text:#?}"
    );
}
