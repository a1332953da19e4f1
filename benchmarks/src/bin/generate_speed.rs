//! `generate` against the bare `scraper` parse of the same HTML pages, side by side in one run,
//! with memory per operation:
//!
//! ```sh
//! cargo run -p benchmarks --release --bin generate_speed                # N = 200 and 2,000, 5 runs
//! cargo run -p benchmarks --release --bin generate_speed -- 200 2000 20000 --runs 3
//! ```
//!
//! For each N, the synthetic API's HTML pages are rendered in memory, then K runs (`--runs`,
//! 5) each time, one after the other in every run so machine load hits them alike:
//!
//! - **floor**: `scraper::Html::parse_document` of every page, one thread
//!   (`pipeline::scraper_floor`);
//! - **read** every page as the product does (`parallel::map` with `read_page`), **merge**,
//!   **emit**; their sum is **total**, what `generate` does short of file I/O.
//!
//! Cells are the median of the K runs, the fastest in parentheses. CPU time is user + system of
//! the whole process (`getrusage`), since the product's stages may run on every core
//! (`parallel::map`: reading does) and the floor runs on one.
//! Peak memory comes from one more run, untimed (it doubles as the warm-up), through the counting
//! allocator: bytes live at once above what was live before, and for the floor with every DOM
//! kept (`pipeline::scraper_floor_retained`). The targets: total at most 3× the floor, and 10×
//! the operations at most 11× the time.

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

    /// Median CPU time; `None` if any run could not read it.
    fn cpu_median(&self) -> Option<f64> {
        let cpu: Option<Vec<f64>> = self.0.iter().map(|s| s.cpu_ms).collect();
        cpu.map(|c| measure::median(&c))
    }

    /// "median (min)" in milliseconds.
    fn cell(&self) -> String {
        format!("{:.1} ({:.1})", self.median(), self.min())
    }
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
    let mut sizes = args::sizes(&args);
    if sizes.is_empty() {
        sizes = DEFAULT_SIZES.to_vec();
    }
    let runs = args::value(&args, "--runs").unwrap_or(DEFAULT_RUNS).max(1);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rows: Vec<Row> = sizes.iter().map(|&n| measure_size(n, runs)).collect();

    println!(
        "\n`generate` (read + merge + emit, no file I/O) against the `scraper` floor; HTML pages; \
         median (fastest) of {runs} runs; \
         the product's `parallel::map` on {threads} threads, the floor on 1\n"
    );
    println!(
        "| N | threads | pages MiB | floor ms | read ms | merge ms | emit ms | total ms | total ÷ floor | \
         CPU ms of total | CPU of total ÷ floor | peak MiB | KiB/op | floor peak MiB (all DOMs kept) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in &rows {
        let cpu_total = row.total.cpu_median();
        let cpu_ratio = cpu_total.zip(row.floor.cpu_median()).map(|(t, f)| t / f);
        println!(
            "| {} | {threads} | {:.1} | {} | {} | {} | {} | {} | {:.2}x ({:.2}x) | {} | {} | {:.1} | {:.1} | {:.1} |",
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

/// Every stage at `n` operations, `runs` times, interleaved.
fn measure_size(n: usize, runs: usize) -> Row {
    let pages = render::pages(&SynthApi::generate(n, SEED), Rendering::Html);
    let pages_bytes = render::total_bytes(&pages) as usize;
    eprintln!("N = {n}: {} pages, {:.1} MiB; measuring peak memory", pages.len(), mib(pages_bytes));
    let (_, floor_peak) = alloc::peak_during(|| pipeline::scraper_floor_retained(&pages));
    let (_, peak) = alloc::peak_during(|| pipeline::run(&pages));
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
        let (_, floor) = measure::timed(|| pipeline::scraper_floor(&pages));
        let (facts, read) = measure::timed(|| pipeline::read(&pages));
        let (api, merge) = measure::timed(|| pipeline::merge_facts(facts));
        let (files, emit) = measure::timed(|| pipeline::emit(&api));
        drop((api, files));
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
