//! Reading on after a mistake, so that every mistake of a file is reported in one go.
//!
//! serde stops at a file's first mistake. A compiler would go on, assuming what was meant;
//! so does the reader: a mistyped key is read as the key it resembles, and an entry serde
//! cannot take (an unknown key, a repeated one, a value of the wrong kind) is blanked out,
//! and the file read again. Blanking replaces characters by spaces, so every other line and
//! column stays where the writer sees it. What the mended file then gets from validation is
//! reported too (a key typo no longer hides an invalid date below it).
//!
//! A mend is a guess: it is made only where the entry's extent is plain from its indentation
//! (block style, not `{…}` flow style), and what follows it cannot be trusted as much, so
//! only mistakes of the same plain kinds are reported after one; anything else ends the
//! reading quietly.

use serde_saphyr::Error as E;

/// The most mends of one file: beyond, the first mistakes are enough to go on with.
pub const MOST: usize = 100;

/// What was done to the text to read on.
#[derive(Debug, PartialEq, Eq)]
pub enum Mend {
    /// A key was read as `to`, which it resembles; what follows it on `line`, from `column`
    /// on, moved by `moved` characters.
    Renamed {
        to: String,
        line: usize,
        column: usize,
        moved: isize,
    },
    /// The entry of `key` (a key or a list item: `-`) was blanked out.
    Blanked { key: String },
    /// A value was replaced by an empty one of the kind expected.
    Replaced,
}

/// An empty value of the kind `error` expected, in YAML.
fn placeholder(error: &E) -> Option<&'static str> {
    let kind = match error {
        E::InvalidScalar { ty, .. } => *ty,
        E::Unexpected { expected, .. } => expected,
        E::SerdeInvalidType { expected, .. } => expected.as_str(),
        _ => return None,
    };
    let number = [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64",
    ];
    Some(if kind.contains("sequence") {
        "[]"
    } else if kind.contains("mapping") || kind.contains("map") || kind.contains("struct") {
        "{}"
    } else if kind.contains("string") || kind == "scalar" {
        "\"\""
    } else if kind.contains("bool") {
        "false"
    } else if number.iter().any(|n| kind.contains(n)) || kind.contains("integer") {
        "0"
    } else {
        return None;
    })
}

/// Whether a mistake is of a kind reported after a mend: a key or a value serde could not
/// take. A syntax error after a mend may be the mend's own doing.
pub fn is_plain(error: &E) -> bool {
    matches!(
        error,
        E::SerdeUnknownField { .. }
            | E::DuplicateMappingKey { .. }
            | E::InvalidScalar { .. }
            | E::SerdeInvalidType { .. }
            | E::Unexpected { .. }
            | E::SerdeMissingField { .. }
    )
}

/// Changes `text` so that reading it again goes past `error`, if a plain mend can; `suggest`
/// gives the known key an unknown one resembles.
pub fn mend(
    text: &mut String,
    error: &E,
    suggest: impl Fn(&str, &[&str]) -> Option<String>,
) -> Option<Mend> {
    let location = error.location()?;
    let (line, column) = (location.line() as usize, location.column() as usize);
    if line == 0 || column == 0 {
        return None;
    }
    let lines = Lines::new(text);
    match error {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let key_column = key_start(&lines, text, line, column, field)?;
            match suggest(field, expected) {
                Some(to) => {
                    rename(&lines, text, line, key_column, field, &to)?;
                    let moved = to.chars().count() as isize - field.chars().count() as isize;
                    Some(Mend::Renamed {
                        to,
                        line,
                        column: key_column + field.chars().count(),
                        moved,
                    })
                }
                None => {
                    blank_entry(&lines, text, line, key_column)?;
                    Some(Mend::Blanked { key: field.clone() })
                }
            }
        }
        E::DuplicateMappingKey { key: Some(key), .. } => {
            let key_column = key_start(&lines, text, line, column, key)?;
            blank_entry(&lines, text, line, key_column)?;
            Some(Mend::Blanked { key: key.clone() })
        }
        E::InvalidScalar { .. } | E::SerdeInvalidType { .. } | E::Unexpected { .. } => {
            let (key_line, key_column, key) = owner(&lines, text, line, column)?;
            // A value of the kind expected keeps the key (it may be required); whatever
            // validation then says of it is said at the mistake's place, and dropped.
            match placeholder(error) {
                Some(value) if key != "-" => {
                    replace_value(&lines, text, (line, column), key_column - 1, value)?;
                    Some(Mend::Replaced)
                }
                _ => {
                    blank_entry(&lines, text, key_line, key_column)?;
                    Some(Mend::Blanked { key })
                }
            }
        }
        _ => None,
    }
}

/// Where each line of a text starts, found once per mend: the mend's walks over lines then
/// take each line at once (a file of 500,000 comment lines stays linear).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
        )
    }

    /// Line `line` (1-based) of `text`, and where it starts.
    fn get<'t>(&self, text: &'t str, line: usize) -> Option<(usize, &'t str)> {
        let start = *self.0.get(line.checked_sub(1)?)?;
        let end = self.0.get(line).map_or(text.len(), |next| next - 1);
        Some((start, text.get(start..end)?))
    }
}

