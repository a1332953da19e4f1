//! Issue 6: broken, hostile and huge pages. Every case in `tests/data/broken/` (with the
//! diagnostics `EXPECTED.txt` lists for it), the seed pages cut at every table boundary, and huge
//! pages generated here (50 MB, 100,000 rows, generics 10,000 deep, samples 100,000 deep) are
//! read, merged and emitted: no panic, no stack overflow, and the expected diagnostics at the
//! right file and line.
//!
//! One generated case stops at the schema and does not reach the emitter, saying why where it is
//! defined: `page-50mb-rows` (a struct of 650,013 fields: reading, merging and emitting it took
//! 100 s and 6 GB in a debug build). `types-chained-100000-long` (100,000 structs, each using the
//! next) goes through the emitter since F9 was fixed. The emitter's cost is measured by the
//! benchmark (BENCHMARKS.md); here the 100,000-row cases and `emit-a-struct-of-20000-fields` take
//! it through wide structs.
//!
//! Every case that reaches the emitter also goes through the OpenAPI export (issue 21): the
//! export must not panic, must parse as JSON, its `$ref`s must point into it and its operation
//! ids be unique; the children write each export to a directory, and one Python process
//! (`tests/openapi_check.py --spec-only`, openapi-spec-validator) validates them all at the end
//! of `corpus` and of `generated_cases`.
//!
//! Each case runs in a child process (this test binary, filtered to [`child`]), so a stack
//! overflow or an abort fails that case alone and the others still report. Times are not
//! asserted, but each case has a watchdog sized to it (a few times what it takes in a debug build
//! on two shared cores): a case still running then is a hang, or time that grows faster than
//! its input.

#[path = "broken_pages/check.rs"]
mod check;
#[path = "broken_pages/expected.rs"]
mod expected;
#[path = "broken_pages/generated.rs"]
mod generated;
#[path = "broken_pages/openapi.rs"]
mod openapi;
#[path = "broken_pages/properties.rs"]
mod properties;

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use booster_codegen::diag::Severity;
use booster_codegen::emit::{EmitOptions, emit_crate};

use check::{Pages, check, shorten};
use expected::{RuleKind, expected, parse_rule};
use generated::{GENERATED, generated_names};

const DIR: &str = "tests/data/broken";
const CHILD_ENV: &str = "BROKEN_PAGES_CASE";
/// The directory a child writes its case's OpenAPI exports into.
const EXPORTS_ENV: &str = "BROKEN_PAGES_EXPORTS";
/// Exports larger than this are checked here only, not by openapi-spec-validator: it takes
/// minutes over the generated cases' exports of tens of MB, and follows `$ref`s by recursion, so
/// the chain of 100,000 types exceeds Python's recursion limit (the document is valid; the
/// checks here hold for it).
const MAX_VALIDATED_BYTES: u64 = 4 * 1024 * 1024;
/// The watchdog of a corpus case: each reads a page of a few KB in well under a second.
const CORPUS_WATCHDOG: Duration = Duration::from_secs(20);
/// Diagnostic messages longer than this quote too much of the page.
const MAX_MESSAGE_CHARS: usize = 1_000;
/// More diagnostics than this for one page drown the ones that matter.
const MAX_DIAGNOSTICS_PER_PAGE: usize = 1_000;

/// The pages of a corpus case: the file, or the files of the directory, named relative to `DIR`.
fn corpus_pages(case: &str) -> Pages {
    let dir = booster_tests::root().join(DIR);
    let path = dir.join(case);
    let mut files: Vec<PathBuf> = if path.is_dir() {
        std::fs::read_dir(&path).expect("case directory").map(|e| e.expect("entry").path()).collect()
    } else {
        vec![path]
    };
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(&dir).expect("inside the corpus").to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect()
}

/// Runs one case (in this process) and returns its failures.
fn run_case(case: &str) -> Vec<String> {
    if let Some(name) = case.strip_prefix("gen:") {
        let Some((_, make, _)) = GENERATED.iter().find(|(n, _, _)| *n == name) else {
            return vec![format!("no generated case `{name}`")];
        };
        return make();
    }
    let Some((_, rules)) = expected().into_iter().find(|(n, _)| n == case) else {
        return vec![format!("no case `{case}` in EXPECTED.txt")];
    };
    check(&corpus_pages(case), &rules)
}

