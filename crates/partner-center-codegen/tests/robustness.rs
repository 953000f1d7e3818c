//! Odd pages never make the generator panic, and whatever it emits is Rust
//! that parses. Pages are built from a pool of awkward pieces (empty cells,
//! keywords, non-ASCII names, broken links, HTML, duplicate names) by a
//! small deterministic generator, so a failure is reproducible by its seed.

use partner_center_codegen::{Layout, Options, SourceFile, Sources, generate};

/// A xorshift generator: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, pool: &[&'a str]) -> &'a str {
        pool[(self.next() % pool.len() as u64) as usize]
    }
}

const HEADINGS: &[&str] = &[
    "Customer",
    "Customer",
    "type",
    "名前",
    "Request body",
    "URI parameters",
    "2nd thing",
    "Value",
    "Self",
    "<span id=\"x\"/>Odd",
];
const HEADERS: &[&str] = &[
    "| Property | Type | Description |",
    "| Name | Type | Required | Description |",
    "| Field | Type | Length (min, max) | Description |",
    "| Value | Description |",
    "| Value | Position | Description |",
    "| Property | Description |",
    "| Method | Request URI |",
];
const NAMES: &[&str] = &[
    "id",
    "ID",
    "type",
    "self",
    "extra",
    "Other",
    "名前",
    "m²",
    "a b",
    "",
    "`x`",
    "**y**",
    "9z",
    "fileName",
    "file_name",
    "*",
];
const TYPES: &[&str] = &[
    "string",
    "int",
    "decimal",
    "double",
    "bool",
    "date",
    "object",
    "array of strings",
    "[Customer](#customer)",
    "[Gone](missing.md#gone)",
    "Customer[]",
    "List<[Value](#value)>",
    "Dictionary&lt;string, object&gt;",
    "strnig",
    "",
    "some odd words",
    "IEnumerable",
    "Customers",
];
const CELLS: &[&str] = &[
    "A plain sentence.",
    "Values: `a`, `b` or `c`.",
    "See [x](#nowhere).",
    "<br/>Line<br>break</br>",
    "TÃ¼rkiye",
    "https://example.com/x.",
    "[brackets] and <angle> and *stars*",
    "",
    "(1, 5)",
    "n/a",
    "(9, 2)",
    "Yes",
    "No",
];

fn page(rng: &mut Rng) -> String {
    let mut text = String::from("# Page\n\n");
    for _ in 0..(1 + rng.next() % 4) {
        text += &format!("## {}\n\n", rng.pick(HEADINGS));
        let header = rng.pick(HEADERS);
        let columns = header.matches('|').count() - 1;
        text += header;
        text += "\n";
        text += &"|---".repeat(columns);
        text += "|\n";
        for _ in 0..(rng.next() % 5) {
            let mut row = String::from("|");
            for column in 0..columns {
                let cell = match column {
                    0 => rng.pick(NAMES),
                    1 => rng.pick(TYPES),
                    _ => rng.pick(CELLS),
                };
                row += &format!(" {cell} |");
            }
            text += &row;
            text += "\n";
        }
        text += "\n";
    }
    text
}

#[test]
fn odd_pages_never_panic_and_emit_parseable_rust() {
    let options = Options { docs_label: "random".into(), layout: Layout::Workspace };
    let mut emitted = 0;
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let pages = (0..(1 + rng.next() % 3))
            .map(|i| SourceFile::new(format!("p{i}-resources.md"), page(&mut rng)))
            .collect();
        let generation = generate(&Sources::new(pages), &options);
        for file in generation.files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Err(error) = syn::parse_file(&file.contents) {
                panic!("seed {seed}: {} does not parse: {error}\n{}", file.path, file.contents);
            }
            emitted += 1;
        }
    }
    assert!(
        emitted > 100,
        "only {emitted} files emitted; the pages are too broken to test emission"
    );
}
