//! The template pages with fixed places: the brochure's cover and back cover, the fact
//! sheet's header band, and the running footer.
//!
//! Texts here are display texts of any length (a long name, a tagline of two sentences, a
//! footer with a long address): they wrap, and when they still do not fit their place they
//! step down the type scale; what cannot fit even so is an error at the text's line in the
//! content. Nothing is ever drawn over something else, nor cut.

use super::LayoutError;
use super::frame::{Crop, Fill, Item, Page, PlacedImage, Rect};
use super::place::{Placer, SHRINK_STEPS, Slot};
use crate::compose::{BackCover, Cover, CoverLayout, Footer, Header, Logo, PageStyle, Para, Role};
use crate::units::{Colour, Pt};

fn fill(x: Pt, y: Pt, width: Pt, height: Pt, colour: Colour, round: bool) -> Item {
    Item::Fill(Fill {
        rect: Rect {
            x,
            y,
            width,
            height,
        },
        colour,
        role: Role::Artifact,
        round,
    })
}

/// The brand colour to the edges of the bleed.
fn bleed_fill(bleed: Rect, colour: Colour) -> Item {
    fill(bleed.x, bleed.y, bleed.width, bleed.height, colour, false)
}

fn circle(cx: Pt, cy: Pt, r: Pt, colour: Colour) -> Item {
    fill(cx - r, cy - r, r * 2.0, r * 2.0, colour, true)
}

/// The logo `size` wide (and as tall as its proportions make it, at most `size` tall).
fn logo(placer: &mut Placer, logo: &Logo, x: Pt, y: Pt, size: Pt) -> Item {
    let (width, height) = logo_box(logo, size);
    Item::Image(PlacedImage {
        rect: Rect {
            x,
            y,
            width,
            height,
        },
        crop: Crop::WHOLE,
        bleed: false,
        veil: None,
        image: logo.image.clone(),
        role: Role::Figure {
            alt: Some(logo.alt.clone()),
        },
        block: placer.block_id(),
    })
}

/// A logo's size in a square of `size`: a wide wordmark takes the width, a tall emblem the
/// height.
fn logo_box(logo: &Logo, size: Pt) -> (Pt, Pt) {
    let ratio = logo.image.height / logo.image.width.max(1.0);
    if ratio <= 1.0 {
        (size, size * ratio)
    } else {
        (size / ratio, size)
    }
}

/// Sets paragraphs one under the other from `y`; returns the y after the last.
fn column(
    placer: &mut Placer,
    paras: &[Para],
    x: Pt,
    mut y: Pt,
    width: Pt,
    items: &mut Vec<Item>,
) -> Result<Pt, LayoutError> {
    for para in paras {
        let set = placer
            .set(para, width)
            .map_err(|e| LayoutError::from_break(e, para.origin.clone()))?;
        let block = placer.block_id();
        placer.emit_lines(&set, 0..set.lines.len(), Slot { x, y, width }, block, items);
        y += set.height(set.lines.len()) + para.space_after;
    }
    Ok(y)
}

fn height_of(placer: &mut Placer, paras: &[Para], width: Pt) -> Result<Pt, LayoutError> {
    let mut scratch = Vec::new();
    column(placer, paras, Pt::ZERO, Pt::ZERO, width, &mut scratch)
}

/// `paras` at `factor` of their size.
fn scaled(paras: &[Para], factor: f32) -> Vec<Para> {
    paras
        .iter()
        .map(|p| super::place::scaled(p, factor))
        .collect()
}

