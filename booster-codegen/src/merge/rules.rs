//! Prose in descriptions turned into rules: conditional requirements resolved to a sibling field,
//! example values, ranges and value sets. Values the prose names that the condition field does not
//! take are diagnosed, and the settings say what they mean.

use heck::ToSnakeCase;

use crate::diag::Diagnostics;
use crate::prose_rules;
use crate::schema::{Rule, TypeDef};
use crate::settings::Settings;

pub fn apply(types: &mut [TypeDef], settings: &Settings, diags: &mut Diagnostics) {
    for t in types.iter_mut() {
        let facts: Vec<prose_rules::ProseFacts> =
            t.fields.iter().map(|f| f.description.as_deref().map(prose_rules::read).unwrap_or_default()).collect();
        for (i, fact) in facts.iter().enumerate() {
            let field = &mut t.fields[i];
            field.examples = fact.examples.clone();
            if let Some((min, max)) = fact.range {
                field.rules.push(Rule::Range { min, max });
            }
            if !fact.one_of.is_empty() {
                field.rules.push(Rule::OneOf { values: fact.one_of.clone() });
            }
            if let Some(glued) = &fact.glued_values {
                let (file, line) = (field.source.file.as_str(), field.source.line);
                diags.warn(
                    file,
                    line,
                    format!(
                        "`{}.{}` lists Allowable Values glued together (`{}`), so they cannot be told apart and are not checked; read the page's HTML rendering to get them",
                        t.name,
                        field.name,
                        crate::read::text::truncate(glued, 80)
                    ),
                );
            }
        }
        for (i, fact) in facts.iter().enumerate() {
            let Some((subject, value)) = &fact.required_when else { continue };
            let source = t.fields[i].source.clone();
            let (file, line) = (source.file.as_str(), source.line);
            let Some(j) = condition_field(t, &facts, subject, value) else {
                diags.warn(
                    file,
                    line,
                    format!(
                        "`{}.{}` is mandatory when {subject} is '{value}', but no field of `{}` is {subject}; the rule is not checked",
                        t.name, t.fields[i].name, t.name
                    ),
                );
                continue;
            };
            let cond = t.fields[j].name.clone();
            let known = &facts[j].examples;
            let equals = match settings.alias(&cond, value) {
                Some(alias) => alias.to_string(),
                None => {
                    if !known.is_empty() && !known.contains(value) {
                        diags.warn(
                            file,
                            line,
                            format!(
                                "`{}.{}` is mandatory when {subject} is '{value}', but `{cond}` takes {}; say what '{value}' means in the settings under [value_aliases.{cond}]",
                                t.name,
                                t.fields[i].name,
                                known.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
                            ),
                        );
                    }
                    value.clone()
                }
            };
            t.fields[i].rules.push(Rule::RequiredWhen { field: cond, equals });
        }
    }
}

/// The sibling a condition's subject names: one whose description starts with the subject, else
/// one whose examples hold the value, else one whose name ends with the subject's last word.
fn condition_field(t: &TypeDef, facts: &[prose_rules::ProseFacts], subject: &str, value: &str) -> Option<usize> {
    let subject_lower = subject.to_ascii_lowercase();
    let by_description = t
        .fields
        .iter()
        .position(|f| f.description.as_deref().is_some_and(|d| d.to_ascii_lowercase().starts_with(&subject_lower)));
    let by_example = || facts.iter().position(|p| p.examples.iter().any(|e| e == value));
    let by_name = || {
        let last = subject_lower.split_whitespace().last()?;
        let hits: Vec<usize> = t
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.name.to_snake_case().rsplit('_').next() == Some(last))
            .map(|(i, _)| i)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    };
    by_description.or_else(by_example).or_else(by_name)
}
