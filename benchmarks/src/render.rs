//! A [`SynthApi`] written out as metadata pages, one page per operation, in each rendering the
//! reader takes: ServiceStack's HTML (the `OperationControl` template, as
//! `tests/data/html/PatchCustomer.html`), the crawler's text form with captions and glued cells
//! (as seed 004), pipe tables without captions (as seeds 002 and 003) and the text form with a
//! Python DTO code tab instead of tables (as seeds 000 and 001).

use std::fmt::Write;

use crate::synth::{FieldSpec, OpSpec, Prim, SynthApi, Ty, TypeBody, TypeSpec};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rendering {
    Html,
    Text,
    Tables,
    Python,
}

impl Rendering {
    pub const ALL: [Rendering; 4] = [Rendering::Html, Rendering::Text, Rendering::Tables, Rendering::Python];

    pub fn name(self) -> &'static str {
        match self {
            Rendering::Html => "html",
            Rendering::Text => "text",
            Rendering::Tables => "tables",
            Rendering::Python => "python",
        }
    }
}

/// One page: its file name and bytes.
#[derive(Debug, Clone)]
pub struct Page {
    pub file: String,
    pub contents: String,
}

/// Every operation's page in one rendering.
pub fn pages(api: &SynthApi, rendering: Rendering) -> Vec<Page> {
    api.operations
        .iter()
        .enumerate()
        .map(|(i, op)| {
            let ext = if rendering == Rendering::Html { "html" } else { "txt" };
            let contents = match rendering {
                Rendering::Html => html_page(api, op),
                Rendering::Text => text_page(api, op),
                Rendering::Tables => tables_page(api, op, i % 2 == 0),
                Rendering::Python => python_page(api, op),
            };
            Page { file: format!("{}/{i:05}_{}.{ext}", rendering.name(), op.name), contents }
        })
        .collect()
}

/// Total bytes of `pages`.
pub fn total_bytes(pages: &[Page]) -> u64 {
    pages.iter().map(|p| p.contents.len() as u64).sum()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The HTTP request and response samples, one header per line (JSON bodies).
fn samples(api: &SynthApi, op: &OpSpec, accept: &str, trailing_space: bool) -> String {
    let sp = if trailing_space { " " } else { "" };
    let request = api.sample_json(&op.request);
    let response = op.response.as_deref().map_or_else(|| "{}".to_string(), |r| api.sample_json(r));
    format!(
        "{verb} {path} HTTP/1.1{sp}\nHost: {host}{sp}\nAccept: {accept}\nContent-Type: {accept}\nContent-Length: length\n\n{request}\n\
         HTTP/1.1 200 OK\nContent-Type: {accept}\nContent-Length: length\n\n{response}\n",
        verb = op.verb,
        path = op.path,
        host = api.host,
    )
}

fn html_page(api: &SynthApi, op: &OpSpec) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let service = escape_html(&api.service);
    let name = &op.name;
    let _ = write!(
        out,
        r#"<!doctype html>
<html lang="en-us">
<head>
    <title>{service}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1.0"/>
    <style type="text/css">
        body {{font-family: sans-serif;}}
    </style>
</head>
<body>
    <a id="logo" href="https://servicestack.net" title="ServiceStack"></a>
    <h1>{service}</h1>

    <div class="operation">
    <div>
        <p><a href="/metadata">&lt;back to all web services</a></p>
        <h2>{name}</h2>
        

		<table class='authentication'><caption><b>Requires Authentication</b><i class='auth' style='display:inline-block;margin:0 0 -4px 5px;'></i></caption><tr></tr></table><table class='routes'><caption>The following routes are available for this service:</caption><tbody><tr><th>{verb}</th><th>{path}</th><td>{summary}</td><td><i>{notes}</i></td></tr><tbody></tbody></table><div class="types-nav"><nav class="flex space-x-4">
<a  class="active" href='?op={name}'>Metadata</a>
"#,
        verb = op.verb,
        path = escape_html(&op.path),
        summary = escape_html(&op.summary),
        notes = escape_html(&op.notes),
    );
    for (lang, label) in [
        ("csharp", "C#"),
        ("mjs", "JavaScript"),
        ("typescript", "TypeScript"),
        ("dart", "Dart"),
        ("java", "Java"),
        ("kotlin", "Kotlin"),
        ("python", "Python"),
        ("php", "PHP"),
        ("swift", "Swift"),
        ("vbnet", "VB.NET"),
        ("fsharp", "F#"),
    ] {
        let _ = writeln!(out, "<a  href=\"?op={name}&lang={lang}\">{label}</a>");
    }
    out.push_str("</nav></div>\n");
    for t in api.page_types(op) {
        match &t.body {
            TypeBody::Class { fields, .. } => {
                let _ = write!(
                    out,
                    "<table class='params'><caption><b>{}</b> Parameters:</caption><thead><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead><tbody>",
                    t.name
                );
                for f in fields {
                    let _ = write!(
                        out,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        f.name,
                        f.param,
                        escape_html(&f.data_type()),
                        yes_no(f),
                        escape_html(&f.description)
                    );
                }
                out.push_str("</tbody></table>");
            }
            TypeBody::Enum { members } => {
                let _ = write!(out, "<table class='enum'><caption><b>{}</b> Enum:</caption><tbody>", t.name);
                for m in members {
                    let _ = write!(out, "<tr><td>{m}</td></tr>");
                }
                out.push_str("</tbody></table>");
            }
        }
    }
    let request = escape_html(&api.sample_json(&op.request));
    let response = op.response.as_deref().map_or_else(|| "{}".to_string(), |r| escape_html(&api.sample_json(r)));
    let _ = write!(
        out,
        r#"<div class="call-info"><p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append  the <b>.json</b> suffix or  <b>?format=json</b></p><p>To embed the response in a <b>jsonp</b> callback, append <b>?callback=myCallback</b></p></div>

		<div class="example">
        <!-- REST Examples -->

        <h3>HTTP + JSON</h3>
        <p> The following are sample HTTP requests and responses. 
            The placeholders shown need to be replaced with actual values.</p>

<div class="request">
<pre>
{verb} {path} HTTP/1.1 
Host: {host} 
Accept: application/json
Content-Type: application/json
Content-Length: length

{request}
</pre>
</div>

<div class="response">
<pre>
HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{response}
</pre>
</div>

        </div>
    </div>
    </div>
</body>
</html>
"#,
        verb = op.verb,
        path = escape_html(&op.path),
        host = api.host,
    );
    out
}

