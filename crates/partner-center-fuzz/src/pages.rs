//! Structure-aware input: pages made of the things resource pages are made
//! of (headings with anchors, pipe and HTML tables, links between pages,
//! type words, code blocks, front matter), in the layouts the reference has
//! used (CRLF, a BOM, `x.md.md` links), each piece drawn from a small
//! vocabulary of likely words or, now and then, any text at all.

use arbitrary::Arbitrary;

/// Up to a few pages, generated together so links can cross them.
#[derive(Arbitrary, Debug)]
pub struct Pages {
    /// The pages; the first few are kept.
    pub pages: Vec<Page>,
}

/// One page.
#[derive(Arbitrary, Debug)]
pub struct Page {
    /// Which file it is.
    pub name: PageName,
    /// Starts with a byte order mark.
    pub bom: bool,
    /// Lines end with CR LF.
    pub crlf: bool,
    /// YAML front matter at the top.
    pub front_matter: FrontMatter,
    /// The page's blocks.
    pub blocks: Vec<Block>,
}

/// The file names pages get, so that links can find them.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum PageName {
    /// `customer-resources.md`
    Customer,
    /// `order-resources.md`
    Order,
    /// `invoice-resources.md`
    Invoice,
}

impl PageName {
    fn file(self) -> &'static str {
        match self {
            PageName::Customer => "customer-resources.md",
            PageName::Order => "order-resources.md",
            PageName::Invoice => "invoice-resources.md",
        }
    }
}

/// Front matter, closed or not.
#[derive(Arbitrary, Debug)]
pub enum FrontMatter {
    /// None.
    None,
    /// `---` ... `---`.
    Closed,
    /// `---` and no end.
    Unclosed,
}

/// A block of a page.
#[derive(Arbitrary, Debug)]
pub enum Block {
    /// `#`..`######` with a title and maybe an anchor.
    Heading {
        /// 1 to 6 (taken modulo).
        level: u8,
        /// The title.
        title: Word,
        /// How the heading is named for links.
        anchor: Anchor,
        /// Written as a setext heading (`===` / `---` underline).
        setext: bool,
    },
    /// A pipe table.
    Table(Table),
    /// The same table as `<table>` HTML.
    HtmlTable(Table),
    /// A paragraph of cells' worth of text.
    Paragraph(Vec<Piece>),
    /// A fenced code block with a JSON body.
    Example {
        /// The `objectType` it names.
        object_type: Word,
        /// Members with values.
        members: Vec<(Word, Json)>,
        /// `http` or `json` fence.
        http: bool,
    },
    /// A callout `> [!NOTE]` with text.
    Note(Vec<Piece>),
    /// Any text at all.
    Raw(String),
}

/// How a heading's anchor is given.
#[derive(Arbitrary, Debug)]
pub enum Anchor {
    /// By its slug only.
    Slug,
    /// `{#id}` after the title.
    Attribute(Word),
    /// `<a name="id"></a>` on the line before.
    NameTag(Word),
    /// `<span id="id"/>` inside the heading.
    SpanTag(Word),
}

/// A table: columns and rows of cells.
#[derive(Arbitrary, Debug)]
pub struct Table {
    /// Rows written without the leading `|`.
    pub no_leading_pipes: bool,
    /// The header.
    pub columns: Vec<Column>,
    /// Body rows; a row may have more or fewer cells than the header.
    pub rows: Vec<Vec<Vec<Piece>>>,
}

/// A header cell.
#[derive(Arbitrary, Debug)]
pub enum Column {
    /// `Property`
    Property,
    /// `Name`
    Name,
    /// `Field`
    Field,
    /// `Type`
    Type,
    /// `Description`
    Description,
    /// `Required`
    Required,
    /// `Length (min, max)`
    Length,
    /// `Value`
    Value,
    /// `**Property**`
    BoldProperty,
    /// Anything.
    Other(Word),
}

/// A piece of cell or paragraph text.
#[derive(Arbitrary, Debug)]
pub enum Piece {
    /// A word.
    Word(Word),
    /// A type word.
    Type(TypeWord),
    /// A link to a resource.
    Link {
        /// The text.
        text: Word,
        /// Another page, or this one.
        page: Option<PageName>,
        /// With `.md` twice.
        doubled: bool,
        /// The anchor.
        anchor: Option<Word>,
    },
    /// `` `word` ``
    Code(Word),
    /// `**word**`
    Bold(Word),
    /// `<br>`
    Break,
    /// A bare `|`, which splits the cell.
    Pipe,
    /// Bounds as in a Length column.
    Bounds(i8, i8),
}

/// The words type cells hold.
#[derive(Arbitrary, Debug)]
pub enum TypeWord {
    /// A scalar spelling.
    Scalar(Scalar),
    /// `array of X` / `X[]` / `List<X>`.
    Array(u8, Box<TypeWord>),
    /// `Dictionary<string, X>`.
    Map(Box<TypeWord>),
    /// A resource name.
    Named(Word),
}

