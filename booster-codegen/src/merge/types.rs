//! One type from all its sources: lost names recovered, copies compared, fields merged by rank
//! (tables, then DTO code, then samples), each disagreement said naming both places.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostics;
use crate::schema::{EnumMember, Field, Location, TypeDef, TypeKind};
use crate::type_grammar::{Prim, TypeRef};

use super::page_model::{PageField, PageType, Source};
use super::{NoCase, first_place};

pub(super) fn place(t: &PageType, line: usize) -> Location {
    Location::new(t.file.clone(), line)
}

fn describe_source(t: &PageType) -> &'static str {
    match t.source {
        Source::Table => "the table",
        Source::Code => "the DTO code",
        Source::Sample => "the sample",
    }
}

/// Fills name cells the rendering lost from the type's other sources, best source first.
pub(super) fn recover_lost_names(sources: &mut [PageType], diags: &mut Diagnostics) {
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

/// A field only a sample shows, and where the sample and the type's best source are.
pub(super) struct SampleOnly {
    pub field: Field,
    pub sample: Location,
    pub table: Location,
    pub described_by: &'static str,
}

/// Adds to each type the fields only its samples show (minus those a base holds: a derived
/// type's sample carries its base's fields), each type's said once.
pub(super) fn add_sample_only_fields(
    types: &mut [TypeDef],
    mut extras: BTreeMap<String, Vec<SampleOnly>>,
    diags: &mut Diagnostics,
) {
    // The first type of each name, as a scan would find it.
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in types.iter().enumerate() {
        by_name.entry(t.name.clone()).or_insert(i);
    }
    let base_fields = |types: &[TypeDef], start: Option<&str>| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut next = start.map(str::to_string);
        while let Some(name) = next.take().filter(|n| seen.insert(n.clone())) {
            if let Some(t) = by_name.get(&name).map(|&i| &types[i]) {
                out.extend(t.fields.iter().map(|f| f.name.to_ascii_lowercase()));
                next = t.base.clone();
            }
        }
        out
    };
    for i in 0..types.len() {
        let Some(found) = extras.remove(&types[i].name) else { continue };
        let inherited = base_fields(types, types[i].base.as_deref());
        let kept: Vec<SampleOnly> =
            found.into_iter().filter(|x| !inherited.contains(&x.field.name.to_ascii_lowercase())).collect();
        let said: Vec<String> = kept
            .iter()
            .filter(|x| !x.field.name.eq_ignore_ascii_case("responseStatus"))
            .map(|x| format!("`{}`", x.field.name))
            .collect();
        if let (Some(first), false) = (kept.first(), said.is_empty()) {
            diags.warn(
                &first.sample.file,
                first.sample.line,
                format!(
                    "the sample shows {} of `{}` that {} at {} does not list; kept, with types inferred from the sample",
                    said.join(", "),
                    types[i].name,
                    first.described_by,
                    first.table
                ),
            );
        }
        // Tables usually hide ServiceStack's own `ResponseStatus`; the sample shows it (unsaid).
        types[i].fields.extend(kept.into_iter().map(|x| x.field));
    }
}

/// Enum copies one of which glued its members to their descriptions (`InternalPwC DE`, split
/// as `InternalPwC`) while another page shows clean cells (`Internal` | `PwC DE`): where each
/// glued member's name and description are the clean member's text split elsewhere, the clean
/// copy settles the glued one (said). `None` when no copy needs settling.
fn settle_glued_enum_copies(name: &str, sources: &[PageType], diags: &mut Diagnostics) -> Option<Vec<PageType>> {
    // The same text split elsewhere: `InternalPwC` + `DE` is `Internal` + `PwC DE`.
    let text = |m: &crate::facts::EnumMemberFact| {
        format!("{}{}", m.name, m.description.as_deref().unwrap_or("")).replace(' ', "")
    };
    let glued_into =
        |x: &crate::facts::EnumMemberFact, y: &crate::facts::EnumMemberFact| x.glued && !y.glued && text(x) == text(y);
    let enums: Vec<usize> =
        (0..sources.len()).filter(|&i| sources[i].is_enum && !sources[i].members.is_empty()).collect();
    let mut settled: Option<Vec<PageType>> = None;
    for &a in &enums {
        for &b in enums.iter().filter(|&&b| b != a) {
            let (ma, mb) = (&sources[a].members, &sources[b].members);
            let differs = ma.iter().zip(mb).any(|(x, y)| x.name != y.name);
            if ma.len() != mb.len() || !differs || !ma.iter().zip(mb).all(|(x, y)| x.name == y.name || glued_into(x, y))
            {
                continue;
            }
            let fixed: Vec<String> = ma
                .iter()
                .zip(mb)
                .filter(|(x, y)| x.name != y.name)
                .map(|(x, y)| format!("`{}` is `{}`", x.name, y.name))
                .collect();
            diags.warn(
                &sources[a].file,
                sources[a].line,
                format!(
                    "this copy of the enum `{name}` glues members to their descriptions; the copy at {} shows them in cells of their own and settles them: {}",
                    place(&sources[b], sources[b].line),
                    fixed.join(", ")
                ),
            );
            let copies = settled.get_or_insert_with(|| sources.to_vec());
            copies[a].members = mb.clone();
            break;
        }
    }
    settled
}

