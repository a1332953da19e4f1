//! Issue 3: `generate` makes a crate that builds for every API in the real-pages fixtures, and
//! the generated code is snapshotted; the snapshotted crates are the ones compiled here, and
//! their doctests (builder examples, the pages' sample requests read back) run.

use std::path::{Path, PathBuf};

use booster_codegen::diag::Severity;
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::settings::Settings;
use booster_codegen::write::write_crate;

/// One crate per API; pages of one server version only.
const APIS: &[(&str, &[&str])] = booster_tests::FIXTURE_APIS;

fn generate(name: &str, pages: &[&str], dir: &Path) {
    let root = booster_tests::root();
    let paths: Vec<PathBuf> = pages.iter().map(|p| root.join("tests/data/real-pages").join(p)).collect();
    let api = booster_tests::ir_with(&paths, &Settings::default());
    let errors: Vec<String> =
        api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    let samples = booster_codegen::samples::samples_of(&booster_tests::facts(&paths));
    let (files, diags) =
        emit_crate(&api, &EmitOptions { crate_name: name.to_string(), standalone: false, samples: &samples });
    assert!(!diags.has_errors(), "{name}: {:#?}", diags.items);
    let mut all = String::new();
    for f in
        files.iter().filter(|f| !["src/runtime.rs", "src/operation.rs", "src/client.rs"].contains(&f.path.as_str()))
    {
        all.push_str(&format!("==> {} <==\n{}\n", f.path, f.contents));
    }
    insta::assert_snapshot!(format!("generated_{name}"), all);
    write_crate(&dir.join(name), &files, false).expect("crate written");
}

