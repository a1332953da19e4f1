//! The runtime every generated crate carries (`booster-codegen/runtime/runtime.rs`), tested through
//! `booster_dtos::runtime`: these tests stay in this repository rather than in each generated crate.

use std::fmt;

use booster_dtos::runtime::{Bytes, DateFormat, DateTime, Decimal, TimeSpan};
use serde::{Serialize, de::DeserializeOwned};
use time::Duration;

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
fn reads_dates() {
    for (input, iso) in [
        ("/Date(1714558830000)/", "2024-05-01T10:20:30Z"),
        (r"\/Date(1714558830000+0200)\/", "2024-05-01T12:20:30+02:00"),
        ("/Date(1714558830000-0530)/", "2024-05-01T04:50:30-05:30"),
        ("/Date(-62135596800000-0000)/", "0001-01-01T00:00:00Z"),
        ("2024-05-01T10:20:30.1234567Z", "2024-05-01T10:20:30.1234567Z"),
        ("2024-05-01T10:20:30.5000000", "2024-05-01T10:20:30.5Z"),
        ("2024-05-01T12:20:30-02:30", "2024-05-01T12:20:30-02:30"),
        ("0001-01-01T00:00:00.0000000", "0001-01-01T00:00:00Z"),
        ("0001-01-01", "0001-01-01T00:00:00Z"),
        ("2024-05-01 10:20", "2024-05-01T10:20:00Z"),
    ] {
        assert_eq!(dt(input).to_iso_string(), iso);
    }
    // The offset keeps the instant: 12:20:30+02:00 is 10:20:30Z.
    let plus2 = de::<DateTime>(r#""\/Date(1714558830000+0200)\/""#).unwrap();
    assert_eq!((plus2, plus2.offset().whole_hours()), (dt("2024-05-01T10:20:30Z"), 2));
    assert_eq!(dt("/Date(-62135596800000-0000)/"), DateTime::default());
}

#[test]
fn writes_dates() {
    assert_eq!(dt("2024-05-01T10:20:30Z").to_wcf_string(), "/Date(1714558830000)/");
    assert_eq!(dt("2024-05-01T12:20:30+02:00").to_wcf_string(), "/Date(1714558830000+0200)/");
    assert_eq!(DateTime::default().to_wcf_string(), "/Date(-62135596800000)/");
    // ISO 8601 by default, whatever features are on; WCF only where a caller asks.
    let date = dt("2024-05-01T10:20:30Z");
    assert_eq!(serde_json::to_string(&date).unwrap(), r#""2024-05-01T10:20:30Z""#);
    let wcf = DateFormat::Wcf.scope(|| serde_json::to_string(&[date, dt("2024-05-01T12:20:30+02:00")]));
    assert_eq!(wcf.unwrap(), r#"["/Date(1714558830000)/","/Date(1714558830000+0200)/"]"#);
    assert_eq!(serde_json::to_string(&date).unwrap(), r#""2024-05-01T10:20:30Z""#, "the scope ends");
    assert_eq!(DateFormat::Iso.scope(|| DateFormat::Wcf.scope(DateFormat::current)), DateFormat::Wcf);
    assert_eq!(DateFormat::current(), DateFormat::Iso);
    // A panic inside the scope still restores ISO.
    let _ = std::panic::catch_unwind(|| DateFormat::Wcf.scope(|| panic!("inside")));
    assert_eq!(serde_json::to_string(&date).unwrap(), r#""2024-05-01T10:20:30Z""#);
    // WCF keeps whole milliseconds, which read back as the same instant.
    let wcf = DateFormat::Wcf.scope(|| serde_json::to_string(&date)).unwrap();
    assert_eq!(de::<DateTime>(&wcf).unwrap(), date);
    round_trip(&dt("2024-05-01T12:20:30.123-05:30"));
    round_trip(&DateTime::default());
    round_trip(&Some(dt("9999-12-31T23:59:59.999Z")));
    round_trip(&None::<DateTime>);
}

#[test]
fn invalid_dates_error() {
    let msg = "2024-13-01".parse::<DateTime>().unwrap_err().to_string();
    assert_eq!(msg, r#"invalid date-time "2024-13-01": expected ISO 8601 or /Date(ms)/"#);
    let bad = "|2024-02-30|2024-05-01T25:00|2024-05-01T10:20:30+|2024-05-01X|24-05-01|2024-05-01T10:20:30.Z|\
        /Date()/|/Date(12x)/|/Date(99999999999999999999)/|/Date(1+0160)/|/Date(1+01)/|/Date(253402300800000)/|\
        9999-12-31T23:00:00-05:00";
    for bad in bad.split('|') {
        assert!(bad.parse::<DateTime>().is_err(), "{bad}");
    }
    let err = de::<DateTime>(r#""/Date(abc)/""#).unwrap_err();
    assert!(err.contains("\"/Date(abc)/\""), "{err}");
    assert!(de::<DateTime>("0").is_err());
}

#[test]
fn time_spans() {
    assert_eq!(*"-PT1H".parse::<TimeSpan>().unwrap(), Duration::hours(-1));
    assert_eq!(*"PT0.0000001S".parse::<TimeSpan>().unwrap(), Duration::nanoseconds(100));
    for (input, xsd) in [
        ("P1DT2H3M4.5S", "P1DT2H3M4.5S"),
        ("PT0.0000001S", "PT0.0000001S"),
        ("P2D", "P2D"),
        ("PT90M", "PT1H30M"),
        ("P1W", "P7D"),
        ("00:00:00", "PT0S"), // also the default
        ("1.02:03:04.5", "P1DT2H3M4.5S"),
        ("-00:00:01.25", "-PT1.25S"),
        ("26:00", "P1DT2H"),
    ] {
        assert_eq!(input.parse::<TimeSpan>().unwrap().to_string(), xsd);
    }
    for bad in "|P|PT|P1H|PT1D|PT1.5M|1:60|1:2:3:4|P99999999999999999999D|x".split('|') {
        let err = bad.parse::<TimeSpan>().unwrap_err().to_string();
        assert!(err.starts_with(&format!("invalid time span {bad:?}")), "{err}");
    }
    round_trip(&TimeSpan(Duration::new(-93_784, -500_000_000)));
    round_trip(&TimeSpan::default());
}

#[test]
fn bytes() {
    let b = Bytes(b"hello!?".to_vec());
    assert_eq!(serde_json::to_string(&b).unwrap(), r#""aGVsbG8hPw==""#);
    assert_eq!(de::<Bytes>(r#""aGVsbG8hPw""#).unwrap(), b);
    assert_eq!(de::<Bytes>("[104,101,108,108,111,33,63]").unwrap(), b);
    assert_eq!(de::<Bytes>(r#""""#).unwrap(), Bytes::default());
    assert!(de::<Bytes>("[256]").is_err());
    let err = de::<Bytes>(r#""not base64!""#).unwrap_err();
    assert!(err.contains("\"not base64!\""), "{err}");
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
    let max = "79228162514264337593543950335";
    for (v, json) in [
        ("0", "0".to_string()),
        ("12.3450", "12.345".into()),
        ("-0.5", "-0.5".into()),
        ("18446744073709551615", "18446744073709551615".into()),
        ("0.0000001", r#""0.0000001""#.into()),
        (max, format!("\"{max}\"")),
        (exact, format!("\"{exact}\"")),
    ] {
        assert_eq!(serde_json::to_string(&d(v)).unwrap(), json);
        round_trip(&d(v));
    }
    for bad in ["1e40", "-1e40", "100000000000000000000000000000000", r#""1e40""#, r#""a""#] {
        let err = de::<Decimal>(bad).unwrap_err();
        assert!(err.starts_with("invalid decimal"), "{bad}: {err}");
    }
    assert!(de::<Decimal>("1e40").unwrap_err().contains("1e40"));
    assert!(de::<Decimal>("true").is_err());
}

/// Guids are plain `uuid::Uuid`, whose serde impl reads ServiceStack's
/// 32-digit form as well as the dashed one.
#[test]
fn uuid_reads_both_forms() {
    let nil = de::<uuid::Uuid>(r#""00000000000000000000000000000000""#).unwrap();
    assert_eq!(nil, uuid::Uuid::nil());
    let plain = de::<uuid::Uuid>(r#""1d1f0c5e6a5b4d4fb0b3c2a1e2f3a4b5""#).unwrap();
    let dashed = de::<uuid::Uuid>(r#""1d1f0c5e-6a5b-4d4f-b0b3-c2a1e2f3a4b5""#).unwrap();
    assert_eq!(plain, dashed);
}
