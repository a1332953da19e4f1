//! The synthetic pages read back into the schema they were written from, in every rendering:
//! N operations, no error diagnostics, and every type's field names and types (and, where the
//! rendering says them, required flags).

use benchmarks::pipeline;
use benchmarks::render::{self, Rendering};
use benchmarks::synth::{FieldSpec, SEED, SynthApi, TypeBody};
use booster_codegen::diag::Severity;
use booster_codegen::schema::{Api, TypeDef, TypeKind};
use booster_codegen::type_grammar::{Prim, TypeRef};

const OPERATIONS: usize = 24;

/// What a rendering can say about a Data Type. Python's `str` covers `Guid` and `Guid?`, its
/// `int` covers `long`, and `Optional[Enum]` is written for enums whether nullable or not.
fn expected_type(f: &FieldSpec, rendering: Rendering) -> TypeRef {
    let ty = TypeRef::parse(&f.data_type()).expect("the generator writes valid Data Types");
    if rendering == Rendering::Python { python_view(ty) } else { ty }
}

fn python_view(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Primitive { prim: Prim::Guid } => TypeRef::prim(Prim::String),
        TypeRef::Primitive { prim: Prim::Long } => TypeRef::prim(Prim::Int),
        TypeRef::Nullable { inner } => match python_view(*inner) {
            named @ TypeRef::Named { .. } => named,
            string @ TypeRef::Primitive { prim: Prim::String } => string,
            inner => TypeRef::nullable(inner),
        },
        TypeRef::List { item } => TypeRef::list(python_view(*item)),
        other => other,
    }
}

/// The name the read schema gives a synthetic type. The table form has no captions, so a
/// request's base is named after the request (`{Request}Base`), once per request.
fn read_name(synth: &SynthApi, rendering: Rendering, name: &str, derived: Option<&str>) -> String {
    match (rendering, derived) {
        (Rendering::Tables, Some(request)) if synth.operations.iter().any(|o| o.request == request) => {
            format!("{request}Base")
        }
        _ => name.to_string(),
    }
}

fn find<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("`{name}` was not read back"))
}

fn check_rendering(rendering: Rendering) {
    let synth = SynthApi::generate(OPERATIONS, SEED);
    let pages = render::pages(&synth, rendering);
    let (api, files) = pipeline::run(&pages);
    let errors: Vec<String> =
        api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{rendering:?}: error diagnostics:\n{}", errors.join("\n"));
    assert!(files.iter().any(|f| f.path == "src/lib.rs"), "{rendering:?}: no crate was emitted");

    assert_eq!(api.operations.len(), OPERATIONS, "{rendering:?}");
    for op in &synth.operations {
        let read = api.operations.iter().find(|o| o.name == op.name);
        let read = read.unwrap_or_else(|| panic!("{rendering:?}: operation `{}` was not read back", op.name));
        assert_eq!(read.response, op.response, "{rendering:?}: response of `{}`", op.name);
        assert_eq!(read.routes.len(), 1, "{rendering:?}: routes of `{}`", op.name);
        assert_eq!(read.routes[0].verbs, [op.verb], "{rendering:?}: verb of `{}`", op.name);
        assert_eq!(read.routes[0].path, op.path, "{rendering:?}: path of `{}`", op.name);
    }

    // Every type a page shows, with the request that shows it as its base (if it does).
    let mut shown: Vec<(String, Option<String>)> = Vec::new();
    for op in &synth.operations {
        for t in synth.page_types(op) {
            let request = synth.type_spec(&op.request).expect("requests are defined");
            let derived = (request.base() == Some(t.name.as_str())).then(|| op.request.clone());
            if !shown.contains(&(t.name.clone(), derived.clone())) {
                shown.push((t.name.clone(), derived));
            }
        }
    }
    for (name, derived) in &shown {
        let spec = synth.type_spec(name).expect("page types are defined");
        let read = find(&api, &read_name(&synth, rendering, name, derived.as_deref()));
        match &spec.body {
            TypeBody::Enum { members } => {
                assert_eq!(read.kind, TypeKind::Enum, "{rendering:?}: `{name}` kind");
                let got: Vec<&str> = read.members.iter().map(|m| m.name.as_str()).collect();
                assert_eq!(got, *members, "{rendering:?}: members of `{name}`");
            }
            TypeBody::Class { base, fields } => {
                assert_eq!(read.kind, TypeKind::Class, "{rendering:?}: `{name}` kind");
                let want_base = base.as_deref().map(|b| read_name(&synth, rendering, b, Some(name)));
                assert_eq!(read.base, want_base, "{rendering:?}: base of `{name}`");
                let got: Vec<(&str, &TypeRef, bool)> =
                    read.fields.iter().map(|f| (f.name.as_str(), &f.ty, f.required)).collect();
                let want: Vec<(String, TypeRef, bool)> =
                    fields.iter().map(|f| (f.name.clone(), expected_type(f, rendering), f.required)).collect();
                let want: Vec<(&str, &TypeRef, bool)> = want.iter().map(|(n, t, r)| (n.as_str(), t, *r)).collect();
                assert_eq!(got, want, "{rendering:?}: fields of `{name}`");
            }
        }
    }
}

#[test]
fn html_pages_read_back() {
    check_rendering(Rendering::Html);
}

#[test]
fn text_form_pages_read_back() {
    check_rendering(Rendering::Text);
}

#[test]
fn table_form_pages_read_back() {
    check_rendering(Rendering::Tables);
}

#[test]
fn python_pages_read_back() {
    check_rendering(Rendering::Python);
}

#[test]
fn pages_look_like_the_seeds() {
    let synth = SynthApi::generate(3, SEED);
    let text = &render::pages(&synth, Rendering::Text)[0].contents;
    assert!(text.contains("\n<back to all web services\n"));
    assert!(text.contains("NameParameterData TypeRequiredDescription\n"));
    let tables = &render::pages(&synth, Rendering::Tables)[0].contents;
    assert!(tables.starts_with("| ") && !tables.contains("Parameters:"));
    let html = &render::pages(&synth, Rendering::Html)[0].contents;
    assert!(html.contains("<table class='routes'>") && html.contains("<caption><b>"));
    let python = &render::pages(&synth, Rendering::Python)[0].contents;
    assert!(python.contains("@dataclass_json(letter_case=LetterCase.CAMEL"));
}
