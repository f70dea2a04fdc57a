//! Just enough PDF syntax to find where one object's value ends: the packer (see
//! [`super::pack`]) reads the PDF krilla or lopdf wrote, never anyone else's.

/// A byte the PDF syntax treats as white space (ISO 32000-1, 7.2.2).
fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// The index of the first byte at or after `i` that is neither white space nor a comment.
pub fn skip_space(pdf: &[u8], mut i: usize) -> usize {
    while let Some(&b) = pdf.get(i) {
        if is_space(b) {
            i += 1;
        } else if b == b'%' {
            while pdf.get(i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                i += 1;
            }
        } else {
            break;
        }
    }
    i
}

/// One token of a PDF value starting at `i` (after [`skip_space`]): a string, a name, a number
/// or keyword, or a whole array or dictionary. Returns where it ends, or `None` if the syntax
/// is broken or the bytes end first.
pub fn token_end(pdf: &[u8], i: usize) -> Option<usize> {
    match (*pdf.get(i)?, pdf.get(i + 1).copied()) {
        (b'<', Some(b'<')) => nested_end(pdf, i + 2, b">>"),
        (b'[', _) => nested_end(pdf, i + 1, b"]"),
        (b'<', _) => pdf
            .get(i..)?
            .iter()
            .position(|&b| b == b'>')
            .map(|p| i + p + 1),
        (b'(', _) => literal_string_end(pdf, i),
        (b'/', _) => Some(regular_end(pdf, i + 1)),
        (b, _) if is_delimiter(b) => None,
        _ => Some(regular_end(pdf, i)),
    }
}

/// The end of a run of regular characters (a number, a keyword, a name after its slash).
fn regular_end(pdf: &[u8], mut i: usize) -> usize {
    while pdf
        .get(i)
        .is_some_and(|&b| !is_space(b) && !is_delimiter(b))
    {
        i += 1;
    }
    i
}

/// The end of an array or dictionary whose first item is at `i`, closed by `close`.
fn nested_end(pdf: &[u8], mut i: usize, close: &[u8]) -> Option<usize> {
    loop {
        i = skip_space(pdf, i);
        if pdf.get(i..)?.starts_with(close) {
            return Some(i + close.len());
        }
        i = token_end(pdf, i)?;
    }
}

/// A literal string's end: parentheses nest unless escaped by a backslash.
fn literal_string_end(pdf: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        match *pdf.get(i)? {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The entries of the dictionary `dict` (`<<` … `>>`): each key's name without its slash, and
/// its value's bytes; an indirect reference `12 0 R` is one value.
pub fn dict_entries(dict: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let mut i = skip_space(dict, 0);
    if !dict.get(i..)?.starts_with(b"<<") {
        return None;
    }
    i += 2;
    let mut entries = Vec::new();
    loop {
        i = skip_space(dict, i);
        if dict.get(i..)?.starts_with(b">>") {
            return Some(entries);
        }
        if dict.get(i) != Some(&b'/') {
            return None;
        }
        let key_end = token_end(dict, i)?;
        let value_start = skip_space(dict, key_end);
        let mut value_end = token_end(dict, value_start)?;
        // `12 0 R`: two more tokens belong to the value.
        let generation = skip_space(dict, value_end);
        if let Some(generation_end) = token_end(dict, generation) {
            let r = skip_space(dict, generation_end);
            if is_integer(dict.get(value_start..value_end)?)
                && is_integer(dict.get(generation..generation_end)?)
                && token_end(dict, r).and_then(|end| dict.get(r..end)) == Some(b"R")
            {
                value_end = r + 1;
            }
        }
        entries.push((dict.get(i + 1..key_end)?, dict.get(value_start..value_end)?));
        i = value_end;
    }
}

pub fn is_integer(token: &[u8]) -> bool {
    !token.is_empty() && token.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_end_where_their_syntax_says() {
        let cases: [(&[u8], usize); 7] = [
            (b"<</A(x)(y)>>rest", 12),
            (b"(a (nested) \\) string) tail", 22),
            (b"<FEFF00>>", 8),
            (b"/Name/Other", 5),
            (b"[1 0 R[2]<</K[]>>] x", 18),
            (b"12.5 0", 4),
            (b"endobj\n", 6),
        ];
        for (pdf, end) in cases {
            assert_eq!(
                token_end(pdf, 0),
                Some(end),
                "{}",
                String::from_utf8_lossy(pdf)
            );
        }
        assert_eq!(token_end(b"(unclosed", 0), None);
        assert_eq!(token_end(b")", 0), None);
    }

    #[test]
    fn dictionary_entries_keep_references_whole() {
        let dict = b"<</Size 134/Root 133 0 R/ID[(l2a/Size)(h3u)] /Info 7 0 R>>";
        let entries = dict_entries(dict).unwrap();
        let got: Vec<(&str, &str)> = entries
            .iter()
            .map(|(k, v)| {
                (
                    std::str::from_utf8(k).unwrap(),
                    std::str::from_utf8(v).unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Size", "134"),
                ("Root", "133 0 R"),
                ("ID", "[(l2a/Size)(h3u)]"),
                ("Info", "7 0 R")
            ]
        );
    }
}
