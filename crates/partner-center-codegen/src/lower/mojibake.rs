//! Repair of mojibake: UTF-8 text that was once read as Windows-1252 and
//! saved again, so that `ü` became `Ã¼`.

use crate::encoding::cp1252_byte;

/// A repaired piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Repair {
    /// The garbled characters as they stand in the text.
    pub garbled: String,
    /// What they were meant to be.
    pub fixed: String,
}

/// Repairs every garbled sequence in `text`: a run of characters whose
/// Windows-1252 bytes form one multi-byte UTF-8 character. Returns the
/// repaired text and what was changed, or `None` if nothing was.
pub(crate) fn repair(text: &str) -> Option<(String, Vec<Repair>)> {
    // A garbled sequence starts with a lead byte C2..F4 read as a
    // Windows-1252 character, which is `Â`..`ô`: most text has none.
    if text.is_ascii() || !text.chars().any(|c| matches!(c, '\u{C2}'..='\u{F4}')) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, fixed)) = garbled_at(&chars[i..]) {
            repairs.push(Repair {
                garbled: chars[i..i + len].iter().collect(),
                fixed: fixed.to_string(),
            });
            out.push(fixed);
            i += len;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (!repairs.is_empty()).then_some((out, repairs))
}

/// If `chars` starts with a garbled character, its length in chars and the
/// character meant.
fn garbled_at(chars: &[char]) -> Option<(usize, char)> {
    let lead = cp1252_byte(*chars.first()?)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = vec![lead];
    for c in chars.get(1..len)? {
        let byte = cp1252_byte(*c)?;
        if !(0x80..=0xBF).contains(&byte) {
            return None;
        }
        bytes.push(byte);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?;
    decoded.chars().next().map(|c| (len, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_latin_and_windows_1252_sequences() {
        let (fixed, repairs) = repair("Saudi Arabia, TÃ¼rkiye, Thailand").unwrap();
        assert_eq!(fixed, "Saudi Arabia, Türkiye, Thailand");
        assert_eq!(repairs, [Repair { garbled: "Ã¼".into(), fixed: "ü".into() }]);
        // U+2019 is E2 80 99, whose 0x80 and 0x99 are Windows-1252 specials.
        assert_eq!(repair("customerâ€™s").unwrap().0, "customer’s");
    }

    #[test]
    fn leaves_correct_text_alone() {
        assert_eq!(repair("Türkiye, São Tomé and Príncipe, customer’s, Ã alone"), None);
        assert_eq!(repair("plain ASCII"), None);
    }
}
