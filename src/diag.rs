//! Diagnostics: what went wrong, where, and what would be right.
//!
//! Every problem a writer can cause is a [`Diagnostic`] with a file, a line and a column (when
//! the problem has a place), a message, what was expected, and hints. They render like a
//! compiler's, with the offending source line underneath:
//!
//! ```text
//! error: unknown key `tagine`, did you mean `tagline`?
//!   --> content/centre.yaml:11:1
//!    |
//! 11 | tagine: L’intelligence artificielle…
//!    | ^
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. Errors stop the build; warnings are printed and it goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a content file, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// One problem, with where it is and what would fix it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    /// The source line the span points into, shown under the message.
    pub snippet: Option<String>,
    pub hints: Vec<String>,
    /// The document it concerns, for problems found setting one (`factsheet-en`,
    /// `events/open-day/handout-fr`).
    pub document: Option<String>,
    /// A text to point at inside the span's block, once the file is read (a character no
    /// font has, found by layout, which knows only where its block starts).
    pub needle: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            snippet: None,
            hints: Vec::new(),
            document: None,
            needle: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at `line:column` of `source`, taking the line as snippet.
    pub fn at(mut self, source: &Source, line: usize, column: usize) -> Self {
        let column = source.written_column(line, column);
        self.snippet = source.line(line).map(str::to_owned);
        self.span = Some(Span {
            file: source.path.clone(),
            line,
            column,
        });
        self
    }

    /// Points at a file as a whole (for problems such as an unreadable file).
    pub fn in_file(mut self, path: &Path) -> Self {
        self.span = Some(Span {
            file: path.to_owned(),
            line: 0,
            column: 0,
        });
        self
    }

    /// Quotes the source line from the file itself, for diagnostics made after reading (such
    /// as layout's), which point at a place but carry no text; with a needle, the span moves
    /// to the needle's first appearance from there.
    pub fn with_snippet_from_file(mut self) -> Self {
        let Some(span) = &mut self.span else {
            return self;
        };
        if self.snippet.is_some() || span.line == 0 {
            return self;
        }
        let Ok(text) = std::fs::read_to_string(&span.file) else {
            return self;
        };
        if let Some(needle) = &self.needle
            && let Some((line, column)) = find_from(&text, span.line, span.column, needle)
        {
            span.line = line;
            span.column = column;
        }
        self.snippet = text.lines().nth(span.line - 1).map(str::to_owned);
        self
    }

    /// Points the diagnostic at `span` (a place recorded when the content was read).
    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// Says which document the diagnostic concerns.
    pub fn in_document(mut self, document: impl Into<String>) -> Self {
        self.document = Some(document.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// A diagnostic shown on a terminal, coloured as rustc colours its own (see
/// [`Diagnostic::coloured`]).
pub struct Coloured<'a>(&'a Diagnostic);

impl fmt::Display for Coloured<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, true)
    }
}

