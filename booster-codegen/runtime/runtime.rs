//! Wire types shared by every generated ServiceStack DTO crate.
//!
//! The generator copies this file verbatim into each crate. Its functions are `#[inline]`:
//! compiled in the crate that calls them, not in every build of the generated crate. It wraps the .NET
//! types whose JSON form differs from serde's defaults in newtypes with a
//! public field, `From`/`Into` and `Deref` to the wrapped type, `Display`,
//! `FromStr` (failing with [`ParseError`], whose message names the bad value)
//! and serde support. Guids need no wrapper: `uuid::Uuid` reads both forms.
//!
//! | .NET     | Rust         | written as                  | also read from                          |
//! |----------|--------------|-----------------------------|-----------------------------------------|
//! | DateTime | [`DateTime`] | `2024-05-01T10:20:30Z`      | `/Date(ms±hhmm)/`, date only            |
//! | TimeSpan | [`TimeSpan`] | xsd duration `P1DT2H3M4.5S` | .NET `[-][d.]hh:mm[:ss[.fffffff]]`      |
//! | byte\[\] | [`Bytes`]    | padded standard base64      | unpadded base64, array of numbers       |
//! | decimal  | [`Decimal`]  | JSON number                 | numeric string                          |
//! | Guid     | `uuid::Uuid` | dashed hex                  | 32 hex digits without dashes            |
//!
//! **Dates.** ServiceStack writes WCF dates by default, `"\/Date(1714558830000)\/"`:
//! milliseconds since the Unix epoch (always UTC) and an optional `±hhmm` suffix
//! with the sender's offset (`-0000` marks an unspecified kind). JSON unescaping
//! turns `\/` into `/`; both spellings are read. The value keeps the instant and
//! the suffix's offset; no suffix or `-0000` means UTC. Servers set to ISO 8601
//! write `0001-01-01T00:00:00.0000000` (up to 7 fraction digits, optional `Z` or
//! `±hh:mm`, none meaning UTC); JSV writes date-only `0001-01-01` (midnight UTC).
//! Dates are written as RFC 3339 with a fraction only when non-zero (at most 7
//! digits), whatever features are on. To write WCF `/Date(1714558830000)/`
//! instead, ask per call: [`DateFormat::scope`] (or `Operation::body_with` and
//! `path_with`) for every date written inside it, or [`DateTime::to_wcf_string`]
//! for one value. Years 0001 to 9999 are supported.
//!
//! **Durations** are xsd durations as ServiceStack writes them (`PT0S`,
//! `P1DT2H3M4.5S`, `-PT1H`, `PT0.0000001S`); fractions are truncated to 100 ns.
//!
//! **Decimals.** serde_json without `arbitrary_precision` reads JSON numbers as
//! `i64`, `u64` or `f64`, so a number keeps only about 15 significant digits
//! unless it is an integer within `u64`; numeric strings are read exactly. A
//! decimal is written as a JSON number, in plain notation, whenever that reads
//! back exactly: integers within `i64`/`u64`, and values from 1e-5 to 1e15 with
//! at most 15 significant digits. Anything else (a .NET decimal has 28-29
//! digits) is written as a JSON *string* of its exact digits, which ServiceStack
//! parses into a decimal, rather than being rounded or put in exponent form.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The error of this module's `FromStr` impls; the message names the bad value
/// and the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl ParseError {
    #[inline]
    fn new(kind: &str, value: &str, expected: &str) -> Self {
        Self(format!("invalid {kind} {value:?}: expected {expected}"))
    }
}

impl fmt::Display for ParseError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// `From` both ways, `Deref`, `FromStr` via `$parse` and `Display` via `$show`; with `$wire`,
/// also serde as a string written by `$wire` and read by `$parse`.
macro_rules! wrapper {
    ($name:ident, $inner:ty, $parse:expr, $show:expr, $wire:expr) => {
        wrapper!($name, $inner, $parse, $show);
        impl Serialize for $name {
            #[inline]
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                // `collect_str` lets serde_json write the text without an intermediate String.
                s.collect_str(&$wire(self))
            }
        }
        impl<'de> Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(StrVisitor(PhantomData))
            }
        }
    };
    ($name:ident, $inner:ty, $parse:expr, $show:expr) => {
        impl From<$inner> for $name {
            #[inline]
            fn from(v: $inner) -> Self {
                Self(v)
            }
        }
        impl From<$name> for $inner {
            #[inline]
            fn from(v: $name) -> Self {
                v.0
            }
        }
        impl Deref for $name {
            type Target = $inner;
            #[inline]
            fn deref(&self) -> &$inner {
                &self.0
            }
        }
        impl FromStr for $name {
            type Err = ParseError;
            #[inline]
            fn from_str(s: &str) -> Result<Self, ParseError> {
                $parse(s).map(Self)
            }
        }
        impl fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&$show(self), f)
            }
        }
    };
}

