//! `cargo xtask regen [--check] [--fetch]`: regenerates `booster-dtos` (and its `api.json` and
//! `openapi.json`) from `specs/booster` (from `specs/booster/fetched/` once `--fetch` has filled
//! it), printing what changed in the API.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use booster_codegen::fetch::{FetchOptions, MANIFEST_FILE, fetch};
use booster_codegen::load::read_settings;
use booster_codegen::plan::{Plan, PlanOptions, plan};
use booster_codegen::write::{JOURNAL, WriteReport, write_crate};

const USAGE: &str = "usage: cargo xtask regen [--check] [--fetch] [--root DIR]

Regenerates booster-dtos/ (with its api.json and openapi.json) from specs/booster/ under DIR
(default: this repository) and prints what changed in the API since booster-dtos/api.json, each change marked breaking or additive.
--fetch first downloads the pages from base_url in specs/booster/settings.toml into
specs/booster/fetched/; once that directory exists, regen reads it instead of the saved pages.
--check writes nothing and exits 1 when the API changed or a generated file is stale.";

/// Where `--fetch` puts the server's pages, under `specs/booster`.
const FETCHED: &str = "specs/booster/fetched";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut check = false;
    let mut fetch_first = false;
    let mut root = None;
    let mut it = args.iter().map(String::as_str);
    let command = it.next();
    while let Some(arg) = it.next() {
        match arg {
            "--check" => check = true,
            "--fetch" => fetch_first = true,
            "--root" => match it.next() {
                Some(dir) => root = Some(PathBuf::from(dir)),
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    match command {
        Some("regen") => regen(check, fetch_first, root.unwrap_or_else(repository_root)),
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

/// Downloads the Booster pages from the settings' `base_url` into `specs/booster/fetched`.
fn fetch_pages() -> Result<(), String> {
    let settings_path = Path::new("specs/booster/settings.toml");
    let settings = read_settings(settings_path).map_err(|e| e.to_string())?;
    let base_url = settings.base_url.ok_or_else(|| {
        format!("{}: no base_url; add `base_url = \"https://your-server\"` to fetch", settings_path.display())
    })?;
    let opts = FetchOptions { base_url, ..FetchOptions::default() };
    let report = fetch(&opts, Path::new(FETCHED)).map_err(|e| format!("{e}; {FETCHED} was left as it was"))?;
    for said in &report.recovered {
        eprintln!("warning: {said}");
    }
    println!(
        "fetch: {} operations, {} pages, {} files written, {} removed",
        report.operations.len(),
        report.pages,
        report.written.len(),
        report.removed.len()
    );
    Ok(())
}

fn regen(check: bool, fetch_first: bool, root: PathBuf) -> ExitCode {
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    if fetch_first && let Err(e) = fetch_pages() {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    // Pages fetched from the server supersede the saved ones; settings stay in specs/booster.
    // A journal there is an interrupted fetch: reading the directory then says so (never a mix).
    let fetched = Path::new(FETCHED).join(MANIFEST_FILE).is_file() || Path::new(FETCHED).join(JOURNAL).is_file();
    let (pages, settings) = if fetched {
        (PathBuf::from(FETCHED), Some(Path::new("specs/booster/settings.toml")))
    } else {
        (PathBuf::from("specs/booster"), None)
    };
    let out = Path::new("booster-dtos");
    let pages = [pages];
    let options = PlanOptions { pages: &pages, settings, out, crate_name: None, standalone: false, openapi: true };
    let plan = match plan(&options) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for d in &plan.diagnostics {
        eprintln!("{d}");
    }
    if let Some(why) = &plan.refusal {
        eprintln!("error: {why}");
        return ExitCode::FAILURE;
    }
    print!("{}", plan.change_report());
    let report = match write_crate(out, &plan.files, check) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: writing booster-dtos failed: {e}; files not yet renamed into place are unchanged");
            return ExitCode::FAILURE;
        }
    };
    for said in &report.recovered {
        eprintln!("warning: {said}");
    }
    if check {
        return check_result(&plan, &report);
    }
    println!(
        "regen: {} operations, {} types, {} files written, {} removed, {} warnings",
        plan.api.operations.len(),
        plan.api.types.len(),
        report.changed.len(),
        report.removed.len(),
        plan.warnings()
    );
    ExitCode::SUCCESS
}

/// `--check`: success only when nothing is stale, nothing changed and nothing was interrupted.
fn check_result(plan: &Plan, report: &WriteReport) -> ExitCode {
    let stale: Vec<&PathBuf> = report.changed.iter().chain(&report.removed).collect();
    if stale.is_empty() && plan.changes.is_empty() && report.recovered.is_empty() {
        println!("regen --check: booster-dtos is up to date ({} files)", plan.files.len());
        return ExitCode::SUCCESS;
    }
    for p in &stale {
        eprintln!("stale: {}", p.display());
    }
    if !plan.changes.is_empty() {
        eprintln!("error: the API changed ({} change(s) above); run `cargo xtask regen`", plan.changes.len());
    }
    if !stale.is_empty() {
        eprintln!("error: {} generated file(s) are stale; run `cargo xtask regen`", stale.len());
    }
    if !report.recovered.is_empty() {
        eprintln!("error: an interrupted regen left work behind; run `cargo xtask regen` to finish it");
    }
    ExitCode::FAILURE
}