/// The entry point of the child process. Run directly, it checks the empty page in-process.
#[test]
fn child() {
    let Ok(case) = std::env::var(CHILD_ENV) else {
        assert_eq!(run_case("empty.txt"), Vec::<String>::new());
        return;
    };
    let started = Instant::now();
    let failures = run_case(&case);
    // After a newline: the test harness has just written `test child ... ` without one.
    println!("\nTIME {:.2}", started.elapsed().as_secs_f64());
    for f in failures {
        println!("FAIL {}", f.replace('\n', "\n     "));
    }
}

/// Runs `case` in a child process; returns its failures (a crash, or running past `watchdog`).
fn run_in_child(case: &str, watchdog: Duration, exports: &std::path::Path) -> Vec<String> {
    let exe = std::env::current_exe().expect("the test binary");
    let mut proc = Command::new(exe)
        .args(["child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, case)
        .env(EXPORTS_ENV, exports)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary starts");
    let (mut stdout, mut stderr) = (proc.stdout.take().expect("piped"), proc.stderr.take().expect("piped"));
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = proc.try_wait().expect("wait for the child") {
            break Some(status);
        }
        if started.elapsed() > watchdog {
            let _ = proc.kill();
            let _ = proc.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let mut failures: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(f) = line.strip_prefix("FAIL ") {
            failures.extend(current.take());
            current = Some(f.to_string());
        } else if let (Some(c), Some(more)) = (current.as_mut(), line.strip_prefix("     ")) {
            c.push('\n');
            c.push_str(more);
        } else if let Some(t) = line.strip_prefix("TIME ") {
            eprintln!("{case}: {t} s");
        } else if let Some(t) = line.strip_prefix("OPENAPI ") {
            eprintln!("{case}: the OpenAPI export and its checks {t}");
        }
    }
    failures.extend(current);
    match status {
        None => failures.push(format!(
            "did not finish in {} s: a hang, or time that grows faster than the input",
            watchdog.as_secs()
        )),
        Some(s) if !s.success() => {
            let tail: Vec<&str> = stderr.lines().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            failures.push(format!("the process crashed ({s}): {}", tail.join("\n      ")));
        }
        Some(_) => {}
    }
    failures
}

/// Runs every case in a child process, each with its watchdog, and fails with all their failures.
///
/// Then validates every case's OpenAPI export in one Python process. `BROKEN_PAGES_ONLY=text`
/// runs only the cases whose name contains `text`.
fn run_all(name: &str, cases: &[(String, Duration)]) {
    let only = std::env::var("BROKEN_PAGES_ONLY").unwrap_or_default();
    let cases: Vec<&(String, Duration)> = cases.iter().filter(|(c, _)| c.contains(only.as_str())).collect();
    let exports = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("broken-openapi-{name}"));
    let _ = std::fs::remove_dir_all(&exports);
    std::fs::create_dir_all(&exports).expect("the exports' directory");
    let mut report = String::new();
    let mut failed = 0;
    for (case, watchdog) in &cases {
        let failures = run_in_child(case, *watchdog, &exports);
        if !failures.is_empty() {
            failed += 1;
            let _ = writeln!(report, "\n[{case}]");
            for f in failures {
                let _ = writeln!(report, "  - {f}");
            }
        }
    }
    assert!(failed == 0, "{failed} of {} cases failed:\n{report}", cases.len());
    let files: Vec<PathBuf> = std::fs::read_dir(&exports).expect("exports").map(|e| e.expect("entry").path()).collect();
    assert!(!files.is_empty() || cases.is_empty(), "no case wrote an OpenAPI export");
    let started = Instant::now();
    let checked = booster_tests::openapi_check(&files, true);
    eprintln!("{name}: {} OpenAPI exports validated in {:.1} s", files.len(), started.elapsed().as_secs_f64());
    let invalid: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let errors = &checked[f.to_string_lossy().as_ref()]["spec_errors"];
            (errors != &serde_json::json!([])).then(|| format!("{}: {}", f.display(), shorten(&errors.to_string())))
        })
        .collect();
    assert!(invalid.is_empty(), "openapi-spec-validator rejects {} exports:\n{}", invalid.len(), invalid.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The corpus

#[test]
fn every_file_of_the_corpus_is_a_case() {
    let cases: Vec<String> = expected().into_iter().map(|(n, _)| n).collect();
    let mut names: Vec<String> = std::fs::read_dir(booster_tests::root().join(DIR))
        .expect("corpus directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "EXPECTED.txt")
        .collect();
    names.sort();
    let unlisted: Vec<&String> = names.iter().filter(|n| !cases.contains(n)).collect();
    let missing: Vec<&String> = cases.iter().filter(|c| !names.contains(c)).collect();
    assert!(unlisted.is_empty(), "files of {DIR} with no [case] in EXPECTED.txt: {unlisted:?}");
    assert!(missing.is_empty(), "cases of EXPECTED.txt with no file: {missing:?}");
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
}

#[test]
fn corpus() {
    let cases: Vec<(String, Duration)> = expected().into_iter().map(|(n, _)| (n, CORPUS_WATCHDOG)).collect();
    run_all("corpus", &cases);
}

// ---------------------------------------------------------------------------------------------
// Generated cases: seed pages cut short, and pages too big to commit (`broken_pages/generated.rs`)

#[test]
fn generated_cases() {
    run_all("generated", &generated_names(GENERATED));
}

// ---------------------------------------------------------------------------------------------
// The parser of EXPECTED.txt, so a typo in the corpus is an error, not a skipped expectation.

/// F8: the deepest type the grammar accepts is emitted when `emit_crate` is called from a thread
/// with a 2 MiB stack, the default for spawned threads, that may run on one core only: then the
/// modules are written on that thread (on more cores they are written on the emitter's workers,
/// whose stacks are 64 MiB), whatever the machine the test runs on.
#[test]
fn the_deepest_type_emits_on_a_small_stack() {
    let page = booster_tests::root().join("tests/data/broken/f8-deepest-type-emitted.txt");
    let api = booster_tests::ir_with(&[page], &booster_codegen::settings::Settings::default());
    let emitted = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            pin_to_one_core();
            assert_eq!(std::thread::available_parallelism().map(|n| n.get()).ok(), Some(1));
            let options = EmitOptions { crate_name: "deep-dtos".into(), ..Default::default() };
            let (files, _) = emit_crate(&api, &options);
            files.into_iter().find(|f| f.path == "src/get_a_thing.rs").map(|f| f.contents)
        })
        .expect("thread")
        .join()
        .expect("no overflow")
        .expect("the module");
    let deep = format!("pub legal: {}Option<i32>{},", "Option<Vec<".repeat(32), ">>".repeat(32));
    assert!(emitted.contains(&deep), "{emitted}");
}

/// Lets the calling thread run on the first core it may run on, and on no other, so that
/// `available_parallelism` (which reads the thread's affinity) is 1.
fn pin_to_one_core() {
    // SAFETY: `set` is a plain bit mask owned by this frame; both calls only read or write it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        assert_eq!(libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set), 0);
        let first = (0..libc::CPU_SETSIZE as usize).find(|&c| libc::CPU_ISSET(c, &set)).expect("a core");
        libc::CPU_ZERO(&mut set);
        libc::CPU_SET(first, &mut set);
        assert_eq!(libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set), 0);
    }
}

#[test]
fn expected_lines_parse() {
    let rule = parse_rule("B7> cut.txt:12: warning: `x: y`").expect("parses");
    assert_eq!(rule.bug.as_deref(), Some("B7"));
    assert!(
        matches!(rule.kind, RuleKind::Has { line: 12, severity: Severity::Warning, ref text, .. } if text == "`x: y`")
    );
    let rule = parse_rule("= Owner@14: email, name").expect("parses");
    assert!(matches!(rule.kind, RuleKind::Type { line: Some(14), ref fields, .. } if fields.len() == 2));
    assert!(parse_rule("cut.txt:12: fatal: x").is_err());
}
