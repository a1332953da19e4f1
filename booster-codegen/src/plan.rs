//! Planning a regeneration: what `booster-codegen generate` and `cargo xtask regen` both do
//! before writing. Pages are loaded and merged, the crate emitted with its `api.json` (and, when
//! asked, `openapi.json`), and the schema compared with the `api.json` already in the output
//! directory. The fronts only print the plan, refuse when [`Plan::refusal`] says so, and hand
//! [`Plan::files`] to [`crate::write::write_crate`].

use std::fmt;
use std::path::{Path, PathBuf};

use crate::changes::{Change, SCHEMA_FILE, compare, schema_json};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::emit::{EmitOptions, GeneratedFile, emit_crate};
use crate::load::{LoadError, load};
use crate::schema::Api;

/// What to regenerate and where.
#[derive(Debug, Clone)]
pub struct PlanOptions<'a> {
    /// Pages or directories of pages.
    pub pages: &'a [PathBuf],
    /// A settings file; else the first directory's `settings.toml`.
    pub settings: Option<&'a Path>,
    /// The crate's directory: its `api.json` is the schema changes are reported against.
    pub out: &'a Path,
    /// The crate's name; else the settings' `crate_name`; else from the service's name.
    pub crate_name: Option<String>,
    /// Add an empty `[workspace]` table (a crate outside any workspace).
    pub standalone: bool,
    /// Add the OpenAPI 3.1 export as `openapi.json`.
    pub openapi: bool,
}

/// A regeneration worked out, nothing written yet.
#[derive(Debug)]
pub struct Plan {
    /// The merged schema (its own diagnostics are in [`Plan::diagnostics`] too).
    pub api: Api,
    /// Every file of the crate, `api.json` (and `openapi.json`) included.
    pub files: Vec<GeneratedFile>,
    /// The reader's, merge step's and emitter's diagnostics, in that order.
    pub diagnostics: Vec<Diagnostic>,
    /// What changed since the previous `api.json` (none when there was none).
    pub changes: Vec<Change>,
    /// The previous schema's path, which the change report names.
    pub schema_path: PathBuf,
    /// Why nothing may be written (an error diagnostic, or no operation), if so.
    pub refusal: Option<String>,
}

impl Plan {
    /// How many diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// The change report's text (empty when nothing changed).
    pub fn change_report(&self) -> String {
        crate::changes::report(&self.changes, &crate::load::display_path(&self.schema_path))
    }
}

/// Why no plan could be made: every case is an error (exit 1), none is bad usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError(pub String);

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PlanError {}

impl From<LoadError> for PlanError {
    fn from(e: LoadError) -> Self {
        PlanError(e.to_string())
    }
}

/// Loads, merges, emits and compares.
///
/// # Errors
///
/// The pages or settings cannot be read; the crate name is not one; the schema cannot be
/// written as JSON; the previous `api.json` exists but cannot be read or is not a schema.
pub fn plan(opts: &PlanOptions) -> Result<Plan, PlanError> {
    let loaded = load(opts.pages, opts.settings)?;
    let crate_name = opts
        .crate_name
        .clone()
        .or_else(|| loaded.settings.crate_name.clone())
        .unwrap_or_else(|| default_crate_name(&loaded.api));
    if !valid_crate_name(&crate_name) {
        return Err(PlanError(format!(
            "`{crate_name}` is not a valid crate name (a letter, then letters, digits, `-` or `_`; at most 64)"
        )));
    }
    let emit_options = EmitOptions { crate_name, standalone: opts.standalone, samples: &loaded.samples };
    let (mut files, emit_diags) = emit_crate(&loaded.api, &emit_options);
    files.push(GeneratedFile { path: SCHEMA_FILE.to_string(), contents: schema_file(&loaded.api)? });
    if opts.openapi {
        let doc = crate::openapi::export(&loaded.api, &loaded.samples).to_pretty();
        files.push(GeneratedFile { path: "openapi.json".to_string(), contents: doc });
    }
    let mut diagnostics = loaded.api.diagnostics.clone();
    diagnostics.extend(emit_diags.items);
    let schema_path = opts.out.join(SCHEMA_FILE);
    let refusal = refusal(opts, &loaded.api, &diagnostics);
    let changes = if refusal.is_none() { previous_changes(&schema_path, &loaded.api)? } else { Vec::new() };
    Ok(Plan { api: loaded.api, files, diagnostics, changes, schema_path, refusal })
}

/// Why the plan may not be written: an error diagnostic, or no operation in the input.
fn refusal(opts: &PlanOptions, api: &Api, diagnostics: &[Diagnostic]) -> Option<String> {
    let out = opts.out.display();
    if api.operations.is_empty() {
        let inputs = opts.pages.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        return Some(format!(
            "no operation was found in {inputs}: give ServiceStack metadata pages (one per operation, such as \
             /json/metadata?op=Name) or directories holding them; nothing was written to {out}"
        ));
    }
    diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
        .then(|| format!("the pages have errors; nothing was written to {out}"))
}

/// `api.json`'s text; an error, never `null`, when the schema cannot be written as JSON.
fn schema_file(api: &Api) -> Result<String, PlanError> {
    serde_json::to_value(api).map_err(|e| PlanError(format!("the schema cannot be written as JSON: {e}")))?;
    checked_schema(schema_json(api))
}

/// A schema file's text as it must be: a JSON object.
fn checked_schema(text: String) -> Result<String, PlanError> {
    if text.trim_start().starts_with('{') {
        Ok(text)
    } else {
        Err(PlanError(format!("{SCHEMA_FILE} would not hold a schema (`{}`); nothing was written", text.trim())))
    }
}

/// The changes since the schema at `path`: none when there is no file; an error when it cannot be
/// read or is not a schema (a change report that silently said nothing would hide changes).
fn previous_changes(path: &Path, api: &Api) -> Result<Vec<Change>, PlanError> {
    let shown = crate::load::display_path(path);
    let old = match std::fs::read_to_string(path) {
        Ok(old) => old,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(PlanError(format!("{shown}: cannot be read ({e}), so no change report can be made")));
        }
    };
    compare(&old, api).map_err(|e| {
        let mut d = Diagnostics::default();
        d.error(&shown, 1, format!("{e}; remove it to regenerate without a change report"));
        PlanError(d.items[0].to_string())
    })
}

/// `ss-test-dtos` style: the service's name in kebab case, else `servicestack-dtos`.
pub fn default_crate_name(api: &Api) -> String {
    let base: String = api
        .service
        .as_deref()
        .unwrap_or("servicestack")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let base = base.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) { base } else { format!("api-{base}") };
    format!("{base}-dtos")
}

/// Whether `name` can be a package name.
pub fn valid_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_that_is_not_an_object_is_an_error_not_a_file() {
        assert!(checked_schema("null".to_string()).unwrap_err().0.contains("would not hold a schema (`null`)"));
        assert!(checked_schema("{\n}\n".to_string()).is_ok());
    }

    #[test]
    fn crate_names() {
        assert!(valid_crate_name("booster-dtos"));
        assert!(!valid_crate_name("1x") && !valid_crate_name("a b") && !valid_crate_name(""));
        let api = Api { service: Some("Tax Filing.Service".into()), ..Api::default() };
        assert_eq!(default_crate_name(&api), "tax-filing-service-dtos");
    }
}
