//! The schemas of ServiceStack's primitive types, and a page's example text as a typed value.

use crate::json::Json;
use crate::type_grammar::Prim;

/// ServiceStack's default JSON date, `/Date(-62135596800000-0000)/` (`\/` in JSON text is `/`).
const WCF_DATE: &str = r"^/Date\(-?[0-9]+([+-][0-9]{4})?\)/$";
/// ISO 8601 as ServiceStack writes it for an unspecified kind (up to 7 fraction digits, no
/// offset), and date-only values (JSV, and the pages' own examples).
const ISO_LOCAL: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?)?$";

/// ISO 8601 with an offset (what `date-time` means), as a pattern so the three forms exclude
/// each other even where `format` is only an annotation.
const ISO_OFFSET: &str =
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|z|[+-][0-9]{2}:?[0-9]{2})$";

/// The JSON type a primitive's values take, for typing examples and value lists.
fn json_type(prim: Prim) -> &'static str {
    match prim {
        Prim::Bool => "boolean",
        Prim::Byte | Prim::SByte | Prim::Short | Prim::Int | Prim::Long | Prim::UShort | Prim::UInt | Prim::ULong => {
            "integer"
        }
        Prim::Float | Prim::Double | Prim::Decimal => "number",
        Prim::Object => "any",
        _ => "string",
    }
}

/// A page's example text as a value of this primitive, when it is one.
pub(super) fn typed_value(prim: Prim, text: &str) -> Option<Json> {
    let t = text.trim();
    match json_type(prim) {
        "boolean" => match t.to_ascii_lowercase().as_str() {
            "true" => Some(Json::Bool(true)),
            "false" => Some(Json::Bool(false)),
            _ => None,
        },
        "integer" => {
            t.parse::<i64>().ok().map(Json::int).or_else(|| t.parse::<u64>().ok().map(|n| Json::Number(n.into())))
        }
        "number" => serde_json::from_str::<serde_json::Number>(t).ok().map(Json::Number),
        _ => Some(Json::str(text)),
    }
}

fn int(format: &str, min: Option<i64>, max: Option<u64>) -> Json {
    let mut j = Json::obj().with("type", Json::str("integer")).with("format", Json::str(format));
    if let Some(min) = min {
        j.set("minimum", Json::int(min));
    }
    if let Some(max) = max {
        j.set("maximum", Json::Number(max.into()));
    }
    j
}

/// Three forms no string is in twice, so `oneOf`: a generator makes one variant per form.
fn date() -> Json {
    let form = |key: &str, value: &str, description: &str| {
        Json::obj()
            .with("type", Json::str("string"))
            .with(key, Json::str(value))
            .with("description", Json::str(description))
    };
    let with_offset = form("format", "date-time", "ISO 8601 with an offset").with("pattern", Json::str(ISO_OFFSET));
    Json::obj()
        .with(
            "oneOf",
            Json::Array(vec![
                with_offset,
                form("pattern", ISO_LOCAL, "ISO 8601 without an offset (unspecified kind), or a date alone"),
                form(
                    "pattern",
                    WCF_DATE,
                    "ServiceStack's default JSON form: /Date(milliseconds since the Unix epoch, optional ±hhmm)/",
                ),
            ]),
        )
        .with("x-booster-date-forms", Json::Array(vec![Json::str("iso-8601"), Json::str("wcf")]))
}

fn string(format: &str) -> Json {
    Json::obj().with("type", Json::str("string")).with("format", Json::str(format))
}

fn number(format: &str) -> Json {
    Json::obj().with("type", Json::str("number")).with("format", Json::str(format))
}

pub(super) fn prim_schema(prim: Prim) -> Json {
    let of_type = |t: &str| Json::obj().with("type", Json::str(t));
    match prim {
        Prim::String => of_type("string"),
        Prim::Bool => of_type("boolean"),
        Prim::Byte => int("uint8", Some(0), Some(255)),
        Prim::SByte => int("int8", Some(-128), Some(127)),
        Prim::Short => int("int16", Some(-32768), Some(32767)),
        Prim::UShort => int("uint16", Some(0), Some(65535)),
        Prim::Int => int("int32", None, None),
        Prim::UInt => int("uint32", Some(0), Some(u64::from(u32::MAX))),
        Prim::Long => int("int64", None, None),
        Prim::ULong => int("uint64", Some(0), None),
        Prim::Float => number("float"),
        Prim::Double => number("double"),
        Prim::Decimal => number("decimal"),
        Prim::Char => of_type("string").with("minLength", Json::int(1)).with("maxLength", Json::int(1)),
        Prim::Guid => {
            string("uuid").with("x-booster-guid-forms", Json::Array(vec![Json::str("32-hex"), Json::str("dashed")]))
        }
        Prim::DateTime | Prim::DateTimeOffset => date(),
        Prim::TimeSpan => string("duration"),
        Prim::Object => Json::obj(),
        Prim::Uri => string("uri-reference"),
        Prim::Stream => of_type("string")
            .with("contentMediaType", Json::str("application/octet-stream"))
            .with("contentEncoding", Json::str("base64")),
    }
}
