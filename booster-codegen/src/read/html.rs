//! The HTML page as ServiceStack's `OperationControl` template serves it.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use crate::diag::Diagnostics;
use crate::facts::{EnumMemberFact, Located, PageFacts, Rendering, RouteFact, RowFact, TableFact, TableKind};
use crate::read::dto_code;
use crate::read::lines::{is_primitive_name, parse_auth_line};
use crate::read::samples::read_samples;
use crate::read::text::truncate;
use crate::read::vocab::{self, split_verbs};

/// Finds the source lines of elements by searching forward from the last one found, so that
/// diagnostics point at the page's lines although the DOM has no positions.
struct Locator<'a> {
    src: &'a str,
    pos: usize,
    /// The line of `pos`: newlines are counted only between the last position and the new one,
    /// since counting from the top for every row made a table of 100,000 rows take a minute.
    line: usize,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        Locator { src, pos: 0, line: 1 }
    }

    fn line_of(&mut self, needle: &str) -> usize {
        if let Some(found) = self.src.get(self.pos..).and_then(|rest| rest.find(needle)) {
            self.advance(self.pos + found);
        }
        self.line
    }

    fn advance(&mut self, to: usize) {
        self.line += self.src.get(self.pos..to).map_or(0, count_newlines);
        self.pos = to;
    }

    /// The line of the next `<table` tag whose attributes name `class`: a table is found by its
    /// tag, not by its caption's text, which an earlier heading or cell may also hold.
    fn line_of_table(&mut self, class: &str) -> usize {
        let mut from = self.pos;
        while let Some(found) = self.src.get(from..).and_then(|rest| rest.find("<table")) {
            let at = from + found;
            let tag_end = self.src[at..].find('>').map_or(self.src.len(), |e| at + e);
            if self.src[at..tag_end].contains(class) {
                self.advance(at);
                break;
            }
            from = tag_end;
        }
        self.line
    }
}

fn sel(css: &str) -> Selector {
    // The selectors are constants of this file, checked by the tests.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("invalid built-in selector {css}"))
}

/// The selectors the reader uses, parsed once per process rather than on every page (and, for
/// rows and cells, on every row).
struct Selectors {
    h1: Selector,
    h2: Selector,
    description: Selector,
    tags: Selector,
    auth_tables: Selector,
    rows: Selector,
    cells: Selector,
    route_rows: Selector,
    tables: Selector,
    caption: Selector,
    header_cells: Selector,
    body_rows: Selector,
    data_cells: Selector,
    code: Selector,
    samples: Selector,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| Selectors {
    h1: sel("h1"),
    h2: sel("h2"),
    description: sel("h3#desc"),
    tags: sel(".tags span, .tags a"),
    auth_tables: sel("table.authentication"),
    rows: sel("tr"),
    cells: sel("th, td"),
    route_rows: sel("table.routes tr"),
    tables: sel("table.params, table.enum"),
    caption: sel("caption b"),
    header_cells: sel("thead th"),
    body_rows: sel("tbody tr"),
    data_cells: sel("td"),
    code: sel("pre code"),
    samples: sel(".example pre"),
});

