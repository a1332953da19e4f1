//! Generated cases: seed pages cut short, and pages too big to commit.

use std::fmt::Write as _;
use std::time::Duration;

use booster_codegen::diag::Severity;

use super::check::{Pages, check, check_schema_only, run_pages};
use super::expected::{Rule, RuleKind};

/// A generated case: its name, what runs it, and its watchdog in seconds (a few times what it
/// takes in a debug build on two shared cores, and at least 20).
pub(crate) type Generated = (&'static str, fn() -> Vec<String>, u64);

pub(crate) const GENERATED: &[Generated] = &[
    ("cut-text-tables", cut_text_tables, 20),
    ("cut-pipe-tables", cut_pipe_tables, 20),
    ("cut-html-tables", cut_html_tables, 20),
    ("table-100000-rows-text", table_rows_text, 90),
    ("table-100000-rows-pipe", table_rows_pipe, 90),
    ("table-100000-rows-html", table_rows_html, 90),
    ("emit-a-struct-of-20000-fields", emit_20000_fields, 20),
    ("html-100000-nested-elements", html_nested_100000, 20),
    // Its OpenAPI export (the 50 MB sample as an example, 274 MB of JSON) and its checks took 44 s
    // of the 55 on two cores under a load of 8.
    ("page-50mb-sample", page_50mb_sample, 150),
    ("page-50mb-rows", page_50mb_rows, 90),
    ("page-50mb-one-line", page_50mb_one_line, 60),
    ("page-50mb-binary", page_50mb_binary, 60),
    ("page-over-the-size-limit", page_over_limit, 60),
    ("generics-10000-deep-text", generics_text, 20),
    ("generics-10000-deep-pipe", generics_pipe, 20),
    ("generics-10000-deep-html", generics_html, 20),
    ("generics-10000-deep-csharp", generics_csharp, 20),
    ("arrays-100000-deep-csharp", arrays_csharp, 20),
    ("samples-100000-deep-json-arrays", samples_json_arrays, 20),
    ("samples-100000-deep-json-objects", samples_json_objects, 20),
    ("samples-100000-deep-json-unclosed", samples_json_unclosed, 20),
    ("samples-100000-deep-jsv", samples_jsv, 20),
    ("samples-100000-deep-xml", samples_xml, 20),
    ("html-10000-nested-elements", html_nested_10000, 20),
    // 35 s under a load of 8, 11 of them the OpenAPI export and its checks.
    ("types-chained-100000-long", types_chained, 90),
];

pub(crate) fn generated_names(list: &[Generated]) -> Vec<(String, Duration)> {
    list.iter().map(|(n, _, secs)| (format!("gen:{n}"), Duration::from_secs(*secs))).collect()
}

const HEAD: &str = "Broken.Api\n\n<back to all web services\n\nGetThing\n\nThe following routes are available for this service:\nPOST/thingCreate a thing\n";
const HEADER: &str = "NameParameterData TypeRequiredDescription\n";
const PIPE_HEAD: &str = "| POST | /thing | Create a thing | |\n|---|\nName | Parameter | Data Type | Required | Description |\n---|---|---|---|---|\n";
/// The samples section up to the request body, which starts 8 lines later.
const SAMPLES: &str = "HTTP + JSON\n\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\n\nPOST /thing HTTP/1.1 \nHost: example.com \nContent-Type: application/json\n\n";
/// The response sample that ends a page.
const RESPONSE: &str = "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: length\n\n{}\n";
/// The end of a pipe-table page: its samples, glued as that rendering leaves them.
const PIPE_TAIL: &str = "To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json\nHTTP + JSON\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\nPOST /thing HTTP/1.1 \nHost: example.com \nAccept: application/json\nHTTP/1.1 200 OK Content-Type: application/json Content-Length: length {}\n";
const MB50: usize = 50 * 1024 * 1024;

fn has(file: &str, line: usize, text: &str) -> Rule {
    Rule { bug: None, kind: RuleKind::Has { file: file.into(), line, severity: Severity::Warning, text: text.into() } }
}

fn bug(tag: &str, rule: Rule) -> Rule {
    Rule { bug: Some(tag.into()), ..rule }
}

fn fields(name: &str, fields: &[&str]) -> Rule {
    Rule {
        bug: None,
        kind: RuleKind::Type { name: name.into(), line: None, fields: fields.iter().map(|f| f.to_string()).collect() },
    }
}

fn lacks(text: &str) -> Rule {
    Rule { bug: None, kind: RuleKind::Lacks(text.into()) }
}

fn one(name: &str, text: String) -> Pages {
    vec![(name.to_string(), text.into_bytes())]
}

/// A complete page whose request table has `rows` (from line 11 on).
fn text_page(rows: &str) -> String {
    format!("{HEAD}GetThing Parameters:\n{HEADER}{rows}\n{SAMPLES}\n{RESPONSE}")
}

/// A complete pipe-table page whose request table has `rows` (from line 5 on).
fn pipe_page(rows: &str) -> String {
    format!("{PIPE_HEAD}{rows}{PIPE_TAIL}")
}

/// A seed page cut after each of `cuts` lines; checks the invariants, and that every type the
/// kept rows use but the cut removed is reported as undefined.
fn check_cuts(name: &str, text: &str, cuts: &[usize], caption_of: fn(&str) -> Option<String>) -> Vec<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut failures = Vec::new();
    for &cut in cuts {
        let kept: String = lines[..cut.min(lines.len())].concat();
        let file = format!("{name}:cut-after-{cut}");
        let pages = one(&file, kept.clone());
        let captions: Vec<String> = kept.lines().filter_map(caption_of).collect();
        let api = match run_pages(&pages) {
            Ok(out) => out.api,
            Err(panic) => {
                failures.push(format!("{file}: {panic}"));
                continue;
            }
        };
        for t in &api.types {
            for f in &t.fields {
                for user in f.ty.user_types() {
                    if !captions.iter().any(|c| c == user) && !api.types.iter().any(|t| t.name == user) {
                        let text = format!("`{}.{}` has type `{user}`, which no page defines", t.name, f.name);
                        if !api.diagnostics.iter().any(|d| d.message.contains(&text)) {
                            failures.push(format!("{file}: `{user}` was cut away, but nothing says {text}"));
                        }
                    }
                }
            }
        }
        // A table at the very end with no rows is where the page was cut: something must say so,
        // on the table's caption or on the page's last line.
        let kept_lines: Vec<&str> = kept.lines().collect();
        let last = kept_lines.iter().enumerate().rev().find(|(_, l)| !l.trim().is_empty());
        if let Some((at, line)) = last.filter(|(_, l)| caption_of(l).is_some() || l.trim() == HEADER.trim()) {
            let caption_line = if caption_of(line).is_some() { at + 1 } else { at };
            let reported =
                api.diagnostics.iter().any(|d| d.file == file && (d.line == caption_line || d.line == at + 1));
            if !reported {
                failures.push(format!(
                    "{file}: the page ends in a table with no rows (line {caption_line}), and nothing says it was cut there"
                ));
            }
        }
        failures.extend(check(&pages, &[]).into_iter().map(|f| format!("{file}: {f}")));
    }
    failures
}

