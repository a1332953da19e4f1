//! Attributes and doc comments (`[ApiMember(..)]`, `<DataMember(Name:=..)>`, `@SerializedName`,
//! `# @ApiMember(..)`, `///<summary>`, docstrings): what they say about the member that follows.

use super::common::{find_top_level, is_ident_char, is_identifier, matching_close, split_top_level, unquote};
use crate::facts::{CodeField, EnumMemberFact};
use crate::type_grammar::TypeRef;

/// One attribute or annotation: `ApiMember(Description="x", IsRequired=true)`, `Required`,
/// VB's `DataMember(Name:="x")`, Java's `SerializedName("x")`.
#[derive(Debug)]
pub(super) struct Attr {
    pub(super) name: String,
    /// `(name, value)` pairs, `name` being `None` for positional arguments; values unquoted.
    pub(super) args: Vec<(Option<String>, String)>,
}

impl Attr {
    pub(super) fn parse(text: &str) -> Option<Attr> {
        let text = text.trim();
        let end = text.char_indices().find(|&(_, c)| !(is_ident_char(c) || c == '.')).map_or(text.len(), |(i, _)| i);
        let full = text.get(..end)?;
        let name = full.rsplit('.').next().unwrap_or(full);
        let name = name.strip_suffix("Attribute").filter(|n| !n.is_empty()).unwrap_or(name);
        if name.is_empty() {
            return None;
        }
        let rest = text.get(end..)?.trim_start();
        let mut args = Vec::new();
        if rest.starts_with('(') {
            // An unclosed list (a cut page) still yields the arguments that are whole.
            let inner_end = matching_close(rest, '(', ')', true).map_or(rest.len(), |close| close - 1);
            let inner = rest.get(1..inner_end).unwrap_or("");
            for arg in split_top_level(inner, ',', false) {
                if arg.trim().is_empty() {
                    continue;
                }
                args.push(Self::argument(arg));
            }
        }
        Some(Attr { name: name.to_string(), args })
    }

    fn argument(arg: &str) -> (Option<String>, String) {
        if let Some(eq) = find_top_level(arg, '=', false) {
            let key = arg.get(..eq).unwrap_or("").trim().trim_end_matches(':').trim();
            let value = arg.get(eq + 1..).unwrap_or("");
            if is_identifier(key) && !value.starts_with('=') {
                return (Some(key.to_string()), unquote(value));
            }
        }
        (None, unquote(arg))
    }

    pub(super) fn named(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn first_positional(&self) -> Option<&str> {
        self.args.iter().find(|(k, _)| k.is_none()).map(|(_, v)| v.as_str())
    }

    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// What attributes and doc comments said about the member that follows them.
#[derive(Debug, Default)]
pub(super) struct Pending {
    description: Option<String>,
    doc: Option<String>,
    required: Option<bool>,
    rename: Option<String>,
    enum_value: Option<String>,
}

impl Pending {
    pub(super) fn absorb(&mut self, attr: &Attr) {
        if attr.is("ApiMember") {
            if let Some(d) = attr.named("Description") {
                self.description = Some(d.to_string());
            }
            match attr.named("IsRequired") {
                Some(v) if v.eq_ignore_ascii_case("true") => self.required = Some(true),
                _ => {
                    self.required.get_or_insert(false);
                }
            }
        } else if attr.is("Required") {
            self.required = Some(true);
        } else if attr.is("DataMember") {
            if let Some(name) = attr.named("Name") {
                self.rename = Some(name.to_string());
            }
            if attr.named("IsRequired").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                self.required = Some(true);
            }
        } else if attr.is("Description") {
            if let Some(d) = attr.first_positional().or_else(|| attr.named("Description")) {
                self.description = Some(d.to_string());
            }
        } else if attr.is("EnumMember") {
            if let Some(v) = attr.named("Value") {
                self.enum_value = Some(v.to_string());
            }
        } else if attr.is("SerializedName")
            && let Some(v) = attr.first_positional().or_else(|| attr.named("value"))
        {
            self.rename = Some(v.to_string());
        }
    }

    /// Parses `text` as one attribute and absorbs it.
    pub(super) fn absorb_text(&mut self, text: &str) {
        if let Some(attr) = Attr::parse(text) {
            self.absorb(&attr);
        }
    }

    /// Absorbs the attribute groups that start `code`, C#'s `[A, B(x)]` or VB.NET's `<A, B(x)>`
    /// (`open`/`close` being the group's brackets), and returns the code after them.
    pub(super) fn strip_attribute_groups<'s>(
        &mut self,
        code: &'s str,
        open: char,
        close: char,
        backslash_escapes: bool,
    ) -> &'s str {
        let mut rest = code.trim_start();
        while rest.starts_with(open) {
            let Some(end) = matching_close(rest, open, close, backslash_escapes) else {
                break;
            };
            for attr in split_top_level(rest.get(1..end - 1).unwrap_or(""), ',', false) {
                self.absorb_text(attr);
            }
            rest = rest.get(end..).unwrap_or("").trim_start();
        }
        rest
    }

    /// Adds a line of a doc comment (`///<summary>` blocks, `/** */`, Python docstrings).
    pub(super) fn add_doc(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        match &mut self.doc {
            Some(doc) => {
                doc.push(' ');
                doc.push_str(line);
            }
            None => self.doc = Some(line.to_string()),
        }
    }

    pub(super) fn take(&mut self) -> Pending {
        std::mem::take(self)
    }

    /// The field these notes precede; a `[DataMember(Name=..)]` rename wins over `name`.
    pub(super) fn into_field(self, name: &str, ty: Option<TypeRef>, line: usize) -> CodeField {
        CodeField {
            name: self.rename.unwrap_or_else(|| name.to_string()),
            ty,
            required: self.required,
            description: self.description.or(self.doc),
            line,
        }
    }

    /// The enum member these notes precede: `[EnumMember(Value=..)]` (or a Gson
    /// `@SerializedName`) gives the value when the code has none.
    pub(super) fn into_member(self, name: &str, value: Option<String>, line: usize) -> EnumMemberFact {
        EnumMemberFact {
            name: name.to_string(),
            value: value.or(self.enum_value).or(self.rename),
            description: self.description.or(self.doc),
            line,
            glued: false,
        }
    }

    /// [`Pending::into_member`] for a member whose value is a literal as the code writes it.
    pub(super) fn into_written_member(self, name: &str, written: Option<&str>, line: usize) -> EnumMemberFact {
        let value = written.and_then(|v| enum_value(name, v));
        self.into_member(name, value, line)
    }
}

