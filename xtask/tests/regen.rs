//! `cargo xtask regen` on a copy of the repository: a new page yields its types with no hand
//! edits, `--check` names stale files and writes nothing, and a failed read changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{copy_dir, repo};

/// A copy of `specs/` and `booster-dtos/` in a fresh directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&repo().join("specs"), &dir.join("specs"));
    copy_dir(&repo().join("booster-dtos"), &dir.join("booster-dtos"));
    dir
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).arg("regen").args(args).arg("--root").arg(root).output().unwrap()
}

/// `regen` that sends itself SIGKILL before its `n`-th file-system step (the write's
/// `BOOSTER_CODEGEN_KILL_AT` hook, compiled in through the `kill-hook` feature this crate's
/// dev-dependency enables).
fn xtask_killed_at(root: &Path, n: usize) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--root"])
        .arg(root)
        .env("BOOSTER_CODEGEN_KILL_AT", n.to_string())
        .output()
        .unwrap()
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["", "src"] {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        files.sort();
        out.extend(files.into_iter().map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        }));
    }
    out
}

#[test]
fn the_committed_crate_is_current() {
    let out = xtask(&repo(), &["--check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_new_page_yields_its_types() {
    let dir = scratch("new-page");
    let page = repo().join("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt");
    std::fs::copy(page, dir.join("specs/booster/pwc_GetDefinitionKeys_jsv.txt")).unwrap();

    let check = xtask(&dir, &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("get_definition_keys.rs"), "{stderr}");
    assert!(stderr.contains("error: the API changed"), "{stderr}");

    let out = xtask(&dir, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stdout);
    // The change report comes first: the new operation (and the types only it uses) added.
    assert!(summary.starts_with("API changes since booster-dtos/api.json: "), "{summary}");
    assert!(summary.contains("  additive: operation GetDefinitionKeys added\n"), "{summary}");
    assert!(!summary.contains("breaking:"), "{summary}");
    assert!(summary.lines().any(|l| l.starts_with("regen: 4 operations,")), "{summary}");
    let module = std::fs::read_to_string(dir.join("booster-dtos/src/get_definition_keys.rs")).unwrap();
    assert!(module.contains("pub struct GetDefinitionKeys {"), "{module}");
    assert!(std::fs::read_to_string(dir.join("booster-dtos/src/types.rs")).unwrap().contains("pub enum VatType"));
    assert!(xtask(&dir, &["--check"]).status.success());

    // Regenerating again touches nothing.
    let before = snapshot(&dir.join("booster-dtos"));
    let again = xtask(&dir, &[]);
    assert!(String::from_utf8_lossy(&again.stdout).contains(" 0 files written"));
    assert_eq!(before, snapshot(&dir.join("booster-dtos")));
}

#[test]
fn a_failed_read_leaves_the_crate_as_it_was() {
    let dir = scratch("failed-read");
    let before = snapshot(&dir.join("booster-dtos"));
    std::fs::write(dir.join("specs/booster/settings.toml"), "not = [valid").unwrap();
    let out = xtask(&dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(before, snapshot(&dir.join("booster-dtos")));
}

#[test]
fn check_writes_nothing() {
    let dir = scratch("check-only");
    std::fs::write(dir.join("booster-dtos/src/types.rs"), "// edited by hand\n").unwrap();
    let before = snapshot(&dir.join("booster-dtos"));
    let out = xtask(&dir, &["--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("types.rs"));
    assert_eq!(before, snapshot(&dir.join("booster-dtos")));
}

#[test]
fn a_staging_path_the_writer_did_not_make_is_refused() {
    let dir = scratch("foreign-staging");
    let before = snapshot(&dir.join("booster-dtos"));
    // A new page changes several files; where the writer stages them is a user's file.
    std::fs::copy(
        repo().join("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt"),
        dir.join("specs/booster/pwc_GetDefinitionKeys_jsv.txt"),
    )
    .unwrap();
    let staging = dir.join("booster-dtos/.booster-codegen-staging");
    std::fs::write(&staging, "mine").unwrap();
    let out = xtask(&dir, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".booster-codegen-staging is not a directory"));
    assert_eq!(std::fs::read_to_string(&staging).unwrap(), "mine");
    std::fs::remove_file(&staging).unwrap();
    assert_eq!(before, snapshot(&dir.join("booster-dtos")), "no file changed");
}

/// The crate's files by name, without the journal (staged files are in a directory of their own).
fn crate_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir)
        .into_iter()
        .map(|(p, bytes)| (p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), bytes))
        .filter(|(name, _)| !name.contains(".booster-codegen-journal"))
        .collect()
}

/// Every file, staged ones (under `.booster-codegen-staging/`) and the journal included, by name.
fn all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), bytes));
            }
        }
    }
    out.sort();
    out
}

