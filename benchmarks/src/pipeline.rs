//! The whole generator on a set of pages: read every page, merge, emit (no file-system I/O).

use booster_codegen::diag::Diagnostics;
use booster_codegen::emit::{EmitOptions, GeneratedFile, emit_crate};
use booster_codegen::facts::PageFacts;
use booster_codegen::merge::merge;
use booster_codegen::parallel;
use booster_codegen::read::read_page;
use booster_codegen::schema::Api;
use booster_codegen::settings::Settings;

use crate::render::Page;

/// Reads every page as the product does (`load::load`): on every core, results in page order.
pub fn read(pages: &[Page]) -> Vec<(PageFacts, Diagnostics)> {
    parallel::map(pages, |p| read_page(&p.file, p.contents.as_bytes()))
}

/// Merges the pages' facts into one schema (no settings).
pub fn merge_facts(facts: Vec<(PageFacts, Diagnostics)>) -> Api {
    merge(facts, &Settings::default())
}

/// Emits the crate for `api` (standalone, named `synthetic-dtos`).
pub fn emit(api: &Api) -> Vec<GeneratedFile> {
    emit_crate(api, &emit_options("synthetic-dtos")).0
}

/// Reads and merges `pages` into one schema.
pub fn read_and_merge(pages: &[Page]) -> Api {
    merge_facts(read(pages))
}

/// Read, merge and emit: what `generate` does short of writing files.
pub fn run(pages: &[Page]) -> (Api, Vec<GeneratedFile>) {
    let api = read_and_merge(pages);
    let files = emit(&api);
    (api, files)
}

pub fn emit_options(crate_name: &str) -> EmitOptions<'static> {
    EmitOptions { crate_name: crate_name.to_string(), standalone: true, ..Default::default() }
}

/// The floor: `scraper` parsing the same HTML pages into DOMs and nothing else.
pub fn scraper_floor(pages: &[Page]) -> usize {
    pages.iter().map(|p| scraper::Html::parse_document(&p.contents).tree.nodes().count()).sum()
}

/// The floor with every DOM kept alive, as the reader keeps every page's facts: for peak memory.
pub fn scraper_floor_retained(pages: &[Page]) -> Vec<scraper::Html> {
    pages.iter().map(|p| scraper::Html::parse_document(&p.contents)).collect()
}
