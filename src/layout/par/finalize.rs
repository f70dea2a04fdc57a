//! Finalize: set each chosen line. Glue takes its share of stretch or shrink, a line broken
//! inside a word gets a hyphen (marked as a soft hyphen, so copied text rejoins the word), and
//! punctuation at the edges of justified lines hangs slightly into the margin.

use unicode_bidi::{BidiInfo, Level};

use super::collect::{Collected, Item, text_range};
use super::linebreak::Break;
use super::{adjust, kashida};
use crate::compose::{Para, TextStyle};
use crate::fonts::FaceId;
use crate::layout::frame::Glyph;
use crate::units::Pt;

/// Glyphs of one style and face, with the text they show.
#[derive(Clone, Debug)]
pub struct Segment {
    pub face: FaceId,
    pub style: TextStyle,
    pub link: Option<String>,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Where `text` starts in the paragraph: segments are in visual order, this gives the
    /// logical one back.
    pub start: usize,
    /// How much wider (or narrower, below zero) its glyphs are drawn than designed: 0.01 is
    /// 1 %. Their advances already include it.
    pub expansion: f32,
}

impl Segment {
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

impl Line {
    /// The line ends inside a word: at an added hyphen, or after the hyphen of a compound
    /// («sommes-» / «nous»: a letter before it), which display text avoids as it avoids
    /// hyphenation.
    pub fn splits_a_word(&self) -> bool {
        self.hyphenated
            || self
                .segments
                .iter()
                .max_by_key(|s| s.start)
                .and_then(|s| s.text.strip_suffix(['-', '\u{2010}']))
                .and_then(|before| before.chars().next_back())
                .is_some_and(char::is_alphabetic)
    }
}

/// A set line.
#[derive(Clone, Debug)]
pub struct Line {
    pub segments: Vec<Segment>,
    /// The advance of all glyphs as set.
    pub width: Pt,
    /// Where the first glyph starts relative to the measure's edge: negative when an opening
    /// quote hangs into the margin.
    pub shift: Pt,
    /// How far the last glyph hangs past the measure.
    pub protrusion: Pt,
    /// The line ends with an added hyphen.
    pub hyphenated: bool,
    /// The line was stretched or shrunk to the measure.
    pub justified: bool,
    /// Inter-word space as set, over its natural width; `None` for a line without spaces.
    pub space_ratio: Option<f32>,
    /// Letter-spacing added between letters, in em (negative when brought together).
    pub tracking: f32,
    /// How much wider its glyphs are set than designed (font expansion): 0.01 is 1 %.
    pub expansion: f32,
    /// The words elongated by a kashida.
    pub kashidas: Vec<String>,
}

/// How far a character hangs into the margin at a line end, as a fraction of its advance
/// (after pdfTeX's microtype defaults).
fn protrusion_right(c: char) -> f32 {
    match c {
        '-' | '\u{ad}' | '\u{2010}' => 0.7,
        '.' | ',' => 0.7,
        '’' | '”' | '»' | '\'' | '"' => 0.6,
        ':' | ';' => 0.5,
        '!' | '?' => 0.2,
        _ => 0.0,
    }
}

/// At a line's start, opening quotes hang by less than closing ones do at its end: a quote
/// hung by more than its side bearing reads as a line set out of the column, most of all
/// beside a rule or a timeline's rail.
fn protrusion_left(c: char) -> f32 {
    match c {
        '«' | '“' | '‘' | '"' | '\'' => 0.3,
        _ => 0.0,
    }
}

/// The lines of `breaks`; `justified` when the paragraph is justified at this measure (a line
/// whose spaces would go past their bounds is set ragged even then).
pub fn lines(
    collected: &Collected,
    breaks: &[Break],
    measure: Pt,
    para: &Para,
    justified: bool,
) -> Vec<Line> {
    let items = &collected.items;
    let mut start = 0;
    let mut lines = Vec::with_capacity(breaks.len());
    for (n, brk) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        let line_items = items.get(start..brk.at).unwrap_or_default();
        // Arabic kashidas take what the line lacks first, up to their bounds; spaces the rest.
        let short = measure - natural_width(items, start, brk);
        let glue_stretch: Pt = line_items
            .iter()
            .filter(|i| matches!(i, Item::Glue { .. }))
            .map(|i| i.metrics().1)
            .sum();
        let with = |limit: kashida::Limit, wanted: Pt| {
            let kashidas = if justified && !last && para.rtl {
                kashidas(collected, line_items, wanted, limit)
            } else {
                Vec::new()
            };
            let elongation: Pt = kashidas.iter().map(|(_, l)| *l).sum();
            let after = match (elongation.0 > 0.0, glue_stretch.0 > 0.0) {
                (false, _) => brk.ratio,
                (true, true) => (short - elongation) / glue_stretch,
                // No spaces to take the rest: justified only if the kashidas took it all.
                (true, false) if (short - elongation).0 <= 0.01 => 0.0,
                (true, false) => f32::INFINITY,
            };
            (kashidas, after)
        };
        let (mut kashidas, mut after_kashidas) = with(kashida::USUAL, short);
        if after_kashidas > 1.0 {
            // The last resort: spaces nearly at their widest, kashidas no longer than it takes.
            (kashidas, after_kashidas) = with(kashida::LAST_RESORT, short - glue_stretch * 0.9);
        }
        // Past its bounds a line is set ragged.
        let justify = justified && !last && after_kashidas <= 1.0 + 1e-4;
        let kashidas = if justify { kashidas } else { Vec::new() };
        // How far the line's first and last marks may hang into the margins, at their
        // natural width (none in right-to-left text).
        let hangs = if para.rtl {
            (Pt::ZERO, Pt::ZERO)
        } else {
            hanging(collected, line_items, items.get(brk.at))
        };
        // A justified paragraph's last line may be squeezed to fit; a ragged line never is.
        let ratio = if !kashidas.is_empty() {
            // The spaces get what is left when the line is finished (`hang_none`).
            0.0
        } else if justify && !para.rtl {
            // Punctuation hanging into the margins (`hang`) makes the line that much longer:
            // it is set to the longer measure, glyphs expanded first as for the rest, so
            // that hanging does not fall on the spaces alone.
            let wanted = short + hangs.0 + hangs.1;
            let leeway: Pt = line_items
                .iter()
                .map(|i| {
                    if wanted >= Pt::ZERO {
                        i.metrics().1
                    } else {
                        i.metrics().2
                    }
                })
                .sum();
            if leeway.0 > 0.0 {
                (wanted / leeway).min(brk.ratio.max(1.0))
            } else {
                brk.ratio
            }
        } else if justify || (justified && brk.ratio < 0.0) {
            brk.ratio
        } else {
            0.0
        };
        // Glyphs of the line, with the indexes of the space glyphs.
        let mut glyphs: Vec<(usize, Glyph)> = Vec::new();
        let mut spaces: Vec<(usize, Pt)> = Vec::new();
        let set = adjust::of_items(line_items, ratio);
        let expansion = (set.expand * super::collect::EXPANSION)
            .clamp(-super::collect::EXPANSION, super::collect::EXPANSION);
        let mut elongated = Vec::new();
        for item in line_items {
            match item {
                Item::Box {
                    glyphs: range,
                    kashida: Some(k),
                    ..
                } if kashidas.iter().any(|(at, _)| *at == k.after) => {
                    let length = kashidas
                        .iter()
                        .find(|(at, _)| *at == k.after)
                        .map_or(Pt::ZERO, |(_, l)| *l);
                    for i in range.clone() {
                        if let Some(g) = collected.glyphs.get(i) {
                            glyphs.push((g.seg, g.glyph.clone()));
                            if i == k.after {
                                glyphs.extend(elongate(collected, i, length));
                            }
                        }
                    }
                    elongated.push(box_text(collected, range.clone()));
                }
                Item::Box {
                    glyphs: range,
                    stretch,
                    shrink,
                    ..
                } => {
                    // Letter-spacing goes between the box's glyphs, not after its last.
                    let gaps = range.len().saturating_sub(1).max(1) as f32;
                    let delta = if set.letters >= 0.0 {
                        *stretch * set.letters
                    } else {
                        *shrink * set.letters
                    } / gaps;
                    for i in range.clone() {
                        if let Some(g) = collected.glyphs.get(i) {
                            let mut glyph = g.glyph.clone();
                            if collected.segs.get(g.seg).is_some_and(|s| s.adjustable) {
                                let scale = 1.0 + expansion;
                                glyph.advance = glyph.advance * scale;
                                glyph.x_offset = glyph.x_offset * scale;
                            }
                            if i + 1 < range.end {
                                glyph.advance += delta;
                            }
                            glyphs.push((g.seg, glyph));
                        }
                    }
                }
                Item::Glue {
                    glyphs: range,
                    stretch,
                    shrink,
                    ..
                } => {
                    let count = range.len().max(1) as f32;
                    let delta = if set.spaces >= 0.0 {
                        *stretch * set.spaces
                    } else {
                        *shrink * set.spaces
                    } / count;
                    for i in range.clone() {
                        if let Some(g) = collected.glyphs.get(i) {
                            spaces.push((glyphs.len(), g.glyph.advance));
                            let mut glyph = g.glyph.clone();
                            glyph.advance += delta;
                            glyphs.push((g.seg, glyph));
                        }
                    }
                }
                Item::Penalty { .. } => {}
            }
        }
        // The spaces a line ends with take no room (the break glue is already excluded).
        while glyphs
            .last()
            .is_some_and(|(_, g)| collected.text.get(g.range.clone()).is_some_and(is_space))
        {
            glyphs.pop();
            spaces.retain(|(i, _)| *i < glyphs.len());
        }
        let mut hyphen = None;
        if let Some(Item::Penalty {
            hyphen: Some(seg), ..
        }) = items.get(brk.at)
            && let Some(glyph) = collected.segs.get(*seg).and_then(|s| s.hyphen.clone())
        {
            hyphen = Some((*seg, glyph));
        }
        start = brk.at + 1;
        while let Some(Item::Glue { .. } | Item::Penalty { .. }) = items.get(start) {
            if matches!(items.get(start), Some(Item::Penalty { cost, .. }) if *cost <= super::collect::FORCED)
            {
                break;
            }
            start += 1;
        }
        let mut line = build(collected, glyphs, hyphen, para, expansion);
        line.justified = justify;
        line.kashidas = elongated;
        let letter_spaced = line_items
            .iter()
            .any(|i| matches!(i, Item::Box { stretch, .. } if stretch.0 > 0.0));
        line.tracking = match letter_spaced {
            true if set.letters >= 0.0 => set.letters * super::collect::LETTER_STRETCH,
            true => set.letters * super::collect::LETTER_SHRINK,
            false => 0.0,
        };
        line.expansion = expansion;
        if para.rtl {
            // No hanging punctuation in right-to-left text: spread the difference over spaces.
            hang_none(&mut line, &spaces, measure, justify);
        } else {
            hang(&mut line, &spaces, (measure, hangs), justify);
        }
        // Measured as set, after kashidas and hanging punctuation took their share.
        let natural: Pt = spaces.iter().map(|(_, w)| *w).sum();
        let set = set_spaces(&line);
        line.space_ratio = (justify && natural.0 > 0.0).then(|| set / natural);
        lines.push(line);
    }
    lines
}

