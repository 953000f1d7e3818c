//! Naming rules: wire names, Rust type, field and variant names.
//!
//! Every identifier the generator emits is made here, so a reader finds the
//! whole naming policy in one file.

/// The name the service puts on the wire for a property as the docs spell it.
///
/// The service serialises .NET properties in camel case: leading capitals
/// are lowered (`URI` -> `uri`, `AddressLine1` -> `addressLine1`,
/// `PCToBCExchangeRate` -> `pcToBCExchangeRate`). Newer pages write a trailing
/// acronym in capitals where the .NET property (and so the wire) has it in
/// title case (`commerceID` -> `commerceId`, `productSKU` -> `productSku`).
pub(crate) fn wire_name(doc_name: &str) -> String {
    let mut chars: Vec<char> = doc_name.chars().collect();
    // A trailing run of capitals after a lower-case letter is an acronym
    // written in capitals; the property has it in title case.
    let run = chars.iter().rev().take_while(|c| c.is_ascii_uppercase()).count();
    if run >= 2 && run < chars.len() && chars[chars.len() - run - 1].is_ascii_lowercase() {
        let start = chars.len() - run + 1;
        for c in &mut chars[start..] {
            *c = c.to_ascii_lowercase();
        }
    }
    // Json.NET's camel casing: lower the leading capitals, except the last
    // one of a run that starts the next word.
    for i in 0..chars.len() {
        if i == 1 && !chars[i].is_uppercase() {
            break;
        }
        if i > 0 && i + 1 < chars.len() && !chars[i + 1].is_uppercase() {
            break;
        }
        chars[i] = chars[i].to_ascii_lowercase();
    }
    chars.into_iter().collect()
}

/// Splits a name into words at case changes, digits stay with the word
/// before them: `pcToBCExchangeRate` -> `pc To BC Exchange Rate`,
/// `addressLine1` -> `address Line1`, `microsoft_support` -> `microsoft support`.
pub(crate) fn words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    // Only ASCII letters and digits: whatever else a name holds cannot be
    // part of an identifier the way it is written.
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        for i in 1..bytes.len() {
            let (prev, cur) = (bytes[i - 1], bytes[i]);
            let next_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            let boundary = cur.is_ascii_uppercase()
                && (prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next_lower));
            if boundary {
                words.push(&part[start..i]);
                start = i;
            }
        }
        words.push(&part[start..]);
    }
    words
}

/// `snake_case` of a name, made legal: keywords get a trailing underscore,
/// a leading digit a leading one.
pub(crate) fn snake_case(name: &str) -> String {
    let mut joined = String::with_capacity(name.len() + 4);
    for (i, word) in words(name).into_iter().enumerate() {
        if i > 0 {
            joined.push('_');
        }
        joined.push_str(word);
    }
    // Words are ASCII letters and digits: lowered at once, not a character
    // at a time.
    joined.make_ascii_lowercase();
    legal(joined, "_")
}

/// `UpperCamelCase` of a name, made legal. A name that already is one
/// identifier in upper camel case is kept as the docs write it
/// (`CustomerCompanyProfile`, `MPNProfile`); anything else is rebuilt from
/// its words (`microsoft_support` -> `MicrosoftSupport`).
pub(crate) fn pascal_case(name: &str) -> String {
    let is_ident = name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase());
    if is_ident && !is_keyword(name) {
        return name.to_owned();
    }
    let mut joined = String::with_capacity(name.len());
    for word in words(name) {
        // Words are ASCII letters and digits, never empty.
        for (i, b) in word.bytes().enumerate() {
            let b = if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
            joined.push(char::from(b));
        }
    }
    legal(joined, "V")
}

