//! The change report over a live API: a server on 127.0.0.1 serves the Booster API in
//! ServiceStack's HTML template; we fetch, read, then change the served API and check that the
//! report names exactly what changed, each change marked breaking or not.

use std::path::PathBuf;
use std::time::Duration;

use booster_codegen::changes::{Change, Kind, compare, report, schema_json};
use booster_codegen::fetch::{FetchOptions, fetch};
use booster_codegen::load::load;
use booster_codegen::schema::Api;
use booster_codegen::type_grammar::TypeRef;
use booster_tests::api_edit::{add_operation, field, field_mut, remove_field};
use booster_tests::ir;
use booster_tests::site::{Site, pages_from};

fn options(site: &Site) -> FetchOptions {
    FetchOptions {
        base_url: site.base_url.clone(),
        read_timeout: Duration::from_secs(5),
        backoff: Duration::from_millis(10),
        ..FetchOptions::default()
    }
}

/// Fetches the site into `out` and reads what arrived.
fn fetch_and_read(site: &Site, out: &PathBuf) -> (Api, usize) {
    let fetched = fetch(&options(site), out).expect("fetch succeeds");
    (load(std::slice::from_ref(out), None).expect("pages load").api, fetched.written.len())
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("change-report").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn an_unchanged_api_reports_nothing_and_writes_nothing() {
    let api = ir(&["specs/booster"]);
    let site = Site::start("Booster", pages_from(&api));
    let out = scratch("unchanged");
    let (first, _) = fetch_and_read(&site, &out);
    assert_eq!(first.operations.len(), 3);
    let kept = schema_json(&first);
    let (second, written) = fetch_and_read(&site, &out);
    assert_eq!(written, 0);
    let changes = compare(&kept, &second).unwrap();
    assert!(changes.is_empty(), "{changes:?}");
    assert_eq!(report(&changes, "api.json"), "");
}

#[test]
fn an_additive_change_is_reported_as_not_breaking() {
    let mut api = ir(&["specs/booster"]);
    let site = Site::start("Booster", pages_from(&api));
    let out = scratch("additive");
    let kept = schema_json(&fetch_and_read(&site, &out).0);

    add_operation(&mut api);
    api.types.iter_mut().find(|t| t.name == "Phone").unwrap().fields.push(field("extension", "string", false, "form"));
    site.set_pages(pages_from(&api));
    let (now, _) = fetch_and_read(&site, &out);
    let changes = compare(&kept, &now).unwrap();
    assert_eq!(
        changes.iter().map(|c| c.kind.clone()).collect::<Vec<_>>(),
        vec![
            Kind::OperationAdded { operation: "GetCustomerStatus".into() },
            Kind::FieldAdded {
                ty: "Phone".into(),
                field: "extension".into(),
                type_name: "string".into(),
                required: false
            },
        ]
    );
    assert!(changes.iter().all(|c| !c.breaking()), "{changes:#?}");
    assert_eq!(
        report(&changes, "api.json"),
        "API changes since api.json: 2 (0 breaking, 2 additive)\n  additive: operation GetCustomerStatus added\n  additive: field Phone.extension added (optional string)\n"
    );
}

#[test]
fn a_breaking_change_is_marked() {
    let mut api = ir(&["specs/booster"]);
    let site = Site::start("Booster", pages_from(&api));
    let out = scratch("breaking");
    let kept = schema_json(&fetch_and_read(&site, &out).0);

    let notes = field_mut(&mut api, "Event", "eventNotes");
    notes.type_name = "int".into();
    notes.ty = TypeRef::parse("int").unwrap();
    remove_field(&mut api, "Address", "poBox");
    field_mut(&mut api, "Address", "city").required = true;
    site.set_pages(pages_from(&api));
    let (now, _) = fetch_and_read(&site, &out);
    let changes = compare(&kept, &now).unwrap();
    assert_eq!(
        changes.iter().map(|c| c.kind.clone()).collect::<Vec<_>>(),
        vec![
            Kind::FieldRequiredChanged { ty: "Address".into(), field: "city".into(), required: true },
            Kind::FieldRemoved { ty: "Address".into(), field: "poBox".into() },
            Kind::FieldRetyped {
                ty: "Event".into(),
                field: "eventNotes".into(),
                old: "string".into(),
                new: "int".into()
            },
        ]
    );
    assert!(changes.iter().all(Change::breaking));
    let text = report(&changes, "api.json");
    assert!(text.starts_with("API changes since api.json: 3 (3 breaking, 0 additive)\n"), "{text}");
    assert!(text.contains("  breaking: field Event.eventNotes retyped: string -> int\n"), "{text}");
}
