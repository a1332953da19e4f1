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

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use booster_codegen::diag::{Diagnostic, Severity};
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::merge::merge;
use booster_codegen::openapi::export;
use booster_codegen::read::read_page;
use booster_codegen::samples::{Sample, samples_of};
use booster_codegen::schema::{Api, TypeKind};
use booster_codegen::settings::Settings;

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

// ---------------------------------------------------------------------------------------------
// Expectations

/// One line of `EXPECTED.txt` after its case header.
#[derive(Debug, Clone)]
struct Rule {
    /// `Bn` when the line states what the code should do once bug `Bn` is fixed.
    bug: Option<String>,
    kind: RuleKind,
}

#[derive(Debug, Clone)]
enum RuleKind {
    /// A diagnostic at `file:line` with `severity` whose message contains `text`.
    Has { file: String, line: usize, severity: Severity, text: String },
    /// No diagnostic's `file:line: severity: message` contains this.
    Lacks(String),
    /// The schema has this type with exactly these fields or members (and, with a line, was read
    /// first from that line).
    Type { name: String, line: Option<usize>, fields: Vec<String> },
    /// The schema has no type of this name.
    NoType(String),
    /// The schema has this type with this many fields.
    FieldCount { name: String, count: usize },
}

fn parse_rule(line: &str) -> Result<Rule, String> {
    let (bug, rest) = match line.split_once("> ") {
        Some((tag, rest)) if tag.starts_with('B') && tag[1..].chars().all(|c| c.is_ascii_digit()) => {
            (Some(tag.to_string()), rest)
        }
        _ => (None, line),
    };
    let kind = if let Some(name) = rest.strip_prefix("no type ") {
        RuleKind::NoType(name.trim().to_string())
    } else if let Some(text) = rest.strip_prefix('!') {
        RuleKind::Lacks(text.to_string())
    } else if let Some(ty) = rest.strip_prefix("= ") {
        let (head, fields) = ty.split_once(':').ok_or("a type line is `= TYPE: A, B`")?;
        let (name, line) = match head.split_once('@') {
            Some((name, line)) => (name, Some(line.parse().map_err(|_| "bad line after @")?)),
            None => (head, None),
        };
        let fields = fields.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect();
        RuleKind::Type { name: name.trim().to_string(), line, fields }
    } else {
        let (file, rest) = rest.split_once(':').ok_or("no `:` after the file")?;
        let (line, rest) = rest.split_once(": ").ok_or("no `: ` after the line")?;
        let (severity, text) = rest.split_once(": ").ok_or("no `: ` after the severity")?;
        let severity = match severity {
            "warning" => Severity::Warning,
            "error" => Severity::Error,
            other => return Err(format!("unknown severity `{other}`")),
        };
        let line = line.parse().map_err(|_| format!("bad line number `{line}`"))?;
        RuleKind::Has { file: file.to_string(), line, severity, text: text.to_string() }
    };
    Ok(Rule { bug, kind })
}

