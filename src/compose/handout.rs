//! An event's handout: one page with the event's name, days and place in the header band,
//! the programme day by day, and how to register, with a QR code of the registration page.

use chrono::NaiveDate;

use super::styles::Styles;
use super::templates::page_style;
use super::theme::a4;
use super::{Align, Composed, Flow, Kind, Meta, PageStyle, Para, Role};
use crate::content::{Content, Event, Inline, Lang};
use crate::units::Pt;

/// The handout of `event` on at most `pages` pages.
pub fn handout(content: &Content, event: &Event, s: &Styles, pages: usize) -> Composed {
    let lang = s.lang;
    let days = day_lines(event, lang);
    // The event's name, larger than a heading: the handout's title.
    let titles = header_titles(event, s, s.heading.size * 1.5);
    let words = lang.locale().words;
    let (register_title, register_text) = (words.registration, words.register_online);
    let mut body = programme(event, s);
    // What does not fit of the registration is the event file's business.
    let at = Some(event.registration_at.clone());
    body.push(Flow::Para(Para {
        origin: at.clone(),
        ..s.heading(&Inline::plain(register_title), 1)
    }));
    let url = event.registration.as_str().to_owned();
    let mut link = Inline::plain(event.registration.display());
    if let Some(span) = link.0.first_mut() {
        span.link = Some(url.clone());
        span.strong = true;
    }
    let mut register = vec![
        Flow::Para(Para {
            origin: at.clone(),
            ..s.para(
                s.runs(&Inline::plain(register_text), s.body),
                Role::Paragraph,
            )
        }),
        Flow::Para(Para {
            align: Align::Left,
            origin: at,
            ..s.para(s.runs(&link, s.body), Role::Paragraph)
        }),
    ];
    if let Some(image) = crate::qr::image(&url, s.colours.ink.rgb) {
        let alt = lang.phrase(
            words.qr_registration,
            &[("site", event.registration.display())],
        );
        register = vec![Flow::Aside {
            icon: image,
            size: s.length(a4::HANDOUT_QR),
            frame: None,
            gap: s.gap * 2.0,
            content: register,
            space_after: Pt::ZERO,
            role: Role::Figure { alt: Some(alt) },
        }];
    }
    body.extend(register);
    // Who holds the event and how to reach them, at the foot of each page.
    let email = content.centre.email.as_str().to_owned();
    let strip = super::templates::strip(content, s, Some(email));
    let page = PageStyle {
        // The programme continues on the back when it is long.
        page_limit: Some(pages),
        ..page_style(s, 1, Some(strip))
    };
    Composed {
        kind: Kind::Handout,
        rtl: lang.rtl(),
        meta: Meta {
            title: event.name.clone(),
            author: format!("{} ({})", content.centre.short_name, content.centre.parent),
            subject: format!("{} · {}", programme_title(lang), days.join(" · ")),
            keywords: vec![content.centre.short_name.clone(), event.city.clone()],
            lang,
        },
        page,
        cover: None,
        header: Some(super::templates::header(content, s, titles)),
        banner: Vec::new(),
        tail: Vec::new(),
        body,
        contents: None,
        notes: None,
        pad_to: 1,
        back: None,
    }
}

/// Each day of `event` with its hours.
fn day_lines(event: &Event, lang: Lang) -> Vec<String> {
    event
        .days
        .iter()
        .map(|d| day_line(d.date, d.from, d.to, lang))
        .collect()
}

/// "jeudi 18 mars 2027, 9 h – 17 h 30".
fn day_line(date: NaiveDate, from: chrono::NaiveTime, to: chrono::NaiveTime, lang: Lang) -> String {
    lang.join(&[&lang.weekday(date), &lang.time_range(from, to)])
}

fn programme_title(lang: Lang) -> &'static str {
    lang.locale().words.programme
}

/// The event in white for a band or a cover: its name (at `size`), days and place, and a
/// note when it is a sample.
fn header_titles(event: &Event, s: &Styles, size: Pt) -> Vec<Para> {
    let lang = s.lang;
    let days = day_lines(event, lang);
    let mut titles = vec![Para {
        space_after: size * 0.2,
        ..s.display(
            s.plain(&event.name, s.heading.white(size)),
            Role::Title,
            1.1,
        )
    }];
    // A day a line: joined, a line would break inside a day, or before the separator.
    let count = days.len();
    for (i, day) in days.iter().enumerate() {
        titles.push(Para {
            space_after: if i + 1 == count {
                s.gap * 0.3
            } else {
                Pt::ZERO
            },
            ..s.display(
                s.plain(day, s.subheading.white(s.subheading.size)),
                Role::Paragraph,
                1.3,
            )
        });
    }
    titles.extend([s.display(
        s.plain(
            &lang.join(&[&event.venue, &event.city]),
            s.quote.white(s.body.size),
        ),
        Role::Paragraph,
        1.3,
    )]);
    if event.sample {
        let note = lang.locale().words.sample_event;
        titles.push(Para {
            space_before: s.gap * 0.6,
            ..s.display(
                s.plain(note, s.caption.white(s.caption.size)),
                Role::Paragraph,
                1.3,
            )
        });
    }
    titles
}

/// The titles of an event brochure's cover.
pub fn cover_titles(event: &Event, s: &Styles) -> Vec<Para> {
    header_titles(event, s, s.display * 0.8)
}

/// The programme: a heading, then each day's sessions on a timeline.
pub fn programme(event: &Event, s: &Styles) -> Vec<Flow> {
    let lang = s.lang;
    let mut body = vec![Flow::Para(
        s.heading(&Inline::plain(programme_title(lang)), 1),
    )];
    for day in &event.days {
        let sessions: Vec<_> = event
            .programme
            .iter()
            .filter(|p| p.date == day.date)
            .collect();
        if sessions.is_empty() {
            continue;
        }
        let day_line = day_line(day.date, day.from, day.to, lang);
        body.push(Flow::Para(s.heading(&Inline::plain(&day_line), 2)));
        let continued = lang.locale().words.continued.replace("{what}", &day_line);
        let entries = sessions
            .iter()
            .map(|session| {
                let mut text = s.runs(&Inline::plain(&session.title), s.body);
                if !session.speakers.is_empty() {
                    let speakers: Vec<&str> = session.speakers.iter().map(String::as_str).collect();
                    text.extend(s.plain(&format!(" — {}", lang.join(&speakers)), s.caption));
                }
                (
                    s.display(
                        s.plain(
                            &lang.time(session.start),
                            s.label_for(&lang.time(session.start)),
                        ),
                        Role::Label,
                        1.3,
                    ),
                    Para {
                        space_after: s.gap,
                        align: Align::Left,
                        origin: Some(session.origin.clone()),
                        ..s.para(text, Role::ListItem)
                    },
                )
            })
            .collect();
        body.push(Flow::Timeline {
            entries,
            rail: s.rail(),
            label_width: s.length(a4::DATE_WIDTH) * 0.43,
            space_after: s.gap * 1.5,
            origin: None,
            continued: Some(Para {
                role: Role::Artifact,
                keep_with_next: false,
                ..s.heading(&Inline::plain(continued), 2)
            }),
        });
    }
    if !event.partners.is_empty() {
        let title = lang.locale().words.partners;
        body.push(Flow::Para(s.heading(&Inline::plain(title), 2)));
        body.push(super::blocks::logo_row(&event.partners, s, None));
    }
    body
}
