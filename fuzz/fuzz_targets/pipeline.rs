//! The whole pipeline from a valid model to PDF bytes: the default content with its texts
//! replaced by arbitrary ones (any Unicode, any length, right to left or not) composes, lays
//! out and renders, or fails with an error; it never panics.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plaquette::compose::Kind;
use plaquette::content::{self, BlockKind, Content, Inline};
use plaquette::fonts::FontBook;
use plaquette::layout::Print;
use plaquette::units::{Mm, Pt};
use plaquette::{Settings, build};

fn base() -> &'static (Vec<Content>, FontBook) {
    static BASE: OnceLock<(Vec<Content>, FontBook)> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let options = content::Options {
            langs: None,
            fallback: None,
        };
        let loaded = content::load_with(&dir, &options).expect("the default content is valid");
        (loaded.editions, FontBook::bundled().expect("fonts"))
    })
}

/// Puts the texts, in turn, in place of the blocks' texts.
fn replace(blocks: &mut [content::Block], texts: &mut impl Iterator<Item = String>) {
    for block in blocks {
        match &mut block.kind {
            BlockKind::Heading { text, .. }
            | BlockKind::Paragraph(text)
            | BlockKind::Lead(text)
            | BlockKind::Quote { text, .. } => {
                if let Some(t) = texts.next() {
                    *text = Inline::plain(t);
                }
            }
            BlockKind::List { items, .. } => {
                for item in items {
                    if let Some(t) = texts.next() {
                        *item = Inline::plain(t);
                    }
                }
            }
            BlockKind::KeyFigures(figures) => {
                for f in figures {
                    if let Some(t) = texts.next() {
                        f.value = t;
                    }
                }
            }
            BlockKind::Columns(columns) => {
                for column in columns {
                    replace(column, texts);
                }
            }
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (editions, fonts) = base();
    let mut content = editions[usize::from(mode) % editions.len()].clone();
    let text = String::from_utf8_lossy(rest);
    let mut texts = text
        .split('\n')
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter();
    replace(&mut content.brochure.blocks, &mut texts);
    replace(&mut content.factsheet.blocks, &mut texts);
    let created = chrono::DateTime::from_timestamp(1_700_000_000, 0).expect("a date");
    let mut settings = Settings::new(created);
    if mode & 0x10 != 0 {
        settings.print = Some(Print {
            bleed: Pt::from(Mm(3.0)),
            slug: "fuzz".into(),
        });
    }
    if mode & 0x20 != 0 {
        settings.booklet = plaquette::content::Paper::from_name("A4");
    }
    for kind in Kind::ALL {
        if let Ok(built) = build(&content, plaquette::What::Document(kind), fonts, &settings) {
            assert!(built.pdf.starts_with(b"%PDF-"));
        }
    }
});