/// The cases of `EXPECTED.txt`, by name, in file order.
fn expected() -> Vec<(String, Vec<Rule>)> {
    let text = std::fs::read_to_string(booster_tests::root().join(DIR).join("EXPECTED.txt")).expect("EXPECTED.txt");
    let mut cases: Vec<(String, Vec<Rule>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            cases.push((name.to_string(), Vec::new()));
            continue;
        }
        let rule = parse_rule(line).unwrap_or_else(|e| panic!("EXPECTED.txt:{}: {e}: {line}", i + 1));
        cases.last_mut().unwrap_or_else(|| panic!("EXPECTED.txt:{}: a rule before any [case]", i + 1)).1.push(rule);
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// Running one case

type Pages = Vec<(String, Vec<u8>)>;

/// What reading, merging and emitting a case gave.
struct Outcome {
    api: Api,
    /// The merge step's diagnostics, then the emitter's.
    diagnostics: Vec<Diagnostic>,
    /// The pages' JSON samples, for the OpenAPI export.
    samples: Vec<Sample>,
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Reads and merges `pages`, and emits a crate from them.
fn run_pages(pages: &Pages) -> Result<Outcome, String> {
    run_pages_with(pages, true)
}

fn run_pages_with(pages: &Pages, emit: bool) -> Result<Outcome, String> {
    let read: Vec<_> = pages
        .iter()
        .map(|(name, bytes)| {
            catch_unwind(AssertUnwindSafe(|| read_page(name, bytes)))
                .map_err(|p| format!("read_page({name}) panicked: {}", panic_text(&*p)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let samples = samples_of(read.iter().map(|(facts, _)| facts));
    let api = catch_unwind(AssertUnwindSafe(|| merge(read, &Settings::default())))
        .map_err(|p| format!("merge panicked: {}", panic_text(&*p)))?;
    let mut diagnostics = api.diagnostics.clone();
    if emit {
        let options = EmitOptions { crate_name: "broken-dtos".to_string(), standalone: true, ..Default::default() };
        let (_, emitted) = catch_unwind(AssertUnwindSafe(|| emit_crate(&api, &options)))
            .map_err(|p| format!("emit_crate panicked: {}", panic_text(&*p)))?;
        diagnostics.extend(emitted.items);
    }
    Ok(Outcome { api, diagnostics, samples })
}

fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count() + 1
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(300).collect();
    if short.len() < text.len() { format!("{short}… ({} bytes)", text.len()) } else { short }
}

/// What must hold for every case: diagnostics about the case's own files and lines, short, one
/// line, free of control and bidi characters, and not thousands per page.
fn invariants(pages: &Pages, out: &Outcome) -> Vec<String> {
    // Each broken invariant once, with its first example and how often it was broken.
    let mut broken: BTreeMap<&str, (String, usize)> = BTreeMap::new();
    let mut note = |kind: &'static str, example: String| broken.entry(kind).or_insert((example, 0)).1 += 1;
    let lines: BTreeMap<&str, usize> = pages.iter().map(|(n, b)| (n.as_str(), line_count(b))).collect();
    let mut per_file: BTreeMap<&str, usize> = BTreeMap::new();
    let hidden = |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    for d in &out.diagnostics {
        *per_file.entry(d.file.as_str()).or_default() += 1;
        match lines.get(d.file.as_str()) {
            Some(&n) if d.line > n => {
                note("a line past the end of its file", format!("({n} lines) {}", shorten(&d.to_string())))
            }
            Some(_) => {}
            None => note("a file that is not one of the case's pages", shorten(&d.to_string())),
        }
        if d.message.trim().is_empty() {
            note("an empty message", format!("{}:{}", d.file, d.line));
        }
        let chars = d.message.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            note(
                "B20: a message longer than 1,000 characters",
                format!("{chars} characters at {}:{}: {}", d.file, d.line, shorten(&d.message)),
            );
        }
        if let Some(c) = d.message.chars().find(|&c| hidden(c)) {
            note(
                "B4: a control or bidi character of the page, unescaped",
                format!("{c:?} at {}:{}: {:?}", d.file, d.line, shorten(&d.message)),
            );
        }
        if d.message.contains("this is a bug in booster-codegen") {
            note("the emitter failed", d.to_string());
        }
    }
    let mut failures: Vec<String> = broken
        .into_iter()
        .map(
            |(kind, (example, n))| {
                if n == 1 { format!("{kind}: {example}") } else { format!("{kind} ({n} times), first: {example}") }
            },
        )
        .collect();
    for (file, n) in per_file {
        if n > MAX_DIAGNOSTICS_PER_PAGE {
            failures.push(format!("B5: {n} diagnostics for {file} (more than {MAX_DIAGNOSTICS_PER_PAGE})"));
        }
    }
    failures
}

fn type_summary(api: &Api, name: &str) -> Option<(Vec<String>, Option<String>)> {
    let t = api.types.iter().find(|t| t.name == name)?;
    let fields = match t.kind {
        TypeKind::Class => t.fields.iter().map(|f| f.name.clone()).collect(),
        TypeKind::Enum => t.members.iter().map(|m| m.name.clone()).collect(),
    };
    Some((fields, t.sources.first().map(ToString::to_string)))
}

/// Checks `rules` and the invariants against what `pages` give; returns what failed.
fn check(pages: &Pages, rules: &[Rule]) -> Vec<String> {
    check_with(pages, rules, true)
}

/// [`check`] up to the schema, without the emitter: for the case whose crate is too big to emit
/// in a test (see the file's header).
fn check_schema_only(pages: &Pages, rules: &[Rule]) -> Vec<String> {
    check_with(pages, rules, false)
}

fn check_with(pages: &Pages, rules: &[Rule], emit: bool) -> Vec<String> {
    let out = match run_pages_with(pages, emit) {
        Ok(out) => out,
        Err(panic) => return vec![panic],
    };
    let mut failures = invariants(pages, &out);
    if emit {
        failures.extend(check_openapi(&out));
    }
    let shown: Vec<String> = out.diagnostics.iter().map(ToString::to_string).collect();
    for rule in rules {
        let tag = rule.bug.as_deref().map(|b| format!("{b}: ")).unwrap_or_default();
        match &rule.kind {
            RuleKind::Has { file, line, severity, text } => {
                let found = out.diagnostics.iter().any(|d| {
                    &d.file == file && d.line == *line && d.severity == *severity && d.message.contains(text.as_str())
                });
                if !found {
                    let sev = if *severity == Severity::Error { "error" } else { "warning" };
                    failures.push(format!("{tag}missing `{file}:{line}: {sev}: {text}`"));
                }
            }
            RuleKind::Lacks(text) => {
                for d in shown.iter().filter(|d| d.contains(text.as_str())) {
                    failures.push(format!("{tag}unwanted (contains `{text}`): {}", shorten(d)));
                }
            }
            RuleKind::FieldCount { name, count } => {
                let got = out.api.types.iter().find(|t| &t.name == name).map(|t| t.fields.len());
                if got != Some(*count) {
                    failures.push(format!("{tag}type `{name}` has {got:?} fields, expected {count}"));
                }
            }
            RuleKind::NoType(name) => {
                if out.api.types.iter().any(|t| &t.name == name) {
                    failures.push(format!(
                        "{tag}type `{name}` should not exist: {}",
                        shorten(&format!("{:?}", type_summary(&out.api, name)))
                    ));
                }
            }
            RuleKind::Type { name, line, fields } => match type_summary(&out.api, name) {
                None => failures.push(format!("{tag}type `{name}` is missing")),
                Some((got, source)) => {
                    if &got != fields {
                        failures.push(format!("{tag}type `{name}` has {got:?}, expected {fields:?}"));
                    }
                    let want = line.map(|l| format!("{}:{l}", pages[0].0));
                    if want.is_some() && source != want {
                        failures.push(format!("{tag}type `{name}` was read from {source:?}, expected {want:?}"));
                    }
                }
            },
        }
    }
    if !failures.is_empty() {
        let mut all = String::from("its diagnostics were:");
        for d in shown.iter().take(40) {
            let _ = write!(all, "\n      {}", shorten(d));
        }
        if shown.len() > 40 {
            let _ = write!(all, "\n      ... and {} more", shown.len() - 40);
        }
        failures.push(all);
    }
    failures
}

/// The OpenAPI export of a case: no panic, JSON, every `$ref` defined, operation ids unique.
/// Written to the directory `EXPORTS_ENV` names (when set) for the parent's Python check.
fn check_openapi(out: &Outcome) -> Vec<String> {
    let started = Instant::now();
    let text = match catch_unwind(AssertUnwindSafe(|| export(&out.api, &out.samples).to_pretty())) {
        Ok(text) => text,
        Err(p) => return vec![format!("openapi::export panicked: {}", panic_text(&*p))],
    };
    let mut failures = Vec::new();
    let mut json = serde_json::Deserializer::from_str(&text);
    json.disable_recursion_limit();
    match serde::Deserialize::deserialize(&mut json).and_then(|doc| json.end().map(|()| doc)) {
        Ok(doc) => failures.extend(openapi_invariants(&doc)),
        Err(e) => failures.push(format!("the OpenAPI export is not JSON: {e}")),
    }
    let small = text.len() as u64 <= MAX_VALIDATED_BYTES;
    if let (true, Ok(dir)) = (small, std::env::var(EXPORTS_ENV)) {
        static WRITTEN: AtomicUsize = AtomicUsize::new(0);
        let case: String = std::env::var(CHILD_ENV)
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
            .collect();
        let path = PathBuf::from(dir).join(format!("{case}.{}.json", WRITTEN.fetch_add(1, Ordering::Relaxed)));
        if let Err(e) = std::fs::write(&path, &text) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    let validated = if small { "" } else { ", too large for openapi-spec-validator: checked here only" };
    println!("\nOPENAPI {:.2} s, {} bytes{validated}", started.elapsed().as_secs_f64(), text.len());
    failures
}

/// Every `$ref` of an export points at something in it; operation ids are unique.
fn openapi_invariants(doc: &serde_json::Value) -> Vec<String> {
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
    let mut failures = Vec::new();
    let mut found = Vec::new();
    refs(doc, &mut found);
    for r in found {
        if r.strip_prefix('#').is_none_or(|p| doc.pointer(p).is_none()) {
            failures.push(format!("the OpenAPI export has a dangling $ref {r}"));
        }
    }
    let mut ids = std::collections::BTreeSet::new();
    let items = doc["paths"].as_object().into_iter().flat_map(|p| p.values());
    for op in items.filter_map(Value::as_object).flat_map(|item| item.values()) {
        if let Some(id) = op["operationId"].as_str()
            && !ids.insert(id)
        {
            failures.push(format!("the OpenAPI export has operation id {id} twice"));
        }
    }
    failures
}

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
// Generated cases: seed pages cut short, and pages too big to commit

/// A generated case: its name, what runs it, and its watchdog in seconds (a few times what it
/// takes in a debug build on two shared cores, and at least 20).
type Generated = (&'static str, fn() -> Vec<String>, u64);

const GENERATED: &[Generated] = &[
    ("cut-text-tables", cut_text_tables, 20),
    ("cut-pipe-tables", cut_pipe_tables, 20),
    ("cut-html-tables", cut_html_tables, 20),
    ("table-100000-rows-text", table_rows_text, 90),
    ("table-100000-rows-pipe", table_rows_pipe, 90),
    ("table-100000-rows-html", table_rows_html, 90),
    ("emit-a-struct-of-20000-fields", emit_20000_fields, 20),
    ("html-100000-nested-elements", html_nested_100000, 20),
    // Its OpenAPI export (the 50 MB sample as an example, 274 MB of JSON) and its checks took 44 s
    // of the 55 on two cores under a load of 8.
    ("page-50mb-sample", page_50mb_sample, 150),
    ("page-50mb-rows", page_50mb_rows, 90),
    ("page-50mb-one-line", page_50mb_one_line, 60),
    ("page-50mb-binary", page_50mb_binary, 60),
    ("page-over-the-size-limit", page_over_limit, 60),
    ("generics-10000-deep-text", generics_text, 20),
    ("generics-10000-deep-pipe", generics_pipe, 20),
    ("generics-10000-deep-html", generics_html, 20),
    ("generics-10000-deep-csharp", generics_csharp, 20),
    ("arrays-100000-deep-csharp", arrays_csharp, 20),
    ("samples-100000-deep-json-arrays", samples_json_arrays, 20),
    ("samples-100000-deep-json-objects", samples_json_objects, 20),
    ("samples-100000-deep-json-unclosed", samples_json_unclosed, 20),
    ("samples-100000-deep-jsv", samples_jsv, 20),
    ("samples-100000-deep-xml", samples_xml, 20),
    ("html-10000-nested-elements", html_nested_10000, 20),
    // 35 s under a load of 8, 11 of them the OpenAPI export and its checks.
    ("types-chained-100000-long", types_chained, 90),
];

fn generated_names(list: &[Generated]) -> Vec<(String, Duration)> {
    list.iter().map(|(n, _, secs)| (format!("gen:{n}"), Duration::from_secs(*secs))).collect()
}

#[test]
fn generated_cases() {
    run_all("generated", &generated_names(GENERATED));
}

const HEAD: &str = "Broken.Api\n\n<back to all web services\n\nGetThing\n\nThe following routes are available for this service:\nPOST/thingCreate a thing\n";
const HEADER: &str = "NameParameterData TypeRequiredDescription\n";
const PIPE_HEAD: &str = "| POST | /thing | Create a thing | |\n|---|\nName | Parameter | Data Type | Required | Description |\n---|---|---|---|---|\n";
/// The samples section up to the request body, which starts 8 lines later.
const SAMPLES: &str = "HTTP + JSON\n\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\n\nPOST /thing HTTP/1.1 \nHost: example.com \nContent-Type: application/json\n\n";
/// The response sample that ends a page.
const RESPONSE: &str = "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: length\n\n{}\n";
/// The end of a pipe-table page: its samples, glued as that rendering leaves them.
const PIPE_TAIL: &str = "To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json\nHTTP + JSON\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\nPOST /thing HTTP/1.1 \nHost: example.com \nAccept: application/json\nHTTP/1.1 200 OK Content-Type: application/json Content-Length: length {}\n";
const MB50: usize = 50 * 1024 * 1024;

fn has(file: &str, line: usize, text: &str) -> Rule {
    Rule { bug: None, kind: RuleKind::Has { file: file.into(), line, severity: Severity::Warning, text: text.into() } }
}

fn bug(tag: &str, rule: Rule) -> Rule {
    Rule { bug: Some(tag.into()), ..rule }
}

fn fields(name: &str, fields: &[&str]) -> Rule {
    Rule {
        bug: None,
        kind: RuleKind::Type { name: name.into(), line: None, fields: fields.iter().map(|f| f.to_string()).collect() },
    }
}

fn lacks(text: &str) -> Rule {
    Rule { bug: None, kind: RuleKind::Lacks(text.into()) }
}

fn one(name: &str, text: String) -> Pages {
    vec![(name.to_string(), text.into_bytes())]
}

/// A complete page whose request table has `rows` (from line 11 on).
fn text_page(rows: &str) -> String {
    format!("{HEAD}GetThing Parameters:\n{HEADER}{rows}\n{SAMPLES}\n{RESPONSE}")
}

/// A complete pipe-table page whose request table has `rows` (from line 5 on).
fn pipe_page(rows: &str) -> String {
    format!("{PIPE_HEAD}{rows}{PIPE_TAIL}")
}

/// A seed page cut after each of `cuts` lines; checks the invariants, and that every type the
/// kept rows use but the cut removed is reported as undefined.
fn check_cuts(name: &str, text: &str, cuts: &[usize], caption_of: fn(&str) -> Option<String>) -> Vec<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut failures = Vec::new();
    for &cut in cuts {
        let kept: String = lines[..cut.min(lines.len())].concat();
        let file = format!("{name}:cut-after-{cut}");
        let pages = one(&file, kept.clone());
        let captions: Vec<String> = kept.lines().filter_map(caption_of).collect();
        let api = match run_pages(&pages) {
            Ok(out) => out.api,
            Err(panic) => {
                failures.push(format!("{file}: {panic}"));
                continue;
            }
        };
        for t in &api.types {
            for f in &t.fields {
                for user in f.ty.user_types() {
                    if !captions.iter().any(|c| c == user) && !api.types.iter().any(|t| t.name == user) {
                        let text = format!("`{}.{}` has type `{user}`, which no page defines", t.name, f.name);
                        if !api.diagnostics.iter().any(|d| d.message.contains(&text)) {
                            failures.push(format!("{file}: `{user}` was cut away, but nothing says {text}"));
                        }
                    }
                }
            }
        }
        // A table at the very end with no rows is where the page was cut: something must say so,
        // on the table's caption or on the page's last line.
        let kept_lines: Vec<&str> = kept.lines().collect();
        let last = kept_lines.iter().enumerate().rev().find(|(_, l)| !l.trim().is_empty());
        if let Some((at, line)) = last.filter(|(_, l)| caption_of(l).is_some() || l.trim() == HEADER.trim()) {
            let caption_line = if caption_of(line).is_some() { at + 1 } else { at };
            let reported =
                api.diagnostics.iter().any(|d| d.file == file && (d.line == caption_line || d.line == at + 1));
            if !reported {
                failures.push(format!(
                    "{file}: the page ends in a table with no rows (line {caption_line}), and nothing says it was cut there"
                ));
            }
        }
        failures.extend(check(&pages, &[]).into_iter().map(|f| format!("{file}: {f}")));
    }
    failures
}

fn seed(path: &str) -> String {
    String::from_utf8(std::fs::read(booster_tests::root().join(path)).expect("seed page")).expect("UTF-8 seed")
}

fn text_caption(line: &str) -> Option<String> {
    line.strip_suffix(" Parameters:").or_else(|| line.strip_suffix(" Enum:")).map(str::to_string)
}

/// The text-form seed cut before, at and after each caption and header line.
fn cut_text_tables() -> Vec<String> {
    let text = seed("specs/booster/004_090e548c0735057f.txt");
    let mut cuts = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if text_caption(line).is_some() || line.starts_with("To override the Content-type") {
            cuts.extend([i, i + 1, i + 2, i + 3]);
        }
    }
    check_cuts("004.txt", &text, &cuts, text_caption)
}

/// The pipe-table seed cut at every header and separator row.
fn cut_pipe_tables() -> Vec<String> {
    let text = seed("specs/booster/003_893a8cf0c7c0b088.txt");
    let mut cuts = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("Name | Parameter") || line.starts_with("---|") {
            cuts.extend([i, i + 1, i + 2]);
        }
    }
    check_cuts("003.txt", &text, &cuts, |_| None)
}

/// The HTML page cut before every `<table` and after every `</table>`.
fn cut_html_tables() -> Vec<String> {
    let text = seed("tests/data/html/PatchCustomer.html");
    let mut failures = Vec::new();
    let mut cuts: Vec<usize> = text.match_indices("<table").map(|(at, _)| at).collect();
    cuts.extend(text.match_indices("</table>").map(|(at, m)| at + m.len()));
    cuts.extend(text.match_indices("<tr>").map(|(at, _)| at + 4).step_by(7));
    cuts.sort_unstable();
    for cut in cuts {
        let kept = &text[..cut];
        let file = format!("PatchCustomer.html:cut-at-{cut}");
        let pages = one(&file, kept.to_string());
        let out = match run_pages(&pages) {
            Ok(out) => out,
            Err(panic) => {
                failures.push(format!("{file}: {panic}"));
                continue;
            }
        };
        for t in &out.api.types {
            for f in &t.fields {
                for user in f.ty.user_types() {
                    let text = format!("`{}.{}` has type `{user}`, which no page defines", t.name, f.name);
                    let defined = out.api.types.iter().any(|t| t.name == user);
                    if !defined && !out.diagnostics.iter().any(|d| d.message.contains(&text)) {
                        failures.push(format!("{file}: `{user}` was cut away, but nothing says {text}"));
                    }
                }
            }
        }
        failures.extend(check(&pages, &[]).into_iter().map(|f| format!("{file}: {f}")));
    }
    failures
}

fn numbered_rows(n: usize, row: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(n * 48);
    for i in 0..n {
        out.push_str(&row(i));
    }
    out
}

fn table_rows_text() -> Vec<String> {
    let page = text_page(&numbered_rows(100_000, |i| format!("field{i}querystringNoField number {i}\n")));
    check(&one("rows.txt", page), &[lacks(": warning:"), field_count("GetThing", 100_000)])
}

fn table_rows_pipe() -> Vec<String> {
    let page = pipe_page(&numbered_rows(100_000, |i| format!("field{i} | query | string | No | Field {i} |\n")));
    check(&one("rows.txt", page), &[field_count("CreateAThing", 100_000)])
}

fn html_rows(n: usize) -> String {
    let rows = numbered_rows(n, |i| {
        format!("<tr><td>field{i}</td><td>query</td><td>string</td><td>No</td><td>Field {i}</td></tr>\n")
    });
    format!(
        "<!doctype html><html><body><h1>Broken.Api</h1><h2>GetThing</h2>\n<table class='params'><caption><b>GetThing</b> Parameters:</caption><tbody>\n{rows}</tbody></table></body></html>\n"
    )
}

/// B3: the HTML reader took minutes for 100,000 rows (line numbers counted from the top each row).
fn table_rows_html() -> Vec<String> {
    check(&one("rows.html", html_rows(100_000)), &[lacks(": warning:"), field_count("GetThing", 100_000)])
}

/// B27: the emitter was quadratic in a struct's fields (minutes for 100,000).
fn emit_20000_fields() -> Vec<String> {
    let page = text_page(&numbered_rows(20_000, |i| format!("field{i}querystringNoField number {i}\n")));
    check(&one("rows.txt", page), &[field_count("GetThing", 20_000)])
}

fn field_count(name: &str, count: usize) -> Rule {
    Rule { bug: None, kind: RuleKind::FieldCount { name: name.into(), count } }
}

fn page_50mb_sample() -> Vec<String> {
    let head = format!(
        "{HEAD}GetThing Parameters:\n{HEADER}itemsbodyList<Item>YesThe items\nItem Parameters:\n{HEADER}skuformstringYesSKU\n{SAMPLES}"
    );
    let item = "{\"sku\":\"String\"},";
    let mut page = format!("{head}{{\"items\":[");
    while page.len() < MB50 {
        page.push_str(item);
    }
    page.pop();
    page.push_str("]}\n");
    page.push_str(RESPONSE);
    check(&one("big.txt", page), &[lacks(": warning:"), fields("GetThing", &["items"]), fields("Item", &["sku"])])
}

fn page_50mb_rows() -> Vec<String> {
    let mut rows = String::with_capacity(MB50 + 100);
    let mut i = 0;
    while rows.len() < MB50 {
        let _ = writeln!(rows, "field{i}querystringNoThe field number {i} of the thing, in a page of 50 MB");
        i += 1;
    }
    // Schema only: the struct has 650,013 fields; reading, merging and emitting it took 100 s and
    // 6 GB of memory in a debug build (the emitter's cost is the benchmark's subject).
    check_schema_only(&one("big.txt", text_page(&rows)), &[lacks(": warning:"), field_count("GetThing", i)])
}

fn page_50mb_one_line() -> Vec<String> {
    let page = text_page(&format!("idpathintYesThe id\n{}\n", "x".repeat(MB50)));
    // The line is neither a row nor an enum member; B7: it became an enum silently.
    check(&one("big.txt", page), &[bug("B7", has("big.txt", 12, "xxxxxxxxxx")), fields("GetThing", &["id"])])
}

fn page_50mb_binary() -> Vec<String> {
    // A fixed pseudo-random sequence (xorshift), so every run reads the same bytes.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(MB50);
    while bytes.len() < MB50 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    let pages = vec![("big.bin".to_string(), bytes)];
    check(&pages, &[has("big.bin", 0, "the page holds NUL bytes; it may be a binary file rather than a metadata page")])
}

fn page_over_limit() -> Vec<String> {
    let limit = booster_codegen::read::MAX_PAGE_BYTES;
    let page = text_page(&format!("idpathintYesThe id\n{}\n", " ".repeat(limit)));
    check(
        &one("huge.txt", page),
        &[
            has("huge.txt", 0, &format!("the page is larger than {limit} bytes; only the first {limit} were read")),
            fields("GetThing", &["id"]),
        ],
    )
}

fn deep_generic() -> String {
    format!("{}string{}", "List<".repeat(10_000), ">".repeat(10_000))
}

fn generics_text() -> Vec<String> {
    let page = text_page(&format!("idpathintYesThe id\nnamesquery{}NoNames\n", deep_generic()));
    check(&one("deep.txt", page), &[has("deep.txt", 12, "namesqueryList<List<"), fields("GetThing", &["id"])])
}

fn generics_pipe() -> Vec<String> {
    let page =
        pipe_page(&format!("id | path | int | Yes | The id |\nnames | query | {} | No | Names |\n", deep_generic()));
    check(
        &one("deep.txt", page),
        &[
            bug("B13", has("deep.txt", 6, "deeper than 32 levels")),
            bug("B13", fields("CreateAThing", &["id", "names"])),
        ],
    )
}

fn generics_html() -> Vec<String> {
    let ty = deep_generic().replace('<', "&lt;").replace('>', "&gt;");
    let page = format!(
        "<!doctype html><html><body><h1>Broken.Api</h1><h2>GetThing</h2>\n<table class='params'><caption><b>GetThing</b> Parameters:</caption><tbody>\n<tr><td>id</td><td>path</td><td>int</td><td>Yes</td><td>Id</td></tr>\n<tr><td>names</td><td>query</td><td>{ty}</td><td>No</td><td>Names</td></tr>\n</tbody></table></body></html>\n"
    );
    check(
        &one("deep.html", page),
        &[bug("B13", has("deep.html", 4, "deeper than 32 levels")), bug("B13", fields("GetThing", &["id", "names"]))],
    )
}

fn csharp_page(member_type: &str) -> String {
    format!(
        "{HEAD}using System;\nusing System.Collections.Generic;\nnamespace Broken.ServiceModel\n{{\n    public partial class GetThing\n    {{\n        public virtual int Id {{ get; set; }}\n        public virtual {member_type} Names {{ get; set; }}\n    }}\n}}\nC# GetThing DTOs\n{SAMPLES}\n{RESPONSE}"
    )
}

fn generics_csharp() -> Vec<String> {
    check(
        &one("deep.txt", csharp_page(&deep_generic())),
        &[has("deep.txt", 16, "deeper than 32 levels"), fields("GetThing", &["Id", "Names"])],
    )
}

fn arrays_csharp() -> Vec<String> {
    let ty = format!("int{}", "[]".repeat(100_000));
    check(
        &one("deep.txt", csharp_page(&ty)),
        &[bug("B1", has("deep.txt", 16, "deeper than 32 levels")), fields("GetThing", &["Id", "Names"])],
    )
}

/// A page whose request sample is `body`: the body starts on line 20.
fn sample_page(body: &str) -> Pages {
    one(
        "deep.txt",
        format!("{HEAD}GetThing Parameters:\n{HEADER}namebodystringYesThe name\n{SAMPLES}{body}\n{RESPONSE}"),
    )
}

const SAMPLE_TOO_DEEP: &str = "the sample nests deeper than 256 levels; the deeper part was skipped";

fn samples_json_arrays() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("{{\"name\":{}{}}}", "[".repeat(n), "]".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn samples_json_objects() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("{{\"name\":\"x\",\"a\":{}1{}}}", "{\"a\":".repeat(n), "}".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn samples_json_unclosed() -> Vec<String> {
    check(
        &sample_page(&"[".repeat(100_000)),
        &[
            has("deep.txt", 20, SAMPLE_TOO_DEEP),
            has("deep.txt", 20, "the sample body is cut off here; only the complete part was read"),
        ],
    )
}

fn samples_jsv() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("{{name:x,a:{}1{}}}", "{a:".repeat(n), "}".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn samples_xml() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("<GetThing><name>x</name>{}1{}</GetThing>", "<a>".repeat(n), "</a>".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn html_nested_10000() -> Vec<String> {
    html_nested(10_000)
}

/// B34: this took minutes; the HTML reader's selectors walked every ancestor of every candidate element.
fn html_nested_100000() -> Vec<String> {
    html_nested(100_000)
}

fn html_nested(n: usize) -> Vec<String> {
    let page = format!(
        "<!doctype html><html><body><h1>Broken.Api</h1><h2>GetThing</h2>\n{}<table class='params'><caption><b>GetThing</b> Parameters:</caption><tbody>\n<tr><td>id</td><td>path</td><td>int</td><td>Yes</td><td>Id</td></tr>\n</tbody></table>{}\n</body></html>\n",
        "<div><span>".repeat(n),
        "</span></div>".repeat(n)
    );
    check(&one("deep.html", page), &[fields("GetThing", &["id"])])
}

/// `GetThing` uses `T0`, which uses `T1`, ... `T99999`: the merge step follows types by name.
fn types_chained() -> Vec<String> {
    let n = 100_000;
    let mut tables = String::from("idpathintYesThe id\nnextqueryT0NoThe first\n");
    for i in 0..n {
        let _ = write!(tables, "T{i} Parameters:\n{HEADER}nextformT{}NoThe next\n", i + 1);
    }
    let page = text_page(&tables);
    // B16: the warning belongs on the row (line 300012), not on the table's caption (300010).
    let undefined = "`T99999.next` has type `T100000`, which no page defines";
    // The whole chain: the reader and merge step follow a chain of names (B2, B36), and the
    // emitter decides which fields need a `Box` from strongly connected components, not a walk
    // of the chain per field (F9, which took this case past 10 minutes).
    check(&one("chain.txt", page), &[bug("B16", has("chain.txt", 300_012, undefined))])
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

// ---------------------------------------------------------------------------------------------
// Bounded property tests over the three entry points the fuzz targets cover (see FUZZING.md):
// the page reader with the merge step, the Data Type grammar, and the sample body readers. Inputs
// are built from the pieces real pages are made of, so a few hundred cases reach deep into each.

mod properties {
    use booster_codegen::merge::merge;
    use booster_codegen::read::read_page;
    use booster_codegen::read::sample_body::{MAX_DEPTH as SAMPLE_DEPTH, read_body};
    use booster_codegen::settings::Settings;
    use booster_codegen::type_grammar::{MAX_DEPTH, Prim, TypeRef};
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        // No regression files next to the sources: a failure prints its minimal input instead.
        ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() }
    }

    fn pieces(list: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(list), 0..max).prop_map(|p| p.concat())
    }

    const TYPE_PIECES: &[&str] = &[
        "List<",
        "Dictionary<",
        "Nullable<",
        "KeyValuePair<",
        "Poco<",
        ">",
        ",",
        ", ",
        "[]",
        "[",
        "]",
        "?",
        "string",
        "int",
        "Int32",
        "Guid",
        "DateTime",
        "Poco",
        "System.",
        "System.int`1",
        "<",
        ".",
        "`1",
        " ",
        "9",
    ];

    const PAGE_LINES: &[&str] = &[
        "Broken.Api",
        "<back to all web services",
        "GetThing",
        "The following routes are available for this service:",
        "GET/thing/{id}Get a thing",
        "| GET | /thing/{id} | Get a thing | |",
        "GetThing Parameters:",
        "Item Parameters:",
        "Color Enum:",
        "NameParameterData TypeRequiredDescription",
        "Name | Parameter | Data Type | Required | Description |",
        "---|---|---|---|---|",
        "idpathintYesThe id",
        "itemsqueryList<Item>NoThe items",
        "colorqueryColorNoThe color",
        "skuformstringYesSKU",
        "id | path | int | Yes | The id |",
        "items | query | List<Item> | No | The items |",
        "Red",
        "Green",
        "Requires Authentication",
        "Required role:Admin",
        "using System;",
        "public partial class GetThing : ThingBase",
        "{",
        "}",
        "public virtual int Id { get; set; }",
        "C# GetThing DTOs",
        "HTTP + JSON",
        "GET /thing/1 HTTP/1.1 ",
        "Content-Type: application/json",
        "HTTP/1.1 200 OK",
        "{\"id\":0,\"items\":[{\"sku\":\"String\"}]}",
        "<GetThing><id>0</id></GetThing>",
        "",
        "\u{202e}\u{1b}[2J",
    ];

    const BODY_PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"a\"",
        "\"b\\\"c\"",
        "1",
        "-2.5e3",
        "true",
        "null",
        "x",
        " ",
        "\n",
        "<a>",
        "</a>",
        "<b x=\"1\"/>",
        "</b>",
        "<?xml version=\"1.0\"?>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#x41;",
        "xmlns:d2p1=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\"",
        "<d2p1:string>",
    ];

    /// How many generic levels (`<…>`) the printed form of `ty` nests.
    fn height(ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Primitive { .. } | TypeRef::Named { .. } => 0,
            TypeRef::Nullable { inner } => height(inner),
            TypeRef::List { item } => 1 + height(item),
            TypeRef::Map { key, value } | TypeRef::Pair { key, value } => 1 + height(key).max(height(value)),
            TypeRef::Generic { args, .. } => 1 + args.iter().map(height).max().unwrap_or(0),
        }
    }

    proptest! {
        #![proptest_config(config())]

        /// Pages made of real page lines in any order: no panic, diagnostics on the page's lines.
        #[test]
        fn pages_of_real_lines(picks in proptest::collection::vec(proptest::sample::select(PAGE_LINES), 0..40)) {
            let page = picks.join("\n");
            let (facts, diags) = read_page("p.txt", page.as_bytes());
            let api = merge(vec![(facts, diags)], &Settings::default());
            let lines = page.lines().count().max(1);
            for d in &api.diagnostics {
                prop_assert!(d.file == "p.txt" && d.line <= lines, "{d}");
            }
        }

        /// The Data Type grammar: no panic; what parses prints within `MAX_DEPTH` generic levels
        /// (B1, F6), names user types with identifiers that are not primitives (B21), and prints to
        /// a spelling that parses back to it.
        #[test]
        fn data_types(text in pieces(TYPE_PIECES, 24)) {
            if let Ok(ty) = TypeRef::parse(&text) {
                for name in ty.user_types() {
                    // Identifiers, or a nested class's dotted name (`Outer.Inner`, as DataContract writes it).
                    let ident = name.split('.').all(|seg| {
                        seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                            && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    });
                    let last = name.rsplit('.').next().unwrap_or(name);
                    prop_assert!(ident && Prim::from_name(last).is_none(), "{:?} names the user type {:?}", text, name);
                }
                prop_assert!(height(&ty) <= MAX_DEPTH, "{:?} nests {} generic levels deep", text, height(&ty));
                let printed = ty.to_string();
                prop_assert_eq!(TypeRef::parse(&printed), Ok(ty), "{:?} printed as {:?}", text, printed);
            }
        }

        /// The sample readers: no panic; problems and the body on the text's lines; bounded depth.
        #[test]
        fn sample_bodies(text in pieces(BODY_PIECES, 60)) {
            let read = read_body(&text, 1);
            let lines = text.matches('\n').count() + 1;
            for (line, message) in &read.problems {
                prop_assert!(*line >= 1 && *line <= lines, "line {} of {}: {}", line, lines, message);
            }
            if let Some(body) = &read.body {
                prop_assert!(body.line >= 1 && body.line <= lines);
                let mut stack = vec![(&body.value, 1usize)];
                while let Some((value, d)) = stack.pop() {
                    prop_assert!(d <= SAMPLE_DEPTH + 1, "nests {} deep", d);
                    match value {
                        booster_codegen::facts::SampleValue::Array(items) => stack.extend(items.iter().map(|v| (v, d + 1))),
                        booster_codegen::facts::SampleValue::Object(o) => stack.extend(o.entries.iter().map(|(_, v)| (v, d + 1))),
                        _ => {}
                    }
                }
            }
        }
    }
}
