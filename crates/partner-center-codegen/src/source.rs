//! Input pages and positions in them.
//!
//! The library never touches the file system: the caller hands in
//! [`SourceFile`]s, or a loader that reads a page when a stage asks for it,
//! and every later stage points back into the pages with [`Span`]s.

use std::sync::{Arc, Mutex};

use serde::Serialize;

/// One Markdown page handed to the generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as it should appear in messages and generated headers, with `/`
    /// separators, e.g. `docs-src/customer-resources.md`.
    pub path: String,
    /// The page's text.
    pub text: String,
    /// What the page is read for.
    pub role: Role,
    /// Runs of bytes that were not UTF-8 and were read as Windows-1252:
    /// their range in `text` and the bytes they came from.
    pub repaired: Vec<crate::encoding::Repair>,
    /// Where each line of `text` starts, made when a position is first asked for.
    lines: LineStarts,
}

/// The byte offsets at which the lines of a text start, computed once: a
/// position is then a binary search, not a scan from the top of the page.
/// It is a cache, so it takes no part in comparisons; it is made again when
/// `text` was replaced or changed length since.
#[derive(Clone, Debug, Default)]
struct LineStarts(std::sync::OnceLock<(TextId, Vec<usize>)>);

/// What tells one text from another for [`LineStarts`]: where it is and how
/// long it is.
type TextId = (usize, usize);

impl LineStarts {
    fn of(&self, text: &str) -> std::borrow::Cow<'_, [usize]> {
        let id = (text.as_ptr() as usize, text.len());
        let make = || {
            // memchr looks at a line's bytes many at a time; a `char`
            // search costs more to set up than a short line takes to scan.
            let breaks = memchr::memchr_iter(b'\n', text.as_bytes());
            let starts = std::iter::once(0).chain(breaks.map(|i| i + 1));
            (id, starts.collect())
        };
        let (made_for, starts) = self.0.get_or_init(make);
        if *made_for == id {
            std::borrow::Cow::Borrowed(starts)
        } else {
            std::borrow::Cow::Owned(make().1)
        }
    }
}

impl PartialEq for LineStarts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LineStarts {}

/// What a page is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Its tables become models (and its examples are checked against them).
    Resources,
    /// Only its JSON examples are read, to check the models against.
    Examples,
}

impl SourceFile {
    /// A page whose tables become models.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into().replace('\\', "/"),
            text: text.into(),
            role: Role::Resources,
            repaired: Vec::new(),
            lines: LineStarts::default(),
        }
    }

    /// A page read only for its JSON examples (an operation page).
    pub fn examples(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self { role: Role::Examples, ..Self::new(path, text) }
    }

    /// A page read from bytes: bytes that are not UTF-8 are read as
    /// Windows-1252 (and reported when the page is lowered).
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>, role: Role) -> Self {
        let (text, repaired) = crate::encoding::decode_lossless(bytes);
        Self { role, repaired, ..Self::new(path, text) }
    }

    /// The file name without directories, e.g. `customer-resources.md`.
    pub fn file_name(&self) -> &str {
        file_name(&self.path)
    }

    /// The byte offsets at which the lines of `text` start (the first is 0).
    pub(crate) fn line_starts(&self) -> std::borrow::Cow<'_, [usize]> {
        self.lines.of(&self.text)
    }

    /// The 0-based line a byte offset is on: the last line that starts at
    /// or before it (line 0 starts at 0).
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&start| start <= offset) - 1
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        // A line starts after a newline, so on a character boundary.
        let start = self.line_starts()[line];
        let col = self.text.get(start..offset).map_or(0, |t| t.chars().count()) + 1;
        (line + 1, col)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The set of pages of one run, sorted by path so that no result depends on
/// the order in which a directory listed them.
///
/// Pages are either held (handed in with their text, [`Sources::new`]) or
/// read on demand ([`Sources::on_demand`]): then a stage that asks for a
/// page gets it from the loader, and the run holds the text of one page at
/// a time besides what the stages keep, however many pages there are.
#[derive(Default)]
pub struct Sources {
    pages: Vec<Entry>,
    loader: Option<Box<Loader>>,
    /// The page last read on demand: stages ask for the same page many
    /// times in a row.
    last: Mutex<Option<(FileId, Arc<SourceFile>)>>,
    /// Pages the loader failed to read, with why.
    failures: Mutex<Vec<(FileId, String)>>,
}

/// Reads a page's bytes, given its path as [`Sources`] shows it.
pub type Loader = dyn Fn(&str) -> Result<Vec<u8>, String> + Send + Sync;

/// A page of [`Sources`] as listed: its path and what it is read for, and
/// its text when it is held.
#[derive(Debug)]
pub struct Entry {
    /// Path as messages and generated headers show it.
    pub path: String,
    /// What the page is read for.
    pub role: Role,
    held: Option<Arc<SourceFile>>,
    /// The length of the text read first, to tell when a page read again
    /// is no longer the same.
    length: std::sync::OnceLock<usize>,
}

impl Entry {
    /// The file name without directories, e.g. `customer-resources.md`.
    pub fn file_name(&self) -> &str {
        file_name(&self.path)
    }
}