/// Deserializes a string through `FromStr`, so serde_json adds the error's position.
struct StrVisitor<T>(PhantomData<T>);

impl<T: FromStr<Err = ParseError>> de::Visitor<'_> for StrVisitor<T> {
    type Value = T;
    #[inline]
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

const NANOS: i128 = 1_000_000_000;

/// A byte cursor for the hand-written parsers below.
struct Scan<'a>(&'a [u8]);

impl<'a> Scan<'a> {
    #[inline]
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    #[inline]
    fn eat(&mut self, b: u8) -> bool {
        self.0.first() == Some(&b) && self.next().is_some()
    }
    /// Up to `max` leading ASCII digits.
    #[inline]
    fn run(&mut self, max: usize) -> &'a [u8] {
        let n = self.0.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
        let (run, rest) = self.0.split_at(n);
        self.0 = rest;
        run
    }
    /// `min..=max` digits (`min` > 0) as a number; `None` when fewer or on overflow.
    #[inline]
    fn num(&mut self, min: usize, max: usize) -> Option<u64> {
        let run = self.run(max);
        let fold = |acc: u64, d: &u8| acc.checked_mul(10)?.checked_add(u64::from(d - b'0'));
        run.iter().try_fold(0, fold).filter(|_| run.len() >= min)
    }
    /// Fraction digits as nanoseconds; digits past the ninth are ignored.
    #[inline]
    fn nanos(&mut self) -> Option<u32> {
        let run = self.run(usize::MAX);
        let padded = run.iter().chain(std::iter::repeat(&b'0')).take(9);
        let ns = padded.fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
        (!run.is_empty()).then_some(ns)
    }
}

/// `.fffffff` for a count of 100 ns ticks, trailing zeros trimmed; empty for zero.
/// `.5` for 5,000,000 ticks, as text.
#[inline]
fn ticks_text(ticks: u32) -> String {
    let text = if ticks > 0 { format!(".{ticks:07}") } else { String::new() };
    text.trim_end_matches('0').to_string()
}

/// `.5` for 5,000,000 ticks: the 100 ns fraction without trailing zeros, nothing for zero.
#[inline]
fn write_ticks(f: &mut fmt::Formatter<'_>, ticks: u32) -> fmt::Result {
    if ticks == 0 {
        return Ok(());
    }
    let (mut digits, mut t) = (7, ticks);
    while t % 10 == 0 {
        t /= 10;
        digits -= 1;
    }
    write!(f, ".{t:0digits$}")
}

/// A UTC offset as `+hh{sep}mm` (seconds are dropped).
#[inline]
fn write_offset(f: &mut fmt::Formatter<'_>, off: UtcOffset, sep: &str) -> fmt::Result {
    let sign = if off.is_negative() { '-' } else { '+' };
    let (h, m) = (off.whole_hours().unsigned_abs(), off.minutes_past_hour().unsigned_abs());
    write!(f, "{sign}{h:02}{sep}{m:02}")
}

/// A date written as ISO 8601 or WCF, formatted straight into the output.
enum DateText {
    Iso(OffsetDateTime),
    Wcf(OffsetDateTime),
}

impl fmt::Display for DateText {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateText::Iso(d) => {
                // Digits by hand: `write!` with padding costs several times more per date.
                let (year, month, day) = d.to_calendar_date();
                let mut buf = *b"0000-00-00T00:00:00";
                let year = year.unsigned_abs();
                for (i, div) in [1000, 100, 10, 1].into_iter().enumerate() {
                    buf[i] = b'0' + ((year / div) % 10) as u8;
                }
                for (at, v) in [(5, u8::from(month)), (8, day), (11, d.hour()), (14, d.minute()), (17, d.second())] {
                    buf[at] = b'0' + v / 10;
                    buf[at + 1] = b'0' + v % 10;
                }
                f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?)?;
                write_ticks(f, d.nanosecond() / 100)?;
                if d.offset().is_utc() { f.write_str("Z") } else { write_offset(f, d.offset(), ":") }
            }
            DateText::Wcf(d) => {
                write!(f, "/Date({}", d.unix_timestamp_nanos().div_euclid(1_000_000))?;
                if !d.offset().is_utc() {
                    write_offset(f, d.offset(), "")?;
                }
                f.write_str(")/")
            }
        }
    }
}