fn seed(path: &str) -> String {
    String::from_utf8(std::fs::read(booster_tests::root().join(path)).expect("seed page")).expect("UTF-8 seed")
}

fn text_caption(line: &str) -> Option<String> {
    line.strip_suffix(" Parameters:").or_else(|| line.strip_suffix(" Enum:")).map(str::to_string)
}

/// The text-form seed cut before, at and after each caption and header line.
fn cut_text_tables() -> Vec<String> {
    let text = seed("specs/booster/004_090e548c0735057f.txt");
    let mut cuts = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if text_caption(line).is_some() || line.starts_with("To override the Content-type") {
            cuts.extend([i, i + 1, i + 2, i + 3]);
        }
    }
    check_cuts("004.txt", &text, &cuts, text_caption)
}

/// The pipe-table seed cut at every header and separator row.
fn cut_pipe_tables() -> Vec<String> {
    let text = seed("specs/booster/003_893a8cf0c7c0b088.txt");
    let mut cuts = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("Name | Parameter") || line.starts_with("---|") {
            cuts.extend([i, i + 1, i + 2]);
        }
    }
    check_cuts("003.txt", &text, &cuts, |_| None)
}

/// The HTML page cut before every `<table` and after every `</table>`.
fn cut_html_tables() -> Vec<String> {
    let text = seed("tests/data/html/PatchCustomer.html");
    let mut failures = Vec::new();
    let mut cuts: Vec<usize> = text.match_indices("<table").map(|(at, _)| at).collect();
    cuts.extend(text.match_indices("</table>").map(|(at, m)| at + m.len()));
    cuts.extend(text.match_indices("<tr>").map(|(at, _)| at + 4).step_by(7));
    cuts.sort_unstable();
    for cut in cuts {
        let kept = &text[..cut];
        let file = format!("PatchCustomer.html:cut-at-{cut}");
        let pages = one(&file, kept.to_string());
        let out = match run_pages(&pages) {
            Ok(out) => out,
            Err(panic) => {
                failures.push(format!("{file}: {panic}"));
                continue;
            }
        };
        for t in &out.api.types {
            for f in &t.fields {
                for user in f.ty.user_types() {
                    let text = format!("`{}.{}` has type `{user}`, which no page defines", t.name, f.name);
                    let defined = out.api.types.iter().any(|t| t.name == user);
                    if !defined && !out.diagnostics.iter().any(|d| d.message.contains(&text)) {
                        failures.push(format!("{file}: `{user}` was cut away, but nothing says {text}"));
                    }
                }
            }
        }
        failures.extend(check(&pages, &[]).into_iter().map(|f| format!("{file}: {f}")));
    }
    failures
}

