//! Issue 13: the OpenAPI 3.1 export, checked by tools we did not write.
//!
//! - `openapi-spec-validator` (the official 3.1 schema) and `jsonschema` (draft 2020-12), run by
//!   `tests/openapi_check.py`: every export validates, the pages' sample bodies validate against
//!   their schemas, the descriptions' examples against theirs. Needs
//!   `python3 -m pip install openapi-spec-validator jsonschema` (`.ci/run` does it); without it
//!   these tests fail, saying so.
//! - typify, a peer generator: it reads the Booster export and its Rust builds and decodes the
//!   pages' sample requests.
//! - A walk of the schema and the export side by side: every operation, route, type and field.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use booster_codegen::diag::Severity;
use booster_codegen::openapi::{self, component_names};
use booster_codegen::schema::{Api, EnumMember, Field, Operation, Route, Rule, TypeDef, TypeKind};
use booster_codegen::settings::Settings;
use booster_codegen::type_grammar::{Prim, TypeRef};
use serde_json::Value;

/// An API and its export.
struct Export {
    name: String,
    api: Api,
    text: String,
    doc: Value,
}

fn export_of(name: &str, pages: &[PathBuf], settings: &Settings) -> Export {
    let api = booster_tests::ir_with(pages, settings);
    let errors: Vec<String> =
        api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    let samples = booster_codegen::samples::samples_of(&booster_tests::facts(pages));
    let text = openapi::export(&api, &samples).to_pretty();
    let doc: Value = serde_json::from_str(&text).expect("the export is JSON");
    Export { name: name.to_string(), api, text, doc }
}

fn booster() -> Export {
    let root = booster_tests::root();
    let (pages, settings) = booster_codegen::load::find_pages(&[root.join("specs/booster")]).expect("pages");
    let settings = booster_codegen::load::read_settings(&settings.expect("settings.toml")).expect("settings");
    export_of("booster", &pages, &settings)
}

fn all_exports() -> Vec<Export> {
    let root = booster_tests::root();
    let mut out = vec![booster()];
    for (name, pages) in booster_tests::FIXTURE_APIS {
        let paths: Vec<PathBuf> = pages.iter().map(|p| root.join("tests/data/real-pages").join(p)).collect();
        out.push(export_of(name, &paths, &Settings::default()));
    }
    out
}

/// Runs the independent checks on these files; the report, per file.
fn python_check(files: &[PathBuf]) -> Value {
    booster_tests::openapi_check(files, false)
}

fn write_exports(dir: &str, exports: &[Export]) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(dir);
    std::fs::create_dir_all(&dir).unwrap();
    exports
        .iter()
        .map(|e| {
            let path = dir.join(format!("{}.json", e.name));
            std::fs::write(&path, &e.text).unwrap();
            path
        })
        .collect()
}

#[test]
fn every_export_validates_and_its_samples_fit_their_schemas() {
    let exports = all_exports();
    let files = write_exports("openapi-exports", &exports);
    let report = python_check(&files);
    let mut request_samples = 0;
    let mut response_mismatches = Vec::new();
    for (e, file) in exports.iter().zip(&files) {
        let r = &report[file.to_string_lossy().as_ref()];
        assert_eq!(r["spec_errors"], Value::Array(vec![]), "{}: the OpenAPI 3.1 schema rejects the export", e.name);
        for s in r["samples"].as_array().expect("samples") {
            let clean = s["errors"] == Value::Array(vec![]) && s["strict_errors"] == Value::Array(vec![]);
            if s["kind"] == "request" {
                request_samples += 1;
                assert!(clean, "{}: a sample request does not fit its schema: {s:#}", e.name);
            } else if e.name == "booster" {
                assert!(clean, "booster: a sample response does not fit its schema: {s:#}");
            } else if !clean {
                response_mismatches.push(format!("{}: {}", e.name, s["operation"]));
            }
        }
        for ex in r["examples"].as_array().expect("examples") {
            assert_eq!(ex["errors"], Value::Array(vec![]), "{}: an example does not fit its schema: {ex:#}", e.name);
        }
    }
    // Booster's three operations each show a JSON request (two pages show CreateCustomer's).
    let booster = &report[files[0].to_string_lossy().as_ref()];
    let booster_requests: BTreeSet<&str> = booster["samples"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "request")
        .filter_map(|s| s["operation"].as_str())
        .collect();
    assert_eq!(booster_requests, BTreeSet::from(["CreateCustomer", "ExportCustomer", "PatchCustomer"]));
    assert!(request_samples >= 10, "only {request_samples} sample requests were checked");
    // The one known disagreement inside a page: ss-test's HelloQueryResponse table says
    // `List<Poco>` while its sample shows `["String"]`.
    assert_eq!(response_mismatches, ["ss-test-dtos: \"HelloQueryResponse\""]);
}

