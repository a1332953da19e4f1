//! What every request type of this crate knows about the operation it calls.

/// One route of an operation: the verbs it answers and its path template (`/customer/{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `GET`, `POST`, ...; `ANY` where the route takes every verb.
    pub verbs: &'static [&'static str],
    /// The path template, with `{Name}` for path parameters.
    pub path: &'static str,
}

/// Implemented by every request type: its name, routes and response type.
pub trait Operation: serde::Serialize {
    /// The response type; `()` where the service returns nothing.
    type Response;
    /// The operation's ServiceStack name (the request type's name).
    const NAME: &'static str;
    /// The routes the metadata pages list, in page order.
    const ROUTES: &'static [Route];
    /// Whether the service requires an authenticated session.
    const REQUIRES_AUTH: bool;
}
