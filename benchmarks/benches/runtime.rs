//! JSON throughput of the generated `booster_dtos` types against hand-written plain serde structs
//! of the same shape with `String` dates and Guids (the floor), on the seed samples scaled up;
//! and `#[serde(flatten)]` against flat fields for `ExportCustomer : SearchCustomer`.
//!
//! `cargo bench -p benchmarks --bench runtime`

use std::hint::black_box;
use std::time::Duration;

use benchmarks::plain::{self, payloads};
use benchmarks::summary;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput, measurement::WallTime};
use serde::Serialize;
use serde::de::DeserializeOwned;

const ITEMS: usize = 1_000;

/// Deserializes `json` as `T` and serializes the value back, as two benchmarks.
fn de_ser<T: DeserializeOwned + Serialize>(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, json: &str) {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: the payload does not read: {e}"));
    let written = serde_json::to_string(&value).unwrap_or_default();
    group.throughput(Throughput::BytesDecimal(json.len() as u64));
    group.bench_function(BenchmarkId::new(name, "deserialize"), |b| {
        b.iter(|| serde_json::from_str::<T>(black_box(json)).map(drop).is_ok())
    });
    group.throughput(Throughput::BytesDecimal(written.len() as u64));
    group.bench_function(BenchmarkId::new(name, "serialize"), |b| {
        b.iter(|| serde_json::to_string(black_box(&value)).ok())
    });
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
}

fn generated_vs_plain(c: &mut Criterion) {
    let export = payloads::scaled(payloads::EXPORT_CUSTOMER_PAGE, "interests", ITEMS);
    let mut group = c.benchmark_group("runtime_export_customer_1000_interests");
    configure(&mut group);
    de_ser::<booster_dtos::ExportCustomer>(&mut group, "booster_dtos", &export);
    de_ser::<plain::ExportCustomer>(&mut group, "plain", &export);
    group.finish();

    let addresses = payloads::scaled(payloads::CREATE_CUSTOMER_PAGE, "addresses", ITEMS);
    let mut group = c.benchmark_group("runtime_create_customer_1000_addresses");
    configure(&mut group);
    de_ser::<booster_dtos::CreateCustomer>(&mut group, "booster_dtos", &addresses);
    de_ser::<plain::CreateCustomer>(&mut group, "plain", &addresses);
    group.finish();

    // A date in every item: what parsing dates costs.
    let events = payloads::scaled(payloads::CREATE_CUSTOMER_PAGE, "events", ITEMS);
    let mut group = c.benchmark_group("runtime_create_customer_1000_events");
    configure(&mut group);
    de_ser::<booster_dtos::CreateCustomer>(&mut group, "booster_dtos", &events);
    de_ser::<plain::CreateCustomer>(&mut group, "plain", &events);
    group.finish();

    // A Guid in every item: what parsing Guids costs.
    let responses = payloads::responses(payloads::EXPORT_CUSTOMER_PAGE, ITEMS);
    let mut group = c.benchmark_group("runtime_export_customer_response_x1000");
    configure(&mut group);
    de_ser::<Vec<booster_dtos::ExportCustomerResponse>>(&mut group, "booster_dtos", &responses);
    de_ser::<Vec<plain::ExportCustomerResponse>>(&mut group, "plain", &responses);
    group.finish();
}

fn flatten_vs_flat(c: &mut Criterion) {
    let export = payloads::scaled(payloads::EXPORT_CUSTOMER_PAGE, "interests", ITEMS);
    let mut group = c.benchmark_group("flatten_export_customer_1000_interests");
    configure(&mut group);
    de_ser::<plain::ExportCustomer>(&mut group, "flat", &export);
    de_ser::<plain::flatten::ExportCustomer>(&mut group, "flatten", &export);
    group.finish();

    // The sample as ServiceStack shows it: one item per list, where per-field costs dominate.
    let single = payloads::scaled(payloads::EXPORT_CUSTOMER_PAGE, "interests", 1);
    let mut group = c.benchmark_group("flatten_export_customer_sample");
    configure(&mut group);
    de_ser::<plain::ExportCustomer>(&mut group, "flat", &single);
    de_ser::<plain::flatten::ExportCustomer>(&mut group, "flatten", &single);
    group.finish();
}

fn main() {
    let mut c = Criterion::default().output_directory(&summary::criterion_dir()).configure_from_args();
    generated_vs_plain(&mut c);
    flatten_vs_flat(&mut c);
    c.final_summary();
    if summary::is_bench_run() {
        summary::runtime_summary();
    }
}