fn yes_no(f: &FieldSpec) -> &'static str {
    if f.required { "Yes" } else { "No" }
}

/// The text form's head: service, back link, operation, auth and the glued route line.
fn text_head(api: &SynthApi, op: &OpSpec, out: &mut String) {
    let _ = write!(
        out,
        "{}\n\n<back to all web services\n\n{}\n\nRequires Authentication\nThe following routes are available for this service:\n{}{}{}{}\n",
        api.service, op.name, op.verb, op.path, op.summary, op.notes
    );
}

fn text_samples(api: &SynthApi, op: &OpSpec, out: &mut String) {
    out.push_str(
        "\nTo override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json\n\nHTTP + JSON\n\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\n\n",
    );
    out.push_str(&samples(api, op, "application/json", true));
}

fn text_page(api: &SynthApi, op: &OpSpec) -> String {
    let mut out = String::with_capacity(8 * 1024);
    text_head(api, op, &mut out);
    for t in api.page_types(op) {
        match &t.body {
            TypeBody::Class { fields, .. } => {
                let _ = writeln!(out, "{} Parameters:", t.name);
                out.push_str("NameParameterData TypeRequiredDescription\n");
                for f in fields {
                    let _ = writeln!(out, "{}{}{}{}{}", f.name, f.param, f.data_type(), yes_no(f), f.description);
                }
            }
            TypeBody::Enum { members } => {
                let _ = writeln!(out, "{} Enum:", t.name);
                for m in members {
                    let _ = writeln!(out, "{m}");
                }
            }
        }
    }
    text_samples(api, op, &mut out);
    out
}

/// Pipe tables without captions; `leading_pipe` as seed 002 (`| POST | ...`), else as 003.
fn tables_page(api: &SynthApi, op: &OpSpec, leading_pipe: bool) -> String {
    let lead = if leading_pipe { "| " } else { "" };
    let mut out = String::with_capacity(8 * 1024);
    let _ = writeln!(out, "{lead}{} | {} | {} | {} |", op.verb, op.path, op.summary, op.notes);
    let _ = writeln!(out, "{}---|", if leading_pipe { "|" } else { "" });
    for t in api.page_types(op) {
        match &t.body {
            TypeBody::Class { fields, .. } => {
                let _ = writeln!(out, "{lead}Name | Parameter | Data Type | Required | Description |");
                let _ = writeln!(out, "{}---|---|---|---|---|", if leading_pipe { "|" } else { "" });
                for f in fields {
                    let _ = writeln!(
                        out,
                        "{lead}{} | {} | {} | {} | {} |",
                        f.name,
                        f.param,
                        f.data_type(),
                        yes_no(f),
                        f.description
                    );
                }
            }
            TypeBody::Enum { members } => {
                for m in members {
                    let _ = writeln!(out, "{lead}{m} | |");
                }
            }
        }
    }
    out.push_str(
        "To override the Content-type in your clients, use the HTTP Accept Header, append the .jsonl suffix or ?format=jsonl\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\n",
    );
    out.push_str(&samples(api, op, "text/jsonl", false).replace("\n\n", "\n"));
    out
}