fn numbered_rows(n: usize, row: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(n * 48);
    for i in 0..n {
        out.push_str(&row(i));
    }
    out
}

fn table_rows_text() -> Vec<String> {
    let page = text_page(&numbered_rows(100_000, |i| format!("field{i}querystringNoField number {i}\n")));
    check(&one("rows.txt", page), &[lacks(": warning:"), field_count("GetThing", 100_000)])
}

fn table_rows_pipe() -> Vec<String> {
    let page = pipe_page(&numbered_rows(100_000, |i| format!("field{i} | query | string | No | Field {i} |\n")));
    check(&one("rows.txt", page), &[field_count("CreateAThing", 100_000)])
}

fn html_rows(n: usize) -> String {
    let rows = numbered_rows(n, |i| {
        format!("<tr><td>field{i}</td><td>query</td><td>string</td><td>No</td><td>Field {i}</td></tr>\n")
    });
    format!(
        "<!doctype html><html><body><h1>Broken.Api</h1><h2>GetThing</h2>\n<table class='params'><caption><b>GetThing</b> Parameters:</caption><tbody>\n{rows}</tbody></table></body></html>\n"
    )
}

/// B3: the HTML reader took minutes for 100,000 rows (line numbers counted from the top each row).
fn table_rows_html() -> Vec<String> {
    check(&one("rows.html", html_rows(100_000)), &[lacks(": warning:"), field_count("GetThing", 100_000)])
}

/// B27: the emitter was quadratic in a struct's fields (minutes for 100,000).
fn emit_20000_fields() -> Vec<String> {
    let page = text_page(&numbered_rows(20_000, |i| format!("field{i}querystringNoField number {i}\n")));
    check(&one("rows.txt", page), &[field_count("GetThing", 20_000)])
}

fn field_count(name: &str, count: usize) -> Rule {
    Rule { bug: None, kind: RuleKind::FieldCount { name: name.into(), count } }
}

