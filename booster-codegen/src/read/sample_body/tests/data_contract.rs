//! DataContract meaning on variants of the real XML sample in `specs/booster/` (the only XML
//! sample among the stored pages): dotted type names, recased members, cut bodies, and members
//! named like HTML elements.

use super::*;

/// The page holding the ExportCustomer XML request and response samples.
const PAGE: &str = include_str!("../../../../../specs/booster/000_cf3abc803d6a2aac.txt");

/// The ExportCustomer request body as the page shows it.
fn export_customer() -> &'static str {
    let start = PAGE.find("<ExportCustomer ").expect("the request sample");
    let end = PAGE.find("</ExportCustomer>").expect("its end") + "</ExportCustomer>".len();
    &PAGE[start..end]
}

/// The sample with its list items renamed as nested classes are: `Outer.Inner`.
fn dotted() -> String {
    export_customer()
        .replace("d2p1:ProductCategory>", "d2p1:QuerySwatchCounts.Item>")
        .replace("GetCustomerHobby>", "ExportCustomer.Hobby>")
}

/// Every element's local name with its first letter capitalised, as old .NET Framework hosts
/// write members (attributes are left alone).
fn pascal_case(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..=lt]);
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            out.push('/');
            rest = after;
        }
        let name_len = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
        let (prefix, local) = rest[..name_len].split_once(':').map_or(("", &rest[..name_len]), |(p, l)| (p, l));
        if !prefix.is_empty() {
            out.push_str(prefix);
            out.push(':');
        }
        let mut chars = local.chars();
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        out.push_str(chars.as_str());
        rest = &rest[name_len..];
    }
    out.push_str(rest);
    out
}

