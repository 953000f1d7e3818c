//! Every `ok` fixture's generated code compiles, as a crate of its own: the
//! fixtures hold the odd cases (recursive types, clashing names, keyword
//! wire names, notes and links) whose text alone proves nothing.
//!
//! Each fixture is generated as a standalone crate into one scratch
//! workspace under the target directory, and `cargo check` builds them all
//! at once, warnings denied, in a target directory of its own so that it
//! never waits on the lock of this build.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixtures, run, target_dir};
use partner_center_codegen::{Dependency, Layout};

#[test]
fn every_ok_fixture_compiles() {
    let support = Path::new(env!("CARGO_MANIFEST_DIR")).join("../partner-center-support");
    let support = support.canonicalize().unwrap().to_string_lossy().replace('\\', "/");
    let scratch = target_dir().join("fixture-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for fixture in fixtures("ok") {
        let name = fixture.file_stem().unwrap().to_string_lossy().replace('_', "-");
        let layout = Layout::Standalone {
            support: Dependency::Path(support.clone()),
            http: Dependency::Path(support.clone()),
        };
        let (_, generation) = run("ok", &fixture, layout);
        assert!(!generation.has_errors(), "{} has errors", fixture.display());
        let dir = scratch.join(&name);
        // The models crate of each fixture (they document no operations).
        for file in &generation.files {
            let Some(relative) = file.path.strip_prefix("models/") else { continue };
            let path = dir.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            // One workspace holds every fixture: each crate gets a name of
            // its own and gives up its own `[workspace]` table.
            let contents = if relative == "Cargo.toml" {
                file.contents
                    .replace(
                        "name = \"partner-center-models\"",
                        &format!("name = \"fixture-{name}\""),
                    )
                    .replace("[workspace]\n", "")
            } else {
                file.contents.clone()
            };
            std::fs::write(path, contents).unwrap();
        }
        members.push(format!("\"{name}\""));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    // The workspace's lock file pins the same dependency versions.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock");
    std::fs::copy(lock, scratch.join("Cargo.lock")).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["check", "--workspace", "--all-features", "--quiet"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", target_dir().join("nested"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated fixtures do not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(members.len() >= 15, "{} fixtures", members.len());
}
