//! The command line: `ir` prints the merged schema as JSON; `generate` writes a crate;
//! `openapi` exports the schema as OpenAPI 3.1.

use std::path::PathBuf;
use std::process::ExitCode;

use std::time::Duration;

use booster_codegen::changes::{SCHEMA_FILE, compare, schema_json};
use booster_codegen::diag::Severity;
use booster_codegen::emit::GeneratedFile;
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::fetch::{FetchOptions, fetch};
use booster_codegen::write::write_crate;
use booster_codegen::{load, openapi, schema::Api};

/// mimalloc rather than the system's: reading, merging and emitting make many small
/// allocations from two threads, and with glibc's malloc `generate` takes 1.3–1.5× as long
/// (BENCHMARKS.md, section 2).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  booster-codegen ir PATH... [--settings FILE]
  booster-codegen ir --lines PATH...   (each line of each page: fact, furniture, warned or UNACCOUNTED)
  booster-codegen generate PATH... --out DIR [--crate-name NAME] [--settings FILE]
  booster-codegen fetch BASE_URL --out DIR [--format F]... [--lang L]... [--include OP]...
      [--exclude OP]... [--header 'Name: value']... [--concurrency N] [--timeout SECS]
      [--retries N] [--max-page-size BYTES]
  booster-codegen openapi PATH... [--out FILE] [--settings FILE]   (OpenAPI 3.1 JSON; stdout without --out)

PATH is a page or a directory of pages; a directory's settings.toml is read as settings.
generate prints what changed in the API since the crate in DIR was generated (its api.json).
fetch reads BASE_URL/metadata and writes each operation's page (format json unless --format
says otherwise; --lang adds a code-language page) and fetch-manifest.json into DIR; values may
be comma-separated. A failed fetch leaves DIR as it was.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    settings: Option<PathBuf>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut opts = Options { paths: Vec::new(), out: None, crate_name: None, settings: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--out" => opts.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => opts.crate_name = Some(value("--crate-name")?),
            "--settings" => opts.settings = Some(PathBuf::from(value("--settings")?)),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => opts.paths.push(PathBuf::from(path)),
        }
    }
    if opts.paths.is_empty() {
        return Err("give at least one page or directory".to_string());
    }
    Ok(opts)
}