/// The natural width of the line from item `start` to the break `brk`, with the hyphen it
/// ends with.
fn natural_width(items: &[Item], start: usize, brk: &Break) -> Pt {
    let line: Pt = items
        .get(start..brk.at)
        .unwrap_or_default()
        .iter()
        .map(|i| i.metrics().0)
        .sum();
    let hyphen = match items.get(brk.at) {
        Some(Item::Penalty { width, .. }) if brk.flagged => *width,
        _ => Pt::ZERO,
    };
    line + hyphen
}

/// The kashidas of a line `short` of its measure: the glyph each follows and its length.
fn kashidas(
    collected: &Collected,
    line: &[Item],
    short: Pt,
    limit: kashida::Limit,
) -> Vec<(usize, Pt)> {
    let points: Vec<(kashida::Kashida, Pt)> = line
        .iter()
        .filter_map(|item| match item {
            Item::Box {
                kashida: Some(k), ..
            } => Some((*k, collected.tatweel(k.after)?.advance)),
            _ => None,
        })
        .collect();
    kashida::plan(&points, short, limit)
}

/// Tatweels drawing a kashida of `length` after glyph `at`: as many as it takes, set closer
/// than their advance so that together they are exactly as long (tatweels overlap seamlessly).
/// They share the letter's text: copied, the word has no tatweel.
fn elongate(collected: &Collected, at: usize, length: Pt) -> Vec<(usize, Glyph)> {
    let (Some(letter), Some(tatweel)) = (collected.glyphs.get(at), collected.tatweel(at).cloned())
    else {
        return Vec::new();
    };
    if tatweel.advance.0 <= 0.0 || length.0 <= 0.0 {
        return Vec::new();
    }
    let count = (length / tatweel.advance).ceil().max(1.0) as usize;
    let mut glyph = tatweel;
    glyph.advance = length / count as f32;
    glyph.range = letter.glyph.range.clone();
    glyph.kashida = true;
    vec![(letter.seg, glyph); count]
}

