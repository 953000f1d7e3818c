//! A short run of both fuzz targets on every `cargo test`: the committed
//! corpus in `fuzz/corpus/` (the inputs the fuzzer kept for new coverage,
//! minimized), then a few thousand inputs from a seeded generator. The
//! long runs are `cargo fuzz run` (see the README).

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use partner_center_fuzz::{check_bytes, check_pages, pages::Pages};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.map(|e| e.expect("directory entry").path()).collect();
    files.sort();
    files
}

/// Runs `data` as the `pages` target does.
fn run_pages(data: &[u8]) -> usize {
    match Pages::arbitrary_take_rest(Unstructured::new(data)) {
        Ok(pages) => check_pages(&pages),
        Err(_) => 0,
    }
}

/// Deterministic bytes: a failure names its seed.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn the_committed_corpus_replays_cleanly() {
    let bytes = corpus("bytes");
    let pages = corpus("pages");
    for path in &bytes {
        check_bytes(&std::fs::read(path).unwrap());
    }
    let emitted: usize = pages.iter().map(|p| run_pages(&std::fs::read(p).unwrap())).sum();
    if bytes.is_empty() && pages.is_empty() {
        eprintln!("skipped: no corpus in fuzz/corpus (run the fuzzers to make one)");
    } else {
        eprintln!(
            "replayed {} + {} corpus inputs, {emitted} files emitted",
            bytes.len(),
            pages.len()
        );
    }
}

#[test]
fn seeded_inputs_never_panic_and_emit_parseable_rust() {
    let mut emitted = 0;
    for seed in 1..=300u64 {
        let data = random_bytes(seed, (seed as usize * 13) % 2000);
        check_bytes(&data);
        emitted += run_pages(&data);
    }
    // Most structured inputs are broken somewhere, but enough get through
    // for emission to be exercised.
    eprintln!("{emitted} files emitted");
    assert!(emitted > 50, "only {emitted} files emitted from structured inputs");
}
