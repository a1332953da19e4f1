//! The merge step: many pages' facts in, one [`Api`] out. It owns every cross-page decision:
//! which pages describe one operation, names the renderings lost, conflicts between sources
//! (tables outrank DTO code, which outranks samples), shared types, and prose rules.

pub mod builtins;
mod casing;
mod page_model;
mod rules;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::facts::{PageFacts, Rendering};
use crate::schema::{Api, EnumMember, Field, Operation, Route, TypeDef, TypeKind};
use crate::settings::Settings;
use crate::type_grammar::{Prim, TypeRef};

use page_model::{PageField, PageModel, PageType, Source, model_page};

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
    let mut models: Vec<PageModel> = facts.iter().map(|f| model_page(f, &mut diags)).collect();
    let groups = group_operations(&facts, &mut models, &mut diags);

    let mut api = Api { service: facts.iter().find_map(|f| f.service.clone()), ..Api::default() };
    for group in &groups {
        api.operations.push(build_operation(group, &facts, &models, &mut diags));
    }
    let mut by_name: BTreeMap<String, Vec<PageType>> = BTreeMap::new();
    for model in &models {
        for t in &model.types {
            by_name.entry(t.name.clone()).or_default().push(t.clone());
        }
    }
    for (name, mut sources) in by_name {
        // Best source first; among copies of one rank, the fullest (a copy cut short by a
        // truncated page or missing a row its rendering lost merges into it).
        sources.sort_by_key(|s| (std::cmp::Reverse(s.source), std::cmp::Reverse(s.fields.len() + s.members.len())));
        recover_lost_names(&mut sources, &mut diags);
        api.types.push(build_type(&name, &sources, &mut diags));
    }
    break_inheritance_cycles(&mut api.types, &mut diags);
    casing::apply(&mut api.types, &mut diags);
    rules::apply(&mut api.types, settings, &mut diags);
    let camel = casing::camel_case(&api.types);
    builtins::add_used(&mut api, camel);
    casing::add_aliases(&mut api.types);
    check_references(&api, &mut diags);

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
        .flat_map(|f| f.tables.iter().filter_map(|t| t.caption.clone()).chain(f.code.iter().map(|c| c.name.clone())))
        .filter(|n| Prim::from_name(n).is_some())
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

struct OpGroup {
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

fn group_operations(facts: &[PageFacts], models: &mut [PageModel], diags: &mut Diagnostics) -> Vec<OpGroup> {
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

fn build_operation(group: &OpGroup, facts: &[PageFacts], models: &[PageModel], diags: &mut Diagnostics) -> Operation {
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
        description: group.pages.iter().find_map(|&p| facts[p].description.clone()),
        tags,
        sources,
    }
}

fn place(t: &PageType, line: usize) -> String {
    format!("{}:{}", t.file, line)
}

fn describe_source(t: &PageType) -> &'static str {
    match t.source {
        Source::Table => "the table",
        Source::Code => "the DTO code",
        Source::Sample => "the sample",
    }
}

/// Fills name cells the rendering lost from the type's other sources, best source first.
fn recover_lost_names(sources: &mut [PageType], diags: &mut Diagnostics) {
    for i in 0..sources.len() {
        if sources[i].source != Source::Table || sources[i].fields.iter().all(|f| f.name.is_some()) {
            continue;
        }
        let mut donors: Vec<usize> = (0..sources.len()).filter(|&j| j != i).collect();
        donors.sort_by_key(|&j| (sources[j].file != sources[i].file, std::cmp::Reverse(sources[j].source)));
        let recovered = donors.iter().find_map(|&j| {
            let target = &sources[i];
            let donor = &sources[j];
            let have: BTreeSet<String> =
                target.fields.iter().filter_map(|f| f.name.as_deref()).map(str::to_ascii_lowercase).collect();
            let missing: Vec<String> = donor
                .fields
                .iter()
                .filter_map(|f| f.name.clone())
                .filter(|n| !have.contains(&n.to_ascii_lowercase()))
                .collect();
            let lost = target.fields.iter().filter(|f| f.name.is_none()).count();
            (missing.len() == lost).then_some((missing, j))
        });
        let target_name = sources[i].name.clone();
        match recovered {
            Some((names, j)) => {
                let from = format!("{} at {}", describe_source(&sources[j]), place(&sources[j], sources[j].line));
                let mut names = names.into_iter();
                let file = sources[i].file.clone();
                for f in sources[i].fields.iter_mut().filter(|f| f.name.is_none()) {
                    let Some(name) = names.next() else { break };
                    diags.warn(
                        &file,
                        f.line,
                        format!("the name cell of this `{target_name}` row was lost by the rendering; recovered `{name}` from {from}"),
                    );
                    f.name = Some(name);
                }
            }
            None => {
                let file = sources[i].file.clone();
                for f in sources[i].fields.iter().filter(|f| f.name.is_none()) {
                    diags.error(
                        &file,
                        f.line,
                        format!("the name cell of this `{target_name}` row was lost and no other source names it; read this page with its HTML, text or DTO code rendering"),
                    );
                }
                sources[i].fields.retain(|f| f.name.is_some());
            }
        }
    }
}

