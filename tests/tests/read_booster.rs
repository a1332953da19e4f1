//! Issue 2: the Booster pages read, alone and merged, into one schema.

use booster_codegen::diag::Severity;
use booster_codegen::schema::{Api, Rule, TypeDef};
use booster_tests::ir;

const SEEDS: [&str; 5] = [
    "specs/booster/000_cf3abc803d6a2aac.txt",
    "specs/booster/001_b62f98eaee38d71e.txt",
    "specs/booster/002_aa8d65597bddc47b.txt",
    "specs/booster/003_893a8cf0c7c0b088.txt",
    "specs/booster/004_090e548c0735057f.txt",
];

fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("type {name} missing"))
}

/// A request's fields with its bases' (name, type, required), sorted: what the operation sends.
fn request_fields(api: &Api, op: &str) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut cur = Some(op.to_string());
    while let Some(name) = cur {
        let Some(t) = api.types.iter().find(|t| t.name == name) else { break };
        out.extend(t.fields.iter().map(|f| (f.name.clone(), f.type_name.clone(), f.required)));
        cur = t.base.clone();
    }
    out.sort();
    out
}

fn snapshot_json(api: &Api) -> serde_json::Value {
    serde_json::to_value(api).expect("schema serializes")
}

#[test]
fn merged_booster_api() {
    let api = ir(&["specs/booster"]);
    let errors: Vec<_> = api.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let ops: Vec<(&str, Option<&str>)> =
        api.operations.iter().map(|o| (o.name.as_str(), o.response.as_deref())).collect();
    assert_eq!(
        ops,
        [
            ("CreateCustomer", Some("CreateCustomerResponse")),
            ("ExportCustomer", Some("ExportCustomerResponse")),
            ("PatchCustomer", None)
        ]
    );
    let routes: Vec<String> = api
        .operations
        .iter()
        .flat_map(|o| o.routes.iter())
        .map(|r| format!("{} {} | {:?} | {:?}", r.verbs.join(","), r.path, r.summary, r.notes))
        .collect();
    assert_eq!(
        routes,
        [
            r#"POST /customer | Some("Create customer") | Some("Create CRM customer")"#,
            r#"POST /customer/{brand}/export | Some("Export Customer Data") | None"#,
            r#"PATCH /customer/{boosterCustomerId} | Some("Patch customer") | Some("Patch CRM customer")"#,
        ]
    );
    assert!(api.operations.iter().all(|o| o.requires_auth));

    assert_eq!(ty(&api, "ExportCustomer").base.as_deref(), Some("SearchCustomer"));
    assert_eq!(ty(&api, "CreateCustomer").base.as_deref(), Some("Customer"));
    assert_eq!(ty(&api, "Customer").fields.len(), 38);
    assert_eq!(ty(&api, "SearchCustomer").fields.len(), 22);
    assert_eq!(ty(&api, "PatchCustomer").fields.len(), 36);

    let sms = ty(&api, "Customer").fields.iter().find(|f| f.name == "contactBySMSFlag").expect("re-camelized");
    assert_eq!((sms.type_name.as_str(), sms.required), ("bool", false));
    let months = ty(&api, "SearchCustomer").fields.iter().find(|f| f.name == "birthdateMonths").unwrap();
    assert_eq!(months.type_name, "List<int>");
    assert_eq!(months.rules, [Rule::Range { min: 1, max: 12 }]);
    let patch_can_be = ty(&api, "PatchCustomer").fields.iter().find(|f| f.name == "canBeContactedByMaison").unwrap();
    assert_eq!((patch_can_be.type_name.as_str(), patch_can_be.required), ("bool?", true));

    // `Email` is used by CreateCustomer (through Customer) and PatchCustomer, and appears once.
    assert_eq!(api.types.iter().filter(|t| t.name == "Email").count(), 1);
    assert_eq!(ty(&api, "Email").fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["email", "isMainEmail"]);

    let recovered: Vec<String> = api
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("recovered `email`"))
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect();
    assert_eq!(recovered, ["specs/booster/002_aa8d65597bddc47b.txt:12", "specs/booster/003_893a8cf0c7c0b088.txt:49"]);

    // Conditional requirements, with PatchCustomer's 'Personal' resolved by the settings.
    for (t, f, equals) in [
        ("Customer", "lastName", "PRIVATE"),
        ("PatchCustomer", "lastName", "PRIVATE"),
        ("PatchCustomer", "companyName", "COMPANY"),
    ] {
        let field = ty(&api, t).fields.iter().find(|x| x.name == f).unwrap();
        assert!(
            field.rules.contains(&Rule::RequiredWhen { field: "clientType".into(), equals: equals.into() }),
            "{t}.{f}: {:?}",
            field.rules
        );
    }
    insta::assert_json_snapshot!("booster_merged", snapshot_json(&api));
}

#[test]
fn personal_is_diagnosed_without_settings() {
    let api = booster_tests::ir_with(
        &[booster_tests::root().join(SEEDS[4])],
        &booster_codegen::settings::Settings::default(),
    );
    let personal: Vec<&str> =
        api.diagnostics.iter().filter(|d| d.message.contains("'Personal'")).map(|d| d.message.as_str()).collect();
    assert!(!personal.is_empty(), "{:#?}", api.diagnostics);
    assert!(personal[0].contains("[value_aliases.clientType]"), "{}", personal[0]);
}

#[test]
fn each_seed_alone_gives_the_merged_fields() {
    let merged = ir(&["specs/booster"]);
    for seed in SEEDS {
        let alone = ir(&[seed]);
        let errors: Vec<_> = alone.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{seed}: {errors:#?}");
        assert_eq!(alone.operations.len(), 1, "{seed}");
        let op = &alone.operations[0];
        let merged_op = merged
            .operations
            .iter()
            .find(|m| m.routes.first().map(|r| &r.path) == op.routes.first().map(|r| &r.path))
            .unwrap_or_else(|| panic!("{seed}: no merged operation with route {:?}", op.routes));
        assert_eq!(request_fields(&alone, &op.request), request_fields(&merged, &merged_op.request), "{seed}");
        let name = seed.rsplit('/').next().unwrap_or(seed).trim_end_matches(".txt");
        insta::assert_json_snapshot!(format!("seed_{name}"), snapshot_json(&alone));
    }
}

#[test]
fn html_fixture_matches_text_form() {
    let html = ir(&["tests/data/html/PatchCustomer.html"]);
    let text = ir(&[SEEDS[4]]);
    let strip = |api: &Api| {
        let mut v = serde_json::to_value(&api.types).unwrap();
        for t in v.as_array_mut().unwrap() {
            let t = t.as_object_mut().unwrap();
            t.remove("sources");
            for f in t["fields"].as_array_mut().unwrap() {
                f.as_object_mut().unwrap().remove("source");
            }
        }
        (v, serde_json::to_value(&api.operations[0].routes).unwrap(), api.operations[0].requires_auth)
    };
    assert_eq!(strip(&html), strip(&text));
    insta::assert_json_snapshot!("html_patch_customer", snapshot_json(&html));
}
