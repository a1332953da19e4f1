//! Tests of the whole code reader: real blocks, the link line, and robustness on damaged input.

use std::time::{Duration, Instant};

use super::test_support::{lines_from, render};
use super::*;

fn read_text(text: &str, first_line: usize) -> (Vec<CodeType>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let types = read_code("page.txt", &lines_from(text, first_line), &mut diags);
    (types, diags)
}

#[track_caller]
fn check(text: &str, first_line: usize, expect: &str) {
    let (types, diags) = read_text(text, first_line);
    let got = render(&types, &diags);
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}");
}

/// `Name : Base (fields/members) @line` per type.
fn summary(types: &[CodeType]) -> Vec<String> {
    types
        .iter()
        .map(|t| {
            let base = t.base.as_ref().map(|b| format!(" : {b}")).unwrap_or_default();
            format!("{}{base} ({}/{}) @{}", t.name, t.fields.len(), t.members.len(), t.line)
        })
        .collect()
}

/// The rendered line of one field, found by its wire name.
fn field_line(rendered: &str, name: &str) -> String {
    let prefix = format!("  {name}: ");
    rendered.lines().find(|l| l.starts_with(&prefix)).unwrap_or("<missing>").to_string()
}

#[test]
fn seed_000_python_export_customer() {
    check(
        include_str!("testdata/seed000_python.txt"),
        10,
        r#"
class GetCustomerInterest @22
  interest: string required // Interest description @24
  sapInterestId: string required // SAP Interest ID, e.g. 'CA-1' @31
class GetCustomerHobby @39
  hobby: string optional // Hobby description @41
  sapHobbyId: string optional // SAP Hobby ID, e.g. 'ART' @48
class GetCustomerProductCollection @56
  productCollection: string required // Product Collection description @58
  sapProductCollectionId: string required // SAP ProductCollection ID, e.g. 'CA-1' @65
class ProductCategory @73
  brandCategoryId: string optional // Brand Category ID @75
  grandCategoryId: string required // Grand Category ID @82
  masterCategoryId: string optional // Master Category ID @89
  categoryId: string optional // Category ID @96
  subCategoryId: string optional // Sub Category ID @103
class SearchCustomer @111
  brand: string required // Brand @113
  posCodes: List<string> required // POS Legacy @120
  searchKey: string optional // Search key could be: 'Name', 'Email', 'Phone' without prefix, 'BoosterCustomerId' OR 'SapCRMId' @127
  phoneNumber: string optional // Search by phone number - exact match @134
  email: string optional // Search by email address - exact match @141
  locationCountryIds: List<string> optional // Values can be 'it', 'en' etc. @148
  clientSpendingFrom: double? optional // Client Spending From e.g. '100' @155
  clientSpendingTo: double? optional // Client Spending To e.g. '50000' @162
  creationDateFrom: DateTime? optional // Customer Creation Date From e.g. '2022-01-01' @169
  creationDateTo: DateTime? optional // Customer Creation Date To e.g. '2023-11-01' @176
  transactionDateFrom: DateTime? optional // Transaction Date From e.g. '2022-01-01' @183
  transactionDateTo: DateTime? optional // Transaction Date To e.g. '2023-11-01' @190
  canBeContactedByMaison: bool? optional // Values can be 'true' or 'false' @197
  birthdateMonths: List<int> optional // Values can be 1 for 'January', 2 for 'February', 3 for 'March', 4 for 'April', 5 for 'May', 6 for 'June', 7 for 'July', 8 for 'August', 9 for 'September', 10 for 'October', 11 for 'November', 12 for 'December' @204
  interests: List<GetCustomerInterest> optional // Customer interest filter @211
  hobbies: List<GetCustomerHobby> optional // Customer hobby filter @218
  productCollections: List<GetCustomerProductCollection> optional // Customer product collection filter @225
  customerStatus: List<string> optional // Customer Status e.g. 'Prospect', 'Client' @232
  boosterCustomerIds: List<int> optional // List of BoosterCustomerIds, e.g. 1234567,1231231,12323423 @239
  hasSapCrmError: bool? optional // Values can be 'true' or 'false' @246
  productCategories: List<ProductCategory> optional // Product Categories @253
  saleRepresentativeEmails: List<string> optional // Sale Reprentative Emails @260
class ExportCustomerResponse @268
  asyncTaskId: string required // Unique Identifier of the Export Request created @270
class ExportCustomer : SearchCustomer @278
  downloadRequestId: string required // Export Request ID of the API Consumers @280
"#,
    );
}

