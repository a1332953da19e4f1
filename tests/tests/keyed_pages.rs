//! Issue 19: 30 real pages of 12 APIs, each read alone and held against an answer key typed by
//! hand from the page (`tests/data/real-pages-keyed/README.md` gives the key format).
//!
//! Where a key is believed wrong, the reading is kept and the key is not bent: `KEY_ERRATA`
//! lists each such disagreement with the page line that settles it.

use std::fmt::Write as _;

use booster_codegen::diag::Severity;
use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::schema::{Api, TypeDef, TypeKind};
use booster_codegen::settings::Settings;
use booster_codegen::write::write_crate;
use booster_tests::{ir, root};
use serde_json::Value;

const DIR: &str = "tests/data/real-pages-keyed";

/// Keys believed wrong: (page, what the key says that the page does not, and the line that shows it).
/// Each entry is checked to still disagree, so an erratum cannot outlive the disagreement.
const KEY_ERRATA: &[(&str, &str)] = &[
    // Lines 10-15: a second table holds the request's four properties as `form`, right after the
    // request's table: the request's base, whose name the page does not show. The key leaves the
    // base out for that reason; the reader keeps it, under a made-up name, and warns.
    (
        "pwc_RegisterCustomerAsync_jsv_tables-rendering_truncated.txt",
        "RegisterCustomerAsync: base Some(\"RegisterCustomerAsyncBase\"), key None",
    ),
];

fn pages() -> Vec<String> {
    booster_tests::txt_files(&format!("{DIR}/pages"))
}

/// A code language's spelling of a type, in ServiceStack's (C#) spelling, as far as the keys use them.
/// Written out here rather than taken from the reader, so the test does not check the reader
/// against itself.
fn csharp_spelling(lang: &str, ty: &str) -> String {
    let ty = ty.trim();
    let generic = |inner: &str, open: &str, close: &str| -> Option<String> {
        let (head, rest) = ty.split_once(open)?;
        let args = rest.strip_suffix(close)?;
        let _ = inner;
        Some(format!(
            "{head}<{}>",
            split_args(args).iter().map(|a| csharp_spelling(lang, a)).collect::<Vec<_>>().join(", ")
        ))
    };
    match lang {
        "python" => {
            if let Some(inner) = ty.strip_prefix("Optional[").and_then(|r| r.strip_suffix(']')) {
                return csharp_spelling(lang, inner);
            }
            match ty {
                "str" => "string".into(),
                "int" => "int".into(),
                "bool" => "bool".into(),
                "float" => "double".into(),
                "datetime.datetime" | "datetime" => "DateTime".into(),
                _ => generic("", "[", "]").map(|g| g.replace("Dict<", "Dictionary<")).unwrap_or_else(|| ty.to_string()),
            }
        }
        "kotlin" | "swift" | "fsharp" | "vbnet" => {
            let ty = ty.strip_suffix('?').unwrap_or(ty);
            let ty = ty.replace("(Of ", "<").replace(')', ">");
            let ty = ty.as_str();
            match ty {
                "String" => "string".into(),
                "Boolean" | "Bool" => "bool".into(),
                "Int32" | "Int" | "Integer" => "int".into(),
                "Int64" | "Long" => "long".into(),
                "Date" => "DateTime".into(),
                _ => {
                    if let Some((head, rest)) = ty.split_once('<') {
                        let args = rest.strip_suffix('>').unwrap_or(rest);
                        let head = match head {
                            "ArrayList" | "ResizeArray" | "List" => "List",
                            other => other,
                        };
                        format!(
                            "{head}<{}>",
                            split_args(args).iter().map(|a| csharp_spelling(lang, a)).collect::<Vec<_>>().join(", ")
                        )
                    } else {
                        ty.to_string()
                    }
                }
            }
        }
        _ => ty.to_string(),
    }
}

