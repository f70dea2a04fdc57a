//! The checker shared by validation passes: it knows the file being checked and collects
//! every problem instead of stopping at the first.

use std::path::Path;

use super::raw::S;

use super::markup;
use super::model::{Focus, Inline, Lang};
use crate::diag::{Diagnostic, Diagnostics, Source, Span};
use crate::units::{Cmyk, Length, Pt, Rgb};

pub struct Checker<'a> {
    pub source: &'a Source,
    /// The content folder, which image paths are relative to and may not leave.
    pub dir: &'a Path,
    pub diagnostics: Diagnostics,
    /// The edition being checked: its texts are picked in this language…
    pub lang: Lang,
    /// …or, where missing, in this one.
    pub fallback: Option<Lang>,
    /// Every language the content declares.
    pub languages: &'a [Lang],
}

/// How many lines from a text's start a character in it is looked for.
const NEAR_LINES: usize = 200;

/// The longest word (or link) a text may hold: longer, no line could set it.
pub const MAX_WORD_CHARS: usize = 100;

impl<'a> Checker<'a> {
    pub fn new(source: &'a Source, dir: &'a Path, edition: &Edition<'a>) -> Self {
        Checker {
            source,
            dir,
            diagnostics: Diagnostics::default(),
            lang: edition.lang,
            fallback: edition.fallback,
            languages: edition.languages,
        }
    }

    /// The file being checked.
    pub fn source_path(&self) -> std::path::PathBuf {
        self.source.path.clone()
    }

    pub fn span<T>(&self, value: &S<T>) -> Span {
        let (line, column) = position(value);
        Span {
            file: self.source.path.clone(),
            line,
            column,
        }
    }

    /// An error at `value`'s place, to add hints to and [`report`](Self::report).
    pub fn error<T>(&self, value: &S<T>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = position(value);
        Diagnostic::error(message).at(self.source, line, column)
    }

    /// An error at the first of `needles` written at or after `value`'s place (a character
    /// inside a text, which serde places at the text's start), else at the place itself.
    pub fn error_near<T>(
        &self,
        value: &S<T>,
        needles: &[String],
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = position(value);
        let column = self.source.written_column(line, column);
        // A text spans a few lines; searching to the end of the file for each of thousands
        // of mistakes would make reporting them quadratic.
        let found = (line..line + NEAR_LINES).find_map(|n| {
            let text = self.source.line(n)?;
            let skip = if n == line {
                column.saturating_sub(1)
            } else {
                0
            };
            let start: usize = text.chars().take(skip).map(char::len_utf8).sum();
            let rest = text.get(start..)?;
            let at = needles
                .iter()
                .filter_map(|needle| rest.find(needle.as_str()))
                .min()?;
            let before = text.get(..start + at)?;
            Some((n, before.chars().count() + 1))
        });
        let (line, column) = found.unwrap_or((line, column));
        // Already a column as written: no move to undo.
        let mut d = Diagnostic::error(message).at(self.source, line, 1);
        if let Some(span) = &mut d.span {
            span.column = column;
        }
        d
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn non_blank<T>(&mut self, value: &S<T>, text: &str, what: &str) -> Option<String> {
        let text = text.trim();
        if text.is_empty() {
            self.report(
                self.error(value, format!("{what} is empty"))
                    .hint(format!("write the {what}, or remove the key")),
            );
            return None;
        }
        self.words_fit(value, text, what)?;
        Some(normalise_space(text))
    }

    /// No word is longer than any line could hold: a missing space, most likely.
    pub fn words_fit<T>(&mut self, value: &S<T>, text: &str, what: &str) -> Option<()> {
        let Some(long) = text
            .split_whitespace()
            .find(|w| w.chars().count() > MAX_WORD_CHARS)
        else {
            return Some(());
        };
        let start: String = long.chars().take(20).collect();
        self.report(
            self.error(
                value,
                format!(
                    "{what} has a word of {} characters («{start}…»), longer than any line",
                    long.chars().count()
                ),
            )
            .hint(format!(
                "words and links are at most {MAX_WORD_CHARS} characters: add the missing spaces, or shorten the link"
            )),
        );
        None
    }

    /// Parses a text's inline markup.
    pub fn markup<T>(&mut self, value: &S<T>, text: &str, what: &str) -> Option<Inline> {
        match markup::parse(text) {
            // What is printed, not the targets of links.
            Ok(inline) => self.words_fit(value, &inline.text(), what).map(|()| inline),
            Err(e) => {
                let near: String = text.chars().skip(e.offset).take(24).collect();
                self.report(
                    self.error(value, format!("{} in {what}, at «{near}»", e.message))
                        .hint("write `\\*` for a literal asterisk; links are [text](https://…)"),
                );
                None
            }
        }
    }

    /// `value`, trimmed, read by `parse`; when it cannot be, the error "`…` is not {what}"
    /// with `hint` is reported. The one shape of every scalar with a form: dates, times,
    /// colours, lengths, addresses.
    pub fn scalar<T>(
        &mut self,
        value: &S<String>,
        parse: impl FnOnce(&str) -> Option<T>,
        what: &str,
        hint: &str,
    ) -> Option<T> {
        let text = value.value.trim();
        let parsed = parse(text);
        if parsed.is_none() {
            self.report(
                self.error(value, format!("`{text}` is not {what}"))
                    .hint(hint),
            );
        }
        parsed
    }

    /// A picture's focus point; the centre when none is given.
    pub fn focus(&mut self, value: Option<&S<String>>) -> Option<Focus> {
        let Some(value) = value else {
            return Some(Focus::CENTRE);
        };
        self.scalar(
            value,
            Focus::parse,
            "a focus point",
            "use `centre`, `top`, `bottom`, `left`, `right`, `top-left`…, or two percentages from the top left, such as `50% 30%`",
        )
    }

    pub fn colour(&mut self, value: &S<String>, what: &str) -> Option<Rgb> {
        self.scalar(
            value,
            Rgb::parse,
            &format!("a colour for {what}"),
            "write a colour as `#RRGGBB`, for example \"#14365D\" (with the quotes)",
        )
    }

    /// A colour's inks for print, `[C, M, Y, K]` in whole percent.
    pub fn inks(&mut self, value: Option<&S<Vec<f32>>>, what: &str) -> Option<Cmyk> {
        let value = value?;
        let inks: Option<[f32; 4]> = value.value.as_slice().try_into().ok();
        let parsed = inks.and_then(Cmyk::new);
        if parsed.is_none() {
            self.report(
                self.error(
                    value,
                    format!("the CMYK inks of {what} are not four whole percentages"),
                )
                .hint("write cyan, magenta, yellow and black from 0 to 100, as [100, 80, 30, 20]"),
            );
        }
        parsed
    }

    pub fn length(&mut self, value: &S<String>, what: &str) -> Option<Pt> {
        self.scalar(
            value,
            |text| Length::parse(text).map(Length::pt),
            &format!("a length for {what}"),
            "write a number and a unit: `20mm`, `2cm` or `12pt`",
        )
    }
}

/// The edition a checker checks: its language, the fallback and every declared language.
pub struct Edition<'a> {
    pub lang: Lang,
    pub fallback: Option<Lang>,
    pub languages: &'a [Lang],
}

/// The 1-based line and column serde-saphyr recorded for a value.
pub fn position<T>(value: &S<T>) -> (usize, usize) {
    (
        value.referenced.line() as usize,
        value.referenced.column() as usize,
    )
}

/// Folded YAML keeps single spaces, but a writer's double spaces or stray line breaks in a
/// plain scalar should not reach the page.
fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        // No-break spaces are deliberate and kept.
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}
