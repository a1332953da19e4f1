//! The command line contract: `ir` prints the schema as JSON, diagnostics go to stderr as
//! `file:line: severity: message`, and the exit code says 0 (warnings only), 1 (errors) or 2
//! (bad usage). `generate` writes a crate, and nothing when the pages have errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_booster-codegen")).args(args).current_dir(repo()).output().unwrap()
}

#[test]
fn ir_prints_the_schema_and_diagnostics() {
    let out = run(&["ir", "specs/booster"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let api: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let op = &api["operations"][0];
    for key in ["name", "request", "response", "routes", "requires_auth"] {
        assert!(op.get(key).is_some(), "operation.{key}");
    }
    for key in ["verbs", "path", "summary", "notes"] {
        assert!(op["routes"][0].get(key).is_some(), "route.{key}");
    }
    let ty = &api["types"][0];
    for key in ["name", "kind", "base", "fields", "members"] {
        assert!(ty.get(key).is_some(), "type.{key}");
    }
    for key in ["name", "type", "required", "param", "description"] {
        assert!(ty["fields"][0].get(key).is_some(), "field.{key}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap();
    assert!(first.starts_with("specs/booster/002_aa8d65597bddc47b.txt:12: warning: "), "{first}");
    assert_eq!(api["diagnostics"].as_array().unwrap().len(), stderr.lines().count());
}

#[test]
fn errors_exit_1_and_bad_usage_exits_2() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-errors");
    std::fs::create_dir_all(&dir).unwrap();
    // Two pages whose tables of one type differ: an error.
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "<back to all web services\n\nOne\nThe following routes are available for this service:\nPOST/one\nOne Parameters:\nNameParameterData TypeRequiredDescription\nxbodyintYes\nShared Parameters:\nNameParameterData TypeRequiredDescription\nyformintNo\n").unwrap();
    std::fs::write(&b, "<back to all web services\n\nTwo\nThe following routes are available for this service:\nPOST/two\nTwo Parameters:\nNameParameterData TypeRequiredDescription\nxbodyintYes\nShared Parameters:\nNameParameterData TypeRequiredDescription\nzformintNo\n").unwrap();
    let out = run(&["ir", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: two different types are both called `Shared`"), "{stderr}");

    let target = dir.join("crate");
    let out = run(&["generate", a.to_str().unwrap(), b.to_str().unwrap(), "--out", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists(), "nothing is written when the pages have errors");

    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["ir"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate", "x"]).status.code(), Some(2));
    assert_eq!(run(&["ir", "no/such/dir"]).status.code(), Some(2));
    assert_eq!(run(&["generate", "specs/booster"]).status.code(), Some(2), "--out is required");
}

#[test]
fn generate_writes_a_standalone_crate() {
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-generate");
    let _ = std::fs::remove_dir_all(&out_dir);
    let out =
        run(&["generate", "tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let manifest = std::fs::read_to_string(out_dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"tax-filing-service-dtos\""), "{manifest}");
    assert!(manifest.contains("[workspace]"), "standalone");
    assert!(out_dir.join("src/get_definition_keys.rs").exists());
}
