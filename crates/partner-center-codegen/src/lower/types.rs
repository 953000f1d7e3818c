//! Type spellings -> [`Type`]: every rule for reading a Type cell is here.
//!
//! The reference writes types in many ways (`array of strings`,
//! `List of [Order](#order) objects.`, `IEnumerable<Artifact>`,
//! `Dictionary&lt;string, object&gt;`, `X[]`, `**CartLineItem**`). A cell is
//! first cut into tokens (words, symbols, links), then read by a small
//! grammar: wrappers (`array of`, `List<..>`, `..[]`, `.. array`,
//! `Dictionary<..>`) around a base (a primitive word or phrase, a link, or a
//! resource name). Resource names stay unresolved here; `resolve` binds them.

use crate::model::{Reference, Type, TypeName};
use crate::parse::syntax::{Cell, Inline, plain_text};
use crate::source::Span;

/// Why a Type cell could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TypeError {
    /// The cell is empty.
    Empty,
    /// A lower-case word that is no type we know: most likely a typo.
    UnknownWord {
        /// The word.
        word: String,
        /// The closest known type word.
        suggestion: Option<&'static str>,
    },
    /// Words that fit no rule; the field will hold any JSON.
    Unreadable(String),
}

/// Reads a Type cell.
pub(crate) fn parse_type(cell: &Cell<'_>) -> Result<Type, TypeError> {
    let mut tokens = Vec::new();
    tokenize(&cell.inlines, &mut tokens);
    let ty = read(&tokens, cell.span)?;
    Ok(ty)
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Symbol(char),
    Link(TypeName),
}

impl Token {
    fn is_word(&self, word: &str) -> bool {
        matches!(self, Token::Word(w) if w.eq_ignore_ascii_case(word))
    }
}

fn tokenize(inlines: &[Inline<'_>], out: &mut Vec<Token>) {
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } | Inline::Code { text, .. } => split_words(text, out),
            Inline::Emphasis(children) | Inline::Strong(children) => tokenize(children, out),
            Inline::Link { dest, children, span } => out.push(Token::Link(TypeName {
                name: plain_text(children),
                link: Some(dest.to_string()),
                span: *span,
            })),
            Inline::SoftBreak | Inline::HardBreak | Inline::Html { .. } => {}
        }
    }
}

fn split_words(text: &str, out: &mut Vec<Token>) {
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        let trimmed = word.trim_end_matches(['.', ':', ';']);
        if !trimmed.is_empty() {
            out.push(Token::Word(trimmed.to_owned()));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, out);
        } else if matches!(c, '<' | '>' | ',' | '[' | ']' | '(' | ')') {
            flush(&mut word, out);
            out.push(Token::Symbol(c));
        } else {
            word.push(c);
        }
    }
    flush(&mut word, out);
}

/// Words around a type that add nothing: `a`, `nullable`, `objects`, ...
const LEADING_FILLER: &[&str] = &["a", "an", "the", "nullable", "optional"];
const TRAILING_FILLER: &[&str] = &[
    "object",
    "objects",
    "resource",
    "resources",
    "value",
    "values",
    "type",
    "entity",
    "entities",
];

/// Generic list types, as in `List<X>` or `IEnumerable<X>`.
const LIST_GENERICS: &[&str] = &[
    "list",
    "ilist",
    "ienumerable",
    "icollection",
    "ireadonlylist",
    "ireadonlycollection",
    "collection",
    "array",
];
/// Generic map types, as in `Dictionary<string, X>`.
const MAP_GENERICS: &[&str] = &["dictionary", "idictionary", "ireadonlydictionary", "map"];