#[test]
fn the_validator_rejects_what_is_wrong() {
    // The checks can fail: a dangling `$ref`, a path without `/`, a sample of the wrong type.
    let broken = |name: &str, edit: &dyn Fn(&mut Value)| {
        let mut e = booster();
        edit(&mut e.doc);
        e.text = serde_json::to_string(&e.doc).unwrap();
        e.name = name.to_string();
        e
    };
    let exports = [
        broken("dangling-ref", &|d| {
            d["components"]["schemas"].as_object_mut().unwrap().remove("Email");
        }),
        broken("relative-path", &|d| {
            let paths = d["paths"].as_object_mut().unwrap();
            let item = paths.remove("/customer").unwrap();
            paths.insert("customer".to_string(), item);
        }),
        broken("bad-sample", &|d| {
            d["paths"]["/customer"]["post"]["requestBody"]["content"]["application/json"]["examples"]["sample"]["value"]
                ["emails"] = serde_json::json!("not a list");
        }),
    ];
    let files = write_exports("openapi-broken", &exports);
    let report = python_check(&files);
    let r = |i: usize| &report[files[i].to_string_lossy().as_ref()];
    let spec_errors = |i: usize| serde_json::to_string(&r(i)["spec_errors"]).unwrap();
    assert!(spec_errors(0).contains("/components/schemas/Email"), "{}", spec_errors(0));
    assert!(spec_errors(1).contains("'customer'"), "{}", spec_errors(1));
    assert_eq!(spec_errors(2), "[]");
    let sample = &r(2)["samples"][0];
    assert_eq!(sample["operation"], "CreateCustomer");
    assert!(sample["errors"].to_string().contains("emails"), "{sample}");
}

/// The component a schema type is exported as.
fn component<'a>(e: &'a Export, i: usize, names: &std::collections::BTreeMap<usize, String>) -> &'a Value {
    let c = &names[&i];
    e.doc["components"]["schemas"].get(c).unwrap_or_else(|| panic!("{}: no component `{c}`", e.name))
}

