use super::*;
use crate::source::SourceFile;

/// The page parsed from `text`; the source is leaked, as the page borrows
/// its text (a test's few bytes).
fn parse(text: &str) -> (&'static SourceFile, Page<'static>) {
    let source: &'static SourceFile = Box::leak(Box::new(SourceFile::new("t.md", text)));
    (source, parse_page(FileId(0), source))
}

fn table<'p>(section: &'p Section<'p>) -> &'p Table<'p> {
    section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table")
}

#[test]
fn splits_a_page_into_title_intro_and_sections() {
    let (_, page) = parse(
        "---\ntitle: x\n---\n\n# Customer resources\n\nIntro.\n\n## Customer\n\nText.\n\n### Nested\n\nMore.\n",
    );
    assert_eq!(page.title.as_deref(), Some("Customer resources"));
    assert_eq!(page.intro.len(), 1);
    let titles: Vec<_> = page.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
    assert_eq!(titles, [(2, "Customer"), (3, "Nested")]);
}

#[test]
fn table_cells_keep_their_source_positions() {
    let text = "## T\n\n| Property | Type |\n|---|---|\n| tenantID | string |\n";
    let (source, page) = parse(text);
    let table = table(&page.sections[0]);
    let cell = &table.rows[0].cells[0];
    assert_eq!(cell.plain_text(), "tenantID");
    // The span covers the text, not the padding around it.
    assert_eq!(&source.text[cell.span.range()], "tenantID");
    assert_eq!(source.line_col(cell.span.start as usize), (5, 3));
}

#[test]
fn tables_without_outer_pipes_and_short_rows_parse() {
    let (_, page) = parse("## T\n\nProperty | Type | Description\n--- | --- | ---\nid | string\n");
    let table = table(&page.sections[0]);
    assert_eq!(table.header.len(), 3);
    let texts: Vec<_> = table.rows[0].cells.iter().map(Cell::plain_text).collect();
    // A short row is padded to the header's width.
    assert_eq!(texts, ["id", "string", ""]);
}

#[test]
fn anchors_come_from_the_title_attributes_and_html_tags() {
    let (_, page) = parse(
        "## Cart line item\n\n## Sku {#product-sku}\n\n<a name=\"offer-anchor\"></a>\n\n## Offer\n\n### <span id=\"sp\"/>Span heading\n",
    );
    let anchors: Vec<_> = page.sections.iter().map(|s| s.anchors.clone()).collect();
    assert_eq!(
        anchors,
        [
            vec!["cart-line-item".to_owned()],
            vec!["product-sku".into(), "sku".into()],
            vec!["offer-anchor".into(), "offer".into()],
            vec!["sp".into(), "span-heading".into()],
        ]
    );
}

#[test]
fn gfm_notes_become_note_blocks() {
    let (_, page) = parse("## T\n\n> [!NOTE]\n>The **Customer** resource is rate limited.\n");
    match &page.sections[0].blocks[0] {
        Block::Note { kind, blocks } => {
            assert_eq!(kind, "NOTE");
            let Block::Paragraph(inlines) = &blocks[0] else { panic!("{blocks:?}") };
            assert_eq!(syntax::plain_text(inlines), "The Customer resource is rate limited.");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn links_keep_destination_and_text() {
    let (_, page) = parse(
        "## T\n\n| Property | Type |\n|---|---|\n| p | [Link](utility-resources.md#link) |\n",
    );
    let cell = &table(&page.sections[0]).rows[0].cells[1];
    match &cell.inlines[0] {
        Inline::Link { dest, children, .. } => {
            assert_eq!(dest.as_ref(), "utility-resources.md#link");
            assert_eq!(syntax::plain_text(children), "Link");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn slugs_are_lower_case_with_hyphens() {
    assert_eq!(slug("CustomerCompanyProfile"), "customercompanyprofile");
    assert_eq!(slug("Subscription resource"), "subscription-resource");
    assert_eq!(slug("What's new (2021)?"), "whats-new-2021");
    assert_eq!(slug("  Get / list  items. "), "get-list-items");
    assert_eq!(slug("a.b\tc"), "abc");
}

#[test]
fn deep_nesting_is_cut_off_instead_of_overflowing_the_stack() {
    let page = format!(
        "## Deep\n\n{}text\n\n{}item\n\n{}\n\n| Property | Type |\n|--|--|\n| a | string |\n",
        ">".repeat(30_000),
        "* ".repeat(15_000),
        "*a ".repeat(10_000),
    );
    // The whole pipeline recurses over what parse gives it.
    let sources = crate::Sources::new(vec![SourceFile::new("deep-resources.md", page)]);
    let options = crate::Options::new("t".into(), crate::Layout::Workspace);
    let generation = crate::generate(&sources, &options);
    assert!(!generation.has_errors());
    let (_, parsed) = parse(&sources.get(FileId(0)).text);
    assert!(table(&parsed.sections[0]).rows.len() == 1, "the table after the deep blocks is read");
}

#[test]
fn code_is_a_slice_of_the_page_where_its_lines_follow_one_another() {
    let (_, page) =
        parse("```json\n{\n  \"a\": 1\n}\n```\n\n> ```json\n> {\"b\": 2,\n> \"c\": 3}\n> ```\n");
    let Block::Code { text, .. } = &page.intro[0] else { panic!("no code block") };
    assert!(matches!(text, std::borrow::Cow::Borrowed(_)), "{text:?}");
    assert_eq!(text, "{\n  \"a\": 1\n}\n");
    // In a quote each line starts with `> `: the lines are joined, owned.
    let Block::Quote(blocks) = &page.intro[1] else { panic!("no quote") };
    let Block::Code { text, .. } = &blocks[0] else { panic!("no code block in the quote") };
    assert!(matches!(text, std::borrow::Cow::Owned(_)), "{text:?}");
    assert_eq!(text, "{\"b\": 2,\n\"c\": 3}\n");
}

#[test]
fn trailing_spaces_go_as_trim_end_takes_them() {
    for text in [
        "",
        " ",
        "a",
        "a ",
        "a        ",
        "a         ",
        "é                 ",
        "a \t  ",
        "a\u{a0}   ",
        "a \u{b}       b       ",
        "                ",
    ] {
        assert_eq!(without_trailing_spaces(text).trim_end(), text.trim_end(), "{text:?}");
    }
}
