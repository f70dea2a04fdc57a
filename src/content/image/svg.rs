//! SVG images: recognised by their first element, parsed once with the bundled fonts, and
//! kept inside the content folder.
//!
//! An SVG may embed pictures (`<image href>`): only regular files inside the content folder,
//! PNG or JPEG, under the same limits as images the content names, or `data:` pictures whose
//! pixels count against the pixel limit. Anything else is refused, naming the reference.
//! Text is set in the bundled faces: generic families and the usual system fonts map to them,
//! and a character none of them has is reported rather than silently dropped.

use std::collections::HashSet;

use std::path::{Component, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use usvg::fontdb;

use super::{MAX_IMAGE_BYTES, Problem, read_limited};
use crate::content::read::{Refused, open_regular_inside};
use crate::raster::{self, MAX_PIXELS};

/// Where an SVG file lives: references are resolved from its folder and must stay inside
/// the content folder. Both paths are canonical.
pub struct Home {
    pub root: PathBuf,
    pub folder: PathBuf,
}

/// A parsed SVG and what it could not do as drawn.
pub struct Parsed {
    pub tree: Arc<usvg::Tree>,
    /// Text that will look different, or is missing: each a message and a hint.
    pub warnings: Vec<Problem>,
}

/// Whether `data` is an SVG document: its first element, after any XML declaration,
/// comments, processing instructions and document type, is `<svg`. (A licence in a comment
/// can be any length.)
pub fn looks_like_svg(data: &[u8]) -> bool {
    let mut rest = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    // Each step moves past what it looked at, so the whole walk reads the file about once;
    // a prologue of more than a few hundred parts is no SVG anyone drew.
    for _ in 0..PROLOGUE_PARTS {
        rest = trim_start(rest);
        let skipped = if rest.starts_with(b"<?") {
            after(rest, b"?>")
        } else if rest.starts_with(b"<!--") {
            after(rest, b"-->")
        } else if rest.starts_with(b"<!DOCTYPE") {
            // An internal subset in brackets may hold `>`: a `[` before the first `>` opens one.
            let close = rest.iter().position(|&b| b == b'>');
            let opens =
                close.is_some_and(|c| rest.get(..c).is_some_and(|head| head.contains(&b'[')));
            if opens {
                after(rest, b"]").and_then(|r| after(r, b">"))
            } else {
                close.and_then(|c| rest.get(c + 1..))
            }
        } else {
            return rest.starts_with(b"<svg") || rest.starts_with(b"<svg:svg");
        };
        match skipped {
            Some(next) => rest = next,
            None => return false,
        }
    }
    false
}

/// The most declarations, comments and processing instructions before `<svg`.
const PROLOGUE_PARTS: usize = 256;

/// The most pictures one SVG may embed, nested ones included.
const MAX_EMBEDDED: usize = 64;

/// The most characters a warning lists.
const SHOWN_CHARS: usize = 24;

fn trim_start(data: &[u8]) -> &[u8] {
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    data.get(start..).unwrap_or_default()
}

fn after<'a>(data: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
    let at = data.windows(end.len()).position(|w| w == end)?;
    data.get(at + end.len()..)
}

/// What the resolvers saw while usvg parsed: refusals, pixels embedded, fonts stood in for.
#[derive(Default)]
struct Seen {
    refused: Vec<Problem>,
    pixels: u64,
    embedded: usize,
    substituted: Vec<String>,
}

/// The resolvers' shared record.
struct Notes<'a>(&'a Mutex<Seen>);

