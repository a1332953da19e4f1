//! The generator's throughput: read + merge + emit of N synthetic operations (one page each) in
//! each rendering, against the floor of `scraper` only parsing the same API's HTML pages.
//!
//! N = 10, 100 and 1,000 are criterion benchmarks. N = 10,000 takes tens of seconds per run, so
//! it is timed by hand, once per rendering (`BENCH_MAX_OPS=1000` skips it). A summary with
//! pages/s, MB/s, the ratio to the floor and the 10× scaling ratios is printed at the end.
//!
//! `cargo bench -p benchmarks --bench pipeline`

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use benchmarks::pipeline;
use benchmarks::render::{self, Page, Rendering};
use benchmarks::summary;
use benchmarks::synth::{SEED, SynthApi};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

/// The command line's allocator (unless the `system-alloc` feature is on), so the stages are
/// timed as `booster-codegen generate` runs them.
#[global_allocator]
static ALLOCATOR: benchmarks::alloc::Underlying = benchmarks::alloc::Underlying;

const CRITERION_SIZES: [usize; 3] = [10, 100, 1_000];
const LARGE: usize = 10_000;
const FLOOR: &str = "floor_scraper_html";

fn group_name(rendering: Rendering) -> String {
    format!("pipeline_{}", rendering.name())
}

/// All renderings' pages of the API of size `n`.
fn all_pages(n: usize) -> Vec<(Rendering, Vec<Page>)> {
    let api = SynthApi::generate(n, SEED);
    Rendering::ALL.iter().map(|&r| (r, render::pages(&api, r))).collect()
}

fn criterion_benches(c: &mut Criterion, sizes: &[usize], sizes_info: &mut BTreeMap<usize, Vec<(Rendering, u64)>>) {
    for &n in sizes {
        let pages = all_pages(n);
        for (rendering, pages) in &pages {
            let bytes = render::total_bytes(pages);
            sizes_info.entry(n).or_default().push((*rendering, bytes));
            let mut group = c.benchmark_group(group_name(*rendering));
            tune(&mut group, n);
            group.throughput(Throughput::BytesDecimal(bytes));
            group.bench_with_input(BenchmarkId::new("read_merge_emit", n), pages, |b, pages| {
                b.iter(|| pipeline::run(black_box(pages)))
            });
            group.finish();
            if *rendering == Rendering::Html {
                let mut group = c.benchmark_group(FLOOR);
                tune(&mut group, n);
                group.throughput(Throughput::BytesDecimal(bytes));
                group.bench_with_input(BenchmarkId::new("parse_document", n), pages, |b, pages| {
                    b.iter(|| pipeline::scraper_floor(black_box(pages)))
                });
                group.finish();
            }
        }
    }
}

/// Fewer, flat samples for the slow sizes, to keep a full run within minutes on 2 cores.
fn tune(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    group.warm_up_time(Duration::from_millis(500));
    if n >= 1_000 {
        group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(10));
    } else if n >= 100 {
        group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(3));
    } else {
        group.sample_size(10).measurement_time(Duration::from_secs(2));
    }
}

/// One timed run of each rendering (and the floor) at `n` operations: (rendering, ns, bytes).
fn timed_once(n: usize) -> (Vec<(Rendering, f64, u64)>, f64) {
    let mut out = Vec::new();
    let mut floor = 0.0;
    for (rendering, pages) in all_pages(n) {
        let bytes = render::total_bytes(&pages);
        let start = Instant::now();
        black_box(pipeline::run(black_box(&pages)));
        let ns = start.elapsed().as_secs_f64() * 1e9;
        println!("{}/read_merge_emit/{n}: {:.2} s (one run)", group_name(rendering), ns / 1e9);
        out.push((rendering, ns, bytes));
        if rendering == Rendering::Html {
            let start = Instant::now();
            black_box(pipeline::scraper_floor(black_box(&pages)));
            floor = start.elapsed().as_secs_f64() * 1e9;
            println!("{FLOOR}/parse_document/{n}: {:.2} s (one run)", floor / 1e9);
        }
    }
    (out, floor)
}

