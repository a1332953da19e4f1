//! The command line: `ir` prints the merged schema as JSON; `generate` writes a crate.

use std::path::PathBuf;
use std::process::ExitCode;

use booster_codegen::diag::Severity;
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::write::write_crate;
use booster_codegen::{load, schema::Api};

const USAGE: &str = "usage:
  booster-codegen ir PATH... [--settings FILE]
  booster-codegen generate PATH... --out DIR [--crate-name NAME] [--settings FILE]

PATH is a page or a directory of pages; a directory's settings.toml is read as settings.";

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
            let (files, emit_diags) = emit_crate(&loaded.api, &EmitOptions { crate_name, standalone: true });
            let mut api = loaded.api;
            api.diagnostics.extend(emit_diags.items);
            let code = report(&api);
            if code != ExitCode::SUCCESS {
                eprintln!("error: nothing was written to {}", out.display());
                return Ok(code);
            }
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
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    }
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
