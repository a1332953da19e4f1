//! Writing a generated crate: only files whose content changed, each through a temporary file
//! renamed into place, so a failed or interrupted run leaves the previous files as they were.
//!
//! Never a user's files: the directory must be missing, empty, or a crate generated before (its
//! `Cargo.toml` starts with the `@generated` marker); only files whose first line carries the
//! marker are replaced or deleted. Anything else refuses the whole write, before any file changes.

use std::path::{Path, PathBuf};

use crate::emit::GeneratedFile;

#[derive(Debug, Default)]
pub struct WriteReport {
    /// Files whose content differed (written, or in check mode, stale).
    pub changed: Vec<PathBuf>,
    /// Generated files no longer produced (removed, or in check mode, stale).
    pub removed: Vec<PathBuf>,
    /// What an earlier, interrupted write left and this one completed or cleared (in check
    /// mode: found and left alone), one sentence each.
    pub recovered: Vec<String>,
}

/// The list of renames and removals a write is about to make, written (complete, through a
/// rename) once every file is staged and deleted when all are done. A write killed in between
/// leaves it behind, and the next write finishes the job from it: the crate is then wholly the
/// new one. Killed before it exists, the old crate is untouched and only staged files remain.
const JOURNAL: &str = ".booster-codegen-journal";
const STAGED: &str = "regen-tmp";

/// A crash-test hook: with `BOOSTER_CODEGEN_KILL_AT=N`, the process sends itself SIGKILL just
/// before its N-th file-system step of a write (0 is the first). Tests use it to kill a write at
/// every point; it does nothing unless set.
fn step(counter: &mut usize) {
    let here = *counter;
    *counter += 1;
    if std::env::var("BOOSTER_CODEGEN_KILL_AT").ok().and_then(|v| v.parse::<usize>().ok()) == Some(here) {
        let _ = std::process::Command::new("kill").args(["-9", &std::process::id().to_string()]).status();
        // SIGKILL is not handled: the process ends here.
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Finishes (or, in check mode, reports) what an interrupted write left in `dir`. Killed while
/// it works, it leaves the journal, so the next write does the same again: a rename whose staged
/// file is gone, or a removal whose file is gone, was done before and is skipped.
fn recover(dir: &Path, check: bool, steps: &mut usize) -> std::io::Result<Vec<String>> {
    let mut said = Vec::new();
    let journal = dir.join(JOURNAL);
    if let Ok(text) = std::fs::read_to_string(&journal) {
        if check {
            said.push(format!(
                "{} holds the journal of an interrupted write; run the write again to finish it",
                dir.display()
            ));
            return Ok(said);
        }
        let mut done = 0;
        for line in text.lines() {
            step(steps);
            match line.split('\t').collect::<Vec<_>>().as_slice() {
                ["rename", tmp, path] => {
                    let (tmp, path) = (dir.join(tmp), dir.join(path));
                    if tmp.exists() {
                        std::fs::rename(&tmp, &path)?;
                        done += 1;
                    }
                }
                ["remove", path] => {
                    let path = dir.join(path);
                    if path.exists() {
                        std::fs::remove_file(&path)?;
                        done += 1;
                    }
                }
                _ => {}
            }
        }
        step(steps);
        std::fs::remove_file(&journal)?;
        said.push(format!(
            "an earlier write into {} was interrupted after staging every file; it was finished now ({done} steps left)",
            dir.display()
        ));
    }
    // Staged files with no journal: a write killed while staging; the crate itself is the old one.
    let mut leftovers = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("src")] {
        if let Ok(entries) = std::fs::read_dir(&sub) {
            leftovers.extend(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| is_staged_by_us(p)));
        }
    }
    leftovers.sort();
    if !leftovers.is_empty() {
        if check {
            said.push(format!(
                "{} holds {} staged file(s) of an interrupted write; run the write again to clear them",
                dir.display(),
                leftovers.len()
            ));
        } else {
            for p in &leftovers {
                step(steps);
                std::fs::remove_file(p)?;
            }
            said.push(format!(
                "an earlier write into {} was interrupted while staging; its {} staged file(s) were removed and the crate was left as it was",
                dir.display(),
                leftovers.len()
            ));
        }
    }
    Ok(said)
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap_or(path).to_string_lossy().into_owned()
}

const MARKER: &str = "@generated by booster-codegen";

/// Whether the file at `path` was written by booster-codegen: its head carries the marker (the
/// first line of a Rust or TOML file; the first key of a JSON file, which must open with `{`).
fn is_generated(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| {
        let head = &bytes[..bytes.len().min(512)];
        let mut lines = head.split(|&b| b == b'\n');
        let first = lines.next().unwrap_or_default();
        let second = if first.trim_ascii() == b"{" { lines.next().unwrap_or_default() } else { &[] };
        String::from_utf8_lossy(first).contains(MARKER) || String::from_utf8_lossy(second).contains(MARKER)
    })
}

/// A file a write staged: a generated file's staged copy (it carries the `@generated` marker),
/// or the journal's. Only these are cleared; a user's `*.regen-tmp` is left alone.
fn is_staged_by_us(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    p.is_file()
        && p.extension().is_some_and(|e| e == STAGED)
        && (name == format!("{JOURNAL}.{STAGED}") || is_generated(p))
}

