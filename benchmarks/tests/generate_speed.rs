//! `generate_speed` measures the sizes and runs its arguments give and prints one table row per
//! size, with memory counted, and the scaling between sizes.

use std::process::Command;

use benchmarks::args;

#[test]
fn sizes_and_runs_from_the_arguments() {
    let a: Vec<String> = ["10", "--runs", "3", "20"].map(String::from).to_vec();
    assert_eq!(args::sizes(&a), [10, 20]);
    assert_eq!(args::value::<usize>(&a, "--runs"), Some(3));
    assert_eq!(args::value::<usize>(&a, "--keep"), None);
}

#[test]
fn one_row_per_size_with_memory_and_the_scaling_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_generate_speed"))
        .args(["10", "--runs", "2", "20"])
        .output()
        .expect("generate_speed runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("of 2 runs"), "{stdout}");

    let header: Vec<&str> =
        stdout.lines().find(|l| l.starts_with("| N |")).expect("a table header").split('|').map(str::trim).collect();
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>())
        .filter(|cells| cells.get(1).is_some_and(|c| c.parse::<usize>().is_ok()))
        .collect();
    assert_eq!(rows.iter().map(|r| r[1]).collect::<Vec<_>>(), ["10", "20"], "{stdout}");
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} column"));
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{stdout}");
        // The counting allocator is installed and counts during the measured run.
        let per_op: f64 = row[column("KiB/op")].parse().expect("KiB/op is a number");
        assert!(per_op > 0.0, "{stdout}");
    }
    assert!(stdout.contains("Scaling 10 → 20 operations"), "{stdout}");
}