pub(super) fn build_type(name: &str, sources: &[PageType], diags: &mut Diagnostics) -> (TypeDef, Vec<SampleOnly>) {
    let settled = settle_glued_enum_copies(name, sources, diags);
    let sources = settled.as_deref().unwrap_or(sources);
    let primary = &sources[0];
    let is_enum = sources.iter().any(|s| s.is_enum);
    let mut type_sources: Vec<Location> =
        sources.iter().filter(|s| s.source != Source::Sample).map(|s| place(s, s.line)).collect();
    if type_sources.is_empty() {
        type_sources = sources.iter().map(|s| place(s, s.line)).collect();
    }
    type_sources.dedup();
    let index = index_fields(sources);

    for other in sources.iter().skip(1).filter(|s| s.source == Source::Table && primary.source == Source::Table) {
        let a: Vec<&str> = primary.fields.iter().filter_map(|f| f.name.as_deref()).collect();
        let b: Vec<&str> = other.fields.iter().filter_map(|f| f.name.as_deref()).collect();
        let fa: BTreeSet<NoCase<'_>> = a.iter().map(|n| NoCase(n)).collect();
        let fb: BTreeSet<NoCase<'_>> = b.iter().map(|n| NoCase(n)).collect();
        let ma: BTreeSet<&str> = primary.members.iter().map(|m| m.name.as_str()).collect();
        let mb: BTreeSet<&str> = other.members.iter().map(|m| m.name.as_str()).collect();
        let same = fa == fb && ma == mb;
        if !same && fb.is_subset(&fa) && mb.is_subset(&ma) {
            let lacking: Vec<String> = a
                .iter()
                .filter(|n| !fb.contains(&NoCase(n)))
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
            // What differs, fields and members alike: only the first copy's, then only this one's.
            let only = |xs: &[&str], ys: &BTreeSet<NoCase<'_>>| -> Vec<String> {
                xs.iter().filter(|n| !ys.contains(&NoCase(n))).map(|n| format!("`{n}`")).collect()
            };
            let (ma_names, mb_names): (Vec<&str>, Vec<&str>) = (
                primary.members.iter().map(|m| m.name.as_str()).collect(),
                other.members.iter().map(|m| m.name.as_str()).collect(),
            );
            let (mna, mnb): (BTreeSet<NoCase<'_>>, BTreeSet<NoCase<'_>>) =
                (ma_names.iter().map(|n| NoCase(n)).collect(), mb_names.iter().map(|n| NoCase(n)).collect());
            let first_only = [only(&a, &fb), only(&ma_names, &mnb)].concat();
            let this_only = [only(&b, &fa), only(&mb_names, &mna)].concat();
            let list = |xs: &[String]| if xs.is_empty() { "nothing".to_string() } else { xs.join(", ") };
            diags.error(
                &other.file,
                other.line,
                format!(
                    "two different types are both called `{name}`: only the copy at {} has {}, only this one has {}; read the pages of one API version only, or rename one",
                    place(primary, primary.line),
                    list(&first_only),
                    list(&this_only)
                ),
            );
            continue;
        }
        // The primary's first field of the same name ignoring case, from the index.
        let primary_fields = &index[0].1;
        for y in &other.fields {
            let Some(x) = y.name.as_deref().and_then(|n| primary_fields.get(&NoCase(n))) else {
                continue;
            };
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

    let best = sources.iter().find(|s| !s.fields.is_empty()).unwrap_or(primary);
    if best.source == Source::Sample && !is_enum && !best.fields.is_empty() {
        diags.warn(
            &best.file,
            best.line,
            format!("`{name}` has no table or DTO code on any page; its fields and types are inferred from the sample and may be too loose"),
        );
    }
    let mut fields: Vec<Field> = Vec::with_capacity(best.fields.len());
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    // The names given so far (each a source's spelling), so that a sample's spelling is given once,
    // and never to a field when another field is called that (F12: `stringmap` took the sample's
    // `stringMap`, and the field `stringMap` kept its name).
    let mut given: BTreeSet<&str> = BTreeSet::new();
    let own_names: BTreeSet<&str> = best.fields.iter().filter_map(|f| f.name.as_deref()).collect();
    for f in &best.fields {
        let Some(fname) = f.name.as_deref() else { continue };
        if let Some(&first_line) = seen.get(fname) {
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
        seen.insert(fname, f.line);
        let mut field = merge_field(name, fname, f, best, &index, diags);
        let mut given_name = fname;
        let free = |s: &&str| !given.contains(s) && (*s == fname || !own_names.contains(s));
        if let Some(spelled) = sample_spelling(&index, fname).filter(free) {
            if spelled != fname {
                // The page's own spelling is read too: a server of the other casing writes it.
                field.aliases.push(fname.to_string());
            }
            field.name = spelled.to_string();
            field.name_proven = true;
            given_name = spelled;
        }
        given.insert(given_name);
        fields.push(field);
    }
    let mut have = given;
    for s in sources.iter().filter(|s| s.source == Source::Code && best.source == Source::Table) {
        for f in &s.fields {
            let Some(fname) = &f.name else { continue };
            if have.insert(fname) {
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
    // Fields only a sample shows: the table (or code) lost them, or the server sends more than
    // it documents. Kept aside: once every type is built, those a base does not hold are added.
    let mut sample_only = Vec::new();
    if best.source != Source::Sample {
        let mut have_lower: BTreeSet<NoCase<'_>> = have.iter().map(|n| NoCase(n)).collect();
        for s in sources.iter().filter(|s| s.source == Source::Sample) {
            for f in &s.fields {
                let Some(fname) = &f.name else { continue };
                if have_lower.insert(NoCase(fname)) {
                    sample_only.push(SampleOnly {
                        field: merge_field(name, fname, f, s, &index, diags),
                        sample: place(s, s.line),
                        table: place(best, best.line),
                        described_by: describe_source(best),
                    });
                }
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
        // Other copies of the enum: a value that disagrees is said; a description one lacks is
        // taken from another.
        let position: BTreeMap<String, usize> = members.iter().enumerate().map(|(i, m)| (m.name.clone(), i)).collect();
        for other in sources.iter().filter(|o| !std::ptr::eq(*o, source)) {
            for m2 in &other.members {
                let Some(m) = position.get(&m2.name).map(|&i| &mut members[i]) else { continue };
                if let (Some(a), Some(b)) = (&m.value, &m2.value)
                    && a != b
                {
                    diags.warn(
                        &other.file,
                        m2.line,
                        format!(
                            "`{name}.{}` has the value {b} here but {a} at {}; {a} is used",
                            m.name,
                            place(source, source.line)
                        ),
                    );
                }
                if m.description.is_none() {
                    m.description.clone_from(&m2.description);
                }
            }
        }
    }
    let def = TypeDef {
        name: name.to_string(),
        kind: if is_enum { TypeKind::Enum } else { TypeKind::Class },
        base: base_type.as_ref().map(ToString::to_string),
        base_type,
        fields,
        members,
        sources: type_sources,
    };
    (def, sample_only)
}

/// Each source's fields by wire name ignoring case (the first of a name), so a type of many
/// fields merges in linear time.
type FieldIndex<'a> = Vec<(&'a PageType, BTreeMap<NoCase<'a>, &'a PageField>)>;

fn index_fields(sources: &[PageType]) -> FieldIndex<'_> {
    sources
        .iter()
        .map(|s| {
            let mut by_name = BTreeMap::new();
            for g in &s.fields {
                if let Some(n) = &g.name {
                    by_name.entry(NoCase(n)).or_insert(g);
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
    let key = NoCase(fname);
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
    // A source that cannot say the type (TypeScript's `number`, Python's `float`) takes it from
    // the next source that can; with none, the field is an untyped JSON value, said.
    let (ty, type_text) = match (&f.ty, others.iter().find(|(_, g)| g.ty.is_some())) {
        (Some(ty), _) => (ty.clone(), f.type_text.clone()),
        (None, Some((_, g))) => (g.ty.clone().unwrap_or(TypeRef::prim(Prim::Object)), g.type_text.clone()),
        (None, None) => {
            // A table's Data Type that does not parse was said by the reader already.
            if owner.source == Source::Code {
                diags.warn(
                    &owner.file,
                    f.line,
                    format!(
                        "`{tname}.{fname}`: the DTO code does not state a precise type (such as TypeScript's `number`) and no table or sample shows one; it is read as an untyped JSON value"
                    ),
                );
            }
            (TypeRef::prim(Prim::Object), String::new())
        }
    };
    Field {
        name: fname.to_string(),
        type_name: if type_text.is_empty() { ty.to_string() } else { type_text },
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
pub(super) fn break_inheritance_cycles(types: &mut [TypeDef], diags: &mut Diagnostics) {
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
                    let (file, line) = first_place(&t.sources);
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
fn sample_spelling<'a>(index: &FieldIndex<'a>, name: &'a str) -> Option<&'a str> {
    let key = NoCase(name);
    let mut spellings = index
        .iter()
        .filter(|(s, _)| s.source == Source::Sample)
        .filter_map(|(_, by_name)| by_name.get(&key)?.name.as_deref());
    let first = spellings.next()?;
    if first == name || spellings.any(|n| n == name) { Some(name) } else { Some(first) }
}
