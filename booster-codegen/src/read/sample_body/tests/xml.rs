//! The XML reader on DataContract bodies.

use super::*;
use crate::read::sample_body::xml::ARRAYS_NS;

const EXPORT_CUSTOMER: &str = r#"<ExportCustomer xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Richemont.Booster2.PublicApi.CRM.ServiceModel">
  <birthdateMonths xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
    <d2p1:int>0</d2p1:int>
  </birthdateMonths>
  <brand>String</brand>
  <hobbies>
    <GetCustomerHobby>
      <hobby>String</hobby>
      <sapHobbyId>String</sapHobbyId>
    </GetCustomerHobby>
  </hobbies>
  <productCategories xmlns:d2p1="http://schemas.datacontract.org/2004/07/Richemont.Booster2.PublicApi.Common.ServiceModel">
    <d2p1:ProductCategory>
      <d2p1:brandCategoryId>String</d2p1:brandCategoryId>
    </d2p1:ProductCategory>
  </productCategories>
  <creationDateFrom>0001-01-01T00:00:00</creationDateFrom>
  <empty i:nil="true" />
  <stringMap xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringstring><d2p1:Key>String</d2p1:Key><d2p1:Value>String</d2p1:Value></d2p1:KeyValueOfstringstring></stringMap>
</ExportCustomer>
"#;

#[test]
fn xml_data_contract() {
    let read = read_body(EXPORT_CUSTOMER, 300);
    assert_eq!(read.problems, vec![]);
    let body = body_of(&read);
    assert_eq!(body.format, SampleFormat::Xml);
    assert_eq!(body.root_name.as_deref(), Some("ExportCustomer"));
    assert!(!body.truncated);
    assert_eq!(body.line, 300);
    let expected = obj(vec![
        ("birthdateMonths", SampleValue::Array(vec![n("0")])),
        ("brand", s("String")),
        (
            "hobbies",
            SampleValue::Array(vec![typed(
                Some("GetCustomerHobby"),
                vec![("hobby", s("String")), ("sapHobbyId", s("String"))],
            )]),
        ),
        (
            "productCategories",
            SampleValue::Array(vec![typed(Some("ProductCategory"), vec![("brandCategoryId", s("String"))])]),
        ),
        ("creationDateFrom", s("0001-01-01T00:00:00")),
        ("empty", SampleValue::Null),
        ("stringMap", obj(vec![("String", s("String"))])),
    ]);
    assert_eq!(body.value, expected);
}

#[test]
fn xml_scalars_entities_and_skipped_markup() {
    let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- a comment -->\n\
        <Root><flag>true</flag><off>false</off><n>-1.5e3</n><zero>0001</zero>\
        <esc>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42; &bogus; & x</esc>\
        <open></open><closed/><blank>  </blank><raw><![CDATA[<not a tag> &amp;]]></raw>\
        <!DOCTYPE ignored><address><city>String</city></address></Root>";
    let read = read_body(text, 1);
    assert_eq!(read.problems, vec![]);
    let body = body_of(&read);
    assert_eq!(body.line, 1);
    assert_eq!(
        body.value,
        obj(vec![
            ("flag", SampleValue::Bool(true)),
            ("off", SampleValue::Bool(false)),
            ("n", n("-1.5e3")),
            ("zero", s("0001")),
            ("esc", s("a <b> & \"c\" 'd' AB &bogus; & x")),
            ("open", s("")),
            ("closed", s("")),
            ("blank", s("")),
            ("raw", s("<not a tag> &amp;")),
            ("address", obj(vec![("city", s("String"))])),
        ])
    );
}

#[test]
fn xml_lists_by_count_root_and_default_namespace() {
    let text = "<ArrayOfCustomer><Customer><id>0</id></Customer></ArrayOfCustomer>";
    let read = read_body(text, 1);
    assert_eq!(read.problems, vec![]);
    assert_eq!(body_of(&read).value, SampleValue::Array(vec![typed(Some("Customer"), vec![("id", n("0"))])]));

    let text = format!("<ids xmlns=\"{ARRAYS_NS}\"><string>a</string></ids>");
    assert_eq!(body_of(&read_body(&text, 1)).value, SampleValue::Array(vec![s("a")]));

    let text = "<Root><tags><tag>a</tag><tag i:nil=\"true\"/></tags><one><tag>a</tag></one></Root>";
    assert_eq!(
        body_of(&read_body(text, 1)).value,
        obj(vec![("tags", SampleValue::Array(vec![s("a"), SampleValue::Null])), ("one", obj(vec![("tag", s("a"))])),])
    );

    // An empty request DTO is a self-closing root.
    let text = "<Ping xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" />";
    let read = read_body(text, 1);
    assert_eq!(body_of(&read).value, obj(vec![]));
    assert_eq!(body_of(&read).root_name.as_deref(), Some("Ping"));
}

#[test]
fn xml_list_of_lists_and_maps() {
    let text = format!(
        "<Root xmlns:a=\"{ARRAYS_NS}\"><grid><a:ArrayOfint><a:int>1</a:int></a:ArrayOfint></grid>\
         <maps><a:ArrayOfKeyValueOfstringint><a:KeyValueOfstringint><a:Key>k</a:Key>\
         <a:Value>2</a:Value></a:KeyValueOfstringint></a:ArrayOfKeyValueOfstringint></maps></Root>"
    );
    let read = read_body(&text, 1);
    assert_eq!(read.problems, vec![]);
    assert_eq!(
        body_of(&read).value,
        obj(vec![
            ("grid", SampleValue::Array(vec![SampleValue::Array(vec![n("1")])])),
            ("maps", SampleValue::Array(vec![obj(vec![("k", n("2"))])])),
        ])
    );
}

