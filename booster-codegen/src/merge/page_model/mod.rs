//! One page's facts turned into named types: captions the rendering lost are worked out from
//! ServiceStack's table order (the request; its base and the types it uses, depth first; then the
//! response), checked against the samples.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::diag::Diagnostics;
use crate::facts::{CodeReturn, EnumMemberFact, PageFacts, RowFact, SampleObject, SampleValue, TableFact, TableKind};
use crate::type_grammar::{Prim, TypeRef};

mod response;
mod samples;

use samples::{SampleKeys, fits_sample, sample_for};

/// Where a fact came from; higher outranks lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Sample,
    Code,
    Table,
}

#[derive(Debug, Clone)]
pub struct PageField {
    pub name: Option<String>,
    pub ty: Option<TypeRef>,
    /// The spelling to show: the table's cell, or the canonical spelling for other sources.
    pub type_text: String,
    pub required: Option<bool>,
    pub param: Option<String>,
    pub description: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct PageType {
    pub name: String,
    pub source: Source,
    pub is_enum: bool,
    pub base: Option<TypeRef>,
    pub fields: Vec<PageField>,
    pub members: Vec<EnumMemberFact>,
    pub file: String,
    pub line: usize,
}

/// A page's operation, with the names it could not read marked provisional.
#[derive(Debug, Clone)]
pub struct PageModel {
    pub file: String,
    pub operation: Option<String>,
    pub request_base: Option<String>,
    /// The item type of a request that is a list.
    pub request_item: Option<String>,
    pub response: Option<String>,
    /// Names this page made up (operation, base, response) because the rendering lost them,
    /// with the line and the warning to give if no other page supplies the real name.
    pub provisional: BTreeMap<String, (usize, String)>,
    pub types: Vec<PageType>,
}

/// Models one page. Its tables' rows and members move into the types they describe: nothing
/// reads a page's tables after this.
pub fn model_page(facts: &mut PageFacts, diags: &mut Diagnostics) -> PageModel {
    let (mut model, taken) = walk_page(facts, diags);
    move_rows(&mut model, &mut facts.tables, &taken);
    model
}

/// Fills the types the walk took tables for with those tables' rows and members, moved out of
/// the tables (copied for all but the last type, were a table ever taken twice).
fn move_rows(model: &mut PageModel, tables: &mut [TableFact], taken: &[(usize, usize)]) {
    let mut last_use = vec![usize::MAX; tables.len()];
    for (n, &(_, table)) in taken.iter().enumerate() {
        last_use[table] = n;
    }
    for (n, &(ty, i)) in taken.iter().enumerate() {
        let table = &mut tables[i];
        let (rows, members) = if last_use[i] == n {
            (std::mem::take(&mut table.rows), std::mem::take(&mut table.members))
        } else {
            (table.rows.clone(), table.members.clone())
        };
        let ty = &mut model.types[ty];
        ty.fields = rows.into_iter().map(field_of_row).collect();
        ty.members = members;
    }
}

fn field_of_row(r: RowFact) -> PageField {
    PageField {
        name: r.name,
        ty: r.parsed_type,
        type_text: r.data_type,
        required: Some(r.required),
        param: Some(r.param),
        description: r.description,
        line: r.line,
    }
}

/// The page's types in ServiceStack's table order; each table-described type is listed with
/// its table (type index, table index) and left without fields for [`move_rows`] to fill.
fn walk_page(facts: &PageFacts, diags: &mut Diagnostics) -> (PageModel, Vec<(usize, usize)>) {
    let file = facts.file.as_str();
    let mut model = PageModel {
        file: file.to_string(),
        operation: None,
        request_base: None,
        request_item: None,
        response: None,
        provisional: BTreeMap::new(),
        types: Vec::new(),
    };
    let request_obj = facts.request_sample.as_ref().and_then(|s| s.body.as_ref()).map(|b| &b.value);
    let response_obj = facts.response_sample.as_ref().and_then(|s| s.body.as_ref()).map(|b| &b.value);

    model.operation = facts
        .operation
        .as_ref()
        .map(|o| o.value.clone())
        .or_else(|| facts.request_sample.as_ref().and_then(|s| s.body.as_ref()).and_then(|b| b.root_name.clone()))
        .or_else(|| facts.request_sample.as_ref().and_then(|s| s.path.as_deref()).and_then(reply_path_name));
    if model.operation.is_none() {
        // A file named after an operation the code defines names the request outright.
        model.operation = name_in_file_name(&facts.file)
            .filter(|n| facts.code.iter().any(|c| &c.name == n))
            .or_else(|| request_in_code(facts).filter(|_| name_in_file_name(&facts.file).is_none()));
    }
    let has_content = !facts.tables.is_empty() || !facts.code.is_empty() || facts.request_sample.is_some();
    if model.operation.is_none()
        && has_content
        && let Some((name, after)) = provisional_operation_name(facts)
    {
        let line = facts.routes.first().map(|r| r.line).or(facts.request_sample.as_ref().map(|s| s.line)).unwrap_or(0);
        let message = format!(
            "the operation's name is not on this page; it is called `{name}` after its {after} (read this page together with one that names it, such as its HTML or DTO code rendering)"
        );
        model.provisional.insert(name.clone(), (line, message));
        model.operation = Some(name);
    }

    for code in &facts.code {
        model.types.push(PageType {
            name: code.name.clone(),
            source: Source::Code,
            is_enum: code.is_enum,
            base: code.base.clone(),
            fields: code
                .fields
                .iter()
                .map(|f| PageField {
                    name: Some(f.name.clone()),
                    type_text: f.ty.as_ref().map(ToString::to_string).unwrap_or_default(),
                    ty: f.ty.clone(),
                    required: f.required,
                    param: None,
                    description: f.description.clone(),
                    line: f.line,
                })
                .collect(),
            members: code.members.clone(),
            file: file.to_string(),
            line: code.line,
        });
    }

    let Some(op) = model.operation.clone() else {
        if has_content {
            let line =
                facts.tables.first().map(|t| t.line).or(facts.request_sample.as_ref().map(|s| s.line)).unwrap_or(0);
            diags.error(
                file,
                line,
                format!(
                    "nothing on this page says which operation it is (no heading, sample request, request in DTO code, route or file name holding a type name), so its {} table(s) and samples were not read; save the page under the operation's name (`GetCustomer.txt`) or read it together with a rendering that names it",
                    facts.tables.len()
                ),
            );
        }
        return (model, Vec::new());
    };
    let mut walk = Walk {
        facts,
        diags,
        model: &mut model,
        next: 0,
        assigned: vec![None; facts.tables.len()],
        visited: BTreeSet::new(),
        samples: BTreeMap::new(),
        captions: BTreeMap::new(),
        code: BTreeMap::new(),
        in_response: false,
        from_response: BTreeSet::new(),
        taken: Vec::new(),
    };
    for (i, t) in facts.tables.iter().enumerate() {
        if let Some(c) = &t.caption {
            walk.captions.entry(c.as_str()).or_insert(i);
        }
    }
    for c in &facts.code {
        walk.code.entry(c.name.as_str()).or_insert(c);
    }
    match request_obj {
        Some(SampleValue::Array(_)) => walk.visit_list_request(&op, request_obj.and_then(SampleValue::element_object)),
        Some(SampleValue::Object(o)) if o.entries.is_empty() => {
            // `{}`: the request has no properties, so no table describes it.
            walk.visited.insert(op.clone());
            if facts.code.iter().all(|c| c.name != op) {
                let line = facts.request_sample.as_ref().map_or(0, |s| s.line);
                walk.model.types.push(PageType {
                    name: op.clone(),
                    source: Source::Sample,
                    is_enum: false,
                    base: None,
                    fields: Vec::new(),
                    members: Vec::new(),
                    file: facts.file.clone(),
                    line,
                });
            }
        }
        _ => walk.visit(&op, request_obj.and_then(SampleValue::element_object), true),
    }
    walk.visit_response(&op, response_obj, request_obj);
    walk.finish();
    let taken = std::mem::take(&mut walk.taken);
    (model, taken)
}

/// The request type of a code tab: the one type that declares a response (`IReturn<T>`,
/// `IReturnVoid`), else the one type no other type uses that is not a response.
fn request_in_code(facts: &PageFacts) -> Option<String> {
    // A generic base (`PostOperation<TResponse> : IReturn<TResponse>`) declares a response for
    // the types deriving from it; it is not itself the request.
    let bases: BTreeSet<&str> = facts.code.iter().filter_map(|c| base_name(c.base.as_ref()?)).collect();
    let mut declaring = facts.code.iter().filter(|c| c.returns.is_some() && !bases.contains(c.name.as_str()));
    if let (Some(request), None) = (declaring.next(), declaring.next()) {
        return Some(request.name.clone());
    }
    let used: BTreeSet<&str> = facts
        .code
        .iter()
        .flat_map(|c| c.fields.iter().filter_map(|f| f.ty.as_ref()).chain(c.base.as_ref()))
        .flat_map(TypeRef::user_types)
        .collect();
    let mut roots =
        facts.code.iter().filter(|c| !c.is_enum && !c.name.ends_with("Response") && !used.contains(c.name.as_str()));
    let first = roots.next()?;
    roots.next().is_none().then(|| first.name.clone())
}

/// The name of the class a base type expression names (`PostOperation<X>` → `PostOperation`).
pub(super) fn base_name(base: &TypeRef) -> Option<&str> {
    match base {
        TypeRef::Named { name } | TypeRef::Generic { name, .. } => Some(name),
        _ => None,
    }
}

/// `/json/reply/OrderHeaders` → `OrderHeaders` (old servers' and predefined routes).
fn reply_path_name(path: &str) -> Option<String> {
    let mut parts = path.trim_matches('/').split('/');
    let (_, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
    (matches!(kind, "reply" | "oneway") && parts.next().is_none()).then(|| name.to_string())
}

/// A name for an operation whose page lost it, and what it was named after: the file's name
/// where it holds a type-like name (`fetch` names files after operations: `GetCustomer.html`,
/// `api_R_SendEmail_json.txt` → `R_SendEmail`), else the route's one segment where it reads
/// like a type name (`/GetDefinitionKeys`), else a short summary (`Create customer`), else the
/// path's words (`/testdata/AllTypes` → `TestdataAllTypes`).
fn provisional_operation_name(facts: &PageFacts) -> Option<(String, &'static str)> {
    if let Some(name) = name_in_file_name(&facts.file) {
        return Some((name, "file's name"));
    }
    let path = facts
        .routes
        .first()
        .map(|r| r.path.as_str())
        .or_else(|| facts.request_sample.as_ref().and_then(|s| s.path.as_deref()))?;
    let words: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{')).collect();
    let last =
        words.last().filter(|w| words.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) && is_rust_safe(w));
    let summary = facts
        .routes
        .iter()
        .find_map(|r| r.summary.as_deref())
        .filter(|s| s.split_whitespace().count() <= 4)
        .map(|s| s.to_upper_camel_case())
        .filter(|s| is_rust_safe(s));
    let (name, after) = match (last, summary) {
        (Some(w), _) => (w.to_string(), "route"),
        (None, Some(s)) => (s, "route's summary"),
        (None, None) => (words.join(" ").to_upper_camel_case(), "route"),
    };
    (!name.is_empty()).then_some((name, after))
}

/// The operation a file's name holds: the first run of `_`-separated parts of its stem (up to
/// the first `.`) that start with a capital letter and are letters and digits only
/// (`pwc_RegisterCustomerAsync_jsv` → `RegisterCustomerAsync`, `x_R_Summary_csv` → `R_Summary`).
/// Names of other shapes (`000_cf3abc.txt`, `create-customer.html`) give none.
pub(crate) fn name_in_file_name(file: &str) -> Option<String> {
    let base = file.rsplit(['/', '\\']).next()?;
    let stem = base.split('.').next()?;
    let parts: Vec<&str> = stem.split('_').collect();
    let typed =
        |p: &str| p.starts_with(|c: char| c.is_ascii_uppercase()) && p.chars().all(|c| c.is_ascii_alphanumeric());
    let start = parts.iter().position(|p| typed(p))?;
    let run: Vec<&str> = parts[start..].iter().take_while(|p| typed(p)).copied().collect();
    Some(run.join("_"))
}

fn is_rust_safe(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_alphabetic) && name.chars().all(char::is_alphanumeric)
}

struct Walk<'a, 'b> {
    facts: &'a PageFacts,
    diags: &'b mut Diagnostics,
    model: &'b mut PageModel,
    next: usize,
    /// The type name each table was taken to describe.
    assigned: Vec<Option<String>>,
    visited: BTreeSet<String>,
    /// The sample object each visited type was matched with.
    samples: BTreeMap<String, &'a SampleObject>,
    /// The first table with each caption.
    captions: BTreeMap<&'a str, usize>,
    /// The first code type of each name.
    code: BTreeMap<&'a str, &'a crate::facts::CodeType>,
    /// Visiting the response's types (their samples are the response's).
    in_response: bool,
    from_response: BTreeSet<String>,
    /// (index in `model.types`, table index) of each type read from a table: its fields are
    /// still the table's rows until the walk ends.
    taken: Vec<(usize, usize)>,
}

impl<'a> Walk<'a, '_> {
    fn tables(&self) -> &'a [TableFact] {
        &self.facts.tables
    }

    fn code_type(&self, name: &str) -> Option<&'a crate::facts::CodeType> {
        self.code.get(name).copied()
    }

    /// The next table not yet taken, skipping captioned tables (they are placed by caption).
    fn peek(&mut self) -> Option<usize> {
        while self.next < self.tables().len() && self.assigned[self.next].is_some() {
            self.next += 1;
        }
        (self.next < self.tables().len()).then_some(self.next)
    }

    fn take_table(&mut self, name: &str, sample: Option<&SampleObject>, want_enum: Option<bool>) -> Option<usize> {
        if let Some(&i) = self.captions.get(name) {
            self.assigned[i] = Some(name.to_string());
            return Some(i);
        }
        let i = self.peek()?;
        let table = &self.tables()[i];
        if table.caption.is_some() {
            return None;
        }
        if want_enum.is_some_and(|e| e != (table.kind == TableKind::Enum)) {
            return None;
        }
        if table.kind == TableKind::Params && !fits_sample(table, sample) {
            return None;
        }
        self.assigned[i] = Some(name.to_string());
        self.next = i + 1;
        Some(i)
    }

    /// Visits `name` and, depth first, its base and the types its fields use, taking tables in
    /// ServiceStack's order. An explicit stack, so a chain of any length cannot overflow.
    fn visit(&mut self, name: &str, sample: Option<&'a SampleObject>, is_request: bool) {
        let mut stack = vec![(name.to_string(), sample, is_request)];
        while let Some((name, sample, is_request)) = stack.pop() {
            let children = self.visit_one(&name, sample, is_request);
            stack.extend(children.into_iter().rev());
        }
    }

    /// Takes `name`'s table; returns what to visit next, in order: its base, then the types
    /// its fields use.
    fn visit_one(
        &mut self,
        name: &str,
        sample: Option<&'a SampleObject>,
        is_request: bool,
    ) -> Vec<(String, Option<&'a SampleObject>, bool)> {
        let mut next = Vec::new();
        // A CLR type's name is a primitive unless the page defines a class of that name.
        let primitive =
            Prim::from_name(name).is_some() && !self.captions.contains_key(name) && self.code_type(name).is_none();
        if !self.visited.insert(name.to_string()) || primitive {
            return next;
        }
        let captioned = self.captions.contains_key(name);
        if crate::merge::BUILT_IN_TYPES.contains(&name) && !captioned && self.code_type(name).is_none() {
            return next;
        }
        if let Some(s) = sample {
            self.samples.insert(name.to_string(), s);
        }
        if self.in_response {
            self.from_response.insert(name.to_string());
        }
        let code = self.code_type(name);
        let table = self.take_table(name, sample, code.map(|c| c.is_enum));
        let own_rows: Vec<(&str, &TypeRef)> = match (table, code) {
            (Some(i), _) => self.tables()[i]
                .rows
                .iter()
                .filter_map(|r| Some((r.name.as_deref().unwrap_or_default(), r.parsed_type.as_ref()?)))
                .collect(),
            (None, Some(c)) => c.fields.iter().filter_map(|f| Some((f.name.as_str(), f.ty.as_ref()?))).collect(),
            (None, None) => Vec::new(),
        };

        let base = match code.and_then(|c| c.base.clone()) {
            Some(b) => Some(b),
            None if table.is_none() && is_request => self.base_of_tableless_request(name, sample),
            None => table.and_then(|i| self.base_by_order(name, i, sample, is_request)),
        };
        if let Some(base) = &base {
            if is_request {
                self.model.request_base = Some(base.to_string());
            }
            next.extend(base.user_types().into_iter().map(|u| (u.to_string(), sample, false)));
        }
        if let Some(i) = table {
            self.push_table(i, name, base.clone());
        } else if is_request && code.is_none() && base.is_some() {
            // No properties of its own: the type is its base's fields, as the page's table order says.
            let line = self.facts.operation.as_ref().map_or(0, |o| o.line);
            self.model.types.push(PageType {
                name: name.to_string(),
                source: Source::Table,
                is_enum: false,
                base: base.clone(),
                fields: Vec::new(),
                members: Vec::new(),
                file: self.facts.file.clone(),
                line,
            });
        }
        let keys = sample.map(SampleKeys::new);
        for (field, ty) in own_rows {
            let value = keys.as_ref().and_then(|k| k.get(field));
            let nested = value.and_then(|v| sample_for(v, ty));
            next.extend(ty.user_types().into_iter().map(|u| (u.to_string(), nested, false)));
        }
        next
    }

    /// Whether the next uncaptioned table is `name`'s base: its rows are `form` members that
    /// the request's sample has at top level, or that repeat the request's own rows.
    fn base_by_order(
        &mut self,
        name: &str,
        own: usize,
        sample: Option<&SampleObject>,
        is_request: bool,
    ) -> Option<TypeRef> {
        if !is_request {
            return None;
        }
        let i = self.peek()?;
        let (own_table, next) = (&self.tables()[own], &self.tables()[i]);
        if next.kind != TableKind::Params || next.rows.is_empty() || !next.rows.iter().all(|r| r.param == "form") {
            return None;
        }
        if own_table.rows.iter().all(|r| r.param == "form") {
            return None;
        }
        let names: Vec<&str> = next.rows.iter().filter_map(|r| r.name.as_deref()).collect();
        let own_names: BTreeSet<&str> = own_table.rows.iter().filter_map(|r| r.name.as_deref()).collect();
        let in_sample = sample.is_some_and(|s| SampleKeys::new(s).has_all(&names));
        let repeats_own = !names.is_empty() && names.iter().all(|n| own_names.contains(n));
        // AutoQuery's `QueryBase` is only ever a request's base (`QueryDb<T> : QueryBase`).
        let query_base = next.caption.as_deref() == Some("QueryBase");
        if !(in_sample || repeats_own || query_base) {
            return None;
        }
        let base_name = match &next.caption {
            Some(c) => c.clone(),
            None => {
                let made = format!("{name}Base");
                let why = if in_sample {
                    "the request sample carries its fields at top level"
                } else {
                    "it repeats the request's fields"
                };
                let message = format!(
                    "the table at this line has no caption; it is taken to be the base type of `{name}` (its rows are `form` and {why}) and called `{made}`"
                );
                self.model.provisional.insert(made.clone(), (next.line, message));
                made
            }
        };
        Some(TypeRef::named(base_name))
    }

    /// A request with no properties of its own has no table: the first table then is its base
    /// (ServiceStack lists bases right after the request) or the response. It is the base when
    /// the request sample carries its fields, or when the response sample shows other fields.
    fn base_of_tableless_request(&mut self, name: &str, sample: Option<&SampleObject>) -> Option<TypeRef> {
        let i = self.peek()?;
        let table = &self.tables()[i];
        let caption = table.caption.clone().filter(|c| c != name)?;
        if table.kind != TableKind::Params || table.rows.is_empty() {
            return None;
        }
        // Samples leave out interface-, object-, Uri- and Stream-typed members.
        let names: Vec<&str> = table
            .rows
            .iter()
            .filter(|r| !samples::sample_skips(&r.data_type))
            .filter_map(|r| r.name.as_deref())
            .collect();
        let in_request = sample.is_some_and(|s| SampleKeys::new(s).has_all(&names));
        let response =
            self.facts.response_sample.as_ref().and_then(|s| s.body.as_ref()).and_then(|b| b.value.element_object());
        let not_response = response.is_some_and(|r| !r.entries.is_empty() && !fits_sample(table, Some(r)));
        let declared_elsewhere = self.code_type(name).and_then(|c| c.returns.as_ref()).is_some_and(|r| match r {
            CodeReturn::Type(t) => t.to_string() == caption,
            CodeReturn::Void => false,
        });
        if declared_elsewhere || !(in_request || not_response) {
            return None;
        }
        if !in_request {
            let message = format!(
                "`{name}` has no table of its own; the table `{caption}` after it does not match the response sample, so it is taken to be `{name}`'s base type"
            );
            self.diags.warn(&self.facts.file, table.line, message);
        }
        Some(TypeRef::named(caption))
    }

    /// A request that is a list (`StoreRockstars : List<Rockstar>`): its sample is an array.
    fn visit_list_request(&mut self, op: &str, sample: Option<&'a SampleObject>) {
        self.visited.insert(op.to_string());
        let item = match self.code_type(op).and_then(|c| c.base.clone()) {
            Some(TypeRef::List { item }) => *item,
            _ => {
                let made = format!("{op}Item");
                if self.peek().is_some() {
                    let line = self.facts.request_sample.as_ref().map_or(0, |s| s.line);
                    let message = format!(
                        "the request is a list, and the name of its item type is not on this page; it is called `{made}`"
                    );
                    self.model.provisional.insert(made.clone(), (line, message));
                }
                TypeRef::named(made)
            }
        };
        self.model.request_item = item.user_types().first().map(|s| s.to_string());
        if self.code_type(op).is_none() {
            self.model.types.push(PageType {
                name: op.to_string(),
                source: Source::Sample,
                is_enum: false,
                base: Some(TypeRef::list(item.clone())),
                fields: Vec::new(),
                members: Vec::new(),
                file: self.facts.file.clone(),
                line: self.facts.request_sample.as_ref().map_or(0, |s| s.line),
            });
        }
        for user in item.user_types() {
            let user = user.to_string();
            self.visit(&user, sample, false);
        }
    }

    /// Lists `name` as described by table `i`; its fields and members are the table's rows and
    /// members, moved in once the walk ends.
    fn push_table(&mut self, i: usize, name: &str, base: Option<TypeRef>) {
        let table = &self.tables()[i];
        let file = self.facts.file.clone();
        self.taken.push((self.model.types.len(), i));
        self.model.types.push(PageType {
            name: name.to_string(),
            source: Source::Table,
            is_enum: table.kind == TableKind::Enum,
            base,
            fields: Vec::new(),
            members: Vec::new(),
            file,
            line: table.line,
        });
    }

    fn finish(&mut self) {
        for (i, table) in self.tables().iter().enumerate() {
            if self.assigned[i].is_some() {
                continue;
            }
            match &table.caption {
                Some(caption) => {
                    let caption = caption.clone();
                    self.push_table(i, &caption, None);
                }
                None => self.diags.warn(
                    &self.facts.file,
                    table.line,
                    "the table at this line has no caption and matches no type the operation uses; it was skipped",
                ),
            }
        }
        self.add_sample_types();
    }
}