fn build_type(name: &str, sources: &[PageType], diags: &mut Diagnostics) -> TypeDef {
    let primary = &sources[0];
    let is_enum = sources.iter().any(|s| s.is_enum);
    let mut type_sources: Vec<String> =
        sources.iter().filter(|s| s.source != Source::Sample).map(|s| place(s, s.line)).collect();
    if type_sources.is_empty() {
        type_sources = sources.iter().map(|s| place(s, s.line)).collect();
    }
    type_sources.dedup();

    for other in sources.iter().skip(1).filter(|s| s.source == Source::Table && primary.source == Source::Table) {
        let a: Vec<&str> = primary.fields.iter().filter_map(|f| f.name.as_deref()).collect();
        let b: Vec<&str> = other.fields.iter().filter_map(|f| f.name.as_deref()).collect();
        let lower = |names: &[&str]| names.iter().map(|n| n.to_ascii_lowercase()).collect::<BTreeSet<_>>();
        let (fa, fb) = (lower(&a), lower(&b));
        let ma: BTreeSet<&str> = primary.members.iter().map(|m| m.name.as_str()).collect();
        let mb: BTreeSet<&str> = other.members.iter().map(|m| m.name.as_str()).collect();
        let same = fa == fb && ma == mb;
        if !same && fb.is_subset(&fa) && mb.is_subset(&ma) {
            let lacking: Vec<String> = a
                .iter()
                .filter(|n| !fb.contains(&n.to_ascii_lowercase()))
                .map(|n| n.to_string())
                .chain(ma.difference(&mb).map(|m| m.to_string()))
                .collect();
            diags.warn(
                &other.file,
                other.line,
                format!(
                    "this copy of `{name}` lacks {} that the copy at {} has ({}): a page cut short, a row its rendering lost, or another version of the API; the fuller copy is used",
                    if lacking.len() == 1 { "one entry" } else { "entries" },
                    place(primary, primary.line),
                    lacking.join(", ")
                ),
            );
        } else if !same {
            diags.error(
                &other.file,
                other.line,
                format!(
                    "two different types are both called `{name}`: the table at {} has [{}], this one has [{}]; read the pages of one API version only, or rename one",
                    place(primary, primary.line),
                    a.join(", "),
                    b.join(", ")
                ),
            );
            continue;
        }
        let same_name = |x: &PageField, y: &PageField| match (&x.name, &y.name) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        };
        for y in &other.fields {
            let Some(x) = primary.fields.iter().find(|x| same_name(x, y)) else { continue };
            let fname = x.name.as_deref().unwrap_or_default();
            if x.required != y.required || x.ty != y.ty {
                diags.warn(
                    &other.file,
                    y.line,
                    format!(
                        "`{name}.{fname}` is `{}` ({}) in the table at {} but `{}` ({}) here; the first is used",
                        x.type_text,
                        if x.required == Some(true) { "required" } else { "optional" },
                        place(primary, x.line),
                        y.type_text,
                        if y.required == Some(true) { "required" } else { "optional" },
                    ),
                );
            }
        }
    }

    let base_source = sources.iter().find(|s| s.base.is_some());
    let base_type = base_source.and_then(|s| s.base.clone());
    if let (Some(bs), Some(base)) = (base_source, &base_type) {
        for other in sources.iter().filter(|s| s.base.as_ref().is_some_and(|b| b != base)) {
            diags.warn(
                &other.file,
                other.line,
                format!(
                    "`{name}` derives from `{}` here but from `{base}` at {}; `{base}` is used",
                    other.base.as_ref().map(ToString::to_string).unwrap_or_default(),
                    place(bs, bs.line)
                ),
            );
        }
    }

    let mut fields: Vec<Field> = Vec::new();
    let best = sources.iter().find(|s| !s.fields.is_empty()).unwrap_or(primary);
    if best.source == Source::Sample && !is_enum && !best.fields.is_empty() {
        diags.warn(
            &best.file,
            best.line,
            format!("`{name}` has no table or DTO code on any page; its fields and types are inferred from the sample and may be too loose"),
        );
    }
    let index = index_fields(sources);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &best.fields {
        let Some(fname) = f.name.clone() else { continue };
        if let Some(&first_line) = seen.get(fname.as_str()) {
            diags.warn(
                &best.file,
                f.line,
                format!(
                    "`{name}` lists the field `{fname}` twice (lines {first_line} and {}); the second was dropped",
                    f.line
                ),
            );
            continue;
        }
        seen.insert(f.name.as_deref().unwrap_or_default(), f.line);
        let mut field = merge_field(name, &fname, f, best, &index, diags);
        if let Some(spelled) = sample_spelling(&index, &fname) {
            field.name = spelled;
            field.name_proven = true;
        }
        fields.push(field);
    }
    let mut have: BTreeSet<String> = fields.iter().map(|x| x.name.clone()).collect();
    for s in sources.iter().filter(|s| s.source == Source::Code && best.source == Source::Table) {
        for f in &s.fields {
            let Some(fname) = &f.name else { continue };
            if have.insert(fname.clone()) {
                diags.warn(
                    &s.file,
                    f.line,
                    format!(
                        "`{name}.{fname}` is in the DTO code but not in the table at {}; it is kept",
                        place(best, best.line)
                    ),
                );
                fields.push(merge_field(name, fname, f, s, &index, diags));
            }
        }
    }

    let mut members: Vec<EnumMember> = Vec::new();
    if let Some(source) = sources.iter().find(|s| !s.members.is_empty()) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &source.members {
            if let Some(first) = seen.get(m.name.as_str()) {
                diags.warn(
                    &source.file,
                    m.line,
                    format!(
                        "`{name}` lists the value `{}` twice (lines {first} and {}); the second was dropped",
                        m.name, m.line
                    ),
                );
                continue;
            }
            seen.insert(&m.name, m.line);
            members.push(EnumMember {
                name: m.name.clone(),
                value: m.value.clone(),
                description: m.description.clone(),
            });
        }
    }
    TypeDef {
        name: name.to_string(),
        kind: if is_enum { TypeKind::Enum } else { TypeKind::Class },
        base: base_type.as_ref().map(ToString::to_string),
        base_type,
        fields,
        members,
        sources: type_sources,
    }
}

