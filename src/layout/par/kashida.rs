//! Kashida: where an Arabic word may be elongated to justify its line, and by how much.
//!
//! Arabic is justified by lengthening the connection between two letters (the kashida, drawn
//! with tatweel glyphs) as well as by widening spaces. Where a connection may be lengthened
//! follows the priorities Microsoft published for its Arabic justification and that
//! LibreOffice implements (`i18nutil/source/utility/kashida.cxx`), as described by Mamoun
//! Sakkal in "The big kashida secret" (khtt.net/en/page/1821): after seen and sad, then
//! before the final forms of ta marbuta, ha and dal, then of alef, ta, lam and kaf, then
//! before a medial ba-family letter that precedes a final ra or ya, then before the final
//! forms of waw, ain, qaf and fa, then of any other letter. Titus Nemeth ("On Arabic
//! justification", University of Reading, 2017) and the W3C's Arabic layout requirements
//! (`alreq`, §Justification) add the restraint followed here: one kashida a word at most,
//! none in short words, few a line and spread from its end, spaces taking the rest.
//!
//! A candidate is kept only where inserting a tatweel leaves the word's other glyphs as they
//! were: lam-alef and the font's other contextual forms are never pulled apart.

use std::ops::Range;

use super::collect::{Item, PGlyph, SegInfo, text_range};
use crate::compose::Para;
use crate::layout::shape::{Features, Shaper};
use crate::locale::is_mark;
use crate::units::Pt;

/// Words shorter than this many letters, the article «ال» not counted, are never elongated
/// (في، من، على، التي).
const MIN_LETTERS: usize = 4;
/// How many kashidas a line may have, and how long each may be, in tatweels.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub count: usize,
    pub tatweels: f32,
}

/// At most two kashidas a line, each at most three tatweels long (about 0.6 em in Naskh).
pub const USUAL: Limit = Limit {
    count: 2,
    tatweels: 3.0,
};
/// Twice as many, twice as long, on a line that would otherwise be set ragged.
pub const LAST_RESORT: Limit = Limit {
    count: 4,
    tatweels: 4.0,
};
/// Shorter than this many tatweels a kashida would not be seen: spaces take the difference.
const MIN_TATWEELS: f32 = 0.5;

/// Where a word may be elongated: after glyph `after` of the paragraph, with the rank of the
/// rule that allows it (1 is best).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kashida {
    pub after: usize,
    pub priority: u8,
}

/// How an Arabic letter joins its neighbours (Unicode's Joining_Type, for the letters
/// Arabic-script languages use).
#[derive(Clone, Copy, PartialEq)]
enum Joining {
    /// Joins on both sides (ب).
    Dual,
    /// Joins only the letter before it (ا، د، ر، و).
    Right,
    /// Joins neither (ء).
    None,
    /// Tatweel: joins both sides and is itself an elongation.
    Causing,
}

fn joining(c: char) -> Option<Joining> {
    Some(match c {
        '\u{640}' => Joining::Causing,
        '\u{621}' => Joining::None,
        '\u{622}'..='\u{625}'
        | '\u{627}'
        | '\u{629}'
        | '\u{62F}'..='\u{632}'
        | '\u{648}'
        | '\u{671}'..='\u{673}'
        | '\u{675}'..='\u{677}'
        | '\u{688}'..='\u{699}'
        | '\u{6C0}'
        | '\u{6C3}'..='\u{6CB}'
        | '\u{6CD}'
        | '\u{6CF}'
        | '\u{6D2}'
        | '\u{6D3}' => Joining::Right,
        '\u{620}'
        | '\u{626}'
        | '\u{628}'
        | '\u{62A}'..='\u{62E}'
        | '\u{633}'..='\u{63F}'
        | '\u{641}'..='\u{647}'
        | '\u{649}'
        | '\u{64A}'
        | '\u{66E}'
        | '\u{66F}'
        | '\u{678}'..='\u{687}'
        | '\u{69A}'..='\u{6BF}'
        | '\u{6C1}'
        | '\u{6C2}'
        | '\u{6CC}'
        | '\u{6CE}'
        | '\u{6D0}'
        | '\u{6D1}' => Joining::Dual,
        _ => return None,
    })
}

