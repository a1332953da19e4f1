//! A deterministic generator of synthetic ServiceStack APIs whose types mix like Booster's:
//! customer-like requests (some deriving from a shared base class), nested lists of classes two
//! or three levels deep, enums, `DateTime`, `Guid`, `decimal`, nullable value types, and
//! descriptions with the prose rules the merge step reads (`e.g. 'A', 'B'`, `Mandatory only when
//! customer type is 'PRIVATE'`, `Values can be 1 for 'January', ...`).
//!
//! The same seed and size always give the same API, byte for byte, in every rendering.

use std::collections::{BTreeMap, BTreeSet};

/// The seed every benchmark and test generates its APIs from.
pub const SEED: u64 = 0xB005_7E12;

/// SplitMix64: small, fast and good enough to pick from vocabularies.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The primitive Data Types the generator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    String,
    Int,
    Long,
    Bool,
    Double,
    Decimal,
    DateTime,
    Guid,
}

impl Prim {
    /// ServiceStack's spelling in the Data Type column.
    pub fn spelling(self) -> &'static str {
        match self {
            Prim::String => "string",
            Prim::Int => "int",
            Prim::Long => "long",
            Prim::Bool => "bool",
            Prim::Double => "double",
            Prim::Decimal => "decimal",
            Prim::DateTime => "DateTime",
            Prim::Guid => "Guid",
        }
    }

    pub fn is_value_type(self) -> bool {
        self != Prim::String
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Prim(Prim),
    Class(String),
    Enum(String),
    List(Box<Ty>),
}

impl Ty {
    fn list(item: Ty) -> Ty {
        Ty::List(Box::new(item))
    }

    /// The user types this type mentions.
    pub fn user_type(&self) -> Option<&str> {
        match self {
            Ty::Prim(_) => None,
            Ty::Class(n) | Ty::Enum(n) => Some(n),
            Ty::List(item) => item.user_type(),
        }
    }