/// The 1-based column where a line's block key starts, after its indentation and list dashes
/// (`  - key:`); none when something else comes first (flow style).
fn block_key_column(content: &str) -> usize {
    let mut column = 1;
    let mut rest = content;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        column += rest.len() - trimmed.len();
        match trimmed.strip_prefix('-') {
            Some(after) if after.starts_with(' ') => {
                column += 1;
                rest = after;
            }
            _ => return column,
        }
    }
}

/// The column of `key` written at `line`:`column` as a block key, checked against the text.
fn key_start(lines: &Lines, text: &str, line: usize, column: usize, key: &str) -> Option<usize> {
    let (_, content) = lines.get(text, line)?;
    let key_column = block_key_column(content);
    let at: String = content.chars().skip(key_column - 1).collect();
    let plain = at.starts_with(&format!("{key}:"));
    (key_column == column && plain).then_some(key_column)
}

/// The entry holding the value at `line`:`column`: its line, its key's column and its key
/// (`-` for a list item).
fn owner(lines: &Lines, text: &str, line: usize, column: usize) -> Option<(usize, usize, String)> {
    let (_, content) = lines.get(text, line)?;
    let before: String = content.chars().take(column.saturating_sub(1)).collect();
    let key_column = block_key_column(content);
    let head: String = before.chars().skip(key_column - 1).collect();
    if let Some(key) = head.trim_end().strip_suffix(':') {
        // `key: value` on one line.
        return plain_key(key).then(|| (line, key_column, key.to_owned()));
    }
    if head.trim().is_empty() && before.trim_end().ends_with('-') {
        // `- value`: the list item.
        let dash = before.trim_end().chars().count();
        return Some((line, dash, "-".to_owned()));
    }
    if !before.trim().is_empty() {
        return None;
    }
    // A value on lines of its own: its key is the first line above it less indented, which
    // must be a plain `key:` (a comment after it aside); anything else and no guess is made.
    let indent = column - 1;
    for n in (1..line).rev() {
        let (_, above) = lines.get(text, n)?;
        let trimmed = above.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if above.len() - above.trim_start_matches(' ').len() >= indent {
            continue;
        }
        let key_column = block_key_column(above);
        let at: String = above.chars().skip(key_column - 1).collect();
        let at = at.split(" #").next().unwrap_or_default();
        let key = at.trim_end().strip_suffix(':')?;
        return plain_key(key).then(|| (n, key_column, key.to_owned()));
    }
    None
}

/// A key written plainly (no quotes, flow, anchor, tag or alias): one a mend can find the
/// extent of.
fn plain_key(key: &str) -> bool {
    !key.is_empty() && !key.contains([':', '{', '[', ',', '#', '"', '\'', '&', '!', '*'])
}

/// Replaces the key at `line`:`column` by `to`.
fn rename(
    lines: &Lines,
    text: &mut String,
    line: usize,
    column: usize,
    from: &str,
    to: &str,
) -> Option<()> {
    let (start, content) = lines.get(text, line)?;
    let offset: usize = content.chars().take(column - 1).map(char::len_utf8).sum();
    let at = start + offset;
    if text.get(at..at + from.len())? != from {
        return None;
    }
    text.replace_range(at..at + from.len(), to);
    Some(())
}