/// Makes `ident` a legal identifier: `prefix` goes before a leading digit,
/// and a name with no letters or digits at all is `unnamed`.
fn legal(mut ident: String, prefix: &str) -> String {
    if ident.is_empty() {
        ident = if prefix == "_" { "unnamed".into() } else { "Unnamed".into() };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, prefix);
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// True for words Rust reserves (strict, reserved and 2024 keywords), which
/// cannot name a field or type.
pub(crate) fn is_keyword(word: &str) -> bool {
    // Keywords are 2 to 8 letters long; most names are longer.
    (2..=8).contains(&word.len()) && KEYWORDS.binary_search(&word).is_ok()
}

/// Rust's keywords in byte order (`Self` first), for a binary search: every
/// field and type name is looked up, and a scan compared each of them.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `customer-resources.md` -> `customer`.
pub(crate) fn module_name(file_name: &str) -> String {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let stem = stem.strip_suffix("-resources").unwrap_or(stem);
    snake_case(stem)
}

/// The type name a heading gives: `Customer` stays, `Subscription resource`
/// becomes `Subscription`, `Cart line item` becomes `CartLineItem`. A
/// heading that names a part of an operation rather than a resource
/// (`Request body`, `Response`, `Properties`) is prefixed with the page's
/// name: `Request body` on `create-a-cart.md` becomes `CreateACartRequestBody`.
pub(crate) fn item_name(title: &str, module: &str) -> String {
    const GENERIC: &[&str] = &["request", "response", "body", "properties"];
    let generic = title.split_whitespace().any(|w| GENERIC.contains(&w.to_lowercase().as_str()));
    let name = resource_name(title);
    if generic { pascal_case(module) + &name } else { name }
}

fn resource_name(title: &str) -> String {
    const NOUNS: &[&str] = &["resource", "resources", "object", "objects"];
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| NOUNS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    pascal_case(&words.join(" "))
}

/// The Rust names of an operation documented on the page with file stem
/// `stem`: its method name and its request type's name. The words `a`,
/// `an`, `the` and a possessive `s` carry nothing and are dropped:
/// `get-a-customer-s-orders` -> (`get_customer_orders`, `GetCustomerOrders`).
pub(crate) fn operation_names(stem: &str) -> (String, String) {
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "a" | "an" | "the" | "s"))
        .collect();
    let text = if words.is_empty() { "operation".to_owned() } else { words.join(" ") };
    (snake_case(&text), pascal_case(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_in_byte_order_for_the_search() {
        assert!(KEYWORDS.windows(2).all(|pair| pair[0] < pair[1]), "{KEYWORDS:?}");
        assert_eq!(KEYWORDS.len(), 53);
        assert!(KEYWORDS.iter().all(|k| (2..=8).contains(&k.len())));
        assert!(is_keyword("Self") && is_keyword("yield") && is_keyword("gen"));
        assert!(!is_keyword("customer") && !is_keyword("Type") && !is_keyword(""));
    }

    #[test]
    fn operation_names_drop_articles_and_possessives() {
        assert_eq!(
            operation_names("get-a-customer-by-id"),
            ("get_customer_by_id".into(), "GetCustomerById".into())
        );
        assert_eq!(
            operation_names("get-a-customer-s-usage-spending-budget"),
            ("get_customer_usage_spending_budget".into(), "GetCustomerUsageSpendingBudget".into())
        );
        assert_eq!(operation_names("update-the-nickname").0, "update_nickname");
    }

    #[test]
    fn wire_names_follow_the_service_not_the_docs_spelling() {
        let cases = [
            ("ID", "id"),
            ("id", "id"),
            ("commerceID", "commerceId"),
            ("tenantID", "tenantId"),
            ("associatedPartnerID", "associatedPartnerId"),
            ("AddressLine1", "addressLine1"),
            ("URI", "uri"),
            ("Self", "self"),
            ("ETag", "eTag"),
            ("Etag", "etag"),
            ("objectType", "objectType"),
            ("PCToBCExchangeRate", "pcToBCExchangeRate"),
            ("USDTotalCost", "usdTotalCost"),
            ("TargetSubscriptionID", "targetSubscriptionId"),
            ("productSKU", "productSku"),
            ("resellerMPNId", "resellerMPNId"),
        ];
        for (doc, wire) in cases {
            assert_eq!(wire_name(doc), wire, "wire name of {doc}");
        }
    }

    #[test]
    fn snake_case_splits_acronyms_and_escapes_keywords() {
        assert_eq!(snake_case("commerceId"), "commerce_id");
        assert_eq!(snake_case("addressLine1"), "address_line1");
        assert_eq!(snake_case("pcToBCExchangeRate"), "pc_to_bc_exchange_rate");
        assert_eq!(snake_case("type"), "type_");
        assert_eq!(snake_case("self"), "self_");
        assert_eq!(snake_case("1stParty"), "_1st_party");
    }

    #[test]
    fn pascal_case_keeps_doc_identifiers_and_builds_others() {
        assert_eq!(pascal_case("CustomerCompanyProfile"), "CustomerCompanyProfile");
        assert_eq!(pascal_case("microsoft_support"), "MicrosoftSupport");
        assert_eq!(pascal_case("none"), "None");
        assert_eq!(pascal_case("Self"), "Self_");
        assert_eq!(pascal_case("self"), "Self_");
        assert_eq!(pascal_case("en-us"), "EnUs");
        assert_eq!(pascal_case("URI"), "Uri");
        assert_eq!(pascal_case("Customer company profile"), "CustomerCompanyProfile");
        assert_eq!(pascal_case("self"), "Self_");
        assert_eq!(pascal_case("2x"), "V2x");
        assert_eq!(pascal_case("*"), "Unnamed");
    }

    #[test]
    fn names_outside_ascii_still_give_identifiers() {
        assert_eq!(snake_case("名前"), "unnamed");
        assert_eq!(snake_case("m²Area"), "m_area");
        assert_eq!(snake_case("café-Name"), "caf_name");
        assert_eq!(pascal_case("ünïcode"), "NCode");
    }
}
