//! An async HTTP client for this crate's operations (the `client` feature), on `reqwest`.
//!
//! [`Client::send`] checks a request with [`Validate`], sends it on its operation's own route
//! with everything [`Operation`] says (verb, path, query string, JSON body, date format), and
//! reads the answer into the operation's response type, or into an [`Error`] that says what
//! went wrong: ServiceStack's `ResponseStatus` with its field errors, an error status with some
//! other body, a timeout, a broken connection, a cut body, a body that does not decode.
//!
//! Timeouts, connection failures and 502, 503 and 504 answers are retried with backoff for the
//! idempotent verbs (GET, PUT, DELETE, HEAD, OPTIONS) only, unless [`Retry::non_idempotent`]
//! asks for POST and PATCH too. From sync code, use [`blocking::Client`].
//!
//! ```text
//! use std::time::Duration;
//!
//! let client = Client::builder("https://api.example.com")
//!     .timeout(Duration::from_secs(10))
//!     .bearer_token("TOKEN")
//!     .build()?;
//! match client.send(&request).await {
//!     Ok(response) => println!("{response:?}"),
//!     Err(e) => {
//!         for field in e.field_errors() {
//!             eprintln!("{}: {}", field.field_name, field.message.as_deref().unwrap_or(""));
//!         }
//!     }
//! }
//! ```
//!
//! Each request's docs show this with the crate's own names, compiled.

use std::fmt;
use std::time::Duration;

use crate::operation::{DecodeError, Operation};
use crate::runtime::DateFormat;
use crate::validate::{Validate, Violation};
use crate::ResponseStatus;

/// How many bytes of an error body that is not ServiceStack's error an [`Error`] keeps.
pub const MAX_ERROR_BODY: usize = 4096;

/// Sends this crate's requests to one server. Cheap to clone: clones share the connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    /// The base URL without a trailing `/`; paths start with one.
    base: String,
    auth: Auth,
    retry: Retry,
    dates: DateFormat,
}

#[derive(Debug, Clone)]
enum Auth {
    None,
    Bearer(String),
    Basic(String, String),
}

/// When and how often a failed call is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Tries after the first; 0 turns retries off.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each one after.
    pub initial_backoff: Duration,
    /// The longest wait between two tries.
    pub max_backoff: Duration,
    /// Retry POST and PATCH (and any other verb that is not idempotent) too. Off by default: the
    /// server may have acted on a request whose answer was lost.
    pub non_idempotent: bool,
}

impl Default for Retry {
    /// Two retries, after 200 ms and 400 ms, idempotent verbs only.
    #[inline]
    fn default() -> Self {
        Retry {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            non_idempotent: false,
        }
    }
}

impl Retry {
    /// No retries.
    #[inline]
    pub fn none() -> Self {
        Retry { max_retries: 0, ..Retry::default() }
    }

    /// The wait before retry number `retry` (0 for the first).
    #[inline]
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.initial_backoff.saturating_mul(factor).min(self.max_backoff)
    }
}

/// Whether a verb may be sent twice with the effect of once (RFC 9110, 9.2.2).
#[inline]
pub fn is_idempotent(verb: &str) -> bool {
    matches!(verb, "GET" | "PUT" | "DELETE" | "HEAD" | "OPTIONS")
}

/// Builds a [`Client`]: timeouts, headers, credentials, retries, the date format.
#[derive(Debug)]
pub struct ClientBuilder {
    base: String,
    timeout: Duration,
    connect_timeout: Duration,
    headers: Vec<(String, String)>,
    auth: Auth,
    retry: Retry,
    dates: DateFormat,
}

