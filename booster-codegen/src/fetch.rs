//! `fetch`: downloads a ServiceStack server's metadata pages into a directory.
//!
//! The server's `/metadata` index links every operation to `{format}/metadata?op=Name`; only the
//! operation names are taken from those links: page URLs are always built from the base URL the
//! user gave, so an index cannot send requests elsewhere. Every page is downloaded (into memory)
//! before anything is written; then the changed pages and the manifest land through the one
//! writer ([`crate::write::land`]: staged, journaled, renamed), so a failed fetch leaves the
//! target as it was and a killed one leaves the old pages or a journal the next write finishes.
//! File names come from operation names only after sanitizing, and never leave the target
//! directory.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::write::{Landing, land, recover};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;

pub use crate::load::MANIFEST_FILE;

/// At most this many operations are taken from one index.
pub const MAX_OPERATIONS: usize = 10_000;

/// What to fetch and how.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The server's base URL (the `/metadata` index is under it).
    pub base_url: String,
    /// Formats whose pages to fetch (`json`, `xml`, `jsv`...); the first is also used for
    /// code-language pages.
    pub formats: Vec<String>,
    /// Code languages whose DTO pages to fetch too (`python`, `csharp`...).
    pub langs: Vec<String>,
    /// Only these operations (all when empty).
    pub include: Vec<String>,
    /// Never these operations.
    pub exclude: Vec<String>,
    /// Extra request headers (an auth token); never written anywhere.
    pub headers: Vec<(String, String)>,
    /// Pages downloaded at once.
    pub concurrency: usize,
    pub connect_timeout: Duration,
    /// Time allowed to receive a response's headers, and again its body.
    pub read_timeout: Duration,
    /// Further attempts after a timeout, a dropped connection or a 5xx answer.
    pub retries: u32,
    /// The wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    pub max_redirects: u32,
    /// The largest page accepted, in bytes.
    pub max_page_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            base_url: String::new(),
            formats: vec!["json".to_string()],
            langs: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            headers: Vec::new(),
            concurrency: 4,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_redirects: 5,
            max_page_bytes: 16 * 1024 * 1024,
        }
    }
}

/// The manifest: no timestamps, stable order, so an unchanged API rewrites nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(rename = "@generated")]
    pub generated: String,
    pub base_url: String,
    pub operations: Vec<String>,
    pub pages: Vec<ManifestPage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestPage {
    pub operation: String,
    pub file: String,
    pub url: String,
    pub sha256: String,
}

/// What a fetch did.
#[derive(Debug, Default)]
pub struct FetchReport {
    pub operations: Vec<String>,
    pub pages: usize,
    /// Files written (new or changed), the manifest included.
    pub written: Vec<PathBuf>,
    /// Pages a previous fetch wrote that the server no longer has.
    pub removed: Vec<PathBuf>,
    /// What an earlier, interrupted fetch left and this one finished or cleared, one sentence each.
    pub recovered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError(pub String);

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FetchError {}

fn err(message: impl Into<String>) -> FetchError {
    FetchError(message.into())
}

/// One page to download.
struct Planned {
    operation: String,
    file: String,
    url: Url,
}

/// Downloads the index and every operation's pages into `dir`.
pub fn fetch(opts: &FetchOptions, dir: &Path) -> Result<FetchReport, FetchError> {
    let base = base_url(&opts.base_url)?;
    for name in opts.formats.iter().chain(&opts.langs) {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(err(format!("`{name}` is not a format or language name (letters, digits, `-`, `_`)")));
        }
    }
    if opts.formats.is_empty() {
        return Err(err("give at least one format (e.g. json)"));
    }
    let client = Client::new(opts)?;
    let index_url = base.join("metadata").map_err(|e| err(format!("{base}: {e}")))?;
    let index = client.get_page(&index_url)?;
    let mut operations = index_operations(&index_url, &String::from_utf8_lossy(&index));
    if operations.is_empty() {
        return Err(err(format!(
            "{index_url}: no operation links (`{{format}}/metadata?op=Name`) found; is this a ServiceStack /metadata page?"
        )));
    }
    if operations.len() > MAX_OPERATIONS {
        return Err(err(format!("{index_url}: more than {MAX_OPERATIONS} operations listed")));
    }
    for name in &opts.include {
        if !operations.contains(name) {
            return Err(err(format!("--include {name}: the server's index ({index_url}) has no such operation")));
        }
    }
    operations.retain(|op| (opts.include.is_empty() || opts.include.contains(op)) && !opts.exclude.contains(op));
    if operations.is_empty() {
        return Err(err("no operation left after --include/--exclude"));
    }
    let plan = plan_pages(&base, &operations, opts)?;
    let pages = download_all(&client, &plan, opts.concurrency)?;
    commit(dir, &base, &operations, pages)
}