fn joins_next(c: char) -> bool {
    matches!(joining(c), Some(Joining::Dual | Joining::Causing))
}

fn joins_previous(c: char) -> bool {
    matches!(
        joining(c),
        Some(Joining::Dual | Joining::Right | Joining::Causing)
    )
}

fn is_alef(c: char) -> bool {
    matches!(c, '\u{622}' | '\u{623}' | '\u{625}' | '\u{627}' | '\u{671}')
}

/// The rank of the connection from `a` to `b` (letters of one word, marks skipped), where
/// `b_final` says whether `b` ends its connected piece and `after_b` is the letter after it,
/// if that one is in a final form.
fn priority(a: char, b: char, b_final: bool, final_after_b: Option<char>) -> Option<u8> {
    if !joins_next(a) || !joins_previous(b) || (a == 'ل' && is_alef(b)) {
        return None;
    }
    let rank = if a == '\u{640}' {
        1
    } else if matches!(a, 'س' | 'ش' | 'ص' | 'ض') {
        2
    } else if b_final && matches!(b, 'ة' | 'ه' | 'د' | 'ذ') {
        3
    } else if b_final && (is_alef(b) || matches!(b, 'ط' | 'ظ' | 'ل' | 'ك' | 'ک' | 'گ')) {
        4
    } else if !b_final
        && matches!(b, 'ب' | 'ت' | 'ث' | 'ن' | 'ي' | 'ئ' | 'ی' | 'پ' | 'ٮ')
        && final_after_b.is_some_and(|c| matches!(c, 'ر' | 'ز' | 'ي' | 'ى' | 'ی'))
    {
        5
    } else if b_final && matches!(b, 'و' | 'ؤ' | 'ع' | 'غ' | 'ق' | 'ف') {
        6
    } else if b_final {
        7
    } else {
        return None;
    };
    Some(rank)
}

/// Whether `word` has fewer than four letters, the article «ال» not counted: too short for
/// a kashida.
pub fn is_short(word: &str) -> bool {
    let letters = word.chars().filter(|&c| joining(c).is_some()).count();
    let article = if word.starts_with("ال") { 2 } else { 0 };
    letters < MIN_LETTERS + article
}

/// The places a word may be elongated, as byte offsets into `word` (the tatweel goes before
/// that byte) with their rank; none for words under four letters.
pub fn candidates(word: &str) -> Vec<(usize, u8)> {
    let letters: Vec<(usize, char)> = word
        .char_indices()
        .filter(|&(_, c)| joining(c).is_some())
        .collect();
    // A word is a run of Arabic letters and marks; anything else (a digit, Latin) means the
    // letters on either side do not join, and the word is not one to elongate.
    if is_short(word) || word.chars().any(|c| joining(c).is_none() && !is_mark(c)) {
        return Vec::new();
    }
    // A letter is in its final form when it joins the one before but not the one after.
    let is_final = |n: usize| {
        letters.get(n).is_some_and(|&(_, c)| {
            let next = letters.get(n + 1).map(|&(_, c)| c);
            !joins_next(c) || next.is_none_or(|c| !joins_previous(c))
        })
    };
    let mut found = Vec::new();
    for (n, pair) in letters.windows(2).enumerate() {
        let [(_, a), (at, b)] = pair else { continue };
        let after_b = letters
            .get(n + 2)
            .map(|&(_, c)| c)
            .filter(|_| is_final(n + 2));
        if let Some(rank) = priority(*a, *b, is_final(n + 1), after_b) {
            found.push((*at, rank));
        }
    }
    found
}

