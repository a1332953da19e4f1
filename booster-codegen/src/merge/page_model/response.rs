//! The response a page states, in order of trust, and the table-less request's base.

use std::collections::BTreeSet;

use crate::facts::{CodeReturn, SampleObject, SampleValue, TableKind};
use crate::type_grammar::TypeRef;

use super::{PageType, Source, Walk};

impl<'a> Walk<'a, '_> {
    pub(super) fn visit_response(
        &mut self,
        op: &str,
        response: Option<&'a SampleValue>,
        request: Option<&'a SampleValue>,
    ) {
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
        // A list (or map) of types, as `IReturn<List<T>>` or a list sample names it: the response
        // is that type expression, and its item types are visited with the sample's items.
        if let Ok(ty) = TypeRef::parse(&name)
            && !matches!(ty, TypeRef::Named { .. } | TypeRef::Generic { .. })
        {
            self.model.response = Some(ty.to_string());
            for user in ty.user_types() {
                let user = user.to_string();
                self.visit(&user, sample, false);
            }
            return;
        }
        self.model.response = Some(name.clone());
        if let Some(item) = name.strip_prefix("QueryResponse<").and_then(|r| r.strip_suffix('>'))
            && self.peek().is_none()
        {
            // ServiceStack's `QueryResponse<T>` shown by its sample only: the type is known, its
            // item is read from the sample's `results`.
            let results = sample.and_then(|s| s.get_ignore_case("results"));
            let item_sample = match results {
                Some(SampleValue::Object(o)) if o.entries.len() == 1 => o.entries[0].1.element_object(),
                Some(v) => v.element_object(),
                None => None,
            };
            let item = item.to_string();
            self.visited.insert(name.clone());
            self.visit(&item, item_sample, false);
            return;
        }
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
        // A response sample that is an array shows items: the type that matches is the item's.
        let is_list = matches!(
            self.facts.response_sample.as_ref().and_then(|s| s.body.as_ref()).map(|b| &b.value),
            Some(SampleValue::Array(_))
        );
        let named = |name: String| StatedResponse::Named(if is_list { format!("List<{name}>") } else { name });
        if let Some(c) = matched_code {
            return Some(named(c.name.clone()));
        }
        // A second table captioned with the request's own name is its response: ServiceStack
        // repeats a type only when the response is the request type.
        let matched_caption = self.tables().iter().enumerate().find_map(|(i, t)| {
            let caption = t.caption.as_deref().filter(|c| self.assigned[i].is_none() && (unvisited(c) || *c == op))?;
            let names: Vec<String> = t.rows.iter().filter_map(|r| r.name.clone()).collect();
            (t.kind == TableKind::Params && matches_sample(&names)).then(|| caption.to_string())
        });
        if let Some(c) = matched_caption {
            return Some(named(c));
        }
        let root = self.response_root();
        if let Some(root) = root.filter(|r| !r.is_empty() && !is_generic_contract_name(r)) {
            return Some(StatedResponse::Named(root.to_string()));
        }
        if let Some(name) = self.query_response_contract(sample) {
            return Some(StatedResponse::Named(name));
        }
        // `ArrayOfUserInfo`: DataContract's name for a list of `UserInfo`.
        let array_of = root
            .and_then(|r| r.strip_prefix("ArrayOf"))
            .filter(|item| {
                TypeRef::parse(item).is_ok_and(|t| matches!(t, TypeRef::Named { .. } | TypeRef::Primitive { .. }))
            })
            .map(|item| format!("List<{item}>"));
        if let Some(list) = array_of {
            return Some(StatedResponse::Named(list));
        }
        if let Some(declared) = self.declared_return(op) {
            return Some(declared);
        }
        // ServiceStack's convention for a request without `IReturn<T>`: `{Request}Response`.
        let conventional = format!("{op}Response");
        if self.code_type(&conventional).is_some() || self.captions.contains_key(conventional.as_str()) {
            if !sample_keys.is_empty() {
                let message = format!(
                    "the response sample matches no type on this page; `{op}`'s response is taken to be `{conventional}` by ServiceStack's naming convention"
                );
                let line = self.facts.response_sample.as_ref().map_or(0, |s| s.line);
                self.diags.warn(&self.facts.file, line, message);
            }
            return Some(StatedResponse::Named(conventional));
        }
        if let Some(declared) = self.sole_declarer(op) {
            return Some(declared);
        }
        if let Some(i) = self.peek()
            && let Some(caption) = self.tables()[i].caption.clone()
        {
            let line = self.tables()[i].line;
            let message = format!(
                "nothing but the table order names `{op}`'s response (no `IReturn<T>`, no `{conventional}`, no sample to match): the table `{caption}` after the request's types is taken to be it"
            );
            self.diags.warn(&self.facts.file, line, message);
            return Some(StatedResponse::Named(caption));
        }
        self.query_response_by_shape(op)
    }

    /// What the request's code declares it returns: `IReturn<T>` on the request or on a base
    /// up its chain, a generic base's type parameter replaced by the argument the request gives
    /// it (`StoreAudit : PostOperation<StoreAuditResponse>`, `PostOperation<T> : IReturn<T>`);
    /// a generic base the page does not define (or that declares nothing) whose one argument is
    /// a type on the page; and, for a request the page does not define, the one type on the page
    /// that declares a response (said: it is taken to be the request's base).
    fn declared_return(&mut self, op: &str) -> Option<StatedResponse> {
        let defined = |w: &Self, n: &str| w.code_type(n).is_some() || w.captions.contains_key(n);
        let mut current = self.code_type(op);
        let mut args: Vec<TypeRef> = Vec::new();
        let mut seen = BTreeSet::new();
        while let Some(code) = current.filter(|c| seen.insert(c.name.as_str())) {
            match &code.returns {
                Some(CodeReturn::Void) => return Some(StatedResponse::Void { line: code.line }),
                Some(CodeReturn::Type(ty)) => {
                    // Only a type parameter (`T`, `TResponse`) is replaced; a real type the page
                    // does not define (`IdResponse`) stays.
                    let substituted = match ty {
                        TypeRef::Named { name }
                            if is_type_parameter(name) && !defined(self, name) && args.len() == 1 =>
                        {
                            args[0].clone()
                        }
                        _ => ty.clone(),
                    };
                    return Some(StatedResponse::Named(substituted.to_string()));
                }
                None => {}
            }
            match &code.base {
                Some(TypeRef::Generic { name, args: given }) => {
                    args = given.clone();
                    current = self.code_type(name);
                    if current.is_none_or(|c| c.returns.is_none() && c.base.is_none())
                        && let [arg] = given.as_slice()
                        && arg.user_types().iter().all(|u| defined(self, u))
                        && !arg.user_types().is_empty()
                    {
                        let message = format!(
                            "`{}`'s base `{name}` is generic and its code declares no response here; its type argument `{arg}` is taken to be the response",
                            code.name
                        );
                        self.diags.warn(&self.facts.file, code.line, message);
                        return Some(StatedResponse::Named(arg.to_string()));
                    }
                }
                Some(TypeRef::Named { name }) => {
                    args.clear();
                    current = self.code_type(name);
                }
                _ => current = None,
            }
        }
        None
    }

    /// For a request the page does not define at all (no code, no caption), the one type on the
    /// page that declares a response: taken to be the request's base, and said.
    fn sole_declarer(&mut self, op: &str) -> Option<StatedResponse> {
        let defined = |w: &Self, n: &str| w.code_type(n).is_some() || w.captions.contains_key(n);
        if defined(self, op) {
            return None;
        }
        let mut declaring = self.facts.code.iter().filter_map(|c| match &c.returns {
            Some(CodeReturn::Type(t)) if t.user_types().iter().all(|u| defined(self, u) || !is_type_parameter(u)) => {
                Some((c, t))
            }
            _ => None,
        });
        let (Some((code, ty)), None) = (declaring.next(), declaring.next()) else { return None };
        let message = format!(
            "`{op}` is not defined on this page; `{}` declares the response `{ty}` and is taken to be its base",
            code.name
        );
        self.diags.warn(&self.facts.file, code.line, message);
        if !self.model.types.iter().any(|t| t.name == op) {
            self.model.request_base = Some(code.name.clone());
            self.model.types.push(PageType {
                name: op.to_string(),
                source: Source::Code,
                is_enum: false,
                base: Some(TypeRef::named(code.name.clone())),
                fields: Vec::new(),
                members: Vec::new(),
                file: self.facts.file.clone(),
                line: code.line,
            });
        }
        Some(StatedResponse::Named(ty.to_string()))
    }

    /// `QueryResponseOfCustomerWm8hmGZz`, DataContract's name for `QueryResponse<Customer>` (a
    /// hash follows the argument): `T` is the type the page names that the rest starts with —
    /// a code class, a caption, or the element inside the sample's `Results`.
    fn query_response_contract(&mut self, sample: Option<&SampleObject>) -> Option<String> {
        let root = self.response_root()?;
        let rest = root.strip_prefix("QueryResponseOf")?;
        let results = sample.and_then(|s| s.get_ignore_case("results"));
        let in_results: Vec<String> = match results {
            Some(SampleValue::Object(o)) => o.keys().map(str::to_string).chain(o.type_name.clone()).collect(),
            Some(SampleValue::Array(items)) => {
                items.iter().filter_map(SampleValue::as_object).filter_map(|o| o.type_name.clone()).collect()
            }
            _ => Vec::new(),
        };
        let names = self
            .facts
            .code
            .iter()
            .map(|c| c.name.clone())
            .chain(self.tables().iter().filter_map(|t| t.caption.clone()))
            .chain(in_results);
        let item = names
            .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()) && rest.starts_with(n.as_str()))
            .max_by_key(String::len)?;
        let name = format!("QueryResponse<{item}>");
        let line = self.facts.response_sample.as_ref().map_or(0, |s| s.line);
        self.diags.warn(
            &self.facts.file,
            line,
            format!("the XML sample's root `{root}` is read as `{name}` (DataContract's name for it, with a hash after the type argument)"),
        );
        Some(name)
    }

    /// The XML response sample's root element, without its namespace prefix.
    fn response_root(&self) -> Option<&'a str> {
        let root = self.facts.response_sample.as_ref()?.body.as_ref()?.root_name.as_deref()?;
        root.rsplit(':').next()
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
}

/// A generic type parameter by .NET's naming convention: `T`, or `T` and a capitalised word
/// (`TResponse`, `TResult`).
fn is_type_parameter(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next() == Some('T') && chars.next().is_none_or(|c| c.is_ascii_uppercase())
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
