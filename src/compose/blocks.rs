//! Content blocks as styled flows.

use super::styles::Styles;
use super::theme::a4;
use super::typo::SEPARATOR;
use super::{Align, Flow, Para, Role, Run, TextStyle};
use crate::content::{Block, BlockKind, Centre, Figure, Inline, Lang, When};
use crate::diag::Span;
use crate::units::{Colour, Pt};

/// A biography longer than this (in characters) runs under its portrait rather than beside it.
const LONG_BIO_CHARS: usize = 480;

/// The flows of `blocks`, in order.
pub fn flows(blocks: &[Block], centre: &Centre, s: &Styles) -> Vec<Flow> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let mut flows = flow(b, centre, s);
        for f in &mut flows {
            locate(f, &b.origin);
        }
        if introduces(b, blocks.get(i + 1))
            && let Some(Flow::Para(p)) = flows.last_mut()
        {
            p.keep_with_next = true;
        }
        out.extend(flows);
    }
    out
}

/// The least width of an icon grid's cell, in ems of the text: the icon and its gap, and an
/// item's text at about half an em a character (the items' mean: a longer one takes two
/// lines), from 8 to 15 ems.
fn icon_cell_ems(items: &[Inline]) -> f32 {
    let total: usize = items.iter().map(|i| i.text().chars().count()).sum();
    let mean = total as f32 / items.len().max(1) as f32;
    (mean * 0.5 + 4.0).clamp(8.0, 15.0)
}

/// Points every paragraph of `flow` without a place of its own (a biography in a box, a
/// milestone) at its block, for the messages layout gives about it.
fn locate(flow: &mut Flow, origin: &Span) {
    let mut all = |flows: &mut Vec<Flow>| flows.iter_mut().for_each(|f| locate(f, origin));
    match flow {
        Flow::Para(p) => {
            p.origin.get_or_insert_with(|| origin.clone());
        }
        Flow::Boxed { content, .. } | Flow::Aside { content, .. } => all(content),
        Flow::Row { cells, .. } => cells.iter_mut().for_each(&mut all),
        Flow::Timeline { entries, .. } => {
            for (label, text) in entries {
                label.origin.get_or_insert_with(|| origin.clone());
                text.origin.get_or_insert_with(|| origin.clone());
            }
        }
        Flow::Image { .. } | Flow::Entry { .. } | Flow::Rule { .. } => {}
    }
}

/// Whether a paragraph introduces the block after it ("…in eight commitments:" before a
/// list), and so stays with its first lines: it ends with a colon, or is a sentence or two
/// before anything but running text and images (a list, a grid, a timeline, figures, a box).
fn introduces(block: &Block, next: Option<&Block>) -> bool {
    let BlockKind::Paragraph(text) = &block.kind else {
        return false;
    };
    let introduced = next.is_some_and(|n| match n.kind {
        BlockKind::List { .. }
        | BlockKind::Timeline(_)
        | BlockKind::KeyFigures(_)
        | BlockKind::Logos(_)
        | BlockKind::Columns(_)
        | BlockKind::Profile(_)
        | BlockKind::Quote { .. }
        | BlockKind::Contact { .. } => true,
        // An image may float away from what precedes it: nothing is kept with it.
        BlockKind::Image(_)
        | BlockKind::Heading { .. }
        | BlockKind::Paragraph(_)
        | BlockKind::Lead(_) => false,
    });
    let text = text.text();
    let text = text.trim_end();
    introduced && (text.ends_with(':') || text.chars().count() <= 240)
}

/// A portrait's frame: four units wide, five high.
const PORTRAIT_FRAME: f32 = 1.25;