#[test]
fn seed_001_python_create_customer() {
    let (types, diags) = read_text(include_str!("testdata/seed001_python.txt"), 10);
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    assert!(types.iter().all(|t| t.language == "python" && !t.is_enum));
    assert_eq!(
        summary(&types),
        [
            "Email (2/0) @22",
            "Phone (4/0) @39",
            "Address (14/0) @70",
            "Event (4/0) @171",
            "Interest (3/0) @202",
            "Hobby (3/0) @226",
            "ProductCollection (3/0) @250",
            "Customer (38/0) @274",
            "CreateCustomerResponse (1/0) @543",
            "CreateCustomer : Customer (2/0) @553",
        ]
    );
    let rendered = render(&types, &diags);
    let cases = [
        ("isMainEmail", "  isMainEmail: bool required // Main email @31"),
        ("street2", "  street2: string optional // Street 2 @121"),
        ("poBox", "  poBox: string optional // Post Office Box @156"),
        ("eventDate", "  eventDate: DateTime required // Event date e.g. '2021-01-20' @180"),
        (
            "canBeContactedByMaison",
            "  canBeContactedByMaison: bool required // Can be Contacted by Maison e.g. true or false @325",
        ),
        (
            "contactBySMSFlag",
            "  contactBySMSFlag: bool optional // Provide 'true' if you want to be contacted by SMS. Leave empty or 'false' if you do not. @430",
        ),
        (
            "allowStoreDataAbroad",
            "  allowStoreDataAbroad: bool? optional // Consent for allowing Cross Border Data Transfer @451",
        ),
        ("emails", "  emails: List<Email> optional // Customer emails @465"),
        ("registrationDate", "  registrationDate: DateTime? optional // Registration Date @535"),
        ("boosterCustomerId", "  boosterCustomerId: int required // Booster Customer ID @545"),
        (
            "privacyPolicyAcceptanceStorage",
            "  privacyPolicyAcceptanceStorage: bool required // Privacy policy acceptance for data storage @555",
        ),
    ];
    for (name, expect) in cases {
        assert_eq!(field_line(&rendered, name), expect);
    }
}

#[test]
fn real_page_fixtures() {
    check(
        include_str!("testdata/echo_complex_types_python.txt"),
        9,
        r#"
class SubType @21
  id: int @22
  name: string @23
class EchoComplexTypes @28
  subType: SubType @29
  subTypes: List<SubType> @30
  subTypeMap: Dictionary<string, SubType> @31
  stringMap: Dictionary<string, string> @32
  intStringMap: Dictionary<int, string> @33
"#,
    );
    check(
        include_str!("testdata/store_rockstars_csharp.txt"),
        3,
        r#"
class Rockstar @13
  Id: int @15
  FirstName: string @16
  LastName: string @17
  Age: int? @18
class StoreRockstars : List<Rockstar> @20
"#,
    );
    check(
        include_str!("testdata/ping_vbnet.txt"),
        3,
        r#"
class Ping @13
class PingResponse @15
  Responses: Dictionary<string, ResponseStatus> @16
  ResponseStatus: ResponseStatus @17
"#,
    );
    let (types, _) = read_text(include_str!("testdata/store_rockstars_csharp.txt"), 3);
    assert!(types.iter().all(|t| t.language == "csharp"));
    let (types, _) = read_text(include_str!("testdata/ping_vbnet.txt"), 3);
    assert!(types.iter().all(|t| t.language == "vbnet"));
}

#[test]
fn link_line_and_unknown_language() {
    assert!(is_link_line("Python ExportCustomer DTOs"));
    assert!(is_link_line("  VB.NET Ping DTOs "));
    assert!(is_link_line("[C# StoreRockstars DTOs](/types/csharp?IncludeTypes=StoreRockstars)"));
    assert!(!is_link_line("name: DTOs"));
    assert!(!is_link_line("Python DTOs"));
    check(
        "class A:\n    x: int = 0\nPython A DTOs\n",
        1,
        r#"
class A @1
  x: int @2
"#,
    );
    check(
        "\nsome prose\nthat is not code\n",
        5,
        "warning @6: could not tell which language this DTO code block is written in, so its types were not read; the page's tables and samples still are",
    );
}

#[test]
fn servicestack_interfaces_are_not_dtos() {
    check(
        "export interface IReturn<T>\n{\n    createResponse(): T;\n}\nexport interface IPoco\n{\n    name?: string;\n}\n",
        1,
        r#"
class IPoco @5
  name: string @7
"#,
    );
}

