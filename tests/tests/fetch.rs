//! `fetch` against a real HTTP server on 127.0.0.1 (`booster_tests::site`): the pages arrive
//! intact and read as the saved ones; every fault gives a clear error or a retry that succeeds,
//! never hangs, never leaves the directory half-written and never writes outside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use booster_codegen::changes::schema_json;
use booster_codegen::fetch::{FetchOptions, MANIFEST_FILE, fetch, read_manifest, sha256_hex};
use booster_codegen::load::load;
use booster_tests::site::{Fault, Site, pages_from};
use booster_tests::{ir, root};

/// The Booster API as a live server would serve it: PatchCustomer's page as saved in the shared
/// HTML fixture, CreateCustomer and ExportCustomer rendered from the saved Booster pages.
fn booster_pages() -> (String, BTreeMap<String, Vec<u8>>) {
    let api = ir(&["specs/booster"]);
    let mut pages = pages_from(&api);
    let patch = std::fs::read(root().join("tests/data/html/PatchCustomer.html")).unwrap();
    pages.insert("PatchCustomer".to_string(), patch);
    (api.service.clone().unwrap_or_default(), pages)
}

fn options(site: &Site) -> FetchOptions {
    FetchOptions {
        base_url: site.base_url.clone(),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(1),
        retries: 2,
        backoff: Duration::from_millis(10),
        ..FetchOptions::default()
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fetch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn fetched_pages_read_as_the_saved_ones() {
    let (service, pages) = booster_pages();
    let site = Site::start(&service, pages.clone());
    let work = scratch("same-schema");
    let out = work.join("pages");
    let report = fetch(&options(&site), &out).unwrap();
    assert_eq!(report.operations, vec!["CreateCustomer", "ExportCustomer", "PatchCustomer"]);
    assert_eq!(report.pages, 3);

    // The pages arrive byte for byte, named by operation and format, and the manifest says so.
    let manifest = read_manifest(&out).unwrap().unwrap();
    assert_eq!(manifest.base_url, format!("{}/", site.base_url));
    assert_eq!(manifest.operations, report.operations);
    for (op, bytes) in &pages {
        let file = format!("{op}.json.html");
        assert_eq!(&std::fs::read(out.join(&file)).unwrap(), bytes, "{file}");
        let entry = manifest.pages.iter().find(|p| p.file == file).unwrap();
        assert_eq!(entry.sha256, sha256_hex(bytes));
        assert_eq!(entry.url, format!("{}/json/metadata?op={op}", site.base_url));
    }
    let manifest_text = std::fs::read_to_string(out.join(MANIFEST_FILE)).unwrap();
    assert!(!manifest_text.contains("time") && !manifest_text.contains("date"), "{manifest_text}");

    // Reading the fetched directory gives the schema the saved pages give.
    let saved = work.join("saved");
    std::fs::create_dir_all(&saved).unwrap();
    for (op, bytes) in &pages {
        std::fs::write(saved.join(format!("{op}.html")), bytes).unwrap();
    }
    let settings = root().join("specs/booster/settings.toml");
    let from_fetch = load(std::slice::from_ref(&out), Some(&settings)).unwrap().api;
    let from_saved = load(&[saved], Some(&settings)).unwrap().api;
    assert_eq!(from_fetch.operations.len(), 3);
    assert_eq!(schema_json(&from_fetch), schema_json(&from_saved));
    // And the same schema as the saved Booster pages (the text renderings in specs/booster).
    let (fetched, seeds) = (schema_json(&from_fetch), schema_json(&ir(&["specs/booster"])));
    std::fs::write(work.join("fetched.json"), &fetched).unwrap();
    std::fs::write(work.join("seeds.json"), &seeds).unwrap();
    assert!(fetched == seeds, "the schemas differ: diff {0}/seeds.json {0}/fetched.json", work.display());

    // Fetching an unchanged API again rewrites nothing.
    let before = tree(&out);
    let again = fetch(&options(&site), &out).unwrap();
    assert!(again.written.is_empty() && again.removed.is_empty(), "{again:?}");
    assert_eq!(tree(&out), before);
}

#[test]
fn formats_languages_and_filters() {
    let (service, pages) = booster_pages();
    let site = Site::start(&service, pages);
    let out = scratch("filters").join("pages");
    let opts = FetchOptions {
        include: vec!["PatchCustomer".into(), "CreateCustomer".into()],
        exclude: vec!["CreateCustomer".into()],
        headers: vec![("Authorization".into(), "Bearer secret-token".into())],
        concurrency: 1,
        ..options(&site)
    };
    let report = fetch(&opts, &out).unwrap();
    assert_eq!(report.operations, vec!["PatchCustomer"]);
    let manifest_text = std::fs::read_to_string(out.join(MANIFEST_FILE)).unwrap();
    assert!(!manifest_text.contains("secret-token"));

    // A format the server does not serve is a clear error naming the URL.
    let xml = FetchOptions { formats: vec!["json".into(), "xml".into()], ..opts.clone() };
    let e = fetch(&xml, &scratch("xml").join("pages")).unwrap_err().to_string();
    assert!(e.contains("/xml/metadata?op=PatchCustomer") && e.contains("404"), "{e}");

    let unknown = FetchOptions { include: vec!["NoSuchOp".into()], ..opts };
    let e = fetch(&unknown, &scratch("unknown").join("pages")).unwrap_err().to_string();
    assert!(e.contains("NoSuchOp") && e.contains("/metadata"), "{e}");
}

#[test]
fn a_500_then_success_is_retried() {
    let (service, pages) = booster_pages();
    let site = Site::start(&service, pages);
    site.set_fault("CreateCustomer", Fault::FailFirst(2));
    let out = scratch("retry").join("pages");
    fetch(&options(&site), &out).unwrap();
    assert_eq!(site.hits("/json/metadata?op=CreateCustomer"), 3);
    assert!(out.join("CreateCustomer.json.html").is_file());
}

/// Fetches once, changes the served API and sets `fault`, fetches again: the second fetch must
/// fail within `limit` with an error naming the page's URL and `expected`, and leave the
/// directory (and its parent) exactly as the first fetch left them.
fn fails_cleanly(name: &str, fault: Fault, expected: &str, limit: Duration) {
    let (service, pages) = booster_pages();
    let site = Site::start(&service, pages.clone());
    let work = scratch(name);
    let out = work.join("pages");
    fetch(&options(&site), &out).unwrap();
    let before = tree(&work);

    let mut changed = pages;
    changed.get_mut("PatchCustomer").unwrap().extend_from_slice(b"\n<!-- changed -->\n");
    changed.insert("NewOperation".into(), changed["CreateCustomer"].clone());
    site.set_pages(changed);
    site.set_fault("ExportCustomer", fault);
    let started = Instant::now();
    let error = fetch(&options(&site), &out).unwrap_err().to_string();
    eprintln!("{name}: {error} ({:?})", started.elapsed());
    assert!(started.elapsed() < limit, "{name}: took {:?}", started.elapsed());
    assert!(error.contains(&format!("{}/json/metadata?op=ExportCustomer", site.base_url)), "{name}: {error}");
    assert!(error.contains(expected), "{name}: {error}");
    assert_eq!(tree(&work), before, "{name}: the directory changed");
}

#[test]
fn a_page_slower_than_the_timeout_fails_cleanly() {
    fails_cleanly("slow", Fault::Slow(Duration::from_secs(4)), "timed out", Duration::from_secs(20));
}

#[test]
fn a_body_cut_midway_fails_cleanly() {
    // Under load the stall may be seen while the headers are still awaited, or in the body.
    fails_cleanly("cut", Fault::Cut, "timed out", Duration::from_secs(20));
}

#[test]
fn a_50_mb_page_is_refused() {
    fails_cleanly("huge", Fault::Huge(50 * 1024 * 1024), "larger than 16777216 bytes", Duration::from_secs(30));
}

#[test]
fn a_redirect_loop_is_refused() {
    fails_cleanly("redirects", Fault::RedirectLoop, "more than 5 redirects", Duration::from_secs(20));
}

#[test]
fn a_non_html_answer_is_refused() {
    fails_cleanly("not-html", Fault::NotHtml, "expected an HTML metadata page", Duration::from_secs(20));
}

#[test]
fn a_server_error_that_persists_fails_after_bounded_retries() {
    fails_cleanly("500", Fault::FailFirst(100), "HTTP 500", Duration::from_secs(20));
}

#[test]
fn hostile_operation_names_stay_inside_the_directory() {
    let (service, pages) = booster_pages();
    let mut hostile = BTreeMap::new();
    for name in ["../../x", "..", "a/b", "PatchCustomer"] {
        hostile.insert(name.to_string(), pages["PatchCustomer"].clone());
    }
    let site = Site::start(&service, hostile);
    let work = scratch("hostile");
    let out = work.join("a").join("b").join("pages");
    let report = fetch(&options(&site), &out).unwrap();
    assert_eq!(report.operations.len(), 4);
    // Nothing but the pages directory appeared anywhere under the scratch directory.
    let files = tree(&work);
    for path in files.keys() {
        assert!(path.starts_with("a/b/pages"), "{}", path.display());
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(!name.starts_with('.'), "{name}");
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)), "{name}");
    }
    assert_eq!(files.len(), 5, "{:?}", files.keys());
    assert!(out.join("PatchCustomer.json.html").is_file());
    let manifest = read_manifest(&out).unwrap().unwrap();
    assert!(manifest.operations.contains(&"../../x".to_string()));
}

