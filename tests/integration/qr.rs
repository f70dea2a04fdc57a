//! The QR codes on the back cover and the fact sheet decode, from the drawing layout placed,
//! to exactly the centre's website.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::common::*;
use plaquette::compose::{self, Kind};
use plaquette::content;
use plaquette::layout::frame::{Item, Page, PlacedImage};

/// Rasterises a placed SVG at 6 pixels a module and reads the QR code in it.
fn decode(svg: &[u8]) -> String {
    let tree = resvg::usvg::Tree::from_data(svg, &resvg::usvg::Options::default()).expect("svg");
    let scale = 6.0;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale) as u32,
        (size.height() * scale) as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        let p = pixmap.pixel(x as u32, y as u32).expect("pixel");
        ((u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue())) / 3) as u8
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().expect("decodes").1
}

/// The QR codes layout placed on `pages`.
fn codes(pages: &[Page]) -> Vec<&PlacedImage> {
    pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Image(image) if image.image.path.to_string_lossy().starts_with("qr:") => {
                Some(image)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_qr_codes_decode_to_the_website() {
    let dir = repo().join("content");
    for lang in [
        content::Lang::parse("fr").expect("a bundled locale"),
        content::Lang::parse("ar").expect("a bundled locale"),
    ] {
        let options = content::Options {
            langs: Some(vec![lang]),
            fallback: None,
        };
        let content = content::load_with(&dir, &options)
            .expect("valid")
            .editions
            .remove(0);
        for kind in [Kind::Brochure, Kind::Factsheet] {
            let (_, laid) = lay_out(&content, compose::What::Document(kind), None).expect("laid");
            let codes = codes(&laid.pages);
            assert_eq!(codes.len(), 1, "{kind:?}: one code");
            let code = codes[0];
            assert_eq!(decode(&code.image.data), content.centre.website.as_str());
            // Square, and large enough to scan from paper: 15 mm at least.
            assert_eq!(code.rect.width, code.rect.height);
            assert!(
                code.rect.width.to_mm().0 >= 15.0,
                "{kind:?}: {:?}",
                code.rect
            );
            assert!(!code.role.is_artifact(), "a figure, with alt text");
        }
        // The handout's code registers.
        let event = content.events.first().expect("the sample event");
        let (_, laid) = lay_out(&content, compose::What::Handout(event), None).expect("laid");
        let code = *codes(&laid.pages).first().expect("a code on the handout");
        assert_eq!(decode(&code.image.data), event.registration.as_str());
    }
}
