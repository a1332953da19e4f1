//! One operation object: an operation's request at one route and method, with its parameters,
//! body, responses, examples and access rules.

use std::collections::{BTreeSet, HashMap};

use super::names::reference;
use super::paths::{BODY_METHODS, methods_of};
use super::schemas::{Leaf, Schemas, has_type};
use crate::json::Json;
use crate::schema::{Field, Operation, Route};
use crate::type_grammar::TypeRef;

/// What every operation object of one operation shares: computed once per operation, whatever
/// its number of routes and methods.
pub(super) struct OperationCtx<'a> {
    schemas: &'a Schemas<'a>,
    op: &'a Operation,
    /// The request's fields, its bases' first.
    fields: Vec<&'a Field>,
    /// The first of them by name, and by name in ASCII lower case (route variables ignore case).
    by_name: HashMap<&'a str, &'a Field>,
    by_lower_name: HashMap<String, &'a Field>,
    /// The request's component, when the request is a type of the schema.
    request_ref: Option<&'a str>,
    /// The pages' sample requests and responses as `examples` objects (empty when none).
    request_examples: Json,
    response_examples: Json,
}

/// Where one operation object goes: a route, one of its methods, and the object's id.
pub(super) struct Site<'a> {
    pub(super) route: &'a Route,
    /// The variables of the route's path (`paths::template`).
    pub(super) vars: &'a [String],
    /// The route is ServiceStack's predefined `/json/reply/{Name}`: the pages name none.
    pub(super) predefined: bool,
    pub(super) method: &'static str,
    pub(super) id: &'a str,
}

impl<'a> OperationCtx<'a> {
    pub(super) fn new(schemas: &'a Schemas<'a>, op: &'a Operation, examples: [Json; 2]) -> OperationCtx<'a> {
        let fields = schemas.request_fields(&op.request);
        let (mut by_name, mut by_lower_name) = (HashMap::new(), HashMap::new());
        for f in &fields {
            by_name.entry(f.name.as_str()).or_insert(*f);
            by_lower_name.entry(f.name.to_ascii_lowercase()).or_insert(*f);
        }
        let request_ref = schemas.names.of(&op.request);
        let [request_examples, response_examples] = examples;
        OperationCtx { schemas, op, fields, by_name, by_lower_name, request_ref, request_examples, response_examples }
    }

    pub(super) fn operation(&self, site: &Site<'_>) -> Json {
        let (op, route) = (self.op, site.route);
        let mut o = Json::obj().with("operationId", Json::str(site.id));
        if let Some(s) = &route.summary {
            o.set("summary", Json::str(s.as_str()));
        }
        let description: Vec<&str> =
            [route.notes.as_deref(), op.description.as_deref()].into_iter().flatten().collect();
        if !description.is_empty() {
            o.set("description", Json::str(description.join("\n\n")));
        }
        if !op.tags.is_empty() {
            o.set("tags", Json::strs(&op.tags));
        }
        let body = BODY_METHODS.contains(&site.method);
        let params = self.parameters(site, body);
        if !params.is_empty() {
            o.set("parameters", Json::Array(params));
        }
        if body {
            o.set("requestBody", self.request_body());
        }
        o.set("responses", self.responses());
        self.access(&mut o);
        o.set("x-booster-operation", Json::str(op.name.as_str()));
        if site.predefined {
            o.set("x-booster-predefined-route", Json::Bool(true));
        }
        if route.verbs.len() != 1 || methods_of(&route.verbs[0]).len() != 1 {
            o.set("x-booster-verbs", Json::strs(&route.verbs));
        }
        o.set("x-booster-sources", Json::strs(&op.sources));
        o
    }

    /// The route's variables, then (without a body) every other field in the query, and headers.
    fn parameters(&self, site: &Site<'_>, body: bool) -> Vec<Json> {
        let mut params = Vec::new();
        let mut used = BTreeSet::new();
        for v in site.vars {
            let field = self.field_named(v);
            if let Some(f) = field {
                used.insert(f.name.as_str());
            }
            params.push(self.path_parameter(v, field));
        }
        for f in &self.fields {
            let header = f.param.as_deref() == Some("header");
            if used.contains(f.name.as_str()) || (!header && body) {
                continue;
            }
            params.push(self.query_or_header_parameter(f, header));
        }
        params
    }

    /// The field a route variable names: spelled the same, else in another casing.
    fn field_named(&self, name: &str) -> Option<&'a Field> {
        self.by_name.get(name).or_else(|| self.by_lower_name.get(&name.to_ascii_lowercase())).copied()
    }

