//! Repair of mojibake: UTF-8 text that was once read as Windows-1252 and
//! saved again, so that `ü` became `Ã¼`.

/// Windows-1252 bytes 0x80..=0x9F and the characters they stand for. The
/// five bytes it leaves undefined decode to the C1 control of the same value.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// The Windows-1252 byte that decodes to `c`, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7F | 0xA0..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// A repaired piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The garbled characters as they stand in the text.
    pub garbled: String,
    /// What they were meant to be.
    pub fixed: String,
}

/// Repairs every garbled sequence in `text`: a run of characters whose
/// Windows-1252 bytes form one multi-byte UTF-8 character. Returns the
/// repaired text and what was changed, or `None` if nothing was.
pub fn repair(text: &str) -> Option<(String, Vec<Repair>)> {
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
