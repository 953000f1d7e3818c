//! Writing generated files, or checking them: one path for both, so that
//! `--check` and the drift test can never disagree with what a plain run
//! would write. Each file is written to a temporary file and renamed into
//! place; stale modules are deleted only once every file is written.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use partner_center_codegen::GeneratedFile;

use crate::flags::Mode;

/// Files that differ from what is on disk, and their diff.
#[derive(Default)]
pub(crate) struct Changes {
    pub(crate) paths: Vec<String>,
    pub(crate) diff: String,
}

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

/// Writes `contents` to a temporary file beside `path` and renames it over
/// `path`, so that a reader (or a crash) never sees a half-written file.
fn write_atomically(path: &Path, contents: &str) -> Result<(), String> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.codegen-tmp"));
    std::fs::write(&temporary, contents)
        .map_err(|e| format!("error: cannot write {}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("error: cannot replace {}: {e}", path.display())
    })
}

/// Whether `text` is a file the generator wrote: its header (or, for a
/// `model.json`, its first member) says `@generated`.
fn is_generated(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(GENERATED_HEAD)]);
    head.starts_with("// @generated")
        || head.starts_with("# @generated")
        || head.trim_start().starts_with("{\n  \"@generated\"")
}

/// How many bytes of a file [`is_generated`] looks at.
const GENERATED_HEAD: usize = 200;

/// What is on disk where a generated file goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnDisk {
    /// No file.
    Missing,
    /// A file with exactly the generated contents.
    Same,
    /// A file with other contents; `generated` if its header says the
    /// generator wrote it.
    Differs { generated: bool },
}

/// Looks at the file at `path` against `contents`, reading it into
/// `buffer` (reused from file to file, so that a run over many files does
/// not hold them all): only its head when its length already differs.
fn on_disk(path: &Path, contents: &str, buffer: &mut Vec<u8>) -> OnDisk {
    let Ok(mut file) = std::fs::File::open(path) else { return OnDisk::Missing };
    let same_length = file.metadata().is_ok_and(|m| m.len() == contents.len() as u64);
    buffer.clear();
    let read = if same_length {
        file.read_to_end(buffer)
    } else {
        (&mut file).take(GENERATED_HEAD as u64).read_to_end(buffer)
    };
    match read {
        Err(_) => OnDisk::Missing,
        Ok(_) if same_length && buffer.as_slice() == contents.as_bytes() => OnDisk::Same,
        Ok(_) => OnDisk::Differs { generated: is_generated(buffer) },
    }
}

/// The files in `out` a run would replace or delete that the generator did
/// not write (no `@generated` header): a hand-written `src/lib.rs` where
/// `--out` points, a module of someone's own among the generated ones.
fn foreign_files(
    out: &Path,
    files: &[GeneratedFile],
    existing: &[OnDisk],
    generated_dirs: &[String],
) -> Vec<String> {
    let mut foreign: Vec<String> = files
        .iter()
        .zip(existing)
        .filter(|(_, old)| **old == OnDisk::Differs { generated: false })
        .map(|(file, _)| file.path.clone())
        .collect();
    for dir in generated_dirs {
        let Ok(entries) = std::fs::read_dir(out.join(dir)) else { continue };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let relative =
                format!("{dir}/{}", path.file_name().unwrap_or_default().to_string_lossy());
            // A file the run writes was looked at above.
            if files.iter().any(|f| f.path == relative) {
                continue;
            }
            let ours = std::fs::read(&path).is_ok_and(|t| is_generated(&t));
            if !ours && path.is_file() {
                foreign.push(relative);
            }
        }
    }
    foreign.sort();
    foreign
}

