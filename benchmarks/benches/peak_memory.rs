//! Peak heap memory of read + merge + emit, and of the `scraper`-only floor, for each rendering
//! and size, measured by a counting global allocator (one run each; the pages themselves are
//! allocated before the measurement starts and are not counted).
//!
//! `cargo bench -p benchmarks --bench peak_memory` (N = 10, 100, 1,000), or with sizes:
//! `cargo bench -p benchmarks --bench peak_memory -- 10000` (about 4 minutes and 3 GB).

use std::time::Instant;

use benchmarks::alloc::{self, Counting, mib};
use benchmarks::pipeline;
use benchmarks::render::{self, Rendering};
use benchmarks::summary;
use benchmarks::synth::{SEED, SynthApi};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    // Sizes from the arguments (`-- 10000`), else 10 to 1,000; as a test (`cargo test --benches`)
    // only the smallest.
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = if summary::is_bench_run() { vec![10, 100, 1_000] } else { vec![10] };
    }
    println!("| operations | rendering | input MiB | peak MiB (read+merge+emit) | peak / input | seconds (1 run) |");
    println!("|---:|---|---:|---:|---:|---:|");
    for n in sizes {
        let api = SynthApi::generate(n, SEED);
        for rendering in Rendering::ALL {
            let pages = render::pages(&api, rendering);
            let input = render::total_bytes(&pages) as usize;
            let ((read, merged, secs), peak) = alloc::peak_during(|| {
                let start = Instant::now();
                let facts = pipeline::read(&pages);
                let read = start.elapsed().as_secs_f64();
                let api = pipeline::merge_facts(facts);
                let merged = start.elapsed().as_secs_f64();
                let files = pipeline::emit(&api);
                let secs = start.elapsed().as_secs_f64();
                drop((api, files));
                (read, merged, secs)
            });
            println!(
                "| {n} | {} | {:.1} | {:.1} | {:.1}x | {secs:.3} (read {read:.3}, merge {:.3}, emit {:.3}) |",
                rendering.name(),
                mib(input),
                mib(peak),
                peak as f64 / input as f64,
                merged - read,
                secs - merged,
            );
            if rendering == Rendering::Html {
                let (secs, peak) = alloc::peak_during(|| {
                    let start = Instant::now();
                    let nodes = std::hint::black_box(pipeline::scraper_floor_retained(&pages));
                    let secs = start.elapsed().as_secs_f64();
                    drop(nodes);
                    secs
                });
                println!(
                    "| {n} | html, scraper only (all DOMs kept) | {:.1} | {:.1} | {:.1}x | {secs:.3} |",
                    mib(input),
                    mib(peak),
                    peak as f64 / input as f64
                );
            }
        }
    }
}
