//! The library's modules import downward only: each module may name (`crate::x`) only modules of a
//! lower layer, so there is no cycle and no upward import. ARCHITECTURE.md ("Layers") draws the
//! same table; this test holds the code to it.

use std::collections::BTreeSet;
use std::path::Path;

/// Layer by layer, lowest first. A module in the table may use only modules of earlier rows.
const LAYERS: &[&[&str]] = &[
    &["type_grammar", "parallel", "settings", "prose_rules", "json"],
    &["diag", "facts"],
    &["schema", "samples"],
    &["read", "test_schema"],
    &["merge"],
    &["emit", "openapi"],
    &["changes"],
    &["write"],
    &["load"],
    &["fetch", "plan"],
];

/// Known upward imports, each with the reason it is still there. `diag` escapes page text with
/// the readers' hidden-character set (`read::text`); moving that set below `diag` edits `read/`,
/// whose fuzzing figures name its code (FUZZING.md), so it moves with the next reader change.
const KNOWN: &[(&str, &str)] = &[("diag", "read")];

/// Where the top-level module `name` lives: `src/name.rs` or `src/name/`.
fn layer(name: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&name))
}

/// The top-level modules that the code of `path` names as `crate::x` (comments left out).
fn imports(path: &Path, out: &mut BTreeSet<String>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("readable") {
            imports(&entry.expect("entry").path(), out);
        }
        return;
    }
    if path.extension().is_none_or(|e| e != "rs") {
        return;
    }
    let text = std::fs::read_to_string(path).expect("readable");
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String =
                code[i + "crate::".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            out.insert(name);
        }
    }
}

#[test]
fn modules_import_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let mut wrong = Vec::new();
    let mut seen = 0;
    for line in lib.lines() {
        let Some(name) = line.trim().trim_start_matches("pub ").strip_prefix("mod ").map(|m| m.trim_end_matches(';'))
        else {
            continue;
        };
        seen += 1;
        let Some(own) = layer(name) else {
            wrong.push(format!("`{name}` is in no layer: add it to LAYERS and to ARCHITECTURE.md"));
            continue;
        };
        let file = src.join(format!("{name}.rs"));
        let file = if file.exists() { file } else { src.join(name) };
        let mut used = BTreeSet::new();
        imports(&file, &mut used);
        for dep in used.iter().filter(|d| d.as_str() != name) {
            // Paths into the generated crate's runtime (`crate::runtime::…` in emitted text).
            let Some(theirs) = layer(dep) else { continue };
            if theirs >= own && !KNOWN.contains(&(name, dep.as_str())) {
                wrong.push(format!("`{name}` (layer {own}) imports `{dep}` (layer {theirs})"));
            }
        }
    }
    assert!(seen >= 15, "lib.rs declares {seen} modules: the parser missed them");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The check sees an upward import in code, and none in a comment.
#[test]
fn an_upward_import_is_seen() {
    let dir = std::env::temp_dir().join(format!("layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("m.rs");
    std::fs::write(&file, "use crate::emit::x; // crate::plan\n/// [`crate::load`]\n").expect("write");
    let mut used = BTreeSet::new();
    imports(&file, &mut used);
    std::fs::remove_dir_all(&dir).expect("clean up");
    assert_eq!(used.into_iter().collect::<Vec<_>>(), ["emit"]);
}