/// Compares the generated files with `out`: files to create or change, and
/// stale files in the generated directory to delete. Writes them unless
/// `mode` is [`Mode::Check`], each atomically, and deletes the stale files
/// only once every file is written. `shown_out` is `out` as the diff shows it.
/// A file the generator did not write is neither replaced nor deleted
/// unless `force`: the run stops first, naming it, and writes nothing.
pub(crate) fn sync(
    out: &Path,
    shown_out: &str,
    files: &[GeneratedFile],
    generated_dirs: &[String],
    mode: Mode,
    force: bool,
) -> Result<Changes, String> {
    // Each file as it is now, looked at once.
    let mut buffer = Vec::new();
    let existing: Vec<OnDisk> = files
        .iter()
        .map(|file| on_disk(&out.join(&file.path), &file.contents, &mut buffer))
        .collect();
    drop(buffer);
    if mode != Mode::Check && !force {
        let foreign = foreign_files(out, files, &existing, generated_dirs);
        if !foreign.is_empty() {
            let listed: Vec<String> =
                foreign.iter().map(|f| format!("  {shown_out}/{f}")).collect();
            return Err(format!(
                "error: {} file(s) in {shown_out} were not written by the generator (no \
                 `@generated` header), and this run would replace or delete them; nothing \
                 was written:\n{}\nhelp: move them away, or pass --force to replace them",
                foreign.len(),
                listed.join("\n")
            ));
        }
    }
    let mut changes = Changes::default();
    for (file, old) in files.iter().zip(existing) {
        if old == OnDisk::Same {
            continue;
        }
        let path = out.join(&file.path);
        changes.paths.push(file.path.clone());
        if mode == Mode::Check {
            // Read again: only a file that changed is diffed.
            let old = match old {
                OnDisk::Missing => String::new(),
                OnDisk::Same | OnDisk::Differs { .. } => std::fs::read(&path)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default(),
            };
            let diff = similar::TextDiff::from_lines(&old, &file.contents);
            let header =
                (format!("a/{shown_out}/{}", file.path), format!("b/{shown_out}/{}", file.path));
            write!(
                changes.diff,
                "{}",
                diff.unified_diff().context_radius(3).header(&header.0, &header.1)
            )
            .expect("writing to a String");
        } else {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("error: cannot create {}: {e}", parent.display()))?;
            }
            write_atomically(&path, &file.contents)?;
        }
    }
    for dir in generated_dirs {
        let Ok(entries) = std::fs::read_dir(out.join(dir)) else { continue };
        let mut stale: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .map(|p| format!("{dir}/{}", p.file_name().unwrap_or_default().to_string_lossy()))
            .filter(|relative| !files.iter().any(|f| f.path == *relative))
            .collect();
        stale.sort();
        for relative in stale {
            if mode == Mode::Check {
                writeln!(changes.diff, "stale file: {relative} (no page generates it any more)")
                    .expect("writing to a String");
            } else {
                let path = out.join(&relative);
                std::fs::remove_file(&path)
                    .map_err(|e| format!("error: cannot delete {}: {e}", path.display()))?;
            }
            changes.paths.push(relative);
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{target_dir, workspace_root};

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into() }
    }

    /// Each file on disk is looked at on its own: one of the same length
    /// but other bytes, one of another length, one missing, one the same;
    /// a check names exactly the three that differ, and a write then
    /// leaves nothing to check.
    #[test]
    fn files_are_compared_byte_for_byte_whatever_their_length() {
        let out = target_dir(&workspace_root()).join("xtask-tests").join("write-compare");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(out.join("src")).unwrap();
        let header = "// @generated by test\n";
        let files = [
            file("src/same.rs", &format!("{header}same\n")),
            file("src/edited.rs", &format!("{header}edited\n")),
            file("src/longer.rs", &format!("{header}longer\n")),
            file("src/new.rs", &format!("{header}new\n")),
        ];
        std::fs::write(out.join("src/same.rs"), &files[0].contents).unwrap();
        std::fs::write(out.join("src/edited.rs"), format!("{header}EDITED\n")).unwrap();
        std::fs::write(out.join("src/longer.rs"), format!("{header}long\n")).unwrap();

        let check = sync(&out, "out", &files, &[], Mode::Check, false).unwrap();
        assert_eq!(check.paths, ["src/edited.rs", "src/longer.rs", "src/new.rs"]);
        assert!(check.diff.contains("-EDITED\n+edited\n"), "{}", check.diff);
        assert!(check.diff.contains("-long\n+longer\n"), "{}", check.diff);

        let written = sync(&out, "out", &files, &[], Mode::Write, false).unwrap();
        assert_eq!(written.paths, check.paths);
        assert!(sync(&out, "out", &files, &[], Mode::Check, false).unwrap().is_empty());
    }
}
