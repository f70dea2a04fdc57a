//! The text styles and spacing of one document, from the theme.

use super::theme::{Theme, a4};
use super::{Align, Figures, Kind, Marker, Para, Role, Run, Size, TextStyle};
use crate::content::{Brand, Digits, Document, Inline, Lang};
use crate::fonts::FaceKey;
use crate::locale::Script;
use crate::units::{Colour, Mm, Pt, Rgb};

/// What small text needs to read on its ground (WCAG 2 AA).
const SMALL_TEXT_CONTRAST: f32 = 4.5;

/// Every text style a template uses. The fact sheet is set a step smaller than the brochure.
#[derive(Clone, Debug)]
pub struct Styles {
    pub body: TextStyle,
    pub body_leading: Pt,
    pub heading: TextStyle,
    pub subheading: TextStyle,
    pub minor: TextStyle,
    pub label: TextStyle,
    pub figure: TextStyle,
    pub caption: TextStyle,
    pub quote: TextStyle,
    pub colours: crate::content::Palette,
    /// The accent for small text (labels, list numbers, section numbers): darkened as need be
    /// to read at 4.5:1 on white and in boxes, where large figures need only 3:1.
    pub small_accent: Colour,
    pub lang: Lang,
    /// Apply the language's typographic conventions.
    pub typography: bool,
    /// Eastern Arabic digits in this edition.
    pub eastern_digits: bool,
    /// The unit of vertical rhythm: space between paragraphs.
    pub gap: Pt,
    /// The cover's name.
    pub display: Pt,
    pub lead_size: Pt,
    /// The document's scale next to the brochure's.
    pub scale: f32,
    /// Line spacing over the theme's: more for Arabic (see [`ARABIC_LINES`]).
    pub line_scale: f32,
    pub theme: Theme,
}

/// Arabic is set larger than Latin at the same size, its letter bodies matched to the Latin
/// x-height (about 1.3 times, in layout), and Naskh reaches further above and below its
/// bodies than Latin does: its lines are set this much further apart.
pub const ARABIC_LINES: f32 = 1.2;

impl Styles {
    pub fn new(brand: &Brand, theme: &Theme, doc: &Document, kind: Kind, size: Size) -> Styles {
        let lang = doc.lang;
        let c = theme.colours;
        // An Arabic edition is set in the Arabic face throughout; Latin words in it are set in
        // the brand's text or heading face. (Validation asks for an Arabic face when an
        // edition is Arabic.)
        let arabic = lang.locale().script == Script::Arabic;
        let (text, heading) = match brand.fonts.arabic {
            Some(face) if arabic => ((face, brand.fonts.text), (face, brand.fonts.heading)),
            _ => (
                (brand.fonts.text, brand.fonts.text),
                (brand.fonts.heading, brand.fonts.heading),
            ),
        };
        let scale = size.scale(kind);
        let t = theme.sizes;
        let line_scale = if arabic { ARABIC_LINES } else { 1.0 };
        let style = |(family, latin), bold, italic, size: Pt, colour: Colour| TextStyle {
            face: FaceKey {
                family,
                bold,
                italic,
            },
            latin,
            size: size * scale,
            colour,
            tracking: 0.0,
            figures: Figures::Proportional,
        };
        let small_accent = c
            .accent
            .readable_on(&[Rgb::WHITE, c.surface.rgb], SMALL_TEXT_CONTRAST);
        Styles {
            small_accent,
            body: style(text, false, false, t.body, c.ink),
            body_leading: t.baseline * scale * line_scale,
            heading: style(heading, true, false, t.h1, c.primary),
            subheading: style(heading, true, false, t.h2, c.primary),
            minor: style(heading, true, false, t.h3, c.primary),
            label: TextStyle {
                // Joined scripts are never letter-spaced.
                tracking: if arabic { 0.0 } else { 0.06 },
                ..style(heading, true, false, t.small, small_accent)
            },
            figure: TextStyle {
                figures: Figures::Tabular,
                ..style(heading, true, false, t.figure, c.accent)
            },
            caption: style(heading, false, false, t.caption, c.muted),
            // Arabic has no italic: a quote (and the Latin in it) stays upright.
            quote: style(text, false, !arabic, t.quote, c.primary),
            display: t.display,
            lead_size: t.lead * scale,
            colours: c,
            lang,
            typography: doc.typography,
            eastern_digits: arabic && brand.arabic_digits == Digits::Eastern,
            gap: theme.length(a4::GAP) * scale,
            scale,
            line_scale,
            theme: theme.clone(),
        }
    }

    /// A length of the design (given for A4), on this page and at this document's scale.
    pub fn length(&self, a4: Mm) -> Pt {
        self.theme.length(a4) * self.scale
    }

