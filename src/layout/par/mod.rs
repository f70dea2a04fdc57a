//! Paragraphs: text becomes justified, hyphenated lines, in three passes, one file each.
//!
//! [`collect`] shapes the runs and turns them into Knuth–Plass items (boxes for text, glue for
//! spaces, penalties for hyphenation points and other break opportunities); [`linebreak`]
//! chooses the breaks that minimise the demerits of the whole paragraph (total fit), trying
//! stricter passes first; [`finalize`] sets each line: glue stretched or shrunk, hyphens added,
//! punctuation hung into the margin.

mod collect;
mod finalize;
mod linebreak;

pub use finalize::Line;

use super::shape::{Shaper, Uncovered};
use crate::compose::{Align, Para};
use crate::units::Pt;

/// Spaces wider than this, in a justified line, are reported.
pub const MAX_SPACE_RATIO: f32 = 1.0 + collect::STRETCH;

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
    warnings: &mut Vec<String>,
) -> Result<Vec<Line>, BreakError> {
    let measure = measure - para.indent;
    let collected = collect::collect(shaper, para, measure, warnings)?;
    let size = para.runs.first().map_or(Pt(10.0), |r| r.style.size);
    let ragged = para.align != Align::Justify;
    let breaks = linebreak::breaks(&collected.items, measure, ragged.then_some(size * 3.0));
    let lines = finalize::lines(&collected, &breaks, measure, para);
    let widest = lines
        .iter()
        .filter_map(|l| l.space_ratio)
        .fold(0.0, f32::max);
    if widest > MAX_SPACE_RATIO + 0.005 {
        let text: String = collected.text.chars().take(40).collect();
        warnings.push(format!(
            "«{text}…» could only be set with spaces up to {widest:.2} times their width"
        ));
    }
    Ok(lines)
}
