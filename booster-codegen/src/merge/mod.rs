//! The merge step: many pages' facts in, one [`Api`] out. It owns every cross-page decision:
//! which pages describe one operation, names the renderings lost, conflicts between sources
//! (tables outrank DTO code, which outranks samples), shared types, and prose rules.

pub mod builtins;
mod casing;
mod operations;
mod page_model;
mod rules;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::facts::PageFacts;
use crate::parallel;
use crate::schema::{Api, Location};
use crate::settings::Settings;
use crate::type_grammar::{Prim, TypeRef};

use operations::{build_operation, group_operations};
use page_model::{PageModel, PageType, model_page};
use types::{add_sample_only_fields, break_inheritance_cycles, build_type, recover_lost_names};

/// Types every ServiceStack service has; pages hide their tables.
pub const BUILT_IN_TYPES: &[&str] = &["ResponseStatus", "ResponseError"];

/// Merges pages (each with its reader's diagnostics) into one API.
///
/// The result does not depend on the order of `pages`: they are taken in file-name order.
pub fn merge(mut pages: Vec<(PageFacts, Diagnostics)>, settings: &Settings) -> Api {
    pages.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    let mut diags = Diagnostics::default();
    let mut facts = Vec::with_capacity(pages.len());
    for (page, page_diags) in pages {
        diags.items.extend(page_diags.items);
        facts.push(page);
    }
    retype_user_types_named_like_built_ins(&mut facts);
    // Each page is modelled on its own (the diagnostics are sorted at the end, so the order
    // they are gathered in does not show).
    let modelled = parallel::map_mut(&mut facts, |f| {
        let mut page_diags = Diagnostics::default();
        (model_page(f, &mut page_diags), page_diags)
    });
    let mut models: Vec<PageModel> = Vec::with_capacity(modelled.len());
    for (model, page_diags) in modelled {
        diags.items.extend(page_diags.items);
        models.push(model);
    }
    let groups = group_operations(&facts, &mut models, &mut diags);

    let mut api = Api { service: facts.iter().find_map(|f| f.service.clone()), ..Api::default() };
    for group in &groups {
        api.operations.push(build_operation(group, &facts, &models, &mut diags));
    }
    // Nothing reads the pages' facts from here on: freed on every core.
    parallel::map_mut(&mut facts, |f| drop(std::mem::take(f)));
    // The pages' types move to their names (nothing reads them from the models any more).
    let mut by_name: BTreeMap<String, Vec<PageType>> = BTreeMap::new();
    for model in &mut models {
        for t in std::mem::take(&mut model.types) {
            by_name.entry(t.name.clone()).or_default().push(t);
        }
    }
    // Each name's copies merge on their own, in name order.
    let mut named: Vec<(String, Vec<PageType>)> = by_name.into_iter().collect();
    let built = parallel::map_mut(&mut named, |(name, sources)| {
        let mut type_diags = Diagnostics::default();
        // Best source first; among copies of one rank, the fullest (a copy cut short by a
        // truncated page or missing a row its rendering lost merges into it).
        sources.sort_by_key(|s| (std::cmp::Reverse(s.source), std::cmp::Reverse(s.fields.len() + s.members.len())));
        recover_lost_names(sources, &mut type_diags);
        let (def, sample_only) = build_type(name, sources, &mut type_diags);
        // Freed here, on the worker, rather than all at once on this thread afterwards.
        drop(std::mem::take(sources));
        (def, sample_only, type_diags)
    });
    let mut extras = BTreeMap::new();
    for ((name, _), (def, sample_only, type_diags)) in named.into_iter().zip(built) {
        diags.items.extend(type_diags.items);
        if !sample_only.is_empty() {
            extras.insert(name, sample_only);
        }
        api.types.push(def);
    }
    break_inheritance_cycles(&mut api.types, &mut diags);
    add_sample_only_fields(&mut api.types, extras, &mut diags);
    casing::apply(&api.types, &mut diags);
    rules::apply(&mut api.types, settings, &mut diags);
    let camel = casing::camel_case(&api.types);
    builtins::add_used(&mut api, camel);
    casing::add_aliases(&mut api.types);
    check_references(&api, &mut diags);
    check_route_variables(&api, &mut diags);

    api.operations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut seen = BTreeSet::new();
    let mut all: Vec<Diagnostic> = diags.items.into_iter().filter(|d| seen.insert(d.clone())).collect();
    all.sort_by(|a, b| (&a.file, a.line, a.severity, &a.message).cmp(&(&b.file, b.line, b.severity, &b.message)));
    api.diagnostics = all;
    api
}