fn python_page(api: &SynthApi, op: &OpSpec) -> String {
    let mut out = String::with_capacity(16 * 1024);
    text_head(api, op, &mut out);
    out.push_str(
        "import datetime\nimport decimal\nfrom marshmallow.fields import *\nfrom servicestack import *\nfrom typing import *\nfrom dataclasses import dataclass, field\nfrom dataclasses_json import dataclass_json, LetterCase, Undefined, config\nfrom enum import Enum, IntEnum\n\n",
    );
    // ServiceStack declares dependencies first: nested types, bases, the response, the request.
    let mut order: Vec<&TypeSpec> = api.page_types(op);
    order.reverse();
    let request_at = order.iter().position(|t| t.name == op.request);
    if let Some(at) = request_at {
        let request = order.remove(at);
        order.push(request);
    }
    for t in order {
        out.push('\n');
        match &t.body {
            TypeBody::Enum { members } => {
                let _ = writeln!(out, "class {}(str, Enum):", t.name);
                for m in members {
                    let _ = writeln!(out, "    {} = '{m}'", upper_snake(m));
                }
            }
            TypeBody::Class { base, fields } => {
                out.push_str(
                    "@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)\n@dataclass\n",
                );
                match base {
                    Some(b) => {
                        let _ = writeln!(out, "class {}({b}):", t.name);
                    }
                    None => {
                        let _ = writeln!(out, "class {}:", t.name);
                    }
                }
                for f in fields {
                    let required = if f.required { ", IsRequired=true" } else { "" };
                    let _ = writeln!(out, "    # @ApiMember(Description=\"{}\"{required})", f.description);
                    let _ = writeln!(out, "    {}: {}", snake(&f.name), python_type(f));
                    let _ = writeln!(out, "    \"\"\"\n    {}\n    \"\"\"\n\n", f.description);
                }
            }
        }
    }
    let _ = writeln!(out, "\nPython {} DTOs", op.name);
    text_samples(api, op, &mut out);
    out
}

/// ServiceStack's Python field names: `_` before each capital, lower-cased.
fn snake(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_uppercase() {
            out.push('_');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn upper_snake(pascal: &str) -> String {
    snake(pascal).trim_start_matches('_').to_uppercase()
}

/// `Optional[List[Email]] = None`, `bool = False`, `datetime.datetime = datetime.datetime(1, 1, 1)`.
fn python_type(f: &FieldSpec) -> String {
    fn inner(ty: &Ty) -> String {
        match ty {
            Ty::Prim(Prim::String | Prim::Guid) => "str".into(),
            Ty::Prim(Prim::Int | Prim::Long) => "int".into(),
            Ty::Prim(Prim::Bool) => "bool".into(),
            Ty::Prim(Prim::Double) => "float".into(),
            Ty::Prim(Prim::Decimal) => "Decimal".into(),
            Ty::Prim(Prim::DateTime) => "datetime.datetime".into(),
            Ty::Class(n) | Ty::Enum(n) => n.clone(),
            Ty::List(item) => format!("List[{}]", inner(item)),
        }
    }
    let ty = inner(&f.ty);
    let default = match &f.ty {
        _ if f.nullable => None,
        Ty::Prim(Prim::Int | Prim::Long) => Some("0"),
        Ty::Prim(Prim::Bool) => Some("False"),
        Ty::Prim(Prim::Double) => Some("0.0"),
        Ty::Prim(Prim::Decimal) => Some("decimal.Decimal(0)"),
        Ty::Prim(Prim::DateTime) => Some("datetime.datetime(1, 1, 1)"),
        _ => None,
    };
    match default {
        Some(d) => format!("{ty} = {d}"),
        None => format!("Optional[{ty}] = None"),
    }
}
