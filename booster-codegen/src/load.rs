//! The reading edge shared by the binary, `xtask` and tests: finds pages and settings, reads
//! bytes, and hands them to the pure reader and merge. Of the other modules only `write` (and
//! `fetch`, which lands its pages through it) and `plan` (through this one) touch the file system.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::read::read_page;
use crate::schema::Api;
use crate::settings::Settings;

/// The manifest `fetch` writes next to the pages (the loader skips it).
pub const MANIFEST_FILE: &str = "fetch-manifest.json";

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
    let (named, settings) = find_named_pages(paths)?;
    Ok((named.into_iter().map(|(page, _)| page).collect(), settings))
}

/// How a page is named in diagnostics and generated docs, the same on every machine: as given
/// when the path given is relative (to the current directory); relative to the directory given
/// when that is absolute (a file given by an absolute path: its name).
pub fn page_name(given: &Path, page: &Path) -> String {
    if given.is_relative() {
        return display_path(page);
    }
    match page.strip_prefix(given) {
        Ok(rel) if !rel.as_os_str().is_empty() => display_path(rel),
        _ => page.file_name().map_or_else(|| display_path(page), |n| display_path(Path::new(n))),
    }
}

/// A page's path and its [`page_name`].
pub type NamedPage = (PathBuf, String);

/// [`find_pages`], each page with its [`page_name`].
pub fn find_named_pages(paths: &[PathBuf]) -> Result<(Vec<NamedPage>, Option<PathBuf>), LoadError> {
    let mut pages = Vec::new();
    let mut settings = None;
    for path in paths {
        if path.is_dir() {
            if path.join(crate::write::JOURNAL).exists() {
                return Err(LoadError(format!(
                    "{}: an interrupted write (a fetch) left its journal here, so the pages may be part old, part \
                     new; run the fetch again to finish it",
                    path.display()
                )));
            }
            let entries = std::fs::read_dir(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
            let mut found: Vec<PathBuf> =
                entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
            found.sort();
            for p in found {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name == SETTINGS_FILE {
                    settings.get_or_insert(p);
                } else if !name.starts_with('.') && !name.ends_with(".md") && name != MANIFEST_FILE {
                    let shown = page_name(path, &p);
                    pages.push((p, shown));
                }
            }
        } else if path.is_file() {
            pages.push((path.clone(), page_name(path, path)));
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
    let (named, found_settings) = find_named_pages(paths)?;
    let settings = match settings.map(Path::to_path_buf).or(found_settings) {
        Some(p) => read_settings(&p)?,
        None => Settings::default(),
    };
    // Pages are read on every core; each is read on its own, so the order of the results (the
    // pages' order) is all the merge step sees.
    let read = crate::parallel::map(&named, |(p, shown)| {
        let bytes = std::fs::read(p).map_err(|e| LoadError(format!("{}: {e}", p.display())))?;
        Ok(read_page(shown, &bytes))
    })
    .into_iter()
    .collect::<Result<Vec<_>, LoadError>>()?;
    let pages = named.into_iter().map(|(page, _)| page).collect();
    let samples = crate::samples::samples_of(read.iter().map(|(facts, _)| facts));
    let api = crate::merge::merge(read, &settings);
    Ok(Loaded { api, samples, settings, pages })
}

/// Paths in diagnostics use `/` on every platform, so output is the same everywhere.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_do_not_depend_on_where_the_input_is() {
        let rel = Path::new("specs/booster");
        assert_eq!(page_name(rel, &rel.join("a.txt")), "specs/booster/a.txt");
        for root in ["/home/one/pages", "/tmp/two/pages"] {
            let dir = Path::new(root);
            assert_eq!(page_name(dir, &dir.join("Op.html")), "Op.html");
            assert_eq!(page_name(&dir.join("Op.html"), &dir.join("Op.html")), "Op.html");
        }
    }
}
