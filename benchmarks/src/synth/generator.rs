//! The generator: draws enums, nested classes, bases, requests and responses from the
//! vocabularies of [`templates`](super::templates) with a seeded [`Rng`].

use std::collections::BTreeMap;

use super::templates::TemplateTy::{Enum as E, ListOf as L, Prim as P};
use super::templates::{
    CLIENT_TYPE, CUSTOMER_FIELDS, ENUMS, LIST_FIELD_NAMES, NESTED, NOUNS, RESPONSE_FIELDS, Template, VERBS,
};
use super::{FieldSpec, OpSpec, Prim, Rng, SynthApi, Ty, TypeBody, TypeSpec, suffix};

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

pub(super) struct Generator {
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
    pub(super) fn new(operations: usize, seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            operations,
            types: BTreeMap::new(),
            nested: Vec::new(),
            enums: BTreeMap::new(),
            bases: Vec::new(),
        }
    }

    pub(super) fn run(mut self) -> SynthApi {
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