fn page_50mb_sample() -> Vec<String> {
    let head = format!(
        "{HEAD}GetThing Parameters:\n{HEADER}itemsbodyList<Item>YesThe items\nItem Parameters:\n{HEADER}skuformstringYesSKU\n{SAMPLES}"
    );
    let item = "{\"sku\":\"String\"},";
    let mut page = format!("{head}{{\"items\":[");
    while page.len() < MB50 {
        page.push_str(item);
    }
    page.pop();
    page.push_str("]}\n");
    page.push_str(RESPONSE);
    check(&one("big.txt", page), &[lacks(": warning:"), fields("GetThing", &["items"]), fields("Item", &["sku"])])
}

fn page_50mb_rows() -> Vec<String> {
    let mut rows = String::with_capacity(MB50 + 100);
    let mut i = 0;
    while rows.len() < MB50 {
        let _ = writeln!(rows, "field{i}querystringNoThe field number {i} of the thing, in a page of 50 MB");
        i += 1;
    }
    // Schema only: the struct has 650,013 fields; reading, merging and emitting it took 100 s and
    // 6 GB of memory in a debug build (the emitter's cost is the benchmark's subject).
    check_schema_only(&one("big.txt", text_page(&rows)), &[lacks(": warning:"), field_count("GetThing", i)])
}

fn page_50mb_one_line() -> Vec<String> {
    let page = text_page(&format!("idpathintYesThe id\n{}\n", "x".repeat(MB50)));
    // The line is neither a row nor an enum member; B7: it became an enum silently.
    check(&one("big.txt", page), &[bug("B7", has("big.txt", 12, "xxxxxxxxxx")), fields("GetThing", &["id"])])
}

fn page_50mb_binary() -> Vec<String> {
    // A fixed pseudo-random sequence (xorshift), so every run reads the same bytes.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(MB50);
    while bytes.len() < MB50 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    let pages = vec![("big.bin".to_string(), bytes)];
    check(&pages, &[has("big.bin", 0, "the page holds NUL bytes; it may be a binary file rather than a metadata page")])
}

fn page_over_limit() -> Vec<String> {
    let limit = booster_codegen::read::MAX_PAGE_BYTES;
    let page = text_page(&format!("idpathintYesThe id\n{}\n", " ".repeat(limit)));
    check(
        &one("huge.txt", page),
        &[
            has("huge.txt", 0, &format!("the page is larger than {limit} bytes; only the first {limit} were read")),
            fields("GetThing", &["id"]),
        ],
    )
}

fn deep_generic() -> String {
    format!("{}string{}", "List<".repeat(10_000), ">".repeat(10_000))
}

fn generics_text() -> Vec<String> {
    let page = text_page(&format!("idpathintYesThe id\nnamesquery{}NoNames\n", deep_generic()));
    check(&one("deep.txt", page), &[has("deep.txt", 12, "namesqueryList<List<"), fields("GetThing", &["id"])])
}

fn generics_pipe() -> Vec<String> {
    let page =
        pipe_page(&format!("id | path | int | Yes | The id |\nnames | query | {} | No | Names |\n", deep_generic()));
    check(
        &one("deep.txt", page),
        &[
            bug("B13", has("deep.txt", 6, "deeper than 32 levels")),
            bug("B13", fields("CreateAThing", &["id", "names"])),
        ],
    )
}

fn generics_html() -> Vec<String> {
    let ty = deep_generic().replace('<', "&lt;").replace('>', "&gt;");
    let page = format!(
        "<!doctype html><html><body><h1>Broken.Api</h1><h2>GetThing</h2>\n<table class='params'><caption><b>GetThing</b> Parameters:</caption><tbody>\n<tr><td>id</td><td>path</td><td>int</td><td>Yes</td><td>Id</td></tr>\n<tr><td>names</td><td>query</td><td>{ty}</td><td>No</td><td>Names</td></tr>\n</tbody></table></body></html>\n"
    );
    check(
        &one("deep.html", page),
        &[bug("B13", has("deep.html", 4, "deeper than 32 levels")), bug("B13", fields("GetThing", &["id", "names"]))],
    )
}

