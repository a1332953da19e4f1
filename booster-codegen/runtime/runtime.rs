//! Wire types shared by every generated ServiceStack DTO crate.
//!
//! The generator copies this file verbatim into each crate. It wraps the .NET
//! types whose JSON form differs from serde's defaults. Each wrapper is a
//! newtype with a public field, `From`/`Into` and `Deref` to the wrapped type,
//! `Display` and `FromStr` (errors are [`ParseError`]) and serde support.
//!
//! | .NET      | Rust         | written as                   | read from                                      |
//! |-----------|--------------|------------------------------|------------------------------------------------|
//! | DateTime  | [`DateTime`] | ISO 8601 or `/Date(ms)/`     | `/Date(ms±hhmm)/`, ISO 8601, date only         |
//! | TimeSpan  | [`TimeSpan`] | xsd duration `P1DT2H3M4.5S`  | xsd duration, .NET `[-][d.]hh:mm[:ss[.f]]`     |
//! | byte\[\]  | [`Bytes`]    | base64, padded               | base64 (padded or not), array of numbers       |
//! | decimal   | [`Decimal`]  | JSON number                  | JSON number, numeric string                    |
//! | Guid      | `uuid::Uuid` | dashed lowercase hex         | 32 hex digits, with or without dashes          |
//!
//! **Dates.** ServiceStack writes WCF dates by default: `"\/Date(1714558830000)\/"`,
//! milliseconds since the Unix epoch (UTC) with an optional `±hhmm` suffix
//! giving the sender's offset (`-0000` means "unspecified kind"). JSON
//! unescaping turns `\/` into `/`; both spellings are accepted. The instant is
//! kept and shown in the suffix's offset; no suffix or `-0000` means UTC.
//! Servers configured for ISO 8601 write `0001-01-01T00:00:00.0000000` with up
//! to 7 fraction digits (.NET ticks) and an optional `Z` or `±hh:mm`; without
//! one the value is taken as UTC. JSV writes date-only values, read as
//! midnight UTC. Dates are written as RFC 3339 (`2024-05-01T10:20:30Z`, a
//! fraction only when non-zero, at most 7 digits), or as
//! `/Date(1714558830000)/` when the crate's cargo feature `wcf-dates` is on.
//! Years 0001 through 9999 are supported.
//!
//! **Durations** use the xsd form ServiceStack writes (`PT0S`, `P1DT2H3M4.5S`,
//! `-PT1H`, `PT0.0000001S`); written fractions are truncated to 100 ns ticks.
//!
//! **Decimals** are written as exact JSON numbers when the value survives the
//! trip through serde_json's `f64` printing: every integer and every value
//! with at most 15 significant digits. Longer fractional values (up to the 28
//! digits of a .NET decimal) are written as a JSON *string* holding the exact
//! digits, which ServiceStack parses back into a decimal; rounding them to an
//! `f64` would silently change amounts. Reading a JSON number goes through
//! `f64` (serde_json without `arbitrary_precision`), so only about 15
//! significant digits survive; numeric strings are read exactly.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Error returned by the `FromStr` impls of this module; its message names the
/// bad value and the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl ParseError {
    fn new(kind: &str, value: &str, expected: &str) -> Self {
        Self(format!("invalid {kind} {value:?}: expected {expected}"))
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// Implements `From` both ways, `Deref`, `DerefMut` and `FromStr` (via `$parse`).
macro_rules! wrapper {
    ($name:ident, $inner:ty, $parse:expr) => {
        impl From<$inner> for $name {
            fn from(v: $inner) -> Self {
                Self(v)
            }
        }
        impl From<$name> for $inner {
            fn from(v: $name) -> Self {
                v.0
            }
        }
        impl Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.0
            }
        }
        impl DerefMut for $name {
            fn deref_mut(&mut self) -> &mut $inner {
                &mut self.0
            }
        }
        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                $parse(s).map(Self)
            }
        }
    };
}

/// Deserializes a string and parses it with `FromStr`.
fn de_str<'de, D: Deserializer<'de>, T: FromStr<Err = ParseError>>(d: D) -> Result<T, D::Error> {
    String::deserialize(d)?.parse().map_err(de::Error::custom)
}

const NANOS_PER_SEC: i128 = 1_000_000_000;

/// A tiny byte cursor for the hand-written parsers below.
struct Scan<'a>(&'a [u8]);

