//! The two document templates: the brochure and the fact sheet.

use super::blocks::{contact_lines, flows};
use super::styles::Styles;
use super::theme::a4;
use super::typo::SEPARATOR;
use super::{
    Align, BackCover, Composed, Contents, ContentsEntry, Cover, Footer, Header, Kind, Logo, Meta,
    PageStyle, Para, Role, TextStyle,
};
use crate::content::{Block, BlockKind, Centre, Content, Document, Lang, YearMonth};
use crate::units::{Colour, Pt};

/// The cover's name, next to the display size.
const COVER_TITLE: f32 = 1.2;

/// A QR code of the centre's website, described in the document's language.
pub fn website_qr(centre: &Centre, s: &Styles) -> Option<Logo> {
    let site = &centre.website;
    let image = crate::qr::image(site.as_str(), s.colours.ink.rgb)?;
    let alt = s.lang.phrase(
        s.lang.locale().words.qr_website,
        &[("site", site.display())],
    );
    Some(Logo { image, alt })
}

/// The logo, described as the centre's logo in the document's language.
pub fn logo(content: &Content, lang: Lang) -> Logo {
    let name = &content.centre.short_name;
    Logo {
        image: content.brand.logo.clone(),
        alt: lang.phrase(lang.locale().words.logo, &[("name", name)]),
    }
}

/// The brochure; for an event's edition, with the event on the cover and its programme as
/// the first section.
pub fn brochure(content: &Content, s: &Styles, event: Option<&crate::content::Event>) -> Composed {
    let doc = &content.brochure;
    let centre = &content.centre;
    let c = s.colours;
    let sizes = s.theme.sizes;
    let mut titles = vec![
        Para {
            space_after: s.gap * 1.4,
            origin: Some(centre.at.short_name.clone()),
            // The name is the cover's impact: larger than the display size of the inside
            // pages (a long name steps down the scale to fit).
            ..s.display(
                s.plain(&centre.short_name, s.heading.white(s.display * COVER_TITLE)),
                Role::Title,
                1.05,
            )
        },
        Para {
            space_after: s.gap * 2.6,
            origin: Some(centre.at.full_name.clone()),
            ..s.display(
                s.plain(&centre.full_name, s.subheading.white(sizes.h1 * 1.15)),
                Role::Paragraph,
                1.25,
            )
        },
        Para {
            origin: Some(centre.at.tagline.clone()),
            ..s.display(
                s.plain(&centre.tagline, s.quote.white(sizes.quote * 1.1)),
                Role::Paragraph,
                1.35,
            )
        },
    ];
    if let Some(event) = event {
        titles = super::handout::cover_titles(event, s);
    }
    let footnote = imprint(content, s, Role::Paragraph, s.gap);
    // The names on the back repeat the cover's: branding, not content to read twice.
    // The back's name sits between a heading and the cover's display size.
    let mut back = vec![Para {
        space_after: s.gap * 0.85,
        ..s.display(
            s.plain(&centre.short_name, s.heading.white(sizes.h1 * 1.3)),
            Role::Artifact,
            1.2,
        )
    }];
    back.push(Para {
        space_after: s.gap * 2.0,
        ..s.display(
            s.plain(&centre.full_name, s.caption.white(sizes.body)),
            Role::Artifact,
            1.3,
        )
    });
    // The contact section is what the back cover is for: its heading and sentence go there
    // rather than on a page of their own.
    let mut blocks = doc.blocks.clone();
    for block in take(
        &mut blocks,
        |k| matches!(k, BlockKind::Contact { .. }),
        false,
    ) {
        let text = match &block.kind {
            BlockKind::Heading { text, level } => {
                Some((text, s.subheading.white(sizes.h2), Role::Heading(*level)))
            }
            // Set in the sans of the lines around it, not the serif of running text.
            BlockKind::Contact { intro } => {
                Some((intro, s.caption.white(sizes.body), Role::Paragraph))
            }
            _ => None,
        };
        if let Some((text, style, role)) = text {
            back.push(Para {
                space_after: s.gap * 0.85,
                ..s.display(s.runs(text, style), role, 1.3)
            });
        }
    }
    back.extend(contact_lines(centre, s).into_iter().map(|mut p| {
        for run in &mut p.runs {
            run.style.colour = Colour::WHITE;
        }
        p
    }));
    // At the foot, the parent university as co-branding, and the edition stamp: which
    // printing a reader holds (both are read on the cover already).
    let closing = imprint(content, s, Role::Artifact, s.gap * 0.3);
    // Under the QR code, what it opens.
    let qr_caption = Para {
        align: Align::Center,
        ..s.display(
            s.plain(centre.website.display(), s.caption.white(sizes.caption)),
            Role::Caption,
            1.3,
        )
    };
    let mut body = event.map_or_else(Vec::new, |e| super::handout::programme(e, s));
    body.extend(flows(&blocks, centre, s));
    let (body, contents) = side_headings(body, s);
    Composed {
        kind: Kind::Brochure,
        rtl: s.lang.rtl(),
        meta: meta(content, doc),
        page: PageStyle {
            sidebar: s.theme.sidebar,
            ..page_style(s, 1, Some(footer(content, s)))
        },
        cover: Some(Cover {
            layout: content.brand.cover,
            photo: content
                .brand
                .cover_photo
                .as_ref()
                .map(|p| (p.image.clone(), p.focus, p.veil)),
            band: c.primary,
            accent: c.accent,
            logo: logo(content, s.lang),
            titles,
            footnote,
            logo_size: s.length(a4::COVER_LOGO),
            rule: (s.length(a4::COVER_RULE), s.length(a4::BAR)),
            art: s.length(a4::ART),
        }),
        header: None,
        banner: Vec::new(),
        body,
        tail: Vec::new(),
        back: Some(BackCover {
            band: c.primary,
            accent: c.accent,
            logo: logo(content, s.lang),
            content: back,
            qr: website_qr(centre, s),
            qr_caption,
            closing,
            logo_size: s.length(a4::BACK_LOGO),
            qr_size: s.length(a4::BACK_QR),
            foot: s.length(a4::BACK_FOOT),
            rule: (s.length(a4::COVER_RULE), s.length(a4::BAR)),
            art: s.length(a4::ART),
        }),
        contents: Some(contents),
        notes: Some(super::Notes {
            heading: Para {
                role: Role::Artifact,
                ..s.heading(
                    &crate::content::Inline::plain(s.lang.locale().words.notes),
                    1,
                )
            },
            rule: c.muted.tint(0.35),
            hairline: s.length(a4::HAIRLINE),
        }),
        pad_to: 2,
    }
}