/// How [`DateTime`] values are written: ISO 8601 (RFC 3339) unless a caller asks for WCF
/// within [`DateFormat::scope`]. Reading accepts both forms either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// `2024-05-01T10:20:30Z`, the default.
    #[default]
    Iso,
    /// `/Date(1714558830000)/`, as ServiceStack writes by default (milliseconds).
    Wcf,
}

thread_local! {
    static DATE_FORMAT: std::cell::Cell<DateFormat> = const { std::cell::Cell::new(DateFormat::Iso) };
}

impl DateFormat {
    /// Runs `write` with every [`DateTime`] serialized on this thread in this form, then restores
    /// the previous form (also when `write` panics). Serialization is synchronous, so wrapping
    /// `serde_json::to_string(&value)` covers every date in `value`:
    /// `DateFormat::Wcf.scope(|| serde_json::to_string(&value))` writes `value`'s dates as WCF.
    #[inline]
    pub fn scope<R>(self, write: impl FnOnce() -> R) -> R {
        struct Restore(DateFormat);
        impl Drop for Restore {
            #[inline]
            fn drop(&mut self) {
                DATE_FORMAT.with(|f| f.set(self.0));
            }
        }
        let _restore = Restore(DATE_FORMAT.with(|f| f.replace(self)));
        write()
    }

    /// The form dates are written in on this thread now.
    #[must_use]
    #[inline]
    pub fn current() -> DateFormat {
        DATE_FORMAT.with(std::cell::Cell::get)
    }
}

/// A .NET `DateTime`: an instant and the UTC offset it was written in.
///
/// Reads WCF `/Date(ms±hhmm)/`, ISO 8601 date-times and date-only values;
/// writes RFC 3339, or WCF inside [`DateFormat::scope`] (see the module docs).
/// Equality and ordering compare instants. The default is .NET's
/// `DateTime.MinValue`, `0001-01-01T00:00:00Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(pub OffsetDateTime);

wrapper!(DateTime, OffsetDateTime, parse_date_time, DateTime::to_iso_string, |d: &DateTime| {
    match DateFormat::current() {
        DateFormat::Iso => DateText::Iso(d.0),
        DateFormat::Wcf => DateText::Wcf(d.0),
    }
});

impl DateTime {
    /// RFC 3339 text such as `2024-05-01T10:20:30Z` or `2024-05-01T12:20:30.5+02:00`.
    #[must_use]
    #[inline]
    pub fn to_iso_string(&self) -> String {
        DateText::Iso(self.0).to_string()
    }

    /// WCF text such as `/Date(1714558830000)/`, or `/Date(1714558830000+0200)/`
    /// when the offset is not UTC. Sub-millisecond digits are dropped.
    #[must_use]
    #[inline]
    pub fn to_wcf_string(&self) -> String {
        DateText::Wcf(self.0).to_string()
    }
}

impl Default for DateTime {
    #[inline]
    fn default() -> Self {
        let min = OffsetDateTime::from_unix_timestamp(-62_135_596_800);
        Self(min.unwrap_or(OffsetDateTime::UNIX_EPOCH))
    }
}

#[inline]
fn parse_date_time(s: &str) -> Result<OffsetDateTime, ParseError> {
    let t = s.trim();
    let wcf = t.strip_prefix('\\').unwrap_or(t).strip_prefix("/Date(");
    let parsed = match wcf.and_then(|r| r.strip_suffix(")/").or_else(|| r.strip_suffix(")\\/"))) {
        Some(inner) => parse_wcf(inner),
        None => parse_iso(t),
    };
    // Refuse local times whose instant is out of range, e.g. 9999-12-31T23:00-05:00.
    let in_range = |d: &OffsetDateTime| OffsetDateTime::from_unix_timestamp_nanos(d.unix_timestamp_nanos()).is_ok();
    let expected = "ISO 8601 or /Date(ms)/";
    parsed.filter(in_range).ok_or_else(|| ParseError::new("date-time", s, expected))
}

/// A `±hhmm` or `±hh:mm` offset.
#[inline]
fn parse_offset(sc: &mut Scan<'_>) -> Option<UtcOffset> {
    let sign = match sc.next()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = sc.num(2, 2)?;
    sc.eat(b':');
    let m = sc.num(2, 2)?;
    let [h, m] = [h, m].map(|v| sign * i8::try_from(v).unwrap_or(i8::MAX));
    UtcOffset::from_hms(h, m, 0).ok()
}

