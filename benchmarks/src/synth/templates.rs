//! The vocabularies the generator draws from: field templates of customer-like requests, nested
//! classes and responses, enums, operation verbs and nouns.

use super::Prim;

/// A field template: wire name, type, required, description.
pub(super) struct Template {
    pub(super) name: &'static str,
    pub(super) ty: TemplateTy,
    pub(super) required: bool,
    pub(super) description: &'static str,
}

#[derive(Clone, Copy)]
pub(super) enum TemplateTy {
    Prim(Prim, bool),
    ListOf(Prim),
    /// An enum of this stem, nullable or not.
    Enum(&'static str, bool),
}

pub(super) const fn t(name: &'static str, ty: TemplateTy, required: bool, description: &'static str) -> Template {
    Template { name, ty, required, description }
}

use TemplateTy::{Enum as E, ListOf as L, Prim as P};

pub(super) const STRING: TemplateTy = P(Prim::String, false);

/// Fields of customer-like requests and bases (Booster's `Customer`, `SearchCustomer`). One
/// enum at most per class: the table form has neither captions nor headers for enum tables, so
/// two enums next to each other in table order would read as one.
pub(super) const CUSTOMER_FIELDS: &[Template] = &[
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
pub(super) const CLIENT_TYPE: Template = t("clientType", STRING, true, "Customer Type e.g. 'PRIVATE' or 'COMPANY'");

/// Nested classes (Booster's `Email`, `Phone`, `Address`...): stem and fields.
pub(super) const NESTED: &[(&str, &[Template])] = &[
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
pub(super) const ENUMS: &[(&str, &[&str])] = &[
    ("PhoneKind", &["Home", "Mobile", "Work", "Other"]),
    ("ContactMethod", &["Fax", "Tel", "EMail", "Mail", "Survey"]),
    ("TaskState", &["Queued", "Running", "Done", "Failed"]),
];

/// Response fields.
pub(super) const RESPONSE_FIELDS: &[Template] = &[
    t("boosterCustomerId", P(Prim::Int, false), true, "Booster Customer ID"),
    t("asyncTaskId", P(Prim::Guid, false), true, "Unique Identifier of the Export Request created"),
    t("createdAt", P(Prim::DateTime, false), false, "When the request was accepted"),
    t("state", E("TaskState", false), false, "State of the task e.g. 'Queued', 'Running'"),
    t("balance", P(Prim::Decimal, true), false, "Balance after the operation e.g. '0.00'"),
    t("warnings", L(Prim::String), false, "Warnings e.g. 'Duplicate', 'Partial'"),
];

/// Operation verbs and nouns; names are `{Verb}{Noun}{Suffix}`.
pub(super) const VERBS: &[(&str, &str)] =
    &[("Create", "POST"), ("Patch", "PATCH"), ("Update", "PUT"), ("Export", "POST"), ("Register", "POST")];
pub(super) const NOUNS: &[&str] = &["Customer", "Client", "Appointment", "Repair", "Wishlist", "Voucher", "Order"];

/// The list fields a customer-like type uses for nested classes.
pub(super) const LIST_FIELD_NAMES: &[(&str, &str)] = &[
    ("Email", "emails"),
    ("Phone", "phones"),
    ("Address", "addresses"),
    ("Event", "events"),
    ("Interest", "interests"),
    ("ProductCategory", "productCategories"),
    ("Purchase", "purchases"),
];
