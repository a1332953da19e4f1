//! Which pages describe one operation, the names a rendering lost renamed by role, and each
//! operation's routes, response and authentication.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostics;
use crate::facts::{PageFacts, Rendering};
use crate::schema::{Operation, Route};
use crate::type_grammar::TypeRef;

use super::page_model::PageModel;

pub(super) struct OpGroup {
    name: String,
    pages: Vec<usize>,
}

/// Route keys (`VERB /path`) a page states, from its routes and its sample request line.
fn route_keys(facts: &PageFacts) -> BTreeSet<String> {
    let mut keys: BTreeSet<String> =
        facts.routes.iter().flat_map(|r| r.verbs.iter().map(move |v| format!("{v} {}", r.path))).collect();
    if let Some(s) = &facts.request_sample
        && let (Some(v), Some(p)) = (&s.verb, &s.path)
    {
        keys.insert(format!("{v} {p}"));
    }
    keys
}

pub(super) fn group_operations(facts: &[PageFacts], models: &mut [PageModel], diags: &mut Diagnostics) -> Vec<OpGroup> {
    let mut groups: Vec<OpGroup> = Vec::new();
    let named = |m: &PageModel| m.operation.as_ref().is_some_and(|op| !m.provisional.contains_key(op));
    // Which group each route key belongs to, so unnamed pages find theirs without a scan.
    let mut by_route: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, model) in models.iter().enumerate() {
        let Some(op) = model.operation.clone().filter(|_| named(model)) else { continue };
        let g = *by_name.entry(op.clone()).or_insert_with(|| {
            groups.push(OpGroup { name: op, pages: Vec::new() });
            groups.len() - 1
        });
        groups[g].pages.push(i);
        for key in route_keys(&facts[i]) {
            by_route.entry(key).or_insert(g);
        }
    }
    for i in 0..models.len() {
        if models[i].operation.is_none() || named(&models[i]) {
            continue;
        }
        let found = route_keys(&facts[i]).iter().find_map(|k| by_route.get(k).copied());
        match found {
            Some(g) => {
                let reference = groups[g].pages.iter().map(|&p| &models[p]).find(|m| named(m));
                let renames = reference.map(|r| role_renames(&models[i], r)).unwrap_or_default();
                rename_types(&mut models[i], &renames);
                groups[g].pages.push(i);
            }
            None => {
                let name = models[i].operation.clone().unwrap_or_default();
                groups.push(OpGroup { name, pages: vec![i] });
                for key in route_keys(&facts[i]) {
                    by_route.entry(key).or_insert(groups.len() - 1);
                }
            }
        }
    }
    for model in models.iter() {
        for (line, message) in model.provisional.values() {
            diags.warn(&model.file, *line, message.clone());
        }
    }
    groups
}

/// Provisional names of `page` mapped to the names `reference` gives the same roles.
fn role_renames(page: &PageModel, reference: &PageModel) -> BTreeMap<String, String> {
    let mut renames = BTreeMap::new();
    let pairs = [
        (&page.operation, &reference.operation),
        (&page.request_base, &reference.request_base),
        (&page.request_item, &reference.request_item),
        (&page.response, &reference.response),
    ];
    for (mine, theirs) in pairs {
        if let (Some(mine), Some(theirs)) = (mine, theirs)
            && page.provisional.contains_key(mine)
        {
            renames.insert(mine.clone(), theirs.clone());
            // A list response's item type is named after the response.
            renames.insert(format!("{mine}Item"), format!("{theirs}Item"));
        }
    }
    renames
}

fn rename_types(model: &mut PageModel, renames: &BTreeMap<String, String>) {
    let rename = |name: &mut String| {
        if let Some(new) = renames.get(name.as_str()) {
            *name = new.clone();
        }
    };
    for slot in [&mut model.operation, &mut model.request_base, &mut model.request_item, &mut model.response]
        .into_iter()
        .flatten()
    {
        rename(slot);
    }
    for t in &mut model.types {
        rename(&mut t.name);
        if let Some(base) = &mut t.base {
            rename_in_type(base, renames);
        }
        for f in &mut t.fields {
            if let Some(ty) = &mut f.ty
                && rename_in_type(ty, renames)
            {
                f.type_text = ty.to_string();
            }
        }
    }
    model.provisional.retain(|name, _| !renames.contains_key(name));
}

