//! Typographic conventions of each language, applied to the text as written.
//!
//! French: a narrow no-break space (U+202F) before `;` `!` `?` and inside « », a no-break space
//! (U+00A0) before `:`, typographic apostrophes and quotes, and no-break spaces that keep a
//! number with its unit or noun ("7 piliers") and a month with its year ("mars 2021"), an
//! abbreviation with what follows ("M. Dupont", "p. 12"), a time together ("9 h 30"), and a
//! narrow one between groups of thousands ("10 000").
//! English: apostrophes, “ ” quotes, and no space before punctuation.

use crate::content::{InlineSpan, Lang};
use crate::locale::Punctuation;

const NNBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// A middle dot between items of one line ("UM6P · Rabat"), kept with the item before it so
/// that no line starts with it when the line wraps.
pub(super) const SEPARATOR: &str = "\u{a0}· ";

/// Applies `lang`'s conventions across the spans (a rule may look past a span's end).
pub fn apply(spans: &[InlineSpan], lang: Lang) -> Vec<InlineSpan> {
    let mut chars = characters(spans);
    let rules = lang.locale().typography;
    if rules.apostrophes {
        apostrophes(&mut chars, rules.opening_single);
    }
    if let Some((open, close)) = rules.quotes {
        quotes(&mut chars, open, close);
    }
    match rules.punctuation {
        Punctuation::French => {
            french(&mut chars);
            keep_numbers_with_words(&mut chars, lang.month_names());
            french_bindings(&mut chars);
            chars = french_ordinals(chars);
        }
        Punctuation::Tight => tight(&mut chars),
        Punctuation::AsWritten => {}
    }
    respan(chars, spans)
}

/// The characters of `spans`, each with the index of its span: rules may look across spans.
fn characters(spans: &[InlineSpan]) -> Vec<(char, usize)> {
    spans
        .iter()
        .enumerate()
        .flat_map(|(i, span)| span.text.chars().map(move |c| (c, i)))
        .collect()
}

/// The characters back into spans of `spans`' styles, runs of one style joined.
fn respan(chars: Vec<(char, usize)>, spans: &[InlineSpan]) -> Vec<InlineSpan> {
    let mut out: Vec<InlineSpan> = Vec::with_capacity(spans.len());
    for (c, i) in chars {
        match out.last_mut() {
            Some(last) if spans.get(i).is_some_and(|s| same_style(s, last)) => last.text.push(c),
            _ => {
                let mut span = spans.get(i).cloned().unwrap_or_default();
                span.text = c.to_string();
                out.push(span);
            }
        }
    }
    out
}

fn same_style(a: &InlineSpan, b: &InlineSpan) -> bool {
    a.emphasis == b.emphasis && a.strong == b.strong && a.link == b.link
}

fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP
}

/// Quotes alternate: the first straight quote opens, the next closes.
fn quotes(chars: &mut [(char, usize)], open: char, close: char) {
    let mut opened = false;
    for (c, _) in chars.iter_mut() {
        if *c == '"' {
            *c = if opened { close } else { open };
            opened = !opened;
        }
    }
}

/// Apostrophes: ’ everywhere, ‘ where a single quote opens (after a space, before a letter).
fn apostrophes(chars: &mut [(char, usize)], opening: Option<char>) {
    for i in 0..chars.len() {
        if chars.get(i).map(|c| c.0) != Some('\'') {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|c| c.0);
        let opens = before.is_none_or(char::is_whitespace);
        if let Some(c) = chars.get_mut(i) {
            c.0 = match opening {
                Some(open) if opens => open,
                _ => '’',
            };
        }
    }
}