fn main() {
    let bench_run = summary::is_bench_run();
    let max_ops: usize = std::env::var("BENCH_MAX_OPS").ok().and_then(|v| v.parse().ok()).unwrap_or(LARGE);
    let mut c = Criterion::default().output_directory(&summary::criterion_dir()).configure_from_args();
    let sizes: Vec<usize> = CRITERION_SIZES.iter().copied().filter(|&n| n <= max_ops).collect();
    let mut info = BTreeMap::new();
    criterion_benches(&mut c, &sizes, &mut info);
    c.final_summary();
    if !bench_run {
        return;
    }

    // (rendering, n) → (ns per run, bytes); the floor by n.
    let mut times: BTreeMap<(Rendering, usize), (f64, u64)> = BTreeMap::new();
    let mut floors: BTreeMap<usize, f64> = BTreeMap::new();
    for (&n, renderings) in &info {
        for &(rendering, bytes) in renderings {
            let id = format!("{n}");
            if let Some(ns) = summary::mean_ns(&group_name(rendering), "read_merge_emit", Some(&id)) {
                times.insert((rendering, n), (ns, bytes));
            }
            if let Some(ns) = summary::mean_ns(FLOOR, "parse_document", Some(&id)) {
                floors.insert(n, ns);
            }
        }
    }
    if max_ops >= LARGE {
        let (runs, floor) = timed_once(LARGE);
        for (rendering, ns, bytes) in runs {
            times.insert((rendering, LARGE), (ns, bytes));
        }
        floors.insert(LARGE, floor);
    }
    print_summary(&times, &floors);
}

fn print_summary(times: &BTreeMap<(Rendering, usize), (f64, u64)>, floors: &BTreeMap<usize, f64>) {
    println!("\n## Pipeline: read + merge + emit (N operations, one page each)\n");
    println!("| rendering | N | time | pages/s | MB/s | ÷ scraper floor (same API as HTML) |");
    println!("|---|---:|---:|---:|---:|---:|");
    for n in floors.keys().copied() {
        let floor = floors[&n];
        if let Some((_, bytes)) = times.get(&(Rendering::Html, n)) {
            println!(
                "| floor: scraper parse only (HTML) | {n} | {} | {:.0} | {:.1} | 1.00x |",
                human(floor),
                n as f64 / (floor / 1e9),
                *bytes as f64 / 1e6 / (floor / 1e9)
            );
        }
        for rendering in Rendering::ALL {
            let Some(&(ns, bytes)) = times.get(&(rendering, n)) else { continue };
            println!(
                "| {} | {n} | {} | {:.0} | {:.1} | {:.1}x |",
                rendering.name(),
                human(ns),
                n as f64 / (ns / 1e9),
                bytes as f64 / 1e6 / (ns / 1e9),
                ns / floor
            );
        }
    }
    println!("\n## Scaling: time(10 N) / time(N) (target ≤ 11)\n");
    println!("| rendering | 10→100 | 100→1,000 | 1,000→10,000 |");
    println!("|---|---:|---:|---:|");
    let scale = |get: &dyn Fn(usize) -> Option<f64>| -> Vec<String> {
        [10, 100, 1_000]
            .iter()
            .map(|&n| match (get(n), get(n * 10)) {
                (Some(a), Some(b)) => format!("{:.1}", b / a),
                _ => "n/a".to_string(),
            })
            .collect()
    };
    for rendering in Rendering::ALL {
        let cells = scale(&|n| times.get(&(rendering, n)).map(|t| t.0));
        println!("| {} | {} |", rendering.name(), cells.join(" | "));
    }
    let cells = scale(&|n| floors.get(&n).copied());
    println!("| floor (scraper) | {} |", cells.join(" | "));
}

fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}