/// A line that ends on a hyphen of the text itself (`sommes-`, `high-`): that hyphen is
/// written as U+2010 HYPHEN in the PDF's text. Extractors take a line-final U+002D for a
/// hyphen added by hyphenation and drop it, joining «sommesnous»; U+2010 they keep. The glyph
/// drawn is the same.
fn keep_hard_hyphen(segments: &mut [Segment]) {
    let Some(last) = segments.last_mut() else {
        return;
    };
    let Some(glyph) = last.glyphs.last_mut() else {
        return;
    };
    if last.text.get(glyph.range.clone()) != Some("-") || glyph.range.end != last.text.len() {
        return;
    }
    let at = glyph.range.start;
    last.text.replace_range(at..at + 1, "\u{2010}");
    glyph.range = at..at + '\u{2010}'.len_utf8();
}

/// Groups the line's glyphs into segments of one face and style.
fn build(
    collected: &Collected,
    glyphs: Vec<(usize, Glyph)>,
    hyphen: Option<(usize, Glyph)>,
    para: &Para,
    expansion: f32,
) -> Line {
    // Bidi reordering (rule L2): glyphs were in logical order, segments are drawn in visual
    // order, left to right.
    let levels: Vec<Level> = glyphs
        .iter()
        .map(|(seg, _)| {
            let level = collected.segs.get(*seg).map_or(0, |s| s.level);
            Level::new(level).unwrap_or_else(|_| Level::ltr())
        })
        .collect();
    let order = BidiInfo::reorder_visual(&levels);
    let mut slots: Vec<Option<(usize, Glyph)>> = glyphs.into_iter().map(Some).collect();
    let visual = order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take));
    let mut segments: Vec<(usize, Vec<Glyph>)> = Vec::new();
    for (seg, glyph) in visual {
        match segments.last_mut() {
            Some((s, list)) if *s == seg => list.push(glyph),
            _ => segments.push((seg, vec![glyph])),
        }
    }
    let hyphenated = hyphen.is_some();
    let mut out: Vec<Segment> = segments
        .into_iter()
        .filter_map(|(seg, glyphs)| {
            let info = collected.segs.get(seg)?;
            let run = para.runs.get(info.run)?;
            let from = glyphs.iter().map(|g| g.range.start).min()?;
            let to = glyphs.iter().map(|g| g.range.end).max()?;
            let text = collected.text.get(from..to)?.to_owned();
            let glyphs = glyphs
                .into_iter()
                .map(|mut g| {
                    g.range = g.range.start - from..g.range.end - from;
                    g
                })
                .collect();
            Some(Segment {
                face: info.face,
                style: TextStyle {
                    size: info.size,
                    ..run.style
                },
                link: run.link.clone(),
                text,
                glyphs,
                start: from,
                expansion: if info.adjustable { expansion } else { 0.0 },
            })
        })
        .collect();
    if hyphen.is_none() && !para.rtl {
        keep_hard_hyphen(&mut out);
    }
    if let Some((seg, mut glyph)) = hyphen {
        // The added hyphen is a soft hyphen in the text: copied, the word comes back whole.
        let target = match out.last_mut() {
            Some(last) if collected.segs.get(seg).is_some_and(|s| s.face == last.face) => {
                Some(last)
            }
            _ => None,
        };
        if let Some(last) = target {
            let at = last.text.len();
            last.text.push('\u{ad}');
            glyph.range = at..at + '\u{ad}'.len_utf8();
            last.glyphs.push(glyph);
        }
    }
    let width = out.iter().map(Segment::width).sum();
    Line {
        segments: out,
        width,
        shift: Pt::ZERO,
        protrusion: Pt::ZERO,
        hyphenated,
        justified: false,
        space_ratio: None,
        tracking: 0.0,
        expansion: 0.0,
        kashidas: Vec::new(),
    }
}

