//! One page's facts turned into named types: captions the rendering lost are worked out from
//! ServiceStack's table order (the request; its base and the types it uses, depth first; then the
//! response), checked against the samples.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::diag::Diagnostics;
use crate::facts::{CodeReturn, EnumMemberFact, PageFacts, SampleObject, SampleValue, TableFact, TableKind};
use crate::type_grammar::{Prim, TypeRef};

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

pub fn model_page(facts: &PageFacts, diags: &mut Diagnostics) -> PageModel {
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
        model.operation = request_in_code(facts);
    }
    let has_content = !facts.tables.is_empty() || !facts.code.is_empty() || facts.request_sample.is_some();
    if model.operation.is_none()
        && has_content
        && let Some(name) = provisional_operation_name(facts)
    {
        let line = facts.routes.first().map(|r| r.line).or(facts.request_sample.as_ref().map(|s| s.line)).unwrap_or(0);
        let message = format!(
            "the operation's name is not on this page; it is called `{name}` after its route (read this page together with one that names it, such as its HTML or DTO code rendering)"
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

    let Some(op) = model.operation.clone() else { return model };
    let mut walk = Walk {
        facts,
        diags,
        model: &mut model,
        next: 0,
        assigned: vec![None; facts.tables.len()],
        visited: BTreeSet::new(),
        samples: BTreeMap::new(),
        captions: BTreeMap::new(),
        in_response: false,
        from_response: BTreeSet::new(),
    };
    for (i, t) in facts.tables.iter().enumerate() {
        if let Some(c) = &t.caption {
            walk.captions.entry(c.as_str()).or_insert(i);
        }
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
    model
}

/// The request type of a code tab: the one type no other type uses that is not a response.
fn request_in_code(facts: &PageFacts) -> Option<String> {
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

/// `/json/reply/OrderHeaders` → `OrderHeaders` (old servers' and predefined routes).
fn reply_path_name(path: &str) -> Option<String> {
    let mut parts = path.trim_matches('/').split('/');
    let (_, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
    (matches!(kind, "reply" | "oneway") && parts.next().is_none()).then(|| name.to_string())
}

/// A name for an operation whose page lost it: the route's one segment where it reads like a
/// type name (`/GetDefinitionKeys`), else a short summary (`Create customer`), else the path's
/// words (`/testdata/AllTypes` → `TestdataAllTypes`).
fn provisional_operation_name(facts: &PageFacts) -> Option<String> {
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
    last.map(|w| w.to_string())
        .or(summary)
        .or_else(|| Some(words.join(" ").to_upper_camel_case()))
        .filter(|s| !s.is_empty())
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
    /// Visiting the response's types (their samples are the response's).
    in_response: bool,
    from_response: BTreeSet<String>,
}

impl<'a> Walk<'a, '_> {
    fn tables(&self) -> &'a [TableFact] {
        &self.facts.tables
    }

    fn code_type(&self, name: &str) -> Option<&'a crate::facts::CodeType> {
        self.facts.code.iter().find(|c| c.name == name)
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
        if !self.visited.insert(name.to_string()) || Prim::from_name(name).is_some() {
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
        let own_rows: Vec<(String, TypeRef)> = match (table, code) {
            (Some(i), _) => self.tables()[i]
                .rows
                .iter()
                .filter_map(|r| Some((r.name.clone().unwrap_or_default(), r.parsed_type.clone()?)))
                .collect(),
            (None, Some(c)) => c.fields.iter().filter_map(|f| Some((f.name.clone(), f.ty.clone()?))).collect(),
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
        for (field, ty) in own_rows {
            let value = sample.and_then(|s| s.get_ignore_case(&field));
            let nested = value.and_then(|v| sample_for(v, &ty));
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
        let own_names: Vec<&str> = own_table.rows.iter().filter_map(|r| r.name.as_deref()).collect();
        let in_sample =
            sample.is_some_and(|s| !s.entries.is_empty() && names.iter().all(|n| s.get_ignore_case(n).is_some()));
        let repeats_own = !names.is_empty() && names.iter().all(|n| own_names.contains(n));
        if !(in_sample || repeats_own) {
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
        let names: Vec<&str> = table.rows.iter().filter_map(|r| r.name.as_deref()).collect();
        let in_request =
            sample.is_some_and(|s| !s.entries.is_empty() && names.iter().all(|n| s.get_ignore_case(n).is_some()));
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

    fn visit_response(&mut self, op: &str, response: Option<&'a SampleValue>, request: Option<&'a SampleValue>) {
        self.in_response = true;
        let sample = response.and_then(SampleValue::element_object);
        let keys = |o: &SampleObject| o.keys().map(str::to_ascii_lowercase).collect::<BTreeSet<_>>();
        let echoes_request = matches!((sample, request.and_then(SampleValue::as_object)),
            (Some(r), Some(q)) if !q.entries.is_empty() && keys(r) == keys(q));
        let has_table = self.peek().is_some();
        let has_fields = sample.is_some_and(|s| !s.entries.is_empty());
        let response_line = self.facts.response_sample.as_ref().map_or(0, |s| s.line);
        let stated = self.stated_response(op, sample);
        let name = match stated {
            Some(StatedResponse::Void { line }) => {
                if has_fields {
                    self.diags.warn(
                        &self.facts.file,
                        line,
                        format!("the DTO code says `{op}` returns nothing (`IReturnVoid`), but the sample response has a body; the code was followed"),
                    );
                }
                return;
            }
            Some(StatedResponse::Named(name)) => name,
            None => {
                if !has_table && !has_fields {
                    // Nothing names or shows a response: the service returns nothing.
                    return;
                }
                if echoes_request && !self.facts.code.is_empty() {
                    // The response sample is the request's shape and the code has no response
                    // class: the service answers with its request type (as `EchoComplexTypes` does).
                    self.model.response = Some(op.to_string());
                    return;
                }
                let made = format!("{op}Response");
                let line = self.peek().map_or(response_line, |i| self.tables()[i].line);
                let message = format!(
                    "the response type's name is not on this page (no caption, DTO code, `IReturn<T>` or XML sample names it); `{made}` is a made-up name: read this page together with its HTML or a code-tab rendering to get the real one"
                );
                self.model.provisional.insert(made.clone(), (line, message));
                made
            }
        };
        self.model.response = Some(name.clone());
        let code_defined = self.code_type(&name).is_some();
        if let Some(SampleValue::Array(_)) = response.filter(|_| !code_defined && !has_table) {
            // A top-level array: the response is a list of an item type the page does not name.
            let item = format!("{name}Item");
            self.model.types.push(PageType {
                name: name.clone(),
                source: Source::Sample,
                is_enum: false,
                base: Some(TypeRef::list(TypeRef::named(item.clone()))),
                fields: Vec::new(),
                members: Vec::new(),
                file: self.facts.file.clone(),
                line: response_line,
            });
            self.visit(&item, sample, false);
            return;
        }
        self.visit(&name, sample, false);
    }

    /// The response type as the page states it, in order of trust: a code class or captioned
    /// table that matches the response sample; the XML sample's root element; `IReturn<T>` in
    /// the request's code; the next table's caption.
    fn stated_response(&mut self, op: &str, sample: Option<&SampleObject>) -> Option<StatedResponse> {
        let sample_keys: BTreeSet<String> =
            sample.map(|s| s.keys().map(str::to_ascii_lowercase).collect()).unwrap_or_default();
        let matches_sample = |names: &[String]| {
            let names: BTreeSet<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
            !sample_keys.is_empty() && !names.is_empty() && sample_keys.iter().all(|k| names.contains(k))
        };
        let unvisited = |n: &str| !self.visited.contains(n) && n != op;
        let matched_code = self
            .facts
            .code
            .iter()
            .filter(|c| !c.is_enum && unvisited(&c.name))
            .find(|c| matches_sample(&c.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>()));
        if let Some(c) = matched_code {
            return Some(StatedResponse::Named(c.name.clone()));
        }
        let matched_caption = self.tables().iter().enumerate().find_map(|(i, t)| {
            let caption = t.caption.as_deref().filter(|c| self.assigned[i].is_none() && unvisited(c))?;
            let names: Vec<String> = t.rows.iter().filter_map(|r| r.name.clone()).collect();
            (t.kind == TableKind::Params && matches_sample(&names)).then(|| caption.to_string())
        });
        if let Some(c) = matched_caption {
            return Some(StatedResponse::Named(c));
        }
        let xml_root = self
            .facts
            .response_sample
            .as_ref()
            .and_then(|s| s.body.as_ref())
            .and_then(|b| b.root_name.as_deref())
            .map(|r| r.rsplit(':').next().unwrap_or(r))
            .filter(|r| !r.is_empty() && !is_generic_contract_name(r))
            .map(str::to_string);
        if let Some(root) = xml_root {
            return Some(StatedResponse::Named(root));
        }
        let declared = self.code_type(op).and_then(|c| c.returns.as_ref().map(|r| (r, c.line)));
        match declared {
            Some((CodeReturn::Void, line)) => return Some(StatedResponse::Void { line }),
            Some((CodeReturn::Type(ty), _)) => return Some(StatedResponse::Named(ty.to_string())),
            None => {}
        }
        if let Some(caption) = self.peek().and_then(|i| self.tables()[i].caption.clone()) {
            return Some(StatedResponse::Named(caption));
        }
        self.query_response_by_shape(op)
    }

    /// An uncaptioned response table with exactly `QueryResponse<T>`'s fields is ServiceStack's
    /// `QueryResponse<T>`, `T` being its `Results` items (said: the name is recognised, not read).
    fn query_response_by_shape(&mut self, op: &str) -> Option<StatedResponse> {
        let i = self.peek()?;
        let table = &self.tables()[i];
        let names: BTreeSet<String> =
            table.rows.iter().filter_map(|r| r.name.as_deref()).map(str::to_ascii_lowercase).collect();
        if table.kind != TableKind::Params || !crate::merge::builtins::is_query_response_shape(&names) {
            return None;
        }
        let results =
            table.rows.iter().find(|r| r.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case("results")))?;
        let Some(TypeRef::List { item }) = results.parsed_type.as_ref().map(TypeRef::without_nullable) else {
            return None;
        };
        let name = format!("QueryResponse<{item}>");
        let message = format!(
            "no caption, code or sample names `{op}`'s response; its table has exactly the fields of ServiceStack's `QueryResponse<T>`, so it is read as `{name}`"
        );
        self.diags.warn(&self.facts.file, table.line, message);
        Some(StatedResponse::Named(name))
    }

    fn push_table(&mut self, i: usize, name: &str, base: Option<TypeRef>) {
        let table = &self.tables()[i];
        let file = self.facts.file.clone();
        self.model.types.push(PageType {
            name: name.to_string(),
            source: Source::Table,
            is_enum: table.kind == TableKind::Enum,
            base,
            fields: table
                .rows
                .iter()
                .map(|r| PageField {
                    name: r.name.clone(),
                    ty: r.parsed_type.clone(),
                    type_text: r.data_type.clone(),
                    required: Some(r.required),
                    param: Some(r.param.clone()),
                    description: r.description.clone(),
                    line: r.line,
                })
                .collect(),
            members: table.members.clone(),
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

    /// The samples as a low-rank source of each visited type's fields, minus the fields its
    /// base or derived type claims (a derived type's sample carries its base's fields). Objects
    /// nested in the samples of types no table or code describes become inferred types too.
    fn add_sample_types(&mut self) {
        let claimed = |model: &PageModel, name: &str| -> BTreeSet<String> {
            model
                .types
                .iter()
                .filter(|t| t.name == name)
                .flat_map(|t| t.fields.iter().filter_map(|f| f.name.as_deref().map(str::to_ascii_lowercase)))
                .collect()
        };
        let described: BTreeSet<String> = self.model.types.iter().map(|t| t.name.clone()).collect();
        // The types matched with each sample object: a derived type shares its base's.
        let mut sharing: BTreeMap<*const SampleObject, Vec<String>> = BTreeMap::new();
        for (n, o) in &self.samples {
            if described.contains(n) {
                sharing.entry(*o as *const SampleObject).or_default().push(n.clone());
            }
        }
        let mut work: Vec<(String, &SampleObject, bool)> =
            self.samples.iter().map(|(n, o)| (n.clone(), *o, self.from_response.contains(n))).collect();
        work.reverse();
        let mut done = BTreeSet::new();
        let mut inferred = Vec::new();
        while let Some((name, obj, in_response)) = work.pop() {
            if !done.insert(name.clone()) {
                continue;
            }
            if !described.contains(&name) && crate::merge::builtins::is_built_in(&name) {
                // ServiceStack's own type: its definition is known, not inferred from a sample.
                continue;
            }
            let mut others = BTreeSet::new();
            for sharer in sharing.get(&(obj as *const SampleObject)).into_iter().flatten() {
                if *sharer != name {
                    others.extend(claimed(self.model, sharer));
                }
            }
            let mut nested = Vec::new();
            let fields = obj
                .entries
                .iter()
                .filter(|(k, _)| !others.contains(&k.to_ascii_lowercase()))
                .map(|(k, v)| {
                    let ty = infer_type(k, v, &mut nested);
                    PageField {
                        name: Some(k.clone()),
                        type_text: ty.to_string(),
                        ty: Some(ty),
                        required: None,
                        param: None,
                        description: None,
                        line: 0,
                    }
                })
                .collect();
            if !described.contains(&name) {
                work.extend(
                    nested
                        .into_iter()
                        .filter(|(n, _)| {
                            !described.contains(n)
                                && !self.visited.contains(n)
                                && !crate::merge::BUILT_IN_TYPES.contains(&n.as_str())
                                && !crate::merge::builtins::is_built_in(n)
                        })
                        .map(|(n, o)| (n, o, in_response)),
                );
            }
            let sample = if in_response { &self.facts.response_sample } else { &self.facts.request_sample };
            let line = sample.as_ref().map_or(0, |s| s.line);
            inferred.push(PageType {
                name,
                source: Source::Sample,
                is_enum: false,
                base: None,
                fields,
                members: Vec::new(),
                file: self.facts.file.clone(),
                line,
            });
        }
        self.model.types.extend(inferred);
    }
}

/// DataContract names of lists and generic types (`ArrayOfstring`, `QueryResponseOfItemx3Fq2`):
/// they do not spell the type the way the schema does, so other sources name those responses.
fn is_generic_contract_name(name: &str) -> bool {
    name.starts_with("ArrayOf")
        || name.match_indices("Of").any(|(i, _)| i > 0 && name[i + 2..].starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A response as the page states it.
enum StatedResponse {
    Named(String),
    /// `IReturnVoid`: no response body.
    Void {
        line: usize,
    },
}

/// Whether a table can describe the sample object: most of its named fields are keys of it.
/// (Samples leave out Uri-, interface- and object-typed members, so not all need be.)
fn fits_sample(table: &TableFact, sample: Option<&SampleObject>) -> bool {
    let Some(sample) = sample.filter(|s| !s.entries.is_empty()) else { return true };
    let names: Vec<&str> = table.rows.iter().filter_map(|r| r.name.as_deref()).collect();
    if names.is_empty() {
        return true;
    }
    let hits = names.iter().filter(|n| sample.get_ignore_case(n).is_some()).count();
    hits * 2 >= names.len()
}

/// The sample object standing for a user type inside a field's value (list items, map values).
fn sample_for<'s>(value: &'s SampleValue, ty: &TypeRef) -> Option<&'s SampleObject> {
    match ty.without_nullable() {
        TypeRef::Map { .. } => value.as_object()?.entries.first().and_then(|(_, v)| v.element_object()),
        _ => value.element_object(),
    }
}

/// The type a sample value suggests: `"String"`, `0`, `false`, WCF dates, 32 hex digits...
/// Objects are named after their key (singular for list items) or their XML element, and are
/// added to `nested` to be inferred in turn.
fn infer_type<'s>(key: &str, value: &'s SampleValue, nested: &mut Vec<(String, &'s SampleObject)>) -> TypeRef {
    infer_named(key, value, false, nested)
}

fn infer_named<'s>(
    key: &str,
    value: &'s SampleValue,
    item: bool,
    nested: &mut Vec<(String, &'s SampleObject)>,
) -> TypeRef {
    match value {
        SampleValue::Null => TypeRef::prim(Prim::Object),
        SampleValue::Bool(_) => TypeRef::prim(Prim::Bool),
        SampleValue::Number(n) if n.contains(['.', 'e', 'E']) => TypeRef::prim(Prim::Double),
        SampleValue::Number(_) => TypeRef::prim(Prim::Int),
        SampleValue::String(s) => TypeRef::prim(infer_string(s)),
        SampleValue::Array(items) => {
            TypeRef::list(items.first().map_or(TypeRef::prim(Prim::String), |v| infer_named(key, v, true, nested)))
        }
        SampleValue::Object(obj) => {
            if let Some(known) = built_in_by_shape(obj) {
                return TypeRef::named(known);
            }
            if let [(k, v)] = obj.entries.as_slice()
                && (k == "String" || k == "0")
            {
                let key_ty = if k == "0" { Prim::Int } else { Prim::String };
                return TypeRef::map(TypeRef::prim(key_ty), infer_named(key, v, true, nested));
            }
            let name = obj.type_name.clone().unwrap_or_else(|| {
                let name = key.to_upper_camel_case();
                if item { singular(&name) } else { name }
            });
            nested.push((name.clone(), obj));
            TypeRef::named(name)
        }
    }
}

/// ServiceStack's error types, known by their fields wherever a sample shows them (under
/// `responseStatus`, `error`, `errors`...): never re-inferred as ad-hoc `Error` types.
fn built_in_by_shape(obj: &SampleObject) -> Option<&'static str> {
    let keys: BTreeSet<String> = obj.keys().map(str::to_ascii_lowercase).collect();
    let within = |allowed: &[&str]| keys.iter().all(|k| allowed.contains(&k.as_str()));
    if keys.contains("errorcode") && keys.contains("message") {
        if keys.contains("fieldname") && within(&["errorcode", "fieldname", "message", "meta"]) {
            return Some("ResponseError");
        }
        if within(&["errorcode", "message", "stacktrace", "errors", "meta"]) {
            return Some("ResponseStatus");
        }
    }
    None
}

/// `OrderHeaders` → `OrderHeader`, `Categories` → `Category`: list items are named in the singular.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("ss") || name.len() < 3 {
        name.to_string()
    } else {
        name.strip_suffix('s').unwrap_or(name).to_string()
    }
}

fn infer_string(s: &str) -> Prim {
    let is_hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    if s.starts_with("/Date(") || s.starts_with("\\/Date(") {
        Prim::DateTime
    } else if (s.len() == 32 && is_hex(s))
        || (s.len() == 36 && is_hex(&s.replace('-', "")) && s.matches('-').count() == 4)
    {
        Prim::Guid
    } else if s.starts_with("PT")
        || s.starts_with("-PT")
        || (s.starts_with('P') && s.contains('T') && s.len() < 40 && !s.contains(' '))
    {
        Prim::TimeSpan
    } else if s.len() >= 10
        && s.as_bytes().get(4) == Some(&b'-')
        && s.as_bytes().get(7) == Some(&b'-')
        && s[..4].chars().all(|c| c.is_ascii_digit())
    {
        Prim::DateTime
    } else {
        Prim::String
    }
}
