//! Writing generated files, or checking them: one path for both, so that
//! `--check` and the drift test can never disagree with what a plain run
//! would write. Each file is staged in a temporary file as it comes from
//! the generator, and all are renamed into place once the run is known to
//! be good; stale modules are deleted only once every file is written.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

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

/// The temporary file a generated file is staged in, beside `path`.
fn staging_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.codegen-tmp"))
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
/// not hold them all): up to one byte more than `contents`, which tells a
/// longer file without asking for its length.
fn on_disk(path: &Path, contents: &str, buffer: &mut Vec<u8>) -> OnDisk {
    let Ok(file) = std::fs::File::open(path) else { return OnDisk::Missing };
    buffer.clear();
    buffer.reserve(contents.len() + 1);
    match file.take(contents.len() as u64 + 1).read_to_end(buffer) {
        Err(_) => OnDisk::Missing,
        Ok(_) if buffer.as_slice() == contents.as_bytes() => OnDisk::Same,
        Ok(_) => OnDisk::Differs { generated: is_generated(buffer) },
    }
}

/// The files in `out` a run would replace or delete that the generator did
/// not write (no `@generated` header): a hand-written `src/lib.rs` where
/// `--out` points, a module of someone's own among the generated ones.
fn foreign_files(out: &Path, files: &[(String, OnDisk)], generated_dirs: &[String]) -> Vec<String> {
    let mut foreign: Vec<String> = files
        .iter()
        .filter(|(_, old)| *old == OnDisk::Differs { generated: false })
        .map(|(path, _)| path.clone())
        .collect();
    let written = written_paths(files);
    for dir in generated_dirs {
        let Ok(entries) = std::fs::read_dir(out.join(dir)) else { continue };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let relative =
                format!("{dir}/{}", path.file_name().unwrap_or_default().to_string_lossy());
            // A file the run writes was looked at as it came, and its
            // staged copy is the generator's.
            if written.contains(relative.as_str()) || relative.ends_with(".codegen-tmp") {
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

/// The paths of the files a run wrote, to look each file of a folder up in
/// (a scan of them for each would be quadratic in the files).
fn written_paths(files: &[(String, OnDisk)]) -> HashSet<&str> {
    files.iter().map(|(path, _)| path.as_str()).collect()
}

/// Generated files as they come from the generator, one at a time: each is
/// compared with what is on disk when it comes (and with `--check`,
/// diffed); to write it, it is staged in a temporary file beside its place.
/// [`Staged::finish`] then renames every staged file into place and deletes
/// the stale ones, or, if the run is not to write, [`Staged::discard`]
/// removes them: the output is never left half-written, and the run holds
/// one generated file at a time.
pub(crate) struct Staged {
    out: PathBuf,
    shown_out: String,
    mode: Mode,
    /// Every file that came, with what was on disk in its place.
    files: Vec<(String, OnDisk)>,
    /// Files staged to be renamed into place: (temporary, final).
    staged: Vec<(PathBuf, PathBuf)>,
    changes: Changes,
    /// The first error staging a file met.
    failed: Option<String>,
    buffer: Vec<u8>,
}

impl Staged {
    /// Nothing staged yet for the output folder `out`, shown in messages
    /// and diffs as `shown_out`.
    pub(crate) fn new(out: &Path, shown_out: &str, mode: Mode) -> Self {
        Staged {
            out: out.to_owned(),
            shown_out: shown_out.to_owned(),
            mode,
            files: Vec::new(),
            staged: Vec::new(),
            changes: Changes::default(),
            failed: None,
            buffer: Vec::new(),
        }
    }

    /// Looks at one generated file against the disk, and stages or diffs it
    /// if it differs.
    pub(crate) fn add(&mut self, file: GeneratedFile) {
        if self.mode == Mode::DumpIr || self.failed.is_some() {
            return;
        }
        let path = self.out.join(&file.path);
        let old = on_disk(&path, &file.contents, &mut self.buffer);
        self.files.push((file.path.clone(), old));
        if old == OnDisk::Same {
            return;
        }
        self.changes.paths.push(file.path.clone());
        if self.mode == Mode::Check {
            // Read again: only a file that changed is diffed.
            let old = match old {
                OnDisk::Missing => String::new(),
                OnDisk::Same | OnDisk::Differs { .. } => std::fs::read(&path)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default(),
            };
            let diff = similar::TextDiff::from_lines(&old, &file.contents);
            let shown = &self.shown_out;
            let header = (format!("a/{shown}/{}", file.path), format!("b/{shown}/{}", file.path));
            write!(
                self.changes.diff,
                "{}",
                diff.unified_diff().context_radius(3).header(&header.0, &header.1)
            )
            .expect("writing to a String");
            return;
        }
        let staging = staging_path(&path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&staging, &file.contents));
        match written {
            Ok(()) => self.staged.push((staging, path)),
            Err(e) => self.failed = Some(format!("error: cannot write {}: {e}", staging.display())),
        }
    }

    /// True when the file at `path` came and was found the same on disk.
    pub(crate) fn unchanged(&self, path: &str) -> bool {
        self.files.iter().any(|(came, old)| came == path && *old == OnDisk::Same)
    }

    /// Removes what was staged: the run writes nothing (as when it is
    /// dropped unfinished, on any early return).
    pub(crate) fn discard(self) {
        drop(self);
    }

    /// Moves every staged file into place, then deletes the stale files of
    /// `generated_dirs` (modules no page generates any more); with
    /// `--check`, lists them. A file the generator did not write is neither
    /// replaced nor deleted unless `force`: the run stops first, naming it,
    /// and writes nothing.
    pub(crate) fn finish(
        mut self,
        generated_dirs: &[String],
        force: bool,
    ) -> Result<Changes, String> {
        if let Some(error) = self.failed.take() {
            self.discard();
            return Err(error);
        }
        if self.mode != Mode::Check && !force {
            let foreign = foreign_files(&self.out, &self.files, generated_dirs);
            if !foreign.is_empty() {
                let shown_out = &self.shown_out;
                let listed: Vec<String> =
                    foreign.iter().map(|f| format!("  {shown_out}/{f}")).collect();
                let error = format!(
                    "error: {} file(s) in {shown_out} were not written by the generator (no \
                     `@generated` header), and this run would replace or delete them; nothing \
                     was written:\n{}\nhelp: move them away, or pass --force to replace them",
                    foreign.len(),
                    listed.join("\n")
                );
                self.discard();
                return Err(error);
            }
        }
        let mut staged = std::mem::take(&mut self.staged).into_iter();
        while let Some((staging, path)) = staged.next() {
            if let Err(e) = std::fs::rename(&staging, &path) {
                let _ = std::fs::remove_file(&staging);
                staged.for_each(|(staging, _)| drop(std::fs::remove_file(staging)));
                return Err(format!("error: cannot replace {}: {e}", path.display()));
            }
        }
        let mut changes = std::mem::take(&mut self.changes);
        let written = written_paths(&self.files);
        for dir in generated_dirs {
            let Ok(entries) = std::fs::read_dir(self.out.join(dir)) else { continue };
            let mut stale: Vec<String> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .map(|p| format!("{dir}/{}", p.file_name().unwrap_or_default().to_string_lossy()))
                .filter(|relative| !written.contains(relative.as_str()))
                .collect();
            stale.sort();
            for relative in stale {
                if self.mode == Mode::Check {
                    writeln!(
                        changes.diff,
                        "stale file: {relative} (no page generates it any more)"
                    )
                    .expect("writing to a String");
                } else {
                    let path = self.out.join(&relative);
                    std::fs::remove_file(&path)
                        .map_err(|e| format!("error: cannot delete {}: {e}", path.display()))?;
                }
                changes.paths.push(relative);
            }
        }
        Ok(changes)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (staging, _) in &self.staged {
            let _ = std::fs::remove_file(staging);
        }
    }
}

/// Compares the generated files with `out`: files to create or change, and
/// stale files in the generated directory to delete. Writes them unless
/// `mode` is [`Mode::Check`], and deletes the stale files only once every
/// file is written ([`Staged`], over files already collected).
#[cfg(test)]
fn sync(
    out: &Path,
    shown_out: &str,
    files: &[GeneratedFile],
    generated_dirs: &[String],
    mode: Mode,
    force: bool,
) -> Result<Changes, String> {
    let mut staged = Staged::new(out, shown_out, mode);
    files.iter().for_each(|file| staged.add(file.clone()));
    staged.finish(generated_dirs, force)
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