#[test]
fn files_fetch_did_not_write_are_never_overwritten() {
    let (service, pages) = booster_pages();
    let site = Site::start(&service, pages);
    let out = scratch("foreign").join("pages");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("PatchCustomer.json.html"), "mine").unwrap();
    std::fs::write(out.join("notes.txt"), "mine too").unwrap();
    let e = fetch(&options(&site), &out).unwrap_err().to_string();
    assert!(e.contains("PatchCustomer.json.html") && e.contains("not written by fetch"), "{e}");
    assert_eq!(std::fs::read_to_string(out.join("PatchCustomer.json.html")).unwrap(), "mine");
    std::fs::remove_file(out.join("PatchCustomer.json.html")).unwrap();
    fetch(&options(&site), &out).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine too");
}

#[test]
fn an_operation_the_server_dropped_is_removed_on_the_next_fetch() {
    let (service, pages) = booster_pages();
    let site = Site::start(&service, pages.clone());
    let out = scratch("dropped").join("pages");
    fetch(&options(&site), &out).unwrap();
    let mut fewer = pages;
    fewer.remove("ExportCustomer");
    site.set_pages(fewer);
    let report = fetch(&options(&site), &out).unwrap();
    assert_eq!(report.removed, vec![out.join("ExportCustomer.json.html")]);
    assert_eq!(report.written, vec![out.join(MANIFEST_FILE)]);
    assert!(!out.join("ExportCustomer.json.html").exists());
}

#[test]
fn a_server_that_is_not_servicestack_is_named() {
    let site = Site::start("Empty", BTreeMap::new());
    let out = scratch("empty").join("pages");
    let e = fetch(&options(&site), &out).unwrap_err().to_string();
    assert!(e.contains(&format!("{}/metadata", site.base_url)) && e.contains("no operation links"), "{e}");
    assert!(!out.exists());
}