/// The last part of a path with `/` separators.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sources")
            .field("pages", &self.pages)
            .field("on_demand", &self.loader.is_some())
            .finish()
    }
}

impl Sources {
    /// Collects pages, sorting them by path.
    pub fn new(mut files: Vec<SourceFile>) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let pages = files
            .into_iter()
            .map(|f| Entry {
                path: f.path.clone(),
                role: f.role,
                held: Some(Arc::new(f)),
                length: Default::default(),
            })
            .collect();
        Self { pages, ..Self::default() }
    }

    /// Pages read by `load` when a stage asks for them (bytes that are not
    /// UTF-8 are read as Windows-1252, as by [`SourceFile::from_bytes`]),
    /// sorted by path. A page that cannot be read is an error of the run
    /// ([`Sources::failures`]).
    pub fn on_demand(
        pages: Vec<(String, Role)>,
        load: impl Fn(&str) -> Result<Vec<u8>, String> + Send + Sync + 'static,
    ) -> Self {
        let mut pages: Vec<Entry> = pages
            .into_iter()
            .map(|(path, role)| Entry {
                path: path.replace('\\', "/"),
                role,
                held: None,
                length: Default::default(),
            })
            .collect();
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        Self { pages, loader: Some(Box::new(load)), ..Self::default() }
    }

    /// All pages with their ids, in path order, as listed (their text is
    /// read by [`Sources::get`]).
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Entry)> {
        self.pages.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// The page behind an id, with its text: held, or read now.
    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        let entry = &self.pages[id.0 as usize];
        if let Some(file) = &entry.held {
            return Arc::clone(file);
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((last_id, file)) = &*last
            && *last_id == id
        {
            return Arc::clone(file);
        }
        let load = self.loader.as_ref().expect("a page without text is read on demand");
        let read = load(&entry.path).and_then(|bytes| {
            if *entry.length.get_or_init(|| bytes.len()) == bytes.len() {
                Ok(SourceFile::from_bytes(entry.path.clone(), bytes, entry.role))
            } else {
                Err("it changed while this run read it".to_owned())
            }
        });
        let file = read.unwrap_or_else(|why| {
            let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
            if !failures.iter().any(|(failed, _)| *failed == id) {
                failures.push((id, why));
            }
            SourceFile { role: entry.role, ..SourceFile::new(entry.path.clone(), "") }
        });
        let file = Arc::new(file);
        *last = Some((id, Arc::clone(&file)));
        file
    }

    /// The path of a page, as messages show it.
    pub fn path(&self, id: FileId) -> &str {
        &self.pages[id.0 as usize].path
    }

    /// The file name of a page, without directories.
    pub fn file_name(&self, id: FileId) -> &str {
        self.pages[id.0 as usize].file_name()
    }

    /// The pages that could not be read on demand so far, and why.
    pub fn failures(&self) -> Vec<(FileId, String)> {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// True when there are no pages.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// Index of a page in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FileId(pub u32);

/// A byte range in one page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// The page.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span over `range` in `file`.
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Self {
        Self { file, start: range.start as u32, end: range.end as u32 }
    }

    /// The byte range.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// A sub-span, given as a range relative to this span's start.
    pub fn within(self, range: std::ops::Range<usize>) -> Self {
        let start = (self.start as usize + range.start).min(self.end as usize);
        let end = (self.start as usize + range.end).min(self.end as usize);
        Self::new(self.file, start..end)
    }
}

/// The pages whose tables become models unless a caller says otherwise.
pub const DEFAULT_PAGES: &str = "*-resources.md";

/// A page as a caller read it from disk: the path messages should show,
/// and its bytes, undecoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The path as messages and generated headers show it.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Page {
    /// A page read from `path` (shown as given).
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Page { path: path.into(), bytes: bytes.into() }
    }
}

/// Why [`Sources::select`] found nothing to generate from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectError {
    /// No page is a resource page: none of the folder's matches the glob,
    /// and no page was given beside it.
    NoResourcePages {
        /// The glob the folder's file names were matched against.
        glob: String,
    },
}

impl std::fmt::Display for SelectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelectError::NoResourcePages { glob } => {
                write!(f, "no page's file name matches `{glob}`, and no page was given beside them")
            }
        }
    }
}

impl std::error::Error for SelectError {}

impl Sources {
    /// The pages of one run, and what each is read for; the one rule every
    /// reader of a docs folder follows.
    ///
    /// `folder` holds a docs folder's pages (the caller lists the folder):
    /// those whose file name ends in `.md` and matches `glob` (default
    /// [`DEFAULT_PAGES`]) are resource pages, whose tables become models;
    /// the other `.md` pages are read for their JSON examples only; other
    /// files are left out. `beside` are resource pages from anywhere
    /// (`--with PAGE`). Bytes that are not UTF-8 are read as Windows-1252,
    /// and reported when the page is lowered.
    pub fn select(
        folder: Vec<Page>,
        beside: Vec<Page>,
        glob: Option<&str>,
    ) -> Result<Sources, SelectError> {
        let pages = select_roles(folder, beside, glob, |page| &page.path)?;
        Ok(Sources::new(
            pages
                .into_iter()
                .map(|(page, role)| SourceFile::from_bytes(page.path, page.bytes, role))
                .collect(),
        ))
    }

