//! Wire-name casing. ServiceStack reads JSON ignoring case and writes it in one convention
//! (camelCase on current hosts, PascalCase on older or configured ones); serde matches names
//! exactly. Every field keeps the spelling its best source states (a sample's where one shows
//! it) and also reads its other casing, so a server's values are never dropped for a capital
//! letter; fields no sample proves that differ from the convention the samples show are said.

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::schema::TypeDef;

use super::first_place;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Convention {
    Camel,
    Pascal,
}

impl Convention {
    fn spell(self, name: &str) -> String {
        match self {
            Convention::Camel => lower_first(name),
            Convention::Pascal => upper_first(name),
        }
    }

    fn word(self) -> &'static str {
        match self {
            Convention::Camel => "camelCase",
            Convention::Pascal => "PascalCase",
        }
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Whether [`lower_first`] and [`upper_first`] may spell `name` differently: its first letter
/// changes in that case (false only where the spelling is certainly the same).
fn first_cases(name: &str) -> (bool, bool) {
    let Some(c) = name.chars().next() else { return (false, false) };
    let changes = |mut case: std::char::ToLowercase| !(case.next() == Some(c) && case.next().is_none());
    let changes_up = |mut case: std::char::ToUppercase| !(case.next() == Some(c) && case.next().is_none());
    (changes(c.to_lowercase()), changes_up(c.to_uppercase()))
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The convention the samples prove: at least four in five proven names start with a lower-case
/// (or an upper-case) letter.
fn convention(types: &[TypeDef]) -> Option<Convention> {
    let (mut lower, mut upper) = (0usize, 0usize);
    for f in types.iter().flat_map(|t| &t.fields).filter(|f| f.name_proven) {
        match f.name.chars().next() {
            Some(c) if c.is_lowercase() => lower += 1,
            Some(c) if c.is_uppercase() => upper += 1,
            _ => {}
        }
    }
    let total = lower + upper;
    if total == 0 {
        None
    } else if lower * 5 >= total * 4 {
        Some(Convention::Camel)
    } else if upper * 5 >= total * 4 {
        Some(Convention::Pascal)
    } else {
        None
    }
}

/// Says, per type, the fields no sample proves that differ from the samples' convention.
pub fn apply(types: &[TypeDef], diags: &mut Diagnostics) {
    let convention = convention(types);
    for t in types {
        if let Some(conv) = convention {
            let other: Vec<&str> = t
                .fields
                .iter()
                .filter(|f| !f.name_proven && conv.spell(&f.name) != f.name)
                .map(|f| f.name.as_str())
                .collect();
            if !other.is_empty() {
                let (file, line) = first_place(&t.sources);
                diags.warn(
                    file,
                    line,
                    format!(
                        "no sample shows how the server spells these fields of `{}`: `{}`; the API's samples use {}, so the page's spelling is kept and the generated type reads both",
                        t.name,
                        other.join("`, `"),
                        conv.word()
                    ),
                );
            }
        }
    }
}

/// Whether the API's samples write camelCase names (else PascalCase, or unknown).
pub fn camel_case(types: &[TypeDef]) -> bool {
    convention(types) == Some(Convention::Camel)
}

/// ServiceStack's camelCase (ServiceStack.Text `ToCamelCase`): the leading run of capitals is
/// lower-cased, up to a capital followed by a small letter unless it is the first letter:
/// `SKU` → `sku`, `EAN13` → `eaN13`, `URLValue` → `urlValue`, `CardID` → `cardID`.
pub fn servicestack_camel(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut first_part = true;
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let next_upper = chars.get(i + 1).is_none_or(|n| n.is_ascii_uppercase());
        if first_part && c.is_ascii_uppercase() && (next_upper || i == 0) {
            out.push(c.to_ascii_lowercase());
        } else {
            first_part = false;
            out.push(c);
        }
    }
    out
}

/// Gives every field the spellings a server of either casing may write, besides the ones the
/// merge already gave (the page's own spelling where a sample spelled it otherwise): first
/// letter lower or upper, and ServiceStack's camelCase of the PascalCase spelling (`SKU` →
/// `sku`, which first-letter casing alone never gives).
pub fn add_aliases(types: &mut [TypeDef]) {
    for t in types.iter_mut() {
        let names: BTreeSet<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
        let all: Vec<Vec<String>> =
            t.fields
                .iter()
                .map(|f| {
                    // A spelling is made only where a letter has another case.
                    let (lower, upper) = first_cases(&f.name);
                    let pascal = upper_first(&f.name);
                    let camel = (upper || lower).then(|| servicestack_camel(&pascal));
                    let mut aliases: Vec<String> = Vec::with_capacity(f.aliases.len() + 3);
                    let candidates = f.aliases.iter().cloned().chain(
                        [lower.then(|| lower_first(&f.name)), upper.then_some(pascal), camel].into_iter().flatten(),
                    );
                    for a in candidates {
                        if a != f.name && !names.contains(a.as_str()) && !aliases.contains(&a) {
                            aliases.push(a);
                        }
                    }
                    aliases
                })
                .collect();
        for (f, aliases) in t.fields.iter_mut().zip(all) {
            f.aliases = aliases;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::servicestack_camel;

    #[test]
    fn servicestack_camel_case() {
        for (pascal, camel) in [
            ("SKU", "sku"),
            ("GTIN", "gtin"),
            ("EAN13", "eaN13"),
            ("URLValue", "urlValue"),
            ("CardID", "cardID"),
            ("ID", "id"),
            ("Name", "name"),
            ("X", "x"),
        ] {
            assert_eq!(servicestack_camel(pascal), camel, "{pascal}");
        }
    }
}
