//! XML bodies, read with quick-xml's streaming reader.
//!
//! quick-xml turns the text into events (tags, text, entity references) up to where the text
//! stops, so a body cut mid-way yields every element that was whole. This module keeps the open
//! elements on its own stack (it never recurses on the input), recovers from stray and
//! mismatched closing tags, binds namespace prefixes (as each element closes, its declarations
//! end: a prefix bound on a stray tag must not outlive it, so quick-xml's `NsReader`, which pops
//! per closing tag, is not used) and skips what nests deeper than [`MAX_DEPTH`]. What the
//! elements mean is decided in `data_contract.rs`.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::errors::{Error, IllFormedError, SyntaxError};
use quick_xml::escape::{resolve_predefined_entity, unescape};
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::data_contract::{Element, local_name, to_value};
use super::{
    CUT_OFF, MAX_DEPTH, Problems, Read, Stop, TOO_DEEP, TRAILING, last_non_blank, malformed, next_non_blank, shorten,
};
use crate::facts::{SampleFormat, SampleObject, SampleValue};

/// DataContract puts primitive list items (`<d2p1:int>`) in this namespace.
pub(super) const ARRAYS_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

/// Characters no XML name may hold; quick-xml takes everything up to a blank as the name (in
/// html mode, as the attribute key), so they are checked here.
const NOT_IN_NAMES: &[char] = &['/', '<', '>', '=', '"', '\''];

pub(super) fn read_xml(text: &str, start: usize, problems: &mut Problems) -> Option<Read> {
    let mut reader = XmlReader {
        text,
        base: start,
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
    let root_name = root.local().to_owned();
    let value = if root.children.is_empty() && (truncated || root.text.trim().is_empty()) {
        // A request DTO without members reads `<Ping ... />`; a cut root's text may be cut
        // short. Either way all that is known is that the body is an object.
        SampleValue::Object(SampleObject::default())
    } else {
        to_value(root, problems)
    };
    Some(Read { format: SampleFormat::Xml, root_name: Some(root_name), value, truncated })
}

/// The state kept over quick-xml's events: the open elements and the namespace bindings.
struct XmlReader<'a> {
    /// The page text; offsets are into it.
    text: &'a str,
    /// Where the body starts in `text`.
    base: usize,
    open: Vec<Element<'a>>,
    /// How many open elements carry each name, so a stray closing tag is found without
    /// searching the whole stack.
    open_names: HashMap<Cow<'a, str>, usize>,
    /// The URIs each prefix is bound to, innermost last (`""` is the default namespace).
    namespaces: HashMap<String, Vec<String>>,
    /// How many tags are open inside an element skipped for being too deep.
    skipping: usize,
    root: Option<Element<'a>>,
    too_deep_at: Option<usize>,
}