    /// [`Sources::select`] over paths, the pages read on demand by `load`
    /// ([`Sources::on_demand`]): a caller lists a folder and reads nothing
    /// until a stage asks.
    pub fn select_on_demand(
        folder: Vec<String>,
        beside: Vec<String>,
        glob: Option<&str>,
        load: impl Fn(&str) -> Result<Vec<u8>, String> + Send + Sync + 'static,
    ) -> Result<Sources, SelectError> {
        let pages = select_roles(folder, beside, glob, String::as_str)?;
        Ok(Sources::on_demand(pages, load))
    }
}

/// The rule of [`Sources::select`]: the role of each `.md` page of the
/// folder by `glob`, and the pages beside as resource pages.
fn select_roles<T>(
    folder: Vec<T>,
    beside: Vec<T>,
    glob: Option<&str>,
    path: impl Fn(&T) -> &str,
) -> Result<Vec<(T, Role)>, SelectError> {
    let glob = glob.unwrap_or(DEFAULT_PAGES);
    let mut pages: Vec<(T, Role)> = folder
        .into_iter()
        .filter(|page| path(page).ends_with(".md"))
        .map(|page| {
            let name = path(&page).rsplit(['/', '\\']).next().unwrap_or_default();
            let role = if glob_match(glob, name) { Role::Resources } else { Role::Examples };
            (page, role)
        })
        .collect();
    pages.extend(beside.into_iter().map(|page| (page, Role::Resources)));
    if !pages.iter().any(|(_, role)| *role == Role::Resources) {
        return Err(SelectError::NoResourcePages { glob: glob.to_owned() });
    }
    Ok(pages)
}

/// True when `name` matches `pattern`, where `*` stands for any run of
/// characters and `?` for one.
fn glob_match(pattern: &str, name: &str) -> bool {
    let (pattern, name): (Vec<char>, Vec<char>) =
        (pattern.chars().collect(), name.chars().collect());
    let (mut p, mut n) = (0, 0);
    let mut backtrack = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                backtrack = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match backtrack {
                Some((star, matched)) => {
                    p = star + 1;
                    n = matched + 1;
                    backtrack = Some((star, matched + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters_from_one() {
        let file = SourceFile::new("a.md", "ab\nTÃ¼x\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // `x` comes after three characters that take five bytes.
        assert_eq!(file.line_col(3 + 5), (2, 4));
        // An offset inside a multi-byte character points at that character.
        assert_eq!(file.line_col(3 + 2), (2, 2));
    }

    #[test]
    fn positions_follow_a_text_that_was_replaced() {
        let mut file = SourceFile::new("a.md", "one\ntwo\n");
        assert_eq!(file.line_col(4), (2, 1));
        file.text = "a\nb\nc\nd\n".into();
        assert_eq!(file.line_col(4), (3, 1));
        file.text.insert_str(0, "\n\n");
        assert_eq!(file.line_col(4), (4, 1));
    }

    #[test]
    fn sources_are_sorted_by_path() {
        let sources = Sources::new(vec![SourceFile::new("b.md", ""), SourceFile::new("a.md", "")]);
        let paths: Vec<_> = sources.iter().map(|(_, f)| f.path.as_str()).collect();
        assert_eq!(paths, ["a.md", "b.md"]);
    }

    #[test]
    fn select_decides_roles_by_glob_and_decodes_bytes() {
        let folder = vec![
            Page::new("docs/get-a-customer.md", "# G\n"),
            Page::new("docs/customer-resources.md", b"# C\n\n| T\xfcrkiye |\n".to_vec()),
            Page::new("docs/notes.txt", "not a page"),
        ];
        let beside = vec![Page::new("ours/extra-resources.md", "# E\n")];
        let sources = Sources::select(folder, beside, None).unwrap();
        let read: Vec<_> = sources
            .iter()
            .map(|(id, f)| (f.path.as_str(), f.role, sources.get(id).repaired.len()))
            .collect();
        assert_eq!(
            read,
            [
                ("docs/customer-resources.md", Role::Resources, 1),
                ("docs/get-a-customer.md", Role::Examples, 0),
                ("ours/extra-resources.md", Role::Resources, 0),
            ]
        );
        assert!(sources.get(FileId(0)).text.contains("Türkiye"));
        let none = Sources::select(vec![Page::new("a.md", "")], vec![], Some("*-x.md"));
        assert_eq!(none.unwrap_err(), SelectError::NoResourcePages { glob: "*-x.md".into() });
    }

    #[test]
    fn globs_match_file_names() {
        assert!(glob_match("*-resources.md", "customer-resources.md"));
        assert!(!glob_match("*-resources.md", "get-a-customer-by-id.md"));
        assert!(glob_match("*.md", "a.md"));
        assert!(glob_match("c*r-*.md", "customer-resources.md"));
        assert!(glob_match("?.md", "a.md"));
        assert!(!glob_match("?.md", "ab.md"));
        assert!(glob_match("*", ""));
    }
}
