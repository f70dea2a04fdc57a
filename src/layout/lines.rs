//! Line breaking: a paragraph's runs become lines that fit the measure.
//!
//! The pass is: collect the text and its break opportunities (unicode-linebreak), shape each
//! piece between opportunities, fill lines first-fit allowing spaces to shrink a little,
//! hyphenate (hypher) a word that does not fit, and justify by widening the spaces.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::shape::{Shaper, Uncovered};
use crate::compose::{Align, Para, TextStyle};
use crate::content::Lang;
use crate::fonts::FaceId;
use crate::units::Pt;

/// Glyphs of one style and face, with the text they show.
#[derive(Clone, Debug)]
pub struct Segment {
    pub face: FaceId,
    pub style: TextStyle,
    pub link: Option<String>,
    pub text: String,
    pub glyphs: Vec<super::frame::Glyph>,
}

impl Segment {
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A set line: its segments from the start edge, and its width as set.
#[derive(Clone, Debug)]
pub struct Line {
    pub segments: Vec<Segment>,
    pub width: Pt,
}

/// A word or other unbreakable piece, shaped.
struct Piece {
    range: Range<usize>,
    segments: Vec<Segment>,
    /// Width of the trailing spaces, which vanish at a line end.
    trailing: Pt,
    spaces: usize,
    mandatory_after: bool,
}

impl Piece {
    fn width(&self) -> Pt {
        self.segments.iter().map(Segment::width).sum()
    }
}

/// How much a space may shrink when a line is a little too full.
const SHRINK: f32 = 0.2;

/// What went wrong breaking a paragraph.
#[derive(Debug)]
pub enum BreakError {
    Uncovered(Uncovered),
}

/// Breaks `para` into lines of at most `measure` (minus its indent).
pub fn break_lines(
    shaper: &mut Shaper,
    para: &Para,
    measure: Pt,
    warnings: &mut Vec<String>,
) -> Result<Vec<Line>, BreakError> {
    let text: String = para.runs.iter().map(|r| r.text.as_str()).collect();
    let mut bounds = Vec::with_capacity(para.runs.len());
    let mut at = 0;
    for run in &para.runs {
        bounds.push(at..at + run.text.len());
        at += run.text.len();
    }
    let ctx = Ctx {
        para,
        text: &text,
        bounds: &bounds,
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for (end, opportunity) in linebreaks(&text) {
        if end > start {
            pieces.push(ctx.piece(
                shaper,
                start..end,
                opportunity == BreakOpportunity::Mandatory,
            )?);
        }
        start = end;
    }
    let measure = measure - para.indent;
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    let mut current: Vec<Segment> = Vec::new();
    let mut width = Pt::ZERO;
    let mut spaces = 0usize;
    let mut queue: std::collections::VecDeque<Piece> = pieces.into();
    while let Some(piece) = queue.pop_front() {
        let space = para.runs.first().map_or(Pt(3.0), |r| r.style.size * 0.25);
        let shrink = space * SHRINK * spaces as f32;
        let fits = width + piece.width() - piece.trailing <= measure + shrink;
        if fits {
            width += piece.width();
            spaces += piece.spaces;
            let mandatory = piece.mandatory_after;
            current.extend(piece.segments);
            if mandatory && !queue.is_empty() {
                lines.push(std::mem::take(&mut current));
                width = Pt::ZERO;
                spaces = 0;
            }
            continue;
        }
        // Try the longest hyphenated start of the word that fits the rest of the line.
        let room = measure + shrink - width;
        if let Some((head, tail)) = ctx.hyphenate(shaper, &piece, room)? {
            current.extend(head.segments);
            lines.push(std::mem::take(&mut current));
            width = Pt::ZERO;
            spaces = 0;
            queue.push_front(tail);
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            width = Pt::ZERO;
            spaces = 0;
            queue.push_front(piece);
            continue;
        }
        // Alone on its line and still too wide: break it where it must.
        let (head, tail) = ctx.force_split(shaper, &piece, measure)?;
        warnings.push(format!(
            "«{}» is wider than the column and was broken",
            text.get(piece.range.clone()).unwrap_or_default().trim()
        ));
        lines.push(head.segments);
        if let Some(tail) = tail {
            queue.push_front(tail);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let count = lines.len();
    Ok(lines
        .into_iter()
        .enumerate()
        .map(|(i, segments)| finish(segments, measure, para.align, i + 1 == count))
        .collect())
}

struct Ctx<'p> {
    para: &'p Para,
    text: &'p str,
    bounds: &'p [Range<usize>],
}

impl Ctx<'_> {
    /// Shapes the text in `range`, split by run and by the face that covers each character.
    fn segments(
        &self,
        shaper: &mut Shaper,
        range: Range<usize>,
    ) -> Result<Vec<Segment>, BreakError> {
        let mut segments = Vec::new();
        for (run, bounds) in self.para.runs.iter().zip(self.bounds) {
            let start = range.start.max(bounds.start);
            let end = range.end.min(bounds.end);
            if start >= end {
                continue;
            }
            let slice = self.text.get(start..end).unwrap_or_default();
            // Split where the covering face changes.
            let mut from = 0;
            let mut face = None;
            for (i, c) in slice.char_indices() {
                let f = shaper
                    .face_for(run.style.face, c)
                    .map_err(BreakError::Uncovered)?;
                match face {
                    Some(previous) if previous != f => {
                        segments.push(segment(
                            shaper,
                            previous,
                            run,
                            slice.get(from..i).unwrap_or_default(),
                            self.para.lang,
                        ));
                        from = i;
                        face = Some(f);
                    }
                    None => face = Some(f),
                    _ => {}
                }
            }
            if let Some(face) = face {
                segments.push(segment(
                    shaper,
                    face,
                    run,
                    slice.get(from..).unwrap_or_default(),
                    self.para.lang,
                ));
            }
        }
        Ok(segments)
    }

    fn piece(
        &self,
        shaper: &mut Shaper,
        range: Range<usize>,
        mandatory: bool,
    ) -> Result<Piece, BreakError> {
        let slice = self.text.get(range.clone()).unwrap_or_default();
        let core = slice.trim_end_matches([' ', '\n', '\t']);
        let segments = self.segments(shaper, range.clone())?;
        let trailing = trailing_space_width(&segments, slice.len() - core.len());
        Ok(Piece {
            range,
            segments,
            trailing,
            spaces: usize::from(core.len() < slice.len()),
            mandatory_after: mandatory,
        })
    }

    /// Splits `piece` at the last hyphenation point whose head, with a hyphen, fits `room`.
    fn hyphenate(
        &self,
        shaper: &mut Shaper,
        piece: &Piece,
        room: Pt,
    ) -> Result<Option<(Piece, Piece)>, BreakError> {
        let Some(lang) = hyphenation_lang(self.para.lang).filter(|_| self.para.hyphenate) else {
            return Ok(None);
        };
        let slice = self.text.get(piece.range.clone()).unwrap_or_default();
        let word = slice.trim_end();
        // Hyphenate letters only: a word with digits, a URL or an address is left whole.
        if !word.chars().all(char::is_alphabetic) || word.chars().count() < 5 {
            return Ok(None);
        }
        let mut splits = Vec::new();
        let mut offset = 0;
        for syllable in hypher::hyphenate_bounded(word, lang, 2, 3) {
            offset += syllable.len();
            if offset < word.len() {
                splits.push(piece.range.start + offset);
            }
        }
        for split in splits.into_iter().rev() {
            let mut head = self.piece(shaper, piece.range.start..split, false)?;
            let Some(hyphen) = self.hyphen(shaper, &head)? else {
                return Ok(None);
            };
            if head.width() + hyphen.width() <= room {
                head.segments.push(hyphen);
                let tail = self.piece(shaper, split..piece.range.end, piece.mandatory_after)?;
                return Ok(Some((head, tail)));
            }
        }
        Ok(None)
    }

    /// A hyphen in the style of the end of `head`.
    fn hyphen(&self, shaper: &mut Shaper, head: &Piece) -> Result<Option<Segment>, BreakError> {
        let run = self
            .bounds
            .iter()
            .position(|b| b.contains(&head.range.end.saturating_sub(1)))
            .and_then(|i| self.para.runs.get(i))
            .or(self.para.runs.first());
        let Some(run) = run else {
            return Ok(None);
        };
        let face = shaper
            .face_for(run.style.face, '-')
            .map_err(BreakError::Uncovered)?;
        Ok(Some(segment(shaper, face, run, "-", self.para.lang)))
    }

    /// Breaks an over-long piece at the last character that fits (at least one character).
    fn force_split(
        &self,
        shaper: &mut Shaper,
        piece: &Piece,
        measure: Pt,
    ) -> Result<(Piece, Option<Piece>), BreakError> {
        let slice = self.text.get(piece.range.clone()).unwrap_or_default();
        let mut best = None;
        for (i, _) in slice.char_indices().skip(1) {
            let head = self.piece(shaper, piece.range.start..piece.range.start + i, false)?;
            if head.width() > measure {
                break;
            }
            best = Some((i, head));
        }
        let (i, head) = match best {
            Some(found) => found,
            None => {
                let first = slice.chars().next().map_or(slice.len(), char::len_utf8);
                (
                    first,
                    self.piece(shaper, piece.range.start..piece.range.start + first, false)?,
                )
            }
        };
        let rest = piece.range.start + i..piece.range.end;
        let tail = if rest.is_empty() {
            None
        } else {
            Some(self.piece(shaper, rest, piece.mandatory_after)?)
        };
        Ok((head, tail))
    }
}

fn hyphenation_lang(lang: Lang) -> Option<hypher::Lang> {
    match lang {
        Lang::Fr => Some(hypher::Lang::French),
        Lang::En => Some(hypher::Lang::English),
        // Arabic is never hyphenated.
        Lang::Ar => None,
    }
}

fn segment(
    shaper: &mut Shaper,
    face: FaceId,
    run: &crate::compose::Run,
    text: &str,
    lang: Lang,
) -> Segment {
    let size = run.style.size;
    let tracking = size * run.style.tracking;
    let shaped = shaper.shape(face, text, lang);
    let glyphs = shaped
        .iter()
        .enumerate()
        .map(|(i, g)| {
            // A cluster runs to the next glyph's cluster (glyphs are in logical order here).
            let end = shaped
                .iter()
                .skip(i + 1)
                .map(|n| n.cluster)
                .find(|&c| c > g.cluster)
                .unwrap_or(text.len());
            super::frame::Glyph {
                id: g.id,
                advance: size * g.advance + tracking,
                x_offset: size * g.x_offset,
                y_offset: size * g.y_offset,
                range: g.cluster..end.max(g.cluster),
            }
        })
        .collect();
    Segment {
        face,
        style: run.style,
        link: run.link.clone(),
        text: text.to_owned(),
        glyphs,
    }
}

/// The width of the last `bytes` bytes of text (the trailing spaces) in the last segment.
fn trailing_space_width(segments: &[Segment], bytes: usize) -> Pt {
    let Some(last) = segments.last() else {
        return Pt::ZERO;
    };
    let from = last.text.len().saturating_sub(bytes);
    last.glyphs
        .iter()
        .filter(|g| g.range.start >= from)
        .map(|g| g.advance)
        .sum()
}

fn is_space(segment: &Segment, glyph: &super::frame::Glyph) -> bool {
    segment.text.get(glyph.range.clone()) == Some(" ")
}

/// Joins neighbouring segments of one face, style and link into one, so that a line is as
/// few text runs as possible (smaller PDFs, and words that extract as one string).
fn merge(segments: Vec<Segment>) -> Vec<Segment> {
    let mut merged: Vec<Segment> = Vec::with_capacity(segments.len());
    for seg in segments {
        match merged.last_mut() {
            Some(last)
                if last.face == seg.face && last.style == seg.style && last.link == seg.link =>
            {
                let shift = last.text.len();
                last.text.push_str(&seg.text);
                last.glyphs.extend(seg.glyphs.into_iter().map(|mut g| {
                    g.range = g.range.start + shift..g.range.end + shift;
                    g
                }));
            }
            _ => merged.push(seg),
        }
    }
    merged
}

/// Drops the spaces that end the line and justifies it by adjusting inter-word spaces.
fn finish(segments: Vec<Segment>, measure: Pt, align: Align, last: bool) -> Line {
    let mut segments = merge(segments);
    // Trailing spaces take no room at a line end.
    if let Some(seg) = segments.last_mut() {
        while seg.glyphs.last().is_some_and(|g| {
            seg.text
                .get(g.range.clone())
                .is_some_and(|t| t.trim().is_empty())
        }) {
            seg.glyphs.pop();
        }
        let keep = seg.text.trim_end().len();
        seg.text.truncate(keep);
    }
    let natural: Pt = segments.iter().map(Segment::width).sum();
    let spaces: usize = segments
        .iter()
        .map(|s| s.glyphs.iter().filter(|g| is_space(s, g)).count())
        .sum();
    let justify = align == Align::Justify && !last && spaces > 0;
    let stretch = if justify || natural > measure && spaces > 0 {
        (measure - natural) / spaces as f32
    } else {
        Pt::ZERO
    };
    if stretch != Pt::ZERO {
        for seg in &mut segments {
            let text = seg.text.clone();
            for g in &mut seg.glyphs {
                if text.get(g.range.clone()) == Some(" ") {
                    g.advance += stretch;
                }
            }
        }
    }
    let width = segments.iter().map(Segment::width).sum();
    Line { segments, width }
}
