//! What each glyph of a run reads as when the PDF's text is copied, searched or read aloud.
//!
//! Layout gives every glyph the text of its cluster: a letter and its vowel marks share one
//! range, and so do a letter and the tatweels that elongate it. krilla writes a cluster of
//! several glyphs as an `ActualText` span and maps each glyph, the first time it sees it, to
//! the cluster's text. Two cases read back wrong that way, and are given glyph-by-glyph text
//! here instead:
//!
//! - A letter with its marks (`بً`): poppler lays a span's text out left to right over the
//!   span, so in right-to-left text the mark comes out before its letter («قطًبا»). Each
//!   glyph gets its own character, found through the font's character map.
//! - Kashida tatweels: mapped to the letter they follow, extractors that ignore `ActualText`
//!   read extra letters. They read as U+200D ZERO WIDTH JOINER, the character that says
//!   "these letters join" and that search and comparison ignore: copied, «خـلال» is «خلال».

use std::ops::Range;

use crate::fonts::Face;
use crate::layout::frame::TextRun;
use crate::locale::is_mark;

/// The text a run's glyphs read as, and each glyph's range in it (in the run's glyph order).
pub struct Copied {
    pub text: String,
    pub ranges: Vec<Range<usize>>,
}

const ZWJ: char = '\u{200D}';

pub fn copied(run: &TextRun, face: &Face) -> Copied {
    let mut text = run.text.clone();
    let mut ranges: Vec<Range<usize>> = run.glyphs.iter().map(|g| g.range.clone()).collect();
    let nominal = |c: char| face.font.charmap().map_unicode(c).map(|g| g.to_u32());
    let mut i = 0;
    while i < run.glyphs.len() {
        // A cluster: glyphs in a row with one range.
        let Some(range) = ranges.get(i).cloned() else {
            break;
        };
        let end = (i..ranges.len())
            .find(|&j| ranges.get(j) != Some(&range))
            .unwrap_or(ranges.len());
        let cluster = run.glyphs.get(i..end).unwrap_or_default();
        let source = run.text.get(range.clone()).unwrap_or_default();
        // Elongating tatweels, in a row: one joiner for them all.
        let is_kashida = |g: &crate::layout::frame::Glyph| g.kashida;
        if cluster.iter().any(is_kashida) {
            let joiner = text.len()..text.len() + ZWJ.len_utf8();
            let mut added = false;
            for (k, glyph) in cluster.iter().enumerate() {
                if is_kashida(glyph)
                    && let Some(r) = ranges.get_mut(i + k)
                {
                    *r = joiner.clone();
                    added = true;
                }
            }
            if added {
                text.push(ZWJ);
            }
        }
        // The glyphs left in the cluster: a letter and its marks, one character each.
        let rest: Vec<usize> = (i..end)
            .filter(|&j| ranges.get(j) == Some(&range))
            .collect();
        if rest.len() > 1
            && let Some(split) = one_each(source, &rest, run, &nominal)
        {
            for (j, r) in split {
                if let Some(slot) = ranges.get_mut(j) {
                    *slot = range.start + r.start..range.start + r.end;
                }
            }
        }
        i = end;
    }
    Copied { text, ranges }
}