impl Scan<'_> {
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn eat(&mut self, b: u8) -> bool {
        let hit = self.0.first() == Some(&b);
        if hit {
            self.0 = &self.0[1..];
        }
        hit
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
    /// One to `max` digits as a number, or `None` (also on overflow).
    fn digits(&mut self, max: usize) -> Option<u64> {
        let n = self.0.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
        let (digits, rest) = self.0.split_at(n);
        self.0 = rest;
        let fold = |acc: u64, &d: &u8| acc.checked_mul(10)?.checked_add(u64::from(d - b'0'));
        if n == 0 { None } else { digits.iter().try_fold(0, fold) }
    }
    /// Exactly `len` digits.
    fn fixed(&mut self, len: usize) -> Option<u64> {
        let before = self.0.len();
        self.digits(len).filter(|_| before - self.0.len() == len)
    }
    /// A decimal fraction (digits after the point) as nanoseconds; digits
    /// beyond the ninth are ignored.
    fn nanos(&mut self) -> Option<u32> {
        let n = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        let (digits, rest) = self.0.split_at(n);
        self.0 = rest;
        let padded = digits.iter().chain(std::iter::repeat(&b'0')).take(9);
        (n > 0).then(|| padded.fold(0, |acc, &d| acc * 10 + u32::from(d - b'0')))
    }
}

/// Appends `.fffffff` (trailing zeros trimmed) for a non-zero count of 100 ns ticks.
fn push_ticks(s: &mut String, ticks: u32) {
    if ticks > 0 {
        let frac = format!(".{ticks:07}");
        s.push_str(frac.trim_end_matches('0'));
    }
}

/// Formats a UTC offset as `+hh{sep}mm` (seconds are dropped).
fn offset_text(off: UtcOffset, sep: &str) -> String {
    let sign = if off.is_negative() { '-' } else { '+' };
    let (h, m, _) = off.as_hms();
    format!("{sign}{:02}{sep}{:02}", h.unsigned_abs(), m.unsigned_abs())
}

/// A .NET `DateTime`: an instant with the UTC offset it was written in.
///
/// Reads WCF `/Date(ms±hhmm)/`, ISO 8601 date-times and date-only values;
/// writes RFC 3339 (or WCF with the `wcf-dates` feature). See the module docs.
/// The default is .NET's `DateTime.MinValue`, `0001-01-01T00:00:00Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(pub OffsetDateTime);

wrapper!(DateTime, OffsetDateTime, parse_date_time);

impl DateTime {
    /// RFC 3339 text such as `2024-05-01T10:20:30Z` or `2024-05-01T12:20:30.5+02:00`.
    pub fn to_iso_string(&self) -> String {
        let d = self.0;
        let mut s = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        );
        push_ticks(&mut s, d.nanosecond() / 100);
        match d.offset() {
            off if off.is_utc() => s.push('Z'),
            off => s.push_str(&offset_text(off, ":")),
        }
        s
    }

    /// WCF text such as `/Date(1714558830000)/`, with a `±hhmm` suffix when the
    /// offset is not UTC. Sub-millisecond precision is dropped.
    pub fn to_wcf_string(&self) -> String {
        let ms = self.0.unix_timestamp_nanos().div_euclid(1_000_000);
        match self.0.offset() {
            off if off.is_utc() => format!("/Date({ms})/"),
            off => format!("/Date({ms}{})/", offset_text(off, "")),
        }
    }
}

impl Default for DateTime {
    fn default() -> Self {
        let min = OffsetDateTime::from_unix_timestamp(-62_135_596_800);
        Self(min.unwrap_or(OffsetDateTime::UNIX_EPOCH))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso_string())
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if cfg!(feature = "wcf-dates") {
            s.serialize_str(&self.to_wcf_string())
        } else {
            s.serialize_str(&self.to_iso_string())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_str(d)
    }
}

fn parse_date_time(s: &str) -> Result<OffsetDateTime, ParseError> {
    let t = s.trim();
    let wcf = t
        .strip_prefix('\\')
        .unwrap_or(t)
        .strip_prefix("/Date(")
        .and_then(|r| r.strip_suffix(")/").or_else(|| r.strip_suffix(")\\/")));
    let parsed = match wcf {
        Some(inner) => parse_wcf(inner),
        None => parse_iso(t),
    };
    // Refuse instants without a UTC representation (e.g. 9999-12-31T23:00-05:00).
    parsed
        .filter(|d| OffsetDateTime::from_unix_timestamp_nanos(d.unix_timestamp_nanos()).is_ok())
        .ok_or_else(|| ParseError::new("date-time", s, "ISO 8601 or /Date(ms)/"))
}

