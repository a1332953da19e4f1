//! Page text shown back to the user: cut to a readable length, and the characters that must not
//! reach a terminal or a doc comment as they are. One place, used by every reader (and by
//! diagnostics and the emitter), so that they all cut and escape alike.

/// `text` cut to at most `max` characters, with `…` when something was cut. Counts characters,
/// never bytes, so a cut never falls inside one.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// A name made of letters, digits and `_`, not starting with a digit.
pub fn is_identifier(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Whether `c` is a control, zero-width or bidi character: shown as an escape wherever page text
/// is shown, or dropped where it cannot be escaped (an escape sequence from a page must not clear
/// the reader's screen, and a bidi override must not reorder the line).
pub fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("abcdef", 3), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("x", 0), "…");
        assert_eq!(truncate("日本語テキスト", 2), "日本…");
        assert_eq!(truncate("e\u{301}e\u{301}", 1), "e…");
    }

    #[test]
    fn hidden_characters() {
        for c in ['\0', '\u{1b}', '\n', '\u{7f}', '\u{200b}', '\u{200f}', '\u{202e}', '\u{2066}', '\u{2069}'] {
            assert!(is_hidden(c), "{:x}", c as u32);
        }
        for c in ['a', ' ', 'é', '日', '\u{2010}', '\u{1F600}'] {
            assert!(!is_hidden(c), "{:x}", c as u32);
        }
    }
}
