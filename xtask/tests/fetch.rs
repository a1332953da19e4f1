//! `cargo xtask regen --fetch` against a server on 127.0.0.1 serving the Booster API in
//! ServiceStack's HTML template: an unchanged API writes and reports nothing; a changed one
//! (an operation added, a field retyped, a field dropped) is reported exactly, with breaking
//! changes marked, and the regenerated crate builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use booster_tests::api_edit::add_retype_drop;
use booster_tests::ir;
use booster_tests::site::{Site, pages_from};

mod common;
use common::{copy_dir, repo};

/// A copy of `specs/` and `booster-dtos/` whose settings point at `base_url`.
fn scratch(name: &str, base_url: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&repo().join("specs"), &dir.join("specs"));
    copy_dir(&repo().join("booster-dtos"), &dir.join("booster-dtos"));
    let settings = dir.join("specs/booster/settings.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let text: String = text
        .lines()
        .map(|l| if l.starts_with("base_url") { format!("base_url = \"{base_url}\"\n") } else { format!("{l}\n") })
        .collect();
    std::fs::write(settings, text).unwrap();
    dir
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).arg("regen").args(args).arg("--root").arg(root).output().unwrap()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The change report's lines in `stdout`.
fn report(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout.lines().filter(|l| l.starts_with("API changes") || l.starts_with("  ")).map(|l| format!("{l}\n")).collect()
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["", "src"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_file() {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn regen_fetch_reports_what_changed_on_the_server() {
    let mut api = ir(&["specs/booster"]);
    let site = Site::start("Richemont.Booster2.PublicApi", pages_from(&api));
    let root = scratch("regen-fetch", &site.base_url);

    // First fetch: the committed crate came from the saved text pages; whatever differs is
    // reported, and regen writes the crate from the fetched pages.
    let first = xtask(&root, &["--fetch"]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("fetch: 3 operations, 3 pages, 4 files written"));
    eprintln!("first regen --fetch against the saved pages:\n{}", text(&first));
    assert!(root.join("specs/booster/fetched/fetch-manifest.json").is_file());

    // Unchanged API: nothing written, nothing reported.
    let dtos = files(&root.join("booster-dtos"));
    let again = xtask(&root, &["--fetch"]);
    assert!(again.status.success(), "{}", text(&again));
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(stdout.starts_with("fetch: 3 operations, 3 pages, 0 files written, 0 removed\n"), "{stdout}");
    assert!(stdout.contains(" 0 files written, 0 removed,"), "{stdout}");
    assert_eq!(report(&again), "");
    assert_eq!(files(&root.join("booster-dtos")), dtos);
    // Offline, plain regen reads the fetched pages and agrees.
    assert!(xtask(&root, &["--check"]).status.success());

    // The server's API changes.
    add_retype_drop(&mut api);
    site.set_pages(pages_from(&api));
    let expected = "API changes since booster-dtos/api.json: 3 (2 breaking, 1 additive)
  breaking: field Address.poBox removed
  breaking: field Event.eventNotes retyped: string -> int
  additive: operation GetCustomerStatus added
";
    let check = xtask(&root, &["--fetch", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert_eq!(report(&check), expected, "{}", text(&check));
    assert!(String::from_utf8_lossy(&check.stderr).contains("the API changed (3 change(s) above)"));
    assert_eq!(files(&root.join("booster-dtos")), dtos, "--check wrote to booster-dtos");

    let regen = xtask(&root, &["--fetch"]);
    assert!(regen.status.success(), "{}", text(&regen));
    assert_eq!(report(&regen), expected, "{}", text(&regen));
    assert!(root.join("booster-dtos/src/get_customer_status.rs").is_file());
    let check = xtask(&root, &["--check"]);
    assert!(check.status.success(), "{}", text(&check));
    assert_eq!(report(&check), "");

    // The regenerated crate builds.
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"booster-dtos\"]\n").unwrap();
    std::fs::copy(repo().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "-p", "booster-dtos"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", repo().join("target/generated-crates"))
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", text(&build));
}

#[test]
fn a_failed_fetch_changes_nothing() {
    let site = Site::start("Richemont.Booster2.PublicApi", pages_from(&ir(&["specs/booster"])));
    let base_url = site.base_url.clone();
    let root = scratch("regen-fetch-fails", &base_url);
    assert!(xtask(&root, &["--fetch"]).status.success());
    let specs = files(&root.join("specs/booster/fetched"));
    let dtos = files(&root.join("booster-dtos"));
    drop(site); // the server is gone: connections are refused
    let out = xtask(&root, &["--fetch"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{base_url}/metadata")) && stderr.contains("was left as it was"), "{stderr}");
    assert_eq!(files(&root.join("specs/booster/fetched")), specs);
    assert_eq!(files(&root.join("booster-dtos")), dtos);

    // No base_url: the error names the settings file.
    let settings = root.join("specs/booster/settings.toml");
    let without: String = std::fs::read_to_string(&settings)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&settings, without).unwrap();
    let out = xtask(&root, &["--fetch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("settings.toml: no base_url"), "{}", text(&out));
}

/// `regen --fetch` that sends itself SIGKILL before its `n`-th file-system step (the writer's
/// hook, compiled in through the `kill-hook` feature this crate's dev-dependency enables).
fn xtask_killed_at(root: &Path, n: usize) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--fetch", "--root"])
        .arg(root)
        .env("BOOSTER_CODEGEN_KILL_AT", n.to_string())
        .output()
        .unwrap()
}

/// The fetched pages and manifest, without what the writer keeps while it works (hidden names).
fn pages(root: &Path) -> BTreeMap<String, Vec<u8>> {
    files(&root.join("specs/booster/fetched"))
        .into_iter()
        .map(|(p, bytes)| (p.file_name().unwrap().to_string_lossy().into_owned(), bytes))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect()
}

/// `regen --fetch` killed before each of its file-system steps in turn, into a directory holding
/// an earlier fetch's pages and into none: the directory then holds the old pages or the new
/// ones, or a journal (and plain regen refuses to read it), never a mix it would read; the next
/// `regen --fetch` leaves wholly the new pages and says what it finished.
#[test]
fn regen_fetch_killed_at_every_step_leaves_the_old_pages_or_the_new_ones() {
    use std::os::unix::process::ExitStatusExt;
    let mut api = ir(&["specs/booster"]);
    let site = Site::start("Richemont.Booster2.PublicApi", pages_from(&api));
    for earlier in [true, false] {
        let base = scratch(&format!("fetch-kill-base-{earlier}"), &site.base_url);
        site.set_pages(pages_from(&ir(&["specs/booster"])));
        if earlier {
            assert!(xtask(&base, &["--fetch"]).status.success());
        }
        let old = pages(&base);
        // The server's API changes: an operation added, a field retyped and one dropped, and an
        // operation gone (a page to remove).
        api = ir(&["specs/booster"]);
        add_retype_drop(&mut api);
        let mut changed = pages_from(&api);
        changed.remove("ExportCustomer");
        site.set_pages(changed);
        let whole = base.with_file_name(format!("fetch-kill-whole-{earlier}"));
        let _ = std::fs::remove_dir_all(&whole);
        copy_dir(&base, &whole);
        assert!(xtask(&whole, &["--fetch"]).status.success());
        let new = pages(&whole);
        assert_ne!(old, new);

        let (mut killed, mut before_the_pages) = (0, 0);
        for n in 0..200 {
            let dir = base.with_file_name(format!("fetch-killed-{earlier}-at-{n}"));
            let _ = std::fs::remove_dir_all(&dir);
            copy_dir(&base, &dir);
            let out = xtask_killed_at(&dir, n);
            if out.status.success() {
                assert_eq!(pages(&dir), new, "earlier {earlier}, step {n}: the whole run");
                break;
            }
            assert_eq!(out.status.signal(), Some(9), "earlier {earlier}, step {n}: {}", text(&out));
            killed += 1;
            let journal = dir.join("specs/booster/fetched/.booster-codegen-journal").exists();
            let now = pages(&dir);
            assert!(now == old || now == new || journal, "earlier {earlier}, step {n}: a mix of old and new pages");
            before_the_pages += usize::from(now != new);
            if journal {
                let offline = xtask(&dir, &["--check"]);
                assert_eq!(offline.status.code(), Some(1), "earlier {earlier}, step {n}");
                assert!(text(&offline).contains("interrupted write"), "{}", text(&offline));
            }
            let again = xtask(&dir, &["--fetch"]);
            assert!(again.status.success(), "earlier {earlier}, step {n}: {}", text(&again));
            assert_eq!(pages(&dir), new, "earlier {earlier}, step {n}: the next fetch did not leave the new pages");
            if journal {
                assert!(text(&again).contains("was interrupted"), "step {n}: the next fetch did not say so");
            }
        }
        assert!(killed >= 8, "earlier {earlier}: only {killed} steps were killed");
        // The fetch's own steps were killed, not only the regen's after it.
        assert!(before_the_pages >= 6, "earlier {earlier}: only {before_the_pages} kills came before the new pages");
    }
}
