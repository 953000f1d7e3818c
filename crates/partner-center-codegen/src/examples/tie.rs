//! Which model a JSON body is: the one rule, in one place.
//!
//! 1. A body that names its resource (`"attributes": {"objectType":
//!    "Customer"}`) is that resource, by name, heading or learned alias. A
//!    `Collection` is a [`Shape::Collection`] of its items' resource.
//! 2. Otherwise the page says it: the first resource (a link, or a name in
//!    bold) in a paragraph that talks of what the method returns (for a
//!    response) or of its request body (for a request).
//! 3. Otherwise its members say it: the struct whose fields are at least
//!    three quarters of the object's members and that explains more of them
//!    (or as many with fewer fields) than any other; an object of one
//!    member is the one struct of exactly that field. A list of strings is
//!    the one enum whose values include them all.
//!
//! The body's shape follows its JSON: an object with `items` is a
//! collection, an array a list. An error response (status 400 and up) that
//! names no resource is no example of the resource its page returns: it
//! ties to no model, and [`tie_model`] calls it the support type
//! `ServiceError`.

use std::collections::{BTreeMap, BTreeSet};

use partner_center_support::Shape;
use partner_center_support::json::{elements, object_type, shape_of};
use serde::Serialize;
use serde_json::Value;

use crate::examples::extract::Direction;
use crate::model::{Item, ItemId, ItemKind, Model, PageId, Reference, Type};
use crate::parse::syntax::{self, Inline};
use crate::runtime::ERROR_BODY;

/// Which part of the rule tied a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TieRule {
    /// `attributes.objectType` names the resource.
    ObjectType,
    /// The page's text names it.
    PageText,
    /// Its members are one struct's fields.
    Members,
    /// It is a list of strings, each a value of one enum.
    Values,
    /// An error response (status 400 and up) that names no resource: the
    /// service's error body, `ServiceError`.
    ErrorResponse,
}

/// A body tied to a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tie {
    /// The struct.
    pub item: ItemId,
    /// How the body holds it.
    pub shape: Shape,
    /// Which part of the rule decided.
    pub rule: TieRule,
    /// True when `attributes.objectType` says a name the model did not
    /// know; the page text tied it, so the name is an alias of the item.
    pub new_alias: bool,
}

/// What a page says its method returns and takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct PageText {
    /// The resource a paragraph about what the method returns links to.
    pub returns: Option<ItemId>,
    /// The resource a paragraph about the request body links to.
    pub takes: Option<ItemId>,
    /// The page itself, where its own tables are models.
    pub page: Option<PageId>,
}

/// The model's structs, by name (name, heading, alias) and by members,
/// and its enums by values.
pub(super) struct StructIndex {
    /// Normalised name -> struct.
    names: BTreeMap<String, ItemId>,
    /// Structs alike (the same lower-case wire names, holding structs of
    /// the same wire names): one score serves them all, so the cost of
    /// tying an object does not grow with copies of a page.
    groups: Vec<Group>,
    /// The groups that have a field of this lower-case wire name: an
    /// object is scored only against groups that share a member with it.
    groups_by_field: BTreeMap<String, Vec<usize>>,
    /// Each struct's lower-case wire names, by item index.
    fields: Vec<Option<BTreeSet<String>>>,
    /// Each enum's lower-case wire values.
    values: Vec<(ItemId, BTreeSet<String>)>,
    /// Each struct's fields that hold a struct (or a list of one), by
    /// lower-case wire name.
    nested: BTreeMap<ItemId, BTreeMap<String, ItemId>>,
    /// The model's pages, by lower-case file name (the first of a name).
    pages: BTreeMap<String, PageId>,
}

/// What makes structs alike: their lower-case wire names, and those of the
/// structs their fields hold (borrowed from the index being built).
type Likeness<'a> = (&'a BTreeSet<String>, Vec<(&'a str, &'a BTreeSet<String>)>);

/// The members of a struct that has none.
static NO_FIELDS: BTreeSet<String> = BTreeSet::new();

/// Structs with the same members, and the pages they are on.
struct Group {
    /// The lower-case wire names they share.
    fields: BTreeSet<String>,
    /// Each struct and its page, in item order.
    structs: Vec<(ItemId, PageId)>,
}

