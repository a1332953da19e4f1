//! A ServiceStack-like site on 127.0.0.1 for the fetch tests, served by `tiny_http`: the
//! `/metadata` index (ServiceStack's `IndexOperations` markup: one row per operation, one link
//! per format to `{base}/{format}/metadata?op=Name`) and one HTML page per operation, plus the
//! faults a server we do not control may produce.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use booster_codegen::schema::{Api, TypeDef, TypeKind};

/// What the server does for one operation's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answers HTTP 500 this many times, then the page.
    FailFirst(u32),
    /// Waits this long before answering.
    Slow(Duration),
    /// Announces the whole page, sends half, then sends nothing more.
    Cut,
    /// Answers this many bytes of HTML-looking filler.
    Huge(u64),
    /// Redirects to itself, for ever.
    RedirectLoop,
    /// Answers JSON instead of the HTML page.
    NotHtml,
}

#[derive(Default)]
struct State {
    service: String,
    /// Operation name → its HTML page.
    pages: BTreeMap<String, Vec<u8>>,
    faults: BTreeMap<String, Fault>,
    /// Request path (with query) → how many times it was asked for.
    hits: BTreeMap<String, u32>,
}

/// A running site; stops when dropped.
pub struct Site {
    pub base_url: String,
    state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Site {
    /// Serves `pages` (operation name → HTML) for the service `service`.
    pub fn start(service: &str, pages: BTreeMap<String, Vec<u8>>) -> Site {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind a loopback port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let base_url = format!("http://127.0.0.1:{port}");
        let state = Arc::new(Mutex::new(State { service: service.to_string(), pages, ..State::default() }));
        let (srv, st, base) = (Arc::clone(&server), Arc::clone(&state), base_url.clone());
        let thread = std::thread::spawn(move || {
            for request in srv.incoming_requests() {
                let (st, base) = (Arc::clone(&st), base.clone());
                // One thread per request: a slow answer must not hold up the others.
                std::thread::spawn(move || answer(request, &st, &base));
            }
        });
        Site { base_url, state, server, thread: Some(thread) }
    }

    /// Replaces the served pages (the API changed on the server).
    pub fn set_pages(&self, pages: BTreeMap<String, Vec<u8>>) {
        self.state.lock().unwrap().pages = pages;
    }

    pub fn set_fault(&self, operation: &str, fault: Fault) {
        self.state.lock().unwrap().faults.insert(operation.to_string(), fault);
    }

    /// How many requests asked for this path (with its query).
    pub fn hits(&self, path_and_query: &str) -> u32 {
        self.state.lock().unwrap().hits.get(path_and_query).copied().unwrap_or(0)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn html_response(body: Vec<u8>) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    tiny_http::Response::from_data(body).with_header(header("Content-Type", "text/html; charset=utf-8"))
}

fn answer(request: tiny_http::Request, state: &Mutex<State>, base: &str) {
    let target = request.url().to_string();
    let parsed = url::Url::parse(&format!("http://x{target}")).expect("a request target");
    let op = parsed.query_pairs().find(|(k, _)| k == "op").map(|(_, v)| v.into_owned());
    let (page, fault, index) = {
        let mut st = state.lock().unwrap();
        let count = st.hits.entry(target.clone()).or_default();
        *count += 1;
        let count = *count;
        let index = (parsed.path() == "/metadata").then(|| index_page(&st.service, st.pages.keys(), base));
        let page = op.as_ref().and_then(|o| st.pages.get(o).cloned());
        let fault = op.as_ref().and_then(|o| st.faults.get(o).cloned());
        let fault = match fault {
            Some(Fault::FailFirst(n)) if count > n => None,
            other => other,
        };
        (page, fault, index)
    };
    if let Some(index) = index {
        let _ = request.respond(html_response(index.into_bytes()));
        return;
    }
    let format_ok = parsed.path() == "/json/metadata";
    let Some(page) = page.filter(|_| format_ok) else {
        let _ = request.respond(tiny_http::Response::from_string("not found").with_status_code(404));
        return;
    };
    match fault {
        None => {
            let _ = request.respond(html_response(page));
        }
        Some(Fault::FailFirst(_)) => {
            let _ = request.respond(tiny_http::Response::from_string("boom").with_status_code(500));
        }
        Some(Fault::Slow(d)) => {
            std::thread::sleep(d);
            let _ = request.respond(html_response(page));
        }
        Some(Fault::Cut) => {
            // Half the page, then the body's source fails: the server stops sending (tiny_http
            // keeps the connection open, so the client sees a body that never completes).
            let half = std::io::Cursor::new(page[..page.len() / 2].to_vec()).chain(Broken);
            let response = tiny_http::Response::new(
                200.into(),
                vec![header("Content-Type", "text/html")],
                half,
                Some(page.len()),
                None,
            );
            let _ = request.respond(response);
        }
        Some(Fault::Huge(n)) => {
            // Streamed, never held in memory.
            let reader = std::io::Cursor::new(b"<".to_vec()).chain(std::io::repeat(b'x').take(n.saturating_sub(1)));
            let response = tiny_http::Response::new(
                200.into(),
                vec![header("Content-Type", "text/html")],
                reader,
                Some(n as usize),
                None,
            );
            let _ = request.respond(response);
        }
        Some(Fault::RedirectLoop) => {
            let response = tiny_http::Response::from_string("")
                .with_status_code(302)
                .with_header(header("Location", &format!("{base}{target}")));
            let _ = request.respond(response);
        }
        Some(Fault::NotHtml) => {
            let response = tiny_http::Response::from_string("{\"op\":\"json\"}")
                .with_header(header("Content-Type", "application/json"));
            let _ = request.respond(response);
        }
    }
}

/// A body source that fails.
struct Broken;

impl Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("the page's source failed"))
    }
}

