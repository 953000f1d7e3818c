//! Rust source written as text, a line at a time, in the layout the
//! committed files have (four-space indents, a blank line between items,
//! long lists broken one entry per line).
//!
//! The back ends know the shape of everything they print, so they write it
//! directly: no token stream is built, re-parsed and laid out again.

use std::fmt::{self, Write as _};

/// Lines longer than this are broken where the printer knows how.
pub(crate) const MAX_WIDTH: usize = 100;

/// A Rust source file being written.
#[derive(Default)]
pub(crate) struct Code {
    out: String,
    depth: usize,
}

impl Code {
    /// An empty file with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Code {
        Code { out: String::with_capacity(capacity), depth: 0 }
    }

    /// Appends `text`, a block of lines written out in full, as it is.
    pub(crate) fn verbatim(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// The length of the text written so far, in bytes.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// The text written so far.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    /// The width of the current indent.
    pub(crate) fn indent_width(&self) -> usize {
        self.depth * 4
    }

    /// One line at the current indent.
    pub(crate) fn line(&mut self, text: impl Text) {
        self.indent();
        text.write_to(&mut self.out);
        self.out.push('\n');
    }

    /// An empty line.
    pub(crate) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A line that opens a block (it ends with `{`, `(` or `[`): what
    /// follows is indented one level more.
    pub(crate) fn open(&mut self, text: impl Text) {
        self.line(text);
        self.depth += 1;
    }

    /// A line that closes a block (`}`, `);`): it and what follows are
    /// indented one level less.
    pub(crate) fn close(&mut self, text: impl Text) {
        self.depth = self.depth.saturating_sub(1);
        self.line(text);
    }

    /// A line that closes a block and opens the next (`} else {`,
    /// `) -> Self {`): it is indented one level less, what follows as before.
    pub(crate) fn reopen(&mut self, text: impl Text) {
        self.depth = self.depth.saturating_sub(1);
        self.line(text);
        self.depth += 1;
    }

    /// Doc comment lines (`///`), one per line of rendered rustdoc.
    pub(crate) fn doc(&mut self, lines: &[impl AsRef<str>]) {
        for line in lines {
            self.doc_line("///", line.as_ref());
        }
    }

    /// Doc comment lines (`///`): `lines`, or where there are none, the one
    /// line `fallback` makes.
    pub(crate) fn doc_or(&mut self, lines: &[String], fallback: impl FnOnce() -> String) {
        match lines {
            [] => self.doc(&[fallback()]),
            lines => self.doc(lines),
        }
    }

    /// Inner doc comment lines (`//!`), for a module.
    pub(crate) fn module_doc(&mut self, lines: &[impl AsRef<str>]) {
        for line in lines {
            self.doc_line("//!", line.as_ref());
        }
    }

    fn doc_line(&mut self, marker: &str, line: &str) {
        self.indent();
        self.out.push_str(marker);
        if !line.is_empty() {
            self.out.push(' ');
            // A doc comment cannot hold control characters (a NUL or a
            // bare CR is a compile error); show them as U+FFFD.
            let is_shown = |c: char| !c.is_control() || c == '\t';
            // Printable ASCII is shown as it is; only other text is looked
            // at a character at a time. No early exit: the compiler makes
            // this a vector loop, several times faster on a doc line.
            let printable = |b: u8| (b' '..=b'~').contains(&b) | (b == b'\t');
            let all_printable = line.bytes().fold(true, |all, b| all & printable(b));
            if all_printable || line.chars().all(is_shown) {
                self.out.push_str(line);
            } else {
                self.out.extend(line.chars().map(|c| if is_shown(c) { c } else { '\u{FFFD}' }));
            }
        }
        self.out.push('\n');
    }

    /// `head{a, b, c}tail` on one line when it fits, else one entry per
    /// line: `use` lists, short arrays.
    pub(crate) fn list(&mut self, head: &str, entries: &[String], tail: &str) {
        if let [only] = entries {
            self.line([head, only, tail]);
            return;
        }
        let length: usize = entries.iter().map(|e| e.len() + 2).sum();
        if self.indent_width() + head.len() + length + tail.len() + 2 <= MAX_WIDTH {
            self.line([head, "{", &entries.join(", "), "}", tail]);
            return;
        }
        self.open([head, "{"]);
        for entry in entries {
            self.line([entry, ","]);
        }
        self.close(["}", tail]);
    }

    /// `function(a, b)tail` on one line when it fits, else one argument
    /// per line; returns whether it took one line.
    pub(crate) fn call(&mut self, function: &str, arguments: &[&str], tail: &str) -> bool {
        let length: usize = arguments.iter().map(|a| a.len() + 2).sum();
        if self.indent_width() + function.len() + length + tail.len() <= MAX_WIDTH {
            self.line([function, "(", &arguments.join(", "), ")", tail]);
            return true;
        }
        self.open([function, "("]);
        for argument in arguments {
            self.line([argument, ","]);
        }
        self.close([")", tail]);
        false
    }

    /// `head(a, b)tail` that opens a function's body: on one line when it
    /// fits, else one parameter per line and `)tail` after them.
    pub(crate) fn function(&mut self, head: &str, parameters: &[String], tail: &str) {
        let length: usize = parameters.iter().map(|p| p.len() + 2).sum();
        if self.indent_width() + head.len() + length + tail.len() <= MAX_WIDTH {
            self.open([head, "(", &parameters.join(", "), ")", tail]);
            return;
        }
        self.open([head, "("]);
        for parameter in parameters {
            self.line([parameter, ","]);
        }
        self.reopen([")", tail]);
    }

    /// Indents what follows one level more, without printing (the lines of
    /// a method chain).
    pub(crate) fn indent_more(&mut self) {
        self.depth += 1;
    }

    /// Undoes [`Code::indent_more`].
    pub(crate) fn indent_less(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }
}

