//! The OpenAPI export (`openapi::export` and its pretty JSON text) of a synthetic API of 200 and
//! 2,000 operations, read from HTML pages with their JSON samples, as `booster-codegen openapi`
//! exports it. Only the export is timed: reading and merging are the `pipeline` benchmark's.
//! The ratio of the two sizes shows whether the export grows faster than its input.
//!
//! `cargo bench -p benchmarks --bench openapi_export`

use std::hint::black_box;
use std::time::Duration;

use benchmarks::pipeline;
use benchmarks::render::{self, Rendering};
use benchmarks::summary;
use benchmarks::synth::{SEED, SynthApi};
use booster_codegen::openapi::export;
use booster_codegen::samples::{Sample, samples_of};
use booster_codegen::schema::Api;
use criterion::{BenchmarkId, Criterion, SamplingMode};

/// The command line's allocator (unless the `system-alloc` feature is on).
#[global_allocator]
static ALLOCATOR: benchmarks::alloc::Underlying = benchmarks::alloc::Underlying;

const SIZES: [usize; 2] = [200, 2_000];
const GROUP: &str = "openapi_export";

/// The merged schema of the synthetic API of `n` operations and its pages' JSON samples.
fn api_and_samples(n: usize) -> (Api, Vec<Sample>) {
    let pages = render::pages(&SynthApi::generate(n, SEED), Rendering::Html);
    let read = pipeline::read(&pages);
    let samples = samples_of(read.iter().map(|(facts, _)| facts));
    (pipeline::merge_facts(read), samples)
}

fn main() {
    let mut c = Criterion::default().output_directory(&summary::criterion_dir()).configure_from_args();
    let mut sizes = Vec::new();
    for n in SIZES {
        let (api, samples) = api_and_samples(n);
        let bytes = export(&api, &samples).to_pretty().len();
        println!(
            "{GROUP}/{n}: {} operations, {} types, {} samples, {bytes} bytes of JSON",
            api.operations.len(),
            api.types.len(),
            samples.len()
        );
        let mut group = c.benchmark_group(GROUP);
        group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(5));
        group.warm_up_time(Duration::from_millis(500));
        group.bench_with_input(BenchmarkId::new("export_to_pretty", n), &(api, samples), |b, (api, samples)| {
            b.iter(|| export(black_box(api), black_box(samples)).to_pretty())
        });
        group.finish();
        sizes.push(n);
    }
    c.final_summary();
    if !summary::is_bench_run() {
        return;
    }
    let mean = |n: usize| summary::mean_ns(GROUP, "export_to_pretty", Some(&n.to_string()));
    println!("\n## OpenAPI export (criterion means)\n\n| N | export + pretty JSON |\n|---:|---:|");
    for &n in &sizes {
        if let Some(ns) = mean(n) {
            println!("| {n} | {:.1} ms |", ns / 1e6);
        }
    }
    if let (Some(a), Some(b)) = (mean(SIZES[0]), mean(SIZES[1])) {
        println!(
            "\nScaling {} → {}: {:.2}× the time for {}× the operations",
            SIZES[0],
            SIZES[1],
            b / a,
            SIZES[1] / SIZES[0]
        );
    }
}