impl ClientBuilder {
    /// The longest a whole call may take, answer body included (30 s by default).
    #[inline]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (10 s by default).
    #[inline]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// A header sent with every call.
    #[inline]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// `Authorization: Bearer TOKEN` on every call (a JWT, or an API key).
    #[inline]
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Auth::Bearer(token.into());
        self
    }

    /// HTTP basic authentication on every call.
    #[inline]
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Auth::Basic(user.into(), password.into());
        self
    }

    /// A ServiceStack API key, sent as ServiceStack reads one: `Authorization: Bearer KEY`.
    /// For a server that wants it in a header of its own, use [`ClientBuilder::header`].
    #[inline]
    pub fn api_key(self, key: impl Into<String>) -> Self {
        self.bearer_token(key)
    }

    /// When to retry ([`Retry::default`] unless set).
    #[inline]
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// How dates are written in paths, queries and bodies (ISO 8601 unless set).
    #[inline]
    pub fn date_format(mut self, dates: DateFormat) -> Self {
        self.dates = dates;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// When the base URL is not an `http` or `https` URL without query or fragment, a header
    /// name or value is not valid HTTP, or the HTTP stack cannot start.
    #[inline]
    pub fn build(self) -> Result<Client, BuildError> {
        let url = reqwest::Url::parse(&self.base).map_err(|e| BuildError(format!("the base URL {:?}: {e}", self.base)))?;
        if !matches!(url.scheme(), "http" | "https") || url.query().is_some() || url.fragment().is_some() {
            return Err(BuildError(format!(
                "the base URL {:?} must be http or https, without a query or fragment",
                self.base
            )));
        }
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in &self.headers {
            let n = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| BuildError(format!("the header name {name:?}: {e}")))?;
            let v = reqwest::header::HeaderValue::from_str(value)
                .map_err(|e| BuildError(format!("the value of header {name:?}: {e}")))?;
            headers.append(n, v);
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .default_headers(headers)
            .build()
            .map_err(|e| BuildError(format!("the HTTP client: {e}")))?;
        let base = url.as_str().trim_end_matches('/').to_string();
        Ok(Client { http, base, auth: self.auth, retry: self.retry, dates: self.dates })
    }
}

/// A [`Client`] that could not be built: what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError(pub String);

impl fmt::Display for BuildError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the client: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

