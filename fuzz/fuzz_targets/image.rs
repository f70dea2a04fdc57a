//! The image stage: any bytes as an image file give a checked image or a diagnostic at its
//! place; a checked image is then placed and embedded (screen and print, turned, converted,
//! cropped and resampled) without panicking, and the PDF written.
//!
//! The first byte says where the picture goes: the logo (as any image, SVG included) or a
//! profile's portrait (cropped to its frame around a focus the second byte picks).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plaquette::compose::Kind;
use plaquette::content::{self, BlockKind, Focus};
use plaquette::fonts::FontBook;
use plaquette::layout::Print;
use plaquette::units::{Mm, Pt};
use plaquette::{Settings, build};

mod common;

/// A copy of the default content and the bundled fonts, made once per fuzzing process.
fn base() -> &'static (tempfile::TempDir, PathBuf, FontBook) {
    static BASE: OnceLock<(tempfile::TempDir, PathBuf, FontBook)> = OnceLock::new();
    BASE.get_or_init(|| {
        let (dir, path) = common::default_content();
        (dir, path, FontBook::bundled().expect("fonts"))
    })
}

/// The logo's file in the default content.
const LOGO: &str = "images/logo-placeholder.svg";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    // Straight to the decoder too: whatever it returns, the pixels it gives are consistent.
    for format in [plaquette::raster::Format::Png, plaquette::raster::Format::Jpeg] {
        if let Ok((facts, pixels)) = plaquette::raster::decode(format, bytes) {
            assert_eq!(pixels.data.len(), (pixels.width * pixels.height) as usize * pixels.model.channels());
            assert_eq!((pixels.width, pixels.height), facts.stored);
            let turned = pixels.upright(facts.orientation);
            let seen = turned.as_ref().unwrap_or(&pixels);
            assert_eq!((seen.width, seen.height), facts.size());
        }
    }
    let (_, dir, fonts) = base();
    let original = std::fs::read(dir.join(LOGO)).expect("original");
    std::fs::write(dir.join(LOGO), bytes).expect("write");
    let loaded = content::load(dir);
    std::fs::write(dir.join(LOGO), original).expect("restore");
    let mut content = match loaded {
        Ok(content) => content,
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            for d in diagnostics {
                let _ = d.with_snippet_from_file().to_string();
            }
            return;
        }
    };
    let documents = if mode & 1 == 1 {
        // The picture as every portrait, cropped around a focus.
        let focus = Focus::new(f32::from(mode >> 4) / 15.0, f32::from((mode >> 1) & 7) / 7.0)
            .unwrap_or(Focus::CENTRE);
        for block in &mut content.brochure.blocks {
            if let BlockKind::Profile(profile) = &mut block.kind {
                profile.photo = Some(content.brand.logo.clone());
                profile.focus = focus;
            }
        }
        Kind::ALL.to_vec()
    } else {
        vec![Kind::Factsheet]
    };
    let created = chrono::DateTime::from_timestamp(1_700_000_000, 0).expect("a date");
    for print in [false, true] {
        let mut settings = Settings::new(created);
        if print {
            settings.print = Some(Print {
                bleed: Pt::from(Mm(3.0)),
                slug: "fuzz".into(),
            });
        }
        for &kind in &documents {
            if let Ok(built) = build(&content, plaquette::What::Document(kind), fonts, &settings) {
                assert!(built.pdf.starts_with(b"%PDF-"));
            }
        }
    }
});
