//! Every date or date-time string in the reference's examples (`PC_DOCS_DIR`,
//! set by `.ci/run`) reads as a `DateTime` and writes back unchanged.

use partner_center_support::DateTime;

/// JSON string values in `text` that start like a date: `2019-05-24...` or
/// `5/24/2019...`.
fn date_like_strings(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices(": \"").chain(text.match_indices(":\"")) {
        let rest = &text[i..].trim_start_matches([':', ' ']);
        let Some(value) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) else {
            continue;
        };
        let bytes = value.as_bytes();
        let iso = bytes.len() >= 10
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4] == b'-'
            && bytes[7] == b'-';
        let us = value.split('/').count() >= 3
            && value
                .split('/')
                .take(2)
                .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
        if iso || us {
            found.push(value);
        }
    }
    found
}

#[test]
#[ignore = "needs the Partner Center reference: PC_DOCS_DIR=../shared/partner-center-docs cargo test -- --include-ignored (see README)"]
fn every_date_in_the_reference_examples_reads_and_writes_back() {
    let dir = std::env::var_os("PC_DOCS_DIR")
        .expect("this test needs the Partner Center reference: set PC_DOCS_DIR to its folder");
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for value in date_like_strings(&text) {
            checked += 1;
            match value.parse::<DateTime>() {
                Ok(date) if date.to_string() == value => {}
                Ok(date) => {
                    failures.push(format!("{}: {value:?} wrote back as {date}", path.display()))
                }
                Err(e) => failures.push(format!("{}: {e}", path.display())),
            }
        }
    }
    assert!(checked > 400, "found only {checked} dates; is PC_DOCS_DIR the reference?");
    assert!(
        failures.is_empty(),
        "{} of {checked} dates failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
