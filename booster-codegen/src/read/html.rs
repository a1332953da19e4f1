//! The HTML page as ServiceStack's `OperationControl` template serves it.

use scraper::{ElementRef, Html, Node, Selector};

use crate::diag::Diagnostics;
use crate::facts::{EnumMemberFact, Located, PageFacts, Rendering, RouteFact, RowFact, TableFact, TableKind};
use crate::read::dto_code;
use crate::read::lines::parse_auth_line;
use crate::read::samples::read_samples;
use crate::read::vocab::{self, split_verbs};
use crate::type_grammar::TypeRef;

/// Finds the source lines of elements by searching forward from the last one found, so that
/// diagnostics point at the page's lines although the DOM has no positions.
struct Locator<'a> {
    src: &'a str,
    pos: usize,
}

impl Locator<'_> {
    fn line_of(&mut self, needle: &str) -> usize {
        if let Some(found) = self.src.get(self.pos..).and_then(|rest| rest.find(needle)) {
            self.pos += found;
        }
        self.src[..self.pos].matches('\n').count() + 1
    }
}

fn sel(css: &str) -> Selector {
    // The selectors are constants of this file, checked by the tests.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("invalid built-in selector {css}"))
}

/// The text of an element with `<li>` items joined by `, ` and `<h4>` headings set off by `: `,
/// so `Allowable Values` lists read like the text rendering.
fn text_of(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "li" => out.push_str(", "),
            Node::Element(e) if e.name() == "h4" => out.push(' '),
            _ => {}
        }
    }
    let squeezed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed.replace(" ,", ",").replace("Allowable Values,", "Allowable Values:")
}

pub fn read_html(file: &str, src: &str, diags: &mut Diagnostics) -> PageFacts {
    let doc = Html::parse_document(src);
    let mut loc = Locator { src, pos: 0 };
    let mut facts = PageFacts { file: file.to_string(), rendering: Rendering::Html, ..PageFacts::default() };

    let first_text = |css: &str| doc.select(&sel(css)).next().map(text_of).filter(|t| !t.is_empty());
    facts.service = first_text("h1");
    if let Some(op) = first_text("h2") {
        let line = loc.line_of("<h2");
        facts.operation = Some(Located { value: op, line });
    }
    facts.description = first_text("h3#desc");
    facts.tags = doc.select(&sel(".tags span, .tags a")).map(text_of).filter(|t| !t.is_empty()).collect();

    for auth in doc.select(&sel("table.authentication")) {
        facts.requires_auth = true;
        for row in auth.select(&sel("tr")) {
            let text: Vec<String> = row.select(&sel("th, td")).map(text_of).collect();
            parse_auth_line(&text.join(" "), &mut facts);
        }
    }

    for row in doc.select(&sel("table.routes tr")) {
        let cells: Vec<String> = row.select(&sel("th, td")).map(text_of).collect();
        let line = loc.line_of("<tr");
        let Some((verbs, _)) = cells.first().and_then(|c| split_verbs(c)) else { continue };
        let Some(path) = cells.get(1).filter(|p| p.starts_with('/')) else { continue };
        let cell = |i: usize| cells.get(i).cloned().filter(|c| !c.is_empty());
        facts.routes.push(RouteFact { verbs, path: path.clone(), summary: cell(2), notes: cell(3), line });
    }

    for table in doc.select(&sel("table.params, table.enum")) {
        let is_enum = table.value().classes().any(|c| c == "enum");
        let caption = table.select(&sel("caption b")).next().map(text_of).filter(|c| !c.is_empty());
        let line = loc.line_of(caption.as_deref().map_or("<table", |c| c));
        let mut fact = TableFact {
            kind: if is_enum { TableKind::Enum } else { TableKind::Params },
            caption,
            line,
            rows: Vec::new(),
            members: Vec::new(),
        };
        for row in table.select(&sel("tbody tr")) {
            let cells: Vec<String> = row.select(&sel("td")).map(text_of).collect();
            let Some(first) = cells.first() else { continue };
            let line = loc.line_of(&format!("<td>{}", first.split('<').next().unwrap_or(first)));
            if is_enum {
                let cell = |i: usize| cells.get(i).cloned().filter(|c| !c.is_empty());
                fact.members.push(EnumMemberFact { name: first.clone(), value: cell(1), description: cell(2), line });
                continue;
            }
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            match vocab::split_pipe_row(&refs) {
                Some(cells) => {
                    let parsed_type = TypeRef::parse(&cells.data_type).ok();
                    if parsed_type.is_none() {
                        diags.warn(file, line, format!("the Data Type `{}` does not parse; the field is read as Object", cells.data_type));
                    }
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
                None => diags.warn(file, line, "this table row does not have Name, Parameter, Data Type, Required and Description cells; it was skipped"),
            }
        }
        facts.tables.push(fact);
    }

    for code in doc.select(&sel("pre code")) {
        let text: String = code.text().collect();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let start = loc.line_of(first);
        let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (start + i, l)).collect();
        facts.code.extend(dto_code::read_code(file, &lines, diags));
    }

    let mut sample_lines: Vec<(usize, String)> = Vec::new();
    for pre in doc.select(&sel(".example pre")) {
        let text: String = pre.text().collect();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let start = loc.line_of(first.trim());
        let skip = text.lines().take_while(|l| l.trim().is_empty()).count();
        sample_lines.extend(text.lines().skip(skip).enumerate().map(|(i, l)| (start + i, l.to_string())));
    }
    let refs: Vec<(usize, &str)> = sample_lines.iter().map(|(n, l)| (*n, l.as_str())).collect();
    let (request, response) = read_samples(file, &refs, diags);
    facts.request_sample = request;
    facts.response_sample = response;
    facts
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
        for css in [
            "h1",
            "h2",
            "h3#desc",
            ".tags span, .tags a",
            "table.authentication",
            "tr",
            "th, td",
            "table.routes tr",
            "table.params, table.enum",
            "caption b",
            "tbody tr",
            "td",
            "pre code",
            ".example pre",
        ] {
            assert!(scraper::Selector::parse(css).is_ok(), "{css}");
        }
    }
}
