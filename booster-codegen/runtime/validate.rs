//! Checks of the rules the metadata pages state: required values, conditional requirements,
//! ranges and value sets. Every generated class implements [`Validate`].

use std::fmt;

/// One broken rule: where (`emails[1].email`, in wire names) and what, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The path of the value inside the validated one, in wire names.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl fmt::Display for Violation {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Implemented by every generated class.
pub trait Validate {
    /// Adds every violation of this value and of the values it holds to `out`, each path
    /// prefixed with `path` (empty at the top).
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>);

    /// Every violation, in field order; empty when the value keeps every rule the pages state.
    #[inline]
    fn validate(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.validate_into("", &mut out);
        out
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    #[inline]
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        (**self).validate_into(path, out);
    }
}

/// `parent.child`, or `child` at the top.
#[inline]
pub fn join(path: &str, field: &str) -> String {
    if path.is_empty() { field.to_string() } else { format!("{path}.{field}") }
}

/// Validates each element of a list, with its index in the path (`emails[1]`).
#[inline]
pub fn each<T: Validate>(items: &[T], path: &str, out: &mut Vec<Violation>) {
    for (i, item) in items.iter().enumerate() {
        item.validate_into(&format!("{path}[{i}]"), out);
    }
}

/// Adds a violation.
#[inline]
pub fn push(out: &mut Vec<Violation>, path: String, message: impl Into<String>) {
    out.push(Violation { path, message: message.into() });
}