pub fn factsheet(content: &Content, s: &Styles) -> Composed {
    let doc = &content.factsheet;
    let centre = &content.centre;
    // The header's name, larger than a heading: the sheet's title.
    let titles = vec![
        Para {
            space_after: s.gap * 0.45,
            origin: Some(centre.at.short_name.clone()),
            ..s.display(
                s.plain(&centre.short_name, s.heading.white(s.heading.size * 1.8)),
                Role::Title,
                1.1,
            )
        },
        Para {
            space_after: s.gap * 0.6,
            origin: Some(centre.at.full_name.clone()),
            ..s.display(
                s.plain(&centre.full_name, s.subheading.white(s.subheading.size)),
                Role::Paragraph,
                1.25,
            )
        },
        Para {
            origin: Some(centre.at.tagline.clone()),
            ..s.display(
                s.plain(&centre.tagline, s.quote.white(s.body.size)),
                Role::Paragraph,
                1.3,
            )
        },
    ];
    // Key figures lead the fact sheet as a row across both columns, with the heading that
    // introduces only them.
    let mut blocks = doc.blocks.clone();
    let figures = take(&mut blocks, |k| matches!(k, BlockKind::KeyFigures(_)), true);
    let banner = flows(&figures, centre, s);
    // The first icon grid (the pillars), with what introduces it, runs across the foot of the
    // page, where its cells have room to sit side by side.
    let grid = take_introduced(&mut blocks, |k| {
        matches!(k, BlockKind::List { icons: Some(_), .. })
    });
    let tail = flows(&grid, centre, s);
    let body = flows(&blocks, centre, s);
    // A strip at the foot: who, where to read more, which edition.
    let edition = doc.edition.or(content.brochure.edition);
    let strip = strip(content, s, edition.map(|e| edition_line(e, doc.lang)));
    let page = PageStyle {
        page_limit: Some(1),
        balance: true,
        ..page_style(s, 2, Some(strip))
    };
    Composed {
        kind: Kind::Factsheet,
        rtl: s.lang.rtl(),
        meta: meta(content, doc),
        page,
        cover: None,
        header: Some(header(content, s, titles)),
        banner,
        body,
        tail,
        contents: None,
        notes: None,
        pad_to: 1,
        back: None,
    }
}

