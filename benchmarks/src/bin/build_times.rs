//! Build times and sizes of the generated crate against the peer (`x rust` style), for synthetic
//! APIs of N operations: each crate alone, its dependencies prebuilt.
//!
//! ```sh
//! cargo run -p benchmarks --release --bin build_times             # N = 100 and 1,000
//! cargo run -p benchmarks --release --bin build_times -- 100 --runs 3 --keep
//! ```
//!
//! For each N it reads the API's HTML pages, merges and emits our crate, emits the peer from the
//! same schema, writes both as standalone crates under a temporary directory sharing one target
//! directory, builds each once (which builds the dependencies), then touches the crate's sources
//! and times `cargo build` again (debug, then `--release`), keeping the fastest of `--runs` (1).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use benchmarks::peer::emit_peer;
use benchmarks::pipeline;
use benchmarks::render::{self, Rendering};
use benchmarks::synth::SynthApi;
use booster_codegen::diag::Severity;
use booster_codegen::emit::emit_crate;

const SEED: u64 = 0xB005_7E12;

struct Crate {
    label: &'static str,
    dir: PathBuf,
    /// Non-blank lines of `src/**/*.rs`.
    lines: usize,
    /// The same without the runtime the generator copies into every crate.
    lines_generated: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs_at = args.iter().position(|a| a == "--runs");
    let mut sizes: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| runs_at.is_none_or(|r| *i != r + 1))
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100, 1_000];
    }
    let runs: usize =
        args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(1);
    let keep = args.iter().any(|a| a == "--keep");
    let root = std::env::temp_dir().join(format!("booster-build-times-{}", std::process::id()));
    let target = root.join("target");

    let mut rows = Vec::new();
    for &n in &sizes {
        let api = SynthApi::generate(n, SEED);
        let pages = render::pages(&api, Rendering::Html);
        let schema = pipeline::read_and_merge(&pages);
        let (files, _) = emit_crate(&schema, &pipeline::emit_options(&format!("synthetic-dtos-{n}")));
        let errors = schema.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        eprintln!("N = {n}: {} types, {errors} error diagnostics", schema.types.len());

        let ours_dir = root.join(format!("ours-{n}"));
        let ours_files: Vec<(String, String)> = files.iter().map(|f| (f.path.clone(), f.contents.clone())).collect();
        let ours = write(&ours_dir, &ours_files, "ours");
        let peer_dir = root.join(format!("peer-{n}"));
        let peer = write(&peer_dir, &emit_peer(&schema, &format!("peer-dtos-{n}")), "x rust style");

        for krate in [&ours, &peer] {
            for release in [false, true] {
                let profile = if release { "release" } else { "debug" };
                eprintln!("N = {n}: building {} ({profile}) once to build its dependencies", krate.label);
                let first = cargo_build(&krate.dir, &target, release);
                let Some(first) = first else {
                    rows.push(format!("| {n} | {} | {profile} | build failed | | |", krate.label));
                    continue;
                };
                let mut best = f64::INFINITY;
                for _ in 0..runs {
                    touch_sources(&krate.dir);
                    if let Some(secs) = cargo_build(&krate.dir, &target, release) {
                        best = best.min(secs);
                    }
                }
                rows.push(format!(
                    "| {n} | {} | {profile} | {best:.1} s | {} | {} |",
                    krate.label, krate.lines, krate.lines_generated
                ));
                eprintln!("N = {n}: {} ({profile}): first build {first:.1} s, rebuild {best:.1} s", krate.label);
            }
        }
    }
    println!("\n| N | crate | profile | build (deps prebuilt) | lines | lines without the runtime |");
    println!("|---:|---|---|---:|---:|---:|");
    for row in rows {
        println!("{row}");
    }
    if keep {
        println!("\nCrates kept in {}", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}

fn write(dir: &Path, files: &[(String, String)], label: &'static str) -> Crate {
    let _ = std::fs::remove_dir_all(dir);
    let mut lines = 0;
    let mut lines_generated = 0;
    for (path, contents) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        std::fs::write(&full, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", full.display()));
        if path.ends_with(".rs") {
            let n = contents.lines().filter(|l| !l.trim().is_empty()).count();
            lines += n;
            if path != "src/runtime.rs" && path != "src/operation.rs" {
                lines_generated += n;
            }
        }
    }
    Crate { label, dir: dir.to_path_buf(), lines, lines_generated }
}

/// Marks every source file changed, so cargo rebuilds the crate but not its dependencies.
fn touch_sources(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir.join("src")) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if let Ok(contents) = std::fs::read(&path) {
            let _ = std::fs::write(&path, contents);
        }
    }
}

/// `cargo build` in `dir`; the wall time in seconds, or `None` (with cargo's output) on failure.
fn cargo_build(dir: &Path, target: &Path, release: bool) -> Option<f64> {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.arg("build").arg("--quiet").current_dir(dir).env("CARGO_TARGET_DIR", target);
    if release {
        cmd.arg("--release");
    }
    let start = Instant::now();
    let out = cmd.output().ok()?;
    let secs = start.elapsed().as_secs_f64();
    if !out.status.success() {
        eprintln!("cargo build failed in {}:\n{}", dir.display(), String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(secs)
}
