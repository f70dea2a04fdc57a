//! Paragraphs: text becomes justified, hyphenated lines, in three passes, one file each.
//!
//! [`collect`] shapes the runs and turns them into Knuth–Plass items (boxes for text, glue for
//! spaces, penalties for hyphenation points and other break opportunities); [`linebreak`]
//! chooses the breaks that minimise the demerits of the whole paragraph (total fit), trying
//! stricter passes first; [`finalize`] sets each line: glyphs expanded, glue stretched or
//! shrunk, letters spaced, hyphens added, punctuation hung into the margin. Both of the last
//! two share a line's adjustment among glyphs, spaces and letters by [`adjust`], so that the
//! breaker scores a line as finalize sets it.

mod adjust;
mod collect;
mod finalize;
pub(in crate::layout) mod kashida;
mod linebreak;
mod memo;

pub use finalize::{Line, Segment};
pub use memo::Memo;

use super::shape::{Shaper, Uncovered};
use crate::compose::{Align, Para};
use crate::diag::Diagnostic;
use crate::units::Pt;

/// Spaces are never set wider than this, in a justified line: a line that would need more is
/// set ragged, and reported.
pub const MAX_SPACE_RATIO: f32 = 1.0 + collect::STRETCH;

/// A measure narrower than this many ems of the text is set ragged: justified, its spaces
/// would swing from line to line.
pub const MIN_JUSTIFIED_EMS: f32 = 24.0;

/// What went wrong breaking a paragraph.
#[derive(Debug)]
pub enum BreakError {
    Uncovered(Uncovered),
}

