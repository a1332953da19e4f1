//! DTO code tabs: the language is recognised from the code itself.
//! (Placeholder: being written.)

use crate::diag::Diagnostics;
use crate::facts::CodeType;

/// Reads the types declared in a block of DTO code. `lines` are `(page line number, text)`.
pub fn read_code(file: &str, lines: &[(usize, &str)], diags: &mut Diagnostics) -> Vec<CodeType> {
    let _ = (file, lines, diags);
    Vec::new()
}

/// Whether a line opens a DTO code block (an import/using/namespace line of some language).
pub fn starts_code_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("import ") || t.starts_with("from ") || t.starts_with("using ") || t.starts_with("Imports ")
}