/// A `±hhmm` or `±hh:mm` offset; the sign has not been consumed yet.
fn parse_offset(sc: &mut Scan<'_>, colon: bool) -> Option<UtcOffset> {
    let sign = match sc.next()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = i8::try_from(sc.fixed(2)?).ok()?;
    if colon {
        sc.eat(b':');
    }
    let m = i8::try_from(sc.fixed(2)?).ok()?;
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

fn parse_wcf(inner: &str) -> Option<OffsetDateTime> {
    let mut sc = Scan(inner.as_bytes());
    let sign = if sc.eat(b'-') { -1 } else { 1 };
    let ms = sign * i128::from(sc.digits(19)?);
    let offset = if sc.done() { UtcOffset::UTC } else { parse_offset(&mut sc, false)? };
    if !sc.done() {
        return None;
    }
    // The milliseconds are UTC; build the local wall time, then attach the offset.
    let local = ms * 1_000_000 + i128::from(offset.whole_seconds()) * NANOS_PER_SEC;
    Some(OffsetDateTime::from_unix_timestamp_nanos(local).ok()?.replace_offset(offset))
}

fn parse_iso(t: &str) -> Option<OffsetDateTime> {
    let mut sc = Scan(t.as_bytes());
    let year = i32::try_from(sc.fixed(4)?).ok()?;
    let month = sc.eat(b'-').then(|| sc.fixed(2))??;
    let day = sc.eat(b'-').then(|| sc.fixed(2))??;
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    let mut time = Time::MIDNIGHT;
    if sc.eat(b'T') || sc.eat(b't') || sc.eat(b' ') {
        let h = sc.fixed(2)?;
        let m = sc.eat(b':').then(|| sc.fixed(2))??;
        let s = if sc.eat(b':') { sc.fixed(2)? } else { 0 };
        let ns = if sc.eat(b'.') || sc.eat(b',') { sc.nanos()? } else { 0 };
        let [h, m, s] = [h, m, s].map(|v| u8::try_from(v).unwrap_or(u8::MAX));
        time = Time::from_hms_nano(h, m, s, ns).ok()?;
    }
    let offset = if sc.done() || sc.eat(b'Z') || sc.eat(b'z') {
        UtcOffset::UTC
    } else {
        parse_offset(&mut sc, true)?
    };
    sc.done().then(|| PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// A .NET `TimeSpan`: a signed duration, written as an xsd duration (`PT0S`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeSpan(pub time::Duration);

wrapper!(TimeSpan, time::Duration, parse_time_span);

impl fmt::Display for TimeSpan {
    /// Writes the xsd form ServiceStack uses: `P1D`, `PT1H30M`, `-PT0.5S`, `PT0S`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.whole_seconds().unsigned_abs();
        let ticks = self.0.subsec_nanoseconds().unsigned_abs() / 100;
        let (days, rem) = (secs / 86_400, secs % 86_400);
        let negative = self.0.is_negative() && (secs > 0 || ticks > 0);
        let mut s = String::from(if negative { "-P" } else { "P" });
        if days > 0 {
            s.push_str(&format!("{days}D"));
        }
        if rem > 0 || ticks > 0 || days == 0 {
            s.push('T');
            let (h, m, sec) = (rem / 3600, rem % 3600 / 60, rem % 60);
            for (v, unit) in [(h, 'H'), (m, 'M')] {
                if v > 0 {
                    s.push_str(&format!("{v}{unit}"));
                }
            }
            if sec > 0 || ticks > 0 || rem == 0 {
                s.push_str(&sec.to_string());
                push_ticks(&mut s, ticks);
                s.push('S');
            }
        }
        f.write_str(&s)
    }
}

impl Serialize for TimeSpan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeSpan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_str(d)
    }
}