/// Marks the best kashida of each Arabic word in `items`: the best-ranked candidate, the last
/// of equal rank, where a tatweel changes none of the word's glyphs.
pub fn mark(
    shaper: &mut Shaper,
    para: &Para,
    text: &str,
    glyphs: &[PGlyph],
    segs: &[SegInfo],
    items: &mut [Item],
) {
    for item in items {
        let Item::Box {
            glyphs: range,
            kashida,
            ..
        } = item
        else {
            continue;
        };
        *kashida = best(shaper, para, text, glyphs, segs, range.clone());
    }
}

fn best(
    shaper: &mut Shaper,
    para: &Para,
    text: &str,
    glyphs: &[PGlyph],
    segs: &[SegInfo],
    range: Range<usize>,
) -> Option<Kashida> {
    let first = glyphs.get(range.start)?;
    let seg = segs.get(first.seg)?;
    seg.tatweel.as_ref()?;
    let slice = glyphs.get(range.clone())?;
    if slice.iter().any(|g| g.seg != first.seg) {
        return None;
    }
    let Range {
        start: from,
        end: to,
    } = text_range(slice)?;
    // The word without the punctuation around it («الحلول،», «(المغرب)»).
    let boxed = text.get(from..to)?;
    let letter = |c: char| joining(c).is_some() || is_mark(c);
    let lead = boxed.len() - boxed.trim_start_matches(|c| !letter(c)).len();
    let word = boxed.trim_matches(|c| !letter(c));
    let from = from + lead;
    let mut found = candidates(word);
    // Best rank first; of equal rank, the last in the word.
    found.sort_by_key(|&(at, rank)| (rank, std::cmp::Reverse(at)));
    let style = para.runs.get(seg.run)?.style;
    let features = Features::of(&style);
    let shaped = shaper.shape(seg.face, word, para.lang, features, true);
    let ids: Vec<u32> = shaped.iter().map(|g| g.id).collect();
    for (at, rank) in found {
        // The glyph the tatweel follows: the last of the letter before `at` (with its marks);
        // the next glyph must start at `at`, or the two letters share a ligature.
        let after = range.clone().rev().find(|&i| {
            glyphs
                .get(i)
                .is_some_and(|g| g.glyph.range.end <= from + at)
        })?;
        let next_starts = glyphs
            .get(after + 1)
            .is_some_and(|g| g.glyph.range.start == from + at);
        if !next_starts {
            continue;
        }
        let mut elongated = word.to_owned();
        elongated.insert(at, '\u{640}');
        let with = shaper.shape(seg.face, &elongated, para.lang, features, true);
        let kept: Vec<u32> = with
            .iter()
            .filter(|g| g.cluster != at)
            .map(|g| g.id)
            .collect();
        if kept == ids {
            return Some(Kashida {
                after,
                priority: rank,
            });
        }
    }
    None
}

/// The longest usual kashida of a paragraph whose widest tatweel is `tatweel`.
pub fn longest(tatweel: Pt) -> Pt {
    tatweel * USUAL.tatweels
}

