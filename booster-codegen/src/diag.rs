//! Diagnostics: what the reader could not read, recovered, or found contradictory.

use std::fmt;

use serde::Serialize;

/// Page text in a message, made safe for a terminal: control and bidi characters shown as
/// `\u{..}` (an escape sequence from a page must not clear the reader's screen or reorder the
/// line), and at most `max` characters.
fn inert(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max + 8));
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if crate::read::text::is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One finding, located at `file:line` (lines count from 1; 0 means the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}: {}: {}", self.file, self.line, sev, self.message)
    }
}

/// A sink for diagnostics about one file.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn warn(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.push(Severity::Warning, file, line, message.into());
    }

    pub fn error(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.push(Severity::Error, file, line, message.into());
    }

    fn push(&mut self, severity: Severity, file: &str, line: usize, message: String) {
        self.items.push(Diagnostic { severity, file: inert(file, 300), line, message: inert(&message, 600) });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_in_messages_is_inert() {
        let mut d = Diagnostics::default();
        d.warn("p\u{1b}.txt", 1, "x \u{1b}[2J y \u{202e} z");
        assert_eq!(d.items[0].to_string(), r"p\u{1b}.txt:1: warning: x \u{1b}[2J y \u{202e} z");
        d.warn("p", 1, "a".repeat(1000));
        assert_eq!(d.items[1].message.chars().count(), 601);
    }
}
