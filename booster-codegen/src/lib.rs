//! `booster-codegen` reads ServiceStack metadata pages in every rendering they reach users in,
//! merges what they say into one [`schema::Api`], and emits Rust DTOs from it.
//!
//! The flow is one way: bytes → [`read`] (one [`facts::PageFacts`] per page) → [`merge`]
//! (one [`schema::Api`] plus diagnostics) → `emit` (Rust source). Readers and the emitter do no
//! I/O; only the binary and `xtask` touch the file system.

pub mod changes;
pub mod diag;
pub mod emit;
pub mod facts;
pub mod fetch;
pub mod json;
pub mod load;
pub mod merge;
pub mod openapi;
pub mod parallel;
pub mod prose_rules;
pub mod read;
pub mod samples;
pub mod schema;
pub mod settings;
pub mod type_grammar;
pub mod write;