impl Notes<'_> {
    fn with<R>(&self, f: impl FnOnce(&mut Seen) -> R) -> R {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Parses `data`, which [`looks_like_svg`], resolving references from `home` (none: every
/// file reference is refused, as for bundled icons).
pub fn parse(data: &[u8], home: Option<&Home>) -> Result<Parsed, Problem> {
    // Drawn, characters no bundled font has would be empty boxes (and break PDF/UA): they
    // are taken out of the text before parsing.
    let missing = missing_chars(data);
    let kept = if missing.is_empty() {
        None
    } else {
        without(data, &missing)
    };
    let (tree, seen) = parse_once(kept.as_deref().map_or(data, str::as_bytes), home)?;
    let mut warnings = Vec::new();
    if !missing.is_empty() {
        let mut chars: String = missing.iter().take(SHOWN_CHARS).collect();
        if missing.len() > SHOWN_CHARS {
            chars.push('…');
        }
        warnings.push((
            format!(
                "has text with characters no bundled font has ({}): they are left out",
                chars.escape_debug()
            ),
            "convert the logo's text to outlines (paths) in a vector editor".to_owned(),
        ));
    }
    if !seen.substituted.is_empty() {
        warnings.push((
            format!(
                "sets its text in {}, which is not bundled: it is drawn in {} instead",
                seen.substituted
                    .iter()
                    .map(|n| format!("`{}`", clip(n)))
                    .collect::<Vec<_>>()
                    .join(", "),
                crate::fonts::Family::NotoSans.name()
            ),
            "convert the logo's text to outlines (paths) in a vector editor to keep its lettering"
                .to_owned(),
        ));
    }
    if past_edge(tree.root(), tree.size()) {
        warnings.push((
            "has text that runs past its edge, set in the bundled fonts, and is cut there"
                .to_owned(),
            "convert the logo's text to outlines (paths) in a vector editor, or give it room"
                .to_owned(),
        ));
    }
    Ok(Parsed {
        tree: Arc::new(tree),
        warnings,
    })
}

/// Whether a text of `group` reaches past the picture's edges (by more than a hair): set in
/// another font than its designer's, a wordmark may no longer fit its box.
fn past_edge(group: &usvg::Group, size: usvg::Size) -> bool {
    let slack = size.width().max(size.height()) * 0.005;
    group.children().iter().any(|node| match node {
        usvg::Node::Text(text) => {
            let b = text.abs_bounding_box();
            b.left() < -slack
                || b.top() < -slack
                || b.right() > size.width() + slack
                || b.bottom() > size.height() + slack
        }
        usvg::Node::Group(g) => past_edge(g, size),
        _ => false,
    })
}

/// The SVG's text nodes, from its source (none if it is not well-formed UTF-8 XML: usvg
/// will say so).
fn texts(source: &str, each: &mut dyn FnMut(roxmltree::Node)) {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    if let Ok(document) = roxmltree::Document::parse_with_options(source, options) {
        document
            .descendants()
            .filter(|n| n.is_text() && n.ancestors().any(|a| a.has_tag_name("text")))
            .for_each(each);
    }
}

/// The characters of the SVG's text that no bundled face has, in the order they come.
fn missing_chars(data: &[u8]) -> Vec<char> {
    let mut missing = Vec::new();
    let Ok(source) = std::str::from_utf8(data) else {
        return missing;
    };
    if !source.contains("<text") {
        return missing;
    }
    let Ok(book) = crate::fonts::FontBook::bundled() else {
        return missing;
    };
    let mut seen = HashSet::new();
    texts(source, &mut |node| {
        for c in node.text().unwrap_or_default().chars() {
            if c.is_whitespace() || c.is_control() || !seen.insert(c) {
                continue;
            }
            if !book.faces().any(|(_, face)| face.has_char(c)) {
                missing.push(c);
            }
        }
    });
    missing
}

/// The SVG's source with `missing` taken out of the text its `<text>` elements hold. Each
/// text is written again from its decoded form, so that a character given as an entity
/// (`&#x6E2F;`) goes too.
fn without(data: &[u8], missing: &[char]) -> Option<String> {
    let source = std::str::from_utf8(data).ok()?;
    let missing: HashSet<char> = missing.iter().copied().collect();
    let mut texts_at: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    texts(source, &mut |node| {
        let kept: String = node
            .text()
            .unwrap_or_default()
            .chars()
            .filter(|c| !missing.contains(c))
            .collect();
        texts_at.push((node.range(), kept));
    });
    texts_at.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (range, kept) in texts_at {
        out.push_str(source.get(at..range.start)?);
        for c in kept.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        at = range.end;
    }
    out.push_str(source.get(at..)?);
    Some(out)
}

/// One parse, and what the resolvers saw during it.
fn parse_once(data: &[u8], home: Option<&Home>) -> Result<(usvg::Tree, Seen), Problem> {
    let seen = Mutex::new(Seen::default());
    let notes = Notes(&seen);
    let notes = &notes;
    let options = usvg::Options {
        fontdb: crate::fonts::svg_fonts(),
        font_family: crate::fonts::Family::NotoSans.name().to_owned(),
        resources_dir: None,
        font_resolver: usvg::FontResolver {
            select_font: Box::new(|font, db| {
                let (id, substituted) = select_font(font, db);
                if let Some(name) = substituted {
                    notes.with(|s| {
                        // A few names say it; a logo with thousands would not say more.
                        if s.substituted.len() < 4 && !s.substituted.contains(&name) {
                            s.substituted.push(name);
                        }
                    });
                }
                id
            }),
            select_fallback: usvg::FontResolver::default_fallback_selector(),
        },
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_mime, data, options| {
                embedded(&data, "a `data:` picture", options, notes)
            }),
            resolve_string: Box::new(|href, options| {
                let reference = format!("`{}`", clip(href));
                match referenced_file(href, home) {
                    Ok(data) => embedded(&data, &reference, options, notes),
                    Err((message, hint)) => {
                        notes.with(|s| {
                            s.refused
                                .push((format!("refers to {reference}, {message}"), hint))
                        });
                        None
                    }
                }
            }),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(data, &options).map_err(|e| {
        (
            format!("is not a valid SVG image ({e})"),
            "open and save it again in a vector editor".to_owned(),
        )
    })?;
    drop(options);
    let seen = seen.into_inner().unwrap_or_else(PoisonError::into_inner);
    if let Some(refused) = seen.refused.first().cloned() {
        return Err(refused);
    }
    if seen.pixels > MAX_PIXELS {
        return Err((
            format!(
                "embeds pictures of {} million pixels in all, more than the {} million allowed",
                seen.pixels / 1_000_000,
                MAX_PIXELS / 1_000_000
            ),
            "scale the embedded pictures down to the size they are shown".into(),
        ));
    }
    Ok((tree, seen))
}

/// References as written can be long or hold control characters: shown clipped and escaped.
fn clip(text: &str) -> String {
    let shown: String = text.chars().take(80).collect();
    let ellipsis = if text.chars().count() > 80 { "…" } else { "" };
    format!("{}{ellipsis}", shown.escape_debug())
}

/// Fonts every system has, which logos name without embedding: set in the bundled face of
/// their kind without a word. Any other named font is noted (the logo will look different).
const COMMON_SANS: [&str; 12] = [
    "arial",
    "helvetica",
    "helvetica neue",
    "verdana",
    "tahoma",
    "segoe ui",
    "calibri",
    "liberation sans",
    "dejavu sans",
    "open sans",
    "roboto",
    "system-ui",
];
const COMMON_SERIF: [&str; 6] = [
    "times",
    "times new roman",
    "georgia",
    "cambria",
    "liberation serif",
    "dejavu serif",
];

/// The bundled face for `font`, and the name of a font it stands in for unannounced.
fn select_font(
    font: &usvg::Font,
    db: &mut Arc<fontdb::Database>,
) -> (Option<fontdb::ID>, Option<String>) {
    let mut families = Vec::new();
    let mut unknown = None;
    for family in font.families() {
        families.push(match family {
            usvg::FontFamily::Serif => fontdb::Family::Serif,
            usvg::FontFamily::SansSerif
            | usvg::FontFamily::Cursive
            | usvg::FontFamily::Fantasy
            | usvg::FontFamily::Monospace => fontdb::Family::SansSerif,
            usvg::FontFamily::Named(name) => {
                let lower = name.to_lowercase();
                let bundled = db
                    .faces()
                    .any(|f| f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)));
                if bundled {
                    fontdb::Family::Name(name)
                } else if COMMON_SERIF.contains(&lower.as_str()) {
                    fontdb::Family::Serif
                } else if COMMON_SANS.contains(&lower.as_str()) {
                    fontdb::Family::SansSerif
                } else {
                    unknown.get_or_insert_with(|| name.clone());
                    continue;
                }
            }
        });
    }
    // Only when no family in the list is at hand does the logo change its look (a list that
    // ends in `Arial` or `sans-serif` has its fallback).
    let substituted = if families.is_empty() { unknown } else { None };
    // No family at all: the sans.
    families.push(fontdb::Family::SansSerif);
    let style = match font.style() {
        usvg::FontStyle::Normal => fontdb::Style::Normal,
        usvg::FontStyle::Italic | usvg::FontStyle::Oblique => fontdb::Style::Italic,
    };
    let query = fontdb::Query {
        families: &families,
        weight: fontdb::Weight(font.weight()),
        stretch: fontdb::Stretch::Normal,
        style,
    };
    (db.query(&query), substituted)
}