fn split_args(args: &str) -> Vec<String> {
    let (mut depth, mut out, mut cur) = (0i32, Vec::new(), String::new());
    for c in args.chars() {
        match c {
            '<' | '[' | '(' => depth += 1,
            '>' | ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Types compared as a server's wire sees them: `T?` of a value type is `T` with required false.
fn same_type(key: &str, read: &str) -> bool {
    let norm = |s: &str| s.replace(' ', "").trim_end_matches('?').to_ascii_lowercase();
    norm(key) == norm(read)
}

fn find_type<'a>(api: &'a Api, name: &str) -> Option<&'a TypeDef> {
    api.types.iter().find(|t| t.name == name).or_else(|| {
        // A generic's key names it with its arguments as the page spells them.
        api.types.iter().find(|t| t.name.replace(' ', "") == name.replace(' ', ""))
    })
}

/// Everything in `page` that disagrees with its key, one line each.
fn disagreements(page: &str) -> Vec<String> {
    let key_path = root().join(DIR).join("keys").join(page.replace(".txt", ".json"));
    let key: Value = serde_json::from_str(&std::fs::read_to_string(key_path).unwrap()).unwrap();
    let api = ir(&[&format!("{DIR}/pages/{page}")]);
    let mut out = Vec::new();
    let errors = api.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let expect_exit = key.get("expect_exit").and_then(Value::as_i64).unwrap_or(0);
    if (errors > 0) != (expect_exit != 0) {
        let errors: Vec<String> =
            api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
        out.push(format!("expected exit {expect_exit}, read with errors {errors:?}"));
    }

    let op_name = key["operation"].as_str().unwrap();
    let Some(op) = api.operations.iter().find(|o| o.name == op_name) else {
        let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
        out.push(format!("operation `{op_name}` not read (read: {names:?})"));
        return out;
    };
    if api.operations.len() != 1 {
        out.push(format!("{} operations read", api.operations.len()));
    }
    let key_routes: Vec<(Vec<String>, String)> = key["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let verbs = r["verbs"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
            (verbs, r["path"].as_str().unwrap().to_string())
        })
        .collect();
    let read_routes: Vec<(Vec<String>, String)> = op.routes.iter().map(|r| (r.verbs.clone(), r.path.clone())).collect();
    if key_routes != read_routes {
        out.push(format!("routes: key {key_routes:?}, read {read_routes:?}"));
    }
    match key.get("response") {
        Some(Value::Bool(false)) if op.response.is_some() => {
            out.push(format!("response: key none, read {:?}", op.response));
        }
        Some(Value::String(want)) => {
            // A key that names a generic without its arguments matches any (the key README);
            // one that gives them matches only those.
            let strip = |s: &str| s.split('<').next().unwrap_or(s).to_string();
            let ok = op.response.as_deref().is_some_and(|r| {
                r.replace(' ', "") == want.replace(' ', "") || (!want.contains('<') && strip(r) == *want)
            });
            if !ok {
                out.push(format!("response: key {want}, read {:?}", op.response));
            }
        }
        _ => {}
    }

    for kt in key["types"].as_array().unwrap() {
        let Some(name) = kt["name"].as_str() else { continue };
        let Some(t) = find_type(&api, name) else {
            let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
            out.push(format!("type `{name}` not read (read: {names:?})"));
            continue;
        };
        let lang = kt.get("lang").and_then(Value::as_str);
        let kind = if t.kind == TypeKind::Enum { "enum" } else { "class" };
        if kt["kind"].as_str() != Some(kind) {
            out.push(format!("{name}: kind {kind}, key {}", kt["kind"]));
        }
        if kt.get("base_inferred").and_then(Value::as_bool) != Some(true) {
            let want = kt["base"].as_str().map(|b| lang.map_or_else(|| b.to_string(), |l| csharp_spelling(l, b)));
            let want = want.as_deref();
            if want.map(|b| b.replace(' ', "")) != t.base.as_deref().map(|b| b.replace(' ', "")) {
                out.push(format!("{name}: base {:?}, key {want:?}", t.base));
            }
        }
        let key_fields: Vec<&Value> = kt["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f.get("recovered").and_then(Value::as_bool) != Some(true))
            .collect();
        for kf in &key_fields {
            let fname = kf["name"].as_str().unwrap();
            let found = t.fields.iter().find(|f| f.name == fname).or_else(|| {
                let loose = |s: &str| s.replace('_', "").to_ascii_lowercase();
                t.fields.iter().find(|f| {
                    loose(&f.name) == loose(fname)
                        && (lang.is_some() || f.name_proven || f.aliases.iter().any(|a| a == fname))
                })
            });
            let Some(f) = found else {
                let names: Vec<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
                out.push(format!("{name}.{fname}: not read (read: {names:?})"));
                continue;
            };
            if let Some(want) = kf["type"].as_str() {
                let want = lang.map_or_else(|| want.to_string(), |l| csharp_spelling(l, want));
                if !same_type(&want, &f.type_name) {
                    out.push(format!("{name}.{fname}: type `{}`, key `{want}`", f.type_name));
                }
            }
            if let Some(want) = kf["required"].as_bool()
                && want != f.required
            {
                out.push(format!("{name}.{fname}: required {}, key {want}", f.required));
            }
            if let Some(want) = kf["param"].as_str()
                && Some(want) != f.param.as_deref()
            {
                out.push(format!("{name}.{fname}: param {:?}, key {want}", f.param));
            }
        }
        if key_fields.len() < t.fields.len() && key["complete"].as_bool() == Some(true) {
            let extra: Vec<&str> = t
                .fields
                .iter()
                .filter(|f| {
                    !key_fields.iter().any(|k| {
                        let k = k["name"].as_str().unwrap().replace('_', "").to_ascii_lowercase();
                        k == f.name.to_ascii_lowercase()
                    })
                })
                .map(|f| f.name.as_str())
                .collect();
            if !extra.is_empty() {
                out.push(format!("{name}: fields not in the key: {extra:?}"));
            }
        }
        let members: Vec<&str> = kt["members"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let read_members: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
        if !members.is_empty() && members != read_members {
            out.push(format!("{name}: members {read_members:?}, key {members:?}"));
        }
    }
    out
}

#[test]
fn every_keyed_page_reads_as_its_key_says() {
    let pages = pages();
    assert_eq!(pages.len(), 30);
    let mut report = String::new();
    let mut right = 0;
    for page in &pages {
        let mut found = disagreements(page);
        for (erratum_page, what) in KEY_ERRATA {
            if erratum_page == page {
                let before = found.len();
                found.retain(|d| d != what);
                assert!(found.len() < before, "{page}: erratum `{what}` no longer disagrees; remove it");
            }
        }
        if found.is_empty() {
            right += 1;
        } else {
            let _ = writeln!(report, "{page}:");
            for d in found {
                let _ = writeln!(report, "    {d}");
            }
        }
    }
    assert_eq!(right, pages.len(), "{right} of {} keyed pages read fully right:\n{report}", pages.len());
}

/// The keyed pages of each API, read together, as `generate` reads an API's page directory.
fn apis() -> Vec<(String, Vec<String>)> {
    let mut apis: Vec<(String, Vec<String>)> = Vec::new();
    for page in pages() {
        let api = page.split('_').next().unwrap().to_string();
        match apis.last_mut() {
            Some((name, pages)) if *name == api => pages.push(page),
            _ => apis.push((api, vec![page])),
        }
    }
    apis
}

/// Each API's keyed pages read together give a crate that builds, clean under clippy with and
/// without the `client` feature, and whose doc examples (each request built and sent, each
/// sample request read back) pass.
#[test]
fn each_keyed_api_generates_a_crate_that_builds() {
    let apis = apis();
    assert_eq!(apis.len(), 12);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("keyed-crates");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut report = String::new();
    let mut members = Vec::new();
    for (name, pages) in &apis {
        let paths: Vec<std::path::PathBuf> = pages.iter().map(|p| root().join(DIR).join("pages").join(p)).collect();
        let api = booster_tests::ir_with(&paths, &Settings::default());
        for d in api.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            let _ = writeln!(report, "{name}: {d}");
        }
        let crate_name = format!("{name}-keyed-dtos");
        let samples = booster_codegen::samples::samples_of(&booster_tests::facts(&paths));
        let (files, diags) =
            emit_crate(&api, &EmitOptions { crate_name: crate_name.clone(), standalone: false, samples: &samples });
        for d in diags.items.iter().filter(|d| d.severity == Severity::Error) {
            let _ = writeln!(report, "{name}: {d}");
        }
        write_crate(&dir.join(&crate_name), &files, false).expect("crate written");
        members.push(format!("\"{crate_name}\""));
    }
    assert!(report.is_empty(), "{report}");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    for args in [
        &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"][..],
        // With the client, every crate builds and lints clean, and its examples compile too.
        &["clippy", "--workspace", "--all-targets", "--features", "client", "--quiet", "--", "-D", "warnings"],
        &["test", "--workspace", "--doc", "--features", "client", "--quiet"],
    ] {
        booster_tests::cargo_in_generated(&dir, args);
    }
}