/// The text of the glyphs `range` of the paragraph.
fn box_text(collected: &Collected, range: std::ops::Range<usize>) -> String {
    collected
        .glyphs
        .get(range)
        .and_then(text_range)
        .and_then(|r| collected.text.get(r))
        .unwrap_or_default()
        .to_owned()
}

/// Justified right-to-left lines: no protrusion; spaces absorb rounding.
fn hang_none(line: &mut Line, spaces: &[(usize, Pt)], measure: Pt, justify: bool) {
    if justify && !spaces.is_empty() {
        stretch_spaces(line, (measure - line.width) / spaces.len() as f32);
    }
}

/// Optical margins: punctuation at the ends of a line hangs into the margin, as far as
/// `hangs` (left, right) says. A justified line was set to the measure plus both (see
/// `lines`); the spaces absorb what is left, so the letters, not the marks, align.
fn hang(line: &mut Line, spaces: &[(usize, Pt)], (measure, hangs): (Pt, (Pt, Pt)), justify: bool) {
    let (left, right) = hangs;
    line.shift = -left;
    if !justify {
        return;
    }
    // What the line still lacks of the measure plus both protrusions goes to its spaces, as
    // far as their bound allows: past it, the marks hang less.
    if !spaces.is_empty() {
        let missing = measure + left + right - line.width;
        let natural: Pt = spaces.iter().map(|(_, w)| *w).sum();
        let headroom = (natural * super::MAX_SPACE_RATIO - set_spaces(line)).max(Pt::ZERO);
        let grow = missing.min(headroom).max(Pt::ZERO);
        stretch_spaces(line, grow / spaces.len() as f32);
    }
    // What passes the measure hangs: at the start first, as far as its mark may.
    let over = (line.width - measure).max(Pt::ZERO).min(left + right);
    let hung_left = left.min(over);
    line.shift = -hung_left;
    line.protrusion = over - hung_left;
}

