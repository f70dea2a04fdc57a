//! Collect: shape a paragraph's runs and describe it as Knuth–Plass items.

use std::collections::BTreeMap;
use std::ops::Range;

use unicode_bidi::{BidiInfo, Level};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::BreakError;
use super::kashida::{self, Kashida};
use crate::compose::Para;
use crate::diag::Diagnostic;
use crate::fonts::FaceId;
use crate::layout::frame::Glyph;
use crate::layout::shape::{Features, Shaper};
use crate::locale::Script;
use crate::units::Pt;

/// How much inter-word space may stretch and shrink, as a fraction of its width: lines are
/// set with spaces between 0.67 and 1.5 times their natural width wherever possible (TeX
/// lets spaces shrink by a third too).
pub const STRETCH: f32 = 0.5;
pub const SHRINK: f32 = 0.33;
/// Letters may move apart or together by this much, in em, between each pair, when spaces
/// alone cannot justify a line well (as in InDesign's letter-spacing justification). Never in
/// Arabic, whose letters join.
pub const LETTER_STRETCH: f32 = 0.02;
pub const LETTER_SHRINK: f32 = 0.01;
/// Glyphs may be set this much wider or narrower than drawn, to justify a line with spaces
/// near their width: font expansion, Hermann Zapf's hz-program as pdfTeX and microtype
/// implement it (2 % either way is microtype's default). Never in Arabic.
pub const EXPANSION: f32 = 0.02;
/// Penalties, as in TeX: a hyphen costs, a forced break is certain, a forbidden one never.
pub const HYPHEN_PENALTY: f32 = 50.0;
/// A break after a hyphen of the text in display text (headings, covers), which is set to
/// read as phrases.
pub const DISPLAY_HYPHEN_PENALTY: f32 = 2000.0;
pub const FORCED: f32 = -10_000.0;
/// The glue ending a paragraph stretches without limit: its last line is not justified.
pub const FILL: Pt = Pt(100_000.0);

/// A shaped glyph and the segment (run and face) it belongs to.
#[derive(Clone, Debug)]
pub struct PGlyph {
    /// Its range indexes the paragraph's text.
    pub glyph: Glyph,
    pub seg: usize,
}

/// The bytes of the paragraph's text that `glyphs` show (they may be in any order).
pub fn text_range(glyphs: &[PGlyph]) -> Option<Range<usize>> {
    let from = glyphs.iter().map(|g| g.glyph.range.start).min()?;
    let to = glyphs.iter().map(|g| g.glyph.range.end).max()?;
    Some(from..to)
}

/// A stretch of one run in one face.
#[derive(Clone, Debug)]
pub struct SegInfo {
    pub face: FaceId,
    /// The size it is set at: the run's, or larger for Arabic (see [`script_scale`]).
    pub size: Pt,
    pub run: usize,
    /// The bidirectional embedding level: odd is right to left.
    pub level: u8,
    /// The hyphen added when a line breaks inside a word of this segment.
    pub hyphen: Option<Glyph>,
    /// The tatweel (U+0640) of this segment's face, if the face has one and the text is Arabic.
    pub tatweel: Option<Glyph>,
    /// Its letters may be spaced and its glyphs expanded to justify a line: not in Arabic,
    /// whose letters join (kashidas stretch it instead).
    pub adjustable: bool,
}

#[derive(Clone, Debug)]
pub enum Item {
    /// Glyphs that stay together; `stretch` and `shrink` are their leeway in letter-spacing,
    /// `expand` in the width of their glyphs, either way. An Arabic word has none, but may
    /// have a `kashida`, used line by line in finalize.
    Box {
        glyphs: Range<usize>,
        width: Pt,
        stretch: Pt,
        shrink: Pt,
        expand: Pt,
        kashida: Option<Kashida>,
    },
    /// Inter-word space; a break may happen here if `breakable`.
    Glue {
        glyphs: Range<usize>,
        width: Pt,
        stretch: Pt,
        shrink: Pt,
        breakable: bool,
    },
    /// A possible break costing `cost`; `flagged` breaks end the line with a hyphen. `hyphen`
    /// names the segment whose hyphen glyph is added (hyphenation points and soft hyphens).
    Penalty {
        width: Pt,
        cost: f32,
        flagged: bool,
        hyphen: Option<usize>,
    },
}

