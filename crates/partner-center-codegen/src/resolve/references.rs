//! Binding references: type names and links to items or support types,
//! documentation links to intra-doc links or web addresses, and the page
//! dependencies they imply.

use std::collections::{BTreeMap, BTreeSet};

use super::index::{Index, split_link};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{
    BodyFrom, Doc, DocBlock, DocInline, ItemId, ItemKind, LinkTarget, Model, Operation, PageId,
    Reference, Response, Type, TypeName,
};

/// Where links to pages outside the run point: the published reference.
pub(crate) const DOCS_BASE_URL: &str = "https://learn.microsoft.com/partner-center/developer/";

/// Binds every type reference and documentation link of the model, and
/// records which pages each page depends on.
pub(super) fn bind(model: &mut Model, diagnostics: &mut Diagnostics) {
    let index = Index::new(model);
    let mut dependencies: Vec<BTreeSet<PageId>> = vec![BTreeSet::new(); model.pages.len()];
    let mut resolver = Resolver {
        model_index: &index,
        diagnostics,
        dependencies: &mut dependencies,
        suggestions: BTreeMap::new(),
    };
    for item in &mut model.items {
        let page = item.page;
        match &mut item.kind {
            ItemKind::Struct(s) => {
                for field in &mut s.fields {
                    resolver.ty(&mut field.ty, page);
                    resolver.doc(&mut field.doc, page);
                }
            }
            ItemKind::Enum(e) => {
                for variant in &mut e.variants {
                    resolver.doc(&mut variant.doc, page);
                }
            }
        }
        resolver.doc(&mut item.doc, page);
    }
    for (i, page) in model.pages.iter_mut().enumerate() {
        resolver.doc(&mut page.doc, PageId(i as u32));
    }
    for operation in &mut model.operations {
        let file = &model.operation_pages[operation.page.0 as usize].file_name;
        resolver.operation(operation, file);
    }
    for page in &mut model.operation_pages {
        resolver.doc(&mut page.doc, Origin::Other(&page.file_name));
    }
    for (page_index, deps) in dependencies.into_iter().enumerate() {
        model.pages[page_index].depends_on =
            deps.into_iter().filter(|p| p.0 as usize != page_index).collect();
    }
}

/// A web address for a link that leaves the model.
pub(super) fn web_address(dest: &str) -> String {
    if dest.contains("://") || dest.starts_with("mailto:") {
        return dest.to_owned();
    }
    if dest.starts_with('/') {
        return format!("https://learn.microsoft.com{dest}");
    }
    let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
    let mut segments: Vec<&str> = DOCS_BASE_URL.trim_end_matches('/').split('/').collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s.strip_suffix(".md").unwrap_or(s)),
        }
    }
    let mut url = segments.join("/");
    if let Some(anchor) = anchor {
        url.push('#');
        url.push_str(anchor);
    }
    url
}

pub(super) struct Resolver<'a> {
    pub(super) model_index: &'a Index,
    pub(super) diagnostics: &'a mut Diagnostics,
    pub(super) dependencies: &'a mut Vec<BTreeSet<PageId>>,
    /// Suggestions made so far, by name: the same unknown name tends to
    /// come up again and again, and each search compares it with every item.
    pub(super) suggestions: BTreeMap<String, Option<String>>,
}

/// Where a doc comment comes from: a page of the model, whose
/// dependencies are recorded, or another page (an operation page).
#[derive(Clone, Copy)]
pub(super) enum Origin<'f> {
    /// A resource page.
    Model(PageId),
    /// Any other page, by file name.
    Other(&'f str),
}

impl From<PageId> for Origin<'_> {
    fn from(page: PageId) -> Self {
        Origin::Model(page)
    }
}