/// The paragraphs at the largest step of the scale whose height is at most `room`, and that
/// height; an error naming the first paragraph when even the smallest step is too tall.
fn fitted(
    placer: &mut Placer,
    paras: &[Para],
    width: Pt,
    room: Pt,
    what: &'static str,
) -> Result<(Vec<Para>, Pt), LayoutError> {
    let mut tallest = Pt::ZERO;
    for factor in SHRINK_STEPS {
        let candidate = scaled(paras, factor);
        let height = height_of(placer, &candidate, width)?;
        if height <= room {
            return Ok((candidate, height));
        }
        tallest = height;
    }
    Err(LayoutError::NoRoom {
        what,
        origin: paras.iter().find_map(|p| p.origin.clone()),
        by: tallest - room,
    })
}

/// The cover: brand colour to the edges, the artwork, the logo, the names and the tagline,
/// and at its foot the parent university and the edition.
pub fn cover(
    placer: &mut Placer,
    style: &PageStyle,
    cover: &Cover,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let (w, h) = (style.width, style.height);
    let margin = style.inner.max(style.outer);
    let width = w - margin * 2.0;
    let (rule_length, bar) = cover.rule;
    page.items.push(bleed_fill(page.bleed, cover.band));
    match (cover.layout, &cover.photo) {
        (CoverLayout::Photo, Some(photo)) => page
            .items
            .push(photo_item(placer, page.bleed, cover, photo)),
        (CoverLayout::Circles | CoverLayout::Photo, _) => circles(&mut page.items, w, h, cover),
        (CoverLayout::Dots, _) => {
            // The dots keep clear of the logo and its ring.
            let (logo_width, logo_height) = logo_box(&cover.logo, cover.logo_size);
            let clear = Rect {
                x: margin - cover.art * 5.0,
                y: style.top - cover.art * 5.0,
                width: logo_width + cover.art * 10.0,
                height: logo_height + cover.art * 10.0,
            };
            dots(&mut page.items, w, h, cover, clear);
        }
    }
    let (_, logo_height) = logo_box(&cover.logo, cover.logo_size);
    page.items.push(logo(
        placer,
        &cover.logo,
        margin,
        style.top,
        cover.logo_size,
    ));
    // The foot first: the titles take the room between the logo and it.
    let (footnote, foot) = fitted(placer, &cover.footnote, width, h * 0.25, "the cover's foot")?;
    let foot_top = h - style.bottom - foot;
    let rule_gap = bar * 6.5;
    let floor = style.top + logo_height + rule_gap * 2.0;
    let room = foot_top - rule_gap - floor;
    let measure = width * 0.85;
    let (titles, tall) = fitted(placer, &cover.titles, measure, room, "the cover's titles")?;
    // Under the artwork, at half the page when there is room, higher when the titles are
    // long.
    let title_top = (h * 0.5).min(foot_top - rule_gap - tall).max(floor);
    page.items.push(fill(
        margin,
        title_top - rule_gap,
        rule_length,
        bar,
        cover.accent,
        false,
    ));
    column(placer, &titles, margin, title_top, measure, &mut page.items)?;
    column(placer, &footnote, margin, foot_top, width, &mut page.items)?;
    Ok(())
}

/// The cover photo over the whole page and its bleed, cropped around its focus, under a veil
/// of the band colour. Decoration: the cover's text says what the brochure is.
fn photo_item(
    placer: &mut Placer,
    bleed: Rect,
    cover: &Cover,
    (image, focus, veil): &(crate::content::Image, crate::content::Focus, f32),
) -> Item {
    Item::Image(PlacedImage {
        rect: bleed,
        crop: Crop::framed(image, *focus, bleed.height / bleed.width),
        bleed: false,
        veil: Some((cover.band, *veil)),
        image: image.clone(),
        role: Role::Artifact,
        block: placer.block_id(),
    })
}

/// Large quiet circles in tints of the brand colour, and one accent dot.
fn circles(items: &mut Vec<Item>, w: Pt, h: Pt, cover: &Cover) {
    let big = [
        (0.92, 0.16, 78.0, 0.08),
        (0.92, 0.16, 52.0, 0.15),
        (1.02, 0.62, 38.0, 0.05),
    ];
    for (x, y, r, tint) in big {
        items.push(circle(w * x, h * y, cover.art * r, cover.band.tint(tint)));
    }
    items.push(circle(w * 0.78, h * 0.36, cover.art * 9.0, cover.accent));
}

