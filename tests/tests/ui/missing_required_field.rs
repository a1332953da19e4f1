// `Email::email` is required: a builder without it must not compile.
fn main() {
    let _ = booster_dtos::Email::builder().is_main_email(true).build();
}