    fn path_parameter(&self, var: &str, field: Option<&Field>) -> Json {
        let mut p =
            Json::obj().with("name", Json::str(var)).with("in", Json::str("path")).with("required", Json::Bool(true));
        match field {
            Some(f) => {
                // A path segment is never null, whatever the member's type allows.
                let bare = match &f.ty {
                    TypeRef::Nullable { inner } => Field { ty: (**inner).clone(), required: true, ..f.clone() },
                    _ => Field { required: true, ..f.clone() },
                };
                let mut s = self.schemas.property(&bare);
                if let Some(d) = f.description.as_deref() {
                    p.set("description", Json::str(d));
                }
                s.remove("description");
                p.set("schema", s);
            }
            None => {
                p.set("description", Json::str("A route variable no field of the request names."));
                p.set("schema", Json::obj().with("type", Json::str("string")));
            }
        }
        p
    }

    fn query_or_header_parameter(&self, f: &Field, header: bool) -> Json {
        let mut s = self.schemas.property(f);
        s.remove("description");
        let complex = self.schemas.is_complex(&f.ty);
        let mut p = Json::obj()
            .with("name", Json::str(f.name.as_str()))
            .with("in", Json::str(if header { "header" } else { "query" }));
        if let Some(d) = f.description.as_deref() {
            p.set("description", Json::str(d));
        }
        if f.required {
            p.set("required", Json::Bool(true));
        }
        if has_type(&s, "array") && !header {
            // ServiceStack reads `?ids=1,2,3`.
            p.set("style", Json::str("form"));
            p.set("explode", Json::Bool(false));
        }
        if complex && !header {
            p.set("x-booster-query-format", Json::str("jsv"));
        }
        p.set("schema", s);
        p
    }

    fn request_body(&self) -> Json {
        let schema = match self.request_ref {
            Some(c) => reference(c),
            None => Json::obj().with("type", Json::str("object")),
        };
        let media = media(schema, &self.request_examples);
        Json::obj().with("required", Json::Bool(true)).with("content", Json::obj().with("application/json", media))
    }

    fn responses(&self) -> Json {
        let mut responses = Json::obj();
        match &self.op.response {
            Some(r) => {
                let schema = match (self.schemas.names.of(r), TypeRef::parse(r)) {
                    (Some(c), _) => reference(c),
                    // A list (or map) of types: `IReturn<List<T>>`.
                    (None, Ok(ty)) if !matches!(ty, TypeRef::Named { .. } | TypeRef::Generic { .. }) => {
                        self.schemas.type_schema(&ty, &Leaf { examples: &[] }, 0)
                    }
                    (None, _) => Json::obj().with("x-booster-type", Json::str(r.as_str())),
                };
                let media = media(schema, &self.response_examples);
                responses.set(
                    "200",
                    Json::obj()
                        .with("description", Json::str(format!("`{r}`")))
                        .with("content", Json::obj().with("application/json", media)),
                );
            }
            None => responses
                .set("204", Json::obj().with("description", Json::str("No content: the operation returns nothing."))),
        }
        responses.set("default", Json::obj().with("$ref", Json::str("#/components/responses/ServiceStackError")));
        responses
    }

    /// Who may call the operation: `security` for what is all required, extensions for the rest.
    fn access(&self, o: &mut Json) {
        let op = self.op;
        if op.requires_auth {
            let roles = Json::strs(&op.roles);
            o.set(
                "security",
                Json::Array(
                    ["bearer", "basic", "session"].iter().map(|s| Json::obj().with(s, roles.clone())).collect(),
                ),
            );
        }
        // OpenAPI's scopes are all required; roles and permissions of which any one suffices are
        // said in extensions instead.
        if !op.any_roles.is_empty() {
            o.set("x-booster-any-of-roles", Json::strs(&op.any_roles));
        }
        if !op.any_permissions.is_empty() {
            o.set("x-booster-any-of-permissions", Json::strs(&op.any_permissions));
        }
        if !op.permissions.is_empty() {
            o.set("x-booster-permissions", Json::strs(&op.permissions));
        }
    }
}

/// A JSON media type object: the schema, and the examples when there are any.
fn media(schema: Json, examples: &Json) -> Json {
    let mut media = Json::obj().with("schema", schema);
    if !examples.is_empty_object() {
        media.set("examples", examples.clone());
    }
    media
}