/// HTML-escapes text for an element or attribute.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn query_escape(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The `/metadata` index as ServiceStack renders it (`IndexOperations.html` with one row per
/// operation and a link per format).
fn index_page<'a>(service: &str, operations: impl Iterator<Item = &'a String>, base: &str) -> String {
    let mut rows = String::new();
    for op in operations {
        rows.push_str(&format!("<tr><th data-tags=\"\">{}</th>", esc(op)));
        for (fmt, label) in [("xml", "XML"), ("json", "JSON"), ("jsv", "JSV")] {
            rows.push_str(&format!(
                "<td><a href=\"{}\">{label}</a></td>",
                esc(&format!("{base}/{fmt}/metadata?op={}", query_escape(op)))
            ));
        }
        rows.push_str("</tr>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>{0}</title>\n</head>\n<body>\n\
         <a id=\"logo\" href=\"https://servicestack.net\" title=\"ServiceStack\"></a>\n<h1>{0}</h1>\n\
         <div class=\"operations\">\n<p>The following operations are supported. For a formal definition, please review the Service <a href=\"?xsd=1\">XSD</a>.</p>\n\
         <h3>Operations</h3><table>\n{rows}</table>\n\
         <h3><a href=\"https://docs.servicestack.net/clients-overview\">Clients Overview</a></h3>\n</div>\n</body>\n</html>\n",
        esc(service)
    )
}

/// The type names a Data Type spelling mentions (`List<Email>` → `List`, `Email`).
fn mentioned(type_name: &str) -> impl Iterator<Item = &str> {
    type_name.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|s| !s.is_empty())
}

/// The types an operation's page shows, in ServiceStack's order: the request, then (depth
/// first) its base and the types its fields use, then the response and what it uses.
fn page_types<'a>(api: &'a Api, request: &str, response: Option<&str>) -> Vec<&'a TypeDef> {
    fn visit<'a>(api: &'a Api, name: &str, out: &mut Vec<&'a TypeDef>) {
        let Some(t) = api.types.iter().find(|t| t.name == name) else { return };
        if out.iter().any(|o| o.name == t.name) {
            return;
        }
        out.push(t);
        let mut next: Vec<&str> = t.base.as_deref().map(|b| mentioned(b).collect()).unwrap_or_default();
        for f in &t.fields {
            next.extend(mentioned(&f.type_name));
        }
        for n in next {
            visit(api, n, out);
        }
    }
    let mut out = Vec::new();
    visit(api, request, &mut out);
    if let Some(r) = response {
        visit(api, r, &mut out);
    }
    out
}

/// One operation's page in ServiceStack's `OperationControl` template (metadata tab, tables
/// only, no samples).
pub fn operation_page(api: &Api, operation: &str) -> Option<String> {
    let op = api.operations.iter().find(|o| o.name == operation)?;
    let service = esc(api.service.as_deref().unwrap_or("Service"));
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en-us\">\n<head>\n    <title>{service}</title>\n</head>\n<body>\n    <h1>{service}</h1>\n\n    <div class=\"operation\">\n    <div>\n        <p><a href=\"/metadata\">&lt;back to all web services</a></p>\n        <h2>{}</h2>\n",
        esc(&op.name)
    );
    if let Some(d) = &op.description {
        html.push_str(&format!("<h3 id='desc'>{}</h3>", esc(d)));
    }
    if op.requires_auth {
        html.push_str("<table class='authentication'><caption><b>Requires Authentication</b></caption><tr>");
        for role in &op.roles {
            html.push_str(&format!("<td>Required role:</td><td>{}</td>", esc(role)));
        }
        for perm in &op.permissions {
            html.push_str(&format!("<td>Required permission:</td><td>{}</td>", esc(perm)));
        }
        html.push_str("</tr></table>");
    }
    html.push_str(
        "<table class='routes'><caption>The following routes are available for this service:</caption><tbody>",
    );
    for r in &op.routes {
        let verbs = if r.verbs.is_empty() { "All Verbs".to_string() } else { r.verbs.join(",") };
        html.push_str(&format!(
            "<tr><th>{}</th><th>{}</th><td>{}</td><td><i>{}</i></td></tr>",
            esc(&verbs),
            esc(&r.path),
            esc(r.summary.as_deref().unwrap_or("")),
            esc(r.notes.as_deref().unwrap_or(""))
        ));
    }
    html.push_str("</tbody></table>");
    for t in page_types(api, &op.request, op.response.as_deref()) {
        match t.kind {
            TypeKind::Class if !t.fields.is_empty() => {
                html.push_str(&format!(
                    "<table class='params'><caption><b>{}</b> Parameters:</caption><thead><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead><tbody>",
                    esc(&t.name)
                ));
                for f in &t.fields {
                    html.push_str(&format!(
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&f.name),
                        esc(f.param.as_deref().unwrap_or("form")),
                        esc(&f.type_name),
                        if f.required { "Yes" } else { "No" },
                        esc(f.description.as_deref().unwrap_or(""))
                    ));
                }
                html.push_str("</tbody></table>");
            }
            TypeKind::Class => {}
            TypeKind::Enum => {
                html.push_str(&format!("<table class='enum'><caption><b>{}</b> Enum:</caption><tbody>", esc(&t.name)));
                for m in &t.members {
                    html.push_str(&format!("<tr><td>{}</td></tr>", esc(&m.name)));
                }
                html.push_str("</tbody></table>");
            }
        }
    }
    html.push_str(&example(api, op));
    html.push_str(
        "<div class=\"call-info\"><p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append  the <b>.json</b> suffix or  <b>?format=json</b></p></div>\n    </div>\n    </div>\n</body>\n</html>\n",
    );
    Some(html)
}

