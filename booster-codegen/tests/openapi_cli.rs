//! `booster-codegen openapi`: the export on stdout or in `--out FILE`, the same bytes `cargo
//! xtask regen` commits; it never overwrites a file it did not write, and writes nothing when the
//! pages have errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_booster-codegen")).args(args).current_dir(repo()).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn stdout_and_out_file_hold_the_committed_export() {
    let committed = std::fs::read_to_string(repo().join("booster-dtos/openapi.json")).unwrap();
    let out = run(&["openapi", "specs/booster"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout) == committed, "stdout differs from booster-dtos/openapi.json");

    let file = scratch("openapi-out").join("api.json");
    let out = run(&["openapi", "specs/booster", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&file).unwrap() == committed);
    // Its own export it overwrites.
    std::fs::write(&file, committed.replace("Richemont", "Old")).unwrap();
    let out = run(&["openapi", "specs/booster", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&file).unwrap() == committed);
}

#[test]
fn a_file_it_did_not_write_is_left_alone() {
    let file = scratch("openapi-foreign").join("notes.json");
    std::fs::write(&file, "{\"mine\": true}").unwrap();
    let out = run(&["openapi", "specs/booster", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notes.json: exists and was not written by `openapi`"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{\"mine\": true}");
}

#[test]
fn pages_with_errors_write_nothing() {
    let dir = scratch("openapi-errors");
    let page = |op: &str, other: &str| {
        format!(
            "<back to all web services\n\n{op}\nThe following routes are available for this service:\nPOST/{op}\n{op} Parameters:\nNameParameterData TypeRequiredDescription\nxbodyintYes\nShared Parameters:\nNameParameterData TypeRequiredDescription\n{other}formintNo\n"
        )
    };
    std::fs::write(dir.join("a.txt"), page("One", "y")).unwrap();
    std::fs::write(dir.join("b.txt"), page("Two", "z")).unwrap();
    let file = dir.join("api.json");
    let out = run(&[
        "openapi",
        dir.join("a.txt").to_str().unwrap(),
        dir.join("b.txt").to_str().unwrap(),
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!file.exists());
}