fn flow(block: &Block, centre: &Centre, s: &Styles) -> Vec<Flow> {
    let origin = Some(block.origin.clone());
    match &block.kind {
        BlockKind::Heading { level, text } => vec![Flow::Para(s.heading(text, *level))],
        BlockKind::Paragraph(text) => {
            vec![Flow::Para(s.para(s.runs(text, s.body), Role::Paragraph))]
        }
        BlockKind::List {
            items,
            icons: Some(icons),
            ..
        } => {
            let cells: Vec<Vec<Flow>> = items
                .iter()
                .zip(icons)
                .filter_map(|(item, icon)| {
                    // Narrow cells read better ragged than justified.
                    let content = vec![Flow::Para(Para {
                        space_after: Pt::ZERO,
                        align: Align::Left,
                        ..s.para(s.runs(item, s.body), Role::ListItem)
                    })];
                    Some(vec![Flow::Aside {
                        icon: s.icon(icon)?,
                        size: s.body.size * 2.0,
                        frame: None,
                        gap: s.gap * 1.4,
                        content,
                        space_after: Pt::ZERO,
                        role: Role::Artifact,
                    }])
                })
                .collect();
            vec![Flow::Row {
                cells,
                gap: s.gap * 2.0,
                // Wide enough for a few words a line beside the icon, in ems of the text:
                // short items (a word or two each) pair up in a narrow column.
                min_cell: s.body.size * icon_cell_ems(items),
                space_after: s.gap,
                origin,
            }]
        }
        BlockKind::Lead(text) => vec![Flow::Para(s.lead(text))],
        BlockKind::Logos(logos) => vec![logo_row(logos, s, origin)],
        BlockKind::Timeline(milestones) => vec![Flow::Timeline {
            entries: milestones
                .iter()
                .map(|m| {
                    let date = match m.date {
                        When::Month(month) => s.lang.month(month.date()),
                        When::Day(day) => s.lang.day(day),
                    };
                    (
                        s.display(s.plain(&date, s.label_for(&date)), Role::Label, 1.3),
                        Para {
                            space_after: s.gap,
                            align: Align::Left,
                            // A list of dated items: the date is the item's label.
                            ..s.para(s.runs(&m.text, s.body), Role::ListItem)
                        },
                    )
                })
                .collect(),
            rail: s.rail(),
            label_width: s.length(a4::DATE_WIDTH),
            space_after: s.gap,
            origin,
            continued: None,
        }],
        BlockKind::List {
            items, numbered, ..
        } => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let marker = if *numbered {
                    format!("{}.", i + 1)
                } else {
                    "•".to_owned()
                };
                let mut para = s.list_item(item, marker);
                // Items follow each other on the grid; after the list, a paragraph's space.
                if i + 1 == items.len() {
                    para.space_after = s.gap;
                }
                Flow::Para(para)
            })
            .collect(),
        BlockKind::KeyFigures(figures) => {
            // A banner in the brand's colour the eye lands on: large white numerals, their
            // labels in a light tint of the banner, the accent's bar on its start edge.
            let on_banner = s.colours.primary.tint(0.85);
            let numeral = TextStyle {
                size: s.figure.size * 1.2,
                colour: Colour::WHITE,
                ..s.figure
            };
            let label = TextStyle {
                colour: on_banner,
                ..s.caption
            };
            let cells: Vec<Vec<Flow>> = figures
                .iter()
                .map(|f| {
                    vec![
                        Flow::Para(Para {
                            space_after: s.gap * 0.3,
                            nowrap: true,
                            ..s.display(s.plain(&f.value, numeral), Role::Paragraph, 1.05)
                        }),
                        Flow::Para(Para {
                            space_after: Pt::ZERO,
                            ..s.display(s.plain(&f.label, label), Role::Paragraph, 1.3)
                        }),
                    ]
                })
                .collect();
            let row = Flow::Row {
                cells,
                gap: s.gap * 2.0,
                min_cell: s.length(a4::FIGURE_CELL),
                space_after: Pt::ZERO,
                origin: origin.clone(),
            };
            vec![Flow::Boxed {
                fill: s.colours.primary,
                bar: Some((s.colours.accent, s.length(a4::BAR))),
                padding: s.gap * 1.6,
                space_after: s.gap,
                content: vec![row],
                origin,
            }]
        }
        BlockKind::Quote { text, by } => {
            let mut content = vec![Flow::Para(Para {
                align: Align::Left,
                leading: s.leading(s.quote.size, 1.35),
                ..s.para(s.runs(&quoted(text, s.lang), s.quote), Role::Quote)
            })];
            if let Some(by) = by {
                content.push(Flow::Para(Para {
                    space_after: Pt::ZERO,
                    ..s.display(s.plain(&format!("— {by}"), s.caption), Role::Quote, 1.3)
                }));
            }
            vec![boxed(s, content, origin, true)]
        }
        BlockKind::Profile(p) => {
            let mut content = Vec::new();
            let name = TextStyle {
                size: s.subheading.size,
                ..s.subheading
            };
            content.push(Flow::Para(Para {
                space_after: s.gap * 0.15,
                keep_with_next: true,
                ..s.display(s.plain(&p.name, name), Role::Paragraph, 1.25)
            }));
            content.push(Flow::Para(Para {
                space_after: s.gap,
                keep_with_next: true,
                ..s.display(
                    s.plain(&p.role.to_uppercase(), s.label),
                    Role::Paragraph,
                    1.4,
                )
            }));
            let bio = Flow::Para(Para {
                space_after: Pt::ZERO,
                ..s.para(s.runs(&p.bio, s.body), Role::Paragraph)
            });
            // A photo goes beside the name and a short biography, which is then set ragged:
            // the measure beside the photo is too short to justify well. A long biography
            // runs under the photo, across the box, and may continue in the next column.
            if let Some(photo) = &p.photo {
                let long = p.bio.text().chars().count() > LONG_BIO_CHARS;
                let under = if long {
                    Some(bio)
                } else {
                    content.push(bio);
                    None
                };
                for flow in &mut content {
                    if let Flow::Para(para) = flow {
                        para.align = Align::Left;
                    }
                }
                let mut beside = vec![Flow::Aside {
                    icon: photo.clone(),
                    size: s.length(a4::PORTRAIT),
                    // Every portrait in the same frame, whatever the photo's proportions.
                    frame: Some((PORTRAIT_FRAME, p.focus)),
                    gap: s.gap * 2.0,
                    content,
                    space_after: if long { s.gap } else { Pt::ZERO },
                    role: Role::Figure {
                        alt: Some(p.name.clone()),
                    },
                }];
                beside.extend(under);
                content = beside;
            } else {
                content.push(bio);
            }
            vec![boxed(s, content, origin, true)]
        }
        BlockKind::Image(figure) => {
            let mut flows = vec![Flow::Image {
                image: figure.image.clone(),
                width: 1.0,
                logo: false,
                bleed: figure.bleed,
                focus: figure.focus,
                role: Role::figure(figure.alt.clone()),
                space_after: s.gap * 0.6,
            }];
            let mut caption = figure.caption.clone().unwrap_or_default();
            if let Some(credit) = &figure.credit {
                let credit = Inline::plain(format!(" © {credit}"));
                caption.0.extend(credit.0);
            }
            if !caption.0.is_empty() {
                flows.push(Flow::Para(Para {
                    align: Align::Left,
                    leading: s.leading(s.caption.size, 1.35),
                    ..s.para(s.runs(&caption, s.caption), Role::Caption)
                }));
            }
            flows
        }
        BlockKind::Contact { intro } => {
            let mut content = vec![Flow::Para(s.para(s.runs(intro, s.body), Role::Paragraph))];
            content.extend(contact_lines(centre, s).into_iter().map(Flow::Para));
            // The website's QR code beside the details.
            if let Some(qr) = super::templates::website_qr(centre, s) {
                content = vec![Flow::Aside {
                    icon: qr.image,
                    size: s.length(a4::QR),
                    frame: None,
                    gap: s.gap * 2.0,
                    content,
                    space_after: Pt::ZERO,
                    role: Role::Figure { alt: Some(qr.alt) },
                }];
            }
            vec![boxed(s, content, origin, false)]
        }
        BlockKind::Columns(columns) => vec![Flow::Row {
            // A picture in a column stays in it.
            cells: columns
                .iter()
                .map(|c| {
                    let mut cell = flows(c, centre, s);
                    for flow in &mut cell {
                        if let Flow::Image { bleed, .. } = flow {
                            *bleed = false;
                        }
                    }
                    cell
                })
                .collect(),
            gap: s.gap * 2.0,
            min_cell: Pt::ZERO,
            space_after: s.gap,
            origin,
        }],
    }
}