/// The text of an element with `<li>` items joined by `, ` and `<h4>` headings set off by `: `,
/// so `Allowable Values` lists read like the text rendering.
fn text_of(el: ElementRef<'_>) -> String {
    // Whitespace runs squeezed to one space and trimmed as the text is gathered (one pass, one
    // string), as `split_whitespace` and `join(" ")` over the whole text would.
    let mut out = String::new();
    let mut space = false;
    let mut push = |piece: &str| {
        for (i, word) in piece.split(char::is_whitespace).enumerate() {
            space |= i > 0;
            if word.is_empty() {
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(word);
        }
    };
    for node in el.descendants() {
        match node.value() {
            Node::Text(t) => push(t),
            Node::Element(e) if e.name() == "li" => push(", "),
            Node::Element(e) if e.name() == "h4" => push(" "),
            _ => {}
        }
    }
    if out.contains(" ,") {
        out = out.replace(" ,", ",");
    }
    if out.contains("Allowable Values,") {
        out = out.replace("Allowable Values,", "Allowable Values:");
    }
    out
}

/// A served page always ends with `</html>`; one that does not was cut (a crawl or a download
/// that stopped), even where the cut fell between two table rows and every tag left is whole.
fn warn_if_cut(file: &str, src: &str, diags: &mut Diagnostics) {
    let tail_start = src.len().saturating_sub(4096);
    let tail_start = (tail_start..src.len()).find(|&i| src.is_char_boundary(i)).unwrap_or(src.len());
    if src[tail_start..].to_ascii_lowercase().contains("</html>") {
        return;
    }
    let last = src.trim_end();
    let line = last.lines().count().max(1);
    let last_line = last.lines().last().unwrap_or("").trim();
    let tail: String = last_line.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
    let shown = if tail.len() < last_line.len() { format!("…{tail}") } else { tail };
    diags.warn(
        file,
        line,
        format!(
            "the page ends here, at `{shown}`, without `</html>`; it looks cut off, so anything after this line (rows, tables, samples) is missing: save the whole page again"
        ),
    );
}

pub fn read_html(file: &str, src: &str, diags: &mut Diagnostics) -> PageFacts {
    let flattened = limit_nesting(src);
    if let Some(f) = &flattened {
        let what = if f.cut {
            "the rest of the page was not read"
        } else {
            "the tags of elements nested deeper were ignored (their text was kept)"
        };
        diags.warn(file, f.line, format!("the HTML nests elements more than {MAX_NESTING} deep here; {what}"));
    }
    let src = flattened.as_ref().map_or(src, |f| f.doc.as_str());
    warn_if_cut(file, src, diags);
    let doc = Html::parse_document(src);
    let mut loc = Locator::new(src);
    let mut facts = PageFacts { file: file.to_string(), rendering: Rendering::Html, ..PageFacts::default() };

    let css = &*SELECTORS;
    let first_text = |selector: &Selector| doc.select(selector).next().map(text_of).filter(|t| !t.is_empty());
    facts.service = first_text(&css.h1);
    if let Some(op) = first_text(&css.h2) {
        let line = loc.line_of("<h2");
        facts.operation = Some(Located { value: op, line });
    }
    facts.description = first_text(&css.description);
    facts.tags = doc.select(&css.tags).map(text_of).filter(|t| !t.is_empty()).collect();

    for auth in doc.select(&css.auth_tables) {
        facts.requires_auth = true;
        for row in auth.select(&css.rows) {
            let text: Vec<String> = row.select(&css.cells).map(text_of).collect();
            parse_auth_line(&text.join(" "), &mut facts);
        }
    }

    for row in doc.select(&css.route_rows) {
        let cells: Vec<String> = row.select(&css.cells).map(text_of).collect();
        let line = loc.line_of("<tr");
        let Some((verbs, _)) = cells.first().and_then(|c| split_verbs(c)) else { continue };
        let Some(path) = cells.get(1).filter(|p| p.starts_with('/')) else { continue };
        let cell = |i: usize| cells.get(i).cloned().filter(|c| !c.is_empty());
        facts.routes.push(RouteFact { verbs, path: path.clone(), summary: cell(2), notes: cell(3), line });
    }

    let mut other_words = vocab::OtherWords::default();
    for table in doc.select(&css.tables) {
        let is_enum = table.value().classes().any(|c| c == "enum");
        let caption = table.select(&css.caption).next().map(text_of).filter(|c| !c.is_empty());
        let mut line = loc.line_of_table(if is_enum { "enum" } else { "params" });
        if let Some(c) = &caption {
            // The caption may sit on a line of its own below the tag; it is searched from the tag
            // on, so only this table's caption can match.
            line = loc.line_of(c);
        }
        let caption = match caption {
            Some(c) if is_primitive_name(&c) => {
                diags.warn(
                    file,
                    line,
                    format!(
                        "`{}` is a built-in type, not a type of this API, so it cannot caption a table; the table is read as one without a caption",
                        truncate(&c, 120)
                    ),
                );
                None
            }
            other => other,
        };
        let mut fact = TableFact {
            kind: if is_enum { TableKind::Enum } else { TableKind::Params },
            caption,
            line,
            rows: Vec::new(),
            members: Vec::new(),
        };
        let enum_values = is_enum && table.select(&css.header_cells).any(|th| text_of(th).trim() == "Value");
        for row in table.select(&css.body_rows) {
            let cells: Vec<String> = row.select(&css.data_cells).map(text_of).collect();
            let Some(first) = cells.first() else { continue };
            let line = loc.line_of(&format!("<td>{}", first.split('<').next().unwrap_or(first)));
            if is_enum {
                // `Name | Value | description` when the members have values (the table then has
                // a header), else `Name | description`.
                let cell = |i: usize| cells.get(i).cloned().filter(|c| !c.is_empty());
                let (value, description) = if enum_values { (cell(1), cell(2)) } else { (None, cell(1)) };
                fact.members.push(EnumMemberFact { name: first.clone(), value, description, line, glued: false });
                continue;
            }
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            match vocab::split_pipe_row(&refs) {
                Some(cells) => {
                    other_words.note(&cells.param, &cells.data_type, line);
                    let parsed_type = match vocab::parse_data_type(&cells.data_type) {
                        Ok(ty) => Some(ty),
                        Err(e) => {
                            let name = cells.name.as_deref().unwrap_or("(unnamed)");
                            diags.warn(
                                file,
                                line,
                                format!(
                                    "the Data Type `{}` of `{}` does not parse ({}); the field is read as Object",
                                    truncate(&cells.data_type, 120),
                                    truncate(name, 120),
                                    truncate(&e, 200)
                                ),
                            );
                            None
                        }
                    };
                    fact.rows.push(RowFact {
                        name: cells.name,
                        param: cells.param,
                        data_type: cells.data_type,
                        parsed_type,
                        required: cells.required,
                        description: cells.description,
                        line,
                    });
                }
                None => match vocab::unknown_param_kind(&refs) {
                    Some(kind) => diags.warn(
                        file,
                        line,
                        format!(
                            "this table row has the Parameter `{}`, which is none of the kinds known ({}); it was skipped",
                            truncate(kind, 40),
                            vocab::PARAM_KINDS.join(", ")
                        ),
                    ),
                    None => diags.warn(
                        file,
                        line,
                        "this table row does not have Name, Parameter, Data Type, Required and Description cells; it was skipped",
                    ),
                },
            }
        }
        if is_enum && fact.members.is_empty() {
            let name = fact.caption.as_deref().map_or_else(|| "(no caption)".to_string(), |c| truncate(c, 120));
            diags.warn(
                file,
                fact.line,
                format!("the enum table `{name}` has no members; check the page for a cut or garbled table"),
            );
        }
        facts.tables.push(fact);
    }
    other_words.say(file, diags);

    // A `<pre>`'s text can hold more lines than its source (entities, markup dropped inside it):
    // line numbers never pass the page's last line.
    let last_line = src.lines().count().max(1);
    for code in doc.select(&css.code) {
        let text: String = code.text().collect();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let start = loc.line_of(first);
        let lines: Vec<(usize, &str)> =
            text.lines().enumerate().map(|(i, l)| ((start + i).min(last_line), l)).collect();
        facts.code.extend(dto_code::read_code(file, &lines, diags));
    }

    let mut sample_lines: Vec<(usize, String)> = Vec::new();
    for pre in doc.select(&css.samples) {
        let text: String = pre.text().collect();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let start = loc.line_of(first.trim());
        let skip = text.lines().take_while(|l| l.trim().is_empty()).count();
        sample_lines
            .extend(text.lines().skip(skip).enumerate().map(|(i, l)| ((start + i).min(last_line), l.to_string())));
    }
    let refs: Vec<(usize, &str)> = sample_lines.iter().map(|(n, l)| (*n, l.as_str())).collect();
    let (request, response) = read_samples(file, &refs, last_line, diags);
    facts.request_sample = request;
    facts.response_sample = response;
    // A login or error page is HTML too: without any of a metadata page's parts it is reported
    // as not a metadata page, not read as an empty API.
    let nothing = facts.operation.is_none()
        && facts.routes.is_empty()
        && facts.tables.is_empty()
        && facts.code.is_empty()
        && facts.request_sample.is_none()
        && facts.response_sample.is_none();
    if nothing {
        facts.rendering = Rendering::Empty;
    }
    facts
}

/// Deeper than any real page nests its elements. Deeper nesting makes the descendant selectors
/// (`.tags span`) and html5ever's scope checks walk thousands of ancestors per element: HTML
/// nested 20,000 deep took seconds, 100,000 deep minutes.
const MAX_NESTING: usize = 1_000;
/// How deep the elements the reader needs (tables, code, headings) may still nest once the
/// others are dropped; past this the document is cut.
const MAX_KEPT_NESTING: usize = 2 * MAX_NESTING;

/// Elements with no end tag, which do not nest.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements whose end tag may be left out (the parser closes them): they are not counted, since
/// a table of unclosed `<tr><td>` rows is not nested.
const OPTIONAL_END: &[&str] = &[
    "html", "head", "body", "li", "p", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp",
];
/// Elements the reader selects: kept at any depth up to [`MAX_KEPT_NESTING`].
const NEEDED: &[&str] = &["table", "caption", "b", "pre", "code", "h1", "h2", "h3", "h4", "ul", "a"];
/// Elements whose content is raw text, not tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// What [`limit_nesting`] did: the document to read, and the line where nesting passed the limit.
struct Flattened {
    doc: String,
    line: usize,
    cut: bool,
}

/// Scans the tags cheaply (no DOM) and, where elements nest deeper than [`MAX_NESTING`], drops
/// the tags of the elements the reader does not need (their text stays, and their lines, so
/// diagnostics still point at the page); where even the needed ones nest deeper than
/// [`MAX_KEPT_NESTING`], cuts the document. `None` when the page nests less deep, as real pages do.
fn limit_nesting(src: &str) -> Option<Flattened> {
    let bytes = src.as_bytes();
    // (tag name, kept); names compare ignoring ASCII case, as HTML's do
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut depth = 0;
    let mut out = String::new();
    let mut copied = 0;
    let mut first_hit: Option<usize> = None;
    let mut pos = 0;
    let drop_range = |out: &mut String, copied: &mut usize, from: usize, to: usize| {
        out.push_str(&src[*copied..from]);
        // Newlines of the dropped tag stay, so later lines keep their numbers.
        out.extend(src[from..to].chars().filter(|c| *c == '\n'));
        *copied = to;
    };
    while let Some(found) = src.get(pos..).and_then(|rest| rest.find('<')) {
        let at = pos + found;
        let rest = &src[at..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(src.len(), |e| at + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            pos = rest.find('>').map_or(src.len(), |e| at + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let name_len = src[name_start..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(src.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            pos = at + 1;
            continue;
        }
        let name = &src[name_start..name_start + name_len];
        let is_one_of = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        let end = tag_end(src, name_start + name_len);
        pos = end;
        if closing {
            // The nearest open element of this name, looked for among the last few only: a stray
            // end tag must not cost a walk of the whole stack.
            let Some(back) = stack.iter().rev().take(64).position(|(n, _)| n.eq_ignore_ascii_case(name)) else {
                continue;
            };
            let keep_tag = stack[stack.len() - 1 - back].1;
            for _ in 0..=back {
                if let Some((_, kept)) = stack.pop() {
                    depth -= usize::from(kept);
                }
            }
            if !keep_tag {
                drop_range(&mut out, &mut copied, at, end);
            }
            continue;
        }
        let self_closing = src[..end].ends_with("/>");
        if self_closing || is_one_of(VOID) || is_one_of(OPTIONAL_END) {
            continue;
        }
        if is_one_of(RAW_TEXT) {
            pos = find_end_tag(src, end, name);
            continue;
        }
        if depth < MAX_NESTING || is_one_of(NEEDED) && depth < MAX_KEPT_NESTING {
            stack.push((name, true));
            depth += 1;
            continue;
        }
        first_hit.get_or_insert(at);
        if is_one_of(NEEDED) {
            out.push_str(&src[copied..at]);
            let line = line_at(src, at);
            return Some(Flattened { doc: out, line, cut: true });
        }
        stack.push((name, false));
        drop_range(&mut out, &mut copied, at, end);
    }
    let at = first_hit?;
    out.push_str(&src[copied..]);
    Some(Flattened { doc: out, line: line_at(src, at), cut: false })
}

/// Where the tag whose name ends at `from` ends: after its `>`, outside quoted attribute values.
fn tag_end(src: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in src.as_bytes()[from..].iter().enumerate() {
        match (quote, *b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return from + i + 1,
            _ => {}
        }
    }
    src.len()
}

/// Where the end tag `</name` of a raw-text element starts, in any case; the end of `src` if none.
fn find_end_tag(src: &str, from: usize, name: &str) -> usize {
    let mut pos = from;
    while let Some(found) = src.get(pos..).and_then(|rest| rest.find("</")) {
        let at = pos + found;
        if src.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return at;
        }
        pos = at + 2;
    }
    src.len()
}

fn line_at(src: &str, at: usize) -> usize {
    count_newlines(&src[..at]) + 1
}

fn count_newlines(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowable_values_and_enum_tables() {
        let page = "<html><body><h2>GetKeys</h2><table class='params'><caption><b>GetKeys</b> Parameters:</caption><tbody>\
            <tr><td>VatType</td><td>query</td><td>VatType</td><td>No</td><td>The type.<h4>Allowable Values</h4><ul><li>UStVA</li><li>ZM</li></ul></td></tr>\
            </tbody></table><table class='enum'><caption><b>VatType</b> Enum:</caption><tbody><tr><td>UStVA</td></tr><tr><td>ZM</td></tr></tbody></table></body></html>";
        let mut diags = Diagnostics::default();
        let facts = read_html("p.html", page, &mut diags);
        let row = &facts.tables[0].rows[0];
        assert_eq!(row.description.as_deref(), Some("The type. Allowable Values: UStVA, ZM"));
        assert_eq!(crate::prose_rules::read(row.description.as_deref().unwrap()).one_of, ["UStVA", "ZM"]);
        let members: Vec<&str> = facts.tables[1].members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!((facts.tables[1].kind, members), (TableKind::Enum, vec!["UStVA", "ZM"]));
    }

    #[test]
    fn built_in_selectors_parse() {
        // `sel` panics on a selector that does not parse; this parses them all.
        LazyLock::force(&SELECTORS);
    }
}