/// French spacing: a narrow no-break space before `; ! ?` and inside « », a no-break space
/// before `:`.
fn french(chars: &mut Vec<(char, usize)>) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).map_or(' ', |c| c.0);
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|c| c.0);
        let after = chars.get(i + 1).map(|c| c.0);
        let ends = after.is_none_or(|a| {
            a.is_whitespace() || matches!(a, ')' | '»' | '”' | '.' | ',' | '!' | '?')
        });
        let space = match c {
            ';' | '!' | '?' if ends && before.is_some_and(|b| !matches!(b, ';' | '!' | '?')) => {
                Some(NNBSP)
            }
            ':' if ends => Some(NBSP),
            '»' => Some(NNBSP),
            _ => None,
        };
        if let Some(space) = space {
            let span = chars.get(i).map_or(0, |c| c.1);
            match before {
                Some(b) if is_space(b) => {
                    if let Some(prev) = chars.get_mut(i - 1) {
                        prev.0 = space;
                    }
                }
                Some(_) => {
                    chars.insert(i, (space, span));
                    i += 1;
                }
                None => {}
            }
        }
        if c == '«' {
            let span = chars.get(i).map_or(0, |c| c.1);
            match after {
                Some(a) if is_space(a) => {
                    if let Some(next) = chars.get_mut(i + 1) {
                        next.0 = NNBSP;
                    }
                }
                Some(_) => chars.insert(i + 1, (NNBSP, span)),
                None => {}
            }
        }
        i += 1;
    }
}

/// "7 piliers", "12 %", "1er centre", "mars 2021": no line break inside.
fn keep_numbers_with_words(chars: &mut [(char, usize)], months: &[String]) {
    let text: Vec<char> = chars.iter().map(|c| c.0).collect();
    for i in 0..text.len() {
        if text.get(i) != Some(&' ') {
            continue;
        }
        let start = text
            .get(..i)
            .and_then(|before| before.iter().rposition(|c| c.is_whitespace()))
            .map_or(0, |p| p + 1);
        let word_before: String = text.get(start..i).unwrap_or_default().iter().collect();
        let end = text
            .get(i + 1..)
            .and_then(|after| {
                after
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')'))
            })
            .map_or(text.len(), |p| i + 1 + p);
        let word_after: String = text.get(i + 1..end).unwrap_or_default().iter().collect();
        let number = |w: &str| {
            let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
            digits.starts_with(|c: char| c.is_ascii_digit())
                && digits.ends_with(|c: char| c.is_ascii_digit())
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && matches!(
                    &w[digits.len()..],
                    "" | "er" | "re" | "e" | "es" | "ème" | "èmes"
                )
        };
        let keeps = number(&word_before)
            && word_after.starts_with(|c: char| c.is_alphabetic() || matches!(c, '%' | '€' | '$'))
            || months.contains(&word_before.to_lowercase())
                && word_after.len() == 4
                && word_after.chars().all(|c| c.is_ascii_digit());
        if keeps && let Some(c) = chars.get_mut(i) {
            c.0 = NBSP;
        }
    }
}

/// French abbreviations that never end a line: a title before a name ("M. Dupont"), a page
/// ("p. 12"), a number sign ("n° 3")…
const FRENCH_BEFORE: [&str; 17] = [
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Mgr", "p.", "pp.", "n°", "art.",
    "chap.", "vol.", "fig.", "§",
];

/// French no-break spaces the other rules do not give: after the abbreviations above, inside
/// a time ("9 h 30": the space before `h` is a unit's, bound already), and a narrow one
/// between groups of thousands ("10 000", as the Imprimerie nationale writes it).
fn french_bindings(chars: &mut [(char, usize)]) {
    let text: Vec<char> = chars.iter().map(|c| c.0).collect();
    let token = |from: usize, to: usize| -> String {
        text.get(from..to).unwrap_or_default().iter().collect()
    };
    let separates = |c: &char| c.is_whitespace();
    for i in 0..text.len() {
        let Some(&space) = text.get(i) else { continue };
        if space != ' ' && space != NBSP {
            continue;
        }
        let start = text
            .get(..i)
            .and_then(|t| t.iter().rposition(separates))
            .map_or(0, |p| p + 1);
        let end = text
            .get(i + 1..)
            .and_then(|t| t.iter().position(separates))
            .map_or(text.len(), |p| i + 1 + p);
        let before = token(start, i);
        let after = token(i + 1, end);
        let digits = |t: &str| t.chars().take_while(char::is_ascii_digit).count();
        let word_follows = after.starts_with(|c: char| c.is_alphanumeric());
        let abbreviation = space == ' ' && word_follows && FRENCH_BEFORE.contains(&before.as_str());
        // "h" between an hour and its minutes: "9 h 30", "9 h 30."
        let hour_before = start >= 2
            && text.get(start - 2).is_some_and(char::is_ascii_digit)
            && text.get(start - 1).is_some_and(|c| c.is_whitespace());
        let time = space == ' ' && before == "h" && hour_before && digits(&after) == 2;
        let thousands = space == NBSP
            && before.ends_with(|c: char| c.is_ascii_digit())
            && digits(&after) == 3
            && !after
                .get(3..)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphanumeric()));
        let bound = if thousands {
            Some(NNBSP)
        } else if abbreviation || time {
            Some(NBSP)
        } else {
            None
        };
        if let (Some(bound), Some(c)) = (bound, chars.get_mut(i)) {
            c.0 = bound;
        }
    }
}