impl<'a> XmlReader<'a> {
    /// Reads up to the end of the root element, returning where it ends.
    fn walk(&mut self, problems: &mut Problems) -> Result<usize, Stop> {
        let mut events = Reader::from_str(self.text.get(self.base..).unwrap_or(""));
        let config = events.config_mut();
        // Mismatched and stray closing tags are recovered from below; a lone `&` is text.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        loop {
            let at = self.offset(events.buffer_position());
            let event = match events.read_event() {
                Ok(event) => event,
                Err(error) => return Err(stop(&error, self.offset(events.error_position()))),
            };
            match event {
                Event::Start(tag) => self.start_tag(&tag, at, false)?,
                Event::Empty(tag) => self.start_tag(&tag, at, true)?,
                Event::End(tag) => self.end_tag(tag.name().0, at, problems)?,
                Event::Text(text) => self.add_text(&text.xml10_content(), at, problems),
                Event::CData(cdata) => self.add_text(&cdata, at, problems),
                Event::GeneralRef(reference) => self.add_text(&resolve(&reference), at, problems),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Eof => return Err(Stop::Cut),
            }
            if self.root.is_some() {
                return Ok(self.offset(events.buffer_position()));
            }
        }
    }

    /// A position of quick-xml's, counted from the body's start, as an offset in the page.
    fn offset(&self, position: u64) -> usize {
        self.base.saturating_add(usize::try_from(position).unwrap_or(usize::MAX)).min(self.text.len())
    }

    /// `part` as a slice of the page text at `at`, so names need no copy; a copy otherwise.
    fn borrow(&self, at: usize, part: &str) -> Cow<'a, str> {
        match self.text.get(at..at.saturating_add(part.len())) {
            Some(slice) if slice == part => Cow::Borrowed(slice),
            _ => Cow::Owned(part.to_owned()),
        }
    }

    fn add_text(&mut self, decoded: &str, at: usize, problems: &mut Problems) {
        if self.skipping > 0 {
            return;
        }
        match self.open.last_mut() {
            Some(top) => {
                if top.children.is_empty() {
                    top.text.push_str(decoded);
                }
            }
            None => {
                if let Some(offset) = decoded.find(|c: char| !c.is_whitespace()) {
                    problems.push_recovered(at + offset, "text before the XML root element was ignored");
                }
            }
        }
    }

    fn start_tag(&mut self, tag: &BytesStart<'_>, at: usize, self_closing: bool) -> Result<(), Stop> {
        let name = tag.name().0;
        if name.is_empty() {
            return Err(Stop::Invalid { at: at + 1, what: "expected an element name after `<`" });
        }
        if let Some(bad) = name.find(NOT_IN_NAMES) {
            let what = if name.get(bad..).is_some_and(|rest| rest.starts_with('/')) {
                "expected `>` after `/` in a tag"
            } else {
                "an element name holds `<`, `>`, `=` or a quote"
            };
            return Err(Stop::Invalid { at: at + 1 + bad, what });
        }
        let mut nil = false;
        let mut declared = Vec::new();
        let mut attributes = tag.html_attributes();
        for attribute in attributes.with_checks(false) {
            let attribute = attribute.map_err(|_| Stop::Invalid { at, what: "an attribute is malformed" })?;
            let key = attribute.key.0;
            if key.is_empty() || key.contains(NOT_IN_NAMES) {
                return Err(Stop::Invalid { at, what: "expected an attribute name or `>`" });
            }
            let prefix = if key == "xmlns" { Some("") } else { key.strip_prefix("xmlns:") };
            match prefix {
                Some(prefix) => {
                    let uri = unescape(&attribute.value).map_or_else(|_| attribute.value.to_string(), Cow::into_owned);
                    declared.push((prefix.to_owned(), uri));
                }
                None if local_name(key) == "nil" => nil = attribute.value.trim() == "true",
                None => {}
            }
        }

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
            qname: self.borrow(at + 1, name),
            at,
            in_arrays_ns: false,
            nil,
            text: String::new(),
            children: Vec::new(),
            declared: Vec::with_capacity(declared.len()),
        };
        for (prefix, uri) in declared {
            self.namespaces.entry(prefix.clone()).or_default().push(uri);
            element.declared.push(prefix);
        }
        let prefix = name.split_once(':').map_or("", |(prefix, _)| prefix);
        element.in_arrays_ns =
            self.namespaces.get(prefix).and_then(|uris| uris.last()).is_some_and(|uri| uri == ARRAYS_NS);

        if self_closing {
            self.forget(&element);
            self.attach(element);
        } else {
            *self.open_names.entry(element.qname.clone()).or_default() += 1;
            self.open.push(element);
        }
        Ok(())
    }

    fn end_tag(&mut self, qname: &str, at: usize, problems: &mut Problems) -> Result<(), Stop> {
        if let Some(bad) = qname.find(|c: char| c.is_whitespace() || NOT_IN_NAMES.contains(&c)) {
            return Err(Stop::Invalid { at: at + 2 + bad, what: "expected `>` to end a closing tag" });
        }
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
            if let Some(count) = self.open_names.get_mut(&element.qname) {
                *count = count.saturating_sub(1);
            }
            self.forget(&element);
            let matched = element.qname == qname;
            if !matched {
                problems.push_recovered(
                    at,
                    format!(
                        "<{}> is not closed before </{}>; it was closed there",
                        shorten(&element.qname),
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

    fn forget(&mut self, element: &Element<'a>) {
        for prefix in &element.declared {
            if let Some(uris) = self.namespaces.get_mut(prefix) {
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

/// Why quick-xml stopped. Its syntax errors but one are markup the text ended inside.
fn stop(error: &Error, at: usize) -> Stop {
    match error {
        Error::Syntax(SyntaxError::InvalidBangMarkup) => {
            Stop::Invalid { at, what: "`<!` starts no comment, CDATA section or doctype" }
        }
        Error::Syntax(_) => Stop::Cut,
        Error::IllFormed(IllFormedError::MissingDoctypeName) => Stop::Invalid { at, what: "a doctype without a name" },
        _ => Stop::Invalid { at, what: "the XML is not well-formed" },
    }
}

/// An entity or character reference as text: the five XML entities and character references
/// are decoded; any other entity stays as written, an invalid character reference is U+FFFD.
fn resolve(reference: &BytesRef<'_>) -> Cow<'static, str> {
    if reference.is_char_ref() {
        let decoded = reference.resolve_char_ref().ok().flatten().unwrap_or(char::REPLACEMENT_CHARACTER);
        return Cow::Owned(decoded.to_string());
    }
    match resolve_predefined_entity(reference) {
        Some(decoded) => Cow::Borrowed(decoded),
        None => Cow::Owned(format!("&{};", &**reference)),
    }
}