/// Each source's fields by lower-cased wire name, so a type of many fields merges in linear time.
type FieldIndex<'a> = Vec<(&'a PageType, BTreeMap<String, &'a PageField>)>;

fn index_fields(sources: &[PageType]) -> FieldIndex<'_> {
    sources
        .iter()
        .map(|s| {
            let mut by_name = BTreeMap::new();
            for g in &s.fields {
                if let Some(n) = &g.name {
                    by_name.entry(n.to_ascii_lowercase()).or_insert(g);
                }
            }
            (s, by_name)
        })
        .collect()
}

fn merge_field(
    tname: &str,
    fname: &str,
    f: &PageField,
    owner: &PageType,
    index: &FieldIndex<'_>,
    diags: &mut Diagnostics,
) -> Field {
    let key = fname.to_ascii_lowercase();
    let others: Vec<(&PageType, &PageField)> = index
        .iter()
        .filter(|(s, _)| !std::ptr::eq(*s, owner))
        .filter_map(|(s, by_name)| by_name.get(&key).map(|g| (*s, *g)))
        .collect();
    for (s, g) in &others {
        if s.source == Source::Sample || s.source == owner.source {
            continue;
        }
        if let (Some(a), Some(b)) = (&f.ty, &g.ty)
            && !a.loosely_matches(b)
        {
            diags.warn(
                &s.file,
                g.line,
                format!(
                    "`{tname}.{fname}` is `{}` in {} at {} but `{b}` in {} here; `{}` is used",
                    f.type_text,
                    describe_source(owner),
                    place(owner, f.line),
                    describe_source(s),
                    f.type_text
                ),
            );
        }
        if let (Some(a), Some(b)) = (f.required, g.required)
            && a != b
        {
            let word = |r: bool| if r { "required" } else { "optional" };
            diags.warn(
                &s.file,
                g.line,
                format!(
                    "`{tname}.{fname}` is {} in {} at {} but {} in {} here; {} is used",
                    word(a),
                    describe_source(owner),
                    place(owner, f.line),
                    word(b),
                    describe_source(s),
                    word(a)
                ),
            );
        }
    }
    let pick = |get: &dyn Fn(&PageField) -> Option<String>| get(f).or_else(|| others.iter().find_map(|(_, g)| get(g)));
    let ty = f.ty.clone().unwrap_or(TypeRef::prim(Prim::Object));
    Field {
        name: fname.to_string(),
        type_name: if f.type_text.is_empty() { ty.to_string() } else { f.type_text.clone() },
        ty,
        required: f.required.or_else(|| others.iter().find_map(|(_, g)| g.required)).unwrap_or(false),
        param: pick(&|g| g.param.clone()),
        description: pick(&|g| g.description.clone()),
        rules: Vec::new(),
        examples: Vec::new(),
        source: place(owner, f.line),
        name_proven: false,
        aliases: Vec::new(),
        inferred: owner.source == Source::Sample,
    }
}

