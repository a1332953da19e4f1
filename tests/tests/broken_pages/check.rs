//! Running one case in this process: reading, merging and emitting its pages, and checking
//! the invariants and the rules of `EXPECTED.txt` against what that gave.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use booster_codegen::diag::{Diagnostic, Severity};
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::samples::{Sample, samples_of};
use booster_codegen::schema::{Api, TypeKind};
use booster_codegen::settings::Settings;

use super::expected::{Rule, RuleKind};
use super::openapi::check_openapi;
use super::{MAX_DIAGNOSTICS_PER_PAGE, MAX_MESSAGE_CHARS};

pub(crate) type Pages = Vec<(String, Vec<u8>)>;

/// What reading, merging and emitting a case gave.
pub(crate) struct Outcome {
    pub(crate) api: Api,
    /// The merge step's diagnostics, then the emitter's.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The pages' JSON samples, for the OpenAPI export.
    pub(crate) samples: Vec<Sample>,
}

pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Reads and merges `pages`, and emits a crate from them.
pub(crate) fn run_pages(pages: &Pages) -> Result<Outcome, String> {
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

pub(crate) fn shorten(text: &str) -> String {
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
pub(crate) fn check(pages: &Pages, rules: &[Rule]) -> Vec<String> {
    check_with(pages, rules, true)
}

/// [`check`] up to the schema, without the emitter: for the case whose crate is too big to emit
/// in a test (see the file's header).
pub(crate) fn check_schema_only(pages: &Pages, rules: &[Rule]) -> Vec<String> {
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
