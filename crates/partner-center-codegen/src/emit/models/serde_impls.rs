//! The serde implementations of the generated items, written out rather
//! than derived.
//!
//! A struct reads its members through `partner_center_support::members`:
//! exact wire names go straight to their field, other ASCII casings find
//! theirs, and unknown members are kept as raw JSON text and written back.
//! That keeps decoding lossless at about the speed of a plain derive, which
//! `#[serde(flatten)]` into a map does not (it buffers every member).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Enum, ItemKind, Model, Reference, Struct, Type};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `Members`, `FindUnknown`, `Deserialize` and `Serialize` for a struct.
pub(crate) fn structure(model: &Model, name: &Ident, title: &str, s: &Struct) -> TokenStream {
    let extra = ident(&s.extra_field);
    let wire_names = s.fields.iter().map(|f| &f.wire_name);
    let expecting = format!("{} {title}", article(title));
    let reads = s.fields.iter().map(|f| {
        let (field, wire) = (ident(&f.rust_name), &f.wire_name);
        quote!(#wire => self.#field = map.next_value()?,)
    });
    let nested = s.fields.iter().filter(|f| holds_model(model, &f.ty)).map(|f| {
        let (field, wire) = (ident(&f.rust_name), &f.wire_name);
        quote!(members::find_unknown_in(&self.#field, path, #wire, found);)
    });
    let writes = s.fields.iter().map(|f| {
        let (field, wire) = (ident(&f.rust_name), &f.wire_name);
        let value = match f.ty {
            Type::Decimal => quote!(&decimal::AsNumber(value)),
            Type::DecimalString => quote!(&decimal::AsString(value)),
            _ => quote!(value),
        };
        quote! {
            if let Some(value) = &self.#field {
                map.serialize_entry(#wire, #value)?;
            }
        }
    });
    quote! {
        impl Members for #name {
            const MEMBERS: &'static [&'static str] = &[#(#wire_names),*];
            const EXPECTING: &'static str = #expecting;

            fn read_member<'de, A: MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    #(#reads)*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            fn unknown_members(&self) -> &UnknownMembers {
                &self.#extra
            }

            fn unknown_members_mut(&mut self) -> &mut UnknownMembers {
                &mut self.#extra
            }
        }

        impl FindUnknown for #name {
            fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
                self.#extra.list(path, found);
                #(#nested)*
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                members::deserialize_members(deserializer)
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                #(#writes)*
                self.#extra.serialize_into(&mut map)?;
                map.end()
            }
        }
    }
}

/// `From<&str>`, `Deserialize` and `Serialize` for an enum of values.
pub(crate) fn enumeration(name: &Ident, e: &Enum) -> TokenStream {
    let fallback = ident(&e.fallback);
    let arms = e.variants.iter().map(|v| {
        let (variant, wire) = (ident(&v.rust_name), &v.wire_value);
        quote!(#wire => Self::#variant,)
    });
    quote! {
        impl From<&str> for #name {
            /// The variant for a value, the fallback for one the reference
            /// does not list.
            fn from(value: &str) -> Self {
                match value {
                    #(#arms)*
                    other => Self::#fallback(other.to_owned()),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                members::deserialize_string_enum(deserializer)
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    }
}

/// `a` or `an`, for `expected a Customer` / `expected an Invoice`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

/// True when a field of type `ty` can hold a struct (directly, in a list,
/// in a map): where unknown members can hide.
pub(crate) fn holds_model(model: &Model, ty: &Type) -> bool {
    match ty {
        Type::List(inner) | Type::Map(inner) => holds_model(model, inner),
        Type::Named(Reference::Item(id)) => matches!(model.item(*id).kind, ItemKind::Struct(_)),
        Type::Named(Reference::Support(_)) => true,
        _ => false,
    }
}