/// A picture the SVG embeds, checked like any image: PNG or JPEG decoded whole (pixels counted
/// against the limit), an SVG parsed with the same rules.
fn embedded(
    data: &[u8],
    reference: &str,
    options: &usvg::Options,
    notes: &Notes,
) -> Option<usvg::ImageKind> {
    let refuse = |message: String, hint: &str| {
        notes.with(|s| {
            s.refused.push((
                format!("embeds {reference}, which {message}"),
                hint.to_owned(),
            ))
        });
        None
    };
    if notes.with(|s| {
        s.embedded += 1;
        s.embedded
    }) > MAX_EMBEDDED
    {
        return refuse(
            format!("is one picture too many (an SVG may embed {MAX_EMBEDDED})"),
            "flatten the logo into fewer pictures",
        );
    }
    let format = match imagesize::image_type(data) {
        Ok(imagesize::ImageType::Png) => raster::Format::Png,
        Ok(imagesize::ImageType::Jpeg) => raster::Format::Jpeg,
        _ if looks_like_svg(data) => {
            // As SVG asks of a picture an SVG embeds: its own file references are ignored
            // (so none can lead back to it), its `data:` pictures checked like these.
            return match usvg::Tree::from_data_nested(data, options) {
                Ok(tree) => Some(usvg::ImageKind::SVG(tree)),
                Err(e) => refuse(format!("is not a valid SVG image ({e})"), "embed it as PNG"),
            };
        }
        _ => {
            return refuse(
                "is not a PNG, JPEG or SVG image".into(),
                "embed it as PNG or JPEG",
            );
        }
    };
    // Counted before decoding, so that many pictures cannot add up past the limit.
    if let Ok(size) = imagesize::blob_size(data) {
        let pixels = (size.width as u64).saturating_mul(size.height as u64);
        let total = notes.with(|s| {
            s.pixels = s.pixels.saturating_add(pixels);
            s.pixels
        });
        if total > MAX_PIXELS {
            return None;
        }
    }
    match raster::decode(format, data) {
        Ok(_) => {
            let data = Arc::new(data.to_vec());
            Some(match format {
                raster::Format::Png => usvg::ImageKind::PNG(data),
                raster::Format::Jpeg => usvg::ImageKind::JPEG(data),
            })
        }
        Err(e) => refuse(e.to_string(), "export the embedded picture again"),
    }
}