impl Item {
    /// Natural width, stretch and shrink (a penalty takes no room unless broken at).
    pub fn metrics(&self) -> (Pt, Pt, Pt) {
        match self {
            Item::Box {
                width,
                stretch,
                shrink,
                expand,
                ..
            } => (*width, *stretch + *expand, *shrink + *expand),
            Item::Glue {
                width,
                stretch,
                shrink,
                ..
            } => (*width, *stretch, *shrink),
            Item::Penalty { .. } => (Pt::ZERO, Pt::ZERO, Pt::ZERO),
        }
    }
}

/// A paragraph ready for line breaking.
pub struct Collected {
    pub text: String,
    pub glyphs: Vec<PGlyph>,
    pub segs: Vec<SegInfo>,
    pub items: Vec<Item>,
}

impl Collected {
    /// The tatweel of the face glyph `i` is set in, if it is Arabic: a kashida after it.
    pub fn tatweel(&self, i: usize) -> Option<&Glyph> {
        self.segs.get(self.glyphs.get(i)?.seg)?.tatweel.as_ref()
    }
}

/// The kind of break possible before a byte of the text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Point {
    /// Unicode line breaking allows a break (after a space, a hyphen, a slash…).
    Opportunity,
    Mandatory,
    /// Hyphenation (patterns or a soft hyphen): the line would end with an added hyphen.
    Hyphen,
    /// Inside a web or email address, where a cut reads as one: before a dot, a hyphen, a
    /// slash, an at sign… (never after a hyphen, which would read as hyphenation).
    Address,
}