/// What a line of [`Code`] is made of: text as it is, pieces of text, or
/// text to format. Most lines are fixed text (`#[non_exhaustive]`, `}`) or
/// names between fixed text (`["pub ", name, ","]`), which are copied as
/// they are, not run through the formatting machinery (which cost about
/// 330 instructions a line, on lines printed once per field).
pub(crate) trait Text {
    /// Appends the text to `out`.
    fn write_to(self, out: &mut String);
}

impl Text for &str {
    fn write_to(self, out: &mut String) {
        out.push_str(self);
    }
}

impl Text for &String {
    fn write_to(self, out: &mut String) {
        out.push_str(self);
    }
}

impl<const N: usize> Text for [&str; N] {
    fn write_to(self, out: &mut String) {
        for piece in self {
            out.push_str(piece);
        }
    }
}

impl Text for fmt::Arguments<'_> {
    fn write_to(self, out: &mut String) {
        match self.as_str() {
            Some(text) => out.push_str(text),
            None => {
                let _ = out.write_fmt(self);
            }
        }
    }
}

/// A string as a Rust string literal, escaped where needed.
pub(crate) fn string_literal(value: &str) -> String {
    // Printable ASCII but `"` and `\` is written as it is (most wire names
    // and values); `Debug` for `str` escapes exactly what a Rust literal
    // needs in the rest.
    let as_it_is = |b: u8| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\';
    if value.bytes().all(as_it_is) { ["\"", value, "\""].concat() } else { format!("{value:?}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_indent_and_docs_are_clean() {
        let mut code = Code::default();
        code.doc(&["A thing.".into(), String::new(), "Bell \u{7}.".into()]);
        code.open("pub struct Thing {");
        code.line("pub a: Option<String>,");
        code.close("}");
        assert_eq!(
            code.finish(),
            "/// A thing.\n///\n/// Bell \u{FFFD}.\npub struct Thing {\n    pub a: Option<String>,\n}\n"
        );
    }

    #[test]
    fn long_lists_go_one_entry_per_line() {
        let mut code = Code::default();
        code.list("use crate::", &["A".into(), "B".into()], ";");
        let many: Vec<String> = (0..20).map(|i| format!("LongName{i}")).collect();
        code.list("use crate::", &many, ";");
        let text = code.finish();
        assert!(text.starts_with("use crate::{A, B};\nuse crate::{\n    LongName0,\n"));
        assert!(text.ends_with("    LongName19,\n};\n"));
        assert_eq!(string_literal("a\"b\\"), r#""a\"b\\""#);
    }

    #[test]
    fn literals_written_as_they_are_are_what_debug_writes() {
        let printable: String = (' '..='~').collect();
        for text in [printable.as_str(), "it's", "", "tab\there", "é", "\u{7f}", "a\nb"] {
            assert_eq!(string_literal(text), format!("{text:?}"), "{text:?}");
        }
    }
}