/// A type that derives from itself, directly or through others, is an error; its base is dropped
/// so the rest can still be generated.
fn break_inheritance_cycles(types: &mut [TypeDef], diags: &mut Diagnostics) {
    let bases: BTreeMap<String, String> = types
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.base_type.as_ref()?.user_types().first()?.to_string())))
        .collect();
    for t in types.iter_mut() {
        let mut chain = vec![t.name.clone()];
        let mut cur = bases.get(&t.name);
        while let Some(base) = cur {
            if chain.contains(base) {
                if base == &t.name {
                    chain.push(base.clone());
                    let (file, line) = split_place(t.sources.first().map_or("", String::as_str));
                    diags.error(
                        file,
                        line,
                        format!("`{}` derives from itself ({}); its base was dropped", t.name, chain.join(" → ")),
                    );
                    t.base = None;
                    t.base_type = None;
                }
                break;
            }
            chain.push(base.clone());
            cur = bases.get(base);
        }
    }
}

/// The server's spelling of a field's wire name, where a sample spells it differently from the
/// table (tables show C# names, `Names`; a camelCase server writes `names`).
/// The name a sample writes the field under: the same spelling if one does, else the first.
fn sample_spelling(index: &FieldIndex<'_>, name: &str) -> Option<String> {
    let key = name.to_ascii_lowercase();
    let mut spellings = index
        .iter()
        .filter(|(s, _)| s.source == Source::Sample)
        .filter_map(|(_, by_name)| by_name.get(&key)?.name.as_deref());
    let first = spellings.next()?;
    if first == name || spellings.any(|n| n == name) { Some(name.to_string()) } else { Some(first.to_string()) }
}

fn check_references(api: &Api, diags: &mut Diagnostics) {
    let defined: BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    // A generic type is defined per argument list (`QueryResponse<Item>`); its bare name is known.
    let generic: BTreeSet<&str> =
        api.types.iter().filter_map(|t| t.name.split_once('<').map(|(bare, _)| bare)).collect();
    let known = |n: &str| defined.contains(n) || generic.contains(n) || BUILT_IN_TYPES.contains(&n);
    for t in &api.types {
        let (file, line) = split_place(t.sources.first().map_or("", String::as_str));
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
            let (file, line) = split_place(&f.source);
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

/// `file:line` → (`file`, line).
pub(super) fn split_place(place: &str) -> (&str, usize) {
    match place.rsplit_once(':') {
        Some((file, line)) => (file, line.parse().unwrap_or(0)),
        None => (place, 0),
    }
}