pub fn collect(
    shaper: &mut Shaper,
    para: &Para,
    measure: Pt,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Collected, BreakError> {
    let text: String = para.runs.iter().map(|r| r.text.as_str()).collect();
    let (glyphs, segs) = shape_runs(shaper, para, &text)?;
    let mut points: BTreeMap<usize, Point> = BTreeMap::new();
    for (at, kind) in linebreaks(&text) {
        if at < text.len() {
            let point = match kind {
                BreakOpportunity::Mandatory => Point::Mandatory,
                BreakOpportunity::Allowed => Point::Opportunity,
            };
            points.insert(at, point);
        }
    }
    let addresses = address_points(&text, &mut points);
    // Addresses are cut where `address_points` says, never hyphenated.
    let hyphen_points = |hyphenate: bool| {
        hyphenation_points(&text, para, hyphenate)
            .into_iter()
            .filter(|at| !addresses.iter().any(|a| a.start < *at && *at < a.end))
    };
    let mut hyphenate = para.hyphenate;
    for at in hyphen_points(hyphenate) {
        points.entry(at).or_insert(Point::Hyphen);
    }
    // An em of each segment's size, for letter-spacing; none for Arabic.
    let spacing = |seg: usize| -> Pt {
        match segs.get(seg) {
            Some(info) if info.adjustable => {
                para.runs.get(info.run).map_or(Pt::ZERO, |r| r.style.size)
            }
            _ => Pt::ZERO,
        }
    };
    let mut items = items(&text, &glyphs, &segs, &points, &spacing, para.hyphenate);
    // Display text is not hyphenated, unless a word is wider than its measure (a long word in
    // a narrow side heading): a hyphen then rather than a cut.
    let too_wide = |items: &[Item]| {
        items
            .iter()
            .any(|i| matches!(i, Item::Box { width, .. } if *width > measure))
    };
    if !hyphenate && too_wide(&items) {
        hyphenate = true;
        for at in hyphen_points(hyphenate) {
            points.entry(at).or_insert(Point::Hyphen);
        }
        items = self::items(&text, &glyphs, &segs, &points, &spacing, para.hyphenate);
    }
    split_overlong(
        &mut items,
        (&glyphs, &segs, &text),
        measure,
        &spacing,
        para.origin.as_ref(),
        warnings,
    );
    if segs.iter().any(|s| s.tatweel.is_some()) {
        kashida::mark(shaper, para, &text, &glyphs, &segs, &mut items);
    }
    Ok(Collected {
        text,
        glyphs,
        segs,
        items,
    })
}

/// Shapes every run, split where the face that covers the characters changes or the
/// direction does (bidirectional levels from unicode-bidi).
fn shape_runs(
    shaper: &mut Shaper,
    para: &Para,
    text: &str,
) -> Result<(Vec<PGlyph>, Vec<SegInfo>), BreakError> {
    let base = if para.rtl { Level::rtl() } else { Level::ltr() };
    // Left-to-right text with nothing right to left in it is all at level 0: the bidi
    // algorithm would look up every character's class to say so.
    let levels = if para.rtl || text.chars().any(turns_right_to_left) {
        BidiInfo::new(text, Some(base)).levels
    } else {
        Vec::new()
    };
    let level_at = |i: usize| levels.get(i).map_or(base.number(), Level::number);
    let mut out = Shaped::default();
    let mut start = 0;
    for (r, run) in para.runs.iter().enumerate() {
        let end = start + run.text.len();
        let mut from = start;
        let mut key: Option<(FaceId, u8)> = None;
        // The face of the last letter: the text the spaces, digits and punctuation after it
        // sit in.
        let mut home: Option<FaceId> = None;
        for (i, c) in run.text.char_indices() {
            let has = |face: Option<FaceId>| face.filter(|&f| shaper.book.face(f).has_char(c));
            // A space stays in the face of the text before it, so that a Latin name inside
            // Arabic text ("Ai Movement") is one run in one face; punctuation and digits
            // follow the text they sit in ("aim.um6p.ma" stays in one face inside an Arabic
            // edition), and come back to it after a sign only another face has: both times
            // of "09:00–17:30" in the Arabic face, not the second in the dash's.
            let face = match has(home).or_else(|| has(key.map(|k| k.0))) {
                Some(face) if !c.is_alphabetic() => face,
                _ => {
                    let face = shaper
                        .face_for(run.style.face, run.style.latin, c)
                        .map_err(BreakError::Uncovered)?;
                    if c.is_alphabetic() {
                        home = Some(face);
                    }
                    face
                }
            };
            let this = (face, level_at(start + i));
            if let Some(previous) = key
                && previous != this
            {
                out.seg(shaper, para, text, from..start + i, previous, r);
                from = start + i;
            }
            key = Some(this);
        }
        if let Some(key) = key {
            out.seg(shaper, para, text, from..end, key, r);
        }
        start = end;
    }
    Ok((out.glyphs, out.segs))
}

/// Whether `c` can raise the embedding level of left-to-right text. Nothing below the Hebrew
/// block can, so Latin text asks the bidi tables only about its few typographic characters.
fn turns_right_to_left(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, R, RLE, RLI, RLO};
    u32::from(c) >= 0x0590 && matches!(unicode_bidi::bidi_class(c), R | AL | AN | RLE | RLO | RLI)
}

#[derive(Default)]
struct Shaped {
    glyphs: Vec<PGlyph>,
    segs: Vec<SegInfo>,
}

