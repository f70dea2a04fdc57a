//! Languages: one table per language of everything that depends on it.
//!
//! A [`Locale`] holds the words the templates print ("Programme", "Partners"…), how dates and
//! times are written, the typographic conventions, the hyphenation patterns, the direction and
//! the script. Templates and layout read these fields; none of them matches on a language.
//! Adding a language is one more entry in [`LOCALES`] (and its hyphenation patterns, a feature
//! of `hypher` in Cargo.toml).
//!
//! ```
//! use plaquette::locale::Lang;
//!
//! let us = Lang::parse("en-US").expect("a bundled locale");
//! assert_eq!(us.locale().words.programme, "Program");
//! assert_eq!(Lang::parse("en").map(Lang::code), Some("en"));
//! ```

use chrono::{NaiveDate, NaiveTime, Timelike};

/// Combining marks of the scripts the bundled fonts cover (vowel marks of Arabic and Hebrew,
/// Latin and Cyrillic diacritics): drawn on the letter before them, joining nothing.
pub fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{483}'..='\u{489}'
        | '\u{591}'..='\u{5BD}'
        | '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6DC}'
        | '\u{6DF}'..='\u{6E4}'
        | '\u{6E7}'..='\u{6E8}'
        | '\u{6EA}'..='\u{6ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// The writing system of a language: which bundled face sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Arabic,
}

/// How a time of day is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeStyle {
    /// `09:00`, `17:30`.
    TwentyFour,
    /// `9 h`, `17 h 30` (French).
    Hours,
    /// `9:00 a.m.`, `5:30 p.m.` (American English).
    AmPm,
}

/// Where the typographic conventions of a language put spaces around punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Punctuation {
    /// Text as written.
    AsWritten,
    /// No space before `; : ! ?` (English).
    Tight,
    /// A narrow no-break space before `; ! ?` and inside « », a no-break space before `:`
    /// (French).
    French,
}

/// The typographic conventions applied to a language's text (unless the content turns them
/// off with `typography: false`).
#[derive(Clone, Copy, Debug)]
pub struct Typography {
    /// What straight double quotes become, opening and closing; `None` keeps them.
    pub quotes: Option<(char, char)>,
    /// What an apostrophe that opens a quotation becomes (English ‘); others become ’.
    pub opening_single: Option<char>,
    /// Straight apostrophes become typographic ones.
    pub apostrophes: bool,
    pub punctuation: Punctuation,
    /// «de» before a vowel becomes «d’» in the template's phrases (French).
    pub elision: bool,
}

/// The words the templates print, and the patterns of the phrases they make. In patterns,
/// `{name}`, `{site}` and `{date}` are replaced.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    pub programme: &'static str,
    pub partners: &'static str,
    pub registration: &'static str,
    pub register_online: &'static str,
    pub contents: &'static str,
    pub sample_event: &'static str,
    /// The heading of a page left for the reader's notes.
    pub notes: &'static str,
    /// The alternative text of the centre's logo: `{name} logo`.
    pub logo: &'static str,
    /// The alternative text of the website's QR code: `QR code for {site}`.
    pub qr_website: &'static str,
    /// The alternative text of the registration's QR code.
    pub qr_registration: &'static str,
    /// The edition stamp, from a month: `{date} edition`.
    pub edition: &'static str,
    /// A heading repeated where what it heads goes on in another column: `{what} (continued)`.
    pub continued: &'static str,
    /// Between the items of a list the templates join (`Rabat, Morocco`).
    pub comma: &'static str,
    /// Quotation marks around a quote block.
    pub quote_marks: (&'static str, &'static str),
}

/// How dates are written, as chrono formats in the locale's month and day names.
#[derive(Clone, Copy, Debug)]
pub struct Dates {
    pub chrono: chrono::Locale,
    /// A month: `March 2021`.
    pub month: &'static str,
    /// A day: `3 October 2016`.
    pub day: &'static str,
    /// A day with its weekday: `Thursday 18 March 2027`.
    pub weekday: &'static str,
    pub time: TimeStyle,
    /// Between the two times of a range: `09:00–17:30`, `9 h – 17 h 30`.
    pub time_range: &'static str,
}

/// Everything that depends on a language.
#[derive(Debug)]
pub struct Locale {
    /// How the content and the command line name it: `fr`, `en`, `en-US`.
    pub code: &'static str,
    /// Other names it answers to in the content (`en-GB` for `en`).
    pub aliases: &'static [&'static str],
    /// The text keys it reads, in order: an `en-US` edition takes `en-US:`, else `en:`.
    pub keys: &'static [&'static str],
    /// The BCP 47 tag of the PDF's language.
    pub tag: &'static str,
    /// Its name in English, for messages.
    pub name: &'static str,
    pub rtl: bool,
    pub script: Script,
    pub hyphenation: Option<hypher::Lang>,
    pub typography: Typography,
    pub words: Words,
    pub dates: Dates,
}

