//! `codegen.toml`: the warnings this project accepts for its own pages
//! (`docs-src/`), each with the reason, read by every `cargo xtask codegen`
//! over them, so a clean checkout is silent and CI runs the same command
//! as everyone.
//!
//! ```toml
//! [allow]
//! W0201 = "why this warning is accepted"
//! ```

use std::path::Path;

use partner_center_codegen::Code;

use crate::Failure;

/// The file, at the workspace root.
pub(crate) const FILE: &str = "codegen.toml";

/// The codes `codegen.toml` allows; none if there is no such file.
pub(crate) fn read(root: &Path) -> Result<Vec<Code>, Failure> {
    let path = root.join(FILE);
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    parse(&text).map_err(|(line, message)| Failure::Io(format!("error: {FILE}:{line}: {message}")))
}

/// The codes of the `[allow]` table, or the line and what is wrong.
fn parse(text: &str) -> Result<Vec<Code>, (usize, String)> {
    let mut codes = Vec::new();
    let mut in_allow = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            in_allow = line == "[allow]";
            if !in_allow {
                return Err((i + 1, format!("unknown table `{line}`; only `[allow]` is read")));
            }
            continue;
        }
        let Some((key, reason)) = line.split_once('=') else {
            return Err((i + 1, "expected `CODE = \"reason\"`".into()));
        };
        let (key, reason) = (key.trim(), reason.trim());
        if !in_allow {
            return Err((i + 1, "entries belong under `[allow]`".into()));
        }
        let code = Code::parse(key)
            .ok_or_else(|| (i + 1, format!("`{key}` is no diagnostic code (W0201, ...)")))?;
        if code.severity() == partner_center_codegen::Severity::Error {
            return Err((i + 1, format!("`{key}` is an error; errors cannot be allowed")));
        }
        if reason.len() < 3 || !reason.starts_with('"') || !reason.ends_with('"') {
            return Err((i + 1, format!("give `{key}` a reason in double quotes")));
        }
        codes.push(code);
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_allowed_codes_and_says_what_is_wrong() {
        let text = "# Accepted.\n[allow]\nW0201 = \"the seed stays as it came\"\n";
        assert_eq!(parse(text), Ok(vec![Code::Mojibake]));
        assert_eq!(parse("[allow]\nW0201\n"), Err((2, "expected `CODE = \"reason\"`".into())));
        assert_eq!(
            parse("[allow]\nE0102 = \"no\"\n"),
            Err((2, "`E0102` is an error; errors cannot be allowed".into()))
        );
        assert_eq!(
            parse("[allow]\nW0201 = no reason\n"),
            Err((2, "give `W0201` a reason in double quotes".into()))
        );
        assert_eq!(
            parse("[deny]\n"),
            Err((1, "unknown table `[deny]`; only `[allow]` is read".into()))
        );
    }

    /// The project's own file reads.
    #[test]
    fn the_projects_file_reads() {
        let codes = read(&crate::paths::workspace_root()).map_err(|f| f.message().to_owned());
        assert_eq!(codes, Ok(vec![Code::Mojibake]));
    }
}