impl Shaped {
    /// Shapes `text[range]` in one face at one bidi level, for run `run`.
    fn seg(
        &mut self,
        shaper: &mut Shaper,
        para: &Para,
        text: &str,
        range: Range<usize>,
        (face, level): (FaceId, u8),
        run: usize,
    ) {
        let Some(style) = para.runs.get(run).map(|r| r.style) else {
            return;
        };
        let slice = text.get(range.clone()).unwrap_or_default();
        let features = Features::of(&style);
        let rtl = level % 2 == 1;
        let seg = self.segs.len();
        let size = style.size * shaper.script_scale(face, &style);
        let set =
            |shaped: &[crate::layout::shape::Shaped], base: usize, len: usize| -> Vec<Glyph> {
                shaped
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        // A cluster runs to the next glyph's cluster (logical order here).
                        let end = shaped
                            .iter()
                            .skip(i + 1)
                            .map(|n| n.cluster)
                            .find(|&c| c > g.cluster)
                            .unwrap_or(len);
                        Glyph {
                            id: g.id,
                            advance: size * g.advance + size * style.tracking,
                            x_offset: size * g.x_offset,
                            y_offset: size * g.y_offset,
                            range: base + g.cluster..base + end.max(g.cluster),
                            kashida: false,
                        }
                    })
                    .collect()
            };
        let shaped = shaper.shape(face, slice, para.lang, features, rtl);
        self.glyphs.extend(
            set(&shaped, range.start, slice.len())
                .into_iter()
                .map(|glyph| PGlyph { glyph, seg }),
        );
        let hyphen = shaper.shape(face, "-", para.lang, features, false);
        let tatweel = (rtl && shaper.book.face(face).has_char('\u{640}'))
            .then(|| shaper.shape(face, "\u{640}", para.lang, features, true))
            .and_then(|t| set(&t, 0, 2).into_iter().next());
        let arabic = shaper.book.face(face).key.family == crate::fonts::Family::NotoNaskhArabic;
        self.segs.push(SegInfo {
            face,
            size,
            run,
            level,
            hyphen: set(&hyphen, 0, 1).into_iter().next(),
            tatweel,
            adjustable: !arabic && para.lang.locale().script != Script::Arabic,
        });
    }
}

/// Where web and email addresses may be cut, as the Chicago Manual has it: after `//` or a
/// colon, before a dot, a hyphen, a slash and the like, never after a hyphen (the reader
/// would take the address for hyphenated). A cut there costs what a hyphen does: the spaces
/// around come first.
fn address_points(text: &str, points: &mut BTreeMap<usize, Point>) -> Vec<Range<usize>> {
    // The words, between spaces of any kind (no-break ones are wider than a byte).
    let mut words = Vec::new();
    let mut begin = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), begin) {
            (true, Some(b)) => {
                words.push(b..i);
                begin = None;
            }
            (false, None) => begin = Some(i),
            _ => {}
        }
    }
    words.extend(begin.map(|b| b..text.len()));
    let mut addresses = Vec::new();
    for word in words {
        let token = text.get(word.clone()).unwrap_or_default();
        // What surrounds the address in its sentence («(aim.um6p.ma),», “…”) is not part of it.
        let opening = |c: char| !c.is_alphanumeric();
        let closing = |c: char| !c.is_alphanumeric() && c != '/';
        let trimmed = token.trim_start_matches(opening);
        let from = word.start + (token.len() - trimmed.len());
        let address = trimmed.trim_end_matches(closing);
        if !is_address(address) {
            continue;
        }
        let end = from + address.len();
        // Unicode's opportunities inside it (after a hyphen, after a slash) give way to these.
        points.retain(|&at, point| at <= from || at >= end || *point != Point::Opportunity);
        let chars: Vec<(usize, char)> = address.char_indices().collect();
        for (w, &(i, c)) in chars.iter().enumerate().skip(1) {
            let previous = chars.get(w - 1).map(|p| p.1);
            let before = matches!(
                c,
                '.' | '-' | '/' | '@' | '_' | '~' | '?' | '#' | '%' | '=' | '&'
            ) && !(c == '/' && previous == Some('/'));
            let after = matches!(previous, Some(':' | '=' | '&'))
                || previous == Some('/') && w >= 2 && chars.get(w - 2).map(|p| p.1) == Some('/');
            if before || after {
                points.entry(from + i).or_insert(Point::Address);
            }
        }
        addresses.push(from..end);
    }
    addresses
}

/// A web or email address: with an at sign or `://`, `www.` at its start, or a domain name
/// (labels of two letters or digits or more between dots, the last of lowercase letters:
/// «Dr.Smith» is a slip and «p.ej» an abbreviation, not hosts).
fn is_address(token: &str) -> bool {
    if token.contains('@') || token.contains("://") || token.starts_with("www.") {
        return true;
    }
    let host = token.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| l.chars().count() >= 2 && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|l| l.chars().count() >= 2 && l.chars().all(char::is_lowercase))
}