/// No space before `; : ! ?`.
fn tight(chars: &mut Vec<(char, usize)>) {
    let mut i = 1;
    while i < chars.len() {
        let c = chars.get(i).map_or(' ', |c| c.0);
        let before = chars.get(i - 1).map(|c| c.0);
        if matches!(c, ';' | ':' | '!' | '?') && before.is_some_and(is_space) {
            chars.remove(i - 1);
            continue;
        }
        i += 1;
    }
}

/// Units and symbols a number is never separated from (lowercase, trailing punctuation off).
const UNITS: [&str; 62] = [
    "%", "‰", "°", "°c", "°f", "℃", "℉", "k", "m", "km", "cm", "mm", "µm", "nm", "m²", "m³", "km²",
    "ha", "g", "kg", "mg", "t", "mt", "gt", "l", "ml", "s", "ms", "h", "min", "w", "kw", "mw",
    "gw", "tw", "wh", "kwh", "mwh", "gwh", "twh", "mwp", "kwp", "mwc", "kwc", "hz", "khz", "mhz",
    "ghz", "v", "kv", "a", "bar", "db", "ppm", "in", "ft", "mi", "lb", "mph", "a.m.", "p.m.", "bn",
];

/// Signs and currencies a number is never separated from when written before it.
const PREFIXES: [&str; 17] = [
    "±", "−", "-", "+", "≈", "~", "<", ">", "≤", "≥", "×", "=", "$", "us$", "€", "£", "¥",
];

/// Keeps numbers whole, whatever the language: a no-break space between a number and its
/// unit ("450 m³", "29 %", "55 °C", "9:30 a.m."), its sign or currency ("± 0.5", "≈ 40",
/// "US$ 9"), the next group of its thousands ("10 000", "1 152") and a multiplication
/// ("2 × 3 m").
pub fn bind_numbers(spans: &[InlineSpan]) -> Vec<InlineSpan> {
    let mut chars = characters(spans);
    let text: Vec<char> = chars.iter().map(|c| c.0).collect();
    let token = |from: usize, to: usize| -> String {
        text.get(from..to).unwrap_or_default().iter().collect()
    };
    for i in 0..text.len() {
        if text.get(i) != Some(&' ') {
            continue;
        }
        let start = text
            .get(..i)
            .and_then(|t| t.iter().rposition(|c| c.is_whitespace()))
            .map_or(0, |p| p + 1);
        let end = text
            .get(i + 1..)
            .and_then(|t| t.iter().position(|c| c.is_whitespace()))
            .map_or(text.len(), |p| i + 1 + p);
        let before = token(start, i);
        let after = token(i + 1, end);
        let bare = |t: &str| {
            t.trim_matches(|c: char| {
                matches!(c, ',' | ';' | ':' | ')' | '(' | '»' | '«' | '!' | '?')
            })
            .to_lowercase()
        };
        let number_ends = before.ends_with(|c: char| c.is_ascii_digit());
        let number_starts = after
            .trim_start_matches(['(', '«'])
            .starts_with(|c: char| c.is_ascii_digit());
        let thousands = number_ends && {
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            digits.len() == 3 && !after[digits.len()..].starts_with(|c: char| c.is_alphabetic())
        };
        let unit = number_ends && {
            let unit = bare(&after);
            UNITS.contains(&unit.as_str())
                || UNITS.contains(&unit.trim_end_matches('.'))
                || unit == "×"
        };
        let sign = number_starts && PREFIXES.contains(&bare(&before).as_str());
        if (thousands || unit || sign)
            && let Some(c) = chars.get_mut(i)
        {
            c.0 = NBSP;
        }
    }
    respan(chars, spans)
}