    /// Runs of `inline` in `base`, with emphasis, strong and links applied.
    pub fn runs(&self, inline: &Inline, base: TextStyle) -> Vec<Run> {
        let spans = if self.typography {
            super::typo::apply(&inline.0, self.lang)
        } else {
            inline.0.clone()
        };
        // Whatever the conventions, a number is never parted from its unit or sign.
        let mut spans = super::typo::bind_numbers(&spans);
        // Digits first: how a number is kept in order depends on which digits it has.
        if self.eastern_digits {
            for span in spans.iter_mut().filter(|s| s.link.is_none()) {
                span.text = super::typo::eastern_digits(&span.text);
            }
        }
        if self.lang.rtl() {
            spans = super::typo::keep_numbers_in_order(&spans);
            spans = super::typo::keep_latin_names(&spans);
        }
        spans
            .iter()
            .map(|span| {
                let mut style = base;
                style.face.bold |= span.strong;
                style.face.italic ^= span.emphasis;
                if span.link.is_some() {
                    style.colour = self.colours.primary;
                }
                Run {
                    text: span.text.clone(),
                    style,
                    link: span.link.clone(),
                }
            })
            .collect()
    }

    pub fn plain(&self, text: &str, style: TextStyle) -> Vec<Run> {
        self.runs(&Inline::plain(text), style)
    }

    /// A paragraph of running text.
    pub fn para(&self, runs: Vec<Run>, role: Role) -> Para {
        Para {
            runs,
            align: Align::Justify,
            leading: self.body_leading,
            space_before: Pt::ZERO,
            space_after: self.gap,
            marker: None,
            indent: Pt::ZERO,
            keep_with_next: false,
            hyphenate: true,
            nowrap: false,
            side: false,
            rtl: self.lang.rtl(),
            role,
            lang: self.lang,
            origin: None,
            anchor: None,
        }
    }

    /// The label style for `text`: capitals and figures are letter-spaced, lowercase never
    /// (a date «décembre 2018», a time «9:30 a.m.»), as Bringhurst has it: letterspace
    /// strings of capitals, not lowercase.
    pub fn label_for(&self, text: &str) -> TextStyle {
        if text.chars().any(char::is_lowercase) {
            TextStyle {
                tracking: 0.0,
                ..self.label
            }
        } else {
            self.label
        }
    }

    /// The distance between lines of text of `size`, `factor` times its size in Latin.
    pub fn leading(&self, size: Pt, factor: f32) -> Pt {
        size * factor * self.line_scale
    }

    /// A line or more of display text (headings, labels, figures): ragged, leading from size.
    pub fn display(&self, runs: Vec<Run>, role: Role, leading: f32) -> Para {
        let size = runs.first().map_or(self.body.size, |r| r.style.size);
        Para {
            align: Align::Left,
            leading: self.leading(size, leading),
            hyphenate: false,
            ..self.para(runs, role)
        }
    }

    /// The opening paragraph: larger, in the brand colour.
    pub fn lead(&self, inline: &Inline) -> Para {
        let style = TextStyle {
            size: self.lead_size,
            colour: self.colours.primary,
            ..self.body
        };
        // Set ragged and whole-worded: at this size a justified measure would need wide
        // spaces, and hyphens would show.
        Para {
            leading: self.body_leading * 1.2,
            align: Align::Left,
            hyphenate: false,
            ..self.para(self.runs(inline, style), Role::Paragraph)
        }
    }

    /// A timeline's rail, in tints of the accent colour.
    pub fn rail(&self) -> super::Rail {
        super::Rail {
            colour: self.colours.accent.tint(0.55),
            dot: self.colours.accent,
            width: self.length(a4::RAIL),
            radius: self.length(a4::RAIL_DOT),
            gap: self.length(a4::RAIL_GAP),
            text_gap: self.length(a4::RAIL_TEXT),
        }
    }

    /// A bundled icon in the accent colour, as an image.
    pub fn icon(&self, name: &str) -> Option<crate::content::Image> {
        let c = self.colours.accent;
        let hex = format!("#{:02X}{:02X}{:02X}", c.rgb.0, c.rgb.1, c.rgb.2);
        let data = crate::icons::svg(name, &hex)?;
        crate::content::bundled_svg(&format!("icons/{name}.svg"), data)
    }

    pub fn heading(&self, inline: &Inline, level: u8) -> Para {
        let style = match level {
            0 | 1 => self.heading,
            2 => self.subheading,
            _ => self.minor,
        };
        Para {
            space_before: self.gap * if level <= 1 { 1.6 } else { 0.8 },
            space_after: self.gap * 0.7,
            keep_with_next: true,
            ..self.display(self.runs(inline, style), Role::Heading(level), 1.2)
        }
    }

    pub fn list_item(&self, inline: &Inline, marker: String) -> Para {
        Para {
            marker: Some(Marker {
                text: marker,
                style: TextStyle {
                    face: FaceKey {
                        bold: true,
                        ..self.body.face
                    },
                    colour: self.small_accent,
                    ..self.body
                },
            }),
            indent: self.body.size * 1.6,
            // Items follow each other on the baseline grid.
            space_after: Pt::ZERO,
            ..self.para(self.runs(inline, self.body), Role::ListItem)
        }
    }
}