#[test]
fn every_operation_route_type_and_field_is_in_the_export() {
    let mut counts = (0, 0, 0, 0);
    for e in all_exports() {
        let names = component_names(&e.api);
        for (i, t) in e.api.types.iter().enumerate() {
            counts.2 += 1;
            let s = component(&e, i, &names);
            assert_eq!(s["x-booster-sources"], serde_json::json!(t.sources), "{}: {}", e.name, t.name);
            match t.kind {
                TypeKind::Enum => {
                    let listed = &s["anyOf"][0]["enum"];
                    for m in &t.members {
                        assert!(
                            listed.as_array().is_some_and(|a| a.contains(&Value::String(m.name.clone()))),
                            "{}: enum {} lacks {}",
                            e.name,
                            t.name,
                            m.name
                        );
                    }
                }
                TypeKind::Class => {
                    if let Some(base) = &t.base {
                        assert_eq!(s["x-booster-base"], *base, "{}: {}", e.name, t.name);
                        assert!(s["allOf"].is_array(), "{}: {} has a base but no allOf", e.name, t.name);
                    }
                    for f in &t.fields {
                        counts.3 += 1;
                        let p = &s["properties"][&f.name];
                        assert_eq!(p["x-booster-type"], f.type_name.as_str(), "{}: {}.{}", e.name, t.name, f.name);
                        assert_eq!(p["x-booster-source"], f.source.to_string(), "{}: {}.{}", e.name, t.name, f.name);
                        if let Some(d) = &f.description {
                            assert_eq!(p["description"], d.as_str(), "{}: {}.{}", e.name, t.name, f.name);
                        }
                        if f.required {
                            let listed = |key: &str| {
                                s[key].as_array().is_some_and(|a| a.contains(&Value::String(f.name.clone())))
                            };
                            assert!(
                                listed("required") || listed("x-booster-documented-required"),
                                "{}: {}.{} is required but not listed",
                                e.name,
                                t.name,
                                f.name
                            );
                        }
                    }
                }
            }
        }
        for op in &e.api.operations {
            counts.0 += 1;
            let predefined;
            let routes = if op.routes.is_empty() {
                predefined = vec![Route {
                    verbs: vec!["POST".into()],
                    path: format!("/json/reply/{}", op.name),
                    summary: None,
                    notes: None,
                }];
                &predefined
            } else {
                &op.routes
            };
            for r in routes {
                counts.1 += 1;
                // OpenAPI has no wildcard variables: `{Path*}` is exported as `{Path}`.
                let path = r.path.replace("*}", "}");
                let path = if path.starts_with('/') { path } else { format!("/{path}") };
                let item = e.doc["paths"].get(&path).unwrap_or_else(|| panic!("{}: no path {path}", e.name));
                for verb in &r.verbs {
                    let methods: Vec<String> = if verb.eq_ignore_ascii_case("ANY") {
                        ["get", "put", "post", "delete", "patch"].map(String::from).to_vec()
                    } else {
                        vec![verb.to_ascii_lowercase()]
                    };
                    for m in methods {
                        let o = &item[&m];
                        if o["x-booster-operation"] != op.name.as_str() {
                            // Another operation holds this path and verb, and names this one.
                            let shared = o["x-booster-shared-with"].as_array();
                            assert!(
                                shared.is_some_and(|a| a.contains(&Value::String(op.name.clone()))),
                                "{}: {m} {path} is not {}",
                                e.name,
                                op.name
                            );
                            continue;
                        }
                        assert_eq!(o["x-booster-sources"], serde_json::json!(op.sources));
                        assert_eq!(o["security"].is_array(), op.requires_auth, "{}: {m} {path}", e.name);
                        let schema = &o["responses"]["200"]["content"]["application/json"]["schema"];
                        let index = |name: &str| e.api.types.iter().position(|t| t.name == name);
                        match &op.response {
                            Some(name) if index(name).is_some() => {
                                let i = index(name).unwrap();
                                assert_eq!(schema["$ref"], format!("#/components/schemas/{}", names[&i]));
                            }
                            // A list response (`IReturn<List<T>>`): an array of `T`.
                            Some(list) if list.starts_with("List<") => {
                                let item = list.strip_prefix("List<").and_then(|r| r.strip_suffix('>'));
                                let i = item.and_then(index).unwrap_or_else(|| panic!("{}: {list}", e.name));
                                assert_eq!(schema["type"], "array", "{}: {list}", e.name);
                                assert_eq!(schema["items"]["$ref"], format!("#/components/schemas/{}", names[&i]));
                            }
                            // A primitive response (`string`, `Stream`): its own schema, no reference.
                            Some(other) => {
                                assert!(schema.is_object() && schema.get("$ref").is_none(), "{}: {other}", e.name)
                            }
                            None => assert!(o["responses"]["204"].is_object(), "{}: {}", e.name, op.name),
                        }
                        assert_eq!(o["responses"]["default"]["$ref"], "#/components/responses/ServiceStackError");
                        let request = e.api.types.iter().position(|t| t.name == op.request).unwrap();
                        if ["post", "put", "patch"].contains(&m.as_str()) {
                            assert_eq!(
                                o["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                                format!("#/components/schemas/{}", names[&request])
                            );
                        } else {
                            // Without a body, every field is a parameter.
                            let params: BTreeSet<&str> = o["parameters"]
                                .as_array()
                                .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
                                .unwrap_or_default();
                            for f in &e.api.types[request].fields {
                                assert!(
                                    params.iter().any(|p| p.eq_ignore_ascii_case(&f.name)),
                                    "{}: {m} {path} lacks {}",
                                    e.name,
                                    f.name
                                );
                            }
                        }
                        // Every route variable is a path parameter.
                        for var in r.path.split('{').skip(1).filter_map(|s| s.split('}').next()) {
                            let var = var.trim_end_matches('*');
                            assert!(
                                o["parameters"].as_array().is_some_and(|a| a
                                    .iter()
                                    .any(|p| p["name"] == var && p["in"] == "path" && p["required"] == true)),
                                "{}: {m} {path}: no path parameter {var}",
                                e.name
                            );
                        }
                    }
                }
            }
        }
    }
    // Figures of the fixtures as of this test's writing, as a floor: a reader change that drops
    // whole APIs would show here.
    assert!(counts.0 >= 16 && counts.2 >= 60 && counts.3 >= 300, "walked {counts:?}");
}

#[test]
fn booster_export_is_the_committed_one() {
    let committed = std::fs::read_to_string(booster_tests::root().join("booster-dtos/openapi.json"))
        .expect("booster-dtos/openapi.json (cargo xtask regen writes it)");
    assert!(committed == booster().text, "booster-dtos/openapi.json is stale: run cargo xtask regen");
    assert!(committed.contains(openapi::MARKER));
}

fn field(name: &str, ty: &str, required: bool, description: Option<&str>) -> Field {
    Field {
        name: name.to_string(),
        type_name: ty.to_string(),
        ty: TypeRef::parse(ty).unwrap_or_else(|_| TypeRef::prim(Prim::String)),
        required,
        param: Some("body".to_string()),
        description: description.map(str::to_string),
        rules: vec![Rule::RequiredWhen { field: "\"}\n".into(), equals: "$ref".into() }],
        examples: vec!["{\"$ref\":\"#/x\"}".into()],
        source: "hostile.txt:1".into(),
        name_proven: false,
        aliases: Vec::new(),
        inferred: false,
    }
}

fn class(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        kind: TypeKind::Class,
        base: None,
        base_type: None,
        fields,
        members: vec![],
        sources: vec![format!("hostile.txt:{name}").into()],
    }
}