/// How far the line's first and last glyphs may hang into the margins (see [`hang`]), at
/// their natural width: the last is the added hyphen when the line breaks at a hyphenation
/// `penalty`.
fn hanging(collected: &Collected, line: &[Item], penalty: Option<&Item>) -> (Pt, Pt) {
    let glyph = |first: bool| {
        let mut boxes = line.iter().filter_map(|i| match i {
            Item::Box { glyphs, .. } => Some(glyphs.clone()),
            _ => None,
        });
        let range = if first {
            boxes.next()
        } else {
            boxes.next_back()
        }?;
        let at = if first {
            range.start
        } else {
            range.end.checked_sub(1)?
        };
        let g = &collected.glyphs.get(at)?.glyph;
        let text = collected.text.get(g.range.clone())?;
        let c = if first {
            text.chars().next()
        } else {
            text.chars().next_back()
        }?;
        Some((c, g.advance))
    };
    let left = glyph(true).map_or(Pt::ZERO, |(c, a)| a * protrusion_left(c));
    let right = match penalty {
        Some(Item::Penalty {
            width,
            hyphen: Some(_),
            flagged: true,
            ..
        }) => *width * protrusion_right('-'),
        _ => glyph(false).map_or(Pt::ZERO, |(c, a)| a * protrusion_right(c)),
    };
    (left, right)
}

/// The width of the line's inter-word spaces as set.
fn set_spaces(line: &Line) -> Pt {
    line.segments
        .iter()
        .flat_map(|s| {
            s.glyphs
                .iter()
                .filter(|g| s.text.get(g.range.clone()).is_some_and(is_space))
        })
        .map(|g| g.advance)
        .sum()
}

/// Widens every inter-word space of the line by `per_space`.
fn stretch_spaces(line: &mut Line, per_space: Pt) {
    let mut seen = 0;
    for seg in &mut line.segments {
        let text = seg.text.clone();
        for glyph in &mut seg.glyphs {
            if text.get(glyph.range.clone()).is_some_and(is_space) {
                glyph.advance += per_space;
                seen += 1;
            }
        }
    }
    if seen > 0 {
        line.width = line.segments.iter().map(Segment::width).sum();
    }
}

/// Inter-word space (a no-break space stretches too; a narrow one keeps its width).
fn is_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
}