/// `text` in lower case, written into `buffer` (what it held is dropped):
/// asking of many keys allocates once.
fn lowercase_in<'b>(text: &str, buffer: &'b mut String) -> &'b str {
    buffer.clear();
    if text.is_ascii() {
        buffer.push_str(text);
        buffer.make_ascii_lowercase();
    } else {
        buffer.push_str(&text.to_lowercase());
    }
    buffer
}

/// A name reduced to what identifies it: lower-case letters and digits,
/// without a trailing `resource(s)` or `object(s)` (`**AgreementMetaData**
/// resources`, `Azure Utilization Record`).
fn normalise(name: &str) -> String {
    let mut lower: String =
        name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    let stem = ["resources", "resource", "objects", "object"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix).filter(|stem| !stem.is_empty()));
    if let Some(stem) = stem {
        lower.truncate(stem.len());
    }
    lower
}

impl StructIndex {
    /// The names and members of the model's structs.
    pub(super) fn new(model: &Model) -> Self {
        let mut names = BTreeMap::new();
        let mut fields: Vec<Option<BTreeSet<String>>> = vec![None; model.items.len()];
        let values = model
            .items()
            .filter_map(|(id, item)| match &item.kind {
                ItemKind::Enum(e) => {
                    Some((id, e.variants.iter().map(|v| v.wire_value.to_lowercase()).collect()))
                }
                ItemKind::Struct(_) => None,
            })
            .collect();
        let structs: Vec<_> = model
            .items()
            .filter_map(|(id, item)| match &item.kind {
                ItemKind::Struct(s) => Some((id, item, s)),
                ItemKind::Enum(_) => None,
            })
            .collect();
        // Rust names first, then headings, then aliases: `Subscription` is the
        // struct called so, not one whose heading is `Subscription resource`.
        fn all_names(item: &Item) -> [Vec<&String>; 3] {
            [vec![&item.name], vec![&item.title], item.aliases.iter().collect()]
        }
        for rank in 0..3 {
            for (id, item, _) in &structs {
                for name in &all_names(item)[rank] {
                    names.entry(normalise(name)).or_insert(*id);
                }
            }
        }
        let mut nested = BTreeMap::new();
        for (id, _, s) in &structs {
            fields[id.0 as usize] =
                Some(s.fields.iter().map(|f| f.wire_name.to_lowercase()).collect());
        }
        for (id, _, s) in &structs {
            let held: BTreeMap<String, ItemId> = s
                .fields
                .iter()
                .filter_map(|f| {
                    let target = match &f.ty {
                        Type::Named(Reference::Item(target)) => *target,
                        Type::List(inner) => match inner.as_ref() {
                            Type::Named(Reference::Item(target)) => *target,
                            _ => return None,
                        },
                        _ => return None,
                    };
                    Some((f.wire_name.to_lowercase(), target))
                })
                .collect();
            nested.insert(*id, held);
        }
        // Alike: the same fields, and the same fields in each struct held.
        let mut groups: BTreeMap<Likeness<'_>, Group> = BTreeMap::new();
        let members_of = |id: ItemId| fields[id.0 as usize].as_ref().unwrap_or(&NO_FIELDS);
        for (id, item, _) in &structs {
            let own = members_of(*id);
            let held = nested[id].iter().map(|(wire, child)| (wire.as_str(), members_of(*child)));
            groups
                .entry((own, held.collect()))
                .or_insert_with(|| Group { fields: own.clone(), structs: Vec::new() })
                .structs
                .push((*id, item.page));
        }
        let groups: Vec<Group> = groups.into_values().collect();
        let mut groups_by_field: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, group) in groups.iter().enumerate() {
            for field in &group.fields {
                groups_by_field.entry(field.clone()).or_default().push(index);
            }
        }
        let mut pages = BTreeMap::new();
        for (i, page) in model.pages.iter().enumerate() {
            pages.entry(page.file_name.to_ascii_lowercase()).or_insert(PageId(i as u32));
        }
        StructIndex { names, groups, groups_by_field, fields, values, nested, pages }
    }

    /// The model's page of file name `file_name`, in any ASCII casing.
    pub(super) fn page(&self, file_name: &str) -> Option<PageId> {
        self.pages.get(&file_name.to_ascii_lowercase()).copied()
    }

    /// The struct called `name`, in any casing or spacing.
    pub(super) fn get(&self, name: &str) -> Option<ItemId> {
        self.names.get(&normalise(name)).copied()
    }

    /// The one struct whose members best explain an object's: at least
    /// three quarters of the object's members (and two or more) are its
    /// fields, they are at least half of its fields, and no other struct
    /// explains as many, or as many with as few fields, or (between structs
    /// alike) as many members of the nested objects. An object of one
    /// member is the struct of exactly that one field, or the struct whose
    /// field of that name holds objects it explains. The structs of `page`
    /// (the example's own page) are asked first.
    pub(super) fn by_members(
        &self,
        object: &serde_json::Map<String, Value>,
        page: Option<PageId>,
    ) -> Option<ItemId> {
        let on_page = |p: PageId| Some(p) == page;
        self.best_by_members(object, &on_page).or_else(|| self.best_by_members(object, &|_| true))
    }

    fn best_by_members(
        &self,
        object: &serde_json::Map<String, Value>,
        among: &dyn Fn(PageId) -> bool,
    ) -> Option<ItemId> {
        let keys: Vec<String> = object
            .keys()
            .filter(|k| *k != "attributes" && *k != "links")
            .map(|k| k.to_lowercase())
            .collect();
        // (members explained, fields left over, nested members explained,
        // the first struct alike, how many are alike)
        let mut hits_by_group: BTreeMap<usize, usize> = BTreeMap::new();
        for key in &keys {
            for &group in self.groups_by_field.get(key).into_iter().flatten() {
                *hits_by_group.entry(group).or_default() += 1;
            }
        }
        let mut scored: Vec<(usize, usize, usize, ItemId, usize)> = hits_by_group
            .into_iter()
            .filter_map(|(group, hits)| {
                let group = &self.groups[group];
                let mut structs = group.structs.iter().filter(|(_, page)| among(*page));
                let &(first, _) = structs.next()?;
                let alike = 1 + structs.count();
                let fields = &group.fields;
                let exactly_one = hits == 1 && keys.len() == 1 && fields.len() == 1;
                let by_members = (hits >= 2 || exactly_one)
                    && hits * 4 >= keys.len() * 3
                    && hits * 2 >= fields.len();
                // One member that holds objects the struct's field explains
                // (`{"Value": [...]}`, an OData page without its link).
                let may_hold = hits == 1 && keys.len() == 1;
                if !by_members && !may_hold {
                    return None; // what the nested objects hold cannot change that
                }
                let nested = self.nested_hits(object, first, 3);
                let explains = by_members || nested >= 2;
                explains.then_some((hits, fields.len() - hits, nested, first, alike))
            })
            .collect();
        scored.sort_by_key(|(hits, left, nested, id, _)| {
            (std::cmp::Reverse(*hits), *left, std::cmp::Reverse(*nested), *id)
        });
        // Sorted best first: the best wins unless another is as good (a
        // struct alike, or the next).
        match scored.as_slice() {
            [(_, _, _, _, alike), ..] if *alike > 1 => None,
            [(hits, left, nested, id, _), (next_hits, next_left, next_nested, _, _), ..]
                if (hits, left, nested) != (next_hits, next_left, next_nested) =>
            {
                Some(*id)
            }
            [(_, _, _, id, _)] => Some(*id),
            _ => None,
        }
    }

    /// How many members of the objects nested in `object` (its members'
    /// objects, and the objects in its members' lists) the structs the
    /// fields of `id` hold explain, `depth` levels down: what tells two
    /// structs with the same fields apart (two OData pages of other items).
    fn nested_hits(&self, object: &serde_json::Map<String, Value>, id: ItemId, depth: u8) -> usize {
        let Some(fields) = self.nested.get(&id).filter(|_| depth > 0) else { return 0 };
        let mut hits = 0;
        let mut lower = String::new();
        for (key, value) in object {
            let Some(&child) = fields.get(lowercase_in(key, &mut lower)) else { continue };
            let Some(child_fields) = self.fields.get(child.0 as usize).and_then(Option::as_ref)
            else {
                continue;
            };
            // The member's object, or the objects of its list.
            let values = match value {
                Value::Array(items) => items.as_slice(),
                _ => std::slice::from_ref(value),
            };
            for o in values.iter().filter_map(Value::as_object) {
                hits +=
                    o.keys().filter(|k| child_fields.contains(lowercase_in(k, &mut lower))).count();
                hits += self.nested_hits(o, child, depth - 1);
            }
        }
        hits
    }

    /// The one enum whose values include every string of `list` (any
    /// casing); `None` for an empty list, a list of other things, or when
    /// no enum or several fit.
    pub(super) fn by_values(&self, list: &[Value]) -> Option<ItemId> {
        let strings: Option<Vec<String>> =
            list.iter().map(|v| v.as_str().map(str::to_lowercase)).collect();
        let strings = strings.filter(|s| !s.is_empty())?;
        let mut fitting = self
            .values
            .iter()
            .filter(|(_, values)| strings.iter().all(|s| values.contains(s)))
            .map(|(id, _)| *id);
        match (fitting.next(), fitting.next()) {
            (Some(id), None) => Some(id),
            _ => None,
        }
    }
}

