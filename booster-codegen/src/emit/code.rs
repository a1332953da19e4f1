//! The text the emitter writes: lines at an indent, doc comments and string literals. Writing the
//! formatted text directly (rather than building token streams for `syn` to re-parse and
//! `prettyplease` to print) made emitting cost a fraction of what it did (BENCHMARKS.md).
//!
//! Page text reaches the output only through [`Code::doc`] (after [`super::names::doc_text`],
//! which leaves no line break) and [`lit`] (a Rust string literal with every quote, backslash,
//! control and bidi character escaped).

/// A source file being written, four spaces per indent level.
pub struct Code {
    out: String,
    indent: usize,
    /// Writes nothing: for counting what would be written.
    discard: bool,
}

impl Code {
    pub fn new() -> Code {
        Code { out: String::with_capacity(16 * 1024), indent: 0, discard: false }
    }

    /// A writer that keeps nothing.
    pub fn discarding() -> Code {
        Code { out: String::new(), indent: 0, discard: true }
    }

    /// One line at the current indent.
    pub fn line(&mut self, text: &str) {
        if self.discard {
            return;
        }
        if text.is_empty() {
            self.out.push('\n');
            return;
        }
        self.indent_line();
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// One line at the current indent, formatted straight into the file (no `String` of its
    /// own): `code.line_fmt(format_args!("{name}: {ty},"))`.
    pub fn line_fmt(&mut self, text: std::fmt::Arguments<'_>) {
        if self.discard {
            return;
        }
        self.indent_line();
        // Writing to a `String` cannot fail.
        let _ = std::fmt::Write::write_fmt(&mut self.out, text);
        self.out.push('\n');
    }

    fn indent_line(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    /// A blank line between items (none twice, none at the start).
    pub fn gap(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// A line that opens a block (`impl X {`); what follows is indented until [`Code::close`].
    /// An `impl` at the top level starts after a blank line, unless its attributes or docs
    /// are right above it.
    pub fn open(&mut self, text: &str) {
        let last = self.out.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
        if self.indent == 0 && text.starts_with("impl") && !last.starts_with("#[") && !last.starts_with("///") {
            self.gap();
        }
        self.line(text);
        self.indent += 1;
    }

    /// Ends the innermost block with `text` (`}`, `},`, `});`).
    /// A block that stayed empty closes on its opening line (`pub struct Empty {}`).
    pub fn close(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(1);
        if self.out.ends_with("{\n") && text.starts_with('}') {
            self.out.pop();
            self.out.push_str(text);
            self.out.push('\n');
        } else {
            self.line(text);
        }
    }

    /// A `///` line; `text` must hold no line break (what `names::doc_text` gives, or the
    /// emitter's own words).
    pub fn doc(&mut self, text: &str) {
        self.comment("///", text);
    }

    /// Paragraphs of `///` lines with an empty `///` line between them.
    pub fn docs(&mut self, paragraphs: &[String]) {
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.doc("");
            }
            self.doc(p);
        }
    }

    /// A `//!` line (module docs).
    pub fn inner_doc(&mut self, text: &str) {
        self.comment("//!", text);
    }

    /// `marker` and `text` as one line (the marker alone for no text).
    fn comment(&mut self, marker: &str, text: &str) {
        if text.is_empty() {
            self.line(marker);
        } else {
            self.line_fmt(format_args!("{marker} {}", one_line(text)));
        }
    }

    /// A writer for what goes `depth` blocks inside this one's current indent, written before the
    /// blocks are opened (a body whose contents decide the opening line) and placed with
    /// [`Code::append`].
    pub fn inner(&self, depth: usize) -> Code {
        Code { out: String::new(), indent: self.indent + depth, discard: self.discard }
    }

    /// What an [`Code::inner`] writer wrote, placed here (its indent is already right).
    pub fn append(&mut self, inner: Code) {
        self.out.push_str(&inner.out);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Defence in depth: a line break inside a doc line would end the comment and let the rest
/// become code. Callers never pass one; if one did, it is shown as a space.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) { text.replace(['\n', '\r'], " ").into() } else { text.into() }
}

/// `text` as a Rust string literal: `{:?}` escapes quotes, backslashes, control characters and
/// the characters Rust does not print as themselves (bidi controls among them).
pub fn lit(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_rust_string_literals_of_the_same_text() {
        for text in ["plain", "a\"b\\c", "line\nbreak\r", "x\u{202e}y\u{2066}", "tab\there\0", "é ü 日本"] {
            let parsed: syn::LitStr = syn::parse_str(&lit(text)).expect("a literal");
            assert_eq!(parsed.value(), text);
            assert!(!lit(text).contains(['\n', '\r', '\u{202e}', '\u{2066}']), "{}", lit(text));
        }
    }

    #[test]
    fn doc_lines_cannot_break_out() {
        let mut code = Code::new();
        code.open("mod m {");
        code.doc("first\nfn injected() {}");
        code.doc("");
        code.close("}");
        code.open("struct Empty {");
        code.close("}");
        assert_eq!(code.finish(), "mod m {\n    /// first fn injected() {}\n    ///\n}\nstruct Empty {}\n");
    }
}