impl Resolver<'_> {
    fn origin_file(&self, origin: Origin<'_>) -> String {
        match origin {
            Origin::Model(page) => self.model_index.page_files[page.0 as usize].clone(),
            Origin::Other(file) => file.to_owned(),
        }
    }

    fn depend_from(&mut self, origin: Origin<'_>, on: PageId) {
        if let Origin::Model(page) = origin {
            self.depend(page, on);
        }
    }

    /// Binds an operation's body and response to the first struct their
    /// statements name, and resolves its parameters' docs.
    fn operation(&mut self, operation: &mut Operation, file: &str) {
        let bodies = operation.body.iter_mut().chain(match &mut operation.response {
            Response::Json(body) => Some(body),
            _ => None,
        });
        for body in bodies {
            let found = body.candidates.iter().find_map(|name| self.quiet_struct(name, file));
            if let Some(id) = found {
                body.ty = Type::Named(Reference::Item(id));
                body.from = BodyFrom::PageText;
            }
        }
        for param in &mut operation.params {
            self.doc(&mut param.doc, Origin::Other(file));
        }
    }

    /// The struct a name of the page's text denotes, found quietly: its
    /// link's anchor, else its name (plural or not). The first of several
    /// names that denotes one wins; a name that denotes none is no error
    /// here, since prose names many things.
    pub(super) fn quiet_struct(&self, name: &TypeName, file: &str) -> Option<ItemId> {
        let index = self.model_index;
        if let Some(dest) = &name.link {
            let (linked, anchor) = split_link(dest, file);
            if let Some(anchor) = anchor
                && let Some(&id) =
                    index.anchors.get(&(linked.to_lowercase(), anchor.to_lowercase()))
            {
                return index.is_struct[id.0 as usize].then_some(id);
            }
        }
        let id = index.by_name(&name.name, PageId(u32::MAX))?;
        index.is_struct[id.0 as usize].then_some(id)
    }

    /// The item name nearest to `name`, searched once per name.
    fn suggestion(&mut self, name: &str) -> Option<String> {
        if let Some(known) = self.suggestions.get(name) {
            return known.clone();
        }
        let found = self.model_index.suggestion(name).map(str::to_owned);
        self.suggestions.insert(name.to_owned(), found.clone());
        found
    }

    fn page_file(&self, page: PageId) -> &str {
        &self.model_index.page_files[page.0 as usize]
    }

    /// Records that `page` refers to `item`.
    fn depend_on_item(&mut self, page: PageId, item: ItemId) {
        let on = self.model_index.item_pages[item.0 as usize];
        self.depend(page, on);
    }

    fn depend(&mut self, page: PageId, on: PageId) {
        self.dependencies[page.0 as usize].insert(on);
    }

    pub(super) fn ty(&mut self, ty: &mut Type, page: PageId) {
        match ty {
            Type::List(inner) | Type::Map(inner) => self.ty(inner, page),
            Type::Named(Reference::Unresolved(name)) => {
                *ty = match self.reference(name, page) {
                    Some(reference) => Type::Named(reference),
                    None => Type::Fallback,
                };
            }
            Type::Named(Reference::Item(id)) => self.depend_on_item(page, *id),
            _ => {}
        }
    }

    fn reference(&mut self, name: &TypeName, page: PageId) -> Option<Reference> {
        let index = self.model_index;
        let mut broken_link = None;
        let mut nearest_anchor = None;
        if let Some(dest) = &name.link {
            let (mut file, anchor) = split_link(dest, self.page_file(page));
            // Older pages link to `x.md.md`; the page meant is plain.
            if let Some(single) = file
                .strip_suffix(".md")
                .filter(|f| f.ends_with(".md") && index.pages.contains_key(&f.to_lowercase()))
            {
                let single = single.to_owned();
                self.diagnostics.push(
                    Code::BrokenLink,
                    name.span,
                    format!("the link to `{file}` has `.md` twice"),
                    format!("read as a link to `{single}`"),
                    format!("write `{single}`"),
                );
                file = single;
            }
            match (index.pages.get(&file.to_lowercase()), anchor) {
                (Some(_), Some(anchor)) => {
                    if let Some(&id) =
                        index.anchors.get(&(file.to_lowercase(), anchor.to_lowercase()))
                    {
                        // The text names another resource than the anchor:
                        // the anchor is followed, and the page is wrong one way.
                        if let Some(other) = index.by_name(&name.name, page).filter(|o| *o != id) {
                            let (linked, named) = (
                                &index.all_names[id.0 as usize],
                                &index.all_names[other.0 as usize],
                            );
                            let better = index.anchor_of(other).unwrap_or_default();
                            self.diagnostics
                                .push(
                                    Code::LinkTextDisagrees,
                                    name.span,
                                    format!(
                                        "the link says `{}`, but its anchor `#{anchor}` is `{linked}`",
                                        name.name
                                    ),
                                    format!("bound to `{linked}`, as the anchor says"),
                                    format!(
                                        "if `{named}` is meant, point the link at `{better}`; else change its text"
                                    ),
                                )
                                .note(format!("note: `{named}` is another resource"));
                        }
                        self.depend_on_item(page, id);
                        return Some(Reference::Item(id));
                    }
                    broken_link =
                        Some(format!("`{file}` has no heading with the anchor `#{anchor}`"));
                    nearest_anchor = index.nearest_anchor(&file, &anchor);
                }
                (Some(_), None) => {}
                (None, _) => {
                    broken_link = Some(format!("`{file}` is not a page whose tables become models"))
                }
            }
        }
        let found = index
            .by_name(&name.name, page)
            .map(Reference::Item)
            .or_else(|| index.support(&name.name).map(Reference::Support));
        let suggestion = if found.is_none() { self.suggestion(&name.name) } else { None };
        if let Some(problem) = &broken_link {
            let help = match (&nearest_anchor, &suggestion) {
                (Some(anchor), _) => format!("did you mean `#{anchor}`?"),
                (None, Some(s)) if found.is_none() => format!("did you mean `{s}`?"),
                _ => "point the link at an existing `page.md#anchor`".to_owned(),
            };
            let note = match &found {
                Some(Reference::Item(id)) => {
                    format!(
                        "note: resolved by the link text to `{}`",
                        index.all_names[id.0 as usize]
                    )
                }
                Some(Reference::Support(s)) => {
                    format!("note: resolved by the link text to the support type `{}`", s.name())
                }
                _ => "note: nothing is called like the link text either; the field holds any JSON"
                    .to_owned(),
            };
            self.diagnostics
                .push(
                    Code::BrokenLink,
                    name.span,
                    format!("broken link to `{}`", name.link.as_deref().unwrap_or_default()),
                    problem,
                    help,
                )
                .note(note);
        }
        match found {
            Some(Reference::Item(id)) => self.depend_on_item(page, id),
            None if broken_link.is_none() || name.link.is_none() => {
                let help = match &suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "define the resource under a heading with a Property | Type | Description table, or link to it".to_owned(),
                };
                self.diagnostics.push(
                    Code::UnresolvedType,
                    name.span,
                    format!("no resource is called `{}`", name.name),
                    "the field will hold any JSON (`serde_json::Value`)",
                    help,
                );
            }
            _ => {}
        }
        found
    }

    pub(super) fn doc<'f>(&mut self, doc: &mut Doc, page: impl Into<Origin<'f>>) {
        let page = page.into();
        for block in &mut doc.blocks {
            self.block(block, page);
        }
    }

    fn block(&mut self, block: &mut DocBlock, page: Origin<'_>) {
        match block {
            DocBlock::Paragraph(inlines) => self.inlines(inlines, page),
            DocBlock::Note { blocks, .. } => blocks.iter_mut().for_each(|b| self.block(b, page)),
            DocBlock::List(items) => items.iter_mut().flatten().for_each(|b| self.block(b, page)),
        }
    }

    fn inlines(&mut self, inlines: &mut [DocInline], page: Origin<'_>) {
        for inline in inlines {
            match inline {
                DocInline::Emphasis(children) | DocInline::Strong(children) => {
                    self.inlines(children, page)
                }
                DocInline::Link { target, children } => {
                    self.inlines(children, page);
                    if let LinkTarget::Unresolved { dest, .. } = &**target {
                        **target = self.link(dest, page);
                    }
                }
                _ => {}
            }
        }
    }

    /// A documentation link: an item or page of the model where it points
    /// at one, the published page otherwise.
    fn link(&mut self, dest: &str, page: Origin<'_>) -> LinkTarget {
        if dest.contains("://") || dest.starts_with('/') || dest.starts_with("mailto:") {
            return LinkTarget::Url(web_address(dest));
        }
        let index = self.model_index;
        let (file, anchor) = split_link(dest, &self.origin_file(page));
        let Some(&target_page) = index.pages.get(&file.to_lowercase()) else {
            return LinkTarget::Url(web_address(dest));
        };
        match anchor {
            None => {
                self.depend_from(page, target_page);
                LinkTarget::Page(target_page)
            }
            Some(anchor) => {
                match index.anchors.get(&(file.to_lowercase(), anchor.to_lowercase())) {
                    Some(&id) => {
                        self.depend_from(page, target_page);
                        LinkTarget::Item(id)
                    }
                    None => LinkTarget::Url(web_address(&format!("{file}#{anchor}"))),
                }
            }
        }
    }
}