/// The base URL with a trailing slash, so `join` keeps its path.
fn base_url(text: &str) -> Result<Url, FetchError> {
    let mut url = Url::parse(text.trim()).map_err(|e| err(format!("`{text}` is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(err(format!("`{text}`: only http and https URLs can be fetched")));
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// The operation names the index links to (`.../{format}/metadata?op=Name`), sorted, unique.
pub fn index_operations(index_url: &Url, html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let Ok(anchors) = scraper::Selector::parse("a[href]") else { return Vec::new() };
    let mut names = BTreeSet::new();
    for a in doc.select(&anchors) {
        let Some(href) = a.value().attr("href") else { continue };
        let Ok(link) = index_url.join(href) else { continue };
        if !link.path().ends_with("/metadata") {
            continue;
        }
        if let Some((_, op)) = link.query_pairs().find(|(k, _)| k == "op") {
            let op = op.trim();
            if !op.is_empty() && op.len() <= 512 {
                names.insert(op.to_string());
            }
        }
    }
    names.into_iter().collect()
}

/// A file-name stem for an operation: ASCII letters, digits and `_` kept, anything else `_`;
/// a name that had to change (or is long) gets a hash of the real name, so two names never
/// meet in one file.
pub fn file_stem(operation: &str) -> String {
    let clean: String =
        operation.chars().take(80).map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if clean == operation && !clean.is_empty() {
        clean
    } else {
        format!("{clean}-{}", &sha256_hex(operation.as_bytes())[..12])
    }
}

fn plan_pages(base: &Url, operations: &[String], opts: &FetchOptions) -> Result<Vec<Planned>, FetchError> {
    let mut plan = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for op in operations {
        let stem = file_stem(op);
        let mut pages: Vec<(String, String, Option<&str>)> =
            opts.formats.iter().map(|f| (format!("{stem}.{f}.html"), f.clone(), None)).collect();
        pages.extend(
            opts.langs.iter().map(|l| (format!("{stem}.lang-{l}.html"), opts.formats[0].clone(), Some(l.as_str()))),
        );
        for (file, format, lang) in pages {
            // Case-insensitive file systems: two names differing in case would share a file.
            if let Some(other) = seen.insert(file.to_ascii_lowercase(), op) {
                return Err(err(format!("operations `{other}` and `{op}` would share the file {file}")));
            }
            let mut url = base.join(&format!("{format}/metadata")).map_err(|e| err(format!("{base}: {e}")))?;
            url.query_pairs_mut().append_pair("op", op);
            if let Some(lang) = lang {
                url.query_pairs_mut().append_pair("lang", lang);
            }
            plan.push(Planned { operation: op.clone(), file, url });
        }
    }
    Ok(plan)
}

/// Downloads every planned page with `concurrency` workers, each page with its manifest entry;
/// the first error stops the others from starting new pages.
fn download_all(
    client: &Client,
    plan: &[Planned],
    concurrency: usize,
) -> Result<Vec<(ManifestPage, Vec<u8>)>, FetchError> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    type Slot = Option<Result<(ManifestPage, Vec<u8>), FetchError>>;
    let results: Mutex<Vec<Slot>> = Mutex::new(plan.iter().map(|_| None).collect());
    let workers = concurrency.clamp(1, 64).min(plan.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if failed.load(Ordering::SeqCst) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(page) = plan.get(i) else { break };
                    let result = client.get_page(&page.url).map(|bytes| {
                        let entry = ManifestPage {
                            operation: page.operation.clone(),
                            file: page.file.clone(),
                            url: page.url.to_string(),
                            sha256: sha256_hex(&bytes),
                        };
                        (entry, bytes)
                    });
                    if result.is_err() {
                        failed.store(true, Ordering::SeqCst);
                    }
                    if let Ok(mut slots) = results.lock() {
                        slots[i] = Some(result);
                    }
                }
            });
        }
    });
    let slots = results.into_inner().map_err(|_| err("a download worker failed"))?;
    let mut pages = Vec::with_capacity(plan.len());
    for slot in slots {
        match slot {
            Some(Ok(page)) => pages.push(page),
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    if pages.len() != plan.len() {
        return Err(err("a download stopped before finishing"));
    }
    Ok(pages)
}

/// Lands the pages in `dir` through the one writer: only files whose bytes changed; pages an
/// earlier fetch wrote and the server dropped are removed; files fetch did not write are never
/// touched (one that would be overwritten refuses the whole fetch). The manifest goes last.
fn commit(
    dir: &Path,
    base: &Url,
    operations: &[String],
    mut pages: Vec<(ManifestPage, Vec<u8>)>,
) -> Result<FetchReport, FetchError> {
    let io = |e: std::io::Error| err(format!("{}: {e}", dir.display()));
    if dir.exists() && !dir.is_dir() {
        return Err(err(format!("{}: exists and is not a directory", dir.display())));
    }
    pages.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    let manifest = Manifest {
        generated: "@generated by booster-codegen fetch: the pages below, as the server sent them".to_string(),
        base_url: base.to_string(),
        operations: operations.to_vec(),
        pages: pages.iter().map(|(entry, _)| entry.clone()).collect(),
    };
    let manifest_text = serde_json::to_string_pretty(&manifest).map_err(|e| err(e.to_string()))? + "\n";
    // An interrupted fetch is finished first, so the old manifest below is the one in force.
    let recovered = if dir.is_dir() { recover(dir, false).map_err(io)? } else { Vec::new() };
    let old = read_manifest(dir)?;
    let old_files: BTreeSet<String> = old.iter().flat_map(|m| m.pages.iter().map(|p| p.file.clone())).collect();
    let mut landings: Vec<Landing> =
        pages.iter().map(|(entry, bytes)| Landing { path: &entry.file, contents: bytes }).collect();
    landings.push(Landing { path: MANIFEST_FILE, contents: manifest_text.as_bytes() });
    for f in &landings[..landings.len() - 1] {
        let target = dir.join(f.path);
        if target.exists() && !old_files.contains(f.path) && std::fs::read(&target).ok().as_deref() != Some(f.contents)
        {
            return Err(err(format!(
                "{}: exists and was not written by fetch; move it away or fetch into another directory",
                target.display()
            )));
        }
    }
    let kept: BTreeSet<&str> = landings.iter().map(|f| f.path).collect();
    // Only a plain name a previous manifest listed: never a path leading elsewhere.
    let removals: Vec<String> = old_files
        .iter()
        .filter(|f| !kept.contains(f.as_str()) && !f.contains(['/', '\\']) && !f.starts_with('.'))
        .cloned()
        .collect();
    let written = land(dir, &landings, &removals, false).map_err(io)?;
    Ok(FetchReport {
        operations: operations.to_vec(),
        pages: manifest.pages.len(),
        written: written.changed,
        removed: written.removed,
        recovered: recovered.into_iter().chain(written.recovered).collect(),
    })
}

/// The manifest a previous fetch left in `dir`, if any.
pub fn read_manifest(dir: &Path) -> Result<Option<Manifest>, FetchError> {
    let path = dir.join(MANIFEST_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| err(format!("{}: not a fetch manifest ({e}); remove it to fetch again", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(err(format!("{}: {e}", path.display()))),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The HTTP client: `ureq` with timeouts, bounded redirects and retries, and a size cap.
struct Client {
    agent: ureq::Agent,
    headers: Vec<(String, String)>,
    retries: u32,
    backoff: Duration,
    max_redirects: u32,
    max_page_bytes: u64,
    read_timeout: Duration,
}

/// One attempt's failure: whether trying again may help, and what happened.
struct Failure {
    retry: bool,
    what: String,
}

impl Client {
    fn new(opts: &FetchOptions) -> Result<Client, FetchError> {
        for (name, value) in &opts.headers {
            let valid_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
            if !valid_name || value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
                return Err(err(format!("header `{name}`: not a valid header name and value")));
            }
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(opts.max_redirects)
            .timeout_connect(Some(opts.connect_timeout))
            .timeout_recv_response(Some(opts.read_timeout))
            .timeout_recv_body(Some(opts.read_timeout))
            .user_agent(concat!("booster-codegen/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: config.into(),
            headers: opts.headers.clone(),
            retries: opts.retries,
            backoff: opts.backoff,
            max_redirects: opts.max_redirects,
            max_page_bytes: opts.max_page_bytes,
            read_timeout: opts.read_timeout,
        })
    }

    /// The page at `url`, retried on timeouts, dropped connections and 5xx answers.
    fn get_page(&self, url: &Url) -> Result<Vec<u8>, FetchError> {
        let mut attempt = 0;
        loop {
            match self.get_once(url) {
                Ok(bytes) => return Ok(bytes),
                Err(f) if f.retry && attempt < self.retries => {
                    std::thread::sleep(self.backoff.saturating_mul(1 << attempt.min(16)));
                    attempt += 1;
                }
                Err(f) => {
                    let tries = if attempt > 0 { format!(" (after {} attempts)", attempt + 1) } else { String::new() };
                    return Err(err(format!("{url}: {}{tries}", f.what)));
                }
            }
        }
    }

    fn get_once(&self, url: &Url) -> Result<Vec<u8>, Failure> {
        let mut request = self.agent.get(url.as_str());
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = request.call().map_err(|e| self.failure(e))?;
        let status = response.status();
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(Failure { retry: true, what: format!("the server answered HTTP {status}") });
        }
        if status.is_redirection() {
            return Err(Failure { retry: false, what: format!("HTTP {status} redirect without a usable Location") });
        }
        if !status.is_success() {
            return Err(Failure { retry: false, what: format!("the server answered HTTP {status}") });
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if !content_type.is_empty() && !content_type.contains("html") {
            return Err(Failure {
                retry: false,
                what: format!("expected an HTML metadata page, got Content-Type `{}`", content_type.escape_default()),
            });
        }
        let mut bytes = Vec::new();
        let limit = self.max_page_bytes;
        // One byte past the cap tells a page at the cap from a larger one.
        let read = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .reader()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes);
        if let Err(e) = read {
            return Err(self.io_failure(e));
        }
        if bytes.len() as u64 > limit {
            return Err(Failure {
                retry: false,
                what: format!("the page is larger than {limit} bytes (raise --max-page-size if it is real)"),
            });
        }
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
        if first != Some(&b'<') {
            return Err(Failure { retry: false, what: "expected an HTML metadata page, got something else".into() });
        }
        Ok(bytes)
    }

    fn io_failure(&self, e: std::io::Error) -> Failure {
        // ureq reports its own errors through the reader wrapped in io::Error.
        match e.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
            Some(Ok(ureq_error)) => self.failure(*ureq_error),
            Some(Err(other)) => Failure { retry: true, what: format!("reading the page failed: {other}") },
            None => Failure { retry: true, what: "reading the page failed".to_string() },
        }
    }

    fn failure(&self, e: ureq::Error) -> Failure {
        use ureq::Error as E;
        let (retry, what) = match e {
            E::Timeout(t) => (true, format!("timed out ({t}; limit {} s)", self.read_timeout.as_secs_f32())),
            E::Io(io) => match io.kind() {
                std::io::ErrorKind::UnexpectedEof => {
                    (true, "the connection closed before the page was complete".into())
                }
                _ => (true, format!("connection failed: {io}")),
            },
            E::ConnectionFailed => (true, "could not connect".into()),
            E::HostNotFound => (false, "host not found".into()),
            E::TooManyRedirects => (false, format!("more than {} redirects", self.max_redirects)),
            E::RedirectFailed => (false, "a redirect could not be followed".into()),
            E::BodyExceedsLimit(n) => (false, format!("the page is larger than {n} bytes")),
            E::LargeResponseHeader(n, max) => (false, format!("response headers too large ({n} > {max} bytes)")),
            E::Protocol(p) => (true, format!("invalid HTTP from the server: {p}")),
            other => (false, other.to_string()),
        };
        Failure { retry, what }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_stay_plain_names() {
        assert_eq!(file_stem("CreateCustomer"), "CreateCustomer");
        for hostile in ["../../x", "..", "a/b", "a\\b", "", "C:x", "x\0y", "ü"] {
            let stem = file_stem(hostile);
            assert!(stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{stem}");
            assert!(!stem.is_empty() && !stem.starts_with('.'), "{stem}");
            assert_ne!(stem, hostile);
        }
        assert_ne!(file_stem("a/b"), file_stem("a_b-"));
        assert_ne!(file_stem("a/b"), file_stem("a\\b"));
    }

    #[test]
    fn index_links_give_operation_names() {
        let index = Url::parse("http://h/api/metadata").unwrap();
        let html = r#"<table><tr><th data-tags=""><a href='ui/Hello'>Hello</a></th>
            <td><a href="http://h/api/json/metadata?op=Hello">JSON</a></td>
            <td><a href="http://h/api/xml/metadata?op=Hello">XML</a></td><td>JSV</td></tr>
            <tr><th>Bye</th><td><a href="json/metadata?op=Bye%20Now">JSON</a></td></tr></table>
            <a href="?xsd=1">XSD</a><a href="https://docs.servicestack.net/clients-overview">x</a>"#;
        assert_eq!(index_operations(&index, html), vec!["Bye Now".to_string(), "Hello".to_string()]);
    }

    #[test]
    fn base_urls_keep_their_path() {
        assert_eq!(base_url("http://h/api").unwrap().join("metadata").unwrap().as_str(), "http://h/api/metadata");
        assert_eq!(base_url("https://h").unwrap().join("metadata").unwrap().as_str(), "https://h/metadata");
        assert!(base_url("ftp://h").is_err());
        assert!(base_url("not a url").is_err());
    }
}