impl Client {
    /// A client for the API at `base_url` (`https://host/api`: routes are appended to it), with
    /// the defaults of [`Client::builder`].
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build`].
    #[inline]
    pub fn new(base_url: impl Into<String>) -> Result<Client, BuildError> {
        Client::builder(base_url).build()
    }

    /// A builder: 30 s timeout, 10 s connect timeout, [`Retry::default`], ISO 8601 dates, no
    /// credentials.
    #[inline]
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base: base_url.into(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            headers: Vec::new(),
            auth: Auth::None,
            retry: Retry::default(),
            dates: DateFormat::Iso,
        }
    }

    /// The base URL, without a trailing `/`.
    #[inline]
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The URL `request` goes to: the base URL and [`Operation::path_with`] in this client's
    /// date format.
    ///
    /// # Errors
    ///
    /// [`Error::Encode`] when the request cannot be written as JSON.
    pub fn url_of<R: Operation>(&self, request: &R) -> Result<String, Error> {
        let path = request
            .path_with(self.dates)
            .map_err(|e| Error::Encode { operation: R::NAME, message: e.to_string() })?;
        Ok(format!("{}{path}", self.base))
    }

    /// Checks `request` ([`Validate::validate`]), then sends it as [`Client::send_unchecked`]
    /// does. A request that breaks a rule is refused with [`Error::Invalid`] and never sent.
    ///
    /// # Errors
    ///
    /// Every [`Error`].
    pub async fn send<R: Operation + Validate>(&self, request: &R) -> Result<R::Response, Error> {
        let violations = request.validate();
        if !violations.is_empty() {
            let url = self.url_of(request)?;
            return Err(Error::Invalid { operation: R::NAME, url, violations });
        }
        self.send_unchecked(request).await
    }

    /// Sends `request` without checking it: [`Operation::VERB`] to the base URL plus
    /// [`Operation::path_with`], [`Operation::body_with`] as JSON, then reads a success with
    /// [`Operation::decode_response`]. Retries as [`Retry`] says.
    ///
    /// # Errors
    ///
    /// Every [`Error`] but [`Error::Invalid`].
    pub async fn send_unchecked<R: Operation>(&self, request: &R) -> Result<R::Response, Error> {
        let url = self.url_of(request)?;
        let body = request
            .body_with(self.dates)
            .map_err(|e| Error::Encode { operation: R::NAME, message: e.to_string() })?;
        let method = reqwest::Method::from_bytes(R::VERB.as_bytes())
            .map_err(|e| Error::Encode { operation: R::NAME, message: format!("the verb {:?}: {e}", R::VERB) })?;
        let retries =
            if is_idempotent(R::VERB) || self.retry.non_idempotent { self.retry.max_retries } else { 0 };
        let mut retry = 0;
        loop {
            let outcome = self.call(R::NAME, &method, &url, body.as_deref()).await;
            match outcome {
                Err(e) if retry < retries && e.is_transient() => {
                    tokio::time::sleep(self.retry.backoff(retry)).await;
                    retry += 1;
                }
                Err(e) => return Err(e),
                Ok((status, bytes)) => {
                    return R::decode_response(&bytes).map_err(|source| Error::Decode {
                        operation: R::NAME,
                        url,
                        status,
                        source,
                    })
                }
            }
        }
    }

    /// One try: the status and body of a success, or the error.
    async fn call(
        &self,
        operation: &'static str,
        method: &reqwest::Method,
        url: &str,
        body: Option<&str>,
    ) -> Result<(u16, Vec<u8>), Error> {
        let mut call = self.http.request(method.clone(), url).header(reqwest::header::ACCEPT, "application/json");
        if let Some(body) = body {
            call = call.header(reqwest::header::CONTENT_TYPE, "application/json").body(body.to_string());
        }
        call = match &self.auth {
            Auth::None => call,
            Auth::Bearer(token) => call.bearer_auth(token),
            Auth::Basic(user, password) => call.basic_auth(user, Some(password)),
        };
        let response = call.send().await.map_err(|source| {
            let url = url.to_string();
            if source.is_timeout() {
                Error::Timeout { operation, url, source }
            } else {
                Error::Transport { operation, url, source }
            }
        })?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|source| {
            let url = url.to_string();
            if source.is_timeout() {
                Error::Timeout { operation, url, source }
            } else {
                Error::Truncated { operation, url, status, source }
            }
        })?;
        if (200..300).contains(&status) {
            return Ok((status, bytes.to_vec()));
        }
        Err(Error::rejected(operation, url, status, &bytes))
    }
}

/// One invalid field, as ServiceStack's `ResponseError` names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The field's wire name.
    #[serde(default, alias = "FieldName")]
    pub field_name: String,
    /// The error's code, such as `NotEmpty`.
    #[serde(default, alias = "ErrorCode")]
    pub error_code: Option<String>,
    /// A message for people.
    #[serde(default, alias = "Message")]
    pub message: Option<String>,
}

/// What the client reads of a `ResponseStatus` for itself, whatever the crate's type holds.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusView {
    #[serde(default, alias = "ErrorCode")]
    error_code: Option<String>,
    #[serde(default, alias = "Message")]
    message: Option<String>,
    #[serde(default, alias = "Errors")]
    errors: Option<Vec<FieldError>>,
}

/// ServiceStack's error body: `{"responseStatus": {...}}`.
#[derive(serde::Deserialize)]
struct ErrorBody<S> {
    #[serde(rename = "responseStatus", alias = "ResponseStatus")]
    response_status: Option<S>,
}

/// An answer with an error status (not 2xx).
#[derive(Debug, Clone)]
pub struct Rejection {
    /// The operation's ServiceStack name.
    pub operation: &'static str,
    /// The URL the request went to.
    pub url: String,
    /// The HTTP status.
    pub status: u16,
    /// ServiceStack's error, when the body carries one under `responseStatus`.
    pub response_status: Option<ResponseStatus>,
    /// Its error code (`ValidationException`, `NotFound`...).
    pub error_code: Option<String>,
    /// Its message.
    pub message: Option<String>,
    /// Its field errors, in the server's order.
    pub field_errors: Vec<FieldError>,
    /// The body as text (invalid UTF-8 replaced), cut to [`MAX_ERROR_BODY`] bytes, when it is
    /// not ServiceStack's error.
    pub body: Option<String>,
    /// Whether `body` was cut.
    pub body_cut: bool,
}

/// Why a call failed. Every variant names the operation; all but [`Error::Encode`] the URL.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks rules the pages state; it was not sent.
    Invalid {
        /// The operation's ServiceStack name.
        operation: &'static str,
        /// The URL it would have gone to.
        url: String,
        /// Each broken rule, with its path in wire names.
        violations: Vec<Violation>,
    },
    /// The request cannot be written as JSON (or its verb is not a valid HTTP method); it was
    /// not sent.
    Encode {
        /// The operation's ServiceStack name.
        operation: &'static str,
        /// What was wrong.
        message: String,
    },
    /// No answer: the connection could not be made or broke before the answer's head.
    Transport {
        /// The operation's ServiceStack name.
        operation: &'static str,
        /// The URL.
        url: String,
        /// What the HTTP stack said.
        source: reqwest::Error,
    },
    /// No answer (or no whole body) within the timeout.
    Timeout {
        /// The operation's ServiceStack name.
        operation: &'static str,
        /// The URL.
        url: String,
        /// What the HTTP stack said.
        source: reqwest::Error,
    },
    /// The answer's body broke off before its end (shorter than its `Content-Length`, a
    /// broken chunk, a reset connection).
    Truncated {
        /// The operation's ServiceStack name.
        operation: &'static str,
        /// The URL.
        url: String,
        /// The answer's HTTP status.
        status: u16,
        /// What the HTTP stack said.
        source: reqwest::Error,
    },
    /// 401 Unauthorized: credentials missing or not accepted.
    Unauthorized(Box<Rejection>),
    /// 403 Forbidden: authenticated, but not allowed (a role or permission is missing).
    Forbidden(Box<Rejection>),
    /// Another error status whose body is ServiceStack's error (`responseStatus`).
    Service(Box<Rejection>),
    /// Another error status whose body is not ServiceStack's error (an HTML page from a proxy,
    /// plain text...): [`Rejection::body`] keeps its start.
    Http(Box<Rejection>),
    /// A success whose body does not decode into the response type.
    Decode {
        /// The operation's ServiceStack name.
        operation: &'static str,
        /// The URL.
        url: String,
        /// The answer's HTTP status.
        status: u16,
        /// Where in the body (the field path, in wire names) and what was wrong.
        source: DecodeError,
    },
}

impl Error {
    /// The error for an answer with an error status and this body.
    fn rejected(operation: &'static str, url: &str, status: u16, body: &[u8]) -> Error {
        let full = serde_json::from_slice::<ErrorBody<ResponseStatus>>(body).ok().and_then(|b| b.response_status);
        let view = serde_json::from_slice::<ErrorBody<StatusView>>(body).ok().and_then(|b| b.response_status);
        let view = if full.is_some() { view.unwrap_or_default() } else { StatusView::default() };
        let (text, body_cut) = if full.is_some() {
            (None, false)
        } else {
            let cut = body.len() > MAX_ERROR_BODY;
            let mut end = body.len().min(MAX_ERROR_BODY);
            // Not in the middle of a UTF-8 sequence.
            while end > 0 && end < body.len() && (body[end] & 0xC0) == 0x80 {
                end -= 1;
            }
            (Some(String::from_utf8_lossy(&body[..end]).into_owned()), cut)
        };
        let servicestack = full.is_some();
        let rejection = Box::new(Rejection {
            operation,
            url: url.to_string(),
            status,
            response_status: full,
            error_code: view.error_code,
            message: view.message,
            field_errors: view.errors.unwrap_or_default(),
            body: text,
            body_cut,
        });
        match status {
            401 => Error::Unauthorized(rejection),
            403 => Error::Forbidden(rejection),
            _ if servicestack => Error::Service(rejection),
            _ => Error::Http(rejection),
        }
    }

    /// The operation's ServiceStack name.
    #[inline]
    pub fn operation(&self) -> &'static str {
        match self {
            Error::Invalid { operation, .. }
            | Error::Encode { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Truncated { operation, .. }
            | Error::Decode { operation, .. } => operation,
            Error::Unauthorized(r) | Error::Forbidden(r) | Error::Service(r) | Error::Http(r) => r.operation,
        }
    }

    /// The URL the request went (or would have gone) to; `None` for [`Error::Encode`].
    #[inline]
    pub fn url(&self) -> Option<&str> {
        match self {
            Error::Encode { .. } => None,
            Error::Invalid { url, .. }
            | Error::Transport { url, .. }
            | Error::Timeout { url, .. }
            | Error::Truncated { url, .. }
            | Error::Decode { url, .. } => Some(url),
            Error::Unauthorized(r) | Error::Forbidden(r) | Error::Service(r) | Error::Http(r) => Some(&r.url),
        }
    }

    /// The answer's HTTP status, when one came.
    #[inline]
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Truncated { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::Unauthorized(r) | Error::Forbidden(r) | Error::Service(r) | Error::Http(r) => Some(r.status),
            Error::Invalid { .. } | Error::Encode { .. } | Error::Transport { .. } | Error::Timeout { .. } => None,
        }
    }

    /// The answer with an error status, for the variants that have one.
    #[inline]
    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            Error::Unauthorized(r) | Error::Forbidden(r) | Error::Service(r) | Error::Http(r) => Some(r),
            _ => None,
        }
    }

    /// ServiceStack's error from the answer's body, when it carried one.
    #[inline]
    pub fn response_status(&self) -> Option<&ResponseStatus> {
        self.rejection().and_then(|r| r.response_status.as_ref())
    }

    /// The server's field errors (empty when it named none).
    #[inline]
    pub fn field_errors(&self) -> &[FieldError] {
        self.rejection().map_or(&[], |r| r.field_errors.as_slice())
    }

    /// The broken rules of an [`Error::Invalid`] request (empty otherwise).
    #[inline]
    pub fn violations(&self) -> &[Violation] {
        match self {
            Error::Invalid { violations, .. } => violations,
            _ => &[],
        }
    }

    /// Whether trying again may succeed: a timeout, a failed connection, 502, 503 or 504.
    #[inline]
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Transport { .. } => true,
            Error::Service(r) | Error::Http(r) => matches!(r.status, 502..=504),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = self.operation();
        match self {
            Error::Invalid { url, violations, .. } => {
                write!(f, "{op} ({url}): the request breaks {} rule(s), not sent", violations.len())?;
                for (i, v) in violations.iter().enumerate() {
                    write!(f, "{} {v}", if i == 0 { ":" } else { ";" })?;
                }
                Ok(())
            }
            Error::Encode { message, .. } => write!(f, "{op}: {message}"),
            Error::Transport { url, source, .. } => write!(f, "{op} ({url}): no answer: {}", causes(source)),
            Error::Timeout { url, .. } => write!(f, "{op} ({url}): timed out"),
            Error::Truncated { url, status, source, .. } => {
                write!(f, "{op} ({url}): the body of the {status} answer broke off: {}", causes(source))
            }
            Error::Decode { url, status, source, .. } => {
                write!(f, "{op} ({url}): the {status} answer does not decode: {source}")
            }
            Error::Unauthorized(r) | Error::Forbidden(r) | Error::Service(r) | Error::Http(r) => {
                write!(f, "{op} ({}): HTTP {}", r.url, r.status)?;
                if let Some(code) = &r.error_code {
                    write!(f, " {code}")?;
                }
                if let Some(message) = &r.message {
                    write!(f, ": {message}")?;
                }
                for e in &r.field_errors {
                    write!(f, "; {}", e.field_name)?;
                    if let Some(code) = &e.error_code {
                        write!(f, " ({code})")?;
                    }
                    if let Some(message) = &e.message {
                        write!(f, ": {message}")?;
                    }
                }
                if let Some(body) = &r.body {
                    let start: String = body.chars().take(200).collect();
                    let more = r.body_cut || start.len() < body.len();
                    write!(f, ": {start:?}{}", if more { "..." } else { "" })?;
                }
                Ok(())
            }
        }
    }
}

/// An error and its causes, `: `-separated (reqwest's own text names only the outermost).
fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        next = cause.source();
    }
    text
}

impl std::error::Error for Error {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } | Error::Timeout { source, .. } | Error::Truncated { source, .. } => {
                Some(source)
            }
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The client for sync code: each call runs [`Client`]'s on a runtime of its own (one thread).
///
/// Do not call it from inside an async runtime (tokio refuses to block a runtime's thread and
/// panics): there, `.await` [`Client`] itself.
pub mod blocking {
    use super::{BuildError, ClientBuilder, Error};
    use crate::operation::Operation;
    use crate::validate::Validate;

    /// [`super::Client`] for sync code.
    #[derive(Debug)]
    pub struct Client {
        inner: super::Client,
        runtime: tokio::runtime::Runtime,
    }

    impl Client {
        /// As [`super::Client::new`].
        ///
        /// # Errors
        ///
        /// As [`ClientBuilder::build`], or when the runtime cannot start.
        #[inline]
        pub fn new(base_url: impl Into<String>) -> Result<Client, BuildError> {
            Client::from_builder(super::Client::builder(base_url))
        }

        /// A blocking client from a configured builder.
        ///
        /// # Errors
        ///
        /// As [`ClientBuilder::build`], or when the runtime cannot start.
        #[inline]
        pub fn from_builder(builder: ClientBuilder) -> Result<Client, BuildError> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| BuildError(format!("the runtime: {e}")))?;
            Ok(Client { inner: builder.build()?, runtime })
        }

        /// As [`super::Client::send`], blocking.
        ///
        /// # Errors
        ///
        /// Every [`Error`].
        pub fn send<R: Operation + Validate>(&self, request: &R) -> Result<R::Response, Error> {
            self.runtime.block_on(self.inner.send(request))
        }

        /// As [`super::Client::send_unchecked`], blocking.
        ///
        /// # Errors
        ///
        /// Every [`Error`] but [`Error::Invalid`].
        pub fn send_unchecked<R: Operation>(&self, request: &R) -> Result<R::Response, Error> {
            self.runtime.block_on(self.inner.send_unchecked(request))
        }
    }
}