/// A field of dots over the top of the page whose size swells and fades like a wave, a few
/// of them lit in the accent colour: the nodes of a network; none within `clear` (the logo).
fn dots(items: &mut Vec<Item>, w: Pt, h: Pt, cover: &Cover, clear: Rect) {
    let step = cover.art * 8.0;
    let columns = (w / step).ceil() as usize + 1;
    let rows = ((h * 0.4) / step).ceil() as usize;
    let mut dots: Vec<(u8, Item)> = Vec::new();
    for row in 0..rows {
        for col in 0..columns {
            let (x, y) = (col as f32, row as f32);
            let wave = 0.5 + 0.5 * (x * 0.55 + y * 0.35).sin() * (y * 0.4 + x * 0.1).cos();
            let fade = 1.0 - row as f32 / rows as f32;
            let lit = (row * 7 + col * 3) % 23 == 0 && wave > 0.6;
            // Five sizes and tints, so that dots of one kind go out together as one path.
            let level = (wave * fade * 4.0).round() as u8;
            let r = cover.art * (0.21 * (1.0 + f32::from(level)));
            let colour = if lit {
                cover.accent
            } else {
                cover.band.tint(0.12 + 0.0625 * f32::from(level))
            };
            let centre = (step * x + step / 2.0, step * y + step / 2.0);
            let (cx, cy) = centre;
            if cx + r > clear.x
                && cx - r < clear.right()
                && cy + r > clear.y
                && cy - r < clear.bottom()
            {
                continue;
            }
            dots.push((
                if lit { 9 } else { level },
                circle(centre.0, centre.1, r, colour),
            ));
        }
    }
    // Dots never overlap one another: their order is free, grouped by colour.
    dots.sort_by_key(|(level, _)| *level);
    items.extend(dots.into_iter().map(|(_, dot)| dot));
}

