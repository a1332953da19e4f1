//! `typify-gen SCHEMA.json OUT.rs`: typify's types for every definition of the schema, with
//! struct builders, formatted.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [schema, out] = args.as_slice() else {
        eprintln!("usage: typify-gen SCHEMA.json OUT.rs");
        return ExitCode::from(2);
    };
    match generate(schema) {
        Ok(code) => match std::fs::write(out, code) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {out}: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("error: {schema}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(schema: &str) -> Result<String, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(schema)?;
    let root: schemars::schema::RootSchema = serde_json::from_str(&text)?;
    let mut settings = typify::TypeSpaceSettings::default();
    settings.with_struct_builder(true);
    let mut space = typify::TypeSpace::new(&settings);
    space.add_root_schema(root)?;
    let file: syn::File = syn::parse2(space.to_stream())?;
    Ok(prettyplease::unparse(&file))
}
