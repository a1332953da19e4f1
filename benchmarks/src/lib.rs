//! Synthetic ServiceStack APIs and the helpers the benchmarks share (see `BENCHMARKS.md`).
//!
//! - [`synth`]: a seeded generator of APIs whose types mix like Booster's;
//! - [`render`]: those APIs written as metadata pages in each rendering the reader takes;
//! - [`pipeline`]: read + merge + emit, and the `scraper`-only floor;
//! - [`peer`]: the same schema emitted in the style of ServiceStack's own `x rust` output;
//! - [`plain`]: hand-written serde structs of Booster's shapes, the runtime floor;
//! - [`alloc`]: a counting global allocator for peak-memory measurements;
//! - [`measure`]: wall and CPU time of a stage, medians of runs (benchmarks timed by hand);
//! - [`args`]: the command-line arguments the benchmark binaries share;
//! - [`summary`]: ratio tables from criterion's saved estimates.

pub mod alloc;
pub mod args;
pub mod json_schema;
pub mod measure;
pub mod peer;
pub mod pipeline;
pub mod plain;
pub mod render;
pub mod summary;
pub mod synth;