const FRENCH_QUOTES: (&str, &str) = ("«\u{202f}", "\u{202f}»");

/// Every language plaquette can publish in.
pub static LOCALES: [Locale; 5] = [
    Locale {
        code: "fr",
        aliases: &["fr-FR", "fr-MA"],
        keys: &["fr"],
        tag: "fr",
        name: "French",
        rtl: false,
        script: Script::Latin,
        hyphenation: Some(hypher::Lang::French),
        typography: Typography {
            quotes: Some(('«', '»')),
            opening_single: None,
            apostrophes: true,
            punctuation: Punctuation::French,
            elision: true,
        },
        words: Words {
            programme: "Programme",
            partners: "Partenaires",
            registration: "Inscription",
            register_online: "Inscrivez-vous en ligne :",
            contents: "Sommaire",
            sample_event: "Événement d’exemple : il montre le format, il n’est pas annoncé.",
            notes: "Notes",
            logo: "Logo {name}",
            qr_website: "Code QR du site {site}",
            qr_registration: "Code QR de l’inscription, {site}",
            edition: "Édition de {date}",
            continued: "{what} (suite)",
            comma: ", ",
            quote_marks: FRENCH_QUOTES,
        },
        dates: Dates {
            chrono: chrono::Locale::fr_FR,
            month: "%B %Y",
            day: "%-d %B %Y",
            weekday: "%A %-d %B %Y",
            time: TimeStyle::Hours,
            time_range: "\u{a0}–\u{a0}",
        },
    },
    Locale {
        code: "en",
        aliases: &["en-GB"],
        keys: &["en", "en-GB"],
        tag: "en-GB",
        name: "English",
        rtl: false,
        script: Script::Latin,
        hyphenation: Some(hypher::Lang::English),
        typography: ENGLISH,
        words: Words {
            programme: "Programme",
            edition: "{date} edition",
            ..ENGLISH_WORDS
        },
        dates: Dates {
            chrono: chrono::Locale::en_GB,
            month: "%B %Y",
            day: "%-d %B %Y",
            weekday: "%A %-d %B %Y",
            time: TimeStyle::TwentyFour,
            time_range: "–",
        },
    },
    Locale {
        code: "en-US",
        aliases: &[],
        keys: &["en-US", "en"],
        tag: "en-US",
        name: "American English",
        rtl: false,
        script: Script::Latin,
        hyphenation: Some(hypher::Lang::English),
        typography: ENGLISH,
        words: ENGLISH_WORDS,
        dates: Dates {
            chrono: chrono::Locale::en_US,
            month: "%B %Y",
            day: "%B %-d, %Y",
            weekday: "%A, %B %-d, %Y",
            time: TimeStyle::AmPm,
            time_range: "–",
        },
    },
    Locale {
        code: "ar",
        aliases: &["ar-MA"],
        keys: &["ar"],
        tag: "ar",
        name: "Arabic",
        rtl: true,
        script: Script::Arabic,
        hyphenation: None,
        typography: Typography {
            quotes: None,
            opening_single: None,
            apostrophes: false,
            punctuation: Punctuation::AsWritten,
            elision: false,
        },
        words: Words {
            programme: "البرنامج",
            partners: "الشركاء",
            registration: "التسجيل",
            register_online: "سجلوا عبر الإنترنت:",
            contents: "المحتويات",
            sample_event: "حدث تجريبي: يوضح الصيغة، وليس معلنًا.",
            notes: "ملاحظات",
            logo: "شعار {name}",
            qr_website: "رمز QR لموقع {site}",
            qr_registration: "رمز QR للتسجيل، {site}",
            edition: "إصدار {date}",
            continued: "{what} (تابع)",
            comma: "، ",
            quote_marks: ("«", "»"),
        },
        dates: Dates {
            // Moroccan month names (مارس، نونبر).
            chrono: chrono::Locale::ar_MA,
            month: "%B %Y",
            day: "%-d %B %Y",
            weekday: "%A %-d %B %Y",
            time: TimeStyle::TwentyFour,
            time_range: "–",
        },
    },
    Locale {
        code: "es",
        aliases: &["es-ES"],
        keys: &["es"],
        tag: "es",
        name: "Spanish",
        rtl: false,
        script: Script::Latin,
        hyphenation: Some(hypher::Lang::Spanish),
        typography: Typography {
            quotes: Some(('«', '»')),
            opening_single: None,
            apostrophes: true,
            punctuation: Punctuation::Tight,
            elision: false,
        },
        words: Words {
            programme: "Programa",
            partners: "Socios",
            registration: "Inscripción",
            register_online: "Inscríbase en línea:",
            contents: "Índice",
            sample_event: "Evento de ejemplo: muestra el formato, no está anunciado.",
            notes: "Notas",
            logo: "Logotipo de {name}",
            qr_website: "Código QR del sitio {site}",
            qr_registration: "Código QR de la inscripción, {site}",
            edition: "Edición de {date}",
            continued: "{what} (continuación)",
            comma: ", ",
            quote_marks: ("«", "»"),
        },
        dates: Dates {
            chrono: chrono::Locale::es_ES,
            month: "%B de %Y",
            day: "%-d de %B de %Y",
            weekday: "%A, %-d de %B de %Y",
            time: TimeStyle::TwentyFour,
            time_range: "–",
        },
    },
];

