//! `booster-codegen` reads ServiceStack metadata pages in every rendering they reach users in,
//! merges what they say into one [`schema::Api`], and emits Rust DTOs from it.
//!
//! The flow is one way: bytes → [`read`] (one [`facts::PageFacts`] per page) → [`merge`]
//! (one [`schema::Api`] plus diagnostics) → `emit` (Rust source) → [`write`](mod@write).
//! [`plan::plan`] runs that flow for `generate` and `cargo xtask regen`.
//!
//! Four modules do I/O, and no other: [`load`] reads pages and settings, [`plan`] reads the
//! previous `api.json`, [`write`](mod@write) lands every file this crate writes (staged,
//! journaled, renamed), and [`fetch`] (the default `fetch` feature) downloads pages over HTTP and
//! lands them through [`write`](mod@write). The readers, merge step, emitter and exporter are pure.

pub mod changes;
pub mod diag;
pub mod emit;
pub mod facts;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod json;
pub mod load;
pub mod merge;
pub mod openapi;
pub mod parallel;
pub mod plan;
mod prose_rules;
pub mod read;
pub mod samples;
pub mod schema;
pub mod settings;
#[cfg(test)]
mod test_schema;
pub mod type_grammar;
pub mod write;
