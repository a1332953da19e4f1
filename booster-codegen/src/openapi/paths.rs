//! `paths`: every operation at each of its routes and methods, with unique operation ids, and
//! the pages' samples as each operation's examples.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::operation::{OperationCtx, Site};
use super::schemas::Schemas;
use crate::json::Json;
use crate::samples::{Sample, sample_json};
use crate::schema::{Operation, Route};

/// The standard verbs, in the order OpenAPI lists them in a path item.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/// The verbs whose requests carry the DTO as their body.
pub(super) const BODY_METHODS: [&str; 3] = ["post", "put", "patch"];
/// What `ANY` (ServiceStack's "All Verbs") becomes.
const ANY_METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// A page's verb as OpenAPI methods (`ANY` is every common verb); empty for verbs OpenAPI lacks.
pub(super) fn methods_of(verb: &str) -> Vec<&'static str> {
    let v = verb.trim().to_ascii_lowercase();
    if matches!(v.as_str(), "any" | "all verbs" | "*") {
        return ANY_METHODS.to_vec();
    }
    METHODS.iter().copied().filter(|m| *m == v).collect()
}

/// The route as an OpenAPI path, and its variables once each: a leading `/`; `{name}` and
/// ServiceStack's `{name*}` (the rest of the path) as `{name}`; every other brace (unclosed,
/// unopened, or around what is not a variable name) percent-encoded, so each `{…}` left is a
/// variable, which validators match against the path parameters.
pub(super) fn template(path: &str) -> (String, Vec<String>) {
    let path = path.trim();
    let mut out = String::with_capacity(path.len() + 1);
    if !path.starts_with('/') {
        out.push('/');
    }
    let (mut vars, mut seen) = (Vec::new(), HashSet::new());
    let mut rest = path;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if rest.as_bytes()[at] == b'{' {
            let close = after.find(['{', '}']).filter(|&c| after.as_bytes()[c] == b'}');
            let name = close.map(|c| after[..c].trim_end_matches('*'));
            if let (Some(c), Some(name)) = (close, name.filter(|n| is_variable(n))) {
                out.push('{');
                out.push_str(name);
                out.push('}');
                if seen.insert(name) {
                    vars.push(name.to_string());
                }
                rest = &after[c + 1..];
                continue;
            }
            out.push_str("%7B");
        } else {
            out.push_str("%7D");
        }
        rest = after;
    }
    out.push_str(rest);
    (out, vars)
}

/// A route variable's name: not empty, and none of the characters that end or structure a
/// template expression (`{}`, and `[]!:` which template readers such as Python's take apart).
fn is_variable(name: &str) -> bool {
    !name.is_empty() && !name.contains(['{', '}', '[', ']', '!', ':'])
}

/// A name as one path segment: ASCII characters a segment may not hold (RFC 3986 `pchar`)
/// percent-encoded; other characters kept.
fn path_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("%{:02X}", c as u32));
        }
    }
    out
}

/// An operation's routes, or ServiceStack's predefined one when the pages name none.
fn routes_of(op: &Operation) -> Cow<'_, [Route]> {
    if !op.routes.is_empty() {
        return Cow::Borrowed(&op.routes);
    }
    Cow::Owned(vec![Route {
        verbs: vec!["POST".to_string()],
        path: format!("/json/reply/{}", path_segment(&op.name)),
        summary: None,
        notes: None,
    }])
}

/// Each (route index, method) an operation answers, once, in route and verb order.
fn route_methods(routes: &[Route]) -> Vec<(usize, &'static str)> {
    let mut pairs = Vec::new();
    let mut seen = HashSet::new();
    for (ri, r) in routes.iter().enumerate() {
        for m in r.verbs.iter().flat_map(|v| methods_of(v)) {
            if seen.insert((ri, m)) {
                pairs.push((ri, m));
            }
        }
    }
    pairs
}

struct PathItem {
    path: String,
    ops: Vec<(&'static str, Json)>,
    other_verbs: Vec<String>,
}

/// The path items in the order their paths first appear, and the operation ids given so far.
#[derive(Default)]
struct PathItems {
    items: Vec<PathItem>,
    index: HashMap<String, usize>,
    op_ids: HashSet<String>,
}

impl PathItems {
    /// The index of the item of `path`, added at the end if it is new.
    fn index(&mut self, path: String) -> usize {
        if let Some(&i) = self.index.get(&path) {
            return i;
        }
        self.index.insert(path.clone(), self.items.len());
        self.items.push(PathItem { path, ops: Vec::new(), other_verbs: Vec::new() });
        self.items.len() - 1
    }

