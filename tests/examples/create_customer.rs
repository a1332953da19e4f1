//! Creates a Booster customer through the generated client, and prints the server's field errors
//! when it refuses.
//!
//! ```sh
//! cargo run -p booster-tests --features client --example create_customer -- https://host/api
//! ```
//!
//! A bearer token, if the server wants one, is read from `BOOSTER_TOKEN`.

use std::io::Write;
use std::process::ExitCode;

use booster_dtos::client::{Client, Error};
use booster_dtos::{CreateCustomer, Email};

/// Sends the customer to `base_url` and writes what happened to `out`; `true` when it was created.
pub async fn run(base_url: &str, token: Option<&str>, out: &mut dyn Write) -> std::io::Result<bool> {
    let mut builder = Client::builder(base_url);
    if let Some(token) = token {
        builder = builder.bearer_token(token);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(false);
        }
    };
    let customer = CreateCustomer::builder()
        .privacy_policy_acceptance_storage(true)
        .can_be_contacted_by_maison(false)
        .client_type("PRIVATE")
        .country_id("it")
        .pos_code("ES100:102048")
        .brand("CAR")
        .title("Mrs.")
        .first_name("Ada")
        .last_name("Lovelace")
        .language_id("eng")
        .gender("F")
        .emails(vec![Email::builder().email("ada@example.com").is_main_email(true).build()])
        .build();
    match client.send(&customer).await {
        Ok(created) => {
            writeln!(out, "created customer {}", created.booster_customer_id)?;
            Ok(true)
        }
        Err(Error::Invalid { violations, .. }) => {
            writeln!(out, "not sent: the request breaks {} rule(s)", violations.len())?;
            for v in &violations {
                writeln!(out, "  {v}")?;
            }
            Ok(false)
        }
        Err(e) => {
            let status = e.status().map_or_else(|| "no answer".to_string(), |s| format!("HTTP {s}"));
            match e.response_status() {
                Some(_) => writeln!(out, "the server refused the customer ({status}):")?,
                None => writeln!(out, "the call failed ({status}): {e}")?,
            }
            for field in e.field_errors() {
                let code = field.error_code.as_deref().unwrap_or("?");
                let message = field.message.as_deref().unwrap_or("");
                writeln!(out, "  {} ({code}): {message}", field.field_name)?;
            }
            if e.response_status().is_some() && e.field_errors().is_empty() {
                writeln!(out, "  {e}")?;
            }
            Ok(false)
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(base_url) = std::env::args().nth(1) else {
        eprintln!("usage: create_customer BASE_URL   (a bearer token from BOOSTER_TOKEN, if set)");
        return ExitCode::from(2);
    };
    let token = std::env::var("BOOSTER_TOKEN").ok();
    match run(&base_url, token.as_deref(), &mut std::io::stdout()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
