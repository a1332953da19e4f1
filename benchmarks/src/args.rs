//! The command-line arguments the benchmark binaries share: sizes as bare numbers, and flags
//! with a value (`--runs 3`).

use std::str::FromStr;

/// The value after `flag`, if it is there and parses.
pub fn value<T: FromStr>(args: &[String], flag: &str) -> Option<T> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok())
}

/// The bare numbers among `args` (sizes), not counting the value of `--runs`.
pub fn sizes(args: &[String]) -> Vec<usize> {
    let runs_at = args.iter().position(|a| a == "--runs");
    args.iter()
        .enumerate()
        .filter(|(i, _)| runs_at.is_none_or(|r| *i != r + 1))
        .filter_map(|(_, a)| a.parse().ok())
        .collect()
}