/// A literal enum value as written: strings lose their quotes, and a value that only repeats
/// the member's name (TypeScript's `Value1 = 'Value1'`) says nothing.
fn enum_value(name: &str, raw: &str) -> Option<String> {
    let value = unquote(raw);
    (!value.is_empty() && value != name).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_attr(input: &str, expect: &str) {
        let got = match Attr::parse(input) {
            Some(a) => format!("{} {:?}", a.name, a.args),
            None => "none".to_string(),
        };
        assert_eq!(got, expect, "parsing {input:?}");
    }

    #[test]
    fn attributes() {
        check_attr(
            r#"ApiMember(Description="Brand, e.g. 'CAR'", IsRequired=true)"#,
            r#"ApiMember [(Some("Description"), "Brand, e.g. 'CAR'"), (Some("IsRequired"), "true")]"#,
        );
        check_attr("Required", "Required []");
        check_attr("Required()", "Required []");
        check_attr(r#"DataMember(Name:="x", Order:=1)"#, r#"DataMember [(Some("Name"), "x"), (Some("Order"), "1")]"#);
        check_attr(r#"SerializedName("byte")"#, r#"SerializedName [(None, "byte")]"#);
        check_attr(r#"Description("say \"hi\"")"#, r#"Description [(None, "say \"hi\"")]"#);
        check_attr(r#"System.ComponentModel.DescriptionAttribute("x")"#, r#"Description [(None, "x")]"#);
        check_attr(r#"Validate(Validator="x == 1")"#, r#"Validate [(Some("Validator"), "x == 1")]"#);
        check_attr(r#"ApiMember(Description="unclosed"#, r#"ApiMember [(Some("Description"), "unclosed")]"#);
        check_attr("(", "none");
        check_attr("", "none");
    }

    #[test]
    fn pending_required_rules() {
        let mut p = Pending::default();
        p.absorb_text(r#"ApiMember(Description="d")"#);
        let f = p.take().into_field("x", None, 1);
        assert_eq!((f.required, f.description.as_deref()), (Some(false), Some("d")));

        p.absorb_text("Required");
        p.absorb_text(r#"ApiMember(Description="d", IsRequired=false)"#);
        assert_eq!(p.take().into_field("x", None, 1).required, Some(true));

        p.add_doc("from the doc");
        p.absorb_text(r#"DataMember(Name="wire_name")"#);
        let f = p.take().into_field("X", None, 1);
        assert_eq!((f.name.as_str(), f.required, f.description.as_deref()), ("wire_name", None, Some("from the doc")));
    }
}