const HOSTILE_TEXT: &str =
    "say \"hi\"\n\t{\"$ref\": \"#/components/schemas/Nope\"} </script> ünï©ødé 名前 \u{0}\u{7f} \\ '";

fn hostile_api() -> Api {
    let op = |name: &str, routes: Vec<Route>| Operation {
        name: name.to_string(),
        request: name.to_string(),
        response: Some("Foo<Bar>".to_string()),
        routes,
        requires_auth: true,
        roles: vec!["Admin \"root\"".into()],
        permissions: vec!["perm\n2".into()],
        any_roles: Vec::new(),
        any_permissions: Vec::new(),
        description: Some(HOSTILE_TEXT.into()),
        tags: vec!["t\"ag".into()],
        sources: vec!["hostile.txt".into()],
    };
    let route = |verbs: &[&str], path: &str| Route {
        verbs: verbs.iter().map(|v| v.to_string()).collect(),
        path: path.to_string(),
        summary: Some(HOSTILE_TEXT.into()),
        notes: Some("$ref".into()),
    };
    Api {
        service: Some(HOSTILE_TEXT.to_string()),
        operations: vec![
            op("$ref", vec![route(&["ANY"], "/a b/{$ref}/\"q\"/{rest*}"), route(&["FOO", "get"], "no-slash")]),
            op("Foo_Bar_", vec![route(&["GET"], "/a b/{$ref}/\"q\"/{rest*}")]),
            op("名前", vec![]),
        ],
        types: vec![
            class(
                "$ref",
                vec![
                    field("$ref", "string", true, Some(HOSTILE_TEXT)),
                    field("a\"b\nc", "List<Dictionary<string, Foo<Bar>>>", false, None),
                    field("x-evil", "DateTime?", false, Some("x")),
                    field("rest", "int", true, None),
                ],
            ),
            class("Foo<Bar>", vec![field("properties", "Guid", true, Some(HOSTILE_TEXT))]),
            class("Foo_Bar_", vec![field("required", "Unknown", false, None)]),
            class("名前", vec![field("名前", "KeyValuePair<string, int>", false, None)]),
            TypeDef {
                name: "Colour\"".into(),
                kind: TypeKind::Enum,
                base: None,
                base_type: None,
                fields: vec![],
                members: vec![
                    EnumMember { name: "$ref".into(), value: Some("1".into()), description: Some(HOSTILE_TEXT.into()) },
                    EnumMember { name: "$ref".into(), value: None, description: None },
                ],
                sources: vec![],
            },
        ],
        diagnostics: vec![],
    }
}

