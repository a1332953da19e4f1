//! Helpers for the end-to-end tests in `tests/tests/`: read pages by their path from the
//! repository root, so diagnostics and snapshots name files the same way on every machine.

pub mod api_edit;
pub mod http_stub;
pub mod site;

use std::path::{Path, PathBuf};

use booster_codegen::load::{display_path, find_pages, read_settings};
use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::schema::Api;
use booster_codegen::settings::Settings;

/// Runs `tests/openapi_check.py` (openapi-spec-validator and jsonschema, tools we did not write)
/// on these OpenAPI files in one Python process; its report, keyed by file. With `spec_only`,
/// only the OpenAPI 3.1 schema is checked, not the samples and examples against their schemas.
/// Fails, saying how to install them, when Python or the validators are missing.
pub fn openapi_check(files: &[PathBuf], spec_only: bool) -> serde_json::Value {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = root().join("tests/openapi_check.py");
    let mut command = std::process::Command::new(&python);
    command.arg(&script);
    if spec_only {
        command.arg("--spec-only");
    }
    let out = command.args(files).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{python}` ({e}): these tests need Python 3 with openapi-spec-validator and jsonschema \
             (python3 -m pip install openapi-spec-validator jsonschema; .ci/run installs them)"
        )
    });
    assert!(
        out.status.success(),
        "{} failed: {}\n(install the validators with: python3 -m pip install openapi-spec-validator jsonschema)",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the checker prints JSON")
}

/// Every `$ref` of an OpenAPI document, outside examples' literal values (a property named
/// `$ref` is a name, not a reference).
pub fn openapi_refs(doc: &serde_json::Value) -> Vec<&str> {
    use serde_json::Value;
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("$ref", Value::String(r)) => out.push(r),
                        ("value", _) => {} // an example's literal value
                        ("properties", Value::Object(props)) => props.values().for_each(|p| refs(p, out)),
                        _ => refs(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    refs(doc, &mut found);
    found
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Reads and merges the pages at `paths` (relative to the root; files or directories).
pub fn ir(paths: &[&str]) -> Api {
    let root = root();
    let abs: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    let (pages, settings_path) = find_pages(&abs).expect("test pages exist");
    let settings = settings_path.map(|p| read_settings(&p).expect("settings parse")).unwrap_or_default();
    ir_with(&pages, &settings)
}

/// Reads and merges these page files with these settings.
pub fn ir_with(pages: &[PathBuf], settings: &Settings) -> Api {
    let root = root();
    let read = pages
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("page readable");
            let shown = display_path(p.strip_prefix(&root).unwrap_or(p));
            read_page(&shown, &bytes)
        })
        .collect();
    merge(read, settings)
}

/// JSON values compared as a ServiceStack server reads them: dates as instants, Guids as Guids,
/// numbers as numbers. `parse_date` reads a date in any wire form.
pub fn same_wire_value(
    a: &serde_json::Value,
    b: &serde_json::Value,
    parse_date: &dyn Fn(&str) -> Option<i128>,
) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_wire_value(v, w, parse_date)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_wire_value(v, w, parse_date))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x == y => true,
        (Value::String(x), Value::String(y)) => {
            let guid = |s: &str| uuid::Uuid::parse_str(s).ok();
            (parse_date(x).is_some() && parse_date(x) == parse_date(y)) || (guid(x).is_some() && guid(x) == guid(y))
        }
        (x, y) => x == y,
    }
}

/// The fixture APIs, pages named relative to `tests/data/real-pages/`, one per server (pages of
/// one server version only), as `generate_fixtures.rs` and `openapi.rs` group them.
pub const FIXTURE_APIS: &[(&str, &[&str])] = &[
    ("kruitbosch-acc-dtos", &["kruitbosch-acc_OrderHeaders_json.txt", "kruitbosch-acc_OrderHeaders_jsv.txt"]),
    (
        "kruitbosch-dtos",
        &["kruitbosch_OrderHeaders_json_tables-rendering_crawlA.txt", "kruitbosch_OrderHeaders_jsv_samples-only.txt"],
    ),
    ("kruitbosch-b-dtos", &["kruitbosch_OrderHeaders_json_tables-rendering_crawlB_truncated.txt"]),
    (
        "pwc-dtos",
        &[
            "pwc_GetDefinitionKeys_csv_tables-rendering.txt",
            "pwc_GetDefinitionKeys_json_mixed-rendering.txt",
            "pwc_GetDefinitionKeys_jsv.txt",
            "pwc_GetDefinitionKeys_x-msgpack_tables-rendering.txt",
        ],
    ),
    ("blazor-gallery-dtos", &["ss-blazorgallery_HelloAllTypes_jsonl_truncated.txt"]),
    // Variants written here (list responses from code tabs, a `|` in a text-form description).
    (
        "variants-dtos",
        &[
            "../variants/csharp-list-response.txt",
            "../variants/typescript-list-response.txt",
            "../variants/pipe-in-text-description.txt",
            "../variants/csharp-stream-and-string-responses.txt",
            // A field called `build`, a required field called `optional`, a type named like the builder.
            "../variants/csharp-builder-names.txt",
            // A base whose two fields get one Rust name: its `From` conversion names both.
            "../variants/csharp-base-field-names-collide.txt",
            // Acronym fields (`SKU`, `EAN13`) a camelCase sample spells as ServiceStack does.
            "../variants/acronym-fields-camel-sample.txt",
        ],
    ),
    (
        "ss-test-dtos",
        &[
            "ss-test_AltQueryItems_jsv_tables-rendering.txt",
            "ss-test_EchoComplexTypes_jsv.txt",
            "ss-test_EchoComplexTypes_jsv_python.txt",
            "ss-test_HelloAllTypes_json_truncated.txt",
            "ss-test_HelloQueryResponse_csv_tables-rendering.txt",
            "ss-test_MetadataTest_json_samples-only.txt",
            "ss-test_Ping_jsv_vbnet_tables-rendering.txt",
            "ss-test_RealDeleteAuditTenant_jsv_tables-rendering.txt",
            "ss-test_StoreRockstars_json_csharp_tables-rendering.txt",
            "ss-test_StoreRockstars_json_tables-rendering.txt",
            "ss-test_TestDataAllTypes_jsonl_tables-rendering_truncated.txt",
            "ss-test_TestDataAllTypes_jsv_tables-rendering_truncated.txt",
        ],
    ),
];

/// What each page says, named as [`ir_with`] names the pages (for what the merged schema does
/// not keep, such as sample bodies).
pub fn facts(pages: &[PathBuf]) -> Vec<booster_codegen::facts::PageFacts> {
    let root = root();
    pages
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("page readable");
            read_page(&display_path(p.strip_prefix(&root).unwrap_or(p)), &bytes).0
        })
        .collect()
}

/// The names of the `.txt` files in `dir` (relative to the root), sorted.
pub fn txt_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
        .expect("test directory exists")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// Runs cargo with `args` in the generated crates' workspace `dir`, in the target directory all
/// generated crates share (their dependencies built once), and fails with its output.
pub fn cargo_in_generated(dir: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(&cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/generated-crates"))
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
}