fn report(api: &Api) -> ExitCode {
    for d in &api.diagnostics {
        eprintln!("{d}");
    }
    if api.diagnostics.iter().any(|d| d.severity == Severity::Error) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or("no command given")?;
    match command.as_str() {
        "ir" if rest.first().is_some_and(|a| a == "--lines") => {
            let opts = parse_options(&rest[1..])?;
            let (pages, _) = load::find_pages(&opts.paths).map_err(|e| e.to_string())?;
            let mut unaccounted = 0usize;
            for page in &pages {
                let bytes = std::fs::read(page).map_err(|e| format!("{}: {e}", page.display()))?;
                let shown = load::display_path(page);
                let (_, diags, lines) = booster_codegen::read::read_page_lines(&shown, &bytes);
                for d in &diags.items {
                    eprintln!("{d}");
                }
                let Some(lines) = lines else {
                    println!("{shown}: HTML, read by its elements rather than its lines");
                    continue;
                };
                for (i, (account, text)) in lines.iter().enumerate() {
                    unaccounted += usize::from(*account == booster_codegen::read::LineAccount::Unaccounted);
                    println!("{shown}:{}: {}: {text}", i + 1, account.word());
                }
            }
            if unaccounted > 0 {
                eprintln!(
                    "error: {unaccounted} line(s) were neither read, recognised as page furniture, nor named in a warning"
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        "ir" => {
            let opts = parse_options(rest)?;
            let loaded = load::load(&opts.paths, opts.settings.as_deref()).map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&loaded.api).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(report(&loaded.api))
        }
        "generate" => {
            let opts = parse_options(rest)?;
            let out = opts.out.clone().ok_or("generate needs --out DIR")?;
            let loaded = load::load(&opts.paths, opts.settings.as_deref()).map_err(|e| e.to_string())?;
            let crate_name = opts
                .crate_name
                .or_else(|| loaded.settings.crate_name.clone())
                .unwrap_or_else(|| default_crate_name(&loaded.api));
            if !valid_crate_name(&crate_name) {
                return Err(format!("`{crate_name}` is not a valid crate name"));
            }
            if loaded.api.operations.is_empty() {
                report(&loaded.api);
                eprintln!(
                    "error: no operation was found in {}: give ServiceStack metadata pages (one per operation, such \
                     as /json/metadata?op=Name) or directories holding them; nothing was written to {}",
                    opts.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
                    out.display()
                );
                return Ok(ExitCode::from(1));
            }
            let (mut files, emit_diags) =
                emit_crate(&loaded.api, &EmitOptions { crate_name, standalone: true, samples: &loaded.samples });
            files.push(GeneratedFile { path: SCHEMA_FILE.to_string(), contents: schema_json(&loaded.api) });
            let mut api = loaded.api;
            api.diagnostics.extend(emit_diags.items);
            let code = report(&api);
            if code != ExitCode::SUCCESS {
                eprintln!("error: nothing was written to {}", out.display());
                return Ok(code);
            }
            print_changes(&out, &api);
            let written = match write_crate(&out, &files, false) {
                Ok(written) => written,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(1));
                }
                Err(e) => {
                    eprintln!(
                        "error: writing {} failed: {e}; files not yet renamed into place are unchanged",
                        out.display()
                    );
                    return Ok(ExitCode::from(1));
                }
            };
            for said in &written.recovered {
                eprintln!("warning: {said}");
            }
            eprintln!(
                "generate: {} operations, {} types, {} files written to {}, {} warnings",
                api.operations.len(),
                api.types.len(),
                written.changed.len(),
                out.display(),
                api.diagnostics.len()
            );
            Ok(code)
        }
        "fetch" => run_fetch(rest),
        "openapi" => {
            let opts = parse_options(rest)?;
            let loaded = load::load(&opts.paths, opts.settings.as_deref()).map_err(|e| e.to_string())?;
            let doc = openapi::export(&loaded.api, &loaded.samples).to_pretty();
            let code = report(&loaded.api);
            match &opts.out {
                None => print!("{doc}"),
                Some(_) if code != ExitCode::SUCCESS => {
                    eprintln!("error: the pages have errors; nothing was written");
                }
                Some(out) => write_export(out, &doc)?,
            }
            Ok(code)
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

/// What changed since the crate in `out` was generated, on stderr; nothing when unchanged or
/// when `out` holds no schema yet.
fn print_changes(out: &std::path::Path, api: &Api) {
    let path = out.join(SCHEMA_FILE);
    let Ok(old) = std::fs::read_to_string(&path) else { return };
    match compare(&old, api) {
        Ok(changes) => eprint!("{}", booster_codegen::changes::report(&changes, &path.display().to_string())),
        Err(e) => eprintln!("{}: warning: {e}; no change report", path.display()),
    }
}

fn run_fetch(args: &[String]) -> Result<ExitCode, String> {
    let mut opts = FetchOptions { formats: Vec::new(), ..FetchOptions::default() };
    let mut base = None;
    let mut out = None;
    let mut it = args.iter();
    let list = |v: &str| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        let number = |flag: &str, v: String| v.parse::<u64>().map_err(|_| format!("{flag}: `{v}` is not a number"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--format" => opts.formats.extend(list(&value("--format")?)),
            "--lang" => opts.langs.extend(list(&value("--lang")?)),
            "--include" => opts.include.extend(list(&value("--include")?)),
            "--exclude" => opts.exclude.extend(list(&value("--exclude")?)),
            "--header" => {
                let h = value("--header")?;
                let (name, v) = h.split_once(':').ok_or("--header takes `Name: value`")?;
                opts.headers.push((name.trim().to_string(), v.trim().to_string()));
            }
            "--concurrency" => {
                opts.concurrency = number("--concurrency", value("--concurrency")?)?.clamp(1, 64) as usize
            }
            "--timeout" => opts.read_timeout = Duration::from_secs(number("--timeout", value("--timeout")?)?.max(1)),
            "--retries" => opts.retries = number("--retries", value("--retries")?)?.min(10) as u32,
            "--max-page-size" => opts.max_page_bytes = number("--max-page-size", value("--max-page-size")?)?,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            url if base.is_none() => base = Some(url.to_string()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    opts.base_url = base.ok_or("fetch needs the server's BASE_URL")?;
    let out = out.ok_or("fetch needs --out DIR")?;
    if opts.formats.is_empty() {
        opts.formats.push("json".to_string());
    }
    match fetch(&opts, &out) {
        Ok(report) => {
            eprintln!(
                "fetch: {} operations, {} pages, {} files written, {} removed in {}",
                report.operations.len(),
                report.pages,
                report.written.len(),
                report.removed.len(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {e}\nerror: nothing was changed in {}", out.display());
            Ok(ExitCode::from(1))
        }
    }
}

/// Writes the export through a temporary file renamed into place. A file that is there and is
/// not an export (no marker) is left alone: this command overwrites only what it generated.
fn write_export(out: &std::path::Path, doc: &str) -> Result<(), String> {
    if let Ok(existing) = std::fs::read_to_string(out) {
        if !existing.contains(openapi::MARKER) {
            return Err(format!(
                "{}: exists and was not written by `openapi`; give another --out or remove it",
                out.display()
            ));
        }
    } else if out.exists() {
        return Err(format!("{}: exists and is not an export; give another --out", out.display()));
    }
    let tmp = out.with_extension("openapi-tmp");
    std::fs::write(&tmp, doc).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: {e}", out.display())
    })?;
    eprintln!("openapi: wrote {}", out.display());
    Ok(())
}

/// `ss-test-dtos` style: the service's name in kebab case, else `servicestack-dtos`.
fn default_crate_name(api: &Api) -> String {
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

fn valid_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64
}
