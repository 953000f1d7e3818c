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
    let from_cargo = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|xtask| xtask.parent().map(Path::to_owned))
        .filter(|root| is_root(root));
    if let Some(root) = from_cargo {
        return root;
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.ancestors().find(|dir| is_root(dir)).map(Path::to_owned).unwrap_or(cwd)
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