/// The kashidas of one line: which of `points` (in the line's logical order, with the
/// tatweel's advance of each) are used and how long each is, for a line `short` of its
/// measure, within `limit`. As few as can take it at their usual length: the line is cut into that many equal
/// parts by word and each part gets its best-ranked point (nearer the end on a tie). What
/// they do not take is left to the spaces.
pub fn plan(points: &[(Kashida, Pt)], short: Pt, limit: Limit) -> Vec<(usize, Pt)> {
    let Some(tatweel) = points.iter().map(|(_, t)| *t).find(|t| t.0 > 0.0) else {
        return Vec::new();
    };
    if short < tatweel * MIN_TATWEELS {
        return Vec::new();
    }
    let most = tatweel * limit.tatweels;
    // As many as it takes at the usual length: more kashidas rather than longer ones.
    let wanted = (short / longest(tatweel)).ceil().max(1.0) as usize;
    let count = wanted.min(limit.count).min(points.len()).max(1);
    // The best point of `points[range]`, as an index into `points`.
    let best_in = |range: Range<usize>| {
        range.min_by_key(|&i| {
            let rank = points.get(i).map_or(u8::MAX, |(k, _)| k.priority);
            (rank, std::cmp::Reverse(i))
        })
    };
    let chosen: Vec<usize> = (0..count)
        .filter_map(|part| best_in(part * points.len() / count..(part + 1) * points.len() / count))
        .collect();
    let each = (short / chosen.len().max(1) as f32).min(most);
    chosen
        .into_iter()
        .filter_map(|i| points.get(i).map(|(k, _)| (k.after, each)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters a candidate falls between, for reading the tests.
    fn pairs(word: &str) -> Vec<(String, u8)> {
        candidates(word)
            .into_iter()
            .map(|(at, rank)| {
                let before = word[..at].chars().rev().find(|c| !is_mark(*c)).unwrap();
                let after = word[at..].chars().next().unwrap();
                (format!("{before}{after}"), rank)
            })
            .collect()
    }

    #[test]
    fn short_words_are_never_elongated() {
        for word in ["في", "من", "على", "إلى", "التي", "عبر"] {
            assert!(candidates(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn lam_alef_is_never_pulled_apart() {
        // خلال: the only joins are خ-ل and the lam-alef; the lam-alef is not a candidate.
        let found = pairs("خلال");
        assert!(found.iter().all(|(p, _)| p != "لا"), "{found:?}");
        assert!(pairs("الاستقلال").iter().all(|(p, _)| p != "لا"));
    }

    #[test]
    fn ranks_follow_the_rules() {
        // After seen: 2; before a final ta marbuta: 3.
        assert!(pairs("مدرسة").contains(&("سة".into(), 2)));
        assert!(pairs("جامعة").contains(&("عة".into(), 3)));
        // Before a final alef: 4; the joins into medial letters are no candidates.
        assert_eq!(pairs("علماء"), vec![("ما".into(), 4)]);
        // Before a medial ba-family letter followed by a final ra (تعبـير), not before one
        // followed by a medial ya (تعـبير).
        assert_eq!(pairs("تعبير"), vec![("بي".into(), 5), ("ير".into(), 7)]);
        // Before a final waw: 6; before another final letter: 7.
        assert!(pairs("تقدمو").contains(&("مو".into(), 6)));
        assert!(pairs("تعلمن").contains(&("من".into(), 7)));
        // Marks between letters do not hide a join.
        assert!(!candidates("قَطَبًا").is_empty());
    }

    #[test]
    fn words_with_other_characters_are_left_alone() {
        assert!(candidates("كتاب1").is_empty());
        assert!(candidates("abcd").is_empty());
    }

    fn point(after: usize, priority: u8) -> (Kashida, Pt) {
        (Kashida { after, priority }, Pt(2.0))
    }

    #[test]
    fn a_line_gets_at_most_two_spread_from_its_end() {
        let points = [
            point(1, 4),
            point(5, 2),
            point(9, 7),
            point(14, 4),
            point(20, 4),
        ];
        // A little: nothing. One tatweel: one kashida, the best, nearer the end on a tie.
        assert!(plan(&points, Pt(0.5), USUAL).is_empty());
        assert_eq!(plan(&points, Pt(2.0), USUAL), vec![(5, Pt(2.0))]);
        // More than one can take: two, one in each half, each at most three tatweels.
        assert_eq!(plan(&points, Pt(6.0), USUAL), vec![(5, Pt(6.0))]);
        let two = plan(&points, Pt(9.0), USUAL);
        assert_eq!(two, vec![(5, Pt(4.5)), (20, Pt(4.5))]);
        let capped = plan(&points, Pt(20.0), USUAL);
        assert_eq!(capped, vec![(5, Pt(6.0)), (20, Pt(6.0))]);
        // The last resort: four, one in each quarter, up to four tatweels each.
        let four = plan(&points, Pt(20.0), LAST_RESORT);
        assert_eq!(four.len(), 4, "{four:?}");
        assert!(four.iter().all(|(_, l)| *l == Pt(5.0)));
        assert_eq!(plan(&points, Pt(40.0), LAST_RESORT).len(), 4);
        assert!(plan(&[], Pt(6.0), USUAL).is_empty());
    }
}
