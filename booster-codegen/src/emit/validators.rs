//! `Validate` impls: the rules of the schema (required values, conditional requirements, ranges,
//! value sets) as code, and validation of nested types with their paths. Rules come from the
//! schema only; nothing here knows a particular API.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeSet;

use crate::emit::rust_types::TypeMap;
use crate::schema::{Api, Field, Rule, TypeDef, TypeKind};
use crate::type_grammar::{Prim, TypeRef};

/// One field as the validator sees it.
pub struct FieldView<'a> {
    pub field: &'a Field,
    pub ident: syn::Ident,
    /// The Rust field is `Option<..>`.
    pub optional: bool,
}

/// How a field holds its values.
enum Shape<'t> {
    One(&'t TypeRef),
    List(&'t TypeRef),
    Map(&'t TypeRef),
}

fn shape(ty: &TypeRef) -> Shape<'_> {
    match ty.without_nullable() {
        TypeRef::List { item } if !matches!(**item, TypeRef::Primitive { prim: Prim::Byte }) => Shape::List(item),
        TypeRef::Map { value, .. } => Shape::Map(value),
        other => Shape::One(other),
    }
}

fn is_number(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive { prim } if matches!(prim,
        Prim::Byte | Prim::SByte | Prim::Short | Prim::Int | Prim::Long | Prim::UShort | Prim::UInt | Prim::ULong | Prim::Float | Prim::Double))
}

fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive { prim: Prim::String | Prim::Uri })
}

