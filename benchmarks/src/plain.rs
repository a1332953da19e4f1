//! Hand-written serde structs of Booster's request shapes: the runtime floor. Same wire names,
//! same `Option`s and `skip_serializing_if` as the generated `booster_dtos` types, but dates and
//! Guids stay `String` (nothing is parsed) and doubles are `f64`.
//!
//! [`flatten`] holds the same `ExportCustomer` with its `SearchCustomer` fields behind
//! `#[serde(flatten)]`, as ServiceStack's own Rust output writes inheritance.

use serde::{Deserialize, Serialize};

/// `#[serde(default, skip_serializing_if = "Option::is_none")]` is spelled out on each field,
/// as the generated crate does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetCustomerInterest {
    pub interest: String,
    pub sap_interest_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetCustomerHobby {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hobby: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sap_hobby_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetCustomerProductCollection {
    pub product_collection: String,
    pub sap_product_collection_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductCategory {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_category_id: Option<String>,
    pub grand_category_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_category_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category_id: Option<String>,
}

/// `SearchCustomer`'s fields, written once for the flat struct and the flattened base.
macro_rules! search_customer_struct {
    ($(#[$meta:meta])* $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $($extra)*
            pub brand: String,
            pub pos_codes: Vec<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub search_key: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub phone_number: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub location_country_ids: Option<Vec<String>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub client_spending_from: Option<f64>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub client_spending_to: Option<f64>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub creation_date_from: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub creation_date_to: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub transaction_date_from: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub transaction_date_to: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub can_be_contacted_by_maison: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub birthdate_months: Option<Vec<i32>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub interests: Option<Vec<GetCustomerInterest>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub hobbies: Option<Vec<GetCustomerHobby>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub product_collections: Option<Vec<GetCustomerProductCollection>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub customer_status: Option<Vec<String>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub booster_customer_ids: Option<Vec<i32>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub has_sap_crm_error: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub product_categories: Option<Vec<ProductCategory>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub sale_representative_emails: Option<Vec<String>>,
        }
    };
}

search_customer_struct!(
    /// `SearchCustomer`, the base of `ExportCustomer`.
    SearchCustomer {}
);

search_customer_struct!(
    /// `ExportCustomer` with its base's fields flat, as `booster_dtos` writes inheritance.
    ExportCustomer {
        pub download_request_id: String,
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportCustomerResponse {
    /// A Guid, kept as text.
    #[serde(default)]
    pub async_task_id: String,
}

pub mod flatten {
    //! `ExportCustomer : SearchCustomer` with `#[serde(flatten)]`, as ServiceStack's `x rust` writes it.

    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ExportCustomer {
        #[serde(flatten)]
        pub base: super::SearchCustomer,
        pub download_request_id: String,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Email {
    pub email: String,
    pub is_main_email: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    pub phone: String,
    pub country_prefix: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_type: Option<String>,
    pub is_main_phone: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub address_type: String,
    pub country_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street4: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street5: Option<String>,
    pub is_main_address: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub po_box: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub event_type: String,
    /// A date, kept as text.
    pub event_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_other_name: Option<String>,
}

/// `Interest` and `Hobby` share this shape; `ProductCollection` too, with a required translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interest {
    pub interest: String,
    pub sap_interest_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hobby {
    pub hobby: String,
    pub sap_hobby_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductCollection {
    pub product_collection: String,
    pub sap_product_collection_id: String,
    pub translation: String,
}

/// `CreateCustomer : Customer`, flat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateCustomer {
    pub privacy_policy_acceptance_storage: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tv_privacy_policy_acceptance_storage: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name_not_latin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name_not_latin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_suffix: Option<String>,
    pub can_be_contacted_by_maison: bool,
    pub client_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    pub country_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    pub pos_code: String,
    pub brand: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wedding_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_contact_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_by_email_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_by_mail_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_by_phone_flag: Option<bool>,
    #[serde(rename = "contactBySMSFlag", default, skip_serializing_if = "Option::is_none")]
    pub contact_by_sms_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_by_social_media_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale_representative_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_store_data_abroad: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tv_allow_store_data_abroad: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<Email>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Event>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<Vec<Interest>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hobbies: Option<Vec<Hobby>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_collections: Option<Vec<ProductCollection>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_sharing_consent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_sale_representative_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_date: Option<String>,
}

/// The seed pages' request samples, scaled up.
pub mod payloads {
    use serde_json::Value;

    /// Seed 002: ExportCustomer (tables form, JSON Lines samples).
    pub const EXPORT_CUSTOMER_PAGE: &str = include_str!("../../specs/booster/002_aa8d65597bddc47b.txt");
    /// Seed 003: CreateCustomer (tables form, CSV samples with JSON bodies).
    pub const CREATE_CUSTOMER_PAGE: &str = include_str!("../../specs/booster/003_893a8cf0c7c0b088.txt");

    /// The page's JSON bodies: (request, response).
    pub fn sample_bodies(page: &str) -> (Value, Value) {
        let mut bodies = page.lines().filter(|l| l.trim_start().starts_with('{')).map(|l| {
            serde_json::from_str::<Value>(l.trim()).unwrap_or_else(|e| panic!("a seed sample is not JSON: {e}"))
        });
        let request = bodies.next().unwrap_or(Value::Null);
        let response = bodies.next().unwrap_or(Value::Null);
        (request, response)
    }

    /// The request sample with the array `field` repeated to `count` items (copies of its first).
    pub fn scaled(page: &str, field: &str, count: usize) -> String {
        let (mut request, _) = sample_bodies(page);
        let item = request[field][0].clone();
        request[field] = Value::Array(vec![item; count]);
        wcf_escaped(&serde_json::to_string(&request).unwrap_or_default())
    }

    /// Dates as ServiceStack writes them, `"\/Date(..)\/"` (serde_json writes `/` unescaped).
    fn wcf_escaped(json: &str) -> String {
        json.replace("\"/Date(", "\"\\/Date(").replace(")/\"", ")\\/\"")
    }

    /// `count` copies of the page's response sample, as a JSON array.
    pub fn responses(page: &str, count: usize) -> String {
        let (_, response) = sample_bodies(page);
        serde_json::to_string(&vec![response; count]).unwrap_or_default()
    }
}