/// A sample value for a Data Type, as ServiceStack's JSON samples show it.
fn sample(api: &Api, type_name: &str, depth: usize) -> serde_json::Value {
    use serde_json::{Value, json};
    let t = type_name.trim().trim_end_matches('?');
    if let Some(item) = t.strip_suffix("[]") {
        return json!([sample(api, item, depth + 1)]);
    }
    if let Some((outer, inner)) = t.split_once('<') {
        let inner = inner.strip_suffix('>').unwrap_or(inner);
        return match outer {
            "List" | "IList" | "IEnumerable" | "ICollection" | "HashSet" => json!([sample(api, inner, depth + 1)]),
            "Nullable" => sample(api, inner, depth),
            _ => json!({}),
        };
    }
    match t {
        "string" | "String" => json!("String"),
        "bool" | "Boolean" => json!(false),
        "int" | "long" | "short" | "byte" | "decimal" | "double" | "float" | "uint" | "ulong" => json!(0),
        "DateTime" | "DateTimeOffset" => json!("/Date(-62135596800000-0000)/"),
        "Guid" => json!("00000000000000000000000000000000"),
        "TimeSpan" => json!("PT0S"),
        name => match api.types.iter().find(|d| d.name == name) {
            Some(d) if d.kind == TypeKind::Enum => json!(d.members.first().map(|m| m.name.clone()).unwrap_or_default()),
            Some(d) if depth < 8 => Value::Object(object(api, d, depth + 1)),
            _ => json!({}),
        },
    }
}

/// A class's sample object: its bases' fields first, then its own.
fn object(api: &Api, t: &TypeDef, depth: usize) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let Some(base) = t.base.as_deref().and_then(|b| api.types.iter().find(|d| d.name == b))
        && depth < 8
    {
        out = object(api, base, depth + 1);
    }
    for f in &t.fields {
        out.insert(f.name.clone(), sample(api, &f.type_name, depth));
    }
    out
}

/// The HTTP + JSON example section: the request (by the route rules ServiceStack uses) and the
/// response, with their sample bodies.
fn example(api: &Api, op: &booster_codegen::schema::Operation) -> String {
    let has = |verb: &str| op.routes.iter().any(|r| r.verbs.iter().any(|v| v == verb) || r.verbs.is_empty());
    let verb = ["POST", "PUT", "PATCH", "GET"].into_iter().find(|v| has(v)).unwrap_or("POST");
    let path = op.routes.first().map_or_else(|| format!("/json/reply/{}", op.name), |r| r.path.clone());
    let body = |name: Option<&str>| {
        name.and_then(|n| api.types.iter().find(|t| t.name == n))
            .map(|t| serde_json::Value::Object(object(api, t, 0)).to_string())
            .unwrap_or_else(|| "{}".to_string())
    };
    let request_body = if verb == "GET" { String::new() } else { body(Some(&op.request)) };
    format!(
        "<div class=\"example\">\n<h3>HTTP + JSON</h3>\n<p> The following are sample HTTP requests and responses.</p>\n\
         <div class=\"request\">\n<pre>\n{verb} {} HTTP/1.1 \nHost: localhost \nAccept: application/json\nContent-Type: application/json\nContent-Length: length\n\n{}\n</pre>\n</div>\n\
         <div class=\"response\">\n<pre>\nHTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: length\n\n{}\n</pre>\n</div>\n</div>\n",
        esc(&path),
        esc(&request_body),
        esc(&body(op.response.as_deref()))
    )
}

/// Every operation's page, rendered from `api`.
pub fn pages_from(api: &Api) -> BTreeMap<String, Vec<u8>> {
    api.operations
        .iter()
        .filter_map(|o| operation_page(api, &o.name).map(|p| (o.name.clone(), p.into_bytes())))
        .collect()
}