/// The centre's address, website and e-mail, one paragraph each; the last two are links.
pub fn contact_lines(centre: &Centre, s: &Styles) -> Vec<Para> {
    let line = |runs: Vec<Run>| Para {
        space_after: s.gap * 0.3,
        ..s.display(runs, Role::Paragraph, 1.4)
    };
    let strong = TextStyle {
        face: crate::fonts::FaceKey {
            bold: true,
            ..s.caption.face
        },
        colour: s.colours.primary,
        size: s.body.size,
        ..s.caption
    };
    let link = |text: &str, target: String| {
        vec![Run {
            text: text.to_owned(),
            style: strong,
            link: Some(target),
        }]
    };
    let mut lines = vec![
        line(s.plain(
            &format!(
                "{}{SEPARATOR}{}",
                centre.parent,
                s.lang.join(&[&centre.city, &centre.country])
            ),
            TextStyle {
                size: s.body.size,
                ..s.caption
            },
        )),
        line(link(
            centre.website.display(),
            centre.website.as_str().to_owned(),
        )),
        line(link(centre.email.as_str(), centre.email.mailto())),
    ];
    for network in &centre.social {
        let label = format!("{}{SEPARATOR}{}", network.name, network.url.display());
        lines.push(line(link(&label, network.url.as_str().to_owned())));
    }
    lines
}

fn boxed(s: &Styles, content: Vec<Flow>, origin: Option<crate::diag::Span>, bar: bool) -> Flow {
    Flow::Boxed {
        fill: s.colours.surface,
        bar: bar.then_some((s.colours.accent, s.length(a4::BAR))),
        padding: s.gap * 1.6,
        space_after: s.gap,
        content,
        origin,
    }
}

/// Quotation marks around a quote, in the document's language.
fn quoted(text: &Inline, lang: Lang) -> Inline {
    let (open, close) = lang.locale().words.quote_marks;
    let mut spans = Inline::plain(open).0;
    spans.extend(text.0.iter().cloned());
    spans.extend(Inline::plain(close).0);
    Inline(spans)
}

/// A strip of logos at one height, evenly spread, each read out by its name.
pub fn logo_row(logos: &[Figure], s: &Styles, origin: Option<Span>) -> Flow {
    Flow::Row {
        cells: logos
            .iter()
            .map(|logo| {
                vec![Flow::Image {
                    image: logo.image.clone(),
                    width: 0.8,
                    logo: true,
                    bleed: false,
                    focus: crate::content::Focus::CENTRE,
                    role: Role::figure(logo.alt.clone()),
                    space_after: Pt::ZERO,
                }]
            })
            .collect(),
        gap: s.gap * 3.0,
        min_cell: s.length(a4::LOGO_CELL),
        space_after: s.gap,
        origin,
    }
}