/// Gives each of `glyphs` one character of `source` (a base letter and its marks): a mark to
/// the glyph that is its nominal glyph, the base to the one glyph left. `None` when the
/// glyphs do not match the characters one for one (a ligature).
fn one_each(
    source: &str,
    glyphs: &[usize],
    run: &TextRun,
    nominal: &dyn Fn(char) -> Option<u32>,
) -> Option<Vec<(usize, Range<usize>)>> {
    let chars: Vec<(Range<usize>, char)> = source
        .char_indices()
        .map(|(at, c)| (at..at + c.len_utf8(), c))
        .collect();
    if chars.len() != glyphs.len() || chars.iter().filter(|(_, c)| !is_mark(*c)).count() != 1 {
        return None;
    }
    let mut taken = vec![false; chars.len()];
    let mut out = Vec::with_capacity(glyphs.len());
    let mut base = None;
    for &j in glyphs {
        let id = run.glyphs.get(j)?.id;
        let found = chars.iter().enumerate().find(|(k, (_, c))| {
            is_mark(*c) && !taken.get(*k).copied().unwrap_or(true) && nominal(*c) == Some(id)
        });
        match found {
            Some((k, (r, _))) => {
                *taken.get_mut(k)? = true;
                out.push((j, r.clone()));
            }
            None if base.is_none() => base = Some(j),
            None => return None,
        }
    }
    let (k, (r, _)) = chars
        .iter()
        .enumerate()
        .find(|(k, _)| !taken.get(*k).copied().unwrap_or(true))?;
    let c = chars.get(k).map(|(_, c)| *c)?;
    if is_mark(c) {
        return None;
    }
    out.push((base?, r.clone()));
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::compose::Role;
    use crate::fonts::{FaceKey, Family, FontBook};
    use crate::layout::frame::Glyph;
    use crate::units::{Colour, Pt};

    fn glyph(id: u32, range: Range<usize>) -> Glyph {
        Glyph {
            id,
            advance: Pt(5.0),
            x_offset: Pt::ZERO,
            y_offset: Pt::ZERO,
            range,
            kashida: false,
        }
    }

    fn kashida(id: u32, range: Range<usize>) -> Glyph {
        Glyph {
            kashida: true,
            ..glyph(id, range)
        }
    }

    #[test]
    fn marks_and_kashidas_read_as_written() {
        let book = FontBook::bundled().unwrap();
        let face = book.face(book.id(FaceKey {
            family: Family::NotoNaskhArabic,
            bold: false,
            italic: false,
        }));
        let id = |c: char| face.font.charmap().map_unicode(c).unwrap().to_u32();
        // «بًسه»: a letter with its tanwin (one cluster), then seen elongated by two tatweels
        // (its cluster too), then ha. Glyphs in visual order, as a run holds them.
        let text = "بًسه".to_owned();
        let (ba, seen, ha) = (0..4, 4..6, 6..8);
        let glyphs = vec![
            glyph(id('ه'), ha.clone()),
            kashida(id('\u{640}'), seen.clone()),
            kashida(id('\u{640}'), seen.clone()),
            glyph(id('س'), seen.clone()),
            glyph(id('\u{64B}'), ba.clone()),
            glyph(id('ب'), ba.clone()),
        ];
        let run = TextRun {
            x: Pt::ZERO,
            y: Pt::ZERO,
            face: book.id(face.key),
            size: Pt(10.0),
            colour: Colour::WHITE,
            glyphs,
            text,
            role: Role::Paragraph,
            block: 0,
            expansion: 0.0,
        };
        let copied = copied(&run, face);
        let read: Vec<&str> = copied
            .ranges
            .iter()
            .map(|r| &copied.text[r.clone()])
            .collect();
        // Each glyph its own character: the tatweels a joiner, the mark and its letter apart.
        assert_eq!(read, ["ه", "\u{200D}", "\u{200D}", "س", "\u{64B}", "ب"]);
        // One joiner for the two tatweels, after the run's own text.
        assert_eq!(copied.text, "بًسه\u{200D}");
        // A typed tatweel stays a tatweel, and one elongated after it reads as a joiner.
        let typed = TextRun {
            text: "ـ".into(),
            glyphs: vec![glyph(id('\u{640}'), 0..2), kashida(id('\u{640}'), 0..2)],
            ..run
        };
        assert_eq!(copied_text(&typed, face), ["ـ", "\u{200D}"]);
    }

    fn copied_text(run: &TextRun, face: &Face) -> Vec<String> {
        let copied = copied(run, face);
        copied
            .ranges
            .iter()
            .map(|r| copied.text[r.clone()].to_owned())
            .collect()
    }
}
