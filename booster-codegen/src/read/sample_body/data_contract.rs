//! What DataContract XML elements mean: objects, lists, maps, scalars and type names.
//!
//! DataContract writes no list or type markers. A member is an element named after the
//! property (camelCase or PascalCase); a list item is an element named after the item's type
//! (`GetCustomerHobby`, `d2p1:string` in the Arrays namespace); a nested class's contract name is
//! `Outer.Inner`, so a name with a dot in it is always a type, never a property; a dictionary is
//! a list of `KeyValueOf…` items holding `Key` and `Value`.

use std::borrow::Cow;

use super::{Problems, scalar, shorten};
use crate::facts::{SampleObject, SampleValue};

/// An element as read, before deciding whether it is an object, a list, a map or a scalar.
/// Names borrow from the body text where they can: a hostile body may hold millions of elements.
pub(super) struct Element<'a> {
    pub(super) qname: Cow<'a, str>,
    /// The byte offset of its start tag in the page text.
    pub(super) at: usize,
    pub(super) in_arrays_ns: bool,
    pub(super) nil: bool,
    /// The decoded text, gathered only while the element has no child (mixed content is
    /// not part of DataContract).
    pub(super) text: String,
    pub(super) children: Vec<Element<'a>>,
    /// Namespace prefixes this element declares, to forget when it closes.
    pub(super) declared: Vec<String>,
}

impl Element<'_> {
    /// The name without its namespace prefix.
    pub(super) fn local(&self) -> &str {
        local_name(&self.qname)
    }
}

pub(super) fn local_name(qname: &str) -> &str {
    qname.split_once(':').map_or(qname, |(_, local)| local)
}

/// A DataContract type name rather than a property name: nested classes are `Outer.Inner`,
/// and no property is named with a dot.
fn is_type_name(local: &str) -> bool {
    local.contains('.')
}

fn starts_uppercase(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// Whether an element's children are list items: DataContract gives no list marker, only
/// item elements named after their type: in the Arrays namespace, capitalised where members
/// are not, or dotted; several items share one name.
fn is_list(element: &Element<'_>) -> bool {
    let Some(first) = element.children.first() else {
        return false;
    };
    if element.children.iter().all(|child| is_type_name(child.local())) {
        return true;
    }
    if element.children.iter().any(|child| child.local() != first.local()) {
        return false;
    }
    element.children.len() >= 2
        || element.children.iter().all(|child| child.in_arrays_ns)
        || (starts_uppercase(first.local()) && !starts_uppercase(element.local()))
        || element.local().starts_with("ArrayOf")
}

/// Whether list items are dictionary entries (`<KeyValueOfstringstring><Key>…<Value>…`).
fn is_map(items: &[Element<'_>]) -> bool {
    items.iter().all(|item| item.local().starts_with("KeyValueOf") && item.children.iter().any(|c| c.local() == "Key"))
}

/// What an element holds. Recurses once per level, which the reader capped at
/// [`super::MAX_DEPTH`].
pub(super) fn to_value(element: Element<'_>, problems: &mut Problems) -> SampleValue {
    if element.nil {
        return SampleValue::Null;
    }
    if element.children.is_empty() {
        return scalar(element.text.trim());
    }
    if !is_list(&element) {
        let mut entries = Vec::with_capacity(element.children.len());
        for child in element.children {
            if is_type_name(child.local()) {
                problems.push_recovered(
                    child.at,
                    format!(
                        "<{}> is named after a type, not a property, yet sits among the members of <{}>; it was \
                         skipped",
                        shorten(&child.qname),
                        shorten(&element.qname)
                    ),
                );
                continue;
            }
            entries.push((child.local().to_owned(), to_value(child, problems)));
        }
        return SampleValue::Object(SampleObject { type_name: None, entries });
    }
    if is_map(&element.children) {
        let mut entries = Vec::with_capacity(element.children.len());
        for item in element.children {
            let mut key = String::new();
            let mut value = SampleValue::Null;
            for part in item.children {
                match part.local() {
                    "Key" => key = part.text.trim().to_owned(),
                    "Value" => value = to_value(part, problems),
                    _ => {}
                }
            }
            entries.push((key, value));
        }
        return SampleValue::Object(SampleObject { type_name: None, entries });
    }
    let items = element.children.into_iter().map(|item| item_value(item, problems)).collect();
    SampleValue::Array(items)
}

/// A list item. A plain object item is named after its type, which it keeps as its
/// `type_name`; lists and maps are not. A dotted item with nothing in it is an object of that
/// type with no member set (a primitive item always has text).
fn item_value(item: Element<'_>, problems: &mut Problems) -> SampleValue {
    let type_name = item.local().to_owned();
    if !item.nil && item.children.is_empty() && is_type_name(&type_name) && item.text.trim().is_empty() {
        return SampleValue::Object(SampleObject { type_name: Some(type_name), entries: Vec::new() });
    }
    let typed = !item.nil && !item.children.is_empty() && !is_list(&item);
    let mut value = to_value(item, problems);
    if typed && let SampleValue::Object(object) = &mut value {
        object.type_name = Some(type_name);
    }
    value
}
