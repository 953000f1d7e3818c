//! Stage 4, examples: the resolved [`Model`] against the JSON examples
//! in the pages.
//!
//! Operation pages show real request and response bodies in ```http and
//! ```json blocks. Every object in them that names its resource
//! (`"attributes": {"objectType": "Invoice"}`) is checked against that
//! resource's struct, field by field, nested structs and lists included.
//! Where an example contradicts a table, the example wins, because it is
//! what the service sent:
//! - a `double` holding more digits than an `f64` keeps becomes an exact
//!   decimal;
//! - any other contradiction (a `string` that is a number, a resource that
//!   is a string) makes the field hold any JSON, so that both forms decode.
//!
//! Each change is a warning at the table row, naming an example.

mod check;
mod extract;
mod lenient;
mod operations;
mod replay;
mod tie;

use std::collections::{BTreeMap, BTreeSet};

use partner_center_support::Shape;
use partner_center_support::json::{elements, object_type};

use crate::diagnostics::Diagnostics;
use crate::model::{ExampleStats, ItemId, ItemKind, Model};
use crate::parse::syntax;
use crate::source::Sources;
use check::{Checker, apply, apply_spelling};
use extract::Body;
pub use extract::Direction;
pub(crate) use replay::replays;
pub use replay::{Replay, ReplayResponse, Replays};
use tie::StructIndex;
pub use tie::TieRule;

