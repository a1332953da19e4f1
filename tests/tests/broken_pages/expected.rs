//! The expectations of `EXPECTED.txt`: one rule per line after each `[case]` header.

use booster_codegen::diag::Severity;

use super::DIR;

/// One line of `EXPECTED.txt` after its case header.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// `Bn` when the line states what the code should do once bug `Bn` is fixed.
    pub(crate) bug: Option<String>,
    pub(crate) kind: RuleKind,
}

#[derive(Debug, Clone)]
pub(crate) enum RuleKind {
    /// A diagnostic at `file:line` with `severity` whose message contains `text`.
    Has { file: String, line: usize, severity: Severity, text: String },
    /// No diagnostic's `file:line: severity: message` contains this.
    Lacks(String),
    /// The schema has this type with exactly these fields or members (and, with a line, was read
    /// first from that line).
    Type { name: String, line: Option<usize>, fields: Vec<String> },
    /// The schema has no type of this name.
    NoType(String),
    /// The schema has this type with this many fields.
    FieldCount { name: String, count: usize },
}

pub(crate) fn parse_rule(line: &str) -> Result<Rule, String> {
    let (bug, rest) = match line.split_once("> ") {
        Some((tag, rest)) if tag.starts_with('B') && tag[1..].chars().all(|c| c.is_ascii_digit()) => {
            (Some(tag.to_string()), rest)
        }
        _ => (None, line),
    };
    let kind = if let Some(name) = rest.strip_prefix("no type ") {
        RuleKind::NoType(name.trim().to_string())
    } else if let Some(text) = rest.strip_prefix('!') {
        RuleKind::Lacks(text.to_string())
    } else if let Some(ty) = rest.strip_prefix("= ") {
        let (head, fields) = ty.split_once(':').ok_or("a type line is `= TYPE: A, B`")?;
        let (name, line) = match head.split_once('@') {
            Some((name, line)) => (name, Some(line.parse().map_err(|_| "bad line after @")?)),
            None => (head, None),
        };
        let fields = fields.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect();
        RuleKind::Type { name: name.trim().to_string(), line, fields }
    } else {
        let (file, rest) = rest.split_once(':').ok_or("no `:` after the file")?;
        let (line, rest) = rest.split_once(": ").ok_or("no `: ` after the line")?;
        let (severity, text) = rest.split_once(": ").ok_or("no `: ` after the severity")?;
        let severity = match severity {
            "warning" => Severity::Warning,
            "error" => Severity::Error,
            other => return Err(format!("unknown severity `{other}`")),
        };
        let line = line.parse().map_err(|_| format!("bad line number `{line}`"))?;
        RuleKind::Has { file: file.to_string(), line, severity, text: text.to_string() }
    };
    Ok(Rule { bug, kind })
}

/// The cases of `EXPECTED.txt`, by name, in file order.
pub(crate) fn expected() -> Vec<(String, Vec<Rule>)> {
    let text = std::fs::read_to_string(booster_tests::root().join(DIR).join("EXPECTED.txt")).expect("EXPECTED.txt");
    let mut cases: Vec<(String, Vec<Rule>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            cases.push((name.to_string(), Vec::new()));
            continue;
        }
        let rule = parse_rule(line).unwrap_or_else(|e| panic!("EXPECTED.txt:{}: {e}: {line}", i + 1));
        cases.last_mut().unwrap_or_else(|| panic!("EXPECTED.txt:{}: a rule before any [case]", i + 1)).1.push(rule);
    }
    cases
}
