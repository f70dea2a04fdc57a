//! The template pages with fixed places: the brochure's cover and back cover, the fact
//! sheet's header band, and the running footer.

use super::LayoutError;
use super::frame::{Fill, Item, Page, PlacedImage, Rect};
use super::place::{Placer, Slot};
use crate::compose::{BackCover, Cover, CoverLayout, Footer, Header, Logo, PageStyle, Para, Role};
use crate::units::{Colour, Mm, Pt};

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

fn logo(placer: &mut Placer, logo: &Logo, x: Pt, y: Pt, size: Pt) -> Item {
    let ratio = logo.image.height / logo.image.width.max(1.0);
    Item::Image(PlacedImage {
        rect: Rect {
            x,
            y,
            width: size,
            height: size * ratio,
        },
        image: logo.image.clone(),
        role: Role::Figure {
            alt: Some(logo.alt.clone()),
        },
        block: placer.block_id(),
    })
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

/// The cover: brand colour to the edges, quiet circles, the logo, the names and the tagline.
pub fn cover(
    placer: &mut Placer,
    style: &PageStyle,
    cover: &Cover,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let (w, h) = (style.width, style.height);
    let margin = style.inner.max(style.outer);
    let items = &mut page.items;
    items.push(bleed_fill(page.bleed, cover.band));
    match cover.layout {
        CoverLayout::Circles => circles(items, w, h, cover),
        CoverLayout::Dots => dots(items, w, h, cover),
    }
    items.push(logo(
        placer,
        &cover.logo,
        margin,
        style.top,
        Pt::from(Mm(30.0)),
    ));
    let width = w - margin * 2.0;
    let title_top = h * 0.46;
    items.push(fill(
        margin,
        title_top - Pt(20.0),
        Pt::from(Mm(24.0)),
        Pt(3.0),
        cover.accent,
        false,
    ));
    column(
        placer,
        &cover.titles,
        margin,
        title_top,
        width * 0.85,
        items,
    )?;
    let foot = height_of(placer, &cover.footnote, width)?;
    column(
        placer,
        &cover.footnote,
        margin,
        h - style.bottom - foot,
        width,
        items,
    )?;
    Ok(())
}

/// The width kept for the QR code on the back cover, gap included.
fn qr_space() -> Pt {
    Pt::from(Mm(34.0))
}

/// Large quiet circles in tints of the brand colour, and one accent dot.
fn circles(items: &mut Vec<Item>, w: Pt, h: Pt, cover: &Cover) {
    let big = [
        (0.92, 0.16, 78.0, 0.08),
        (0.92, 0.16, 52.0, 0.15),
        (1.02, 0.62, 38.0, 0.05),
    ];
    for (x, y, r, tint) in big {
        items.push(circle(w * x, h * y, Pt::from(Mm(r)), cover.band.tint(tint)));
    }
    items.push(circle(w * 0.78, h * 0.36, Pt::from(Mm(9.0)), cover.accent));
}

/// A field of dots over the top of the page whose size swells and fades like a wave, a few
/// of them lit in the accent colour: the nodes of a network.
fn dots(items: &mut Vec<Item>, w: Pt, h: Pt, cover: &Cover) {
    let step = Pt::from(Mm(8.0));
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
            let r = Pt(0.6 + 0.6 * f32::from(level));
            let colour = if lit {
                cover.accent
            } else {
                cover.band.tint(0.12 + 0.0625 * f32::from(level))
            };
            let centre = (step * x + step / 2.0, step * y + step / 2.0);
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

/// The back cover: the brand colour again, the logo and the contact details.
pub fn back(
    placer: &mut Placer,
    style: &PageStyle,
    back: &BackCover,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let (w, h) = (style.width, style.height);
    let margin = style.inner.max(style.outer);
    let items = &mut page.items;
    items.push(bleed_fill(page.bleed, back.band));
    items.push(circle(
        Pt::ZERO,
        h,
        Pt::from(Mm(70.0)),
        back.band.tint(0.07),
    ));
    items.push(circle(w * 0.85, h * 0.2, Pt::from(Mm(6.0)), back.accent));
    let size = Pt::from(Mm(36.0));
    // The back's logo repeats the cover's: decoration.
    let mut back_logo = logo(placer, &back.logo, margin, h * 0.18, size);
    if let Item::Image(image) = &mut back_logo {
        image.role = Role::Artifact;
    }
    items.push(back_logo);
    let width = w - margin * 2.0;
    let tall = height_of(placer, &back.content, width)?;
    let top = h - style.bottom - tall - Pt::from(Mm(20.0));
    items.push(fill(
        margin,
        top - Pt(16.0),
        Pt::from(Mm(24.0)),
        Pt(3.0),
        back.accent,
        false,
    ));
    column(
        placer,
        &back.content,
        margin,
        top,
        width - qr_space(),
        items,
    )?;
    // The website's QR code beside the contact details, its quiet zone white on the band.
    if let Some(qr) = &back.qr {
        let side = qr_space() - Pt::from(Mm(6.0));
        items.push(Item::Image(PlacedImage {
            rect: Rect {
                x: w - margin - side,
                y: top,
                width: side,
                height: side,
            },
            image: qr.image.clone(),
            role: Role::Figure {
                alt: Some(qr.alt.clone()),
            },
            block: placer.block_id(),
        }));
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
    let logo_size = Pt::from(Mm(24.0));
    let text_width = w - margin * 2.0 - logo_size - Pt::from(Mm(8.0));
    let tall = height_of(placer, &header.titles, text_width)?;
    let band = style.top + tall + Pt::from(Mm(7.0));
    let b = page.bleed;
    items.push(fill(b.x, b.y, b.width, band - b.y, header.band, false));
    items.push(circle(
        w - margin - logo_size / 2.0,
        band * 0.5,
        logo_size * 0.9,
        header.band.tint(0.1),
    ));
    items.push(fill(b.x, band, b.width, Pt(3.0), header.accent, false));
    items.push(logo(
        placer,
        &header.logo,
        w - margin - logo_size,
        (band - logo_size) / 2.0,
        logo_size,
    ));
    column(placer, &header.titles, margin, style.top, text_width, items)?;
    Ok(band + Pt::from(Mm(6.0)))
}

/// The footer of an inside page: a short rule, the running text, and the page number on the
/// outer edge.
pub fn footer(
    placer: &mut Placer,
    style: &PageStyle,
    footer: &Footer,
    page: &mut Page,
) -> Result<(), LayoutError> {
    let Some(number) = page.number else {
        return Ok(());
    };
    let left = super::flow::content_left(style, number);
    let width = style.width - style.inner - style.outer;
    let y = style.height - style.bottom + Pt::from(Mm(8.0));
    let odd = number % 2 == 1;
    page.items.push(fill(
        left,
        y - Pt(6.0),
        width,
        Pt(0.5),
        footer.rule.tint(0.5),
        false,
    ));
    let line = |text: String| Para::line(&text, footer.style, Role::Footer, footer.lang);
    // Page number on the outer edge: right on odd pages, left on even ones.
    let number_para = line(number.to_string());
    let set = placer
        .set(&number_para, width)
        .map_err(|e| LayoutError::from_break(e, None))?;
    let number_width = set.lines.first().map_or(Pt::ZERO, |l| l.width);
    let (number_x, text_x) = if odd {
        (left + width - number_width, left)
    } else {
        (left, left + number_width + Pt::from(Mm(4.0)))
    };
    let block = placer.block_id();
    let slot = Slot {
        x: number_x,
        y,
        width,
    };
    placer.emit_lines(&set, 0..1, slot, block, &mut page.items);
    let text = line(footer.text.clone());
    let set = placer
        .set(&text, width / 2.0)
        .map_err(|e| LayoutError::from_break(e, None))?;
    let text_width = set.lines.first().map_or(Pt::ZERO, |l| l.width);
    let text_x = if odd {
        left + width - number_width - Pt::from(Mm(4.0)) - text_width
    } else {
        text_x
    };
    let block = placer.block_id();
    let slot = Slot {
        x: text_x,
        y,
        width,
    };
    placer.emit_lines(&set, 0..1, slot, block, &mut page.items);
    Ok(())
}