/// Every object key in a value, at any depth.
fn keys(value: &SampleValue) -> Vec<&str> {
    let mut found = Vec::new();
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            SampleValue::Array(items) => pending.extend(items),
            SampleValue::Object(object) => {
                found.extend(object.keys());
                pending.extend(object.entries.iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
    found
}

fn strings(texts: &[&str]) -> SampleValue {
    SampleValue::Array(texts.iter().map(|t| s(t)).collect())
}

fn category(type_name: &str, case: fn(&str) -> String) -> SampleValue {
    let members = ["brandCategoryId", "categoryId", "grandCategoryId", "masterCategoryId", "subCategoryId"];
    SampleValue::Object(SampleObject {
        type_name: Some(type_name.to_owned()),
        entries: members.iter().map(|m| (case(m), s("String"))).collect(),
    })
}

fn same(name: &str) -> String {
    name.to_owned()
}

fn capitalised(name: &str) -> String {
    pascal_case(&format!("<{name}>")).trim_matches(['<', '>']).to_owned()
}

#[test]
fn the_booster_sample_reads_whole() {
    let read = read_body(export_customer(), 299);
    assert_eq!(read.problems, vec![]);
    let body = body_of(&read);
    assert_eq!(body.root_name.as_deref(), Some("ExportCustomer"));
    assert!(!body.truncated);
    let object = body.value.as_object().expect("an object");
    assert_eq!(object.entries.len(), 23);
    assert_eq!(field(&body.value, "birthdateMonths"), &SampleValue::Array(vec![n("0")]));
    assert_eq!(field(&body.value, "posCodes"), &strings(&["String"]));
    assert_eq!(field(&body.value, "productCategories"), &SampleValue::Array(vec![category("ProductCategory", same)]));
    assert_eq!(
        field(&body.value, "hobbies"),
        &SampleValue::Array(vec![typed(
            Some("GetCustomerHobby"),
            vec![("hobby", s("String")), ("sapHobbyId", s("String"))]
        )])
    );
}

#[test]
fn dotted_item_names_are_types() {
    let text = dotted();
    let read = read_body(&text, 299);
    assert_eq!(read.problems, vec![]);
    let value = &body_of(&read).value;
    assert_eq!(field(value, "productCategories"), &SampleValue::Array(vec![category("QuerySwatchCounts.Item", same)]));
    assert_eq!(
        field(value, "hobbies"),
        &SampleValue::Array(vec![typed(
            Some("ExportCustomer.Hobby"),
            vec![("hobby", s("String")), ("sapHobbyId", s("String"))]
        )])
    );
    assert!(keys(value).iter().all(|key| !key.contains('.')), "{:?}", keys(value));
}

#[test]
fn recased_members_keep_dotted_items_as_lists() {
    let text = pascal_case(&dotted());
    assert!(text.contains("<BirthdateMonths xmlns:d2p1=") && text.contains("<d2p1:Int>0</d2p1:Int>"));
    let read = read_body(&text, 1);
    assert_eq!(read.problems, vec![]);
    let value = &body_of(&read).value;
    assert_eq!(body_of(&read).root_name.as_deref(), Some("ExportCustomer"));
    // A PascalCase member holding one item named like a member: only the dot says it is a list.
    assert_eq!(
        field(value, "ProductCategories"),
        &SampleValue::Array(vec![category("QuerySwatchCounts.Item", capitalised)])
    );
    assert_eq!(
        field(value, "Hobbies"),
        &SampleValue::Array(vec![typed(
            Some("ExportCustomer.Hobby"),
            vec![("Hobby", s("String")), ("SapHobbyId", s("String"))]
        )])
    );
    // Primitive items are lists by their namespace, whatever their case.
    assert_eq!(field(value, "BirthdateMonths"), &SampleValue::Array(vec![n("0")]));
    assert_eq!(field(value, "SaleRepresentativeEmails"), &strings(&["String"]));
    // The same members, recased.
    let camel = read_body(&dotted(), 1);
    let expected: Vec<String> = body_value(&camel).as_object().unwrap().keys().map(capitalised).collect();
    assert_eq!(value.as_object().unwrap().keys().collect::<Vec<_>>(), expected);
}

/// Cut at every character: what is read is the whole read's members up to the cut, each one
/// complete but the last, which keeps its complete part; no dotted name is ever a key.
#[test]
fn cut_anywhere_keeps_the_whole_part() {
    for text in [dotted(), pascal_case(&dotted())] {
        let whole = read_body(&text, 1);
        let whole = body_value(&whole).as_object().expect("an object").clone();
        let mut seen_cuts = 0;
        for (cut, _) in text.char_indices().skip(1) {
            let read = read_body(&text[..cut], 1);
            let Some(body) = &read.body else {
                // Cut inside the root's start tag: nothing to read.
                assert!(cut < text.find('>').unwrap() + 1, "{cut}");
                assert_eq!(sentences(&read), vec![CUT_OFF]);
                continue;
            };
            seen_cuts += 1;
            assert!(body.truncated, "{cut}");
            assert_eq!(body.root_name.as_deref(), Some("ExportCustomer"));
            assert_eq!(read.problems.len(), 1, "{cut}: {:?}", read.problems);
            let object = body.value.as_object().expect("an object");
            let count = object.entries.len();
            assert!(count <= whole.entries.len());
            for (i, (key, value)) in object.entries.iter().enumerate() {
                let (whole_key, whole_value) = &whole.entries[i];
                assert_eq!(key, whole_key, "{cut}");
                if i + 1 < count {
                    assert_eq!(value, whole_value, "{cut}: {key}");
                } else if let (SampleValue::Array(part), SampleValue::Array(all)) = (value, whole_value) {
                    assert!(part.len() <= all.len(), "{cut}: {key}");
                }
            }
            assert!(keys(&body.value).iter().all(|key| !key.contains('.')), "{cut}");
        }
        assert!(seen_cuts > 2_000, "{seen_cuts}");
    }
}

#[test]
fn a_cut_inside_a_dotted_item_keeps_the_list() {
    let text = dotted();
    let cut = text.find("<d2p1:categoryId>").unwrap();
    let read = read_body(&text[..cut], 1);
    let value = body_value(&read);
    assert!(body_of(&read).truncated);
    // The item holds its one complete member, and is still an item of its type.
    assert_eq!(
        field(value, "productCategories"),
        &SampleValue::Array(vec![typed(Some("QuerySwatchCounts.Item"), vec![("brandCategoryId", s("String"))])])
    );
}

/// Members named like HTML elements are members like any other, whatever their case.
#[test]
fn html_named_elements_are_plain_members() {
    for case in [same as fn(&str) -> String, capitalised] {
        let members = format!(
            "<{html}>&lt;p&gt;String&lt;/p&gt;</{html}><{head}><{script}>String</{script}></{head}>\
             <{body}><{table} xmlns:d2p1=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\
             <d2p1:string>String</d2p1:string></{table}></{body}>",
            html = case("html"),
            head = case("head"),
            script = case("script"),
            body = case("body"),
            table = case("table"),
        );
        let text = export_customer().replace("<brand>String</brand>", &members);
        let read = read_body(&text, 1);
        assert_eq!(read.problems, vec![], "{text}");
        let value = body_value(&read);
        assert_eq!(field(value, &case("html")), &s("<p>String</p>"));
        assert_eq!(field(value, &case("head")), &obj(vec![(case("script").as_str(), s("String"))]));
        assert_eq!(field(value, &case("body")), &obj(vec![(case("table").as_str(), strings(&["String"]))]));
        assert_eq!(field(value, "canBeContactedByMaison"), &SampleValue::Bool(false));
    }

    // A type named `Html` as the root, with a `Table` list of `Html.Row` items.
    let text = "<Html xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://x\">\n\
                <Head><Title>String</Title></Head>\n<Body><Table><Html.Row><Cell>0</Cell></Html.Row></Table></Body>\n\
                </Html>";
    let read = read_body(text, 1);
    assert_eq!(read.problems, vec![]);
    assert_eq!(body_of(&read).root_name.as_deref(), Some("Html"));
    assert_eq!(
        body_value(&read),
        &obj(vec![
            ("Head", obj(vec![("Title", s("String"))])),
            ("Body", obj(vec![("Table", SampleValue::Array(vec![typed(Some("Html.Row"), vec![("Cell", n("0"))])]))])),
        ])
    );
}

#[test]
fn dotted_items_that_are_empty_nil_or_enum_values() {
    let text = "<QueryResponseOfQuerySwatchCounts.ItemM5Xb1g2W xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" \
                xmlns:d2p1=\"http://schemas.datacontract.org/2004/07/Shop\">\
                <Offset>0</Offset>\
                <Results><d2p1:QuerySwatchCounts.Item/><d2p1:QuerySwatchCounts.Item i:nil=\"true\"/>\
                <d2p1:QuerySwatchCounts.Item><d2p1:Count>0</d2p1:Count></d2p1:QuerySwatchCounts.Item></Results>\
                <Colors><d2p1:Swatch.Color>Red</d2p1:Swatch.Color></Colors>\
                </QueryResponseOfQuerySwatchCounts.ItemM5Xb1g2W>";
    let read = read_body(text, 1);
    assert_eq!(read.problems, vec![]);
    assert_eq!(body_of(&read).root_name.as_deref(), Some("QueryResponseOfQuerySwatchCounts.ItemM5Xb1g2W"));
    let item = |entries| typed(Some("QuerySwatchCounts.Item"), entries);
    assert_eq!(
        body_value(&read),
        &obj(vec![
            ("Offset", n("0")),
            ("Results", SampleValue::Array(vec![item(vec![]), SampleValue::Null, item(vec![("Count", n("0"))])])),
            ("Colors", strings(&["Red"])),
        ])
    );
}

#[test]
fn a_dotted_name_among_members_is_never_a_key() {
    let text = "<R>\n<name>x</name>\n<Outer.Inner><a>1</a></Outer.Inner>\n<n>0</n>\n</R>";
    let read = read_body(text, 10);
    assert_eq!(body_value(&read), &obj(vec![("name", s("x")), ("n", n("0"))]));
    assert_eq!(
        read.problems,
        vec![(
            12,
            "<Outer.Inner> is named after a type, not a property, yet sits among the members of <R>; it was skipped"
                .to_owned()
        )]
    );

    // Items of several dotted names are a list, each keeping its own type.
    let text = "<R><shapes><Shape.Circle><r>1</r></Shape.Circle><Shape.Square><a>2</a></Shape.Square></shapes></R>";
    let read = read_body(text, 1);
    assert_eq!(
        field(body_value(&read), "shapes"),
        &SampleValue::Array(vec![
            typed(Some("Shape.Circle"), vec![("r", n("1"))]),
            typed(Some("Shape.Square"), vec![("a", n("2"))]),
        ])
    );
}