/// Cuts a lowered page down to what this stage reads: code blocks that may
/// hold HTTP messages or JSON (`http`, `json`, no language), and the
/// paragraphs that may say what a request sends or a response holds (and
/// the notes, quotes and lists around them). A page without such code keeps
/// nothing: its paragraphs would tie no body.
pub(crate) fn keep_what_is_read(page: &mut syntax::Page<'_>) {
    fn keep(blocks: &mut Vec<syntax::Block<'_>>, words: &mut String) {
        use syntax::Block;
        blocks.retain_mut(|block| match block {
            Block::Code { lang, .. } => is_read(lang),
            Block::Paragraph(inlines) => tie::about_an_exchange(inlines, words) != (false, false),
            Block::Note { blocks, .. } | Block::Quote(blocks) => {
                keep(blocks, words);
                !blocks.is_empty()
            }
            Block::List(items) => {
                items.iter_mut().for_each(|item| keep(item, words));
                items.retain(|item| !item.is_empty());
                !items.is_empty()
            }
            Block::Table(_) | Block::Other(_) => false,
        });
        blocks.shrink_to_fit();
    }
    fn has_code(blocks: &[syntax::Block<'_>]) -> bool {
        use syntax::Block;
        blocks.iter().any(|block| match block {
            Block::Code { lang, .. } => is_read(lang),
            Block::Note { blocks, .. } | Block::Quote(blocks) => has_code(blocks),
            Block::List(items) => items.iter().any(|item| has_code(item)),
            _ => false,
        })
    }
    fn is_read(lang: &str) -> bool {
        matches!(lang, "http" | "json" | "")
    }
    // Paragraphs are read only to tie the bodies of their own page.
    if !has_code(&page.intro) && !page.sections.iter().any(|s| has_code(&s.blocks)) {
        page.intro = Vec::new();
        page.sections = Vec::new();
        return;
    }
    let mut words = String::new();
    keep(&mut page.intro, &mut words);
    for section in &mut page.sections {
        keep(&mut section.blocks, &mut words);
    }
    page.sections.retain(|section| !section.blocks.is_empty());
    page.sections.shrink_to_fit();
}

/// Checks the model against every example and adjusts contradicted fields.
///
/// The bodies are read a page at a time, and only one page's JSON values
/// are held at a time: on each page, the bodies its text ties to a struct
/// (and the names the service writes for them, aliases), then every object
/// that names its resource, then the tied bodies, then what its exchanges
/// tell its operations ([`operations::Typing`]; the ties of bodies to
/// structs wait for the final model). An object named by an alias that only
/// a later page teaches is checked when the pages are done, its page read
/// again for it.
pub(crate) fn cross_check(
    model: &mut Model,
    pages: &[syntax::Page<'_>],
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) {
    let names = StructIndex::new(model);
    let mut checker = Checker {
        model,
        sources,
        evidence: BTreeMap::new(),
        undocumented: BTreeMap::new(),
        spellings: BTreeMap::new(),
        stats: ExampleStats::default(),
        order: (0, 0, 0, 0),
    };
    let by_page = operations::PageOperations::new(model);
    let mut typing = operations::Typing::default();
    let mut aliases = BTreeMap::new();
    let mut by_object_type = checker.object_types(&aliases);
    // (page, the names of its objects that named no resource when checked)
    let mut missed: Vec<(usize, BTreeSet<String>)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        if page.intro.is_empty() && page.sections.is_empty() {
            continue; // nothing kept: no code
        }
        let file = sources.get(page.file);
        let bodies = extract::bodies(page, &file.text);
        checker.stats.bodies += bodies.len();
        checker.stats.unreadable += bodies.iter().filter(|b| b.value().is_none()).count();
        let ties = tie_by_page_text(model, &names, page, &bodies, sources, &mut aliases);
        for (alias, item) in &aliases {
            by_object_type.entry(alias.to_lowercase()).or_insert(*item);
        }
        checker.start(0, p);
        let mut names_missed = BTreeSet::new();
        for (body, value) in bodies.iter().filter_map(|b| Some((b, b.value()?))) {
            checker.find_objects(value, &by_object_type, body.at(), &mut names_missed);
        }
        if !names_missed.is_empty() {
            missed.push((p, names_missed));
        }
        // Bodies that name no resource but that their page ties to one.
        checker.start(1, p);
        for (b, tied) in ties {
            let body = &bodies[b];
            let Some(value) = body.value() else { continue };
            for element in elements(value, tied.shape) {
                if let Some(object) = element.as_object() {
                    checker.next_object();
                    checker.stats.objects += 1;
                    checker.check_struct(object, tied.item, body.at());
                }
            }
        }
        // What the page's exchanges tell its operations.
        let read: operations::ReadBodies<'_> = bodies
            .iter()
            .filter_map(|body| {
                let key = operations::read_key(body.block, body.code, body.json_start);
                Some((key, body.value()?))
            })
            .collect();
        typing.page(page, &file.text, &by_page, &read, sources, diagnostics);
    }
    drop((names, by_page));
    // Objects named by an alias a later page taught.
    for (p, names_missed) in missed {
        let late: BTreeMap<String, ItemId> = names_missed
            .into_iter()
            .filter_map(|name| Some((name.clone(), *by_object_type.get(&name)?)))
            .collect();
        if late.is_empty() {
            continue;
        }
        checker.start(0, p);
        let file = sources.get(pages[p].file);
        for body in &extract::bodies(&pages[p], &file.text) {
            if let Some(value) = body.value() {
                checker.find_objects(value, &late, body.at(), &mut BTreeSet::new());
            }
        }
    }
    let evidence = checker.take_evidence();
    let Checker { undocumented, spellings, mut stats, .. } = checker;
    for ((item, field), seen) in evidence {
        if apply(model, item, field, &seen, diagnostics) {
            stats.changed_fields += 1;
        }
    }
    for ((item, field), spellings) in spellings {
        stats.renamed_members +=
            usize::from(apply_spelling(model, item, field, &spellings, sources, diagnostics));
    }
    for (name, item) in aliases {
        let aliases = &mut model.items[item.0 as usize].aliases;
        aliases.push(name);
        aliases.sort();
        aliases.dedup();
    }
    for (item, keys) in undocumented {
        stats.undocumented_properties += keys.len();
        if let ItemKind::Struct(s) = &mut model.items[item.0 as usize].kind {
            s.undocumented = keys.into_iter().collect();
        }
    }
    model.examples = stats;
    typing.finish(model, sources);
}

/// A JSON body of an HTTP request or response in the pages, tied to its
/// model or not: the raw material of a conformance check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpExample {
    /// The page, as its path was given.
    pub page: String,
    /// The line of the page where the JSON starts.
    pub line: usize,
    /// Request or response.
    pub direction: Direction,
    /// The JSON text, or the parse error with its line and column in the page.
    pub json: Result<String, String>,
    /// The model the body is, or why the rule could not tell.
    pub tie: Result<TiedModel, String>,
}