/// What `page` says its method returns and takes: the first resource a
/// paragraph about it names, by a link or in bold.
pub(super) fn page_text(
    model: &Model,
    names: &StructIndex,
    page: &syntax::Page<'_>,
    file_name: &str,
) -> PageText {
    let mut text = PageText { page: names.page(file_name), ..PageText::default() };
    // Paragraphs under a heading about the response or the request come
    // first: the page's introduction may name other resources.
    let mut paragraphs: Vec<(bool, &[Inline<'_>])> = Vec::new();
    let mut intro = Vec::new();
    syntax::collect_paragraphs(&page.intro, &mut intro);
    paragraphs.extend(intro.into_iter().map(|p| (false, p)));
    for section in &page.sections {
        let title = section.title.to_lowercase();
        let about_exchange = title.contains("response") || title.contains("request");
        let mut found = Vec::new();
        syntax::collect_paragraphs(&section.blocks, &mut found);
        paragraphs.extend(found.into_iter().map(|p| (about_exchange, p)));
    }
    paragraphs.sort_by_key(|(about_exchange, _)| !about_exchange);
    let mut words = String::new();
    for (_, inlines) in paragraphs {
        let (about_return, about_request) = about_an_exchange(inlines, &mut words);
        if !about_return && !about_request {
            continue;
        }
        let Some(item) = first_named_struct(model, names, inlines, file_name) else { continue };
        if about_return && text.returns.is_none() {
            text.returns = Some(item);
        }
        if about_request && text.takes.is_none() {
            text.takes = Some(item);
        }
    }
    text
}

/// Whether a paragraph is about what a method returns, and whether it is
/// about what a request sends: the paragraphs [`page_text`] reads.
///
/// `words` is room to write the paragraph's words in (what it held is
/// dropped), so that asking of many paragraphs allocates once.
pub(super) fn about_an_exchange(inlines: &[Inline<'_>], words: &mut String) -> (bool, bool) {
    // The words sought are ASCII, and no other character lowers to one of
    // their letters: an ASCII-lowered text finds what a lowered one would.
    syntax::plain_text_into(inlines, words);
    words.make_ascii_lowercase();
    let about_return = words.contains("return") || words.contains("response body");
    (about_return, words.contains("request body"))
}

/// The first struct `inlines` name: a link to it (`page.md#anchor`, or
/// link text that is its name) or its name in bold or emphasis.
fn first_named_struct(
    model: &Model,
    names: &StructIndex,
    inlines: &[Inline<'_>],
    file_name: &str,
) -> Option<ItemId> {
    inlines.iter().find_map(|inline| match inline {
        Inline::Link { dest, children, .. } => linked_struct(model, dest, file_name)
            .or_else(|| names.get(&syntax::plain_text(children))),
        Inline::Emphasis(children) | Inline::Strong(children) => {
            first_named_struct(model, names, children, file_name)
                .or_else(|| names.get(&syntax::plain_text(children)))
        }
        _ => None,
    })
}

/// The struct a link destination (`customer-resources.md#customer`) points at.
fn linked_struct(model: &Model, dest: &str, file_name: &str) -> Option<ItemId> {
    let (file, anchor) = dest.split_once('#')?;
    let file = file.rsplit('/').next().unwrap_or_default();
    let file = if file.is_empty() { file_name } else { file };
    model.items().find_map(|(id, item)| {
        let on_page = model.page(item.page).file_name.eq_ignore_ascii_case(file);
        let anchored = item.anchors.iter().any(|a| a.eq_ignore_ascii_case(anchor));
        (on_page && anchored && matches!(item.kind, ItemKind::Struct(_))).then_some(id)
    })
}

/// The model a body is, by name, for decoding it: [`tie`], and for an
/// error response that names no resource (an object), `ServiceError`.
pub(super) fn tie_model(
    value: &Value,
    direction: Direction,
    status: Option<u16>,
    page: PageText,
    names: &StructIndex,
    model: &Model,
) -> Result<crate::examples::TiedModel, String> {
    match tie(value, direction, status, page, names) {
        Ok(t) => Ok(crate::examples::TiedModel {
            name: model.item(t.item).name.clone(),
            shape: t.shape,
            rule: t.rule,
        }),
        Err(_) if status.is_some_and(|s| s >= 400) && value.is_object() => {
            Ok(crate::examples::TiedModel {
                name: ERROR_BODY.to_owned(),
                shape: Shape::One,
                rule: TieRule::ErrorResponse,
            })
        }
        Err(why) => Err(why),
    }
}

/// Ties a body to its model, or says why it could not. An error response
/// (status 400 and up) is no example of the resource the page returns.
pub(super) fn tie(
    value: &Value,
    direction: Direction,
    status: Option<u16>,
    page: PageText,
    names: &StructIndex,
) -> Result<Tie, String> {
    tie_with(value, direction, status, || page, names)
}

/// [`tie`], with what the page says read only if the rule gets that far
/// (most bodies name their resource).
pub(super) fn tie_with(
    value: &Value,
    direction: Direction,
    status: Option<u16>,
    page: impl FnOnce() -> PageText,
    names: &StructIndex,
) -> Result<Tie, String> {
    let shape = shape_of(value);
    // The object that stands for the resource: the body, or its first item.
    let element = elements(value, shape).first().copied();
    let named = element
        .and_then(object_type)
        .filter(|n| !n.eq_ignore_ascii_case("collection"))
        .map(str::to_owned);
    // 1. The object type.
    if let Some(item) = named.as_deref().and_then(|n| names.get(n)) {
        return Ok(Tie { item, shape, rule: TieRule::ObjectType, new_alias: false });
    }
    if let Some(status) = status.filter(|s| *s >= 400) {
        return Err(format!("an error response (HTTP {status}) that names no resource"));
    }
    if direction == Direction::Unknown {
        return Err(
            "a bare JSON block, neither request nor response, that names no resource".into()
        );
    }
    // 2. What the page says.
    let page = page();
    let from_page = match direction {
        Direction::Request => page.takes,
        Direction::Response | Direction::Unknown => page.returns,
    };
    if let Some(item) = from_page {
        return Ok(Tie { item, shape, rule: TieRule::PageText, new_alias: named.is_some() });
    }
    // 3. The members, or for a list of strings the values.
    if let Some(item) =
        element.and_then(Value::as_object).and_then(|o| names.by_members(o, page.page))
    {
        return Ok(Tie { item, shape, rule: TieRule::Members, new_alias: false });
    }
    if let Some(item) = value.as_array().and_then(|list| names.by_values(list)) {
        return Ok(Tie { item, shape, rule: TieRule::Values, new_alias: false });
    }
    let what = match direction {
        Direction::Request => "its request body",
        _ => "what it returns",
    };
    Err(match named {
        Some(name) => format!(
            "objectType `{name}` names no resource; the page names none for {what}; no struct has its members"
        ),
        None => format!(
            "no objectType; the page names no resource for {what}; no struct has its members"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;
    use crate::source::{SourceFile, Sources};
    use serde_json::json;

    fn model_and_page(operation: &str) -> (Model, syntax::Page<'static>) {
        let resources = "# R\n\n## Customer\n\n| Property | Type |\n|---|---|\n| id | string |\n| domain | string |\n| name | string |\n\n## Order\n\n| Property | Type |\n|---|---|\n| id | string |\n| total | decimal |\n\n## Person\n\n| Property | Type |\n|---|---|\n| id | string |\n| name | string |\n\n## SignatureStatus\n\n| Property | Type |\n|---|---|\n| isSigned | boolean |\n\n## EventName\n\n| Value | Description |\n|---|---|\n| test-created | A test. |\n| order-updated | An order changed. |\n\n## Plan\n\n| Value | Description |\n|---|---|\n| monthly | Every month. |\n| annual | Every year. |\n";
        let sources = Sources::new(vec![
            SourceFile::new("customer-resources.md", resources),
            SourceFile::examples("get-customer.md", operation),
        ]);
        let mut diagnostics = crate::Diagnostics::default();
        let model = crate::build_model(&sources, &mut diagnostics);
        let (id, _) = sources.iter().find(|(_, f)| f.path == "get-customer.md").unwrap();
        (model, parse_page(id, &sources.get(id)).into_owned())
    }

    #[test]
    fn a_paragraph_is_about_an_exchange_by_its_words_whitespace_collapsed() {
        let page = |markdown: &str| {
            let file: &'static SourceFile =
                Box::leak(Box::new(SourceFile::examples("op.md", markdown)));
            parse_page(crate::source::FileId(0), file)
        };
        let mut words = String::from("left over: request body");
        for (markdown, expected) in [
            ("Returns a **Customer**.", (true, false)),
            ("The *response*\nbody is a list.", (true, false)),
            ("The request\u{a0} body: a [Cart](cart.md).", (false, true)),
            ("THE REQUEST  BODY `RETURNS` it.", (true, true)),
            ("The request<br>body.", (false, false)),
            ("A request, a body.", (false, false)),
        ] {
            let page = page(markdown);
            let Some(syntax::Block::Paragraph(inlines)) = page.intro.first() else {
                panic!("no paragraph in {markdown:?}")
            };
            // The plain text the rest of the stage reads, lowered.
            let plain = syntax::plain_text(inlines).to_lowercase();
            let by_plain_text = (
                plain.contains("return") || plain.contains("response body"),
                plain.contains("request body"),
            );
            assert_eq!(by_plain_text, expected, "{markdown:?}");
            assert_eq!(about_an_exchange(inlines, &mut words), expected, "{markdown:?}");
        }
    }

    fn name(model: &Model, tie: &Tie) -> String {
        model.item(tie.item).name.clone()
    }

    #[test]
    fn the_object_type_decides_first() {
        let (model, page) = model_and_page("# Op\n");
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        let tie = tie(
            &json!({"attributes": {"objectType": "customer"}}),
            Direction::Response,
            None,
            text,
            &names,
        )
        .unwrap();
        assert_eq!(
            (name(&model, &tie), tie.shape, tie.rule),
            ("Customer".into(), Shape::One, TieRule::ObjectType)
        );
        let pascal = json!({"Id": "x", "Attributes": {"ObjectType": "Order"}});
        let tie_of_pascal = super::tie(&pascal, Direction::Request, None, text, &names).unwrap();
        assert_eq!(
            (name(&model, &tie_of_pascal), tie_of_pascal.rule),
            ("Order".into(), TieRule::ObjectType)
        );
        let list = json!({"totalCount": 1, "items": [{"attributes": {"objectType": "Order"}}], "attributes": {"objectType": "Collection"}});
        let tie = super::tie(&list, Direction::Response, None, text, &names).unwrap();
        assert_eq!((name(&model, &tie), tie.shape), ("Order".into(), Shape::Collection));
    }

    #[test]
    fn otherwise_the_page_says_what_the_method_returns_and_takes() {
        let (model, page) = model_and_page(
            "# Op\n\n## Request body\n\nThe request body must contain an **Order**.\n\n## Response\n\nIf successful, this method returns a [Customer](customer-resources.md#customer) resource.\n",
        );
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        let response = tie(&json!({"id": "x"}), Direction::Response, None, text, &names).unwrap();
        assert_eq!(
            (name(&model, &response), response.rule),
            ("Customer".into(), TieRule::PageText)
        );
        let request = tie(&json!({"id": "y"}), Direction::Request, None, text, &names).unwrap();
        assert_eq!(name(&model, &request), "Order");
        let list = tie(&json!([{"id": "x"}]), Direction::Response, None, text, &names).unwrap();
        assert_eq!(list.shape, Shape::List);
        let aliased = tie(
            &json!({"attributes": {"objectType": "PartnerCustomer"}}),
            Direction::Response,
            None,
            text,
            &names,
        )
        .unwrap();
        assert!(aliased.new_alias);
    }

    #[test]
    fn an_error_response_is_not_the_resource_the_page_returns() {
        let (model, page) = model_and_page(
            "# Op\n\n## Response\n\nThis method returns a [Customer](customer-resources.md#customer).\n",
        );
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        let error = json!({"code": 2001, "description": "bad"});
        assert_eq!(
            tie(&error, Direction::Response, Some(400), text, &names),
            Err("an error response (HTTP 400) that names no resource".into())
        );
        assert!(tie(&error, Direction::Response, Some(200), text, &names).is_ok());
    }

    #[test]
    fn what_cannot_be_tied_says_why() {
        let (model, page) = model_and_page("# Op\n\nNothing useful.\n");
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        assert_eq!(
            tie(&json!({"id": 1, "size": 2}), Direction::Response, None, text, &names),
            Err("no objectType; the page names no resource for what it returns; no struct has its members".into())
        );
        assert_eq!(
            tie(&json!({"attributes": {"objectType": "Mystery"}}), Direction::Request, None, text, &names),
            Err("objectType `Mystery` names no resource; the page names none for its request body; no struct has its members".into())
        );
    }

    #[test]
    fn lastly_the_members_tell() {
        let (model, page) = model_and_page("# Op\n");
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        let by_members = tie(
            &json!({"id": "x", "Domain": "d", "name": "n", "extra": 1}),
            Direction::Response,
            None,
            text,
            &names,
        )
        .unwrap();
        assert_eq!(
            (name(&model, &by_members), by_members.rule),
            ("Customer".into(), TieRule::Members)
        );
        // One shared member is not enough, and half the members is too few.
        assert!(tie(&json!({"id": "x"}), Direction::Response, None, text, &names).is_err());
        assert!(
            tie(
                &json!({"id": "x", "name": "n", "a": 1, "b": 2}),
                Direction::Response,
                None,
                text,
                &names
            )
            .is_err()
        );
        assert_eq!(normalise("**AgreementMetaData** resources"), "agreementmetadata");
        assert_eq!(normalise("Azure Utilization Record"), "azureutilizationrecord");
    }

    #[test]
    fn the_members_prefer_the_struct_with_fewest_fields_left_over() {
        let (model, page) = model_and_page("# Op\n");
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        // `id` and `name` are all of Person's fields but only two of
        // Customer's three: Person explains the body with nothing left over.
        let body = json!({"id": "x", "name": "n"});
        let both = tie(&body, Direction::Response, None, text, &names).unwrap();
        assert_eq!((name(&model, &both), both.rule), ("Person".into(), TieRule::Members));
    }

    #[test]
    fn one_member_ties_only_to_the_struct_of_exactly_that_field() {
        let (model, page) = model_and_page("# Op\n");
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        let signed =
            tie(&json!({"IsSigned": true}), Direction::Response, None, text, &names).unwrap();
        assert_eq!(
            (name(&model, &signed), signed.shape, signed.rule),
            ("SignatureStatus".into(), Shape::One, TieRule::Members)
        );
        // `id` is a field of two structs, each with more fields.
        assert!(tie(&json!({"id": "x"}), Direction::Response, None, text, &names).is_err());
    }

    #[test]
    fn a_list_of_strings_is_the_one_enum_that_has_them_all() {
        let (model, page) = model_and_page("# Op\n");
        let names = StructIndex::new(&model);
        let text = page_text(&model, &names, &page, "get-customer.md");
        let events = json!(["Test-Created", "order-updated"]);
        let tie_of = |v: &Value| tie(v, Direction::Response, None, text, &names);
        let list = tie_of(&events).unwrap();
        assert_eq!(
            (name(&model, &list), list.shape, list.rule),
            ("EventName".into(), Shape::List, TieRule::Values)
        );
        // A string no enum has, strings of two enums, an empty list, numbers.
        for untied in [
            json!(["test-created", "gone"]),
            json!(["test-created", "annual"]),
            json!([]),
            json!([1, 2]),
        ] {
            assert!(tie_of(&untied).is_err(), "{untied}");
        }
    }
}