/// `cargo xtask regen` killed with SIGKILL before each of its file-system steps in turn (the
/// write's `BOOSTER_CODEGEN_KILL_AT` hook): the crate is then wholly the old one, or a journal
/// says the write was under way; `--check` writes nothing; the next regen says what it found and
/// leaves wholly the new crate.
#[test]
fn regen_killed_at_every_step_leaves_the_old_crate_or_the_next_run_finishes_the_new_one() {
    use std::os::unix::process::ExitStatusExt;
    let page = repo().join("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt");
    let with_page = |name: &str| {
        let dir = scratch(name);
        std::fs::copy(&page, dir.join("specs/booster/pwc_GetDefinitionKeys_jsv.txt")).unwrap();
        dir
    };
    let old = crate_files(&scratch("kill-old").join("booster-dtos"));
    let new_dir = with_page("kill-new");
    assert!(xtask(&new_dir, &[]).status.success());
    let new = crate_files(&new_dir.join("booster-dtos"));
    assert_ne!(old, new);

    let mut killed = 0;
    for n in 0..100 {
        let dir = with_page(&format!("kill-at-{n}"));
        let crate_dir = dir.join("booster-dtos");
        let out = xtask_killed_at(&dir, n);
        if out.status.success() {
            // Past the last step: the write ran to its end.
            assert_eq!(crate_files(&crate_dir), new, "step {n}");
            break;
        }
        assert_eq!(out.status.signal(), Some(9), "step {n}: {}", String::from_utf8_lossy(&out.stderr));
        killed += 1;
        let journal = crate_dir.join(".booster-codegen-journal").exists();
        let now = crate_files(&crate_dir);
        assert!(now == old || journal, "step {n}: the crate is neither the old one nor under a journal");

        let before_check = all_files(&crate_dir);
        let check = xtask(&dir, &["--check"]);
        assert_eq!(check.status.code(), Some(1), "step {n}");
        assert_eq!(all_files(&crate_dir), before_check, "step {n}: --check wrote");

        let again = xtask(&dir, &[]);
        let stderr = String::from_utf8_lossy(&again.stderr);
        assert!(again.status.success(), "step {n}: {stderr}");
        assert_eq!(all_files(&crate_dir), new, "step {n}: the next regen did not leave wholly the new crate");
        if journal || before_check != now {
            assert!(stderr.contains("was interrupted"), "step {n}: the next regen did not say so: {stderr}");
        }
    }
    assert!(killed >= 10, "only {killed} steps were killed");
}

/// A regen killed while it finishes an earlier, interrupted write, at each step of that recovery
/// in turn, on one directory: the journal stays until the recovery is done, so every run after
/// takes it up where the last one died, and the last leaves wholly the new crate and says so.
#[test]
fn regen_killed_while_finishing_an_interrupted_write_finishes_it_on_the_next_run() {
    use std::os::unix::process::ExitStatusExt;
    let page = repo().join("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt");
    let new_dir = scratch("recover-new");
    std::fs::copy(&page, new_dir.join("specs/booster/pwc_GetDefinitionKeys_jsv.txt")).unwrap();
    assert!(xtask(&new_dir, &[]).status.success());
    let new = crate_files(&new_dir.join("booster-dtos"));

    let dir = scratch("recover-killed");
    std::fs::copy(&page, dir.join("specs/booster/pwc_GetDefinitionKeys_jsv.txt")).unwrap();
    let crate_dir = dir.join("booster-dtos");
    let journal = crate_dir.join(".booster-codegen-journal");
    // The first step at which a kill leaves the journal: every rename is still to be made.
    let first = (0..100)
        .find(|&n| {
            let out = xtask_killed_at(&dir, n);
            assert_eq!(out.status.signal(), Some(9), "step {n} was not reached");
            journal.exists()
        })
        .expect("a step after the journal is written");
    let renames = std::fs::read_to_string(&journal).unwrap().lines().count();
    assert!(renames >= 2, "the journal lists {renames} steps");

    // Now each run dies one step further into the recovery of that journal.
    let mut killed = 0;
    for m in 0.. {
        let out = xtask_killed_at(&dir, m);
        if out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("was interrupted"), "the last run did not say what it finished: {stderr}");
            break;
        }
        assert_eq!(out.status.signal(), Some(9), "recovery step {m}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(journal.exists(), "recovery step {m} (after step {first}): killed with the journal gone");
        killed += 1;
        assert!(m < 100, "the recovery never finished");
    }
    assert!(killed > renames, "only {killed} recovery steps were killed for {renames} journal lines");
    assert_eq!(all_files(&crate_dir), new, "the crate is not wholly the new one");
}