/// `text` in an ANSI style when `on`: `1;31` bold red and so on.
fn paint(text: &str, style: &str, on: bool) -> String {
    if on {
        format!("\x1b[{style}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

impl Diagnostic {
    /// The diagnostic with colours for a terminal: the label red or yellow, the place and
    /// the gutter blue, the message bold. The text is the same as without.
    pub fn coloured(&self) -> Coloured<'_> {
        Coloured(self)
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, colour: bool) -> fmt::Result {
        let (label, style) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let label = paint(label, style, colour);
        let blue = |text: &str| paint(text, "1;34", colour);
        let message = self.shown_message();
        let headline = match &self.document {
            Some(document) => format!("{}: {message}", printable(document)),
            None => message,
        };
        writeln!(f, "{label}{}", paint(&format!(": {headline}"), "1", colour))?;
        let gutter = match &self.span {
            Some(span) if span.line > 0 => {
                let gutter = span.line.to_string().len();
                let pad = " ".repeat(gutter);
                writeln!(
                    f,
                    "{pad}{} {}:{}:{}",
                    blue("-->"),
                    printable(&span.file.display().to_string()),
                    span.line,
                    span.column
                )?;
                if let Some(snippet) = &self.snippet {
                    let (shown, at) = clip(snippet, caret_offset(snippet, span.column));
                    let (shown, at) = escaped_line(&shown, at);
                    let caret = " ".repeat(at);
                    let bar = blue("|");
                    writeln!(f, "{pad} {bar}")?;
                    writeln!(f, "{} {bar} {}", blue(&span.line.to_string()), shown)?;
                    writeln!(f, "{pad} {bar} {caret}{}", paint("^", style, colour))?;
                }
                gutter
            }
            Some(span) => {
                writeln!(
                    f,
                    " {} {}",
                    blue("-->"),
                    printable(&span.file.display().to_string())
                )?;
                1
            }
            None => 1,
        };
        for hint in &self.hints {
            writeln!(
                f,
                "{} {} {}",
                " ".repeat(gutter),
                blue("="),
                format_args!(
                    "{}: {}",
                    paint("help", "1", colour),
                    shortened(&printable(hint))
                )
            )?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The message as printed: safe for a terminal, and each quoted value (`` `…` ``) cut to a
    /// readable length (a key of a megabyte is still named, by its start).
    pub fn shown_message(&self) -> String {
        let lines: Vec<String> = self
            .message
            .split('\n')
            .map(|l| printable(l).into_owned())
            .collect();
        shortened(&lines.join("\n")).into_owned()
    }
}

/// The most characters of a value quoted in a message, and of a whole message.
const QUOTED_CHARS: usize = 60;
const MESSAGE_CHARS: usize = 1000;

/// `message` with every value between backticks longer than [`QUOTED_CHARS`] cut with `…`,
/// and the whole cut to [`MESSAGE_CHARS`].
fn shortened(message: &str) -> std::borrow::Cow<'_, str> {
    let long = message.chars().count() > MESSAGE_CHARS
        || message
            .split('`')
            .skip(1)
            .step_by(2)
            .any(|quoted| quoted.chars().count() > QUOTED_CHARS);
    if !long {
        return message.into();
    }
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && part.chars().count() > QUOTED_CHARS {
            out.extend(part.chars().take(QUOTED_CHARS - 1));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    if out.chars().count() > MESSAGE_CHARS {
        out = out.chars().take(MESSAGE_CHARS - 1).collect();
        out.push('…');
    }
    out.into()
}

/// Whether a character must not reach a terminal raw: control characters (C0, DEL, C1: an
/// ESC starts a sequence that can retitle or clear the terminal) and the bidirectional
/// controls, which reorder what follows them.
pub fn is_unsafe_to_print(c: char) -> bool {
    // The marks (LRM, RLM, ALM) reorder nothing, but a message is clearer without them.
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character [`is_unsafe_to_print`] written as `\u{1B}`.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_to_print) {
        return text.into();
    }
    text.chars().map(escaped).collect::<String>().into()
}

fn escaped(c: char) -> String {
    if is_unsafe_to_print(c) {
        format!("\\u{{{:X}}}", c as u32)
    } else {
        c.to_string()
    }
}

/// A quoted source line made printable, and where character `at` of it now is: a tab becomes
/// one space (the caret counts it as one), other unsafe characters their escape.
fn escaped_line(line: &str, at: usize) -> (String, usize) {
    let mut shown = String::with_capacity(line.len());
    let mut moved = at;
    for (i, c) in line.chars().enumerate() {
        let part = if c == '\t' {
            " ".to_owned()
        } else {
            escaped(c)
        };
        if i < at {
            moved += part.chars().count() - 1;
        }
        shown.push_str(&part);
    }
    (shown, moved)
}

/// The line and column of `needle`'s first appearance at or after `line`:`column` of `text`.
fn find_from(text: &str, line: usize, column: usize, needle: &str) -> Option<(usize, usize)> {
    for (n, content) in text.lines().enumerate().skip(line.saturating_sub(1)) {
        let skip = if n + 1 == line {
            column.saturating_sub(1)
        } else {
            0
        };
        let start: usize = content.chars().take(skip).map(char::len_utf8).sum();
        if let Some(at) = content.get(start..).and_then(|rest| rest.find(needle)) {
            let before = content.get(..start + at).unwrap_or_default();
            return Some((n + 1, before.chars().count() + 1));
        }
    }
    None
}

/// The most characters of a line quoted: a long line is cut around the place it points at.
const SNIPPET_CHARS: usize = 100;

/// `line` cut to [`SNIPPET_CHARS`] around character `at`, with `…` where it was cut; and
/// where `at` is in what is shown.
fn clip(line: &str, at: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= SNIPPET_CHARS {
        return (line.to_owned(), at);
    }
    let start = at
        .saturating_sub(SNIPPET_CHARS / 2)
        .min(count - SNIPPET_CHARS);
    let mut shown: String = line.chars().skip(start).take(SNIPPET_CHARS).collect();
    let mut at = at - start;
    if start > 0 {
        shown.insert(0, '…');
        at += 1;
    }
    if start + SNIPPET_CHARS < count {
        shown.push('…');
    }
    (shown, at)
}

/// Columns count characters; the caret is placed under the character, tabs kept as one space.
fn caret_offset(line: &str, column: usize) -> usize {
    line.chars().take(column.saturating_sub(1)).count()
}

/// A content file's text, kept to quote lines in diagnostics.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as the writer would recognise it (relative to where they ran the tool).
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, found once: a file with thousands of problems looks up
    /// thousands of lines, each in constant time rather than by reading from the start.
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Places in the text as read that moved from the text as written (a mistyped key read
    /// as the key it resembles): on `line`, from `column` on, by so many characters.
    moved: Vec<(usize, usize, isize)>,
}

impl Source {
    pub fn new(path: PathBuf, text: String) -> Self {
        Source {
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
            moved: Vec::new(),
        }
    }

    /// Records that the text as read moved by `by` characters on `line` from `column` on.
    pub fn moved(&mut self, line: usize, column: usize, by: isize) {
        self.moved.push((line, column, by));
    }

    /// The column as written of `column` in the text as read.
    pub fn written_column(&self, line: usize, column: usize) -> usize {
        let mut written = column as isize;
        for &(at_line, from, by) in self.moved.iter().rev() {
            if at_line == line && written >= (from as isize) + by {
                written -= by;
            }
        }
        written.max(1) as usize
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        })
    }

    /// Where line `line` (1-based) starts in the text.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line.checked_sub(1)?).copied()
    }

    pub fn line(&self, line: usize) -> Option<&str> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?;
        // The last line, when the file ends with a line break, is not a line (as `lines()`).
        if line == starts.len() && text.is_empty() {
            return None;
        }
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset).max(1);
        let start = starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        (line, column)
    }
}

