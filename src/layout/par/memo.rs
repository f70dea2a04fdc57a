//! Paragraphs already broken, kept for the run of a layout.
//!
//! A document with a contents list is laid out again until its page numbers settle, and
//! balancing and keeping rules try a paragraph more than once: each paragraph would be
//! shaped, hyphenated and broken three to seven times. Lines depend only on what is compared
//! here and on the measure, so a paragraph seen again gets its lines back.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::{BreakError, Line, break_lines};
use crate::compose::{Align, Para, Run};
use crate::content::Lang;
use crate::layout::shape::Shaper;
use crate::units::Pt;

/// What a paragraph's lines depend on.
struct Inputs {
    runs: Vec<Run>,
    align: Align,
    indent: Pt,
    hyphenate: bool,
    rtl: bool,
    lang: Lang,
    measure: Pt,
}

impl Inputs {
    fn of(para: &Para, measure: Pt) -> Inputs {
        Inputs {
            runs: para.runs.clone(),
            align: para.align,
            indent: para.indent,
            hyphenate: para.hyphenate,
            rtl: para.rtl,
            lang: para.lang,
            measure,
        }
    }

    /// Whether `para` at `measure` has these inputs, without copying it. (Taken apart whole,
    /// so that an input added to the struct cannot be left out of the comparison.)
    fn are(&self, para: &Para, measure: Pt) -> bool {
        let Inputs {
            runs,
            align,
            indent,
            hyphenate,
            rtl,
            lang,
            measure: at,
        } = self;
        *at == measure
            && *align == para.align
            && *indent == para.indent
            && *hyphenate == para.hyphenate
            && *rtl == para.rtl
            && *lang == para.lang
            && *runs == para.runs
    }

    /// A hash of the texts, faces and sizes, enough to tell paragraphs apart; equality of
    /// every input decides.
    fn hash(para: &Para, measure: Pt) -> u64 {
        let mut h = DefaultHasher::new();
        for run in &para.runs {
            run.text.hash(&mut h);
            run.style.face.hash(&mut h);
            run.style.size.0.to_bits().hash(&mut h);
        }
        measure.0.to_bits().hash(&mut h);
        para.indent.0.to_bits().hash(&mut h);
        h.finish()
    }
}

/// Broken paragraphs by their inputs.
#[derive(Default)]
pub struct Memo {
    seen: HashMap<u64, Vec<(Inputs, Vec<Line>)>>,
}

impl Memo {
    /// The lines of `para` at `measure`: broken once, then remembered. What breaking notes in
    /// `warnings` is noted the first time only.
    pub fn lines(
        &mut self,
        shaper: &mut Shaper,
        para: &Para,
        measure: Pt,
        warnings: &mut Vec<crate::diag::Diagnostic>,
    ) -> Result<Vec<Line>, BreakError> {
        let key = Inputs::hash(para, measure);
        if let Some((_, lines)) = self
            .seen
            .get(&key)
            .and_then(|same| same.iter().find(|(i, _)| i.are(para, measure)))
        {
            return Ok(lines.clone());
        }
        let lines = break_lines(shaper, para, measure, warnings)?;
        self.seen
            .entry(key)
            .or_default()
            .push((Inputs::of(para, measure), lines.clone()));
        Ok(lines)
    }
}
