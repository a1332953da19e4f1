//! The command line: `ir` prints the merged schema as JSON; `generate` writes a crate;
//! `openapi` exports the schema as OpenAPI 3.1; `fetch` downloads a server's pages. Exit codes:
//! 0 (warnings at most), 1 (errors, I/O failures and refusals, with the message), 2 (bad usage,
//! with the usage text).

use std::path::PathBuf;
use std::process::ExitCode;

use booster_codegen::diag::{Diagnostic, Severity};
use booster_codegen::plan::{PlanOptions, plan, valid_crate_name};
use booster_codegen::write::{write_crate, write_generated_file};
use booster_codegen::{load, openapi};

#[cfg(feature = "fetch")]
mod cli_fetch;

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
      [--exclude OP]... [--header 'Name: value']... [--concurrency 1-64] [--timeout 1-3600]
      [--retries 0-10] [--max-page-size BYTES]
  booster-codegen openapi PATH... [--out FILE] [--settings FILE]   (OpenAPI 3.1 JSON; stdout without --out)

PATH is a page or a directory of pages; a directory's settings.toml is read as settings.
generate prints what changed in the API since the crate in DIR was generated (its api.json).
fetch reads BASE_URL/metadata and writes each operation's page (format json unless --format
says otherwise; --lang adds a code-language page) and fetch-manifest.json into DIR; values may
be comma-separated. A failed fetch leaves DIR as it was.
Exit codes: 0 (warnings at most), 1 (errors, unreadable or unwritable files, refusals), 2 (bad usage).";

/// Why a command stopped: bad usage (exit 2, with the usage text) or an error (exit 1).
pub enum Failure {
    Usage(String),
    Error(String),
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    pub fn error(message: impl ToString) -> Failure {
        Failure::Error(message.to_string())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Error(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

struct Options {
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    settings: Option<PathBuf>,
}

fn parse_options(args: &[String]) -> Result<Options, Failure> {
    let mut opts = Options { paths: Vec::new(), out: None, crate_name: None, settings: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or_else(|| Failure::usage(format!("{flag} needs a value")));
        match arg.as_str() {
            "--out" => opts.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => {
                let name = value("--crate-name")?;
                if !valid_crate_name(&name) {
                    return Err(Failure::usage(format!("--crate-name: `{name}` is not a valid crate name")));
                }
                opts.crate_name = Some(name);
            }
            "--settings" => opts.settings = Some(PathBuf::from(value("--settings")?)),
            flag if flag.starts_with("--") => return Err(Failure::usage(format!("unknown option {flag}"))),
            path => opts.paths.push(PathBuf::from(path)),
        }
    }
    if opts.paths.is_empty() {
        return Err(Failure::usage("give at least one page or directory"));
    }
    Ok(opts)
}

/// Prints the diagnostics; exit 1 if any is an error.
fn report(diagnostics: &[Diagnostic]) -> ExitCode {
    for d in diagnostics {
        eprintln!("{d}");
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let (command, rest) = args.split_first().ok_or_else(|| Failure::usage("no command given"))?;
    match command.as_str() {
        "ir" if rest.first().is_some_and(|a| a == "--lines") => ir_lines(&parse_options(&rest[1..])?),
        "ir" => {
            let opts = parse_options(rest)?;
            let loaded = load::load(&opts.paths, opts.settings.as_deref()).map_err(Failure::error)?;
            let json = serde_json::to_string_pretty(&loaded.api).map_err(Failure::error)?;
            println!("{json}");
            Ok(report(&loaded.api.diagnostics))
        }
        "generate" => generate(&parse_options(rest)?),
        #[cfg(feature = "fetch")]
        "fetch" => cli_fetch::run_fetch(rest),
        #[cfg(not(feature = "fetch"))]
        "fetch" => Err(Failure::usage("this booster-codegen was built without the `fetch` feature")),
        "openapi" => export_openapi(&parse_options(rest)?),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure::usage(format!("unknown command `{other}`"))),
    }
}

/// `ir --lines`: each line of each page with what became of it.
fn ir_lines(opts: &Options) -> Result<ExitCode, Failure> {
    let (pages, _) = load::find_named_pages(&opts.paths).map_err(Failure::error)?;
    let mut unaccounted = 0usize;
    for (page, shown) in &pages {
        let bytes = std::fs::read(page).map_err(|e| Failure::error(format!("{}: {e}", page.display())))?;
        let (_, diags, lines) = booster_codegen::read::read_page_lines(shown, &bytes);
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

/// `generate`: a thin front over [`plan`] and [`write_crate`], as `cargo xtask regen` is.
fn generate(opts: &Options) -> Result<ExitCode, Failure> {
    let out = opts.out.clone().ok_or_else(|| Failure::usage("generate needs --out DIR"))?;
    let plan = plan(&PlanOptions {
        pages: &opts.paths,
        settings: opts.settings.as_deref(),
        out: &out,
        crate_name: opts.crate_name.clone(),
        standalone: true,
        openapi: false,
    })
    .map_err(Failure::error)?;
    report(&plan.diagnostics);
    if let Some(why) = &plan.refusal {
        return Err(Failure::error(why));
    }
    eprint!("{}", plan.change_report());
    let written = write_crate(&out, &plan.files, false).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::error(e)
        } else {
            Failure::error(format!(
                "writing {} failed: {e}; files not yet renamed into place are unchanged",
                out.display()
            ))
        }
    })?;
    for said in &written.recovered {
        eprintln!("warning: {said}");
    }
    eprintln!(
        "generate: {} operations, {} types, {} files written to {}, {} warnings",
        plan.api.operations.len(),
        plan.api.types.len(),
        written.changed.len(),
        out.display(),
        plan.warnings()
    );
    Ok(ExitCode::SUCCESS)
}

/// `openapi`: the export on stdout, or through the writer into `--out FILE`, which it replaces
/// only when it generated it (the marker at its head).
fn export_openapi(opts: &Options) -> Result<ExitCode, Failure> {
    let loaded = load::load(&opts.paths, opts.settings.as_deref()).map_err(Failure::error)?;
    let doc = openapi::export(&loaded.api, &loaded.samples).to_pretty();
    let code = report(&loaded.api.diagnostics);
    match &opts.out {
        None => print!("{doc}"),
        Some(_) if code != ExitCode::SUCCESS => eprintln!("error: the pages have errors; nothing was written"),
        Some(out) => {
            let written = write_generated_file(out, doc.as_bytes()).map_err(Failure::error)?;
            for said in &written.recovered {
                eprintln!("warning: {said}");
            }
            eprintln!("openapi: wrote {}", out.display());
        }
    }
    Ok(code)
}