#[test]
fn xml_cut_keeps_complete_part() {
    // The page ends right after the first child of the response.
    let text = "<ExportCustomerResponse xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\n  \
        <asyncTaskId>00000000-0000-0000-0000-000000000000</asyncTaskId>\n";
    let read = read_body(text, 362);
    let body = body_of(&read);
    assert!(body.truncated);
    assert_eq!(body.root_name.as_deref(), Some("ExportCustomerResponse"));
    assert_eq!(body.value, obj(vec![("asyncTaskId", s("00000000-0000-0000-0000-000000000000"))]));
    assert_eq!(read.problems, vec![(363, CUT_OFF.to_owned())]);

    // A leaf cut mid-text is dropped; the open container keeps its complete children.
    let text = "<R>\n<a>x</a>\n<list><Item><b>1</b></Item><Item><b>Str";
    let read = read_body(text, 1);
    assert_eq!(
        body_of(&read).value,
        obj(vec![("a", s("x")), ("list", SampleValue::Array(vec![typed(Some("Item"), vec![("b", n("1"))])])),])
    );
    assert_eq!(read.problems, vec![(3, CUT_OFF.to_owned())]);

    // Cut inside a tag.
    let read = read_body("<R><a>1</a><b attr=\"x", 1);
    assert!(body_of(&read).truncated);
    assert_eq!(body_of(&read).value, obj(vec![("a", n("1"))]));

    // Cut before the root has anything.
    let read = read_body("<R xmlns=\"x\">\n  <a>Str", 1);
    assert_eq!(body_of(&read).value, obj(vec![]));
    assert!(body_of(&read).truncated);
    assert_eq!(read.problems, vec![(2, CUT_OFF.to_owned())]);

    // No root at all.
    let read = read_body("<?xml version=\"1.0\"?>", 1);
    assert!(read.body.is_none());
    assert_eq!(sentences(&read), vec![CUT_OFF]);
}

#[test]
fn xml_stray_and_mismatched_tags() {
    let text = "<R>\n<a>1</a></zz>\n<b><c>2</c></R>\ntrailing";
    let read = read_body(text, 10);
    let body = body_of(&read);
    assert!(!body.truncated);
    assert_eq!(body.value, obj(vec![("a", n("1")), ("b", obj(vec![("c", n("2"))]))]));
    assert_eq!(
        read.problems,
        vec![
            (11, "the closing tag </zz> matches no open element; it was ignored".to_owned()),
            (12, "<b> is not closed before </R>; it was closed there".to_owned()),
            (13, TRAILING.to_owned()),
        ]
    );

    let read = read_body("<R><a =\"1\"/></R>", 1);
    assert!(body_truncated(&read));
    assert_eq!(sentences(&read), vec![malformed("expected an attribute name or `>`")]);
}

fn body_truncated(read: &BodyRead) -> bool {
    body_of(read).truncated
}

#[test]
fn deep_xml_is_capped() {
    let deep = format!("{}x{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let read = read_body(&deep, 1);
    assert!(!body_of(&read).truncated);
    assert_eq!(sentences(&read), vec![TOO_DEEP]);
    // The innermost kept element lost its only child, so it reads as empty text.
    assert_eq!(body_value(&read).element_object().map(|o| o.keys().collect::<Vec<_>>()), Some(vec!["a"]));
    assert_eq!(depth(body_value(&read)), MAX_DEPTH);

    let read = read_body(&"<a><b/>".repeat(100_000), 1);
    assert!(body_of(&read).truncated);
    assert_eq!(sentences(&read), vec![TOO_DEEP, CUT_OFF]);
    assert_eq!(depth(body_value(&read)), MAX_DEPTH);
}

#[test]
fn xml_markup_errors_keep_the_part_before() {
    for (text, what) in [
        ("<R><a>1</a><!x></R>", "`<!` starts no comment, CDATA section or doctype"),
        ("<R><a>1</a><b/ ></R>", "expected `>` after `/` in a tag"),
        ("<R><a>1</a></b c></R>", "expected `>` to end a closing tag"),
        ("<R><a>1</a>< b></R>", "expected an element name after `<`"),
        ("<R><a>1</a><b <c>></R>", "expected an attribute name or `>`"),
        ("<R><a>1</a><b=\"x\"></R>", "an element name holds `<`, `>`, `=` or a quote"),
    ] {
        let read = read_body(text, 1);
        assert!(body_truncated(&read), "{text}");
        assert_eq!(body_value(&read), &obj(vec![("a", n("1"))]), "{text}");
        assert_eq!(sentences(&read), vec![malformed(what)], "{text}");
    }
    // Unquoted and bare attributes are not XML, but cost nothing to accept.
    let read = read_body("<R a=b c><x i:nil=true/></R>", 1);
    assert_eq!(read.problems, vec![]);
    assert_eq!(body_value(&read), &obj(vec![("x", SampleValue::Null)]));
}
