//! Reading one YAML file into its raw struct, with limits, and serde's errors made plain.

use std::fs;
use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use super::kinds::BlockName;
use super::mend;
use crate::diag::{Diagnostic, Source};

/// The largest content file read; content is prose, not data.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most aliases (`*name`) a file may use, and the deepest nesting.
const MAX_ALIASES: usize = 200;
const MAX_DEPTH: usize = 32;
const MAX_NODES: usize = 50_000;

/// Why a file the content names cannot be opened.
#[derive(Debug)]
pub enum Refused {
    Missing,
    /// It resolves (through a link) to a place outside the content folder.
    Outside,
    /// A folder, a pipe, a device or a socket: reading it could wait forever or never end.
    NotRegular,
    Unreadable(std::io::Error),
}

/// Opens `path` for reading, if it is a regular file inside the folder `root`.
///
/// Opened without blocking (a pipe's open would wait for a writer), then asked what it is: the
/// answer is about the file opened, so it cannot be swapped in between.
pub fn open_regular_inside(root: &Path, path: &Path) -> Result<fs::File, Refused> {
    use std::os::unix::fs::OpenOptionsExt;
    let resolved = fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refused::Missing,
        _ => Refused::Unreadable(e),
    })?;
    let root = fs::canonicalize(root).map_err(Refused::Unreadable)?;
    if !resolved.starts_with(&root) {
        return Err(Refused::Outside);
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&resolved)
        .map_err(Refused::Unreadable)?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(Refused::NotRegular),
        Err(e) => Err(Refused::Unreadable(e)),
    }
}

/// What reading a file gave: its value, when one could be read (from the file as written, or
/// mended past its mistakes: see `mend.rs`), and every mistake found on the way.
pub type Parsed<T> = (Option<(T, Source)>, Vec<Diagnostic>);

/// Reads `dir/name` and deserializes it, or explains why not.
pub fn read_yaml<T: DeserializeOwned>(dir: &Path, name: &str) -> Parsed<T> {
    read_yaml_inside(dir, dir, name)
}

/// Reads `dir/name`, which must be a regular file inside the content folder `root`.
pub fn read_yaml_inside<T: DeserializeOwned>(root: &Path, dir: &Path, name: &str) -> Parsed<T> {
    let path = dir.join(name);
    let text = match read_text(root, &path) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    let mut source = Source::new(path, text);
    if source.text.trim().is_empty() {
        let d = Diagnostic::error(format!("`{name}` is empty"))
            .in_file(&source.path)
            .hint(format!("see docs/content.md for what `{name}` holds"));
        return (None, vec![d]);
    }
    let mut text = source.text.clone();
    let mut errors = Vec::new();
    // Keys renamed or blanked by mends: serde's complaints that follow from them are not the
    // writer's mistakes.
    let mut mended: Vec<mend::Mend> = Vec::new();
    for round in 0..=mend::MOST {
        let error = match parse::<T>(&text) {
            Ok(value) => return (Some((value, source)), errors),
            Err(error) => error,
        };
        let field = match &error {
            serde_saphyr::Error::SerdeMissingField { field, .. } => Some(*field),
            serde_saphyr::Error::DuplicateMappingKey { key, .. } => key.as_deref(),
            _ => None,
        };
        let follows = field.is_some_and(|field| {
            mended.iter().any(|m| match m {
                mend::Mend::Renamed { to, .. } => to == field,
                mend::Mend::Blanked { key } => key == field,
                mend::Mend::Replaced => false,
            })
        });
        if round == 0 || (mend::is_plain(&error) && !follows) {
            errors.push(translate(&error, &source));
        } else if !mend::is_plain(&error) {
            break;
        }
        let suggest = |field: &str, known: &[&str]| closest(field, known).map(str::to_owned);
        match mend::mend(&mut text, &error, suggest) {
            Some(done) => {
                if let mend::Mend::Renamed {
                    line,
                    column,
                    moved,
                    ..
                } = done
                {
                    source.moved(line, column, moved);
                }
                mended.push(done);
            }
            None => break,
        }
    }
    (None, errors)
}

/// Deserializes `text` within the limits on content files.
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: MAX_ALIASES,
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_total_scalar_bytes: MAX_FILE_BYTES as usize,
        },
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<T>(text, options)
}

fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let file = open_regular_inside(root, path).map_err(|refused| {
        let (what, hint) = match refused {
            Refused::Missing => (
                "is missing".to_owned(),
                "see docs/content.md for the files a content folder holds",
            ),
            Refused::Outside => (
                "leads outside the content folder (through a link)".to_owned(),
                "keep the content's files inside its folder, not links to elsewhere",
            ),
            Refused::NotRegular => (
                "is not a regular file (a folder, a pipe or a device)".to_owned(),
                "make it an ordinary YAML file",
            ),
            Refused::Unreadable(e) => (
                format!("cannot be read: {e}"),
                "check the file's permissions",
            ),
        };
        Diagnostic::error(format!("content file {what}"))
            .in_file(path)
            .hint(hint)
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::error(format!("content file cannot be read: {e}")).in_file(path)
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let limit = MAX_FILE_BYTES / 1024 / 1024;
        // Its size, when the file system knows it (it may have grown while read).
        let size = fs::metadata(path).map_or(0, |m| m.len());
        let message = if size > MAX_FILE_BYTES {
            format!(
                "content file is {:.1} MiB, more than the {limit} MiB allowed",
                size as f64 / 1024.0 / 1024.0
            )
        } else {
            format!("content file is larger than the {limit} MiB allowed")
        };
        return Err(Diagnostic::error(message)
            .in_file(path)
            .hint("content files hold prose; put images in their own files"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let source = Source::new(
            path.to_owned(),
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
        );
        let (line, column) = source.position(offset);
        Diagnostic::error("content file is not valid UTF-8 text")
            .at(&source, line, column)
            .hint("save the file as UTF-8")
    })
}

/// Turns a serde-saphyr error into a diagnostic at its place, in a writer's words.
fn translate(error: &serde_saphyr::Error, source: &Source) -> Diagnostic {
    let mut diagnostic = in_words(error);
    // A control character: point at it (the reader points at the start of its text, so it
    // is at or after the line the reader names; U+0085, a line break to YAML, is allowed).
    let from = error
        .location()
        .and_then(|loc| source.line_start(loc.line() as usize))
        .unwrap_or(0);
    let control = source.text.get(from..).and_then(|rest| {
        rest.char_indices()
            .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{85}'))
            .map(|(at, c)| (from + at, c))
    });
    if let (Some((offset, c)), true) = (
        control,
        diagnostic.message.starts_with("YAML does not allow"),
    ) {
        let (line, column) = source.position(offset);
        return Diagnostic::error(format!(
            "YAML does not allow the control character U+{:04X} in a text",
            c as u32
        ))
        .at(source, line, column)
        .hint("an invisible character, often pasted from another program: delete it");
    }
    diagnostic = match error.location() {
        // The reader stops in the second document: the `---` that began it is the mistake.
        Some(loc) if matches!(error, serde_saphyr::Error::MultipleDocuments { .. }) => {
            let line = (1..=loc.line() as usize)
                .rev()
                .find(|&n| source.line(n).is_some_and(|l| l.starts_with("---")))
                .unwrap_or(loc.line() as usize);
            diagnostic.at(source, line, 1)
        }
        Some(loc) if loc.line() > 0 => {
            let (line, column) = (loc.line() as usize, loc.column() as usize);
            // Name the value that is not what was expected, as it is written.
            if let (serde_saphyr::Error::InvalidScalar { ty, .. }, Some(token)) = (
                error,
                token_at(source, line, source.written_column(line, column)),
            ) {
                diagnostic.message = format!("`{token}` is not {}", scalar_words(ty));
            }
            diagnostic.at(source, line, column)
        }
        _ => diagnostic.in_file(&source.path),
    };
    diagnostic
}

/// A serde-saphyr error as a diagnostic in a writer's words, without its place.
fn in_words(error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    match error {
        // The keys of a block: its kinds, then what modifies them.
        E::SerdeUnknownField {
            field, expected, ..
        } if expected.contains(&"paragraph") && expected.contains(&"heading") => {
            let kinds: Vec<&str> = expected
                .iter()
                .copied()
                .filter(|k| BlockName::ALL.iter().any(|kind| kind.name() == *k))
                .collect();
            match closest(field, expected) {
                Some(best) => Diagnostic::error(format!(
                    "unknown block kind or key `{field}`, did you mean `{best}`?"
                )),
                None => Diagnostic::error(format!("unknown block kind `{field}`"))
                    .hint(format!("a block is one of: {}", kinds.join(", "))),
            }
        }
        E::SerdeUnknownField {
            field, expected, ..
        } => match closest(field, expected) {
            Some(best) => {
                Diagnostic::error(format!("unknown key `{field}`, did you mean `{best}`?"))
            }
            None => Diagnostic::error(format!("unknown key `{field}`"))
                .hint(format!("expected one of: {}", expected.join(", "))),
        },
        E::SerdeMissingField { field, .. } => Diagnostic::error(format!("missing key `{field}`"))
            .hint("see docs/content.md for the keys each file needs"),
        E::DuplicateMappingKey { key: Some(key), .. } => {
            Diagnostic::error(format!("key `{key}` is given twice"))
                .hint("keep one of the two lines")
        }
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => Diagnostic::error("expected a list here")
                .hint("write each item on its own line, starting with `- `"),
            "mapping start" => Diagnostic::error("expected `key: value` lines here")
                .hint("see docs/content.md for what this place holds"),
            "string scalar" | "scalar" => Diagnostic::error("expected a text here"),
            other => Diagnostic::error(format!("expected {other}")),
        },
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(format!(
            "expected {}, found {}",
            plain_words(expected),
            plain_words(unexpected)
        )),
        E::Budget { breach, .. } => {
            use serde_saphyr::budget::BudgetBreach as B;
            let what = match breach {
                B::Aliases { .. } => format!("more than {MAX_ALIASES} aliases (`*name`)"),
                B::AliasAnchorRatio { aliases, anchors } => {
                    format!("{aliases} aliases (`*name`) repeating {anchors} anchor(s) (`&name`)")
                }
                B::Depth { .. } => format!("nesting deeper than {MAX_DEPTH} levels"),
                B::Nodes { .. } | B::Events { .. } => {
                    format!("more than {MAX_NODES} values")
                }
                B::ScalarBytes { .. } => format!(
                    "more than {} MiB of text, counting each repeat of an anchor (`*name`)",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
                B::Documents { .. } => "more than one YAML document (a second `---` line)".to_owned(),
                _ => "more than plaquette reads in one file".to_owned(),
            };
            Diagnostic::error(format!("the file has {what}"))
                .hint("content files are written by hand; see the limits in docs/content.md")
        }
        // A problem met while repeating an anchor (`*name`): the problem is the anchor's.
        E::AliasError { error, .. } => in_words(error),
        E::MultipleDocuments { .. } => {
            Diagnostic::error("the file holds more than one YAML document (a second `---` line)")
                .hint("a content file is one document: remove the `---` line and what follows, or move it to a file of its own")
        }
        E::InvalidScalar { ty, .. } => Diagnostic::error(format!("expected {}", scalar_words(ty))),
        other => scanner(&DefaultMessageFormatter.format_message(other)),
    }
}

/// The plain scalar written at `line`:`column`, up to a comment, a comma or a closing bracket.
fn token_at(source: &Source, line: usize, column: usize) -> Option<String> {
    let text = source.line(line)?;
    let start: usize = text
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let rest = text.get(start..)?;
    let end = [" #", ",", "]", "}"]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    let token = rest.get(..end)?.trim();
    (!token.is_empty()).then(|| token.to_owned())
}

/// What a value of Rust type `ty` is, in a writer's words.
fn scalar_words(ty: &str) -> String {
    let whole = |max: u64| format!("a whole number from 0 to {max}");
    match ty {
        "u8" => whole(u8::MAX.into()),
        "u16" => whole(u16::MAX.into()),
        "u32" => whole(u32::MAX.into()),
        "u64" | "usize" => whole(u64::MAX),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "bool" => "true or false".to_owned(),
        "char" => "a single character".to_owned(),
        other => format!("a value of the form {other}"),
    }
}

/// The YAML reader's own messages, in a writer's words where they are common mistakes.
fn scanner(message: &str) -> Diagnostic {
    if message.contains("recursion limit") {
        Diagnostic::error(format!(
            "the file has nesting deeper than {MAX_DEPTH} levels"
        ))
        .hint("content files are written by hand; see the limits in docs/content.md")
    } else if message.contains("mapping values are not allowed") {
        Diagnostic::error("a `key:` stands where no key can: the indentation is off")
            .hint("keys of one level start in the same column; indent with two spaces")
    } else if message.starts_with("unexpected character") {
        Diagnostic::error("YAML does not allow this character here")
    } else {
        Diagnostic::error(message.to_owned())
    }
}

/// serde's names of YAML shapes in a writer's words.
fn plain_words(serde: &str) -> String {
    match serde {
        "sequence" | "a sequence" => "a list".into(),
        "map" | "a map" => "`key: value` lines".into(),
        "string" | "a string" => "a text".into(),
        "boolean" | "a boolean" => "true or false".into(),
        other => other.replace("struct ", "").replace("string", "text"),
    }
}

/// The known name nearest to `word`, if near enough to be a typo.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_names() {
        let known = ["city", "tagline", "short-name"];
        assert_eq!(closest("tagine", &known), Some("tagline"));
        assert_eq!(closest("shortname", &known), Some("short-name"));
        assert_eq!(closest("zzz", &known), None);
    }
}
