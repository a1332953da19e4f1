//! The checks of a case's OpenAPI export (issue 21) made in this process; the parent validates
//! the exports written here with openapi-spec-validator.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use booster_codegen::openapi::export;

use super::check::{Outcome, panic_text};
use super::{CHILD_ENV, EXPORTS_ENV, MAX_VALIDATED_BYTES};

/// The OpenAPI export of a case: no panic, JSON, every `$ref` defined, operation ids unique.
/// Written to the directory `EXPORTS_ENV` names (when set) for the parent's Python check.
pub(crate) fn check_openapi(out: &Outcome) -> Vec<String> {
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
    let mut failures = Vec::new();
    for r in booster_tests::openapi_refs(doc) {
        if r.strip_prefix('#').is_none_or(|p| doc.pointer(p).is_none()) {
            failures.push(format!("the OpenAPI export has a dangling $ref {r}"));
        }
    }
    let mut ids = std::collections::BTreeSet::new();
    let items = doc["paths"].as_object().into_iter().flat_map(|p| p.values());
    for op in items.filter_map(serde_json::Value::as_object).flat_map(|item| item.values()) {
        if let Some(id) = op["operationId"].as_str()
            && !ids.insert(id)
        {
            failures.push(format!("the OpenAPI export has operation id {id} twice"));
        }
    }
    failures
}
