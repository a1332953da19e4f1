//! The change report against `cargo semver-checks` (issue 21): for each kind of API change, a
//! small synthetic API is served as pages, read, and generated into a crate before and after the
//! change; `cargo semver-checks` compares the two crates (baseline: before) and the report
//! compares the two schemas. Where semver-checks finds a breaking change, the report must say
//! breaking; where the report says additive, semver-checks must find nothing. Each case also
//! states the mark the report gives, so a change in the emitter that moves a mark is seen.
//!
//! Needs `cargo-semver-checks` (`cargo install cargo-semver-checks --locked`; `.ci/run` installs
//! it). It builds rustdoc JSON on this stable toolchain by setting `RUSTC_BOOTSTRAP=1` for rustdoc.

use std::path::{Path, PathBuf};
use std::process::Command;

use booster_codegen::changes::{Change, compare, schema_json};
use booster_codegen::diag::Severity;
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::schema::{Api, EnumMember, Operation, TypeDef, TypeKind};
use booster_codegen::settings::Settings;
use booster_codegen::type_grammar::TypeRef;
use booster_codegen::write::write_crate;
use booster_tests::api_edit::{class, field, field_mut, remove_field};
use booster_tests::site::pages_from;

/// A request `name` on `POST /name`.
fn operation(name: &str, response: Option<&str>) -> Operation {
    booster_tests::api_edit::operation(name, response, "POST", &format!("/{}", name.to_lowercase()))
}

fn member(name: &str) -> EnumMember {
    EnumMember { name: name.into(), value: None, description: None }
}

/// Buy (a request holding a nested type and an enum, answered by BuyResponse) and Sell (no
/// response).
fn shop() -> Api {
    let mut colour = class("Colour", Vec::new());
    colour.kind = TypeKind::Enum;
    colour.members = vec![member("Red"), member("Blue")];
    Api {
        service: Some("Shop".into()),
        operations: vec![operation("Buy", Some("BuyResponse")), operation("Sell", None)],
        types: vec![
            class(
                "Buy",
                vec![
                    field("id", "int", true, "body"),
                    field("note", "string", false, "body"),
                    field("colour", "Colour", false, "body"),
                    field("part", "Part", false, "body"),
                ],
            ),
            class("Part", vec![field("label", "string", false, "body")]),
            class("BuyResponse", vec![field("receipt", "string", false, "body"), field("total", "int", true, "body")]),
            class("Sell", vec![field("id", "int", true, "body")]),
            colour,
        ],
        diagnostics: Vec::new(),
    }
}

fn ty<'a>(api: &'a mut Api, name: &str) -> &'a mut TypeDef {
    api.types.iter_mut().find(|t| t.name == name).expect("present")
}

/// The API as the pages rendered from it read: the schema a crate is generated from.
fn read_back(api: &Api) -> Api {
    let read = pages_from(api).iter().map(|(op, bytes)| read_page(&format!("{op}.html"), bytes)).collect();
    let read = merge(read, &Settings::default());
    let errors: Vec<String> =
        read.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    read
}

fn generate(api: &Api, dir: &Path) {
    let (files, diags) =
        emit_crate(api, &EmitOptions { crate_name: "shop-dtos".into(), standalone: true, samples: &[] });
    assert!(!diags.has_errors(), "{:#?}", diags.items);
    let _ = std::fs::remove_dir_all(dir);
    write_crate(dir, &files, false).expect("crate written");
}