/// The back cover: the brand colour again, the logo where the cover has it, the contact
/// details beside the website's QR code and what it opens, and at the foot, under a rule,
/// the parent university and the edition. Nothing is drawn behind text.
pub fn back(
    placer: &mut Placer,
    style: &PageStyle,
    back: &BackCover,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let (w, h) = (style.width, style.height);
    let margin = style.inner.max(style.outer);
    let (rule_length, bar) = back.rule;
    let items = &mut page.items;
    items.push(bleed_fill(page.bleed, back.band));
    // A quiet ring from the top edge, away from every line of text and short of the page's
    // side (in a booklet, the fold: a ring cut there would read as a mistake).
    items.push(circle(
        w - back.art * 48.0,
        Pt::ZERO,
        back.art * 40.0,
        back.band.tint(0.07),
    ));
    let width = w - margin * 2.0;
    // At the foot, under a hairline: the parent university and the edition.
    let (closing, closing_height) = fitted(
        placer,
        &back.closing,
        width,
        (h - style.top - style.bottom) / 4.0,
        "the back cover's foot",
    )?;
    let closing_top = h - style.bottom - closing_height;
    let rule_gap = bar * 5.3;
    items.push(fill(
        margin,
        closing_top - rule_gap,
        width,
        bar * 0.25,
        back.band.tint(0.35),
        false,
    ));
    column(placer, &closing, margin, closing_top, width, items)?;
    // The QR code and its gap beside the details.
    let qr_room = if back.qr.is_some() {
        back.qr_size + back.art * 6.0
    } else {
        Pt::ZERO
    };
    let (_, logo_height) = logo_box(&back.logo, back.logo_size);
    let foot = closing_top - rule_gap - back.foot;
    let room = foot - style.top - logo_height - rule_gap * 2.0;
    let (content, tall) = fitted(
        placer,
        &back.content,
        width - qr_room,
        room,
        "the back cover's contact details",
    )?;
    // The code and its caption stand beside the details: the block is as tall as the taller.
    let beside = if back.qr.is_some() {
        back.qr_size + back.art * 2.0 + back.qr_caption.leading
    } else {
        Pt::ZERO
    };
    let top = foot - tall.max(beside);
    // The logo where the cover has it: the top of the type area.
    let mut back_logo = logo(placer, &back.logo, margin, style.top, back.logo_size);
    // The back's logo repeats the cover's: decoration.
    if let Item::Image(image) = &mut back_logo {
        image.role = Role::Artifact;
    }
    items.push(back_logo);
    items.push(fill(
        margin,
        top - rule_gap,
        rule_length,
        bar,
        back.accent,
        false,
    ));
    column(placer, &content, margin, top, width - qr_room, items)?;
    // The website's QR code beside the contact details, its quiet zone white on the band,
    // and under it what it opens.
    if let Some(qr) = &back.qr {
        let x = w - margin - back.qr_size;
        items.push(Item::Image(PlacedImage {
            rect: Rect {
                x,
                y: top,
                width: back.qr_size,
                height: back.qr_size,
            },
            crop: Crop::WHOLE,
            bleed: false,
            veil: None,
            image: qr.image.clone(),
            role: Role::Figure {
                alt: Some(qr.alt.clone()),
            },
            block: placer.block_id(),
        }));
        // Centred under the code, a little wider: a long address steps down the scale.
        let caption_width = qr_room;
        let caption_x = x - (caption_width - back.qr_size) / 2.0;
        // An address too long for it even smaller goes without: it is in the details beside.
        if let Ok((caption, _)) = fitted(
            placer,
            std::slice::from_ref(&back.qr_caption),
            caption_width,
            back.qr_caption.leading * 2.0,
            "the QR code's caption",
        ) {
            let caption_top = top + back.qr_size + back.art * 2.0;
            column(
                placer,
                &caption,
                caption_x,
                caption_top,
                caption_width,
                items,
            )?;
        }
    }
    Ok(())
}

/// The fact sheet's header band; returns where the columns start.
pub fn header(
    placer: &mut Placer,
    style: &PageStyle,
    header: &Header,
    page: &mut Page,
) -> Result<Pt, LayoutError> {
    let w = style.width;
    let items = &mut page.items;
    let margin = style.inner;
    let logo_size = header.logo_size;
    let (logo_width, logo_height) = logo_box(&header.logo, logo_size);
    // The titles stop short of the halo round the logo, not only of the logo.
    let halo = logo_size * 0.9;
    let halo_left = w - margin - logo_width / 2.0 - halo;
    let text_width = (halo_left - header.logo_gap / 2.0 - margin)
        .min(w - margin * 2.0 - logo_width - header.logo_gap);
    // The titles sit in the band as in a frame, a little more room above than below them,
    // rather than under the page's whole top margin: the band is the page's top.
    let top = style.top.min(header.padding * 1.5);
    // A band of at most a third of the page: longer titles step down the scale.
    let room = style.height / 3.0 - top - header.padding;
    let (titles, tall) = fitted(
        placer,
        &header.titles,
        text_width,
        room,
        "the header's titles",
    )?;
    let band = top + tall.max(logo_height) + header.padding;
    let b = page.bleed;
    items.push(fill(b.x, b.y, b.width, band - b.y, header.band, false));
    items.push(circle(
        w - margin - logo_width / 2.0,
        band * 0.5,
        halo,
        header.band.tint(0.1),
    ));
    items.push(fill(b.x, band, b.width, header.bar, header.accent, false));
    items.push(logo(
        placer,
        &header.logo,
        w - margin - logo_width,
        (band - logo_height) / 2.0,
        logo_size,
    ));
    // Titles shorter than the logo are centred on it.
    let titles_top = top + (logo_height - tall).max(Pt::ZERO) / 2.0;
    column(placer, &titles, margin, titles_top, text_width, items)?;
    Ok(band + header.after)
}

