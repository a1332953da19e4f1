//! Rules written in prose inside descriptions, read into data. This module only reads one
//! description; the merge step decides which sibling field a condition names.

/// What one description says beyond its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProseFacts {
    /// `e.g. 'Prospect', 'Client'` and `Values can be 'it', 'en' etc.`
    pub examples: Vec<String>,
    /// `Mandatory only when customer type is 'PRIVATE'`: (subject phrase, value).
    pub required_when: Option<(String, String)>,
    /// `Values can be 1 for 'January', ..., 12 for 'December'`: a closed numeric range.
    pub range: Option<(i64, i64)>,
    /// `Allowable Values: A, B`: a closed set.
    pub one_of: Vec<String>,
    /// `Allowable ValuesAscDesc`: the text form glued the list's items together, so the set
    /// cannot be read (the text after the marker, to quote in a warning).
    pub glued_values: Option<String>,
}

/// Every phrase [`read`] looks for, lower-case: a description with none of them states nothing.
const MARKERS: &[&str] = &["when ", "allowable values", "valid range", "values can be ", "e.g.", "could be"];

fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    text.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

pub fn read(description: &str) -> ProseFacts {
    let cleaned;
    let description = if description.contains('<') {
        cleaned = without_markup(description);
        cleaned.as_str()
    } else {
        description
    };
    let mut facts = ProseFacts::default();
    // Most descriptions state no rule: they are passed over without a lower-cased copy.
    if !MARKERS.iter().any(|m| contains_ignore_ascii_case(description, m)) {
        return facts;
    }
    let lower = description.to_ascii_lowercase();

    for marker in ["mandatory only when ", "required only when ", "mandatory when ", "required when "] {
        if let Some(at) = lower.find(marker) {
            let rest = &description[at + marker.len()..];
            if let Some((subject, value)) = rest.split_once(" is ") {
                let value = first_value(value);
                if !value.is_empty() {
                    facts.required_when = Some((subject.trim().to_string(), value));
                }
            }
            break;
        }
    }

    if let Some(at) = lower.find("allowable values") {
        let after = &description[at + "allowable values".len()..];
        let rest = after.trim_start_matches([':', ' ', ',']);
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            facts.glued_values = Some(rest.to_string());
        } else {
            facts.one_of = split_values(rest.split(" - ").next().unwrap_or(rest));
        }
    }
    if let Some(at) = lower.find("valid range") {
        let rest = description[at + "valid range".len()..].trim_start_matches([':', ' ']);
        let mut bounds = rest.splitn(2, " - ").map(|b| b.trim().trim_end_matches('.').parse::<i64>());
        if let (Some(Ok(min)), Some(Ok(max))) = (bounds.next(), bounds.next()) {
            facts.range = Some((min, max));
        }
    }
    let head = description.split(" - ").next().unwrap_or(description);
    let head_lower = head.to_ascii_lowercase();
    let stated = head_lower.contains("allowable values") || head_lower.contains("valid range");
    if stated {
        return facts;
    }
    if let Some(at) = head_lower.find("values can be ") {
        let rest = &head[at + "values can be ".len()..];
        let numbered = numbered_values(rest);
        if numbered.len() >= 2 && numbered.windows(2).all(|w| w[1] == w[0] + 1) {
            facts.range = numbered.first().zip(numbered.last()).map(|(a, b)| (*a, *b));
        } else {
            facts.examples = split_values(rest);
        }
    } else if let Some(at) = head_lower.find("e.g.") {
        facts.examples = split_values(&head[at + "e.g.".len()..]);
    } else if let Some(at) = head_lower.find("could be") {
        facts.examples = split_values(head[at + "could be".len()..].trim_start_matches([':', ' ']));
    }
    facts
}

/// A description that kept ServiceStack's markup (`<h4>Allowable Values</h4><ul><li>A</li>..`,
/// `<h4>Valid Range: 1 - 100</h4>`) as the HTML rendering reads it: list items comma-separated,
/// other tags dropped.
fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        match tag.as_str() {
            "li" => out.push_str(", "),
            "h4" | "/h4" | "br" | "br/" | "br /" | "ul" | "/ul" | "p" | "/p" => out.push(' '),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("Allowable Values ,", "Allowable Values:")
}