    /// An id no operation object has yet: the operation's name (with the method when it has
    /// several), then `_2`, `_3`...
    fn operation_id(&mut self, op: &Operation, method: &str, methods: usize) -> String {
        let base = if methods == 1 { op.name.clone() } else { format!("{}_{method}", op.name) };
        let mut id = base.clone();
        let mut n = 2;
        while !self.op_ids.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }

    fn into_json(self) -> Json {
        let mut paths = Json::obj();
        for p in self.items {
            let mut item = Json::obj();
            for m in METHODS {
                if let Some((_, o)) = p.ops.iter().find(|(pm, _)| *pm == m) {
                    item.set(m, o.clone());
                }
            }
            if !p.other_verbs.is_empty() {
                item.set("x-booster-unmapped-verbs", Json::strs(&p.other_verbs));
            }
            paths.set(&p.path, item);
        }
        paths
    }
}

/// An operation object already at this path and method (another operation's route) names this
/// operation too; returns whether there was one.
fn share(item: &mut PathItem, method: &str, op: &Operation) -> bool {
    let Some((_, existing)) = item.ops.iter_mut().find(|(m, _)| *m == method) else { return false };
    if let Json::Object(o) = existing {
        let name = Json::str(op.name.as_str());
        match o.get_mut("x-booster-shared-with") {
            Some(Json::Array(shared)) => shared.push(name),
            _ => {
                o.insert("x-booster-shared-with".to_string(), Json::Array(vec![name]));
            }
        }
    }
    true
}

/// `paths` for every operation of the schema, with `samples` as examples.
pub(super) fn paths(schemas: &Schemas<'_>, samples: &[Sample]) -> Json {
    let examples = Examples::new(samples);
    let mut items = PathItems::default();
    for op in &schemas.api.operations {
        let routes = routes_of(op);
        let ctx = OperationCtx::new(schemas, op, [examples.of(op, true), examples.of(op, false)]);
        let pairs = route_methods(&routes);
        for (ri, r) in routes.iter().enumerate() {
            let (path, vars) = template(&r.path);
            let at = items.index(path);
            for v in r.verbs.iter().filter(|v| methods_of(v).is_empty()) {
                items.items[at].other_verbs.push(format!("{v} {}", op.name));
            }
            for &(_, method) in pairs.iter().filter(|(i, _)| *i == ri) {
                if share(&mut items.items[at], method, op) {
                    continue;
                }
                let id = items.operation_id(op, method, pairs.len());
                let site = Site { route: r, vars: &vars, predefined: op.routes.is_empty(), method, id: &id };
                let o = ctx.operation(&site);
                items.items[at].ops.push((method, o));
            }
        }
    }
    items.into_json()
}

/// The pages' JSON samples by page file, to find an operation's by its sources.
struct Examples<'a> {
    samples: &'a [Sample],
    by_file: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Examples<'a> {
    fn new(samples: &'a [Sample]) -> Examples<'a> {
        let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in samples.iter().enumerate() {
            by_file.entry(s.file.as_str()).or_default().push(i);
        }
        Examples { samples, by_file }
    }

    /// The sample requests (or responses) of the operation's pages as an `examples` object:
    /// each distinct value once, in the samples' order, with every place it is shown.
    fn of(&self, op: &Operation, request: bool) -> Json {
        let mut indices: Vec<usize> =
            op.sources.iter().filter_map(|f| self.by_file.get(f.as_str())).flatten().copied().collect();
        indices.sort_unstable();
        indices.dedup();
        let mut seen: Vec<(Json, Vec<String>)> = Vec::new();
        let mut index_of: HashMap<String, usize> = HashMap::new();
        for s in indices.into_iter().map(|i| &self.samples[i]).filter(|s| s.request == request) {
            let v = sample_json(&s.value);
            let place = format!("{}:{}", s.file, s.line);
            match index_of.entry(v.to_compact()) {
                Entry::Occupied(i) => seen[*i.get()].1.push(place),
                Entry::Vacant(slot) => {
                    slot.insert(seen.len());
                    seen.push((v, vec![place]));
                }
            }
        }
        let what = if request { "request" } else { "response" };
        let mut out = Json::obj();
        for (i, (v, places)) in seen.into_iter().enumerate() {
            let key = if i == 0 { "sample".to_string() } else { format!("sample{}", i + 1) };
            let example = Json::obj()
                .with("summary", Json::str(format!("The page's sample {what}")))
                .with("value", v)
                .with("x-booster-sources", Json::strs(&places));
            out.set(&key, example);
        }
        out
    }
}