    /// Whether `T?` can be written (value types and enums).
    fn can_be_nullable(&self) -> bool {
        match self {
            Ty::Prim(p) => p.is_value_type(),
            Ty::Enum(_) => true,
            Ty::Class(_) | Ty::List(_) => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The camelCase wire name.
    pub name: String,
    pub ty: Ty,
    /// `T?` (only for value types and enums).
    pub nullable: bool,
    pub required: bool,
    /// `path`, `query`, `body` or `form`.
    pub param: &'static str,
    pub description: String,
}

impl FieldSpec {
    /// The Data Type cell: `List<Email>`, `DateTime?`, `string`.
    pub fn data_type(&self) -> String {
        let mut text = spell(&self.ty);
        if self.nullable {
            text.push('?');
        }
        text
    }
}

fn spell(ty: &Ty) -> String {
    match ty {
        Ty::Prim(p) => p.spelling().to_string(),
        Ty::Class(n) | Ty::Enum(n) => n.clone(),
        Ty::List(item) => format!("List<{}>", spell(item)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeBody {
    Class { base: Option<String>, fields: Vec<FieldSpec> },
    Enum { members: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSpec {
    pub name: String,
    pub body: TypeBody,
}

impl TypeSpec {
    pub fn fields(&self) -> &[FieldSpec] {
        match &self.body {
            TypeBody::Class { fields, .. } => fields,
            TypeBody::Enum { .. } => &[],
        }
    }

    pub fn base(&self) -> Option<&str> {
        match &self.body {
            TypeBody::Class { base, .. } => base.as_deref(),
            TypeBody::Enum { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpSpec {
    pub name: String,
    pub verb: &'static str,
    pub path: String,
    /// `Create customer ab`: its UpperCamelCase is the operation's name, as a page that lost the
    /// name (the table form) calls it.
    pub summary: String,
    pub notes: String,
    pub request: String,
    /// `None` when the service answers `{}`.
    pub response: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthApi {
    pub service: String,
    pub host: String,
    pub operations: Vec<OpSpec>,
    pub types: BTreeMap<String, TypeSpec>,
}

impl SynthApi {
    /// Generates an API of `operations` operations; the same arguments give the same API.
    pub fn generate(operations: usize, seed: u64) -> SynthApi {
        Generator::new(operations, seed).run()
    }

    pub fn type_spec(&self, name: &str) -> Option<&TypeSpec> {
        self.types.get(name)
    }

    /// The types one operation's page shows, in ServiceStack's table order: the request, its
    /// base and the types it uses depth first, then the response and the types it adds.
    pub fn page_types(&self, op: &OpSpec) -> Vec<&TypeSpec> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        self.visit(&op.request, &mut seen, &mut out);
        if let Some(response) = &op.response {
            self.visit(response, &mut seen, &mut out);
        }
        out
    }

    fn visit<'a>(&'a self, name: &str, seen: &mut BTreeSet<String>, out: &mut Vec<&'a TypeSpec>) {
        let Some(t) = self.types.get(name) else { return };
        if !seen.insert(name.to_string()) {
            return;
        }
        out.push(t);
        if let Some(base) = t.base() {
            self.visit(base, seen, out);
        }
        for f in t.fields() {
            if let Some(user) = f.ty.user_type() {
                self.visit(user, seen, out);
            }
        }
    }

    /// A type's fields with its bases' fields, own fields first (the order of ServiceStack's
    /// JSON samples).
    pub fn all_fields<'a>(&'a self, t: &'a TypeSpec) -> Vec<&'a FieldSpec> {
        let mut out: Vec<&FieldSpec> = t.fields().iter().collect();
        if let Some(base) = t.base().and_then(|b| self.types.get(b)) {
            out.extend(self.all_fields(base));
        }
        out
    }

    /// The JSON sample ServiceStack shows for a type: every field with its placeholder value.
    pub fn sample_json(&self, name: &str) -> String {
        let mut out = String::new();
        self.write_sample_object(name, &mut out);
        out
    }

    fn write_sample_object(&self, name: &str, out: &mut String) {
        out.push('{');
        if let Some(t) = self.types.get(name) {
            for (i, f) in self.all_fields(t).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(&f.name);
                out.push_str("\":");
                self.write_sample_value(&f.ty, out);
            }
        }
        out.push('}');
    }

    fn write_sample_value(&self, ty: &Ty, out: &mut String) {
        match ty {
            Ty::Prim(Prim::String) => out.push_str("\"String\""),
            Ty::Prim(Prim::Int | Prim::Long | Prim::Double | Prim::Decimal) => out.push('0'),
            Ty::Prim(Prim::Bool) => out.push_str("false"),
            Ty::Prim(Prim::DateTime) => out.push_str(r#""\/Date(-62135596800000-0000)\/""#),
            Ty::Prim(Prim::Guid) => out.push_str("\"00000000000000000000000000000000\""),
            Ty::Enum(name) => {
                let first = match self.types.get(name).map(|t| &t.body) {
                    Some(TypeBody::Enum { members }) => members.first().map_or("", String::as_str),
                    _ => "",
                };
                out.push('"');
                out.push_str(first);
                out.push('"');
            }
            Ty::Class(name) => self.write_sample_object(name, out),
            Ty::List(item) => {
                out.push('[');
                self.write_sample_value(item, out);
                out.push(']');
            }
        }
    }
}

/// A field template: wire name, type, required, description.
struct Template {
    name: &'static str,
    ty: TemplateTy,
    required: bool,
    description: &'static str,
}

#[derive(Clone, Copy)]
enum TemplateTy {
    Prim(Prim, bool),
    ListOf(Prim),
    /// An enum of this stem, nullable or not.
    Enum(&'static str, bool),
}

const fn t(name: &'static str, ty: TemplateTy, required: bool, description: &'static str) -> Template {
    Template { name, ty, required, description }
}

use TemplateTy::{Enum as E, ListOf as L, Prim as P};

const STRING: TemplateTy = P(Prim::String, false);

/// Fields of customer-like requests and bases (Booster's `Customer`, `SearchCustomer`). One
/// enum at most per class: the table form has neither captions nor headers for enum tables, so
/// two enums next to each other in table order would read as one.
const CUSTOMER_FIELDS: &[Template] = &[
    t(
        "title",
        STRING,
        false,
        "Title e.g. 'Mr & Mrs', 'Mr.', 'Mrs.', 'Sama', 'Captain' - Mandatory only when customer type is 'PRIVATE'",
    ),
    t("firstName", STRING, false, "First Name"),
    t("lastName", STRING, false, "Last Name - Mandatory only when customer type is 'PRIVATE'"),
    t("middleName", STRING, false, "Middle Name"),
    t("companyName", STRING, false, "Company Name - Mandatory only when customer type is 'COMPANY'"),
    t(
        "languageId",
        STRING,
        false,
        "Language Id e.g. ita, chi, aze, eng, ger - Mandatory only when customer type is 'PRIVATE'",
    ),
    t("gender", STRING, false, "Gender e.g. M, F - Mandatory only when customer type is 'PRIVATE'"),
    t("countryId", STRING, true, "Country Id e.g. it, cn, az, gb, de"),
    t("birthDate", P(Prim::DateTime, true), false, "Birth Date e.g. '2020-12-30'"),
    t("weddingDate", P(Prim::DateTime, true), false, "Wedding Date, e.g. '2020-01-18'"),
    t("canBeContactedByMaison", P(Prim::Bool, false), true, "Can be Contacted by Maison e.g. true or false"),
    t(
        "contactBySMSFlag",
        P(Prim::Bool, true),
        false,
        "Provide 'true' if you want to be contacted by SMS. Leave empty or 'false' if you do not.",
    ),
    t("posCode", STRING, true, "POS Code e.g. ES100:102048"),
    t("brand", STRING, true, "Brand e.g. CAR, MTB"),
    t("clientSpendingFrom", P(Prim::Double, true), false, "Client Spending From e.g. '100'"),
    t("creditLimit", P(Prim::Decimal, true), false, "Credit limit in the customer's currency e.g. '1500.50'"),
    t("loyaltyPoints", P(Prim::Long, false), false, "Loyalty points collected so far e.g. 1200"),
    t("externalId", P(Prim::Guid, true), false, "Identifier of the customer in the calling system"),
    t(
        "birthdateMonths",
        L(Prim::Int),
        false,
        "Values can be 1 for 'January', 2 for 'February', 3 for 'March', 4 for 'April', 5 for 'May', 6 for 'June', 7 for 'July', 8 for 'August', 9 for 'September', 10 for 'October', 11 for 'November', 12 for 'December'",
    ),
    t("customerStatus", L(Prim::String), false, "Customer Status e.g. 'Prospect', 'Client'"),
    t("registrationDate", P(Prim::DateTime, true), false, "Registration Date"),
    t("notes", STRING, false, "Notes"),
    t("saleRepresentativeEmail", STRING, false, "Sale Representative Email e.g. rauf.aliyev@richemont.com"),
    t(
        "preferredContactMethod",
        E("ContactMethod", true),
        false,
        "Preferred Contact Method e.g. 'Fax', 'Tel', 'EMail', 'Mail', 'Survey'",
    ),
];

/// The condition field every customer-like type carries, so its rules resolve.
const CLIENT_TYPE: Template = t("clientType", STRING, true, "Customer Type e.g. 'PRIVATE' or 'COMPANY'");

/// Nested classes (Booster's `Email`, `Phone`, `Address`...): stem and fields.
const NESTED: &[(&str, &[Template])] = &[
    ("Email", &[t("email", STRING, true, "Email"), t("isMainEmail", P(Prim::Bool, false), true, "Main email")]),
    (
        "Phone",
        &[
            t("phone", STRING, true, "Phone e.g. cn: 13888889999, jp: 352858088, kr: 023123456"),
            t("countryPrefix", STRING, true, "Prefix Country Id e.g. it, fr, az"),
            t("phoneType", E("PhoneKind", true), false, "Phone type e.g. 'Home', 'Mobile', 'Work', 'Other'"),
            t("isMainPhone", P(Prim::Bool, false), true, "Main Phone"),
        ],
    ),
    (
        "Address",
        &[
            t("addressType", STRING, true, "Address type e.g. Home, Office, Shipping"),
            t("countryId", STRING, true, "Country Id e.g. it, cn, az, gb, de"),
            t("houseNumber", STRING, false, "House Number"),
            t("stateId", STRING, false, "Region/State"),
            t("city", STRING, false, "City Name"),
            t("zipCode", STRING, false, "Postal Code"),
            t("street", STRING, false, "Street Name and Number"),
            t("street2", STRING, false, "Street 2"),
            t("isMainAddress", P(Prim::Bool, false), true, "Main Address"),
            t("poBox", STRING, false, "Post Office Box"),
            t("additionalInformation", STRING, false, "Additional Information"),
        ],
    ),
    (
        "Event",
        &[
            t("eventType", STRING, true, "Event type e.g. 'Birthday', 'Wedding', 'Anniversary', 'Barmitza', 'Other'"),
            t("eventDate", P(Prim::DateTime, false), true, "Event date e.g. '2021-01-20'"),
            t("eventNotes", STRING, false, "Event notes"),
            t("eventOtherName", STRING, false, "Event other name"),
        ],
    ),
    (
        "Interest",
        &[
            t("interest", STRING, true, "Interest description"),
            t("sapInterestId", STRING, true, "SAP Interest ID, e.g. 'CA-1'"),
            t("translation", STRING, false, "Interest description translation"),
        ],
    ),
    (
        "ProductCategory",
        &[
            t("brandCategoryId", STRING, false, "Brand Category ID"),
            t("grandCategoryId", STRING, true, "Grand Category ID"),
            t("masterCategoryId", STRING, false, "Master Category ID"),
            t("categoryId", STRING, false, "Category ID"),
        ],
    ),
    (
        "Purchase",
        &[
            t("transactionId", P(Prim::Guid, false), true, "Unique identifier of the transaction"),
            t("amount", P(Prim::Decimal, false), true, "Amount e.g. '1500.50'"),
            t("currency", STRING, true, "Currency e.g. EUR, CHF, USD"),
            t("purchasedAt", P(Prim::DateTime, false), true, "Purchase date e.g. '2023-11-01'"),
            t("quantity", P(Prim::Int, false), true, "Quantity e.g. 1"),
            t("discount", P(Prim::Double, true), false, "Discount in percent e.g. '10'"),
        ],
    ),
];

/// Enums: stem and members (the first is what samples show).
const ENUMS: &[(&str, &[&str])] = &[
    ("PhoneKind", &["Home", "Mobile", "Work", "Other"]),
    ("ContactMethod", &["Fax", "Tel", "EMail", "Mail", "Survey"]),
    ("TaskState", &["Queued", "Running", "Done", "Failed"]),
];

/// Response fields.
const RESPONSE_FIELDS: &[Template] = &[
    t("boosterCustomerId", P(Prim::Int, false), true, "Booster Customer ID"),
    t("asyncTaskId", P(Prim::Guid, false), true, "Unique Identifier of the Export Request created"),
    t("createdAt", P(Prim::DateTime, false), false, "When the request was accepted"),
    t("state", E("TaskState", false), false, "State of the task e.g. 'Queued', 'Running'"),
    t("balance", P(Prim::Decimal, true), false, "Balance after the operation e.g. '0.00'"),
    t("warnings", L(Prim::String), false, "Warnings e.g. 'Duplicate', 'Partial'"),
];

/// Operation verbs and nouns; names are `{Verb}{Noun}{Suffix}`.
const VERBS: &[(&str, &str)] =
    &[("Create", "POST"), ("Patch", "PATCH"), ("Update", "PUT"), ("Export", "POST"), ("Register", "POST")];
const NOUNS: &[&str] = &["Customer", "Client", "Appointment", "Repair", "Wishlist", "Voucher", "Order"];

/// The list fields a customer-like type uses for nested classes.
const LIST_FIELD_NAMES: &[(&str, &str)] = &[
    ("Email", "emails"),
    ("Phone", "phones"),
    ("Address", "addresses"),
    ("Event", "events"),
    ("Interest", "interests"),
    ("ProductCategory", "productCategories"),
    ("Purchase", "purchases"),
];

/// A suffix that keeps names unique: base-22 letters, no `n` or `y` (so no name can contain
/// `No` or `Yes` right after a capital, which the glued text form would read as a Required cell).
pub fn suffix(mut index: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmopqrstuvw";
    let mut out = Vec::new();
    loop {
        out.push(ALPHABET[index % ALPHABET.len()]);
        index /= ALPHABET.len();
        if index == 0 {
            break;
        }
        index -= 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct Generator {
    rng: Rng,
    operations: usize,
    types: BTreeMap<String, TypeSpec>,
    /// Nested classes: (stem, name), in creation order (later ones may nest earlier ones).
    nested: Vec<(&'static str, String)>,
    /// Enum names by stem.
    enums: BTreeMap<&'static str, Vec<String>>,
    bases: Vec<String>,
}

impl Generator {
    fn new(operations: usize, seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            operations,
            types: BTreeMap::new(),
            nested: Vec::new(),
            enums: BTreeMap::new(),
            bases: Vec::new(),
        }
    }

    fn run(mut self) -> SynthApi {
        let n = self.operations;
        for (i, (stem, members)) in ENUMS.iter().enumerate() {
            for k in 0..(n / 20 + 1) {
                let name = format!("{stem}{}", upper_first(&suffix(k)));
                let members = members.iter().map(|m| m.to_string()).collect();
                self.types.insert(name.clone(), TypeSpec { name: name.clone(), body: TypeBody::Enum { members } });
                self.enums.entry(ENUMS[i].0).or_default().push(name);
            }
        }
        for k in 0..(n / 3).max(NESTED.len()) {
            let (stem, templates) = NESTED[k % NESTED.len()];
            let name = format!("{stem}{}", upper_first(&suffix(k / NESTED.len())));
            let mut fields = self.fields_from(templates, 100, "form");
            // Nest an earlier class, as Booster's lists of classes hold classes.
            if k >= NESTED.len() && self.rng.chance(40) {
                let (inner_stem, inner) = self.nested[self.rng.below(self.nested.len())].clone();
                let list_name = LIST_FIELD_NAMES.iter().find(|(s, _)| *s == inner_stem).map_or("items", |(_, n)| n);
                push_unique(
                    &mut fields,
                    FieldSpec {
                        name: list_name.to_string(),
                        ty: Ty::list(Ty::Class(inner)),
                        nullable: false,
                        required: false,
                        param: "form",
                        description: format!("Related {} records", inner_stem.to_lowercase()),
                    },
                );
            }
            self.types
                .insert(name.clone(), TypeSpec { name: name.clone(), body: TypeBody::Class { base: None, fields } });
            self.nested.push((stem, name));
        }
        for k in 0..(n / 10).max(1) {
            let name = format!("SearchCustomer{}", upper_first(&suffix(k)));
            let fields = self.customer_fields("form");
            self.types
                .insert(name.clone(), TypeSpec { name: name.clone(), body: TypeBody::Class { base: None, fields } });
            self.bases.push(name);
        }
        let operations = (0..n).map(|i| self.operation(i)).collect();
        SynthApi {
            service: "Richemont.Booster2.PublicApi".to_string(),
            host: "dev-api-booster.richemont.com".to_string(),
            operations,
            types: self.types,
        }
    }

    /// Fields from templates, each kept with probability `keep` (required ones always).
    fn fields_from(&mut self, templates: &[Template], keep: u64, param: &'static str) -> Vec<FieldSpec> {
        let mut out = Vec::new();
        for tpl in templates {
            if !tpl.required && !self.rng.chance(keep) {
                continue;
            }
            let (ty, nullable) = match tpl.ty {
                P(p, nullable) => (Ty::Prim(p), nullable),
                L(p) => (Ty::list(Ty::Prim(p)), false),
                E(stem, nullable) => {
                    let choices = self.enums.get(stem).cloned().unwrap_or_default();
                    (Ty::Enum(self.rng.pick(&choices).clone()), nullable)
                }
            };
            debug_assert!(!nullable || ty.can_be_nullable());
            push_unique(
                &mut out,
                FieldSpec {
                    name: tpl.name.to_string(),
                    ty,
                    nullable,
                    required: tpl.required,
                    param,
                    description: tpl.description.to_string(),
                },
            );
        }
        out
    }

    /// A customer-like field set: `clientType`, a random half of the customer fields, and lists
    /// of nested classes.
    fn customer_fields(&mut self, param: &'static str) -> Vec<FieldSpec> {
        let mut fields = self.fields_from(std::slice::from_ref(&CLIENT_TYPE), 100, param);
        fields.extend(self.fields_from(CUSTOMER_FIELDS, 55, param));
        for _ in 0..(2 + self.rng.below(4)) {
            let (stem, name) = self.nested[self.rng.below(self.nested.len())].clone();
            let list_name = LIST_FIELD_NAMES.iter().find(|(s, _)| *s == stem).map_or("items", |(_, n)| n);
            push_unique(
                &mut fields,
                FieldSpec {
                    name: list_name.to_string(),
                    ty: Ty::list(Ty::Class(name)),
                    nullable: false,
                    required: false,
                    param,
                    description: format!("Customer {}", list_name.to_lowercase()),
                },
            );
        }
        fields
    }

    fn operation(&mut self, i: usize) -> OpSpec {
        let (verb_word, verb) = *self.rng.pick(VERBS);
        let noun = *self.rng.pick(NOUNS);
        let sfx = suffix(i);
        let name = format!("{verb_word}{noun}{}", upper_first(&sfx));
        let noun_lower = noun.to_lowercase();
        let with_id = verb == "PATCH" || verb == "PUT";
        let path =
            if with_id { format!("/{noun_lower}/{sfx}/{{boosterCustomerId}}") } else { format!("/{noun_lower}/{sfx}") };
        let param = if verb == "PATCH" { "query" } else { "body" };

        let mut fields = Vec::new();
        if with_id {
            fields.push(FieldSpec {
                name: "boosterCustomerId".to_string(),
                ty: Ty::Prim(Prim::Int),
                nullable: false,
                required: true,
                param: "path",
                description: "Booster customer Id".to_string(),
            });
        }
        let base = (!self.bases.is_empty() && self.rng.chance(40)).then(|| self.rng.pick(&self.bases).clone());
        if base.is_some() {
            // Like ExportCustomer : SearchCustomer, a few own fields on top of the base's.
            fields.push(FieldSpec {
                name: "downloadRequestId".to_string(),
                ty: Ty::Prim(Prim::String),
                nullable: false,
                required: true,
                param,
                description: "Export Request ID of the API Consumers".to_string(),
            });
            if self.rng.chance(50) {
                fields.push(FieldSpec {
                    name: "privacyPolicyAcceptanceStorage".to_string(),
                    ty: Ty::Prim(Prim::Bool),
                    nullable: false,
                    required: true,
                    param,
                    description: "Privacy policy acceptance for data storage".to_string(),
                });
            }
        } else {
            for f in self.customer_fields(param) {
                push_unique(&mut fields, f);
            }
        }
        self.types.insert(name.clone(), TypeSpec { name: name.clone(), body: TypeBody::Class { base, fields } });

        let response = (!self.rng.chance(15)).then(|| {
            let response = format!("{name}Response");
            let mut fields = self.fields_from(&RESPONSE_FIELDS[..1], 100, "form");
            fields.extend(self.fields_from(&RESPONSE_FIELDS[1..], 40, "form"));
            if self.rng.chance(30) {
                let (stem, nested) = self.nested[self.rng.below(self.nested.len())].clone();
                fields.push(FieldSpec {
                    name: "related".to_string(),
                    ty: Ty::list(Ty::Class(nested)),
                    nullable: false,
                    required: false,
                    param: "form",
                    description: format!("Related {} records", stem.to_lowercase()),
                });
            }
            self.types.insert(
                response.clone(),
                TypeSpec { name: response.clone(), body: TypeBody::Class { base: None, fields } },
            );
            response
        });
        OpSpec {
            name: name.clone(),
            verb,
            path,
            summary: format!("{verb_word} {noun_lower} {sfx}"),
            notes: format!("{verb_word} CRM {noun_lower} {sfx}"),
            request: name,
            response,
        }
    }
}

fn push_unique(fields: &mut Vec<FieldSpec>, field: FieldSpec) {
    if !fields.iter().any(|f| f.name == field.name) {
        fields.push(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(SynthApi::generate(30, 7), SynthApi::generate(30, 7));
        assert_ne!(SynthApi::generate(30, 7), SynthApi::generate(30, 8));
    }

    #[test]
    fn suffixes_are_unique_and_safe() {
        let all: BTreeSet<String> = (0..10_000).map(suffix).collect();
        assert_eq!(all.len(), 10_000);
        assert!(all.iter().all(|s| !s.contains('n') && !s.contains('y')));
    }
}