fn rename_in_type(ty: &mut TypeRef, renames: &BTreeMap<String, String>) -> bool {
    match ty {
        TypeRef::Primitive { .. } => false,
        TypeRef::Named { name } => match renames.get(name.as_str()) {
            Some(new) => {
                *name = new.clone();
                true
            }
            None => false,
        },
        TypeRef::Nullable { inner } => rename_in_type(inner, renames),
        TypeRef::List { item } => rename_in_type(item, renames),
        TypeRef::Map { key, value } | TypeRef::Pair { key, value } => {
            rename_in_type(key, renames) | rename_in_type(value, renames)
        }
        TypeRef::Generic { name, args } => {
            let mut changed = false;
            if let Some(new) = renames.get(name.as_str()) {
                *name = new.clone();
                changed = true;
            }
            for a in args {
                changed |= rename_in_type(a, renames);
            }
            changed
        }
    }
}

/// Renderings whose route cells are intact rank above the glued text form.
fn route_rank(r: Rendering) -> u8 {
    match r {
        Rendering::Html => 3,
        Rendering::Tables => 2,
        Rendering::Text => 1,
        Rendering::SamplesOnly | Rendering::Empty => 0,
    }
}

pub(super) fn build_operation(
    group: &OpGroup,
    facts: &[PageFacts],
    models: &[PageModel],
    diags: &mut Diagnostics,
) -> Operation {
    let mut pages: Vec<usize> = group.pages.clone();
    pages.sort_by_key(|&p| std::cmp::Reverse(route_rank(facts[p].rendering)));
    let mut routes: Vec<Route> = Vec::new();
    for &p in &pages {
        for r in &facts[p].routes {
            if !routes.iter().any(|x| x.verbs == r.verbs && x.path == r.path) {
                routes.push(Route {
                    verbs: r.verbs.clone(),
                    path: r.path.clone(),
                    summary: r.summary.clone(),
                    notes: r.notes.clone(),
                });
            }
        }
    }
    let mut responses: Vec<(&str, &PageModel)> = Vec::new();
    for &p in &group.pages {
        if let Some(r) = &models[p].response
            && !models[p].provisional.contains_key(r)
            && !responses.iter().any(|(n, _)| n == r)
        {
            responses.push((r, &models[p]));
        }
    }
    if let [(first, a), (second, b), ..] = responses.as_slice() {
        diags.warn(
            &b.file,
            0,
            format!(
                "`{}` answers with `{first}` in {} but with `{second}` here; `{first}` is used",
                group.name, a.file
            ),
        );
    }
    let response = responses
        .first()
        .map(|(n, _)| n.to_string())
        .or_else(|| group.pages.iter().find_map(|&p| models[p].response.clone()));
    let union = |pick: &dyn Fn(&PageFacts) -> &Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &p in &group.pages {
            for v in pick(&facts[p]) {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
        }
        out
    };
    let roles = union(&|f| &f.roles);
    let permissions = union(&|f| &f.permissions);
    let any_roles = union(&|f| &f.any_roles);
    let any_permissions = union(&|f| &f.any_permissions);
    let tags = union(&|f| &f.tags);
    let mut sources: Vec<String> = group.pages.iter().map(|&p| facts[p].file.clone()).collect();
    sources.sort();
    Operation {
        name: group.name.clone(),
        request: group.name.clone(),
        response,
        routes,
        requires_auth: group.pages.iter().any(|&p| facts[p].requires_auth),
        roles,
        permissions,
        any_roles,
        any_permissions,
        description: group.pages.iter().find_map(|&p| facts[p].description.clone()),
        tags,
        sources,
    }
}
