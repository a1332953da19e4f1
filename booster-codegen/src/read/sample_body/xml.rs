//! XML bodies, as DataContract writes them.

use std::collections::HashMap;

use super::{
    CUT_OFF, MAX_DEPTH, Problems, Read, Stop, TOO_DEEP, TRAILING, last_non_blank, malformed, next_non_blank, scalar,
    shorten,
};
use crate::facts::{SampleFormat, SampleObject, SampleValue};

/// DataContract puts primitive list items (`<d2p1:int>`) in this namespace.
pub(super) const ARRAYS_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

/// An element as read, before deciding whether it is an object, a list, a map or a scalar.
/// Names borrow from the body text: a hostile body may hold millions of elements.
struct Element<'a> {
    qname: &'a str,
    local: &'a str,
    in_arrays_ns: bool,
    nil: bool,
    /// The decoded text, gathered only while the element has no child (mixed content is
    /// not part of DataContract).
    text: String,
    children: Vec<Element<'a>>,
    /// Namespace prefixes this element declares, to forget when it closes.
    declared: Vec<&'a str>,
}

pub(super) fn read_xml(text: &str, start: usize, problems: &mut Problems) -> Option<Read> {
    let mut reader = XmlReader {
        text,
        pos: start,
        open: Vec::new(),
        open_names: HashMap::new(),
        namespaces: HashMap::new(),
        skipping: 0,
        root: None,
        too_deep_at: None,
    };
    let end = reader.walk(problems);
    if let Some(at) = reader.too_deep_at {
        problems.push(at, TOO_DEEP);
    }
    let truncated = match end {
        Ok(end) => {
            if let Some(rest) = next_non_blank(text, end) {
                problems.push(rest, TRAILING);
            }
            false
        }
        Err(stop) => {
            match stop {
                Stop::Cut => problems.push(last_non_blank(text), CUT_OFF),
                Stop::Invalid { at, what } => problems.push(at, malformed(what)),
            }
            reader.unwind();
            true
        }
    };
    let root = reader.root?;
    let root_name = root.local.to_owned();
    let value = if root.children.is_empty() && (truncated || root.text.trim().is_empty()) {
        // A request DTO without members reads `<Ping ... />`; a cut root's text may be cut
        // short. Either way all that is known is that the body is an object.
        SampleValue::Object(SampleObject::default())
    } else {
        to_value(root)
    };
    Some(Read { format: SampleFormat::Xml, root_name: Some(root_name), value, truncated })
}

/// A reader for the subset of XML that DataContract writes: elements, attributes, text,
/// entities, CDATA; declarations, comments and doctypes are skipped.
struct XmlReader<'a> {
    text: &'a str,
    pos: usize,
    open: Vec<Element<'a>>,
    /// How many open elements carry each name, so a stray closing tag is found without
    /// searching the whole stack.
    open_names: HashMap<&'a str, usize>,
    /// The URIs each prefix is bound to, innermost last (`""` is the default namespace).
    namespaces: HashMap<&'a str, Vec<String>>,
    /// How many tags are open inside an element skipped for being too deep.
    skipping: usize,
    root: Option<Element<'a>>,
    too_deep_at: Option<usize>,
}

impl<'a> XmlReader<'a> {
    /// Reads up to the end of the root element, returning where it ends.
    fn walk(&mut self, problems: &mut Problems) -> Result<usize, Stop> {
        loop {
            let rest = self.text.get(self.pos..).unwrap_or("");
            let Some(lt) = rest.find('<').map(|i| self.pos + i) else {
                self.add_text(rest, self.pos, problems);
                return Err(Stop::Cut);
            };
            self.add_text(rest.get(..lt - self.pos).unwrap_or(""), self.pos, problems);
            self.pos = lt;
            let tag = self.text.get(lt..).unwrap_or("");
            if tag.starts_with("<?") {
                self.skip_past("?>")?;
            } else if tag.starts_with("<!--") {
                self.skip_past("-->")?;
            } else if let Some(cdata) = tag.strip_prefix("<![CDATA[") {
                let Some((content, _)) = cdata.split_once("]]>") else {
                    return Err(Stop::Cut);
                };
                if self.skipping == 0
                    && let Some(top) = self.open.last_mut()
                    && top.children.is_empty()
                {
                    top.text.push_str(content);
                }
                self.pos = lt + "<![CDATA[".len() + content.len() + "]]>".len();
            } else if tag.starts_with("<!") {
                self.skip_past(">")?;
            } else if tag.starts_with("</") {
                self.end_tag(problems)?;
            } else {
                self.start_tag()?;
            }
            if self.root.is_some() {
                return Ok(self.pos);
            }
        }
    }

