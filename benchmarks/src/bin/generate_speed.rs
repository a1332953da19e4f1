//! `generate` against the bare `scraper` parse of the same HTML pages, side by side in one run,
//! with memory per operation:
//!
//! ```sh
//! cargo run -p benchmarks --release --bin generate_speed                # N = 200 and 2,000, 5 runs
//! cargo run -p benchmarks --release --bin generate_speed -- 200 2000 20000 --runs 3
//! cargo run -p benchmarks --release --bin generate_speed -- --in-process   # every run in this process
//! ```
//!
//! For each N, K runs (`--runs`, 5), each of the two sides in a fresh process of its own (this
//! binary again, with `--one-run floor|generate N`), the floor first, so machine load hits them
//! alike and neither finds a heap warmed by an earlier run, as a CLI run does not
//! (`--in-process` runs them all in this process instead, one after the other, to show what a
//! warm heap changes):
//!
//! - **floor**: `scraper::Html::parse_document` of every page, one thread
//!   (`pipeline::scraper_floor`);
//! - **read** every page as the product does (`parallel::map` with `read_page`), **merge**,
//!   **emit**; their sum is **total**, what `generate` does short of file I/O.
//!
//! Each process renders the synthetic API's HTML pages in memory first, untimed. Cells are the
//! median of the K runs, the fastest in parentheses. CPU time is user + system of the whole
//! process (`getrusage`), since the product's stages may run on every core (`parallel::map`:
//! reading does) and the floor runs on one; page faults are the process's too (memory touched for
//! the first time). Peak memory comes from one more run in this process, untimed, through the
//! counting allocator: bytes live at once above what was live before, and for the floor with
//! every DOM kept (`pipeline::scraper_floor_retained`). The targets: total at most 3× the floor,
//! and 10× the operations at most 11× the time.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use benchmarks::alloc::{self, Counting, mib};
use benchmarks::args;
use benchmarks::measure::{self, Sample};
use benchmarks::pipeline;
use benchmarks::render::{self, Rendering};
use benchmarks::synth::{SEED, SynthApi};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const DEFAULT_SIZES: [usize; 2] = [200, 2_000];
const DEFAULT_RUNS: usize = 5;

/// A stage's samples over the runs.
#[derive(Default)]
struct Stage(Vec<Sample>);

impl Stage {
    fn wall(&self) -> Vec<f64> {
        self.0.iter().map(|s| s.wall_ms).collect()
    }

    fn median(&self) -> f64 {
        measure::median(&self.wall())
    }

    fn min(&self) -> f64 {
        measure::min(&self.wall())
    }

    /// The median of what `of` reads from each run; `None` if any run could not read it.
    fn median_of(&self, of: impl Fn(&Sample) -> Option<f64>) -> Option<f64> {
        let values: Option<Vec<f64>> = self.0.iter().map(of).collect();
        values.map(|v| measure::median(&v))
    }

    /// "median (min)" in milliseconds.
    fn cell(&self) -> String {
        format!("{:.1} ({:.1})", self.median(), self.min())
    }
}

/// A run's page faults, as a number to take the median of.
fn faults(s: &Sample) -> Option<f64> {
    s.faults.map(|f| f as f64)
}

struct Row {
    n: usize,
    pages_bytes: usize,
    floor: Stage,
    read: Stage,
    merge: Stage,
    emit: Stage,
    total: Stage,
    /// Peak bytes of one read + merge + emit.
    peak: usize,
    /// Peak bytes of the floor with every DOM kept.
    floor_peak: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--one-run") {
        let side = args.get(at + 1).map_or("", String::as_str);
        let n = args.get(at + 2).and_then(|n| n.parse().ok()).expect("`--one-run SIDE N`");
        for (stage, sample) in one_run(side, n) {
            let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
            println!(
                "{stage} {} {} {}",
                sample.wall_ms,
                or_dash(sample.cpu_ms.map(|c| c.to_string())),
                or_dash(sample.faults.map(|f| f.to_string()))
            );
        }
        return;
    }
    let mut sizes = args::sizes(&args);
    if sizes.is_empty() {
        sizes = DEFAULT_SIZES.to_vec();
    }
    let runs = args::value(&args, "--runs").unwrap_or(DEFAULT_RUNS).max(1);
    let in_process = args.iter().any(|a| a == "--in-process");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rows: Vec<Row> = sizes.iter().map(|&n| measure_size(n, runs, in_process)).collect();

    println!(
        "\n`generate` (read + merge + emit, no file I/O) against the `scraper` floor; HTML pages; \
         median (fastest) of {runs} runs, {}; \
         the product's `parallel::map` on {threads} threads, the floor on 1\n",
        if in_process { "every run in this process" } else { "each side in a fresh process per run" }
    );
    println!(
        "| N | threads | pages MiB | floor ms | read ms | merge ms | emit ms | total ms | total ÷ floor | \
         CPU ms of total | CPU of total ÷ floor | page faults of total (floor) | peak MiB | KiB/op | \
         floor peak MiB (all DOMs kept) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in &rows {
        let cpu_total = row.total.median_of(|s| s.cpu_ms);
        let cpu_ratio = cpu_total.zip(row.floor.median_of(|s| s.cpu_ms)).map(|(t, f)| t / f);
        println!(
            "| {} | {threads} | {:.1} | {} | {} | {} | {} | {} | {:.2}x ({:.2}x) | {} | {} | {} ({}) | {:.1} | {:.1} | {:.1} |",
            row.n,
            mib(row.pages_bytes),
            row.floor.cell(),
            row.read.cell(),
            row.merge.cell(),
            row.emit.cell(),
            row.total.cell(),
            row.total.median() / row.floor.median(),
            row.total.min() / row.floor.min(),
            cpu_total.map_or_else(|| "n/a".to_string(), |c| format!("{c:.1}")),
            cpu_ratio.map_or_else(|| "n/a".to_string(), |r| format!("{r:.2}x")),
            row.total.median_of(faults).map_or_else(|| "n/a".to_string(), |f| format!("{f:.0}")),
            row.floor.median_of(faults).map_or_else(|| "n/a".to_string(), |f| format!("{f:.0}")),
            mib(row.peak),
            row.peak as f64 / 1024.0 / row.n as f64,
            mib(row.floor_peak),
        );
    }
    println!();
    for pair in rows.windows(2) {
        let (small, large) = (&pair[0], &pair[1]);
        println!(
            "Scaling {} → {} operations ({:.1}× the operations): total {:.2}×, floor {:.2}× (medians)",
            small.n,
            large.n,
            large.n as f64 / small.n as f64,
            large.total.median() / small.total.median(),
            large.floor.median() / small.floor.median(),
        );
    }
    println!("Targets: total ÷ floor ≤ 3; 10× the operations ≤ 11× the time.");
}