/// Breaks `para` into lines of `measure` (its indent taken off), noting in `warnings` what
/// had to be forced.
pub fn break_lines(
    shaper: &mut Shaper,
    para: &Para,
    measure: Pt,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Line>, BreakError> {
    let measure = measure - para.indent;
    let mut collected = collect::collect(shaper, para, measure, warnings)?;
    let size = para.runs.first().map_or(Pt(10.0), |r| r.style.size);
    // Display text (ragged, not hyphenated: headings, cover lines, the lead) is balanced: its
    // last line is held to the others' length rather than left free, so a heading of two
    // lines does not end on a lone word.
    let display = !para.hyphenate && para.align != Align::Justify;
    if display
        && let Some(collect::Item::Glue { stretch, .. }) = collected
            .items
            .iter_mut()
            .rev()
            .find(|i| matches!(i, collect::Item::Glue { .. }))
    {
        *stretch = Pt::ZERO;
    }
    // A measure too narrow to justify well (a column of a three-column block) is set ragged.
    let justified = para.align == Align::Justify && measure.0 >= size.0 * MIN_JUSTIFIED_EMS;
    // Ragged lines may fall short by 3 ems before they count as bad; display lines by the
    // whole measure, so that how unequal they are always counts (balance).
    let ragged = if display { measure } else { size * 3.0 };
    // Kashidas justify Arabic paragraphs only: an Arabic word in French text is not elongated.
    let kashida = if justified && para.rtl {
        collected
            .segs
            .iter()
            .filter_map(|s| s.tatweel.as_ref())
            .map(|t| kashida::longest(t.advance))
            .fold(Pt::ZERO, Pt::max)
    } else {
        Pt::ZERO
    };
    let breaks = linebreak::breaks(
        &collected.items,
        measure,
        (!justified).then_some(ragged),
        kashida,
    );
    let lines = finalize::lines(&collected, &breaks, measure, para, justified);
    // A line that would need more than the bounds allow is set ragged: worth a word.
    let loose = lines
        .iter()
        .zip(&breaks)
        .enumerate()
        .filter(|(i, (line, _))| justified && !line.justified && i + 1 < breaks.len())
        .count();
    if loose > 0 {
        let text: String = collected.text.chars().take(40).collect();
        let lines = if loose == 1 {
            "a line".to_owned()
        } else {
            format!("{loose} lines")
        };
        warnings.push(
            Diagnostic::warning(format!(
                "«{text}…»: {lines} could not be justified with spaces of at most {MAX_SPACE_RATIO:.1} times their width, and set ragged"
            ))
            .with_span(para.origin.clone())
            .hint("reword the sentence, or add a soft hyphen (U+00AD) in a long word"),
        );
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{Kind, Role, Styles};
    use crate::content::Inline;
    use crate::fonts::FontBook;

    fn set(text: &str, measure: Pt) -> (Vec<Line>, Vec<Diagnostic>) {
        let content = crate::content::load(std::path::Path::new("content")).expect("content");
        let theme = crate::compose::Theme::new(&content.brand);
        let s = Styles::new(
            &content.brand,
            &theme,
            &content.brochure,
            Kind::Brochure,
            crate::compose::Size::LARGEST,
        );
        let para = s.para(s.runs(&Inline::plain(text), s.body), Role::Paragraph);
        let book = FontBook::bundled().expect("fonts");
        let mut shaper = Shaper::new(&book);
        let mut warnings = Vec::new();
        let lines = break_lines(&mut shaper, &para, measure, &mut warnings).expect("sets");
        (lines, warnings)
    }

    /// The width from the first letter to the last, hanging punctuation excluded.
    fn optical(line: &Line) -> Pt {
        line.width + line.shift - line.protrusion
    }

    fn text(line: &Line) -> String {
        line.segments.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn an_address_in_hyphenated_text_is_never_hyphenated() {
        let address = "observatoire-numerique.example.org";
        for measure in [90.0, 110.0, 130.0, 150.0] {
            let (lines, _) = set(
                &format!(
                    "Les résultats paraissent sur {address} chaque trimestre, données comprises."
                ),
                Pt(measure),
            );
            for line in lines.iter().filter(|l| l.hyphenated) {
                let text = text(line);
                let last = text.split_whitespace().last().unwrap_or_default();
                assert!(
                    !address.contains(last.trim_end_matches('\u{ad}')),
                    "{measure} pt: hyphenated inside the address: {text:?}"
                );
            }
        }
    }

    #[test]
    fn an_overlong_address_breaks_before_a_slash_and_is_reported() {
        let url = "https://aim.um6p.ma/recherche/intelligence-artificielle/publications/2025";
        let (lines, warnings) = set(&format!("Voir {url} pour tout savoir."), Pt(150.0));
        assert!(
            lines.iter().all(|l| optical(l) <= Pt(150.05)),
            "no line past the margin"
        );
        // Cut as the Chicago Manual has it: the next line starts with the slash, dot or
        // hyphen, so that no line ends on what reads as a hyphenated word.
        let texts: Vec<String> = lines.iter().map(text).collect();
        let at = texts.iter().position(|t| t.contains("https"));
        let next = at.and_then(|i| texts.get(i + 1));
        assert!(
            next.is_some_and(|t| t.starts_with(['/', '.', '-'])),
            "{texts:?}"
        );
        assert!(
            texts.iter().all(|t| !t.trim_end().ends_with('-')),
            "{texts:?}"
        );
        // Such cuts are there to take: nothing had to be forced.
        assert!(warnings.is_empty(), "{warnings:?}");
        // A token without such breaks, wider than the column, is cut and reported.
        let (lines, warnings) = set(
            "Voir aim.um6p.ma/rapportannuelintelligenceartificielle2025.",
            Pt(120.0),
        );
        assert!(lines.iter().all(|l| optical(l) <= Pt(120.05)));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let joined: String = lines.iter().map(text).collect();
        assert_eq!(
            joined,
            "Voir aim.um6p.ma/rapportannuelintelligenceartificielle2025."
        );
    }

    #[test]
    fn a_narrow_measure_is_set_ragged_and_spaces_keep_their_bounds() {
        let text = "Des modèles de développement pour les territoires, avec les équipes de terrain et les partenaires industriels du centre.";
        // 18 ems of 10 pt: a column of a three-column block.
        let (lines, _) = set(text, Pt(180.0));
        assert!(lines.len() > 2);
        assert!(
            lines.iter().all(|l| !l.justified),
            "narrow lines are ragged"
        );
        assert!(lines.iter().all(|l| l.space_ratio.is_none()));
        // At a measure where justification needs wide spaces, a line past the bound is set
        // ragged rather than stretched.
        for measure in [250.0, 260.0, 270.0, 300.0, 320.0] {
            let (lines, _) = set(text, Pt(measure));
            for line in &lines {
                assert!(
                    line.space_ratio
                        .is_none_or(|r| r <= MAX_SPACE_RATIO + 0.005),
                    "{measure}: {:?}",
                    line.space_ratio
                );
            }
        }
    }

    #[test]
    fn an_added_hyphen_is_a_soft_hyphen_in_the_text() {
        let (lines, _) = set(
            "Anticonstitutionnellement, les transformations opérationnelles accompagnent le développement.",
            Pt(120.0),
        );
        let hyphenated: Vec<String> = lines.iter().filter(|l| l.hyphenated).map(text).collect();
        assert!(!hyphenated.is_empty());
        assert!(
            hyphenated.iter().all(|t| t.ends_with('\u{ad}')),
            "{hyphenated:?}"
        );
    }

    #[test]
    fn soft_hyphens_in_the_content_are_break_points() {
        let (lines, _) = set(
            "Un mot très long: extra\u{ad}ordinairement\u{ad}ment.",
            Pt(90.0),
        );
        assert!(lines.iter().all(|l| optical(l) <= Pt(90.05)));
        assert!(lines.len() >= 2);
    }

    #[test]
    fn each_script_falls_back_to_a_face_that_has_it() {
        let (lines, _) = set("Azul — ⴰⵣⵓⵍ — مرحبا, −40 % ≈ x → y ✓.", Pt(400.0));
        let book = FontBook::bundled().expect("fonts");
        let families: Vec<crate::fonts::Family> = lines
            .iter()
            .flat_map(|l| &l.segments)
            .map(|s| book.face(s.face).key.family)
            .collect();
        use crate::fonts::Family::*;
        for family in [
            NotoSerif,
            NotoSansTifinagh,
            NotoNaskhArabic,
            NotoSansMath,
            NotoSansSymbols2,
        ] {
            assert!(
                families.contains(&family),
                "{family:?} missing from {families:?}"
            );
        }
    }

    fn set_rtl(text: &str) -> Vec<Line> {
        let content = crate::content::load(std::path::Path::new("content")).expect("content");
        let mut brochure = content.brochure.clone();
        brochure.lang = crate::content::Lang::parse("ar").expect("a bundled locale");
        let theme = crate::compose::Theme::new(&content.brand);
        let s = Styles::new(
            &content.brand,
            &theme,
            &brochure,
            Kind::Brochure,
            crate::compose::Size::LARGEST,
        );
        let para = s.para(s.runs(&Inline::plain(text), s.body), Role::Paragraph);
        let book = FontBook::bundled().expect("fonts");
        let mut shaper = Shaper::new(&book);
        break_lines(&mut shaper, &para, Pt(400.0), &mut Vec::new()).expect("sets")
    }

    #[test]
    fn a_line_mixing_arabic_a_latin_name_and_a_number_reads_in_bidi_order() {
        let lines = set_rtl("تأسس Ai Movement في مارس 2021.");
        let line = lines.first().expect("a line");
        // Segments in visual order, left to right: the number (last in reading) comes
        // first, the first Arabic word last; the Latin name keeps its own order inside.
        let texts: Vec<&str> = line.segments.iter().map(|s| s.text.as_str()).collect();
        let at = |needle: &str| texts.iter().position(|t| t.contains(needle));
        // (The name's space is a no-break one: a Latin name stays whole in Arabic.)
        let (number, name, first) = (at("2021"), at("Ai\u{a0}Movement"), at("تأسس"));
        assert!(number < name && name < first, "{texts:?}");
        let latin = line
            .segments
            .iter()
            .find(|s| s.text.contains("Ai\u{a0}Movement"))
            .expect("name");
        let starts: Vec<usize> = latin.glyphs.iter().map(|g| g.range.start).collect();
        assert!(
            starts.windows(2).all(|w| w[0] <= w[1]),
            "Latin drawn left to right"
        );
        let arabic = line
            .segments
            .iter()
            .find(|s| s.text.contains("تأسس"))
            .expect("arabic");
        let starts: Vec<usize> = arabic.glyphs.iter().map(|g| g.range.start).collect();
        assert!(
            starts.windows(2).all(|w| w[0] >= w[1]),
            "Arabic drawn right to left"
        );
    }

    #[test]
    fn an_arabic_word_in_french_text_is_reversed_in_place() {
        let (lines, _) = set("Le mot مرحبا veut dire bonjour.", Pt(400.0));
        let texts: Vec<&str> = lines[0].segments.iter().map(|s| s.text.as_str()).collect();
        let at = |needle: &str| texts.iter().position(|t| t.contains(needle));
        assert!(
            at("Le mot") < at("مرحبا") && at("مرحبا") < at("veut"),
            "{texts:?}"
        );
    }
}