    fn add_text(&mut self, raw: &str, at: usize, problems: &mut Problems) {
        if self.skipping > 0 {
            return;
        }
        match self.open.last_mut() {
            Some(top) => {
                if top.children.is_empty() {
                    top.text.push_str(&decode_entities(raw));
                }
            }
            None => {
                if let Some(offset) = raw.find(|c: char| !c.is_whitespace()) {
                    problems.push_recovered(at + offset, "text before the XML root element was ignored");
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn skip_past(&mut self, end: &str) -> Result<(), Stop> {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let found = rest.find(end).ok_or(Stop::Cut)?;
        self.pos += found + end.len();
        Ok(())
    }

    /// A tag or attribute name; it stops at ASCII bytes only, so it ends on a char boundary.
    fn take_name(&mut self) -> &'a str {
        let from = self.pos;
        while self
            .peek()
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'<' | b'=' | b'"' | b'\''))
        {
            self.pos += 1;
        }
        self.text.get(from..self.pos).unwrap_or("")
    }

    fn start_tag(&mut self) -> Result<(), Stop> {
        let at = self.pos;
        self.pos += 1;
        let qname = self.take_name();
        if qname.is_empty() {
            return Err(self.invalid_or_cut("expected an element name after `<`"));
        }
        let mut attributes = Vec::new();
        let self_closing = loop {
            self.skip_blank();
            match self.peek() {
                None => return Err(Stop::Cut),
                Some(b'>') => {
                    self.pos += 1;
                    break false;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.peek() != Some(b'>') {
                        return Err(self.invalid_or_cut("expected `>` after `/` in a tag"));
                    }
                    self.pos += 1;
                    break true;
                }
                Some(_) => {
                    let name = self.take_name();
                    if name.is_empty() {
                        return Err(self.invalid_or_cut("expected an attribute name or `>`"));
                    }
                    self.skip_blank();
                    let value = if self.peek() == Some(b'=') {
                        self.pos += 1;
                        self.skip_blank();
                        self.attribute_value()?
                    } else {
                        String::new()
                    };
                    attributes.push((name, value));
                }
            }
        };

        if self.skipping > 0 {
            self.skipping += usize::from(!self_closing);
            return Ok(());
        }
        if self.open.len() >= MAX_DEPTH {
            self.too_deep_at.get_or_insert(at);
            self.skipping = usize::from(!self_closing);
            return Ok(());
        }

        let mut element = Element {
            qname,
            local: local_name(qname),
            in_arrays_ns: false,
            nil: false,
            text: String::new(),
            children: Vec::new(),
            declared: Vec::new(),
        };
        for (name, value) in attributes {
            let prefix = if name == "xmlns" { Some("") } else { name.strip_prefix("xmlns:") };
            match prefix {
                Some(prefix) => {
                    self.namespaces.entry(prefix).or_default().push(value);
                    element.declared.push(prefix);
                }
                None if local_name(name) == "nil" => element.nil = value.trim() == "true",
                None => {}
            }
        }
        let prefix = qname.split_once(':').map_or("", |(prefix, _)| prefix);
        element.in_arrays_ns =
            self.namespaces.get(prefix).and_then(|uris| uris.last()).is_some_and(|uri| uri == ARRAYS_NS);

        if self_closing {
            self.forget(&element);
            self.attach(element);
        } else {
            *self.open_names.entry(element.qname).or_default() += 1;
            self.open.push(element);
        }
        Ok(())
    }

    fn attribute_value(&mut self) -> Result<String, Stop> {
        match self.peek() {
            Some(quote @ (b'"' | b'\'')) => {
                self.pos += 1;
                let rest = self.text.get(self.pos..).unwrap_or("");
                let end = rest.find(char::from(quote)).ok_or(Stop::Cut)?;
                self.pos += end + 1;
                Ok(decode_entities(rest.get(..end).unwrap_or("")))
            }
            // Unquoted values are not XML, but cost nothing to accept.
            _ => {
                let from = self.pos;
                while self.peek().is_some_and(|b| !b.is_ascii_whitespace() && b != b'>') {
                    self.pos += 1;
                }
                Ok(decode_entities(self.text.get(from..self.pos).unwrap_or("")))
            }
        }
    }

    fn end_tag(&mut self, problems: &mut Problems) -> Result<(), Stop> {
        let at = self.pos;
        self.pos += 2;
        let qname = self.take_name();
        self.skip_blank();
        if self.peek() != Some(b'>') {
            return Err(self.invalid_or_cut("expected `>` to end a closing tag"));
        }
        self.pos += 1;
        if self.skipping > 0 {
            self.skipping -= 1;
            return Ok(());
        }
        if self.open_names.get(qname).copied().unwrap_or(0) == 0 {
            problems.push_recovered(
                at,
                format!("the closing tag </{}> matches no open element; it was ignored", shorten(qname)),
            );
            return Ok(());
        }
        // Elements left open inside the one being closed are closed with it, as they stand.
        while let Some(element) = self.open.pop() {
            if let Some(count) = self.open_names.get_mut(element.qname) {
                *count = count.saturating_sub(1);
            }
            self.forget(&element);
            let matched = element.qname == qname;
            if !matched {
                problems.push_recovered(
                    at,
                    format!(
                        "<{}> is not closed before </{}>; it was closed there",
                        shorten(element.qname),
                        shorten(qname)
                    ),
                );
            }
            self.attach(element);
            if matched {
                break;
            }
        }
        Ok(())
    }

    fn invalid_or_cut(&self, what: &'static str) -> Stop {
        match self.peek() {
            None => Stop::Cut,
            Some(_) => Stop::Invalid { at: self.pos, what },
        }
    }

    fn forget(&mut self, element: &Element<'a>) {
        for prefix in &element.declared {
            if let Some(uris) = self.namespaces.get_mut(*prefix) {
                uris.pop();
            }
        }
    }

    fn attach(&mut self, element: Element<'a>) {
        match self.open.last_mut() {
            Some(parent) => parent.children.push(element),
            None => self.root = Some(element),
        }
    }

    /// Closes what a cut left open. An element with no complete child is dropped (its text
    /// may be cut short), except the root, which is the body.
    fn unwind(&mut self) {
        while let Some(element) = self.open.pop() {
            if self.open.is_empty() || !element.children.is_empty() {
                self.attach(element);
            }
        }
    }
}

fn local_name(qname: &str) -> &str {
    qname.split_once(':').map_or(qname, |(_, local)| local)
}

fn starts_uppercase(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// Whether an element's children are list items: DataContract gives no list marker, only
/// item elements of one name, in the Arrays namespace or named after their (capitalised) type.
fn is_list(element: &Element<'_>) -> bool {
    let Some(first) = element.children.first() else {
        return false;
    };
    if element.children.iter().any(|child| child.local != first.local) {
        return false;
    }
    element.children.len() >= 2
        || element.children.iter().all(|child| child.in_arrays_ns)
        || (starts_uppercase(first.local) && !starts_uppercase(element.local))
        || element.local.starts_with("ArrayOf")
}

/// Whether list items are dictionary entries (`<KeyValueOfstringstring><Key>…<Value>…`).
fn is_map(items: &[Element<'_>]) -> bool {
    items.iter().all(|item| item.local.starts_with("KeyValueOf") && item.children.iter().any(|c| c.local == "Key"))
}

/// Recurses once per level, which the reader capped at [`MAX_DEPTH`].
fn to_value(element: Element<'_>) -> SampleValue {
    if element.nil {
        return SampleValue::Null;
    }
    if element.children.is_empty() {
        return scalar(element.text.trim());
    }
    if !is_list(&element) {
        let entries = element.children.into_iter().map(|child| (child.local.to_owned(), to_value(child))).collect();
        return SampleValue::Object(SampleObject { type_name: None, entries });
    }
    if is_map(&element.children) {
        let entries = element
            .children
            .into_iter()
            .map(|item| {
                let mut key = String::new();
                let mut value = SampleValue::Null;
                for part in item.children {
                    match part.local {
                        "Key" => key = part.text.trim().to_owned(),
                        "Value" => value = to_value(part),
                        _ => {}
                    }
                }
                (key, value)
            })
            .collect();
        return SampleValue::Object(SampleObject { type_name: None, entries });
    }
    let items = element
        .children
        .into_iter()
        .map(|item| {
            // A plain object item is named after its type; lists and maps are not.
            let type_name = (!item.nil && !item.children.is_empty() && !is_list(&item)).then(|| item.local.to_owned());
            let mut value = to_value(item);
            if let SampleValue::Object(object) = &mut value {
                object.type_name = type_name;
            }
            value
        })
        .collect();
    SampleValue::Array(items)
}

/// Decodes the five XML entities and character references; anything else stays as written.
fn decode_entities(raw: &str) -> String {
    // Entity names are short; looking further for `;` would make `&&&…` quadratic.
    const MAX_ENTITY: usize = 12;
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let decoded = after
            .bytes()
            .take(MAX_ENTITY)
            .position(|b| b == b';')
            .and_then(|semi| Some((entity(after.get(..semi)?)?, after.get(semi + 1..)?)));
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let code = match name {
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "amp" => return Some('&'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            }
        }
    };
    Some(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
}