/// Diagnostics collected over a run, so every problem is reported in one go.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = "a".repeat(300);
        let (shown, at) = clip(&line, 250);
        assert_eq!(shown.chars().count(), 101);
        assert!(shown.starts_with('…') && !shown.ends_with('…'));
        assert_eq!(shown.chars().nth(at), Some('a'));
        assert_eq!(clip("short", 2), ("short".to_owned(), 2));
        let (shown, at) = clip(&"b".repeat(300), 10);
        assert!(shown.ends_with('…') && !shown.starts_with('…'));
        assert_eq!(at, 10);
    }

    #[test]
    fn renders_like_a_compiler() {
        let source = Source::new("content/centre.yaml".into(), "a: 1\ntagine: x\n".into());
        let diagnostic = Diagnostic::error("unknown key `tagine`, did you mean `tagline`?")
            .at(&source, 2, 1)
            .hint("keys are case-sensitive");
        assert_eq!(
            diagnostic.to_string(),
            "error: unknown key `tagine`, did you mean `tagline`?\n \
             --> content/centre.yaml:2:1\n  |\n2 | tagine: x\n  | ^\n  = help: keys are case-sensitive\n"
        );
    }

    #[test]
    fn nothing_from_content_reaches_the_terminal_raw() {
        let source = Source::new(
            "content/images/\u{1b}]0;pwned\u{7}.png".into(),
            "photo: \"\u{1b}[2J\u{202E}x\"\n".into(),
        );
        let d = Diagnostic::error("image `\u{1b}[2J` is missing")
            .at(&source, 1, 11)
            .hint("a hint with \u{9b}31m");
        let text = d.to_string();
        assert!(
            !text.chars().any(|c| is_unsafe_to_print(c) && c != '\n'),
            "{text:?}"
        );
        assert_eq!(
            text,
            "error: image `\\u{1B}[2J` is missing\n \
             --> content/images/\\u{1B}]0;pwned\\u{7}.png:1:11\n  |\n\
             1 | photo: \"\\u{1B}[2J\\u{202E}x\"\n  |                ^\n  \
             = help: a hint with \\u{9B}31m\n"
        );
    }

    #[test]
    fn long_quoted_values_are_shortened() {
        let key = "k".repeat(1_000_000);
        let d = Diagnostic::error(format!("unknown key `{key}`, did you mean `tagline`?"));
        let shown = d.shown_message();
        assert!(shown.len() < 200, "{}", shown.len());
        assert!(
            shown.starts_with("unknown key `kkk") && shown.ends_with("…`, did you mean `tagline`?")
        );
    }

    #[test]
    fn a_needle_moves_the_span_to_its_place() {
        let text = "blocks:\n  - paragraph: >-\n      un texte\n      et ≈ ici\n";
        assert_eq!(find_from(text, 2, 5, "≈"), Some((4, 10)));
        assert_eq!(find_from(text, 4, 11, "≈"), None);
    }

    #[test]
    fn lines_are_found_as_lines_finds_them() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\n", "é\n«x»\n\nz"] {
            let source = Source::new("f".into(), text.into());
            for (n, expected) in text.lines().enumerate() {
                assert_eq!(
                    source.line(n + 1),
                    Some(expected),
                    "{text:?} line {}",
                    n + 1
                );
            }
            assert_eq!(source.line(text.lines().count() + 1), None, "{text:?}");
            assert_eq!(source.line(0), None);
        }
    }

    #[test]
    fn positions_count_characters() {
        let source = Source::new("f".into(), "é: 1\nab: «x»\n".into());
        assert_eq!(source.position(0), (1, 1));
        let offset = source.text.find('«').unwrap_or_default();
        assert_eq!(source.position(offset), (2, 5));
    }
}