fn parse_time_span(s: &str) -> Result<time::Duration, ParseError> {
    let t = s.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let nanos = match body.strip_prefix('P') {
        Some(xsd) => parse_xsd(xsd),
        None => parse_clock(body),
    };
    nanos
        .map(|n| if negative { -n } else { n })
        .and_then(|n| {
            let secs = i64::try_from(n / NANOS_PER_SEC).ok()?;
            let subsec = i32::try_from(n % NANOS_PER_SEC).ok()?;
            Some(time::Duration::new(secs, subsec))
        })
        .ok_or_else(|| {
            ParseError::new("time span", s, "an xsd duration like P1DT2H3M4.5S or [-][d.]hh:mm:ss[.f]")
        })
}

/// The part of an xsd duration after `P`, as nanoseconds (Y = 365 days, M = 30 days, as .NET).
fn parse_xsd(xsd: &str) -> Option<i128> {
    const DAY: i128 = 86_400 * NANOS_PER_SEC;
    let mut sc = Scan(xsd.as_bytes());
    let (mut total, mut in_time, mut any) = (0i128, false, false);
    while !sc.done() {
        if !in_time && sc.eat(b'T') {
            in_time = true;
            continue;
        }
        let value = i128::from(sc.digits(20)?);
        let frac = if sc.eat(b'.') || sc.eat(b',') { sc.nanos()? } else { 0 };
        let unit = match (in_time, sc.next()?) {
            (false, b'Y') => 365 * DAY,
            (false, b'M') => 30 * DAY,
            (false, b'W') => 7 * DAY,
            (false, b'D') => DAY,
            (true, b'H') => 3600 * NANOS_PER_SEC,
            (true, b'M') => 60 * NANOS_PER_SEC,
            (true, b'S') => NANOS_PER_SEC,
            _ => return None,
        };
        if frac > 0 && unit != NANOS_PER_SEC {
            return None;
        }
        total = total.checked_add(value.checked_mul(unit)?.checked_add(frac.into())?)?;
        any = true;
    }
    any.then_some(total)
}

/// The .NET constant form `[d.]hh:mm[:ss[.fffffff]]`, as nanoseconds.
fn parse_clock(body: &str) -> Option<i128> {
    let mut sc = Scan(body.as_bytes());
    let first = i128::from(sc.digits(20)?);
    let (days, hours) = if sc.eat(b'.') { (first, i128::from(sc.digits(20)?)) } else { (0, first) };
    let minutes = sc.eat(b':').then(|| sc.digits(2))??;
    let seconds = if sc.eat(b':') { sc.digits(2)? } else { 0 };
    let frac = if sc.eat(b'.') { sc.nanos()? } else { 0 };
    if !sc.done() || minutes > 59 || seconds > 59 {
        return None;
    }
    let secs = days.checked_mul(86_400)?.checked_add(hours.checked_mul(3600)?)?;
    let secs = secs.checked_add(i128::from(minutes * 60 + seconds))?;
    secs.checked_mul(NANOS_PER_SEC)?.checked_add(i128::from(frac))
}

/// A .NET `byte[]`: written as padded standard base64.
///
/// Reads base64 with or without padding, or a JSON array of numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bytes(pub Vec<u8>);

wrapper!(Bytes, Vec<u8>, parse_base64);

fn parse_base64(s: &str) -> Result<Vec<u8>, ParseError> {
    STANDARD_PAD_INDIFFERENT
        .decode(s.trim())
        .map_err(|_| ParseError::new("byte array", s, "standard base64"))
}

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string or an array of bytes")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
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

/// A .NET `decimal` (96-bit mantissa, up to 28 decimal places).
///
/// Written as a JSON number when that is exact, else as an exact numeric
/// string; read from a JSON number or a numeric string. See the module docs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decimal(pub rust_decimal::Decimal);

wrapper!(Decimal, rust_decimal::Decimal, parse_decimal);

const DECIMAL_RANGE: &str = "a number within ±79228162514264337593543950335";