/// Where words may be hyphenated: after soft hyphens always, and by the language's patterns
/// (at least 2 letters before and 3 after) where the paragraph allows it.
fn hyphenation_points(text: &str, para: &Para, hyphenate: bool) -> Vec<usize> {
    let mut points: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| c == '\u{ad}')
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    // Languages without patterns (Arabic) are never hyphenated.
    let Some(lang) = para.lang.locale().hyphenation else {
        return points;
    };
    if !hyphenate || para.rtl {
        return points;
    }
    // Words are runs of letters; "l’écosystème" hyphenates "écosystème".
    let mut start = None;
    let check = |from: usize, to: usize, points: &mut Vec<usize>| {
        let word = text.get(from..to).unwrap_or_default();
        // Addresses and paths are cut only where they must be, never hyphenated.
        let token_start = text
            .get(..from)
            .and_then(|t| t.rfind(char::is_whitespace))
            .map_or(0, |p| p + 1);
        let token_end = text
            .get(to..)
            .and_then(|t| t.find(char::is_whitespace))
            .map_or(text.len(), |p| to + p);
        let token = text.get(token_start..token_end).unwrap_or_default();
        if token.contains(['/', '@', '\\', '_']) || token.contains("www.") {
            return;
        }
        // Names and acronyms are left whole.
        if word.chars().count() < 5 || word.chars().any(char::is_uppercase) {
            return;
        }
        let mut offset = from;
        let syllables: Vec<&str> = hypher::hyphenate_bounded(word, lang, 2, 3).collect();
        for syllable in syllables.iter().take(syllables.len().saturating_sub(1)) {
            offset += syllable.len();
            points.push(offset);
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                check(from, i, &mut points);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        check(from, text.len(), &mut points);
    }
    points
}

fn is_space(text: &str, glyph: &Glyph) -> bool {
    text.get(glyph.range.clone()).is_some_and(|t| {
        !t.is_empty() && t.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\u{a0}'))
    })
}

/// Turns the glyphs into boxes, glue and penalties at the break points.
fn items(
    text: &str,
    glyphs: &[PGlyph],
    segs: &[SegInfo],
    points: &BTreeMap<usize, Point>,
    spacing: &dyn Fn(usize) -> Pt,
    running: bool,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut box_start = 0;
    let mut i = 0;
    let close_box = |items: &mut Vec<Item>, from: usize, to: usize| {
        if to > from {
            items.push(make_box(glyphs, segs, from..to, spacing));
        }
    };
    while i < glyphs.len() {
        let Some(g) = glyphs.get(i) else { break };
        if is_space(text, &g.glyph) {
            close_box(&mut items, box_start, i);
            let from = i;
            while glyphs.get(i).is_some_and(|g| is_space(text, &g.glyph)) {
                i += 1;
            }
            let width: Pt = glyphs
                .get(from..i)
                .unwrap_or_default()
                .iter()
                .map(|g| g.glyph.advance)
                .sum();
            let after = glyphs.get(i).map_or(text.len(), |g| g.glyph.range.start);
            let point = points.get(&after).copied();
            items.push(Item::Glue {
                glyphs: from..i,
                width,
                stretch: width * STRETCH,
                shrink: width * SHRINK,
                breakable: matches!(point, Some(Point::Opportunity | Point::Mandatory)),
            });
            if point == Some(Point::Mandatory) {
                items.push(forced());
            }
            box_start = i;
            continue;
        }
        let at = g.glyph.range.start;
        // A break goes before a cluster, never between a letter and its mark (the glyphs of
        // one cluster share its start).
        let new_cluster = glyphs
            .get(i.wrapping_sub(1))
            .is_none_or(|p| p.glyph.range.start != at);
        if i > box_start
            && new_cluster
            && let Some(point) = points.get(&at)
        {
            close_box(&mut items, box_start, i);
            box_start = i;
            let previous = text.get(..at).and_then(|t| t.chars().next_back());
            let after_hyphen = matches!(previous, Some('-' | '\u{2010}'));
            items.push(match point {
                Point::Mandatory => forced(),
                Point::Hyphen => {
                    let seg = glyphs.get(i - 1).map_or(0, |p| p.seg);
                    let width = segs
                        .get(seg)
                        .and_then(|s| s.hyphen.as_ref())
                        .map_or(Pt::ZERO, |h| h.advance);
                    Item::Penalty {
                        width,
                        cost: HYPHEN_PENALTY,
                        flagged: true,
                        hyphen: Some(seg),
                    }
                }
                Point::Address => Item::Penalty {
                    width: Pt::ZERO,
                    cost: HYPHEN_PENALTY,
                    flagged: false,
                    hyphen: None,
                },
                Point::Opportunity => Item::Penalty {
                    width: Pt::ZERO,
                    cost: match (after_hyphen, running) {
                        (false, _) => 0.0,
                        (true, true) => HYPHEN_PENALTY,
                        // Display text keeps a compound whole where it can: «Qui /
                        // sommes-nous ?», not «Qui sommes- / nous ?».
                        (true, false) => DISPLAY_HYPHEN_PENALTY,
                    },
                    flagged: after_hyphen,
                    hyphen: None,
                },
            });
        }
        i += 1;
    }
    close_box(&mut items, box_start, glyphs.len());
    // The end: glue that fills the last line, and a forced break.
    items.push(Item::Glue {
        glyphs: glyphs.len()..glyphs.len(),
        width: Pt::ZERO,
        stretch: FILL,
        shrink: Pt::ZERO,
        breakable: false,
    });
    items.push(forced());
    items
}