/// Whether everything in `dir` is what a write killed before its `Cargo.toml` was in place
/// leaves: staged files, the journal, and a `src/` holding only staged files (or nothing).
fn holds_only_an_interrupted_write(dir: &Path) -> bool {
    let ours = |p: &Path| is_staged_by_us(p) || (p.is_file() && p.file_name().is_some_and(|n| n == JOURNAL));
    let all = |d: &Path, ok: &dyn Fn(&Path) -> bool| {
        std::fs::read_dir(d).is_ok_and(|entries| entries.into_iter().all(|e| e.is_ok_and(|e| ok(&e.path()))))
    };
    all(dir, &|p| ours(p) || (p.file_name().is_some_and(|n| n == "src") && p.is_dir() && all(p, &ours)))
}

/// Why writing into `dir` would touch files booster-codegen did not generate, if it would.
fn refusal(dir: &Path, files: &[GeneratedFile]) -> Option<String> {
    let how = "choose a new or empty directory for --out, or move those files away";
    let mut entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Some(format!("{} is a file, not a directory; {how}", dir.display()));
        }
        Err(e) => return Some(format!("{} cannot be read ({e}); nothing was written", dir.display())),
    };
    // An empty directory is fine, and so is one holding only what an interrupted first write
    // into it left (the recovery then finishes or clears it).
    let _first = entries.next()?;
    if holds_only_an_interrupted_write(dir) {
        return None;
    }
    let manifest = dir.join("Cargo.toml");
    if !is_generated(&manifest) {
        return Some(format!(
            "{} is not empty and is not a crate booster-codegen generated ({} {}); nothing was written: {how}",
            dir.display(),
            manifest.display(),
            if manifest.exists() { "has no @generated marker on its first line" } else { "does not exist" },
        ));
    }
    let foreign: Vec<String> = files
        .iter()
        .map(|f| dir.join(&f.path))
        .filter(|p| p.exists() && !is_generated(p))
        .map(|p| p.display().to_string())
        .collect();
    (!foreign.is_empty()).then(|| {
        format!(
            "{} would be overwritten but {} not generated by booster-codegen (no @generated marker on the first \
             line); nothing was written: {how}",
            foreign.join(", "),
            if foreign.len() == 1 { "was" } else { "were" },
        )
    })
}

/// Brings `dir` up to date with `files`. With `check`, writes nothing and only reports (a file
/// not generated by booster-codegen is then reported as changed).
///
/// # Errors
///
/// An I/O error; or, of kind [`std::io::ErrorKind::AlreadyExists`] and before any file is
/// touched, a message saying why `dir` holds files this function must not replace.
pub fn write_crate(dir: &Path, files: &[GeneratedFile], check: bool) -> std::io::Result<WriteReport> {
    if !check && let Some(why) = refusal(dir, files) {
        return Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, why));
    }
    // Every file-system step counts, the recovery's first, for the crash-test hook.
    let mut steps = 0;
    let mut report = WriteReport { recovered: recover(dir, check, &mut steps)?, ..WriteReport::default() };
    let mut pending = Vec::new();
    for f in files {
        let path = dir.join(&f.path);
        if std::fs::read(&path).ok().as_deref() != Some(f.contents.as_bytes()) {
            report.changed.push(path.clone());
            pending.push((path, &f.contents));
        }
    }
    let wanted: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    if let Ok(entries) = std::fs::read_dir(dir.join("src")) {
        let mut stale: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs") && !wanted.contains(p))
            .filter(|p| is_generated(p))
            .collect();
        stale.sort();
        report.removed = stale;
    }
    if check {
        return Ok(report);
    }
    // Stage every file first; then write the journal of what follows; then rename and remove;
    // then delete the journal. Killed at any point, the crate is the old one (plus staged files
    // the next write clears) or, through the journal, the next write makes it the new one.
    let mut staged = Vec::new();
    for (path, contents) in &pending {
        if let Some(parent) = path.parent().filter(|p| !p.is_dir()) {
            step(&mut steps);
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension(STAGED);
        step(&mut steps);
        if let Err(e) = std::fs::write(&tmp, contents) {
            for (t, _) in &staged {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        staged.push((tmp, path.clone()));
    }
    if staged.is_empty() && report.removed.is_empty() {
        return Ok(report);
    }
    let mut journal: String =
        staged.iter().map(|(tmp, path)| format!("rename\t{}\t{}\n", relative(dir, tmp), relative(dir, path))).collect();
    journal.extend(report.removed.iter().map(|p| format!("remove\t{}\n", relative(dir, p))));
    let journal_tmp = dir.join(format!("{JOURNAL}.{STAGED}"));
    step(&mut steps);
    std::fs::write(&journal_tmp, journal)?;
    step(&mut steps);
    std::fs::rename(&journal_tmp, dir.join(JOURNAL))?;
    for (tmp, path) in staged {
        step(&mut steps);
        std::fs::rename(&tmp, &path)?;
    }
    for path in &report.removed {
        step(&mut steps);
        std::fs::remove_file(path)?;
    }
    step(&mut steps);
    std::fs::remove_file(dir.join(JOURNAL))?;
    Ok(report)
}
