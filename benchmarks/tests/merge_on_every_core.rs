//! The merge step models pages and merges types on every core (`parallel::map_mut`); the schema
//! must not depend on which thread did what, nor on the order pages come in. 200 synthetic
//! operations are enough for every core to take work (it spreads from 16 items a thread).

use benchmarks::pipeline;
use benchmarks::render::{self, Rendering};
use benchmarks::synth::{SEED, SynthApi};

#[test]
fn the_merged_schema_does_not_depend_on_threads_or_page_order() {
    let pages = render::pages(&SynthApi::generate(200, SEED), Rendering::Html);
    let facts = pipeline::read(&pages);
    let first = pipeline::merge_facts(facts.clone());
    assert_eq!(first.operations.len(), 200);
    assert!(first.types.len() > 64, "{} types: too few to spread", first.types.len());
    let again = pipeline::merge_facts(facts.clone());
    let mut reversed = facts;
    reversed.reverse();
    let reversed = pipeline::merge_facts(reversed);
    let shown = |api: &booster_codegen::schema::Api| format!("{api:?}");
    assert!(shown(&first) == shown(&again), "two merges of the same pages differ");
    assert!(shown(&first) == shown(&reversed), "the pages in reverse order merge differently");
}