#[test]
fn hostile_names_and_text_stay_data_and_the_export_validates() {
    let api = hostile_api();
    // A sample whose keys look like keywords stays an example value.
    let sample = booster_codegen::facts::SampleValue::Object(booster_codegen::facts::SampleObject {
        type_name: None,
        entries: vec![
            ("$ref".into(), booster_codegen::facts::SampleValue::String("#/nowhere".into())),
            ("a\"b".into(), booster_codegen::facts::SampleValue::Number("1e999999".into())),
        ],
    });
    let samples =
        [booster_codegen::samples::Sample { file: "hostile.txt".into(), line: 1, request: true, value: sample }];
    let text = openapi::export(&api, &samples).to_pretty();
    let doc: Value = serde_json::from_str(&text).unwrap();
    // Text survives as strings, byte for byte.
    assert_eq!(doc["info"]["title"], HOSTILE_TEXT);
    let names = component_names(&api);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas[&names[&0]]["properties"]["$ref"]["description"], HOSTILE_TEXT);
    assert_eq!(schemas[&names[&1]]["properties"]["properties"]["description"], HOSTILE_TEXT);
    // Names that collide once made valid get their own components.
    let unique: BTreeSet<&String> = names.values().collect();
    assert_eq!(unique.len(), api.types.len(), "{names:?}");
    for n in names.values() {
        assert!(n.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)), "{n}");
    }
    // Every `$ref` points at something in the document.
    let found = booster_tests::openapi_refs(&doc);
    assert!(found.len() > 5);
    for r in found {
        let pointer = r.strip_prefix('#').expect("local ref");
        assert!(doc.pointer(pointer).is_some(), "dangling {r}");
    }
    // The independent validator agrees.
    let e = Export { name: "hostile".into(), api, text, doc };
    let files = write_exports("openapi-hostile", &[e]);
    let report = python_check(&files);
    assert_eq!(report[files[0].to_string_lossy().as_ref()]["spec_errors"], Value::Array(vec![]));
}

/// typify's Rust for the Booster export, built, and fed the pages' sample requests.
#[test]
fn typify_builds_a_client_from_the_booster_export() {
    let e = booster();
    let schemas = e.doc["components"]["schemas"].as_object().unwrap();
    let defs: Vec<(String, schemars::schema::Schema)> = schemas
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::from_value(v.clone()).unwrap_or_else(|err| panic!("{k}: {err}"))))
        .collect();
    let mut space = typify::TypeSpace::new(&typify::TypeSpaceSettings::default());
    space.add_ref_types(defs).expect("typify accepts the export's schemas");
    let code = space.to_stream().to_string();

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("typify-client");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"booster-typify\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\
         chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\n\
         uuid = { version = \"1\", features = [\"serde\"] }\nregress = \"0.10\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), format!("#![allow(warnings)]\n{code}\n")).unwrap();
    std::fs::write(dir.join("tests/samples.rs"), sample_tests(&e.doc)).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["test", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", booster_tests::root().join("target/generated-crates"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "typify's client failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("3 passed"), "{stdout}");
}

/// One test per operation with a sample request: it decodes into typify's type for the request
/// schema and encodes back to the same JSON (numbers compared as numbers).
fn sample_tests(doc: &Value) -> String {
    let mut out = String::from(
        "fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {\n    use serde_json::Value::*;\n    \
         match (a, b) {\n        (Object(x), Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),\n        \
         (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),\n        \
         (Number(x), Number(y)) => x.as_f64() == y.as_f64(),\n        (x, y) => x == y,\n    }\n}\n\n",
    );
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let media = &op["requestBody"]["content"]["application/json"];
            let (Some(schema), Some(examples)) = (media["schema"]["$ref"].as_str(), media["examples"].as_object())
            else {
                continue;
            };
            let ty = schema.rsplit('/').next().unwrap();
            let id = op["operationId"].as_str().unwrap().to_lowercase();
            let sample = serde_json::to_string(&examples["sample"]["value"]).unwrap();
            out.push_str(&format!(
                "/// {method} {path}\n#[test]\nfn {id}() {{\n    let json: serde_json::Value = serde_json::from_str({sample:?}).unwrap();\n    \
                 let typed: booster_typify::{ty} = serde_json::from_value(json.clone()).expect(\"the sample decodes\");\n    \
                 let back = serde_json::to_value(&typed).unwrap();\n    assert!(same(&json, &back), \"{{json}}\\n{{back}}\");\n}}\n\n"
            ));
        }
    }
    out
}

#[test]
fn regen_paths_are_relative() {
    // The committed export names pages by their repository path, as diagnostics do.
    let e = booster();
    assert!(!e.text.contains(booster_tests::root().to_string_lossy().as_ref()));
    assert!(e.text.contains("\"specs/booster/001_b62f98eaee38d71e.txt\""));
}
