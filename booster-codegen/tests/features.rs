//! What a build gets from booster-codegen's features, as `cargo tree` resolves them (no build):
//! without `fetch`, no HTTP client; the crash-test hook (`kill-hook`) in no shipped build, only in
//! the test builds of `xtask`, whose kill tests need it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `cargo tree` run at the repository's root, one line per package or feature.
fn tree(args: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out =
        Command::new(cargo).arg("tree").args(args).args(["--prefix", "none"]).current_dir(repo()).output().unwrap();
    assert!(out.status.success(), "cargo tree {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

fn has(lines: &[String], what: &str) -> bool {
    lines.iter().any(|l| l.contains(what))
}

#[test]
fn without_fetch_the_library_has_no_http_client() {
    let format = ["-e", "normal", "--format", "{p}"];
    let plain = tree(&[&["-p", "booster-codegen", "--no-default-features"][..], &format].concat());
    assert!(has(&plain, "scraper"), "{plain:?}");
    for http in ["ureq ", "rustls ", "url ", "sha2 "] {
        assert!(!has(&plain, http), "{http}in {plain:?}");
    }
    let default = tree(&[&["-p", "booster-codegen"][..], &format].concat());
    assert!(has(&default, "ureq "), "{default:?}");
}

#[test]
fn the_kill_hook_is_in_no_shipped_build_and_in_the_xtask_tests() {
    let hook = "booster-codegen feature \"kill-hook\"";
    // What `cargo build`, `cargo install` and `cargo xtask` build: no dev-dependency.
    for package in ["booster-codegen", "xtask", "booster-tests"] {
        let shipped = tree(&["-p", package, "-e", "features,no-dev"]);
        assert!(has(&shipped, "booster-codegen v0.1.0"), "{package}: no booster-codegen in its tree");
        assert!(!has(&shipped, hook), "{package}: the kill hook in a build without dev-dependencies");
    }
    // `cargo test -p xtask` builds the dev-dependencies, and so the xtask binary its tests run
    // links booster-codegen with the hook (features unify within one build).
    assert!(has(&tree(&["-p", "xtask", "-e", "features"]), hook));
}