/// The bytes of the file `href` names, if it is a regular file inside the content folder.
fn referenced_file(href: &str, home: Option<&Home>) -> Result<Vec<u8>, Problem> {
    let lower = href.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err((
            "a web address: plaquette never downloads".into(),
            "download the picture into the content folder and refer to it by a relative path"
                .into(),
        ));
    }
    let scheme = lower.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme {
        return Err((
            "an address plaquette does not read".into(),
            "refer to a file inside the content folder by a relative path".into(),
        ));
    }
    let outside = || {
        (
            "a file outside the content folder".to_owned(),
            "copy the picture into the content folder and refer to it by a relative path"
                .to_owned(),
        )
    };
    let Some(home) = home else {
        return Err(outside());
    };
    let relative = PathBuf::from(href.trim());
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Err(outside());
    }
    let file =
        open_regular_inside(&home.root, &home.folder.join(&relative)).map_err(|refused| {
            match refused {
                Refused::Missing => (
                    "a file that is missing".to_owned(),
                    "put the picture next to the SVG, or fix the reference".to_owned(),
                ),
                Refused::Outside => outside(),
                Refused::NotRegular => (
                    "not a regular file".to_owned(),
                    "refer to an image file".to_owned(),
                ),
                Refused::Unreadable(e) => (
                    format!("a file that cannot be read ({e})"),
                    "check the file".to_owned(),
                ),
            }
        })?;
    let data = read_limited(file)?;
    if data.len() as u64 > MAX_IMAGE_BYTES {
        return Err(outside());
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svgs_are_recognised_behind_long_prologues() {
        let licence = format!(
            "<!-- {} -->",
            "Licensed under the Apache License. ".repeat(200)
        );
        let svg = format!(
            "\u{FEFF}<?xml version=\"1.0\"?>\n{licence}\n<!DOCTYPE svg [ <!ENTITY a \"b>\"> ]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        );
        assert!(looks_like_svg(svg.as_bytes()));
        assert!(!looks_like_svg(b"<html><svg/></html>"));
        assert!(!looks_like_svg(b"<!-- never closed <svg"));
        assert!(!looks_like_svg(b"GIF89a"));
    }
}