#[test]
fn code_block_starts() {
    for line in [
        "import datetime",
        "from typing import *",
        "using System;",
        "Imports System",
        "namespace Test.ServiceModel",
        "Namespace Global",
        "export class StoreRockstars extends Array<Rockstar>",
    ] {
        assert!(starts_code_block(line), "{line}");
    }
    for line in ["To override the Content-type", "HTTP + XML", "POST /customer HTTP/1.1", "package tracking", ""] {
        assert!(!starts_code_block(line), "{line}");
    }
}

/// A small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n.max(1) as u64).unwrap_or(0)
    }
}

const PIECES: &[&str] = &[
    "class ",
    "public partial class ",
    "export class ",
    "open class ",
    "enum ",
    "Public Class ",
    "End Class",
    "type ",
    "member val ",
    "Property ",
    " As ",
    "(Of ",
    "Inherits ",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    "[",
    "]",
    "[<",
    ">]",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    ":",
    ";",
    ",",
    "=",
    "@",
    "#",
    "//",
    "///",
    "/*",
    "*/",
    "`",
    "?",
    "!",
    "|",
    "case ",
    "var ",
    "{ get; set; }",
    "Optional[",
    "List<",
    "Dict[",
    "field_name=",
    "# @ApiMember(Description=\"",
    "IsRequired=true",
    "\n",
    "\n    ",
    "\t",
    " ",
    "x",
    "Name",
    "0",
    "-1",
    "é",
    "日本",
    "\u{1F600}",
    "\u{0301}",
    "\r",
];

fn garbage(rng: &mut Rng) -> String {
    (0..rng.below(300)).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

/// Every reader, whatever the detector would say about the text.
fn read_with_every_reader(text: &str) {
    let lines = lines_from(text, 1);
    let mut diags = Diagnostics::default();
    read_code("f", &lines, &mut diags);
    python::read("f", &lines, &mut diags);
    vbnet::read("f", &lines, &mut diags);
    fsharp::read("f", &lines, &mut diags);
    brace::read(&csharp::CSharp, "f", &lines, &mut diags);
    brace::read(&typescript::TypeScript, "f", &lines, &mut diags);
    brace::read(&kotlin::Kotlin, "f", &lines, &mut diags);
    brace::read(&java::Java, "f", &lines, &mut diags);
    brace::read(&swift::Swift, "f", &lines, &mut diags);
    brace::read(&dart::Dart, "f", &lines, &mut diags);
}

#[test]
fn garbage_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        read_with_every_reader(&garbage(&mut rng));
    }
}

#[test]
fn damaged_real_blocks_never_panic() {
    let blocks = [
        include_str!("testdata/seed000_python.txt"),
        include_str!("testdata/store_rockstars_csharp.txt"),
        include_str!("testdata/ping_vbnet.txt"),
    ];
    let mut rng = Rng(42);
    for block in blocks {
        let chars: Vec<char> = block.chars().collect();
        for _ in 0..150 {
            let cut = rng.below(chars.len());
            let mut damaged: String = chars.iter().take(cut).collect();
            damaged.push_str(PIECES[rng.below(PIECES.len())]);
            damaged.extend(chars.iter().skip(cut + rng.below(40)));
            read_with_every_reader(&damaged);
            // A page cut mid-block.
            read_with_every_reader(&chars.iter().take(cut).collect::<String>());
        }
    }
}

#[test]
fn long_inputs_take_linear_time() {
    let n = 50_000;
    let inputs = [
        "{".repeat(n),
        "}".repeat(n),
        "[".repeat(n),
        "<".repeat(n),
        "(".repeat(n),
        "\"".repeat(n),
        "/*".repeat(n),
        format!("public class A\n{{\n    public {}int X {{ get; set; }}\n}}", "List<".repeat(n)),
        format!("class A({}):\n    x: int = 0", "Generic[".repeat(n)),
        format!("class A:\n    x: {}int = 0", "Optional[".repeat(n)),
        "    # @ApiMember(Description=\"d\", IsRequired=true)\n".repeat(n / 10),
        format!("class A:\n{}", "    \"\"\"\n    doc\n".repeat(n / 10)),
        format!("Public Class A\n{}End Class", "Public Property X As List(Of String)\n".repeat(n / 20)),
        format!("public enum E {{ {} }}", "A, ".repeat(n)),
        format!("export class A {{\n{}}}", "    public m: { [index: string]: string; };\n".repeat(n / 20)),
    ];
    for input in inputs {
        let started = Instant::now();
        read_with_every_reader(&input);
        assert!(started.elapsed() < Duration::from_secs(10), "{}", input.get(..60).unwrap_or(&input));
    }
}