/// Scalar type spellings.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Scalar {
    /// `string`
    String,
    /// `int`
    Int,
    /// `long`
    Long,
    /// `double`
    Double,
    /// `decimal`
    Decimal,
    /// `bool`
    Bool,
    /// `boolean`
    Boolean,
    /// `date`
    Date,
    /// `datetime`
    DateTime,
    /// `string in UTC date time format`
    UtcString,
    /// `guid`
    Guid,
    /// `object`
    Object,
    /// `strnig`
    Typo,
}

/// A word: mostly from the vocabulary resource pages use.
#[derive(Arbitrary, Debug)]
pub enum Word {
    /// One of the vocabulary of names, keywords and awkward strings, by index.
    Known(u8),
    /// Anything.
    Any(String),
}

/// Names, keywords and awkward strings the generator must cope with.
const VOCABULARY: &[&str] = &[
    "Customer",
    "CustomerCompanyProfile",
    "Address",
    "Order",
    "OrderLineItem",
    "Invoice",
    "RenewsTo",
    "id",
    "companyName",
    "type",
    "self",
    "Self",
    "extra",
    "attributes",
    "objectType",
    "fileName",
    "file_name",
    "名前",
    "m²",
    "TÃ¼rkiye",
    "Request body",
    "Value",
    "None",
    "Other",
    "9lives",
    "a b",
    "",
    "*",
    "\\|",
    "&lt;T&gt;",
];

/// A JSON value in an example.
#[derive(Arbitrary, Debug)]
pub enum Json {
    /// `null`
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Text(Word),
    /// A long decimal as text in a number.
    LongNumber,
    /// A nested object.
    Object(Vec<(Word, Json)>),
}

/// Keeps generated pages small: a fuzzer learns more from many small
/// inputs than from a few big ones.
const MAX_ITEMS: usize = 8;

impl Pages {
    /// Each page as `(file name, bytes)`.
    pub fn render(&self) -> Vec<(String, Vec<u8>)> {
        let mut seen = Vec::new();
        self.pages
            .iter()
            .filter(|page| {
                let fresh = !seen.contains(&page.name.file());
                seen.push(page.name.file());
                fresh
            })
            .map(|page| (page.name.file().to_owned(), page.render()))
            .collect()
    }
}

impl Page {
    fn render(&self) -> Vec<u8> {
        let mut text = String::new();
        match self.front_matter {
            FrontMatter::None => {}
            FrontMatter::Closed => text.push_str("---\ntitle: Fuzz\nms.date: 01/01/2026\n---\n\n"),
            FrontMatter::Unclosed => text.push_str("---\ntitle: Fuzz\n\n"),
        }
        for block in self.blocks.iter().take(MAX_ITEMS * 2) {
            block.render(&mut text);
            text.push_str("\n\n");
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        let mut bytes = if self.bom { "\u{FEFF}".as_bytes().to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.as_bytes());
        bytes
    }
}

impl Block {
    fn render(&self, out: &mut String) {
        match self {
            Block::Heading { level, title, anchor, setext } => {
                let level = usize::from(level % 6) + 1;
                let title = title.text();
                if let Anchor::NameTag(id) = anchor {
                    out.push_str(&format!("<a name=\"{}\"></a>\n\n", id.text()));
                }
                let title = match anchor {
                    Anchor::Attribute(id) => format!("{title} {{#{}}}", id.text()),
                    Anchor::SpanTag(id) => format!("<span id=\"{}\"/>{title}", id.text()),
                    _ => title.to_owned(),
                };
                if *setext && level <= 2 {
                    let underline = if level == 1 { "===" } else { "---" };
                    out.push_str(&format!("{title}\n{underline}"));
                } else {
                    out.push_str(&format!("{} {title}", "#".repeat(level)));
                }
            }
            Block::Table(table) => table.render_pipes(out),
            Block::HtmlTable(table) => table.render_html(out),
            Block::Paragraph(pieces) => out.push_str(&render_pieces(pieces)),
            Block::Example { object_type, members, http } => {
                out.push_str(if *http { "```http\nHTTP/1.1 200 OK\n\n" } else { "```json\n" });
                let mut members: Vec<String> =
                    members.iter().take(MAX_ITEMS).map(|(k, v)| member(k, v)).collect();
                members.push(format!(
                    "\"attributes\": {{ \"objectType\": {} }}",
                    json_string(object_type.text())
                ));
                out.push_str(&format!("{{ {} }}\n```", members.join(", ")));
            }
            Block::Note(pieces) => {
                out.push_str(&format!("> [!NOTE]\n> {}", render_pieces(pieces)));
            }
            Block::Raw(text) => out.push_str(text),
        }
    }
}

impl Table {
    fn header(&self) -> Vec<String> {
        let mut columns: Vec<String> =
            self.columns.iter().take(MAX_ITEMS).map(Column::text).collect();
        if columns.is_empty() {
            columns.push("Property".into());
        }
        columns
    }

