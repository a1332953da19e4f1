//! `cargo xtask regen [--check]`: regenerates `booster-dtos` (and its `openapi.json`) from
//! `specs/booster`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use booster_codegen::diag::Severity;
use booster_codegen::emit::GeneratedFile;
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::load::{load, read_facts};
use booster_codegen::openapi::{export, samples_of};
use booster_codegen::write::write_crate;

const USAGE: &str = "usage: cargo xtask regen [--check] [--root DIR]

Regenerates booster-dtos/ (and booster-dtos/openapi.json) from specs/booster/ under DIR
(default: this repository).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut check = false;
    let mut root = None;
    let mut it = args.iter().map(String::as_str);
    let command = it.next();
    while let Some(arg) = it.next() {
        match arg {
            "--check" => check = true,
            "--root" => match it.next() {
                Some(dir) => root = Some(PathBuf::from(dir)),
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    match command {
        Some("regen") => regen(check, root.unwrap_or_else(repository_root)),
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn regen(check: bool, root: PathBuf) -> ExitCode {
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let loaded = match load(&[PathBuf::from("specs/booster")], None) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let api = &loaded.api;
    let crate_name = loaded.settings.crate_name.clone().unwrap_or_else(|| "booster-dtos".to_string());
    let (mut files, emit_diags) = emit_crate(api, &EmitOptions { crate_name, standalone: false });
    // The OpenAPI 3.1 export, one of the generated files (so `--check` reports it stale).
    let facts = match read_facts(&loaded.pages) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    files.push(GeneratedFile {
        path: "openapi.json".to_string(),
        contents: export(api, &samples_of(&facts)).to_pretty(),
    });
    let diagnostics: Vec<_> = api.diagnostics.iter().chain(&emit_diags.items).collect();
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        eprintln!("error: the pages have errors; booster-dtos was left as it was");
        return ExitCode::FAILURE;
    }
    let report = match write_crate(Path::new("booster-dtos"), &files, check) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: writing booster-dtos failed: {e}; files not yet renamed into place are unchanged");
            return ExitCode::FAILURE;
        }
    };
    let stale: Vec<&PathBuf> = report.changed.iter().chain(&report.removed).collect();
    if check {
        if stale.is_empty() {
            println!("regen --check: booster-dtos is up to date ({} files)", files.len());
            return ExitCode::SUCCESS;
        }
        for p in &stale {
            eprintln!("stale: {}", p.display());
        }
        eprintln!("error: {} generated file(s) are stale; run `cargo xtask regen`", stale.len());
        return ExitCode::FAILURE;
    }
    println!(
        "regen: {} operations, {} types, {} files written, {} removed, {} warnings",
        api.operations.len(),
        api.types.len(),
        report.changed.len(),
        report.removed.len(),
        warnings
    );
    ExitCode::SUCCESS
}