/// `'PRIVATE'` or `PRIVATE.` → `PRIVATE`.
fn first_value(text: &str) -> String {
    let t = text.trim();
    if let Some(stripped) = t.strip_prefix('\'') {
        return stripped.split('\'').next().unwrap_or("").to_string();
    }
    t.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("").trim_end_matches('.').to_string()
}

/// Quoted values where there are any (`'Mr & Mrs', 'Mr.'`), else comma/`or`-separated words.
fn split_values(text: &str) -> Vec<String> {
    let text = text.trim();
    let quoted: Vec<String> = text.split('\'').skip(1).step_by(2).map(str::to_string).collect();
    if !quoted.is_empty() {
        return quoted.into_iter().filter(|v| !v.is_empty()).collect();
    }
    let text = text.trim_end_matches(" etc.").trim_end_matches(" etc");
    text.split(',')
        .flat_map(|part| part.split(" or "))
        .flat_map(|part| part.split(" OR "))
        .map(|v| v.trim().trim_end_matches('.').trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// `1 for 'January', 2 for 'February'` → `[1, 2]`.
fn numbered_values(text: &str) -> Vec<i64> {
    text.split(',')
        .filter_map(|part| {
            let (n, _) = part.trim().split_once(" for ")?;
            n.trim().parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(description: &str, expect: &str) {
        let f = read(description);
        let mut got = Vec::new();
        if !f.examples.is_empty() {
            got.push(format!("examples={:?}", f.examples));
        }
        if let Some((s, v)) = &f.required_when {
            got.push(format!("required_when({s}={v})"));
        }
        if let Some((a, b)) = f.range {
            got.push(format!("range={a}..={b}"));
        }
        if !f.one_of.is_empty() {
            got.push(format!("one_of={:?}", f.one_of));
        }
        assert_eq!(got.join(" "), expect, "{description}");
    }

    #[test]
    fn booster_descriptions() {
        check(
            "Title e.g. 'Mr & Mrs', 'Mr.', 'Mrs.', 'Sama', 'Captain' - Mandatory only when customer type is 'PRIVATE'",
            r#"examples=["Mr & Mrs", "Mr.", "Mrs.", "Sama", "Captain"] required_when(customer type=PRIVATE)"#,
        );
        check(
            "Gender e.g. M, F - Mandatory only when customer type is 'Personal'",
            r#"examples=["M", "F"] required_when(customer type=Personal)"#,
        );
        check("Company Name - Mandatory only when customer type is 'COMPANY'", "required_when(customer type=COMPANY)");
        check("Customer Status e.g. 'Prospect', 'Client'", r#"examples=["Prospect", "Client"]"#);
        check("Customer Type e.g. 'PRIVATE' or 'COMPANY'", r#"examples=["PRIVATE", "COMPANY"]"#);
        check("clientType e.g. PRIVATE, COMPANY", r#"examples=["PRIVATE", "COMPANY"]"#);
        check("Can be Contacted by Maison e.g. true or false", r#"examples=["true", "false"]"#);
        check("Values can be 'it', 'en' etc.", r#"examples=["it", "en"]"#);
        check(
            "Values can be 1 for 'January', 2 for 'February', 3 for 'March', 4 for 'April', 5 for 'May', 6 for 'June', 7 for 'July', 8 for 'August', 9 for 'September', 10 for 'October', 11 for 'November', 12 for 'December'",
            "range=1..=12",
        );
        check(
            "List of BoosterCustomerIds, e.g. 1234567,1231231,12323423",
            r#"examples=["1234567", "1231231", "12323423"]"#,
        );
        check("Allowable Values: UStVA, UStDV", r#"one_of=["UStVA", "UStDV"]"#);
        check("The type of VAT return. Allowable Values: UStVA, UStDV", r#"one_of=["UStVA", "UStDV"]"#);
        check("Page size Valid Range: 1 - 100", "range=1..=100");
        // The table form keeps ServiceStack's markup; the text form glues the list together.
        check("Sort order<h4>Allowable Values</h4><ul><li>Asc</li><li>Desc</li></ul>", r#"one_of=["Asc", "Desc"]"#);
        check("Max rows<h4>Valid Range: 1 - 100</h4>", "range=1..=100");
        assert_eq!(read("Sort orderAllowable ValuesAscDesc").glued_values.as_deref(), Some("AscDesc"));
        assert!(read("Sort orderAllowable ValuesAscDesc").one_of.is_empty());
        check("First Name", "");
        check("", "");
    }
}