/// French ordinals in superior letters, as the content writes «42ᵉ»: «1er» → «1ᵉʳ»,
/// «2e» → «2ᵉ», «XXIe» → «XXIᵉ», «1res» → «1ʳᵉˢ», and the incorrect but common «3ème» →
/// «3ᵉ». Only after a number (digits, or a Roman numeral of two letters or more, so that
/// «Le» and «Ce» stay words) and before the end of the word.
fn french_ordinals(chars: Vec<(char, usize)>) -> Vec<(char, usize)> {
    const SUFFIXES: [(&str, &str); 12] = [
        ("èmes", "ᵉˢ"),
        ("ème", "ᵉ"),
        ("ères", "ʳᵉˢ"),
        ("ère", "ʳᵉ"),
        ("ers", "ᵉʳˢ"),
        ("res", "ʳᵉˢ"),
        ("nde", "ⁿᵈᵉ"),
        ("er", "ᵉʳ"),
        ("re", "ʳᵉ"),
        ("es", "ᵉˢ"),
        ("nd", "ⁿᵈ"),
        ("e", "ᵉ"),
    ];
    let text: Vec<char> = chars.iter().map(|c| c.0).collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    // An ordinal is a word of its own: after a space or an opening mark, not inside an address,
    // a file name or a version («/2e-edition», «rapport_3e.pdf», «v1.2e»).
    let opens = |c: Option<&char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '“' | '‘' | '"'))
    };
    let ends = |c: Option<&char>, next: Option<&char>| match c {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | '-' | '_' | '/' | '@') => next.is_none_or(|n| !n.is_alphanumeric()),
        Some(_) => true,
    };
    while i < chars.len() {
        let starts_word = opens(i.checked_sub(1).and_then(|p| text.get(p)));
        let rest = text.get(i..).unwrap_or_default();
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let roman = rest
            .iter()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .count();
        let number = if digits > 0 {
            digits
        } else if roman >= 2 {
            roman
        } else {
            0
        };
        if starts_word && number > 0 {
            let after = i + number;
            let found = SUFFIXES.iter().find(|(suffix, _)| {
                let n = suffix.chars().count();
                text.get(after..after + n)
                    .is_some_and(|t| t.iter().copied().eq(suffix.chars()))
                    && ends(text.get(after + n), text.get(after + n + 1))
            });
            if let Some((suffix, superior)) = found {
                out.extend(chars.get(i..after).unwrap_or_default().iter().copied());
                let span = chars.get(after).map_or(0, |c| c.1);
                out.extend(superior.chars().map(|c| (c, span)));
                i = after + suffix.chars().count();
                continue;
            }
        }
        if let Some(&c) = chars.get(i) {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// The left-to-right mark, a strong left-to-right character that shows nothing.
const LRM: char = '\u{200e}';

/// In right-to-left text, a number written in groups ("+212 5 25 07 27 00", "06 12 34 56 78",
/// "+٢١٢ ٥ ٢٥") reads left to right as one: an LRM before it. The bidirectional algorithm
/// would otherwise take its digits for Arabic numbers (after Arabic letters) and the spaces
/// between the groups for right-to-left ones, and show the groups in reverse order. Arabic-
/// Indic digits (U+0660 to U+0669) stay Arabic numbers even after an LRM, and the separators
/// between them would still read right to left: each separator gets an LRM on both sides. A
/// single number ("12", "12%") is left to the algorithm, which sets it as Arabic readers expect
/// ("%12").
pub fn keep_numbers_in_order(spans: &[InlineSpan]) -> Vec<InlineSpan> {
    let mut chars = characters(spans);
    let text: Vec<char> = chars.iter().map(|c| c.0).collect();
    let digit = |c: &char| c.is_ascii_digit() || is_arabic_digit(*c);
    let separator = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-');
    let grouped = |c: char| digit(&c) || separator(c) || matches!(c, '(' | ')');
    let mut marks = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(&c) = text.get(i) else { break };
        let begins = (c == '+' || digit(&c))
            && i.checked_sub(1)
                .and_then(|p| text.get(p))
                .is_none_or(|p| !p.is_alphanumeric() && *p != LRM);
        if !begins {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while text.get(end).is_some_and(|&c| grouped(c)) {
            end += 1;
        }
        // The number ends on a digit: trailing spaces and dots are the sentence's.
        while end > i && !text.get(end - 1).is_some_and(digit) {
            end -= 1;
        }
        let run = text.get(i..end).unwrap_or_default();
        let digits = run.iter().filter(|c| digit(c)).count();
        let groups = run.iter().filter(|c| separator(**c)).count();
        if digits >= 6 && groups >= 2 {
            marks.push(i);
            if run.iter().any(|c| ('\u{660}'..='\u{669}').contains(c)) {
                for (at, c) in (i..end).zip(run) {
                    if separator(*c) {
                        marks.extend([at, at + 1]);
                    }
                }
            }
        }
        i = end.max(i + 1);
    }
    // From the end, so that earlier positions still hold.
    for &at in marks.iter().rev() {
        let span = chars.get(at).or(chars.last()).map_or(0, |c| c.1);
        chars.insert(at, (LRM, span));
    }
    respan(chars, spans)
}

/// Arabic-Indic and Extended Arabic-Indic (Persian) digits.
fn is_arabic_digit(c: char) -> bool {
    ('\u{660}'..='\u{669}').contains(&c) || ('\u{6f0}'..='\u{6f9}').contains(&c)
}

/// In right-to-left text, a Latin name of two or three words ("Ai Movement", "Sorbonne
/// Université") is kept on one line: its spaces become no-break spaces. Broken, its words
/// would read in the wrong order across the two lines. Longer Latin phrases may break.
pub fn keep_latin_names(spans: &[InlineSpan]) -> Vec<InlineSpan> {
    let mut chars = characters(spans);
    let latin = |c: char| {
        c.is_ascii_alphanumeric() || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c))
    };
    let in_word = |c: char| latin(c) || matches!(c, '-' | '.' | '’' | '\'' | '&');
    // Words: (start, end) of runs of Latin word characters starting with a letter or digit.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i).is_some_and(|c| latin(c.0)) {
            let start = i;
            while chars.get(i).is_some_and(|c| in_word(c.0)) {
                i += 1;
            }
            // Numbers are not names: "5 25 07" is the business of `keep_numbers_in_order`.
            let letters = chars.get(start..i).unwrap_or_default();
            if letters.iter().any(|c| c.0.is_alphabetic()) {
                words.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    // Names: words one space apart, two or three of them.
    let mut k = 0;
    while k < words.len() {
        let mut end = k;
        while let (Some(a), Some(b)) = (words.get(end), words.get(end + 1))
            && b.0 == a.1 + 1
            && chars.get(a.1).is_some_and(|c| c.0 == ' ')
        {
            end += 1;
        }
        if (1..=2).contains(&(end - k)) {
            for w in words.get(k..end).unwrap_or_default() {
                if let Some(space) = chars.get_mut(w.1) {
                    space.0 = '\u{a0}';
                }
            }
        }
        k = end + 1;
    }
    respan(chars, spans)
}

/// Digits as Eastern Arabic ones (٠–٩), except inside names such as "UM6P".
pub fn eastern_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let beside_latin = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|n| n.is_ascii_alphabetic())
        };
        let in_name = beside_latin(i.checked_sub(1)) || beside_latin(Some(i + 1));
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() && !in_name => {
                out.push(char::from_u32(0x0660 + d).unwrap_or(c));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Inline;

    fn set(text: &str, lang: &str) -> String {
        let lang = Lang::parse(lang).expect("a bundled locale");
        Inline(apply(&Inline::plain(text).0, lang)).text()
    }

    #[test]
    fn french_spacing_and_quotes() {
        assert_eq!(set("Qui sommes-nous ?", "fr"), "Qui sommes-nous\u{202f}?");
        assert_eq!(set("Vraiment!", "fr"), "Vraiment\u{202f}!");
        assert_eq!(set("deux défis : former", "fr"), "deux défis\u{a0}: former");
        assert_eq!(
            set("l'IA \"ouverte\"", "fr"),
            "l’IA «\u{202f}ouverte\u{202f}»"
        );
        assert_eq!(set("« déjà »", "fr"), "«\u{202f}déjà\u{202f}»");
        assert_eq!(set("les 7 piliers", "fr"), "les 7\u{a0}piliers");
        assert_eq!(set("le 1er centre", "fr"), "le 1ᵉʳ\u{a0}centre");
        assert_eq!(set("en mars 2021, puis", "fr"), "en mars\u{a0}2021, puis");
        assert_eq!(
            set("à 10:30 https://x.ma/?a", "fr"),
            "à 10:30 https://x.ma/?a"
        );
        assert_eq!(set("Quoi ?!", "fr"), "Quoi\u{202f}?!");
    }

    #[test]
    fn english_quotes_and_punctuation() {
        assert_eq!(set("It's \"open\" !", "en"), "It’s “open”!");
        assert_eq!(set("a 'quote' here", "en"), "a ‘quote’ here");
        assert_eq!(set("Note : yes", "en"), "Note: yes");
    }

    fn bound(text: &str) -> String {
        Inline(bind_numbers(&Inline::plain(text).0)).text()
    }

    #[test]
    fn numbers_keep_their_units_signs_and_groups() {
        for (written, kept) in [
            ("a 450 m³ tank", "a 450\u{a0}m³ tank"),
            ("up 29 % on", "up 29\u{a0}% on"),
            ("at 55 °C.", "at 55\u{a0}°C."),
            ("within ± 0,5 °C", "within ±\u{a0}0,5\u{a0}°C"),
            ("(1 152 modules)", "(1\u{a0}152 modules)"),
            ("10 000 households", "10\u{a0}000 households"),
            ("a 2 × 3 m deck", "a 2\u{a0}×\u{a0}3\u{a0}m deck"),
            ("12.4 MWp, then", "12.4\u{a0}MWp, then"),
            ("at 9:30 a.m. sharp", "at 9:30\u{a0}a.m. sharp"),
            ("≈ 40 %", "≈\u{a0}40\u{a0}%"),
            ("US$ 9.6 m", "US$\u{a0}9.6\u{a0}m"),
        ] {
            assert_eq!(bound(written), kept, "{written}");
        }
        // Words after a number, and numbers in prose, still break.
        assert_eq!(bound("in 2016 the 7 founders"), "in 2016 the 7 founders");
        assert_eq!(bound("page 12 of 300"), "page 12 of 300");
    }

    #[test]
    fn french_abbreviations_times_and_thousands_hold_together() {
        let french = |text: &str| {
            let bound = Inline(bind_numbers(&Inline::plain(text).0));
            Inline(apply(&bound.0, Lang::parse("fr").unwrap_or_default())).text()
        };
        for (written, kept) in [
            ("avec M. Dupont et", "avec M.\u{a0}Dupont et"),
            ("voir p. 12.", "voir p.\u{a0}12."),
            ("le n° 3.", "le n°\u{a0}3."),
            ("à 9 h 30.", "à 9\u{a0}h\u{a0}30."),
            ("soit 10 000.", "soit 10\u{202f}000."),
            ("les 1 152 modules", "les 1\u{202f}152\u{a0}modules"),
        ] {
            assert_eq!(french(written), kept, "{written}");
        }
        // Only where they mean it: a sentence ending in "p." or a lone "h" is left alone.
        assert_eq!(french("la lettre h, 30."), "la lettre h, 30.");
        assert_eq!(french("le mot h 30."), "le mot h 30.");
        assert_eq!(french("Me voici"), "Me voici");
    }

    #[test]
    fn french_ordinals_are_superior() {
        assert_eq!(set("le 1er centre", "fr"), "le 1ᵉʳ\u{a0}centre");
        assert_eq!(set("la 1re fois", "fr"), "la 1ʳᵉ\u{a0}fois");
        assert_eq!(set("au XXIe siècle", "fr"), "au XXIᵉ siècle");
        assert_eq!(set("la 3ème édition", "fr"), "la 3ᵉ\u{a0}édition");
        assert_eq!(set("les 2es rencontres", "fr"), "les 2ᵉˢ\u{a0}rencontres");
        // Words, and numbers that are not ordinals, are left alone.
        for kept in [
            "Le centre",
            "Ce lieu",
            "Me voici",
            "les 12 des 40",
            "IIIF",
            "2eme",
        ] {
            let set = set(kept, "fr");
            assert!(!set.contains(['ᵉ', 'ʳ', 'ˢ', 'ⁿ', 'ᵈ']), "{kept}: {set}");
        }
        // Only in French.
        assert_eq!(set("the 1er", "en"), "the 1er");
    }

    #[test]
    fn latin_names_in_arabic_stay_whole() {
        let kept = |text: &str| Inline(keep_latin_names(&Inline::plain(text).0)).text();
        assert_eq!(
            kept("تعتمد اليونسكو Ai Movement مركزًا"),
            "تعتمد اليونسكو Ai\u{a0}Movement مركزًا"
        );
        assert_eq!(
            kept("جامعة Sorbonne Université."),
            "جامعة Sorbonne\u{a0}Université."
        );
        // A name of one word is left alone; a phrase of four words may break.
        assert_eq!(kept("مركز UM6P في"), "مركز UM6P في");
        assert_eq!(kept("a b c d"), "a b c d");
        assert_eq!(kept("x y z"), "x\u{a0}y\u{a0}z");
        assert_eq!(kept("في 2021 2023"), "في 2021 2023");
    }

    #[test]
    fn grouped_numbers_read_in_order_in_arabic() {
        let kept = |text: &str| Inline(keep_numbers_in_order(&Inline::plain(text).0)).text();
        assert_eq!(
            kept("الرقم +212 5 25 07 27 00 أو"),
            "الرقم \u{200e}+212 5 25 07 27 00 أو"
        );
        assert_eq!(kept("هاتف 06.12.34.56.78."), "هاتف \u{200e}06.12.34.56.78.");
        // Arabic-Indic digits: each separator between LRMs too.
        assert_eq!(
            kept("الرقم +٢١٢ ٥ ٢٥ ٠٧ أو"),
            "الرقم \u{200e}+٢١٢\u{200e} \u{200e}٥\u{200e} \u{200e}٢٥\u{200e} \u{200e}٠٧ أو"
        );
        // Persian digits are European numbers to the algorithm: an LRM before is enough.
        assert_eq!(kept("تلفن ۰۶ ۱۲ ۳۴ ۵۶"), "تلفن \u{200e}۰۶ ۱۲ ۳۴ ۵۶");
        // Single numbers, years and percentages are the algorithm's.
        for alone in ["نسبة 12% من", "في 2021 و 2023", "UM6P 2024", "في ٢٠٢١"] {
            assert_eq!(kept(alone), alone);
        }
    }

    #[test]
    fn eastern_digits_spare_names() {
        assert_eq!(eastern_digits("مارس 2021 (UM6P)"), "مارس ٢٠٢١ (UM6P)");
    }

    #[test]
    fn rules_apply_across_styles() {
        let mut spans = Inline::plain("Voir ").0;
        spans.push(InlineSpan {
            text: "ceci".into(),
            strong: true,
            ..InlineSpan::default()
        });
        spans.extend(Inline::plain(" !").0);
        let out = apply(&spans, Lang::parse("fr").expect("French"));
        assert_eq!(out.len(), 3);
        assert_eq!(out[2].text, "\u{202f}!");
        assert!(out[1].strong);
    }
}