/// `Option<&str>` of a field that holds text (a string or an enum), for conditions.
fn text_of(view: &FieldView<'_>, map: &TypeMap<'_>) -> Option<TokenStream> {
    let id = &view.ident;
    let ty = view.field.ty.without_nullable();
    let is_enum = matches!(ty, TypeRef::Named { name } if map.is_enum(name));
    match (is_string(ty) || is_enum, view.optional, is_enum) {
        (false, _, _) => None,
        (true, false, _) => Some(quote! { Some(self.#id.as_str()) }),
        (true, true, false) => Some(quote! { self.#id.as_deref() }),
        (true, true, true) => Some(quote! { self.#id.as_ref().map(|v| v.as_str()) }),
    }
}

/// `true` when the field has no value (or, for text, an empty one); `None` when the field
/// always has one.
fn missing(view: &FieldView<'_>) -> Option<TokenStream> {
    let id = &view.ident;
    let string = is_string(view.field.ty.without_nullable());
    match (view.optional, string) {
        (true, true) => Some(quote! { self.#id.as_deref().is_none_or(|v| v.trim().is_empty()) }),
        (true, false) => Some(quote! { self.#id.is_none() }),
        (false, true) => Some(quote! { self.#id.trim().is_empty() }),
        (false, false) => None,
    }
}

/// Runs `check` on each value of the field (`value` bound by reference), with its path.
fn each_value(view: &FieldView<'_>, check: TokenStream) -> TokenStream {
    let id = &view.ident;
    let wire = view.field.name.as_str();
    let list = matches!(shape(&view.field.ty), Shape::List(_));
    let body = if list {
        quote! {
            let base = crate::validate::join(path, #wire);
            for (i, value) in items.iter().enumerate() {
                let at = format!("{base}[{i}]");
                #check
            }
        }
    } else {
        quote! { let value = items; let at = crate::validate::join(path, #wire); #check }
    };
    if view.optional {
        quote! { if let Some(items) = &self.#id { #body } }
    } else {
        quote! { { let items = &self.#id; #body } }
    }
}

/// The classes that get a `Validate` impl besides the requests: those with a check of their own
/// (a required value, a rule) and those holding one of them, through fields, lists and maps.
/// A class with nothing to check gets no impl and is not walked into.
pub fn validated_types<'a>(api: &'a Api, map: &TypeMap<'a>) -> BTreeSet<&'a str> {
    let classes: Vec<&TypeDef> = api.types.iter().filter(|t| t.kind == TypeKind::Class).collect();
    let mut set: BTreeSet<&str> = BTreeSet::new();
    let mut held: Vec<(&str, Vec<&str>)> = Vec::new();
    for t in classes {
        if map.list_base(t).is_some() {
            let item = map.list_base(t).and_then(|i| match i {
                TypeRef::Named { name } => map.class(&name).map(|c| c.name.as_str()),
                _ => None,
            });
            held.push((t.name.as_str(), item.into_iter().collect()));
            continue;
        }
        let side = map.side(&t.name);
        let (fields, _) = map.all_fields(t);
        let views: Vec<FieldView<'_>> = fields
            .iter()
            .map(|(f, _)| FieldView {
                field: f,
                ident: quote::format_ident!("field"),
                optional: map.field_type(t, f, side).2,
            })
            .collect();
        if !checks(&views, map, &|_| false).is_empty() {
            set.insert(t.name.as_str());
        }
        let nested: Vec<&str> = fields
            .iter()
            .filter_map(|(f, _)| match shape(&f.ty) {
                Shape::One(TypeRef::Named { name })
                | Shape::List(TypeRef::Named { name })
                | Shape::Map(TypeRef::Named { name }) => map.class(name).map(|c| c.name.as_str()),
                _ => None,
            })
            .collect();
        held.push((t.name.as_str(), nested));
    }
    loop {
        let before = set.len();
        for (name, nested) in &held {
            if nested.iter().any(|n| set.contains(n)) {
                set.insert(name);
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// `impl Validate` for a class; `validated` says which classes have an impl to walk into.
pub fn validate_impl(
    type_ident: &syn::Ident,
    views: &[FieldView<'_>],
    map: &TypeMap<'_>,
    validated: &dyn Fn(&str) -> bool,
) -> TokenStream {
    let checks = checks(views, map, validated);
    let (path, out) =
        if checks.is_empty() { (quote! { _path }, quote! { _out }) } else { (quote! { path }, quote! { out }) };
    quote! {
        impl crate::validate::Validate for #type_ident {
            fn validate_into(&self, #path: &str, #out: &mut Vec<crate::validate::Violation>) {
                #(#checks)*
            }
        }
    }
}

/// The checks of one class's fields, in field order.
fn checks(views: &[FieldView<'_>], map: &TypeMap<'_>, validated: &dyn Fn(&str) -> bool) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    for view in views {
        let f = view.field;
        let wire = f.name.as_str();
        if f.required
            && let Some(missing) = missing(view)
        {
            let message =
                if is_string(f.ty.without_nullable()) { "is required and must not be empty" } else { "is required" };
            checks.push(quote! {
                if #missing {
                    crate::validate::push(out, crate::validate::join(path, #wire), #message);
                }
            });
        }
        for rule in &f.rules {
            match rule {
                Rule::RequiredWhen { field, equals } => {
                    let Some(cond) = views.iter().find(|v| &v.field.name == field) else { continue };
                    let (Some(text), Some(missing)) = (text_of(cond, map), missing(view)) else { continue };
                    let message = format!("is required when {field} is {equals}");
                    checks.push(quote! {
                        if #text == Some(#equals) && #missing {
                            crate::validate::push(out, crate::validate::join(path, #wire), #message);
                        }
                    });
                }
                Rule::Range { min, max } => {
                    let elem = match shape(&f.ty) {
                        Shape::One(t) | Shape::List(t) => t,
                        Shape::Map(_) => continue,
                    };
                    if !is_number(elem.without_nullable()) || matches!(elem, TypeRef::Nullable { .. }) {
                        continue;
                    }
                    let (lo, hi) = (*min as f64, *max as f64);
                    let message = format!("must be between {min} and {max} (found {{value}})");
                    checks.push(each_value(
                        view,
                        quote! {
                            if !(#lo..=#hi).contains(&(*value as f64)) {
                                crate::validate::push(out, at, format!(#message));
                            }
                        },
                    ));
                }
                Rule::OneOf { values } => {
                    let elem = match shape(&f.ty) {
                        Shape::One(t) | Shape::List(t) => t,
                        Shape::Map(_) => continue,
                    };
                    if !is_string(elem) {
                        continue;
                    }
                    let message =
                        format!("must be one of {} (found {{value:?}})", values.join(", ").replace(['{', '}'], ""));
                    checks.push(each_value(
                        view,
                        quote! {
                            if ![#(#values),*].contains(&value.as_str()) {
                                crate::validate::push(out, at, format!(#message));
                            }
                        },
                    ));
                }
            }
        }
        let id = &view.ident;
        let nested = |t: &TypeRef| matches!(t, TypeRef::Named { name } if map.class(name).is_some() && validated(name));
        let walk = match shape(&f.ty) {
            Shape::One(t) if nested(t) => Some(
                quote! { crate::validate::Validate::validate_into(items, &crate::validate::join(path, #wire), out); },
            ),
            Shape::List(t) if nested(t) => {
                Some(quote! { crate::validate::each(items, &crate::validate::join(path, #wire), out); })
            }
            Shape::Map(t) if nested(t) => Some(quote! {
                let base = crate::validate::join(path, #wire);
                for (key, value) in items {
                    crate::validate::Validate::validate_into(value, &format!("{base}[{key:?}]"), out);
                }
            }),
            _ => None,
        };
        if let Some(walk) = walk {
            checks.push(if view.optional {
                quote! { if let Some(items) = &self.#id { #walk } }
            } else {
                quote! { { let items = &self.#id; #walk } }
            });
        }
    }
    checks
}