fn read(tokens: &[Token], cell: Span) -> Result<Type, TypeError> {
    let mut tokens = tokens;
    while let [first, rest @ ..] = tokens {
        if !rest.is_empty() && LEADING_FILLER.iter().any(|f| first.is_word(f)) {
            tokens = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = tokens {
        // `array of objects` keeps its `objects`: it is the element type.
        let dangling_of = rest.last().is_some_and(|t| t.is_word("of"));
        if !rest.is_empty() && !dangling_of && TRAILING_FILLER.iter().any(|f| last.is_word(f)) {
            tokens = rest;
        } else {
            break;
        }
    }
    match tokens {
        [] => Err(TypeError::Empty),
        // `array of X`, `list of X`, `collection of X`
        [container, of, rest @ ..]
            if of.is_word("of")
                && ["array", "list", "collection", "set"].iter().any(|w| container.is_word(w)) =>
        {
            Ok(Type::List(Box::new(read(rest, cell)?)))
        }
        // `X[]`
        [rest @ .., Token::Symbol('['), Token::Symbol(']')] => {
            Ok(Type::List(Box::new(read(rest, cell)?)))
        }
        // `Generic<X>` / `Generic<K, V>`
        [Token::Word(generic), Token::Symbol('<'), inner @ .., Token::Symbol('>')] => {
            let generic = generic.to_ascii_lowercase();
            if LIST_GENERICS.contains(&generic.as_str()) {
                Ok(Type::List(Box::new(read(inner, cell)?)))
            } else if MAP_GENERICS.contains(&generic.as_str()) {
                match inner.iter().position(|t| t == &Token::Symbol(',')) {
                    Some(comma) => Ok(Type::Map(Box::new(read(&inner[comma + 1..], cell)?))),
                    None => Err(TypeError::Unreadable(words_of(tokens))),
                }
            } else {
                Err(TypeError::Unreadable(words_of(tokens)))
            }
        }
        // `X array`
        [rest @ .., last] if !rest.is_empty() && last.is_word("array") => {
            Ok(Type::List(Box::new(read(rest, cell)?)))
        }
        [Token::Link(name)] => Ok(Type::Named(Reference::Unresolved(Box::new(name.clone())))),
        [Token::Word(word)] => read_word(word, cell),
        _ => {
            let phrase = words_of(tokens).to_ascii_lowercase();
            phrase_type(&phrase).ok_or(TypeError::Unreadable(words_of(tokens)))
        }
    }
}

fn words_of(tokens: &[Token]) -> String {
    let mut out = String::new();
    for token in tokens {
        match token {
            Token::Word(w) => {
                if !out.is_empty() && !out.ends_with('<') {
                    out.push(' ');
                }
                out.push_str(w);
            }
            Token::Symbol(c) => out.push(*c),
            Token::Link(name) => {
                if !out.is_empty() && !out.ends_with('<') {
                    out.push(' ');
                }
                out.push_str(&name.name);
            }
        }
    }
    out
}

/// Single words that name a primitive type, lower case, with their type.
const PRIMITIVES: &[(&str, Type)] = &[
    ("string", Type::String),
    ("str", Type::String),
    ("guid", Type::String),
    ("uuid", Type::String),
    ("uri", Type::String),
    ("url", Type::String),
    ("bool", Type::Bool),
    ("boolean", Type::Bool),
    ("int", Type::Int64),
    ("int32", Type::Int64),
    ("integer", Type::Int64),
    ("long", Type::Int64),
    ("int64", Type::Int64),
    ("double", Type::Float64),
    ("float", Type::Float64),
    ("decimal", Type::Decimal),
    ("number", Type::Decimal),
    ("date", Type::Date),
    ("datetime", Type::DateTime),
    ("date-time", Type::DateTime),
    ("datetimeoffset", Type::DateTime),
    ("timestamp", Type::DateTime),
    ("object", Type::Json),
    ("json", Type::Json),
];

/// Phrases that name a type, lower case, words joined by one space.
fn phrase_type(phrase: &str) -> Option<Type> {
    Some(match phrase {
        "string in utc date time format"
        | "string in utc date-time format"
        | "string in utc datetime format"
        | "utc date time"
        | "utc datetime"
        | "date time" => Type::DateTime,
        // The service sends mixed values here (strings, booleans), so the
        // values stay JSON.
        "key/value pairs" | "key-value pairs" | "key value pairs" | "name/value pairs" => {
            Type::Map(Box::new(Type::Json))
        }
        // A .NET list of key/value pairs whose JSON shape varies.
        "object string pairs" => Type::Json,
        _ => return None,
    })
}

fn read_word(word: &str, cell: Span) -> Result<Type, TypeError> {
    let lower = word.to_ascii_lowercase();
    let singular = lower.strip_suffix('s');
    if let Some((_, ty)) = PRIMITIVES.iter().find(|(w, _)| *w == lower || Some(*w) == singular) {
        return Ok(ty.clone());
    }
    if let Some(ty) = phrase_type(&lower) {
        return Ok(ty);
    }
    // A list type named without its element type (`IEnumerable`).
    if LIST_GENERICS.contains(&lower.as_str()) {
        return Ok(Type::List(Box::new(Type::Json)));
    }
    let is_name = word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_name {
        return Ok(Type::Named(Reference::Unresolved(Box::new(TypeName {
            name: word.to_owned(),
            link: None,
            span: cell,
        }))));
    }
    let suggestion = PRIMITIVES
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| strsim::damerau_levenshtein(w, &lower) <= 2)
        .min_by_key(|w| strsim::damerau_levenshtein(w, &lower));
    Err(TypeError::UnknownWord { word: word.to_owned(), suggestion })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;
    use crate::parse::syntax::Block;
    use crate::source::{FileId, SourceFile};

    /// Reads the type in the Type column of a one-row table.
    fn ty(spelling: &str) -> Result<Type, TypeError> {
        let text = format!("## T\n\n| Property | Type |\n|---|---|\n| p | {spelling} |\n");
        let source = SourceFile::new("t.md", text);
        let page = parse_page(FileId(0), &source);
        let Block::Table(table) = &page.sections[0].blocks[0] else { panic!("no table") };
        parse_type(&table.rows[0].cells[1])
    }

    fn named(name: &str) -> Type {
        match ty(name) {
            Ok(Type::Named(Reference::Unresolved(n))) => {
                Type::Named(Reference::Unresolved(Box::new(TypeName { link: None, ..*n })))
            }
            other => panic!("{name}: {other:?}"),
        }
    }

    fn list(t: Type) -> Type {
        Type::List(Box::new(t))
    }

    fn name_of(t: Type) -> String {
        match t {
            Type::Named(Reference::Unresolved(n)) => n.name,
            Type::List(inner) => format!("[{}]", name_of(*inner)),
            Type::Map(inner) => format!("{{{}}}", name_of(*inner)),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn primitive_words_in_any_case() {
        for (spelling, expected) in [
            ("string", Type::String),
            ("String", Type::String),
            ("int", Type::Int64),
            ("integer", Type::Int64),
            ("long", Type::Int64),
            ("number", Type::Decimal),
            ("decimal", Type::Decimal),
            ("double", Type::Float64),
            ("bool", Type::Bool),
            ("boolean", Type::Bool),
            ("Boolean", Type::Bool),
            ("nullable int", Type::Int64),
            ("GUID", Type::String),
            ("date", Type::Date),
            ("datetime", Type::DateTime),
            ("DateTime", Type::DateTime),
            ("date-time", Type::DateTime),
            ("string in UTC date time format", Type::DateTime),
            ("string in UTC date-time format", Type::DateTime),
            ("object", Type::Json),
            ("Object", Type::Json),
        ] {
            assert_eq!(ty(spelling), Ok(expected), "{spelling}");
        }
    }

    #[test]
    fn list_spellings() {
        assert_eq!(ty("array of strings"), Ok(list(Type::String)));
        assert_eq!(ty("Array of objects"), Ok(list(Type::Json)));
        assert_eq!(ty("string array"), Ok(list(Type::String)));
        assert_eq!(ty("IEnumerable"), Ok(list(Type::Json)));
        assert_eq!(ty("`IEnumerable<string>`"), Ok(list(Type::String)));
        for spelling in [
            "array of [Device](#device) objects",
            "array of [Device](#device) resources",
            "array of [Device](#device)",
            "List of [Device](#device) objects.",
            "List of **Device** objects",
            "IEnumerable<[Device](#device)>",
            "`IEnumerable<Device>`",
            "List<[Device](#device)>",
            "Device[]",
            "Device array",
            "array of Device resources",
        ] {
            assert_eq!(name_of(ty(spelling).unwrap()), "[Device]", "{spelling}");
        }
    }

    #[test]
    fn map_spellings() {
        let string_map = Type::Map(Box::new(Type::String));
        assert_eq!(ty("Dictionary<string, string>"), Ok(string_map.clone()));
        assert_eq!(ty("Dictionary&lt;string, string&gt;"), Ok(string_map));
        let json_map = Type::Map(Box::new(Type::Json));
        assert_eq!(ty("Dictionary&lt;string, object&gt;"), Ok(json_map.clone()));
        assert_eq!(ty("key/value pairs"), Ok(json_map));
        assert_eq!(ty("List of Object String pairs"), Ok(list(Type::Json)));
    }

    #[test]
    fn names_links_and_bold_stay_unresolved_for_resolve() {
        assert_eq!(
            name_of(ty("[UserCredentials](user-resources.md#usercredentials)").unwrap()),
            "UserCredentials"
        );
        assert_eq!(name_of(named("ResourceAttributes")), name_of(named("**ResourceAttributes**")));
        assert_eq!(name_of(ty("Array of KeyValuePairs").unwrap()), "[KeyValuePairs]");
        assert_eq!(
            name_of(ty("[InvoiceSummary](#invoicesummary) object").unwrap()),
            "InvoiceSummary"
        );
        match ty("[Sku](product-resources.md#sku)") {
            Ok(Type::Named(Reference::Unresolved(n))) => {
                assert_eq!(n.link.as_deref(), Some("product-resources.md#sku"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_lower_case_word_is_named_with_a_suggestion() {
        assert_eq!(
            ty("strnig"),
            Err(TypeError::UnknownWord { word: "strnig".into(), suggestion: Some("string") })
        );
        assert_eq!(
            ty("blob"),
            Err(TypeError::UnknownWord { word: "blob".into(), suggestion: Some("bool") })
        );
        assert_eq!(
            ty("widget"),
            Err(TypeError::UnknownWord { word: "widget".into(), suggestion: None })
        );
        assert_eq!(ty(""), Err(TypeError::Empty));
        assert_eq!(ty("some odd words"), Err(TypeError::Unreadable("some odd words".into())));
    }
}