#[inline]
fn parse_wcf(inner: &str) -> Option<OffsetDateTime> {
    let mut sc = Scan(inner.as_bytes());
    let sign = if sc.eat(b'-') { -1 } else { 1 };
    let ms = sign * i128::from(sc.num(1, 19)?);
    let offset = if sc.0.is_empty() { UtcOffset::UTC } else { parse_offset(&mut sc)? };
    // The milliseconds are UTC: build the local wall time, then attach the offset.
    let local = ms * 1_000_000 + i128::from(offset.whole_seconds()) * NANOS;
    let local = OffsetDateTime::from_unix_timestamp_nanos(local).ok()?;
    sc.0.is_empty().then(|| local.replace_offset(offset))
}

#[inline]
fn parse_iso(t: &str) -> Option<OffsetDateTime> {
    let mut sc = Scan(t.as_bytes());
    let year = i32::try_from(sc.num(4, 4)?).ok()?;
    let month = sc.eat(b'-').then(|| sc.num(2, 2))??;
    let day = sc.eat(b'-').then(|| sc.num(2, 2))??;
    let [month, day] = [month, day].map(|v| u8::try_from(v).unwrap_or(u8::MAX));
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    let mut time = Time::MIDNIGHT;
    if sc.eat(b'T') || sc.eat(b't') || sc.eat(b' ') {
        let h = sc.num(2, 2)?;
        let m = sc.eat(b':').then(|| sc.num(2, 2))??;
        let s = if sc.eat(b':') { sc.num(2, 2)? } else { 0 };
        let ns = if sc.eat(b'.') || sc.eat(b',') { sc.nanos()? } else { 0 };
        let [h, m, s] = [h, m, s].map(|v| u8::try_from(v).unwrap_or(u8::MAX));
        time = Time::from_hms_nano(h, m, s, ns).ok()?;
    }
    let offset = if sc.0.is_empty() || sc.eat(b'Z') || sc.eat(b'z') { UtcOffset::UTC } else { parse_offset(&mut sc)? };
    sc.0.is_empty().then(|| PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// A .NET `TimeSpan`: a signed duration written as an xsd duration
/// (`PT0S`, `P1DT2H3M4.5S`, `-PT1H`); also reads .NET's `1.02:03:04.5` form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeSpan(pub Duration);

wrapper!(TimeSpan, Duration, parse_time_span, xsd, xsd);

/// The xsd form ServiceStack writes: `P1D`, `PT1H30M`, `-PT0.5S`, `PT0S`.
#[inline]
fn xsd(span: &TimeSpan) -> String {
    let d = span.0;
    let secs = d.whole_seconds().unsigned_abs();
    let ticks = d.subsec_nanoseconds().unsigned_abs() / 100;
    let part = |v: u64, unit: char| if v > 0 { format!("{v}{unit}") } else { String::new() };
    let (h, m, s) = (part(secs % 86_400 / 3600, 'H'), part(secs % 3600 / 60, 'M'), secs % 60);
    let s = if s > 0 || ticks > 0 || secs == 0 { format!("{s}{}S", ticks_text(ticks)) } else { String::new() };
    let time = format!("{h}{m}{s}");
    let time = if time.is_empty() { time } else { format!("T{time}") };
    let sign = if d.is_negative() && (secs > 0 || ticks > 0) { "-" } else { "" };
    format!("{sign}P{}{time}", part(secs / 86_400, 'D'))
}

#[inline]
fn parse_time_span(s: &str) -> Result<Duration, ParseError> {
    let t = s.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let nanos = body.strip_prefix('P').map_or_else(|| parse_clock(body), parse_xsd);
    let to_duration = |n: i128| {
        let n = if body.len() < t.len() { -n } else { n };
        let secs = i64::try_from(n / NANOS).ok()?;
        Some(Duration::new(secs, i32::try_from(n % NANOS).ok()?))
    };
    let expected = "an xsd duration like P1DT2H3M4.5S or [-][d.]hh:mm:ss[.fffffff]";
    nanos.and_then(to_duration).ok_or_else(|| ParseError::new("time span", s, expected))
}

/// The part of an xsd duration after `P`, as nanoseconds (Y = 365 days, M = 30 days, as .NET).
#[inline]
fn parse_xsd(rest: &str) -> Option<i128> {
    const DAY: i128 = 86_400 * NANOS;
    let mut sc = Scan(rest.as_bytes());
    let (mut total, mut in_time, mut any) = (0i128, false, false);
    while !sc.0.is_empty() {
        if !in_time && sc.eat(b'T') {
            in_time = true;
            continue;
        }
        let value = i128::from(sc.num(1, 20)?);
        let frac = if sc.eat(b'.') || sc.eat(b',') { sc.nanos()? } else { 0 };
        let unit = match (in_time, sc.next()?) {
            (false, b'Y') => 365 * DAY,
            (false, b'M') => 30 * DAY,
            (false, b'W') => 7 * DAY,
            (false, b'D') => DAY,
            (true, b'H') => 3600 * NANOS,
            (true, b'M') => 60 * NANOS,
            (true, b'S') => NANOS,
            _ => return None,
        };
        if frac > 0 && unit != NANOS {
            return None;
        }
        total = total.checked_add(value.checked_mul(unit)?.checked_add(frac.into())?)?;
        any = true;
    }
    any.then_some(total)
}

/// .NET's constant form `[d.]hh:mm[:ss[.fffffff]]`, as nanoseconds.
#[inline]
fn parse_clock(body: &str) -> Option<i128> {
    let mut sc = Scan(body.as_bytes());
    let first = i128::from(sc.num(1, 20)?);
    let (days, hours) = if sc.eat(b'.') { (first, i128::from(sc.num(1, 20)?)) } else { (0, first) };
    let minutes = sc.eat(b':').then(|| sc.num(1, 2))??;
    let seconds = if sc.eat(b':') { sc.num(1, 2)? } else { 0 };
    let frac = if sc.eat(b'.') { sc.nanos()? } else { 0 };
    if !sc.0.is_empty() || minutes > 59 || seconds > 59 {
        return None;
    }
    let secs = days.checked_mul(86_400)?.checked_add(hours.checked_mul(3600)?)?;
    let secs = secs.checked_add((minutes * 60 + seconds).into())?;
    secs.checked_mul(NANOS)?.checked_add(frac.into())
}

/// A .NET `byte[]`, written as padded standard base64; reads base64 with or
/// without padding, or a JSON array of numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bytes(pub Vec<u8>);

wrapper!(Bytes, Vec<u8>, parse_base64, |b: &Bytes| STANDARD.encode(&b.0));

#[inline]
fn parse_base64(s: &str) -> Result<Vec<u8>, ParseError> {
    let decoded = STANDARD_PAD_INDIFFERENT.decode(s.trim());
    decoded.map_err(|_| ParseError::new("byte array", s, "standard base64"))
}

impl Serialize for Bytes {
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Bytes;
            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string or an array of bytes")
            }
            #[inline]
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                v.parse().map_err(E::custom)
            }
            #[inline]
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(b) = seq.next_element()? {
                    out.push(b);
                }
                Ok(Bytes(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A .NET `decimal` (96-bit mantissa, up to 28 decimal places), written as a
/// JSON number when that is exact and as a numeric string otherwise; reads
/// numbers and numeric strings (see the module docs for precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decimal(pub rust_decimal::Decimal);

wrapper!(Decimal, rust_decimal::Decimal, parse_decimal, |d: &Decimal| d.0);

const DECIMAL_RANGE: &str = "a number within ±79228162514264337593543950335, at most 28 decimal places";

#[inline]
fn parse_decimal(s: &str) -> Result<rust_decimal::Decimal, ParseError> {
    let t = s.trim();
    let exact = rust_decimal::Decimal::from_str_exact(t);
    let parsed = exact.or_else(|_| rust_decimal::Decimal::from_scientific(t));
    parsed.map_err(|_| ParseError::new("decimal", s, DECIMAL_RANGE))
}

impl Serialize for Decimal {
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if let (0, Ok(v)) = (d.scale(), i64::try_from(d.mantissa())) {
            return s.serialize_i64(v);
        }
        if let (0, Ok(v)) = (d.scale(), u64::try_from(d.mantissa())) {
            return s.serialize_u64(v);
        }
        let text = d.to_string();
        // serde_json writes the shortest text that reads back as `f` (as `{f}` does), and
        // uses plain notation at least in this range.
        let plain = |f: f64| (1e-5..1e15).contains(&f.abs());
        match text.parse::<f64>() {
            Ok(f) if plain(f) && format!("{f}").parse().ok() == Some(d) => s.serialize_f64(f),
            _ => s.serialize_str(&text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Decimal;
            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number or numeric string")
            }
            #[inline]
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.into()))
            }
            #[inline]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.into()))
            }
            #[inline]
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                // The shortest text of the f64, so that 12.345 stays 12.345.
                let parsed = format!("{v}").parse().ok().filter(|_| v.is_finite());
                let err = format!("invalid decimal {v:?}: expected {DECIMAL_RANGE}");
                parsed.map(Decimal).ok_or_else(|| E::custom(err))
            }
            #[inline]
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}
