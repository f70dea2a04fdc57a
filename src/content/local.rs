//! Texts given per language: `title: {fr: …, en: …, ar: …}`, or once for every language.

use std::fmt;

use crate::diag::is_bidi_control;

use super::raw::S;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::check::Checker;
use super::model::{Inline, Lang};

/// A text as written: one for every language, or one per language code.
#[derive(Clone, Debug)]
pub enum LocalText {
    Neutral(String),
    PerLang(Vec<(String, String)>),
}

impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LocalVisitor)
    }
}

struct LocalVisitor;

impl<'de> Visitor<'de> for LocalVisitor {
    type Value = LocalText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or one text per language ({fr: …, en: …})")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<LocalText, E> {
        Ok(LocalText::Neutral(text.to_owned()))
    }

    // An unquoted figure such as `value: 2021` is a text too.
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<LocalText, E> {
        Ok(LocalText::Neutral(n.to_string()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<LocalText, E> {
        Ok(LocalText::Neutral(n.to_string()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<LocalText, E> {
        Ok(LocalText::Neutral(n.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocalText, A::Error> {
        let mut entries = Vec::new();
        while let Some((lang, text)) = map.next_entry::<String, Option<Scalar>>()? {
            // `{en: Model, tank, sea trial}`: YAML reads `tank` as a key without a value.
            let Some(Scalar(text)) = text else {
                return Err(de::Error::custom(format!(
                    "`{lang}` has no text: inside {{…}} a comma starts the next language, so a text holding a comma goes in quotes, as {{en: \"one, two\"}}"
                )));
            };
            entries.push((lang, text));
        }
        Ok(LocalText::PerLang(entries))
    }
}

/// A text in a map of languages: a string, or a figure written without quotes.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(LocalVisitor)? {
            LocalText::Neutral(text) => Ok(Scalar(text)),
            LocalText::PerLang(_) => Err(de::Error::custom(
                "a language's text is a text, not another map of languages",
            )),
        }
    }
}

/// A block's short form for the fact sheet: a text, or (for a list) a list of texts.
#[derive(Clone, Debug)]
pub enum RawShort {
    Text(LocalText),
    Items(Vec<LocalText>),
}

impl<'de> Deserialize<'de> for RawShort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShortVisitor;

        impl<'de> Visitor<'de> for ShortVisitor {
            type Value = RawShort;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a list of texts")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawShort, E> {
                LocalVisitor.visit_str(text).map(RawShort::Text)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawShort, A::Error> {
                LocalVisitor.visit_map(map).map(RawShort::Text)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawShort, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<LocalText>()? {
                    items.push(item);
                }
                Ok(RawShort::Items(items))
            }
        }

        deserializer.deserialize_any(ShortVisitor)
    }
}

/// Whether a text given once may stand for every language.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Sentences: in content of several languages, each needs its translation.
    Prose,
    /// Names, figures, credits: often the same in every language.
    Name,
}

impl Checker<'_> {
    /// The text in the language being checked, or the fallback's (with a warning), or an error
    /// saying which language is missing; with no control character, and no bidirectional
    /// control (removed, with a warning).
    pub fn pick(&mut self, value: &S<LocalText>, what: &str, kind: Kind) -> Option<String> {
        let text = self.pick_any(value, what, kind)?;
        self.clean(value, text, what)
    }

    /// `text` without bidirectional controls: they override the order plaquette sets (its own
    /// bidirectional algorithm orders Arabic and Latin), so one can show a text reversed and
    /// scramble what is copied from the PDF. A control character, which no font draws, is an
    /// error (YAML lets a quoted text write one as `\0` or `\x07`).
    fn clean(&mut self, value: &S<LocalText>, text: String, what: &str) -> Option<String> {
        if let Some(c) = text
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        {
            self.report(
                self.error_near(
                    value,
                    &written_as(c),
                    format!(
                        "the {what} holds the control character U+{:04X}, which is not text",
                        c as u32
                    ),
                )
                .hint("delete it (in a quoted text, an escape such as `\\0` or `\\a` writes one)"),
            );
            return None;
        }
        if !text.chars().any(is_bidi_control) {
            return Some(text);
        }
        let first = text
            .chars()
            .find(|&c| is_bidi_control(c))
            .unwrap_or_default();
        let mut found: Vec<char> = text.chars().filter(|&c| is_bidi_control(c)).collect();
        found.sort_unstable();
        found.dedup();
        let named: Vec<String> = found
            .iter()
            .map(|&c| format!("U+{:04X}", c as u32))
            .collect();
        let mut warning = self.error_near(
            value,
            &written_as(first),
            format!(
                "the {what} holds bidirectional controls ({}), removed: they would reorder \
                 the text shown and scramble the text copied from the PDF",
                named.join(", ")
            ),
        );
        warning.severity = crate::diag::Severity::Warning;
        self.report(
            warning.hint("plaquette orders right-to-left and left-to-right text by itself"),
        );
        Some(text.chars().filter(|&c| !is_bidi_control(c)).collect())
    }

    fn pick_any(&mut self, value: &S<LocalText>, what: &str, kind: Kind) -> Option<String> {
        match &value.value {
            LocalText::Neutral(text) => {
                if kind == Kind::Prose && self.languages.len() > 1 {
                    let codes: Vec<&str> = self.languages.iter().map(|l| l.code()).collect();
                    let example = codes
                        .iter()
                        .map(|c| format!("{c}: …"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let message = format!(
                        "the {what} is given once, but the content is in {} languages",
                        codes.len()
                    );
                    let hint = format!("give it per language: {{{example}}}");
                    self.report(self.error(value, message).hint(hint));
                    return None;
                }
                Some(text.clone())
            }
            LocalText::PerLang(entries) => {
                for (code, _) in entries {
                    if !Lang::known_key(code) {
                        let codes: Vec<&str> = Lang::all().map(Lang::code).collect();
                        self.report(
                            self.error(value, format!("unknown language `{code}` in the {what}"))
                                .hint(format!("use one of: {}", codes.join(", "))),
                        );
                    }
                }
                // The language's own keys in order: an en-US edition reads `en-US:`, else `en:`.
                let find = |lang: Lang| {
                    lang.locale().keys.iter().find_map(|key| {
                        entries
                            .iter()
                            .find(|(code, _)| code.eq_ignore_ascii_case(key))
                            .map(|(_, text)| text.clone())
                    })
                };
                if let Some(text) = find(self.lang) {
                    return Some(text);
                }
                let missing = format!("the {what} has no {} text", self.lang.name());
                match self.fallback.and_then(|f| find(f).map(|t| (f, t))) {
                    Some((fallback, text)) => {
                        let mut warning = self.error(
                            value,
                            format!("{missing}: the {} text is used", fallback.name()),
                        );
                        warning.severity = crate::diag::Severity::Warning;
                        self.report(warning);
                        Some(text)
                    }
                    None => {
                        self.report(self.error(value, missing).hint(format!(
                            "add `{}: …`, or build with --fallback",
                            self.lang.code()
                        )));
                        None
                    }
                }
            }
        }
    }

    /// Prose in the checked language: not blank, spaces made single.
    pub fn text(&mut self, value: &S<LocalText>, what: &str) -> Option<String> {
        let text = self.pick(value, what, Kind::Prose)?;
        self.non_blank(value, &text, what)
    }

    /// A name or figure, which may be given once for every language.
    pub fn name(&mut self, value: &S<LocalText>, what: &str) -> Option<String> {
        let text = self.pick(value, what, Kind::Name)?;
        self.non_blank(value, &text, what)
    }

    /// Prose with inline markup.
    pub fn inline(&mut self, value: &S<LocalText>, what: &str) -> Option<Inline> {
        let text = self.text(value, what)?;
        self.markup(value, &text, what)
    }
}

/// The ways a YAML file can write `c`: itself, or an escape in a double-quoted text.
fn written_as(c: char) -> Vec<String> {
    let code = c as u32;
    let mut ways = vec![
        c.to_string(),
        format!("\\x{code:02X}"),
        format!("\\x{code:02x}"),
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
    ];
    let short = match c {
        '\0' => "\\0",
        '\u{7}' => "\\a",
        '\u{8}' => "\\b",
        '\u{b}' => "\\v",
        '\u{c}' => "\\f",
        '\u{1b}' => "\\e",
        _ => "",
    };
    if !short.is_empty() {
        ways.push(short.to_owned());
    }
    ways
}