/// A box of `glyphs[range]`, with its leeway: letter-spacing between its glyphs, and their
/// expansion.
fn make_box(
    glyphs: &[PGlyph],
    segs: &[SegInfo],
    range: Range<usize>,
    spacing: &dyn Fn(usize) -> Pt,
) -> Item {
    let slice = glyphs.get(range.clone()).unwrap_or_default();
    let width = slice.iter().map(|g| g.glyph.advance).sum();
    let gaps: Pt = slice
        .iter()
        .skip(1)
        .filter(|g| segs.get(g.seg).is_some())
        .map(|g| spacing(g.seg))
        .sum();
    let expandable: Pt = slice
        .iter()
        .filter(|g| segs.get(g.seg).is_some_and(|s| s.adjustable))
        .map(|g| g.glyph.advance)
        .sum();
    Item::Box {
        glyphs: range,
        width,
        stretch: gaps * LETTER_STRETCH,
        shrink: gaps * LETTER_SHRINK,
        expand: expandable * EXPANSION,
        kashida: None,
    }
}

fn forced() -> Item {
    Item::Penalty {
        width: Pt::ZERO,
        cost: FORCED,
        flagged: false,
        hyphen: None,
    }
}

/// A box wider than the measure (a long URL, a 300-letter word) is cut where it must: after
/// `/`, `.`, `-`, `_`, `?`, `&` or `=` preferably, else between any two characters.
fn split_overlong(
    items: &mut Vec<Item>,
    (glyphs, segs, text): (&[PGlyph], &[SegInfo], &str),
    measure: Pt,
    spacing: &dyn Fn(usize) -> Pt,
    origin: Option<&crate::diag::Span>,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut out = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        let Item::Box {
            glyphs: range,
            width,
            ..
        } = &item
        else {
            out.push(item);
            continue;
        };
        if *width <= measure {
            out.push(item);
            continue;
        }
        let word: String = range
            .clone()
            .filter_map(|i| glyphs.get(i))
            .filter_map(|g| text.get(g.glyph.range.clone()))
            .collect();
        warnings.push(
            Diagnostic::warning(format!("«{word}» is wider than the column and was broken"))
                .with_span(origin.cloned())
                .hint("add a space or a soft hyphen (U+00AD) where it may break"),
        );
        let mut from = range.start;
        for i in range.clone().skip(1) {
            let (Some(previous), Some(this)) = (glyphs.get(i - 1), glyphs.get(i)) else {
                continue;
            };
            // Inside a cluster (a ligature, a letter and its mark) is no place to cut.
            if previous.glyph.range == this.glyph.range {
                continue;
            }
            let before = text.get(previous.glyph.range.clone()).unwrap_or_default();
            let sensible = before.ends_with(['/', '.', '-', '_', '?', '&', '=']);
            out.push(make_box(glyphs, segs, from..i, spacing));
            out.push(Item::Penalty {
                width: Pt::ZERO,
                cost: if sensible { 0.0 } else { 900.0 },
                flagged: false,
                hyphen: None,
            });
            from = i;
        }
        out.push(make_box(glyphs, segs, from..range.end, spacing));
    }
    *items = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the text may be cut inside its addresses, as the text on either side.
    fn cuts(text: &str) -> Vec<(String, String)> {
        let mut points = BTreeMap::new();
        for (at, kind) in linebreaks(text) {
            if at < text.len() && kind == BreakOpportunity::Allowed {
                points.insert(at, Point::Opportunity);
            }
        }
        address_points(text, &mut points);
        points
            .iter()
            .filter(|(_, p)| **p == Point::Address)
            .map(|(&at, _)| {
                let before = text[..at].rsplit(' ').next().unwrap_or_default().to_owned();
                let after = text[at..].split(' ').next().unwrap_or_default().to_owned();
                (before, after)
            })
            .collect()
    }

    #[test]
    fn addresses_are_cut_before_their_punctuation_never_after_a_hyphen() {
        let text =
            "Écrivez à info@north-shore.example.org, ou voyez https://north-shore.example.org/a_b.";
        let pairs: Vec<String> = cuts(text).iter().map(|(b, a)| format!("{b}|{a}")).collect();
        for expected in [
            "info|@north-shore.example.org,",
            "info@north|-shore.example.org,",
            "info@north-shore|.example.org,",
            "https:|//north-shore.example.org/a_b.",
            "https://|north-shore.example.org/a_b.",
            "https://north-shore.example.org|/a_b.",
            "https://north-shore.example.org/a|_b.",
        ] {
            assert!(
                pairs.contains(&expected.to_owned()),
                "{expected} not in {pairs:?}"
            );
        }
        // Inside brackets and quotes, with Arabic punctuation after it: the same.
        let pairs: Vec<String> = cuts("Voir (www.north-shore.org), «aim.um6p.ma»، fin.")
            .iter()
            .map(|(b, a)| format!("{b}|{a}"))
            .collect();
        for expected in [
            "(www.north|-shore.org),",
            "«aim|.um6p.ma»،",
            "«aim.um6p|.ma»،",
        ] {
            assert!(
                pairs.contains(&expected.to_owned()),
                "{expected} not in {pairs:?}"
            );
        }
        // Not after a hyphen, not inside `//`, not at the sentence's own full stop.
        assert!(pairs.iter().all(|p| !p.contains("-|")), "{pairs:?}");
        assert!(!pairs.contains(&"https:/|/north-shore.example.org/a_b.".to_owned()));
        assert!(pairs.iter().all(|p| !p.ends_with("|.")), "{pairs:?}");
        // Unicode's opportunity after the hyphen is gone too.
        let mut points = BTreeMap::new();
        for (at, _) in linebreaks(text) {
            points.insert(at, Point::Opportunity);
        }
        address_points(text, &mut points);
        let after_hyphen = text.find("north-").map(|i| i + "north-".len());
        assert!(after_hyphen.is_some_and(|at| !points.contains_key(&at)));
    }

    #[test]
    fn words_with_dots_are_not_addresses() {
        for word in ["e.g.", "p.", "U.S.", "3.14", "fin.", "Dr.Smith", "p.ej"] {
            assert!(!is_address(word), "{word}");
        }
        for word in [
            "aim.um6p.ma",
            "www.example",
            "a@b.c",
            "https://x",
            "north-shore.example.org/a",
        ] {
            assert!(is_address(word), "{word}");
        }
    }
}
