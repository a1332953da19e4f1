//! Ratio tables from criterion's saved estimates (`<criterion dir>/<group>/<function>/<value>/new/estimates.json`).

use std::path::PathBuf;

/// Where criterion writes: `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else the
/// workspace's `target/criterion`. The benches set it explicitly so the summaries can find it.
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"), PathBuf::from);
    target.join("criterion")
}

/// Whether the binary was started by `cargo bench` (criterion's `--bench`) rather than as a
/// test (`cargo test --benches` runs each benchmark once and should skip the long parts).
pub fn is_bench_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The time of one iteration in nanoseconds, as criterion printed it, if it saved it.
pub fn mean_ns(group: &str, function: &str, value: Option<&str>) -> Option<f64> {
    let mut path = criterion_dir().join(safe(group)).join(safe(function));
    if let Some(v) = value {
        path = path.join(safe(v));
    }
    let text = std::fs::read_to_string(path.join("new/estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    // The slope (linear sampling) is what criterion prints; flat sampling has only the mean.
    json["slope"]["point_estimate"].as_f64().or_else(|| json["mean"]["point_estimate"].as_f64())
}

/// Criterion's file-name-safe spelling of an id.
fn safe(id: &str) -> String {
    id.chars().map(|c| if "?\"/\\*<>:|^".contains(c) { '_' } else { c }).collect()
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}x", a / b),
        _ => "n/a".to_string(),
    }
}

fn micros(ns: Option<f64>) -> String {
    ns.map_or_else(|| "n/a".to_string(), |ns| format!("{:.1}", ns / 1e3))
}

/// Prints the runtime ratios: generated types against the plain floor, flatten against flat.
pub fn runtime_summary() {
    println!("\n## Runtime: booster_dtos against plain serde structs (String dates and Guids)\n");
    println!("| payload | direction | booster_dtos µs | plain µs | ratio |");
    println!("|---|---|---:|---:|---:|");
    for group in [
        "runtime_export_customer_1000_interests",
        "runtime_create_customer_1000_addresses",
        "runtime_create_customer_1000_events",
        "runtime_export_customer_response_x1000",
    ] {
        for dir in ["deserialize", "serialize"] {
            let ours = mean_ns(group, "booster_dtos", Some(dir));
            let floor = mean_ns(group, "plain", Some(dir));
            let payload = group.trim_start_matches("runtime_");
            println!("| {payload} | {dir} | {} | {} | {} |", micros(ours), micros(floor), ratio(ours, floor));
        }
    }
    println!("\n## #[serde(flatten)] against flat fields (ExportCustomer : SearchCustomer)\n");
    println!("| payload | direction | flatten µs | flat µs | flatten / flat |");
    println!("|---|---|---:|---:|---:|");
    for group in ["flatten_export_customer_1000_interests", "flatten_export_customer_sample"] {
        for dir in ["deserialize", "serialize"] {
            let flatten = mean_ns(group, "flatten", Some(dir));
            let flat = mean_ns(group, "flat", Some(dir));
            let payload = group.trim_start_matches("flatten_");
            println!("| {payload} | {dir} | {} | {} | {} |", micros(flatten), micros(flat), ratio(flatten, flat));
        }
    }
}
