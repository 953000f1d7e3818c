//! Where things are: the workspace this command runs in, its target
//! directory, and paths as messages show them.

use std::path::{Path, PathBuf};

/// The root of the workspace the command runs in, found at run time, never
/// from a path compiled into the binary: a binary built in one clone and
/// run in another (one `CARGO_TARGET_DIR` shared by both) works on the
/// second. `cargo xtask` runs through `cargo run`, which sets
/// `CARGO_MANIFEST_DIR` to this package's directory for the process;
/// without it, the nearest folder above the current one that holds
/// `xtask/Cargo.toml` beside a `Cargo.toml` is the root.
pub(crate) fn workspace_root() -> PathBuf {
    find_workspace_root().unwrap_or_else(|| PathBuf::from("."))
}

/// The root [`workspace_root`] finds, or `None` outside any workspace
/// (`main` then says so and stops).
pub(crate) fn find_workspace_root() -> Option<PathBuf> {
    let from_cargo = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|xtask| xtask.parent().map(Path::to_owned))
        .filter(|root| is_root(root));
    if from_cargo.is_some() {
        return from_cargo;
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors().find(|dir| is_root(dir)).map(Path::to_owned)
}

fn is_root(dir: &Path) -> bool {
    dir.join("Cargo.toml").is_file() && dir.join("xtask/Cargo.toml").is_file()
}

/// The target directory cargo uses here: `CARGO_TARGET_DIR` if set
/// (relative to the workspace), else `target/` in the workspace.
pub(crate) fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// A path as messages show it: relative to the workspace when inside it.
pub(crate) fn display(path: &Path, root: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(inside) if inside.as_os_str().is_empty() => ".".to_owned(),
        Ok(inside) => inside.to_string_lossy().replace('\\', "/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::codegen::tests::snapshot;

    /// Copies `from` into `to`, folders and all.
    fn copy_tree(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy_tree(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }

    /// The xtask binary built in this clone, run in a second clone (as one
    /// shared `CARGO_TARGET_DIR` makes happen), reads and writes only the
    /// second: from there without `CARGO_MANIFEST_DIR`, and with it set
    /// to the second clone's xtask as `cargo run` sets it.
    #[test]
    fn a_binary_built_in_one_clone_works_on_the_clone_it_runs_in() {
        let first = workspace_root();
        let built = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "xtask", "--message-format", "json"])
            .current_dir(&first)
            .output()
            .unwrap();
        assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
        let binary = String::from_utf8_lossy(&built.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|m| m["target"]["name"] == "xtask")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo names the xtask binary");

        let second = target_dir(&first).join("xtask-tests/second-clone");
        let _ = std::fs::remove_dir_all(&second);
        for part in ["crates/partner-center-models", "crates/partner-center-client"] {
            copy_tree(&first.join(part), &second.join(part));
        }
        // The second clone's pages: xtask's test pages, not docs-src.
        copy_tree(&first.join("xtask/tests/docs"), &second.join("docs-src"));
        std::fs::create_dir_all(second.join("xtask")).unwrap();
        std::fs::copy(first.join("Cargo.toml"), second.join("Cargo.toml")).unwrap();
        std::fs::copy(first.join("xtask/Cargo.toml"), second.join("xtask/Cargo.toml")).unwrap();
        // The second clone's page says something else each run.
        let page = second.join("docs-src/utility-resources.md");
        let text = std::fs::read_to_string(&page).unwrap();
        let before = snapshot(&first.join("crates"));
        let generated = second.join("crates/partner-center-models/src/generated/utility.rs");
        for (manifest_dir, city) in [(None, "The town."), (Some(second.join("xtask")), "A town.")] {
            std::fs::write(&page, text.replacen("City or town.", city, 1)).unwrap();
            let mut command = Command::new(&binary);
            command.arg("codegen").current_dir(second.join("docs-src"));
            match &manifest_dir {
                Some(dir) => command.env("CARGO_MANIFEST_DIR", dir),
                None => command.env_remove("CARGO_MANIFEST_DIR"),
            };
            let output = command.output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            assert!(std::fs::read_to_string(&generated).unwrap().contains(city));
        }
        assert_eq!(snapshot(&first.join("crates")), before, "the first clone changed");

        // Outside any clone it says so, and touches nothing.
        let outside = Command::new(&binary)
            .arg("codegen")
            .current_dir(std::env::temp_dir())
            .env_remove("CARGO_MANIFEST_DIR")
            .output()
            .unwrap();
        assert_eq!(outside.status.code(), Some(2));
        let message = String::from_utf8_lossy(&outside.stderr);
        assert!(message.contains("no folder from"), "{message}");
    }
}