    fn render_pipes(&self, out: &mut String) {
        let (open, close) = if self.no_leading_pipes { ("", "") } else { ("| ", " |") };
        let header = self.header();
        out.push_str(&format!("{open}{}{close}\n", header.join(" | ")));
        out.push_str(&format!("{open}{}{close}\n", vec!["---"; header.len()].join(" | ")));
        for row in self.rows.iter().take(MAX_ITEMS) {
            let cells: Vec<String> = row.iter().take(MAX_ITEMS).map(|c| render_pieces(c)).collect();
            out.push_str(&format!("{open}{}{close}\n", cells.join(" | ")));
        }
    }

    fn render_html(&self, out: &mut String) {
        out.push_str("<table>\n<tr>");
        for column in self.header() {
            out.push_str(&format!("<th>{column}</th>"));
        }
        out.push_str("</tr>\n");
        for row in self.rows.iter().take(MAX_ITEMS) {
            out.push_str("<tr>");
            for cell in row.iter().take(MAX_ITEMS) {
                out.push_str(&format!("<td>{}</td>", render_pieces(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>");
    }
}

impl Column {
    fn text(&self) -> String {
        match self {
            Column::Property => "Property".into(),
            Column::Name => "Name".into(),
            Column::Field => "Field".into(),
            Column::Type => "Type".into(),
            Column::Description => "Description".into(),
            Column::Required => "Required".into(),
            Column::Length => "Length (min, max)".into(),
            Column::Value => "Value".into(),
            Column::BoldProperty => "**Property**".into(),
            Column::Other(word) => word.text().to_owned(),
        }
    }
}

fn render_pieces(pieces: &[Piece]) -> String {
    let parts: Vec<String> = pieces.iter().take(MAX_ITEMS).map(Piece::text).collect();
    parts.join(" ")
}

impl Piece {
    fn text(&self) -> String {
        match self {
            Piece::Word(word) => word.text().to_owned(),
            Piece::Type(ty) => ty.text(0),
            Piece::Link { text, page, doubled, anchor } => {
                let file = page.map_or(String::new(), |p| {
                    if *doubled { format!("{}.md", p.file()) } else { p.file().to_owned() }
                });
                let anchor = anchor.as_ref().map_or(String::new(), |a| format!("#{}", a.text()));
                format!("[{}]({file}{anchor})", text.text())
            }
            Piece::Code(word) => format!("`{}`", word.text()),
            Piece::Bold(word) => format!("**{}**", word.text()),
            Piece::Break => "<br>".into(),
            Piece::Pipe => "|".into(),
            Piece::Bounds(min, max) => format!("({min}, {max})"),
        }
    }
}

impl TypeWord {
    fn text(&self, depth: usize) -> String {
        if depth > 3 {
            return "string".into();
        }
        match self {
            TypeWord::Scalar(scalar) => scalar.text().into(),
            TypeWord::Array(form, item) => match form % 3 {
                0 => format!("array of {}", item.text(depth + 1)),
                1 => format!("{}[]", item.text(depth + 1)),
                _ => format!("List<{}>", item.text(depth + 1)),
            },
            TypeWord::Map(value) => format!("Dictionary<string, {}>", value.text(depth + 1)),
            TypeWord::Named(word) => word.text().to_owned(),
        }
    }
}

impl Scalar {
    fn text(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Int => "int",
            Scalar::Long => "long",
            Scalar::Double => "double",
            Scalar::Decimal => "decimal",
            Scalar::Bool => "bool",
            Scalar::Boolean => "boolean",
            Scalar::Date => "date",
            Scalar::DateTime => "datetime",
            Scalar::UtcString => "string in UTC date time format",
            Scalar::Guid => "guid",
            Scalar::Object => "object",
            Scalar::Typo => "strnig",
        }
    }
}

impl Word {
    fn text(&self) -> &str {
        match self {
            Word::Known(i) => VOCABULARY[usize::from(*i) % VOCABULARY.len()],
            Word::Any(text) => text,
        }
    }
}

fn member(key: &Word, value: &Json) -> String {
    format!("{}: {}", json_string(key.text()), value.text(0))
}

impl Json {
    fn text(&self, depth: usize) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => b.to_string(),
            Json::Int(i) => i.to_string(),
            Json::Float(f) if f.is_finite() => format!("{f:?}"),
            Json::Float(_) => "0.5".into(),
            Json::Text(word) => json_string(word.text()),
            Json::LongNumber => "28.82860766744404945074".into(),
            Json::Object(members) if depth < 3 => {
                let members: Vec<String> = members
                    .iter()
                    .take(MAX_ITEMS)
                    .map(|(k, v)| format!("{}: {}", json_string(k.text()), v.text(depth + 1)))
                    .collect();
                format!("{{ {} }}", members.join(", "))
            }
            Json::Object(_) => "{}".into(),
        }
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