#[test]
fn every_fixture_api_generates_a_crate_that_builds() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let members: Vec<String> = APIS.iter().map(|(name, _)| format!("\"{name}\"")).collect();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    for (name, pages) in APIS {
        generate(name, pages, &dir);
    }
    // A value the pages do not list must not break a response.
    std::fs::create_dir_all(dir.join("pwc-dtos/tests")).unwrap();
    std::fs::write(
        dir.join("pwc-dtos/tests/unknown_enum_values.rs"),
        r#"use pwc_dtos::VatType;

#[test]
fn unknown_values_are_kept() {
    let known: VatType = serde_json::from_str("\"UStVA\"").unwrap();
    assert_eq!(known, VatType::UStVa);
    let new: VatType = serde_json::from_str("\"UStNew\"").unwrap();
    assert_eq!(new, VatType::Other("UStNew".to_string()));
    assert_eq!(serde_json::to_string(&new).unwrap(), "\"UStNew\"");
    assert_eq!(serde_json::to_string(&known).unwrap(), "\"UStVA\"");
}
"#,
    )
    .unwrap();
    let run = |args: &[&str]| booster_tests::cargo_in_generated(&dir, args);
    run(&["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    // With the client, every crate builds and lints clean too.
    run(&["clippy", "--workspace", "--all-targets", "--features", "client", "--quiet", "--", "-D", "warnings"]);
    run(&["test", "-p", "pwc-dtos", "--test", "unknown_enum_values", "--quiet"]);
    // A builder whose usual name a type has, with a field called `build` and one called `optional`.
    std::fs::create_dir_all(dir.join("variants-dtos/tests")).unwrap();
    std::fs::write(
        dir.join("variants-dtos/tests/builder_names.rs"),
        r#"use variants_dtos::{MakeThing, MakeThingBuilder, ThingPart};

#[test]
fn renamed_setters_build_the_request() {
    let part = ThingPart::builder().label("x").build();
    let thing: MakeThing = MakeThing::builder().optional(3).build_2("b").part(part.clone()).note("n").build();
    assert_eq!((thing.build.as_str(), thing.optional, thing.note.as_deref()), ("b", 3, Some("n")));
    assert_eq!(thing.part, part);
    // The type named like the builder is the response, untouched (read, as responses are:
    // it is `#[non_exhaustive]`, so no struct literal outside the crate).
    let response: MakeThingBuilder = serde_json::from_str("{\"id\":\"x\"}").unwrap();
    assert_eq!(response.id.as_deref(), Some("x"));
}
"#,
    )
    .unwrap();
    run(&["test", "-p", "variants-dtos", "--test", "builder_names", "--quiet"]);
    // A PascalCase and a camelCase server's JSON keep every value, acronyms included.
    std::fs::write(
        dir.join("variants-dtos/tests/acronym_casing.rs"),
        r##"use variants_dtos::GetArticleResponse;

#[test]
fn both_casings_keep_every_value() {
    for json in [
        r#"{"SKU":"s","GTIN":"g","EAN13":"e","UPC":"u","CardID":"c","Name":"n"}"#,
        r#"{"sku":"s","gtin":"g","eaN13":"e","upc":"u","cardID":"c","name":"n"}"#,
    ] {
        let r: GetArticleResponse = serde_json::from_str(json).unwrap();
        let all = [&r.sku, &r.gtin, &r.ea_n13, &r.upc, &r.card_id, &r.name];
        assert!(all.iter().all(|v| v.is_some()), "{json}: {r:?}");
    }
}
"##,
    )
    .unwrap();
    run(&["test", "-p", "variants-dtos", "--test", "acronym_casing", "--quiet"]);
    // The client of a crate other than Booster's, from sync code, against a server on 127.0.0.1:
    // a response with a field and an enum value the pages do not list still reads.
    std::fs::write(
        dir.join("variants-dtos/tests/client.rs"),
        r##"#![cfg(feature = "client")]

use std::io::{Read, Write};
use std::net::TcpListener;

use variants_dtos::{CreateItem, ItemKind, Level};

#[test]
fn a_new_field_and_enum_value_read_through_the_client() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // The head, then as many bytes as its Content-Length gives.
        let complete = |seen: &[u8]| {
            let text = String::from_utf8_lossy(seen);
            let Some((head, body)) = text.split_once("\r\n\r\n") else { return false };
            let length = head
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_string()))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            body.len() >= length
        };
        while !complete(&seen) {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "the request ended early");
            seen.extend_from_slice(&buf[..n]);
        }
        let body = r#"[{"id":1,"kind":"Huge","level":"High","addedLater":{"x":1}}]"#;
        let head =
            format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len());
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        String::from_utf8(seen).unwrap()
    });
    let client = variants_dtos::client::blocking::Client::new(url).unwrap();
    let items = client.send(&CreateItem::builder().id(7).build()).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, Some(ItemKind::Other("Huge".into())));
    assert_eq!(items[0].level, Some(Level::High));
    assert_eq!(items[0].id, Some(1));
    let request = server.join().unwrap();
    assert!(request.starts_with("POST /items HTTP/1.1\r\n"), "{request}");
    assert!(request.ends_with("\r\n\r\n{\"id\":7}"), "{request}");
}
"##,
    )
    .unwrap();
    run(&["test", "-p", "variants-dtos", "--features", "client", "--test", "client", "--quiet"]);
    // Every doc example: each request built from the page's example values (and sent with the
    // client, compiled), and each page's sample request read back as that API's crate reads it.
    run(&["test", "--workspace", "--doc", "--features", "client", "--quiet"]);
}

/// A type two operations answer with goes in `types`, not in either operation's module; a
/// response only one operation has goes in that operation's module.
#[test]
fn a_response_two_operations_share_is_in_types() {
    let variants = booster_tests::root().join("tests/data/variants");
    let pages = [variants.join("shared-response-a.txt"), variants.join("shared-response-b.txt")];
    let api = booster_tests::ir_with(&pages, &Settings::default());
    assert_eq!(api.operations.len(), 2, "{:?}", api.diagnostics);
    let (files, _) = emit_crate(&api, &EmitOptions { crate_name: "shared-dtos".into(), ..Default::default() });
    let defines = |path: &str, item: &str| {
        files.iter().find(|f| f.path == path).is_some_and(|f| f.contents.contains(&format!("pub struct {item} {{")))
    };
    assert!(defines("src/types.rs", "ThingResponse"));
    assert!(!defines("src/get_a.rs", "ThingResponse") && !defines("src/get_b.rs", "ThingResponse"));
    assert!(defines("src/get_a.rs", "GetA") && defines("src/get_b.rs", "GetB"));
}
