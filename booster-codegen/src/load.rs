//! The file-system edge shared by the binary, `xtask` and tests: finds pages and settings, reads
//! bytes, and hands them to the pure reader and merge. Nothing else in this crate does I/O.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::read::read_page;
use crate::schema::Api;
use crate::settings::Settings;

/// The settings file a directory of pages may hold.
pub const SETTINGS_FILE: &str = "settings.toml";

#[derive(Debug)]
pub struct LoadError(String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

pub struct Loaded {
    pub api: Api,
    /// The pages' JSON sample bodies, for the emitter's docs (see [`crate::samples::samples_of`]).
    pub samples: Vec<crate::samples::Sample>,
    pub settings: Settings,
    pub pages: Vec<PathBuf>,
}

/// The pages under `paths` (files as given; directories' files, sorted by name, not recursing),
/// and the settings (`explicit`, else the first directory's `settings.toml`).
pub fn find_pages(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Option<PathBuf>), LoadError> {
    let mut pages = Vec::new();
    let mut settings = None;
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
            let mut found: Vec<PathBuf> =
                entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
            found.sort();
            for p in found {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name == SETTINGS_FILE {
                    settings.get_or_insert(p);
                } else if !name.starts_with('.') && !name.ends_with(".md") && name != crate::fetch::MANIFEST_FILE {
                    pages.push(p);
                }
            }
        } else if path.is_file() {
            pages.push(path.clone());
        } else {
            return Err(LoadError(format!("{}: no such file or directory", path.display())));
        }
    }
    Ok((pages, settings))
}

pub fn read_settings(path: &Path) -> Result<Settings, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
    Settings::parse(&text).map_err(|e| LoadError(format!("{}: {e}", path.display())))
}

/// Reads and merges every page under `paths`.
pub fn load(paths: &[PathBuf], settings: Option<&Path>) -> Result<Loaded, LoadError> {
    let (pages, found_settings) = find_pages(paths)?;
    let settings = match settings.map(Path::to_path_buf).or(found_settings) {
        Some(p) => read_settings(&p)?,
        None => Settings::default(),
    };
    // Pages are read on every core; each is read on its own, so the order of the results (the
    // pages' order) is all the merge step sees.
    let read = crate::parallel::map(&pages, |p| {
        let bytes = std::fs::read(p).map_err(|e| LoadError(format!("{}: {e}", p.display())))?;
        Ok(read_page(&display_path(p), &bytes))
    })
    .into_iter()
    .collect::<Result<Vec<_>, LoadError>>()?;
    let samples = crate::samples::samples_of(read.iter().map(|(facts, _)| facts));
    let api = crate::merge::merge(read, &settings);
    Ok(Loaded { api, samples, settings, pages })
}

/// Paths in diagnostics use `/` on every platform, so output is the same everywhere.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
