//! Diagnostics: what the reader could not read, recovered, or found contradictory.

use std::fmt;

use serde::Serialize;

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
        self.items.push(Diagnostic { severity, file: file.to_string(), line, message });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
}