fn meta(content: &Content, doc: &Document) -> Meta {
    Meta {
        title: doc.title.clone(),
        author: format!("{} ({})", content.centre.short_name, content.centre.parent),
        subject: doc.subject.clone(),
        keywords: doc.keywords.clone(),
        lang: doc.lang,
    }
}

/// The header band of a one-page document (the fact sheet, a handout) with `titles`.
pub fn header(content: &Content, s: &Styles, titles: Vec<Para>) -> Header {
    Header {
        band: s.colours.primary,
        accent: s.colours.accent,
        logo: logo(content, s.lang),
        titles,
        logo_size: s.length(a4::HEADER_LOGO),
        logo_gap: s.length(a4::HEADER_LOGO_GAP),
        padding: s.length(a4::HEADER_PADDING),
        bar: s.length(a4::BAR),
        after: s.length(a4::HEADER_AFTER),
    }
}

pub fn page_style(s: &Styles, columns: usize, footer: Option<Footer>) -> PageStyle {
    let t = &s.theme;
    PageStyle {
        width: t.paper.width,
        height: t.paper.height,
        top: t.margins.top,
        bottom: t.margins.bottom,
        inner: t.margins.inner,
        outer: t.margins.outer,
        columns,
        gutter: t.gutter,
        footer,
        page_limit: None,
        grid: s.body_leading,
        sidebar: None,
        balance: false,
        images: t.images,
        // The slug beside the crop marks: small print, the same on every page size.
        marks: TextStyle {
            size: Pt(6.0),
            ..s.caption
        },
        bleed: Pt::ZERO,
        banner_gap: s.length(a4::BANNER_GAP),
    }
}

fn footer(content: &Content, s: &Styles) -> Footer {
    Footer {
        numbered: true,
        text: format!(
            "{}{SEPARATOR}{}",
            content.centre.short_name,
            content.centre.website.display()
        ),
        style: s.caption,
        rule: s.colours.accent,
        lang: s.lang,
        origin: Some(content.centre.at.short_name.clone()),
        drop: s.length(a4::FOOTER_DROP),
        gap: s.length(a4::FOOTER_GAP),
        hairline: s.length(a4::HAIRLINE),
    }
}

/// The footer of a one-page document: no page number, the running text followed by `more`.
pub(super) fn strip(content: &Content, s: &Styles, more: Option<String>) -> Footer {
    let mut strip = footer(content, s);
    strip.numbered = false;
    if let Some(more) = more {
        strip.text = format!("{}{SEPARATOR}{more}", strip.text);
    }
    strip
}

/// The parent university and, when the brochure has one, its edition, in white: the foot of
/// the cover and of the back cover; `gap` under the university's name.
fn imprint(content: &Content, s: &Styles, role: Role, gap: Pt) -> Vec<Para> {
    let centre = &content.centre;
    let doc = &content.brochure;
    let sizes = s.theme.sizes;
    let mut lines = vec![Para {
        space_after: gap,
        origin: Some(centre.at.parent.clone()),
        ..s.display(
            s.plain(&centre.parent, s.subheading.white(sizes.h3)),
            role.clone(),
            1.3,
        )
    }];
    if let Some(edition) = doc.edition {
        lines.push(s.display(
            s.plain(
                &edition_line(edition, doc.lang),
                s.caption.white(sizes.caption),
            ),
            role,
            1.3,
        ));
    }
    lines
}

/// "Édition de novembre 2026", "November 2026 edition", "إصدار نونبر 2026".
fn edition_line(edition: YearMonth, lang: Lang) -> String {
    let date = lang.month(edition.date());
    lang.phrase(lang.locale().words.edition, &[("date", &date)])
}

