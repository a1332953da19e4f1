//! What every request type of this crate knows about the operation it calls: its routes, the
//! verb to send it with, the path for a value, and how to read the response.

use serde_json::{Map, Value};

use crate::runtime::DateFormat;

/// One route of an operation: the verbs it answers and its path template (`/customer/{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `GET`, `POST`, ...; `ANY` where the route takes every verb.
    pub verbs: &'static [&'static str],
    /// The path template, with `{Name}` for path parameters.
    pub path: &'static str,
}

/// Implemented by every request type.
pub trait Operation: serde::Serialize {
    /// The response type; `()` where the service returns nothing.
    type Response;
    /// The operation's ServiceStack name (the request type's name).
    const NAME: &'static str;
    /// The routes the metadata pages list, in page order.
    const ROUTES: &'static [Route];
    /// Whether the service requires an authenticated session.
    const REQUIRES_AUTH: bool;
    /// The verb ServiceStack's own clients use: POST if a route takes it, else PUT, PATCH, GET,
    /// DELETE.
    const VERB: &'static str;

    /// Reads a response body (`()` ignores it); an error names the path of the value at fault.
    fn decode_response(body: &[u8]) -> Result<Self::Response, DecodeError>;

    /// The path to send this value to with [`Operation::VERB`]: the most specific route for the
    /// verb whose path parameters all have values (as ServiceStack's clients choose: the most
    /// variables, then the shortest template, then page order), filled in percent-encoded (a
    /// `{Name*}` wildcard keeps its `/`); for verbs without a body, the other fields follow as
    /// the query string. When no route for the verb is filled (or there are none), the
    /// predefined `/json/reply/{NAME}`. Dates in the query are ISO 8601; see
    /// [`Operation::path_with`].
    ///
    /// # Errors
    ///
    /// When the value cannot be written as JSON (a map whose keys are not text or numbers).
    #[inline]
    fn path(&self) -> Result<String, EncodeError> {
        self.path_with(DateFormat::Iso)
    }

    /// [`Operation::path`], with dates in the query written in `dates`' form.
    ///
    /// # Errors
    ///
    /// When the value cannot be written as JSON.
    #[inline]
    fn path_with(&self, dates: DateFormat) -> Result<String, EncodeError> {
        let value = dates.scope(|| serde_json::to_value(self)).map_err(EncodeError)?;
        let empty = Map::new();
        let fields = value.as_object().unwrap_or(&empty);
        let route = route_for(Self::ROUTES, Self::VERB, fields);
        let (mut path, used) = match route {
            Some(route) => fill(route.path, fields),
            None => (format!("/json/reply/{}", Self::NAME), Vec::new()),
        };
        if !has_body(Self::VERB) {
            let query: Vec<String> = fields
                .iter()
                .filter(|(k, v)| !v.is_null() && !used.iter().any(|u| u.eq_ignore_ascii_case(k)))
                .map(|(k, v)| format!("{}={}", encode(k, false), encode(&text(v), false)))
                .collect();
            if !query.is_empty() {
                path.push(if path.contains('?') { '&' } else { '?' });
                path.push_str(&query.join("&"));
            }
        }
        Ok(path)
    }

    /// The JSON body to send, for verbs that have one (`None` for GET, DELETE, HEAD, OPTIONS).
    /// Dates are ISO 8601; see [`Operation::body_with`].
    ///
    /// # Errors
    ///
    /// When the value cannot be written as JSON (a map whose keys are not text or numbers).
    #[inline]
    fn body(&self) -> Result<Option<String>, EncodeError> {
        self.body_with(DateFormat::Iso)
    }

    /// [`Operation::body`], with dates written in `dates`' form.
    ///
    /// # Errors
    ///
    /// When the value cannot be written as JSON.
    #[inline]
    fn body_with(&self, dates: DateFormat) -> Result<Option<String>, EncodeError> {
        if !has_body(Self::VERB) {
            return Ok(None);
        }
        dates.scope(|| serde_json::to_string(self)).map(Some).map_err(EncodeError)
    }
}

/// A request that could not be written as JSON.
#[derive(Debug)]
pub struct EncodeError(pub serde_json::Error);

impl std::fmt::Display for EncodeError {
    #[inline]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the request cannot be written as JSON: {}", self.0)
    }
}

impl std::error::Error for EncodeError {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// A body that could not be read into a type: the path of the value at fault (`emails[1].email`,
/// in wire names) and what was wrong with it.
#[derive(Debug)]
pub struct DecodeError {
    /// Where in the body, in wire names; empty for the body as a whole.
    pub path: String,
    /// What serde_json found there.
    pub source: serde_json::Error,
}

impl std::fmt::Display for DecodeError {
    #[inline]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(f, "{}", self.source)
        } else {
            write!(f, "{}: {}", self.path, self.source)
        }
    }
}

impl std::error::Error for DecodeError {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Reads JSON into `T`; an error names the path of the value at fault. Nesting deeper than
/// serde_json's limit (128) is an error, never a stack overflow.
#[inline]
pub fn from_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| DecodeError { path: e.path().to_string(), source: e.into_inner() })?;
    de.end().map_err(|source| DecodeError { path: String::new(), source })?;
    Ok(value)
}

/// Whether requests with this verb carry a body.
#[inline]
pub fn has_body(verb: &str) -> bool {
    !matches!(verb, "GET" | "DELETE" | "HEAD" | "OPTIONS")
}

/// The route ServiceStack's clients send to: among the routes taking `verb` whose variables
/// all have values, the one with the most variables, then the shortest template, then the
/// first in page order; `None` when no such route exists.
#[inline]
fn route_for<'r>(routes: &'r [Route], verb: &str, fields: &Map<String, Value>) -> Option<&'r Route> {
    let mut best: Option<(&Route, usize)> = None;
    for route in routes.iter().filter(|r| r.verbs.iter().any(|v| *v == verb || *v == "ANY")) {
        let vars = variables(route.path);
        if !vars.iter().all(|(v, _)| lookup(fields, v).is_some()) {
            continue;
        }
        let better = match best {
            None => true,
            Some((b, n)) => vars.len() > n || (vars.len() == n && route.path.len() < b.path.len()),
        };
        if better {
            best = Some((route, vars.len()));
        }
    }
    best.map(|(r, _)| r)
}

/// `{Name}` and `{Name*}` variables of a path template, each with whether it is a wildcard.
#[inline]
fn variables(template: &str) -> Vec<(&str, bool)> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(v, _)| (v.trim_end_matches('*'), v.ends_with('*'))))
        .collect()
}

#[inline]
fn lookup<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    fields.iter().find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_null()).map(|(_, v)| v)
}

/// The template with its variables replaced, and the variables used.
#[inline]
fn fill(template: &str, fields: &Map<String, Value>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(template.len());
    let mut used = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let var = &rest[open + 1..open + close];
        let wildcard = var.ends_with('*');
        let var = var.trim_end_matches('*');
        if let Some(value) = lookup(fields, var) {
            // A wildcard (`{Path*}`) takes the rest of the path: its `/` stay separators.
            out.push_str(&encode(&text(value), wildcard));
        }
        used.push(var.to_string());
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    (out, used)
}

/// A value as ServiceStack reads it in a path or query: text as is, lists comma-separated.
#[inline]
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (and `/` when `keep_slash`).
#[inline]
fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
