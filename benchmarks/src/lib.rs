//! Synthetic ServiceStack APIs and the helpers the benchmarks share (see `BENCHMARKS.md`).
//!
//! - [`synth`]: a seeded generator of APIs whose types mix like Booster's;
//! - [`render`]: those APIs written as metadata pages in each rendering the reader takes;
//! - [`pipeline`]: read + merge + emit, and the `scraper`-only floor;
//! - [`peer`]: the same schema emitted in the style of ServiceStack's own `x rust` output;
//! - [`plain`]: hand-written serde structs of Booster's shapes, the runtime floor;
//! - [`alloc`]: a counting global allocator for peak-memory measurements;
//! - [`summary`]: ratio tables from criterion's saved estimates.

pub mod alloc;
pub mod json_schema;
pub mod peer;
pub mod pipeline;
pub mod plain;
pub mod render;
pub mod summary;
pub mod synth;