/// Runs `cargo semver-checks` on `after` with `before` as its baseline: the lints that failed,
/// none when it finds nothing breaking.
fn semver_checks(before: &Path, after: &Path) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .args(["semver-checks", "--baseline-root"])
        .arg(before)
        .arg("--manifest-path")
        .arg(after.join("Cargo.toml"))
        // Not the heuristic's every feature: the client's would build reqwest and tokio for no
        // type the API defines.
        .args(["--default-features", "--release-type", "minor", "--color", "never"])
        .env("CARGO_TARGET_DIR", booster_tests::root().join("target/semver-crates"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed: Vec<String> = stdout
        .lines()
        .chain(stderr.lines())
        .filter_map(|l| l.strip_prefix("--- failure "))
        .map(|l| l.split(':').next().unwrap_or(l).to_string())
        .collect();
    // Exit 1 with failed lints is a breaking change found; any other failure is the tool's.
    assert!(
        out.status.success() || !failed.is_empty(),
        "cargo semver-checks failed to run (install it: cargo install cargo-semver-checks --locked):\n{stdout}\n{stderr}"
    );
    failed
}

struct Case {
    name: &'static str,
    edit: fn(&mut Api),
    /// The report's mark: breaking or not.
    breaking: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "optional field added to a request",
        edit: |a| ty(a, "Buy").fields.push(field("gift", "bool", false, "body")),
        breaking: false,
    },
    Case {
        name: "optional field added to a nested request type",
        edit: |a| ty(a, "Part").fields.push(field("size", "int", false, "body")),
        breaking: false,
    },
    Case {
        name: "required field added to a request",
        edit: |a| ty(a, "Buy").fields.push(field("qty", "int", true, "body")),
        breaking: true,
    },
    Case {
        name: "optional field added to a response",
        edit: |a| ty(a, "BuyResponse").fields.push(field("tax", "decimal", false, "body")),
        breaking: false,
    },
    Case {
        name: "required field added to a response",
        edit: |a| ty(a, "BuyResponse").fields.push(field("count", "int", true, "body")),
        breaking: false,
    },
    Case { name: "field removed", edit: |a| remove_field(a, "Buy", "note"), breaking: true },
    Case { name: "field renamed", edit: |a| field_mut(a, "Buy", "note").name = "comment".into(), breaking: true },
    Case {
        name: "field retyped",
        edit: |a| {
            let f = field_mut(a, "Buy", "note");
            f.type_name = "int".into();
            f.ty = TypeRef::parse("int").expect("parses");
        },
        breaking: true,
    },
    Case { name: "request field made optional", edit: |a| field_mut(a, "Buy", "id").required = false, breaking: true },
    Case { name: "request field made required", edit: |a| field_mut(a, "Buy", "note").required = true, breaking: true },
    Case { name: "enum member added", edit: |a| ty(a, "Colour").members.push(member("Green")), breaking: false },
    Case {
        name: "enum member removed",
        edit: |a| {
            ty(a, "Colour").members.remove(0);
        },
        breaking: true,
    },
    Case {
        name: "operation added",
        edit: |a| {
            a.operations.push(operation("Refund", None));
            a.types.push(class("Refund", vec![field("id", "int", true, "body")]));
        },
        breaking: false,
    },
    Case {
        name: "operation removed",
        edit: |a| {
            a.operations.retain(|o| o.name != "Sell");
            a.types.retain(|t| t.name != "Sell");
        },
        breaking: true,
    },
    Case {
        name: "type renamed",
        edit: |a| {
            ty(a, "Part").name = "Piece".into();
            let f = field_mut(a, "Buy", "part");
            f.type_name = "Piece".into();
            f.ty = TypeRef::parse("Piece").expect("parses");
        },
        breaking: true,
    },
    // A second operation answered by BuyResponse moves it from `buy` to `types`.
    Case {
        name: "operation added sharing a response",
        edit: |a| {
            a.operations.push(operation("Rebuy", Some("BuyResponse")));
            a.types.push(class("Rebuy", vec![field("id", "int", true, "body")]));
        },
        breaking: true,
    },
];

#[test]
fn the_report_agrees_with_cargo_semver_checks() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("semver");
    let before_api = read_back(&shop());
    let before = dir.join("before");
    generate(&before_api, &before);
    let kept = schema_json(&before_api);
    let mut disagreements = Vec::new();
    let mut table = Vec::new();
    for case in CASES {
        let mut edited = shop();
        (case.edit)(&mut edited);
        let after_api = read_back(&edited);
        let after = dir.join("after");
        generate(&after_api, &after);
        let changes = compare(&kept, &after_api).expect("api.json reads");
        assert!(!changes.is_empty(), "{}: the report names no change", case.name);
        let report_breaking = changes.iter().any(Change::breaking);
        let failed = semver_checks(&before, &after);
        let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
        table.push(format!("{:45} report {:8} semver-checks {:?}", case.name, mark(report_breaking), failed));
        if !failed.is_empty() && !report_breaking {
            disagreements.push(format!("{}: semver-checks finds {failed:?}, the report says {lines:#?}", case.name));
        }
        if failed.is_empty() && report_breaking && !case.breaking {
            disagreements
                .push(format!("{}: the report says breaking, semver-checks finds nothing: {lines:#?}", case.name));
        }
        if report_breaking != case.breaking {
            disagreements.push(format!(
                "{}: the report says {}, expected {}: {lines:#?}",
                case.name,
                mark(report_breaking),
                mark(case.breaking)
            ));
        }
    }
    println!("{}", table.join("\n"));
    assert!(disagreements.is_empty(), "{}\n\n{}", table.join("\n"), disagreements.join("\n"));
}

fn mark(breaking: bool) -> &'static str {
    if breaking { "breaking" } else { "additive" }
}
