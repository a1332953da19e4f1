//! Synthetic ServiceStack APIs and benchmarks (see BENCHMARKS.md).
