//! The inline markup of paragraphs: `*emphasis*`, `**strong**` and `[text](https://…)`.
//!
//! A backslash makes the next character literal (`\*`). An asterisk followed by a space, or
//! brackets not followed by `(`, are plain text, so "5 * 3" and "[sic]" need no escaping.

use super::model::{Inline, InlineSpan};

/// A markup mistake: what is wrong, and the character offset where it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct MarkupError {
    pub message: String,
    pub offset: usize,
}

#[derive(Default, Clone)]
struct State {
    emphasis: Option<usize>,
    strong: Option<usize>,
    link: Option<String>,
}

/// Parses one paragraph's text.
pub fn parse(text: &str) -> Result<Inline, MarkupError> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut state = State::default();
    let mut current = String::new();
    parse_into(&chars, 0, chars.len(), &mut state, &mut current, &mut spans)?;
    flush(&mut current, &state, &mut spans);
    if let Some(at) = state.strong {
        return Err(unclosed("**", "strong emphasis", at));
    }
    if let Some(at) = state.emphasis {
        return Err(unclosed("*", "emphasis", at));
    }
    Ok(Inline(merge(spans)))
}

fn unclosed(marker: &str, what: &str, offset: usize) -> MarkupError {
    MarkupError {
        message: format!("`{marker}` opens {what} that is never closed"),
        offset,
    }
}

fn flush(current: &mut String, state: &State, spans: &mut Vec<InlineSpan>) {
    if !current.is_empty() {
        spans.push(InlineSpan {
            text: std::mem::take(current),
            emphasis: state.emphasis.is_some(),
            strong: state.strong.is_some(),
            link: state.link.clone(),
        });
    }
}

fn parse_into(
    chars: &[char],
    start: usize,
    end: usize,
    state: &mut State,
    current: &mut String,
    spans: &mut Vec<InlineSpan>,
) -> Result<(), MarkupError> {
    let at = |i: usize| chars.get(i).copied();
    let mut i = start;
    while i < end {
        let c = chars.get(i).copied().unwrap_or_default();
        match c {
            '\\' if i + 1 < end => {
                current.push(at(i + 1).unwrap_or_default());
                i += 2;
            }
            '*' => {
                let double = at(i + 1) == Some('*');
                let width = if double { 2 } else { 1 };
                let next = at(i + width);
                let prev = i.checked_sub(1).and_then(at);
                let open = if double { state.strong } else { state.emphasis };
                let can_close = open.is_some() && prev.is_some_and(|p| !p.is_whitespace());
                let can_open = open.is_none() && next.is_some_and(|n| !n.is_whitespace());
                if can_close || can_open {
                    flush(current, state, spans);
                    let slot = if double {
                        &mut state.strong
                    } else {
                        &mut state.emphasis
                    };
                    *slot = if can_close { None } else { Some(i) };
                } else {
                    current.extend(std::iter::repeat_n('*', width));
                }
                i += width;
            }
            '[' if state.link.is_none() => match link_at(chars, i, end)? {
                Some((label_end, url, after)) => {
                    flush(current, state, spans);
                    state.link = Some(url);
                    parse_into(chars, i + 1, label_end, state, current, spans)?;
                    flush(current, state, spans);
                    state.link = None;
                    i = after;
                }
                None => {
                    current.push('[');
                    i += 1;
                }
            },
            _ => {
                current.push(c);
                i += 1;
            }
        }
    }
    Ok(())
}

/// Recognises `[label](url)` at `open`: the label's end, the url, and the offset after `)`.
fn link_at(
    chars: &[char],
    open: usize,
    end: usize,
) -> Result<Option<(usize, String, usize)>, MarkupError> {
    let mut depth = 0usize;
    let mut close = None;
    let mut i = open + 1;
    while i < end {
        match chars.get(i) {
            Some('\\') => i += 1,
            Some('[') => depth += 1,
            Some(']') if depth == 0 => {
                close = Some(i);
                break;
            }
            Some(']') => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    let Some(close) = close else {
        return Ok(None);
    };
    if chars.get(close + 1) != Some(&'(') {
        return Ok(None);
    }
    let url_start = close + 2;
    // An address has no spaces: one before the `)` means the `)` is missing.
    let url_end = (url_start..end)
        .find(|&j| chars.get(j).is_some_and(|c| *c == ')' || c.is_whitespace()))
        .filter(|&j| chars.get(j) == Some(&')'));
    let Some(url_end) = url_end else {
        return Err(MarkupError {
            message: "link address is not closed with `)`".into(),
            offset: close + 1,
        });
    };
    let url: String = chars
        .get(url_start..url_end)
        .unwrap_or_default()
        .iter()
        .collect();
    let scheme_ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| url.starts_with(s));
    if !scheme_ok || url.contains(char::is_whitespace) {
        return Err(MarkupError {
            message: format!(
                "link address `{url}` is not a web or e-mail address (https://…, http://… or mailto:…)"
            ),
            offset: url_start,
        });
    }
    if close == open + 1 {
        return Err(MarkupError {
            message: "link has no text between `[` and `]`".into(),
            offset: open,
        });
    }
    Ok(Some((close, url, url_end + 1)))
}

/// Joins neighbouring spans of the same style, so layout sees as few runs as possible.
fn merge(spans: Vec<InlineSpan>) -> Vec<InlineSpan> {
    let mut merged: Vec<InlineSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last)
                if last.emphasis == span.emphasis
                    && last.strong == span.strong
                    && last.link == span.link =>
            {
                last.text.push_str(&span.text);
            }
            _ => merged.push(span),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, emphasis: bool, strong: bool, link: Option<&str>) -> InlineSpan {
        InlineSpan {
            text: text.into(),
            emphasis,
            strong,
            link: link.map(Into::into),
        }
    }

    #[test]
    fn emphasis_strong_and_links() {
        let inline = parse("a *b* **c** [d *e*](https://x.ma) f").unwrap_or_default();
        assert_eq!(
            inline.0,
            vec![
                span("a ", false, false, None),
                span("b", true, false, None),
                span(" ", false, false, None),
                span("c", false, true, None),
                span(" ", false, false, None),
                span("d ", false, false, Some("https://x.ma")),
                span("e", true, false, Some("https://x.ma")),
                span(" f", false, false, None),
            ]
        );
    }

    #[test]
    fn plain_asterisks_brackets_and_escapes() {
        assert_eq!(
            parse("5 * 3 [sic] \\*x\\*").map(|i| i.text()),
            Ok("5 * 3 [sic] *x*".into())
        );
        assert_eq!(parse("5 * 3").map(|i| i.0.len()), Ok(1));
    }

    #[test]
    fn mistakes_are_reported_with_their_offset() {
        assert_eq!(
            parse("un **texte sans fin"),
            Err(MarkupError {
                message: "`**` opens strong emphasis that is never closed".into(),
                offset: 3
            })
        );
        assert_eq!(parse("[site](aim.um6p.ma)").map_err(|e| e.offset), Err(7));
        assert_eq!(
            parse("[site](https://aim.um6p.ma").map_err(|e| e.offset),
            Err(6)
        );
    }
}