fn parse_decimal(s: &str) -> Result<rust_decimal::Decimal, ParseError> {
    let t = s.trim();
    rust_decimal::Decimal::from_str_exact(t)
        .or_else(|_| rust_decimal::Decimal::from_scientific(t))
        .map_err(|_| ParseError::new("decimal", s, DECIMAL_RANGE))
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0 {
            let m = d.mantissa();
            return match i64::try_from(m) {
                Ok(v) => s.serialize_i64(v),
                Err(_) => s.serialize_i128(m),
            };
        }
        let text = d.to_string();
        match text.parse::<f64>() {
            Ok(f) if format!("{f}").parse::<rust_decimal::Decimal>().ok() == Some(d) => s.serialize_f64(f),
            _ => s.serialize_str(&text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number or numeric string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                // Shortest round-trip text of the f64, so 12.345 stays 12.345.
                let parsed = format!("{v}").parse().ok().filter(|_| v.is_finite());
                let err = || E::custom(format!("invalid decimal {v:?}: expected {DECIMAL_RANGE}"));
                parsed.map(Decimal).ok_or_else(err)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn de<T: DeserializeOwned>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + fmt::Debug>(v: &T) {
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(&de::<T>(&json).unwrap(), v, "{json}");
    }

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn wcf_dates() {
        let utc = dt("/Date(1714558830000)/");
        assert_eq!(utc.to_iso_string(), "2024-05-01T10:20:30Z");
        assert_eq!(utc.to_wcf_string(), "/Date(1714558830000)/");
        let plus2 = de::<DateTime>(r#""\/Date(1714558830000+0200)\/""#).unwrap();
        assert_eq!(plus2, utc);
        assert_eq!(plus2.offset(), UtcOffset::from_hms(2, 0, 0).unwrap());
        assert_eq!(plus2.to_iso_string(), "2024-05-01T12:20:30+02:00");
        assert_eq!(plus2.to_wcf_string(), "/Date(1714558830000+0200)/");
        assert_eq!(dt(r"\/Date(1714558830000-0530)\/").to_wcf_string(), "/Date(1714558830000-0530)/");
        let min = dt("/Date(-62135596800000-0000)/");
        assert_eq!(min.to_iso_string(), "0001-01-01T00:00:00Z");
        assert_eq!((min, min.offset()), (DateTime::default(), UtcOffset::UTC));
        assert_eq!(min.to_wcf_string(), "/Date(-62135596800000)/");
    }

    #[test]
    fn iso_dates() {
        let d = dt("2024-05-01T10:20:30.1234567Z");
        assert_eq!(d.nanosecond(), 123_456_700);
        assert_eq!(d.to_iso_string(), "2024-05-01T10:20:30.1234567Z");
        assert_eq!(dt("2024-05-01T10:20:30.5000000").to_iso_string(), "2024-05-01T10:20:30.5Z");
        assert_eq!(dt("2024-05-01T12:20:30+02:00"), dt("2024-05-01T10:20:30Z"));
        assert_eq!(dt("0001-01-01T00:00:00.0000000"), DateTime::default());
        assert_eq!(dt("0001-01-01"), DateTime::default());
        assert_eq!(dt("2024-05-01").to_string(), "2024-05-01T00:00:00Z");
        let json = serde_json::to_string(&dt("2024-05-01T10:20:30Z")).unwrap();
        let want = if cfg!(feature = "wcf-dates") { "/Date(1714558830000)/" } else { "2024-05-01T10:20:30Z" };
        assert_eq!(json, format!("\"{want}\""));
    }

    #[test]
    fn invalid_dates_error() {
        let msg = "2024-13-01".parse::<DateTime>().unwrap_err().to_string();
        assert_eq!(msg, r#"invalid date-time "2024-13-01": expected ISO 8601 or /Date(ms)/"#);
        for bad in [
            "", "2024-02-30", "2024-05-01T25:00", "2024-05-01T10:20:30+", "2024-05-01X", "24-05-01",
            "/Date()/", "/Date(12x)/", "/Date(99999999999999999999)/", "/Date(1+0160)/",
            "/Date(253402300800000)/", "9999-12-31T23:00:00-05:00", "2024-05-01T10:20:30.Z",
        ] {
            assert!(bad.parse::<DateTime>().is_err(), "{bad}");
        }
        let err = de::<DateTime>(r#""/Date(abc)/""#).unwrap_err();
        assert!(err.contains("\"/Date(abc)/\""), "{err}");
    }

    fn ts(s: &str) -> String {
        s.parse::<TimeSpan>().unwrap().to_string()
    }

    #[test]
    fn time_spans() {
        use time::Duration;
        assert_eq!(TimeSpan::default().to_string(), "PT0S");
        assert_eq!(ts("P1DT2H3M4.5S"), "P1DT2H3M4.5S");
        assert_eq!(*"-PT1H".parse::<TimeSpan>().unwrap(), Duration::hours(-1));
        assert_eq!(*"PT0.0000001S".parse::<TimeSpan>().unwrap(), Duration::nanoseconds(100));
        assert_eq!(ts("PT0.0000001S"), "PT0.0000001S");
        assert_eq!(ts("P2D"), "P2D");
        assert_eq!(ts("PT90M"), "PT1H30M");
        assert_eq!(ts("P1W"), "P7D");
        assert_eq!(ts("00:00:00"), "PT0S");
        assert_eq!(ts("1.02:03:04.5"), "P1DT2H3M4.5S");
        assert_eq!(ts("-00:00:01.25"), "-PT1.25S");
        assert_eq!(ts("26:00"), "P1DT2H");
        for bad in ["", "P", "PT", "P1H", "PT1D", "PT1.5M", "1:60", "1:2:3:4", "P99999999999999999999D", "x"] {
            let err = bad.parse::<TimeSpan>().unwrap_err().to_string();
            assert!(err.starts_with(&format!("invalid time span {bad:?}")), "{err}");
        }
        round_trip(&TimeSpan(Duration::new(-93_784, -500_000_000)));
        round_trip(&TimeSpan(Duration::ZERO));
    }

    #[test]
    fn bytes() {
        let b = Bytes(b"hello!?".to_vec());
        assert_eq!(serde_json::to_string(&b).unwrap(), r#""aGVsbG8hPw==""#);
        assert_eq!(de::<Bytes>(r#""aGVsbG8hPw""#).unwrap(), b);
        assert_eq!(de::<Bytes>("[104,101,108,108,111,33,63]").unwrap(), b);
        assert_eq!(de::<Bytes>(r#""""#).unwrap(), Bytes::default());
        assert!(de::<Bytes>("[256]").is_err());
        assert!(de::<Bytes>(r#""not base64!""#).unwrap_err().contains("\"not base64!\""));
        round_trip(&b);
    }

    #[test]
    fn decimals() {
        let d = |s: &str| Decimal(s.parse().unwrap());
        assert_eq!(de::<Decimal>("0").unwrap(), d("0"));
        assert_eq!(de::<Decimal>("12.345").unwrap().to_string(), "12.345");
        assert_eq!(de::<Decimal>(r#""12.345""#).unwrap(), d("12.345"));
        assert_eq!(de::<Decimal>("-7").unwrap(), d("-7"));
        assert_eq!(de::<Decimal>("1.5e3").unwrap(), d("1500"));
        let exact = "1234567890.1234567890123456789";
        assert_eq!(de::<Decimal>(&format!("\"{exact}\"")).unwrap().to_string(), exact);
        for (v, json) in [("0", "0"), ("12.3450", "12.345"), ("-0.5", "-0.5"), (exact, "\"1234567890.1234567890123456789\"")] {
            assert_eq!(serde_json::to_string(&d(v)).unwrap(), json);
            round_trip(&d(v));
        }
        assert_eq!(serde_json::to_string(&d("79228162514264337593543950335")).unwrap(), "79228162514264337593543950335");
        for bad in ["1e40", "-1e40", "100000000000000000000000000000000", "\"1e40\"", "\"abc\"", "true"] {
            let err = de::<Decimal>(bad).unwrap_err();
            assert!(err.starts_with("invalid"), "{bad}: {err}");
        }
        assert!(de::<Decimal>("1e40").unwrap_err().contains("1e40"));
    }

    #[test]
    fn date_round_trips() {
        // Millisecond precision: the `wcf-dates` feature writes whole milliseconds.
        round_trip(&dt("2024-05-01T12:20:30.123+02:00"));
        round_trip(&DateTime::default());
        round_trip(&Some(dt("9999-12-31T23:59:59.999Z")));
        round_trip(&None::<DateTime>);
    }

    /// Guids are plain `uuid::Uuid`: its serde impl reads ServiceStack's
    /// 32-digit form as well as the dashed one.
    #[test]
    fn uuid_reads_both_forms() {
        let plain = de::<uuid::Uuid>(r#""00000000000000000000000000000000""#).unwrap();
        assert_eq!(plain, uuid::Uuid::nil());
        let a = de::<uuid::Uuid>(r#""1d1f0c5e6a5b4d4fb0b3c2a1e2f3a4b5""#).unwrap();
        assert_eq!(a, de::<uuid::Uuid>(r#""1d1f0c5e-6a5b-4d4f-b0b3-c2a1e2f3a4b5""#).unwrap());
    }
}
