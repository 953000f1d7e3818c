//! Windows-1252, the encoding UTF-8 text is most often mistaken for: to
//! read bytes that are not UTF-8, and to undo mojibake.

/// Windows-1252 bytes 0x80..=0x9F and the characters they stand for. The
/// five bytes it leaves undefined decode to the C1 control of the same value.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// The character a Windows-1252 byte stands for.
pub(crate) fn cp1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The Windows-1252 byte that decodes to `c`, if any.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7F | 0xA0..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// A run of bytes that were not UTF-8 and were read as Windows-1252.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// Where the decoded characters are in the text.
    pub range: std::ops::Range<usize>,
    /// The bytes they came from.
    pub bytes: Vec<u8>,
}

/// Decodes `bytes` as UTF-8, reading every byte that is not part of valid
/// UTF-8 as Windows-1252. Returns the text and each run so read. Valid
/// UTF-8, as nearly every page is, becomes the text without a copy.
pub(crate) fn decode_lossless(bytes: Vec<u8>) -> (String, Vec<Repair>) {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, Vec::new()),
        Err(error) => error.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len());
    let mut repairs: Vec<Repair> = Vec::new();
    let mut rest = bytes.as_slice();
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                return (text, repairs);
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                text.push_str(std::str::from_utf8(valid).expect("checked valid"));
                let bad = error.error_len().unwrap_or(after.len());
                let start = text.len();
                after[..bad].iter().for_each(|&b| text.push(cp1252_char(b)));
                match repairs.last_mut() {
                    Some(last) if last.range.end == start => {
                        last.range.end = text.len();
                        last.bytes.extend_from_slice(&after[..bad]);
                    }
                    _ => repairs
                        .push(Repair { range: start..text.len(), bytes: after[..bad].to_vec() }),
                }
                rest = &after[bad..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_read_as_windows_1252() {
        let (text, repairs) = decode_lossless(b"T\xfcrkiye \x93quoted\x94 ok \xc3\xbc".to_vec());
        assert_eq!(text, "Türkiye \u{201C}quoted\u{201D} ok ü");
        assert_eq!(repairs.len(), 3);
        assert_eq!(&text[repairs[0].range.clone()], "ü");
        assert_eq!(repairs[0].bytes, [0xFC]);
        assert_eq!(decode_lossless(b"plain".to_vec()).1, []);
    }

    #[test]
    fn the_two_directions_agree() {
        for byte in 0x80..=0xFFu8 {
            assert_eq!(cp1252_byte(cp1252_char(byte)), Some(byte));
        }
    }
}