/// The footer of an inside page: a short rule, the running text, and the page number on the
/// outer edge; or, unnumbered, a one-page document's strip: the rule and the text. The
/// running text takes the width the number leaves, on as many lines as it needs (two at
/// most, smaller if need be).
pub fn footer(
    placer: &mut Placer,
    style: &PageStyle,
    footer: &Footer,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let number = match (footer.numbered, page.number) {
        (true, Some(number)) => Some(number),
        (true, None) => return Ok(()),
        (false, _) => None,
    };
    let left = super::flow::content_left(style, number.unwrap_or(1));
    let width = style.width - style.inner - style.outer;
    let y = style.height - style.bottom + footer.drop;
    // Odd pages (and unnumbered ones) carry the number on the right, the text before it.
    let odd = number.is_none_or(|n| n % 2 == 1);
    page.items.push(fill(
        left,
        y - footer.style.size * 0.6,
        width,
        footer.hairline,
        footer.rule.tint(0.5),
        false,
    ));
    let line = |text: String| Para::line(&text, footer.style, Role::Footer, footer.lang);
    let mut number_width = Pt::ZERO;
    if let Some(number) = number {
        // Page number on the outer edge: right on odd pages, left on even ones.
        let number_para = line(number.to_string());
        let set = placer
            .set(&number_para, width)
            .map_err(|e| LayoutError::from_break(e, None))?;
        number_width = set.lines.first().map_or(Pt::ZERO, |l| l.width);
        let number_x = if odd {
            left + width - number_width
        } else {
            left
        };
        let block = placer.block_id();
        let slot = Slot {
            x: number_x,
            y,
            width,
        };
        placer.emit_lines(&set, 0..1, slot, block, &mut page.items);
    }
    let (room, gap) = if number.is_some() {
        (width - number_width - footer.gap, footer.gap)
    } else {
        (width, Pt::ZERO)
    };
    let text = Para {
        origin: footer.origin.clone(),
        ..line(footer.text.clone())
    };
    let (texts, _) = fitted(
        placer,
        std::slice::from_ref(&text),
        room,
        text.leading * 2.0,
        "the page footer",
    )?;
    for text in texts {
        let set = placer
            .set(&text, room)
            .map_err(|e| LayoutError::from_break(e, text.origin.clone()))?;
        let widest = set.lines.iter().map(|l| l.width).fold(Pt::ZERO, Pt::max);
        // Unnumbered, the text starts at the start edge, as a document's strip reads.
        let x = match number {
            None => left,
            Some(_) if odd => left + room - widest,
            Some(_) => left + number_width + gap,
        };
        let block = placer.block_id();
        let slot = Slot {
            x,
            y,
            width: widest,
        };
        placer.emit_lines(&set, 0..set.lines.len(), slot, block, &mut page.items);
    }
    Ok(())
}

/// A page for notes: its heading at the top of the text column, then a rule on every line of
/// the baseline grid down to the foot of the column.
pub fn notes(
    placer: &mut Placer,
    style: &PageStyle,
    notes: &crate::compose::Notes,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let number = page.number.unwrap_or(0);
    let (x, width) = super::flow::columns(style, number)
        .first()
        .copied()
        .unwrap_or((style.inner, style.width - style.inner - style.outer));
    let top = column(
        placer,
        std::slice::from_ref(&notes.heading),
        x,
        style.top,
        width,
        &mut page.items,
    )?;
    let grid = if style.grid.0 > 0.0 {
        style.grid
    } else {
        notes.heading.leading
    };
    let mut y = top + grid;
    while y <= style.height - style.bottom {
        page.items
            .push(fill(x, y, width, notes.hairline, notes.rule, false));
        y += grid;
    }
    Ok(())
}