/// The first regen into a directory with no crate yet (missing, or empty), killed before each of
/// its steps; then regens killed one step further each time, on the same directory, until one
/// finishes (so the clearing of staged files and the finishing of a journal are killed too).
/// Every directory an interrupted write left is taken up (never refused as not generated), and
/// the last run leaves the crate a regen into an empty directory writes.
#[test]
fn a_first_regen_killed_at_every_step_is_taken_up_by_the_next_runs() {
    use std::os::unix::process::ExitStatusExt;
    for empty in [false, true] {
        let fresh = |name: &str| {
            let dir = scratch(&format!("{name}-{}", if empty { "empty" } else { "missing" }));
            std::fs::remove_dir_all(dir.join("booster-dtos")).unwrap();
            if empty {
                std::fs::create_dir(dir.join("booster-dtos")).unwrap();
            }
            dir
        };
        let whole_dir = fresh("first-whole");
        assert!(xtask(&whole_dir, &[]).status.success());
        let whole = all_files(&whole_dir.join("booster-dtos"));

        let mut killed = 0;
        for n in 0..200 {
            let dir = fresh(&format!("first-killed-at-{n}"));
            let out = xtask_killed_at(&dir, n);
            if out.status.success() {
                assert_eq!(all_files(&dir.join("booster-dtos")), whole, "step {n}: the whole run");
                break;
            }
            assert_eq!(out.status.signal(), Some(9), "step {n}: {}", String::from_utf8_lossy(&out.stderr));
            killed += 1;
            for m in 0.. {
                let out = xtask_killed_at(&dir, m);
                if out.status.success() {
                    break;
                }
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.signal(), Some(9), "empty {empty}, step {n}, then step {m}: {stderr}");
                assert!(m < 200, "step {n}: the runs after never finished");
            }
            assert_eq!(
                all_files(&dir.join("booster-dtos")),
                whole,
                "empty {empty}, step {n}: the crate after the runs that followed"
            );
        }
        assert!(killed >= 20, "only {killed} steps were killed");
    }
}

/// regen refuses what `generate` refuses, through the same plan: pages with no operation, and an
/// `api.json` that cannot be read (an error, not a missing change report); the crate stays.
#[test]
fn regen_refuses_no_operation_and_an_unreadable_schema() {
    let dir = scratch("refusals");
    let before = snapshot(&dir.join("booster-dtos"));
    let specs = dir.join("specs/booster");
    for entry in std::fs::read_dir(&specs).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() && p.file_name().unwrap() != "settings.toml" {
            std::fs::remove_file(p).unwrap();
        }
    }
    let out = xtask(&dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no operation was found"));
    assert_eq!(before, snapshot(&dir.join("booster-dtos")));

    let dir = scratch("unreadable-schema");
    let schema = dir.join("booster-dtos/api.json");
    let mut bytes = std::fs::read(&schema).unwrap();
    bytes.extend_from_slice(b"\xff\n");
    std::fs::write(&schema, &bytes).unwrap();
    let before = snapshot(&dir.join("booster-dtos"));
    for args in [&[][..], &["--check"][..]] {
        let out = xtask(&dir, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("booster-dtos/api.json: cannot be read"), "{stderr}");
        assert_eq!(before, snapshot(&dir.join("booster-dtos")));
    }
}