const ENGLISH: Typography = Typography {
    quotes: Some(('“', '”')),
    opening_single: Some('‘'),
    apostrophes: true,
    punctuation: Punctuation::Tight,
    elision: false,
};

const ENGLISH_WORDS: Words = Words {
    programme: "Program",
    partners: "Partners",
    registration: "Registration",
    register_online: "Register online:",
    contents: "Contents",
    sample_event: "A sample event: it shows the format, it is not announced.",
    notes: "Notes",
    logo: "{name} logo",
    qr_website: "QR code for {site}",
    qr_registration: "QR code to register, {site}",
    edition: "{date} Edition",
    continued: "{what} (continued)",
    comma: ", ",
    quote_marks: ("“", "”"),
};

/// A language plaquette publishes in: a handle on its [`Locale`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(u8);

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Default for Lang {
    /// The table's first: what the content is checked in before its languages are known.
    fn default() -> Self {
        Lang(0)
    }
}

impl Lang {
    /// The language the content's code or alias names (case does not matter).
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim();
        LOCALES
            .iter()
            .position(|l| {
                l.code.eq_ignore_ascii_case(code)
                    || l.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
            })
            .and_then(|i| u8::try_from(i).ok())
            .map(Lang)
    }

    /// Every language, in the table's order.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LOCALES.len()).filter_map(|i| u8::try_from(i).ok().map(Lang))
    }

    #[allow(
        clippy::indexing_slicing,
        reason = "a Lang is only made from an index of LOCALES"
    )]
    pub fn locale(self) -> &'static Locale {
        &LOCALES[usize::from(self.0)]
    }

    /// How the content names it, and the file names' suffix: `fr`, `en-US`.
    pub fn code(self) -> &'static str {
        self.locale().code
    }

    /// Its name in English, for messages.
    pub fn name(self) -> &'static str {
        self.locale().name
    }

    pub fn rtl(self) -> bool {
        self.locale().rtl
    }

    /// Whether a text key (`en`, `en-GB`) can be read by this language.
    pub fn reads(self, key: &str) -> bool {
        self.locale()
            .keys
            .iter()
            .any(|k| k.eq_ignore_ascii_case(key))
    }

    /// Whether `key` names any language.
    pub fn known_key(key: &str) -> bool {
        LOCALES
            .iter()
            .any(|l| l.keys.iter().any(|k| k.eq_ignore_ascii_case(key)))
            || Lang::parse(key).is_some()
    }

    /// The month of `date`: «novembre 2026», «November 2026».
    pub fn month(self, date: NaiveDate) -> String {
        self.format(date, self.locale().dates.month)
    }

    /// The day `date`: «3 octobre 2016», «October 3, 2016».
    pub fn day(self, date: NaiveDate) -> String {
        self.format(date, self.locale().dates.day)
    }

    /// The day with its weekday: «jeudi 18 mars 2027».
    pub fn weekday(self, date: NaiveDate) -> String {
        self.format(date, self.locale().dates.weekday)
    }

    fn format(self, date: NaiveDate, pattern: &str) -> String {
        date.format_localized(pattern, self.locale().dates.chrono)
            .to_string()
    }

    /// The names of the months, in lower case: `janvier` … `décembre`.
    pub fn month_names(self) -> &'static [String] {
        static NAMES: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
        let all = NAMES.get_or_init(|| {
            Lang::all()
                .map(|lang| {
                    (1..=12)
                        .filter_map(|m| NaiveDate::from_ymd_opt(2000, m, 1))
                        .map(|d| lang.format(d, "%B").to_lowercase())
                        .collect()
                })
                .collect()
        });
        all.get(usize::from(self.0)).map_or(&[], Vec::as_slice)
    }

    /// A time of day: «09:00», «9 h 30», «9:30 a.m.».
    pub fn time(self, time: NaiveTime) -> String {
        let (h, m) = (time.hour(), time.minute());
        match self.locale().dates.time {
            TimeStyle::TwentyFour => format!("{h:02}:{m:02}"),
            TimeStyle::Hours if m == 0 => format!("{h}\u{a0}h"),
            TimeStyle::Hours => format!("{h}\u{a0}h\u{a0}{m:02}"),
            TimeStyle::AmPm => {
                let (h12, half) = match h {
                    0 => (12, "a.m."),
                    1..=11 => (h, "a.m."),
                    12 => (12, "p.m."),
                    _ => (h - 12, "p.m."),
                };
                format!("{h12}:{m:02}\u{a0}{half}")
            }
        }
    }

    /// From one time to another: «09:00–17:30», «9 h – 17 h 30».
    pub fn time_range(self, from: NaiveTime, to: NaiveTime) -> String {
        format!(
            "{}{}{}",
            self.time(from),
            self.locale().dates.time_range,
            self.time(to)
        )
    }

    /// A phrase of the locale with its placeholders filled, elided where the language elides.
    pub fn phrase(self, pattern: &str, values: &[(&str, &str)]) -> String {
        let mut out = pattern.to_owned();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        if self.locale().typography.elision {
            out = elide(&out);
        }
        out
    }

    /// `items` joined with the language's comma.
    pub fn join(self, items: &[&str]) -> String {
        items.join(self.locale().words.comma)
    }
}