fn csharp_page(member_type: &str) -> String {
    format!(
        "{HEAD}using System;\nusing System.Collections.Generic;\nnamespace Broken.ServiceModel\n{{\n    public partial class GetThing\n    {{\n        public virtual int Id {{ get; set; }}\n        public virtual {member_type} Names {{ get; set; }}\n    }}\n}}\nC# GetThing DTOs\n{SAMPLES}\n{RESPONSE}"
    )
}

fn generics_csharp() -> Vec<String> {
    check(
        &one("deep.txt", csharp_page(&deep_generic())),
        &[has("deep.txt", 16, "deeper than 32 levels"), fields("GetThing", &["Id", "Names"])],
    )
}

fn arrays_csharp() -> Vec<String> {
    let ty = format!("int{}", "[]".repeat(100_000));
    check(
        &one("deep.txt", csharp_page(&ty)),
        &[bug("B1", has("deep.txt", 16, "deeper than 32 levels")), fields("GetThing", &["Id", "Names"])],
    )
}

/// A page whose request sample is `body`: the body starts on line 20.
fn sample_page(body: &str) -> Pages {
    one(
        "deep.txt",
        format!("{HEAD}GetThing Parameters:\n{HEADER}namebodystringYesThe name\n{SAMPLES}{body}\n{RESPONSE}"),
    )
}

const SAMPLE_TOO_DEEP: &str = "the sample nests deeper than 256 levels; the deeper part was skipped";

fn samples_json_arrays() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("{{\"name\":{}{}}}", "[".repeat(n), "]".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn samples_json_objects() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("{{\"name\":\"x\",\"a\":{}1{}}}", "{\"a\":".repeat(n), "}".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn samples_json_unclosed() -> Vec<String> {
    check(
        &sample_page(&"[".repeat(100_000)),
        &[
            has("deep.txt", 20, SAMPLE_TOO_DEEP),
            has("deep.txt", 20, "the sample body is cut off here; only the complete part was read"),
        ],
    )
}

fn samples_jsv() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("{{name:x,a:{}1{}}}", "{a:".repeat(n), "}".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn samples_xml() -> Vec<String> {
    let n = 100_000;
    check(
        &sample_page(&format!("<GetThing><name>x</name>{}1{}</GetThing>", "<a>".repeat(n), "</a>".repeat(n))),
        &[has("deep.txt", 20, SAMPLE_TOO_DEEP)],
    )
}

fn html_nested_10000() -> Vec<String> {
    html_nested(10_000)
}

/// B34: this took minutes; the HTML reader's selectors walked every ancestor of every candidate element.
fn html_nested_100000() -> Vec<String> {
    html_nested(100_000)
}

fn html_nested(n: usize) -> Vec<String> {
    let page = format!(
        "<!doctype html><html><body><h1>Broken.Api</h1><h2>GetThing</h2>\n{}<table class='params'><caption><b>GetThing</b> Parameters:</caption><tbody>\n<tr><td>id</td><td>path</td><td>int</td><td>Yes</td><td>Id</td></tr>\n</tbody></table>{}\n</body></html>\n",
        "<div><span>".repeat(n),
        "</span></div>".repeat(n)
    );
    check(&one("deep.html", page), &[fields("GetThing", &["id"])])
}

/// `GetThing` uses `T0`, which uses `T1`, ... `T99999`: the merge step follows types by name.
fn types_chained() -> Vec<String> {
    let n = 100_000;
    let mut tables = String::from("idpathintYesThe id\nnextqueryT0NoThe first\n");
    for i in 0..n {
        let _ = write!(tables, "T{i} Parameters:\n{HEADER}nextformT{}NoThe next\n", i + 1);
    }
    let page = text_page(&tables);
    // B16: the warning belongs on the row (line 300012), not on the table's caption (300010).
    let undefined = "`T99999.next` has type `T100000`, which no page defines";
    // The whole chain: the reader and merge step follow a chain of names (B2, B36), and the
    // emitter decides which fields need a `Box` from strongly connected components, not a walk
    // of the chain per field (F9, which took this case past 10 minutes).
    check(&one("chain.txt", page), &[bug("B16", has("chain.txt", 300_012, undefined))])
}