/// Replaces the value starting at `at` (and the lines below it that belong to its entry,
/// whose key is indented by `indent`) with `value`.
fn replace_value(
    lines: &Lines,
    text: &mut String,
    at: (usize, usize),
    indent: usize,
    value: &str,
) -> Option<()> {
    let (start, content) = lines.get(text, at.0)?;
    let from = start
        + content
            .chars()
            .take(at.1 - 1)
            .map(char::len_utf8)
            .sum::<usize>();
    let to = entry_end(lines, text, at.0, indent)?;
    let old = text.get(from..to)?;
    let (first, rest) = old.split_once('\n').unwrap_or((old, ""));
    // A value shorter than the placeholder (`1` for `{}`) makes its line longer; the other
    // lines keep their places.
    let mut new = value.to_owned();
    new.extend(first.chars().skip(value.chars().count()).map(|_| ' '));
    if old.contains('\n') {
        new.push('\n');
        new.extend(rest.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
    }
    text.replace_range(from..to, &new);
    Some(())
}

/// Where the entry that starts at `line`, with its key indented by `indent`, ends: the end of
/// the last line that belongs to it.
fn entry_end(lines: &Lines, text: &str, line: usize, indent: usize) -> Option<usize> {
    let (start, content) = lines.get(text, line)?;
    let mut to = start + content.len();
    let mut n = line + 1;
    while let Some((next_start, next)) = lines.get(text, n) {
        let trimmed = next.trim_start_matches(' ');
        let next_indent = next.len() - trimmed.len();
        let blank = trimmed.is_empty() || trimmed.starts_with('#');
        let child = next_indent > indent || (next_indent == indent && trimmed.starts_with("- "));
        if !blank && !child {
            break;
        }
        if !blank {
            to = next_start + next.len();
        }
        n += 1;
    }
    Some(to)
}

/// Blanks the entry whose key (or list dash) starts at `line`:`column`: that line from the key
/// on, and the lines below that belong to it (more indented, or a list at the key's own
/// indentation, which YAML allows under a key).
fn blank_entry(lines: &Lines, text: &mut String, line: usize, column: usize) -> Option<()> {
    let (start, content) = lines.get(text, line)?;
    let indent = column - 1;
    let mut from = start
        + content
            .chars()
            .take(indent)
            .map(char::len_utf8)
            .sum::<usize>();
    let to = entry_end(lines, text, line, indent)?;
    // The only key of a list item (`- tableau:` and its text): the item goes with it, as an
    // item left empty would be a mistake of the mend's own.
    let before = content.chars().take(indent).collect::<String>();
    let next_key = (line + 1..)
        .map_while(|n| lines.get(text, n))
        .map(|(_, l)| l)
        .find(|l| {
            let t = l.trim_start_matches(' ');
            !t.is_empty() && !t.starts_with('#') && l.len() - t.len() <= indent
        })
        .is_some_and(|l| {
            l.len() - l.trim_start_matches(' ').len() == indent && !l.trim_start().starts_with("- ")
        });
    if before.trim_end().ends_with('-') && !next_key {
        let dash = before.trim_end().len() - 1;
        from = start + dash;
    }
    let blanked: String = text
        .get(from..to)?
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(from..to, &blanked);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_and_its_children_are_blanked_in_place() {
        let mut text = "a: 1\nb:\n  c: 2\n  - d\n\n  # note\ne: 3\n".to_owned();
        blank_entry(&Lines::new(&text), &mut text, 2, 1).unwrap();
        assert_eq!(text, "a: 1\n  \n      \n     \n\n  # note\ne: 3\n");
        let mut list = "items:\n  - x: 1\n    y: 2\n  - x: 3\n".to_owned();
        blank_entry(&Lines::new(&list), &mut list, 2, 5).unwrap();
        assert_eq!(list, "items:\n  -     \n    y: 2\n  - x: 3\n");
        // An item's only key: the item goes.
        let mut only = "items:\n  - x:\n      a\n  - y: 3\n".to_owned();
        blank_entry(&Lines::new(&only), &mut only, 2, 5).unwrap();
        assert_eq!(only, "items:\n      \n       \n  - y: 3\n");
    }

    #[test]
    fn the_owner_of_a_value_is_its_key_or_its_item() {
        let text = "top: 20mm\nlist:\n  - 300.5\nmap:\n  k: v\nblock:\n  - a\n";
        assert_eq!(
            owner(&Lines::new(text), text, 1, 6),
            Some((1, 1, "top".to_owned()))
        );
        assert_eq!(
            owner(&Lines::new(text), text, 3, 5),
            Some((3, 3, "-".to_owned()))
        );
        assert_eq!(
            owner(&Lines::new(text), text, 7, 3),
            Some((6, 1, "block".to_owned()))
        );
        assert_eq!(
            owner(&Lines::new("x: {a: 1, b: [}\n"), "x: {a: 1, b: [}\n", 1, 14),
            None
        );
        // A key line with a comment is still the key; one with an anchor is no guess.
        let commented = "m:\n  top: 1\n  bottom:   # note\n    - 3\n  inner: 2\n";
        let lines = Lines::new(commented);
        assert_eq!(
            owner(&lines, commented, 4, 5),
            Some((3, 3, "bottom".to_owned()))
        );
        let anchored = "m:\n  bottom: &b\n    - 3\n";
        assert_eq!(owner(&Lines::new(anchored), anchored, 3, 5), None);
    }

    #[test]
    fn a_value_is_replaced_with_its_children() {
        let mut text = "email: [a,\n  b]\nnext: 1\n".to_owned();
        replace_value(&Lines::new(&text), &mut text, (1, 8), 0, "\"\"").unwrap();
        assert_eq!(text, "email: \"\" \n    \nnext: 1\n");
        let mut short = "n: 1\n".to_owned();
        replace_value(&Lines::new(&short), &mut short, (1, 4), 0, "{}").unwrap();
        assert_eq!(short, "n: {}\n");
    }

    #[test]
    fn a_key_is_renamed_where_it_is_written() {
        let mut text = "a: 1\n  - tagine: x\n".to_owned();
        let column = key_start(&Lines::new(&text), &text, 2, 5, "tagine").unwrap();
        rename(
            &Lines::new(&text),
            &mut text,
            2,
            column,
            "tagine",
            "tagline",
        )
        .unwrap();
        assert_eq!(text, "a: 1\n  - tagline: x\n");
        assert_eq!(
            key_start(
                &Lines::new("{tagine: x}\n"),
                "{tagine: x}\n",
                1,
                2,
                "tagine"
            ),
            None
        );
    }
}