/// The model of a body, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TiedModel {
    /// The struct's Rust name (`Customer`).
    pub name: String,
    /// One, a collection, or a list of it.
    pub shape: Shape,
    /// Which part of the rule tied it.
    pub rule: TieRule,
}

/// Every HTTP example body of the pages, with its model as the rule in
/// `tie` finds it, given the model built from those pages.
pub(crate) fn http_examples(
    pages: &[syntax::Page<'_>],
    model: &Model,
    sources: &Sources,
) -> Vec<HttpExample> {
    let names = StructIndex::new(model);
    let by_page = operations::PageOperations::new(model);
    let mut examples = Vec::new();
    for page in pages {
        let file = sources.get(page.file);
        let page_text = tie::page_text(model, &names, page, file.file_name());
        let block_operations = operations::block_operations(page, &file.text, &by_page, sources);
        let bodies = extract::bodies(page, &file.text);
        for body in bodies.into_iter().filter(|b| b.direction != Direction::Unknown) {
            let line = body.line(&file);
            // What the body's operation takes and returns, where it is
            // typed, before what the page's prose says.
            let operation = block_operations
                .iter()
                .find(|(block, _)| *block == body.block)
                .map(|(_, op)| &model.operations[*op]);
            let text = match operation {
                Some(op) => tie::PageText {
                    returns: operations::typed_item(match &op.response {
                        crate::model::Response::Json(body) => Some(body),
                        _ => None,
                    })
                    .or(page_text.returns),
                    takes: operations::typed_item(op.body.as_ref()).or(page_text.takes),
                    page: page_text.page,
                },
                None => page_text,
            };
            let (json, tie) = match &body.read {
                Ok(read) => {
                    let tied = tie::tie_model(
                        &read.value,
                        body.direction,
                        body.status,
                        text,
                        &names,
                        model,
                    );
                    (Ok(body.strict_json(read)), tied)
                }
                Err(e) => {
                    let (line, column) = file.line_col(body.file_offset(&file, e.offset));
                    (Err(format!("{line}:{column}: {}", e.message)), Err("not JSON".to_owned()))
                }
            };
            examples.push(HttpExample {
                page: file.path.clone(),
                line,
                direction: body.direction,
                json,
                tie,
            });
        }
    }
    examples
}

/// The bodies of `page` that its text ties to a struct (by their index in
/// `bodies`), adding to `aliases` what that teaches: a name the service
/// writes in `attributes.objectType` that the model does not know, for a
/// body the page ties to a struct (the first page to teach a name wins).
fn tie_by_page_text(
    model: &Model,
    names: &StructIndex,
    page: &syntax::Page<'_>,
    bodies: &[Body<'_, '_>],
    sources: &Sources,
    aliases: &mut BTreeMap<String, ItemId>,
) -> Vec<(usize, tie::Tie)> {
    let text = std::cell::OnceCell::new();
    let text =
        || *text.get_or_init(|| tie::page_text(model, names, page, sources.file_name(page.file)));
    let mut ties = Vec::new();
    for (b, body) in bodies.iter().enumerate() {
        let Some(value) = body.value() else { continue };
        let Ok(tied) = tie::tie_with(value, body.direction, body.status, text, names) else {
            continue;
        };
        if tied.rule != TieRule::PageText {
            continue;
        }
        if tied.new_alias {
            let elements = elements(value, tied.shape);
            if let Some(name) = elements.first().and_then(|e| object_type(e)) {
                aliases.entry(name.to_owned()).or_insert(tied.item);
            }
        }
        ties.push((b, tied));
    }
    ties
}