/// Section headings go in the sidebar, a size smaller to fit its width, each under its
/// number ("01") in the accent colour; each is anchored, and listed in the contents.
fn side_headings(body: Vec<super::Flow>, s: &Styles) -> (Vec<super::Flow>, Contents) {
    let mut out = Vec::with_capacity(body.len());
    let mut entries = Vec::new();
    let mut number = 0;
    // Without a sidebar (a narrow page), headings stay above their text, under their number.
    let side = s.theme.sidebar.is_some();
    // A size smaller than h1 to fit the sidebar's width, under a number smaller still.
    let side_size = if side {
        s.heading.size * 0.82
    } else {
        s.heading.size
    };
    let side_number = s.heading.size * 0.65;
    for mut flow in body {
        if let super::Flow::Para(p) = &mut flow
            && p.role == Role::Heading(1)
        {
            number += 1;
            let style = TextStyle {
                size: side_number,
                colour: s.small_accent,
                ..s.heading
            };
            out.push(super::Flow::Para(Para {
                side,
                space_before: p.space_before,
                space_after: s.gap * 0.3,
                keep_with_next: true,
                ..s.display(s.plain(&format!("{number:02}"), style), Role::Artifact, 1.2)
            }));
            let anchor = format!("section-{number}");
            // One line of the baseline grid an entry.
            let mut title = Para {
                align: Align::Left,
                hyphenate: false,
                space_after: Pt::ZERO,
                ..s.para(p.runs.clone(), Role::Contents)
            };
            for run in &mut title.runs {
                run.style = TextStyle {
                    colour: s.colours.ink,
                    ..s.body
                };
                run.link = Some(format!("#{anchor}"));
            }
            entries.push(ContentsEntry {
                title,
                anchor: anchor.clone(),
            });
            p.anchor = Some(anchor);
            p.space_before = Pt::ZERO;
            if side {
                p.side = true;
                for run in &mut p.runs {
                    run.style.size = side_size;
                }
                p.leading = s.leading(side_size, 1.2);
            }
        }
        out.push(flow);
    }
    let title = s.lang.locale().words.contents;
    let heading = Para {
        side,
        keep_with_next: true,
        leading: s.leading(side_size, 1.2),
        ..s.display(
            s.plain(
                title,
                TextStyle {
                    size: side_size,
                    ..s.heading
                },
            ),
            Role::Heading(1),
            1.2,
        )
    };
    let contents = Contents {
        beyond: 6,
        heading: vec![super::Flow::Para(heading)],
        entries,
        gap: s.length(a4::ENTRY_GAP),
        number: TextStyle {
            figures: super::Figures::Tabular,
            colour: s.small_accent,
            ..s.body
        },
    };
    (out, contents)
}

/// Removes the first block `wanted` picks with what belongs to it: the heading before it when
/// that heading introduces nothing else, and with `notes`, the paragraphs after it up to the
/// next heading (a note on key figures, which then go with them); returns them in order.
fn take(blocks: &mut Vec<Block>, wanted: impl Fn(&BlockKind) -> bool, notes: bool) -> Vec<Block> {
    let Some(at) = blocks.iter().position(|b| wanted(&b.kind)) else {
        return Vec::new();
    };
    let heading =
        |b: Option<&Block>| b.is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }));
    let paragraph =
        |b: Option<&Block>| b.is_some_and(|b| matches!(b.kind, BlockKind::Paragraph(_)));
    let mut to = at + 1;
    if notes {
        while paragraph(blocks.get(to)) {
            to += 1;
        }
    }
    // The heading goes too when nothing else is left under it.
    let alone = blocks.get(to).is_none() || heading(blocks.get(to));
    let from = if at > 0 && alone && heading(blocks.get(at - 1)) {
        at - 1
    } else {
        at
    };
    blocks.drain(from..to).collect()
}

/// Removes the first block `wanted` picks, with its heading and the paragraphs between when
/// it ends their section; returns them in order.
fn take_introduced(blocks: &mut Vec<Block>, wanted: impl Fn(&BlockKind) -> bool) -> Vec<Block> {
    let Some(at) = blocks.iter().position(|b| wanted(&b.kind)) else {
        return Vec::new();
    };
    let is = |i: usize, heading: bool| {
        blocks.get(i).is_some_and(|b| match b.kind {
            BlockKind::Heading { .. } => heading,
            BlockKind::Paragraph(_) => !heading,
            _ => false,
        })
    };
    let mut from = at;
    while from > 0 && is(from - 1, false) {
        from -= 1;
    }
    let heads_nothing_else = at + 1 == blocks.len() || is(at + 1, true);
    // The whole section when the block ends it; else the block alone, the heading and its
    // paragraphs staying with the rest of their section.
    let from = if from > 0 && is(from - 1, true) && heads_nothing_else {
        from - 1
    } else {
        at
    };
    blocks.drain(from..=at).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edition_lines() {
        let lang = |code| Lang::parse(code).expect("a bundled locale");
        let edition = YearMonth::parse("2026-11").expect("a month");
        assert_eq!(
            edition_line(edition, lang("fr")),
            "Édition de novembre 2026"
        );
        assert_eq!(edition_line(edition, lang("en")), "November 2026 edition");
        assert_eq!(edition_line(edition, lang("ar")), "إصدار نونبر 2026");
        let august = YearMonth::parse("2026-08").expect("a month");
        assert_eq!(edition_line(august, lang("fr")), "Édition d’août 2026");
    }
}
