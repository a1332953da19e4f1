//! Helpers for the end-to-end tests in `tests/tests/`: read pages by their path from the
//! repository root, so diagnostics and snapshots name files the same way on every machine.

pub mod http_stub;

use std::path::{Path, PathBuf};

use booster_codegen::load::{display_path, find_pages, read_settings};
use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::schema::Api;
use booster_codegen::settings::Settings;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Reads and merges the pages at `paths` (relative to the root; files or directories).
pub fn ir(paths: &[&str]) -> Api {
    let root = root();
    let abs: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    let (pages, settings_path) = find_pages(&abs).expect("test pages exist");
    let settings = settings_path.map(|p| read_settings(&p).expect("settings parse")).unwrap_or_default();
    ir_with(&pages, &settings)
}

/// Reads and merges these page files with these settings.
pub fn ir_with(pages: &[PathBuf], settings: &Settings) -> Api {
    let root = root();
    let read = pages
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("page readable");
            let shown = display_path(p.strip_prefix(&root).unwrap_or(p));
            read_page(&shown, &bytes)
        })
        .collect();
    merge(read, settings)
}