/// A class the API defines with a CLR type's name (`String`, `Object`): every Data Type that
/// names it capitalised means the API's class, not the CLR type.
fn retype_user_types_named_like_built_ins(facts: &mut [PageFacts]) {
    let defined: BTreeSet<String> = facts
        .iter()
        .flat_map(|f| f.tables.iter().filter_map(|t| t.caption.as_ref()).chain(f.code.iter().map(|c| &c.name)))
        .filter(|n| Prim::from_name(n).is_some())
        .cloned()
        .collect();
    if defined.is_empty() {
        return;
    }
    let is_defined = |n: &str| defined.contains(n);
    for row in facts.iter_mut().flat_map(|f| f.tables.iter_mut()).flat_map(|t| t.rows.iter_mut()) {
        if defined.iter().any(|d| row.data_type.contains(d.as_str()))
            && let Ok(ty) = TypeRef::parse_defining(&row.data_type, &is_defined)
        {
            row.parsed_type = Some(ty);
        }
    }
}

fn check_references(api: &Api, diags: &mut Diagnostics) {
    let defined: BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    // A generic type is defined per argument list (`QueryResponse<Item>`); its bare name is known.
    let generic: BTreeSet<&str> =
        api.types.iter().filter_map(|t| t.name.split_once('<').map(|(bare, _)| bare)).collect();
    let known = |n: &str| defined.contains(n) || generic.contains(n) || BUILT_IN_TYPES.contains(&n);
    for t in &api.types {
        let (file, line) = first_place(&t.sources);
        if let Some(base) = &t.base_type {
            for user in base.user_types().into_iter().filter(|u| !known(u)) {
                diags.warn(
                    file,
                    line,
                    format!("`{}` derives from `{user}`, which no page defines; its fields are missing", t.name),
                );
            }
        }
        for f in &t.fields {
            let (file, line) = (f.source.file.as_str(), f.source.line);
            for user in f.ty.user_types().into_iter().filter(|u| !known(u)) {
                diags.warn(
                    file,
                    line,
                    format!(
                        "`{}.{}` has type `{user}`, which no page defines; it is read as an untyped JSON value",
                        t.name, f.name
                    ),
                );
            }
        }
    }
}

/// A route variable (`{Id}`, `{Path*}`) names a field of the request (or of its bases); one that
/// names none cannot be filled, which the generated `path()` would report only at run time.
fn check_route_variables(api: &Api, diags: &mut Diagnostics) {
    let by_name: BTreeMap<&str, &crate::schema::TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for op in &api.operations {
        let Some(request) = by_name.get(op.request.as_str()) else { continue };
        let mut fields: BTreeSet<String> = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut next = Some(*request);
        while let Some(t) = next.filter(|t| seen.insert(t.name.as_str())) {
            fields.extend(t.fields.iter().map(|f| f.name.to_ascii_lowercase()));
            next = t.base.as_deref().and_then(|b| by_name.get(b).copied());
        }
        // A list request (`StoreRockstars : List<Rockstar>`) has no fields to check against.
        if request.base_type.as_ref().is_some_and(|b| matches!(b, TypeRef::List { .. })) {
            continue;
        }
        let (file, line) = first_place(&request.sources);
        for route in &op.routes {
            for var in route_variables(&route.path) {
                if !fields.contains(&var.to_ascii_lowercase()) {
                    diags.warn(
                        file,
                        line,
                        format!(
                            "the route `{}` of `{}` has the variable `{{{var}}}`, but `{}` has no field of that name; the generated `path()` cannot fill it",
                            crate::read::text::truncate(&route.path, 120),
                            op.name,
                            op.request
                        ),
                    );
                }
            }
        }
    }
}

/// `/files/{Path*}/v{Version}` → `Path`, `Version`.
fn route_variables(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(var, _)| var.trim_end_matches('*')).collect()
}

/// A type's first source as (`file`, line), for its diagnostics.
pub(super) fn first_place(sources: &[Location]) -> (&str, usize) {
    sources.first().map_or(("", 0), |l| (l.file.as_str(), l.line))
}

/// A name that compares ignoring ASCII case (as its lower-cased copy would), without the copy.
#[derive(Debug, Clone, Copy)]
struct NoCase<'a>(&'a str);

impl NoCase<'_> {
    fn lowered(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.bytes().map(|b| b.to_ascii_lowercase())
    }
}

impl PartialEq for NoCase<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for NoCase<'_> {}

impl PartialOrd for NoCase<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NoCase<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.lowered().cmp(other.lowered())
    }
}