/// «de août» → «d’août»: the French elision of `de` before a vowel or a mute h.
fn elide(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("de ") {
        let (before, after) = rest.split_at(at);
        let word_start = before.is_empty() || before.ends_with([' ', '\u{a0}']);
        let next = after.get(3..).and_then(|t| t.chars().next());
        out.push_str(before);
        if word_start && next.is_some_and(|c| "aeiouyhâàéèêëîïôûüœAEIOUYHÉ".contains(c))
        {
            out.push_str("d’");
        } else {
            out.push_str("de ");
        }
        rest = after.get(3..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).expect("a bundled locale")
    }

    #[test]
    fn codes_and_aliases() {
        assert_eq!(lang("en-GB"), lang("en"));
        assert_ne!(lang("en-US"), lang("en"));
        assert_eq!(lang("EN-us").code(), "en-US");
        assert!(Lang::parse("xx").is_none());
        assert!(lang("en-US").reads("en") && lang("en-US").reads("en-US"));
        assert!(!lang("en").reads("en-US"));
        let codes: Vec<&str> = Lang::all().map(Lang::code).collect();
        let mut unique = codes.clone();
        unique.dedup();
        assert_eq!(codes, unique);
    }

    #[test]
    fn dates_and_times_follow_the_locale() {
        let day = NaiveDate::from_ymd_opt(2016, 10, 3).expect("a day");
        assert_eq!(lang("fr").day(day), "3 octobre 2016");
        assert_eq!(lang("en").day(day), "3 October 2016");
        assert_eq!(lang("en-US").day(day), "October 3, 2016");
        assert_eq!(lang("es").day(day), "3 de octubre de 2016");
        assert_eq!(lang("ar").month(day), "أكتوبر 2016");
        let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("a time");
        let half_five = NaiveTime::from_hms_opt(17, 30, 0).expect("a time");
        assert_eq!(
            lang("fr").time_range(nine, half_five),
            "9\u{a0}h\u{a0}–\u{a0}17\u{a0}h\u{a0}30"
        );
        assert_eq!(lang("en").time_range(nine, half_five), "09:00–17:30");
        assert_eq!(lang("en-US").time(half_five), "5:30\u{a0}p.m.");
    }

    #[test]
    fn french_phrases_elide() {
        let fr = lang("fr");
        let aout = fr.phrase(fr.locale().words.edition, &[("date", "août 2026")]);
        assert_eq!(aout, "Édition d’août 2026");
        let nov = fr.phrase(fr.locale().words.edition, &[("date", "novembre 2026")]);
        assert_eq!(nov, "Édition de novembre 2026");
        assert_eq!(elide("mode opératoire"), "mode opératoire");
    }
}