/// Every stage at `n` operations, `runs` times, each side in a process of its own.
fn measure_size(n: usize, runs: usize, in_process: bool) -> Row {
    let pages = render::pages(&SynthApi::generate(n, SEED), Rendering::Html);
    let pages_bytes = render::total_bytes(&pages) as usize;
    eprintln!("N = {n}: {} pages, {:.1} MiB; measuring peak memory", pages.len(), mib(pages_bytes));
    let (_, floor_peak) = alloc::peak_during(|| pipeline::scraper_floor_retained(&pages));
    let (_, peak) = alloc::peak_during(|| pipeline::run(&pages));
    drop(pages);
    let mut row = Row {
        n,
        pages_bytes,
        floor: Stage::default(),
        read: Stage::default(),
        merge: Stage::default(),
        emit: Stage::default(),
        total: Stage::default(),
        peak,
        floor_peak,
    };
    for run in 1..=runs {
        let side = |name: &str| if in_process { one_run(name, n) } else { one_run_in_child(name, n) };
        let floor = side("floor").remove("floor").expect("the floor's run reports `floor`");
        let mut stages = side("generate");
        let mut stage = |name: &str| stages.remove(name).unwrap_or_else(|| panic!("the run reports `{name}`"));
        let (read, merge, emit) = (stage("read"), stage("merge"), stage("emit"));
        let total = read.plus(merge).plus(emit);
        eprintln!(
            "N = {n}, run {run}/{runs}: floor {:.0} ms, read {:.0}, merge {:.0}, emit {:.0}, total {:.0}",
            floor.wall_ms, read.wall_ms, merge.wall_ms, emit.wall_ms, total.wall_ms
        );
        row.floor.0.push(floor);
        row.read.0.push(read);
        row.merge.0.push(merge);
        row.emit.0.push(emit);
        row.total.0.push(total);
    }
    row
}

/// Runs this binary with `--one-run SIDE N` and reads back the samples it prints.
fn one_run_in_child(side: &str, n: usize) -> BTreeMap<String, Sample> {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let out = Command::new(exe)
        .args(["--one-run", side, &n.to_string()])
        .stderr(Stdio::inherit())
        .output()
        .expect("running the benchmark's child process");
    assert!(out.status.success(), "the child for `{side}` at N = {n} failed: {}", out.status);
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().filter_map(parse_sample).collect()
}

/// One side, once, in this process: each stage's sample by name.
fn one_run(side: &str, n: usize) -> BTreeMap<String, Sample> {
    let pages = render::pages(&SynthApi::generate(n, SEED), Rendering::Html);
    let mut out = BTreeMap::new();
    match side {
        "floor" => {
            out.insert("floor".to_string(), measure::timed(|| pipeline::scraper_floor(&pages)).1);
        }
        "generate" => {
            let (facts, read) = measure::timed(|| pipeline::read(&pages));
            let (api, merge) = measure::timed(|| pipeline::merge_facts(facts));
            let (files, emit) = measure::timed(|| pipeline::emit(&api));
            drop((api, files));
            out.extend([("read".to_string(), read), ("merge".to_string(), merge), ("emit".to_string(), emit)]);
        }
        other => panic!("`--one-run` takes `floor` or `generate`, not `{other}`"),
    }
    out
}

fn parse_sample(line: &str) -> Option<(String, Sample)> {
    let mut parts = line.split_whitespace();
    let stage = parts.next()?.to_string();
    let wall_ms = parts.next()?.parse().ok()?;
    let cpu_ms = parts.next()?.parse().ok();
    let faults = parts.next()?.parse().ok();
    Some((stage, Sample { wall_ms, cpu_ms, faults }))
}
