//! Photos and logos as people supply them: each case made by the test itself (phone photos
//! with EXIF orientation, press-kit CMYK, 16-bit and palette PNGs, damaged files, logos with
//! text in system fonts, SVGs that reach outside the content folder), built with the real
//! binary, and checked on the written PDF.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::common::fixture::Fixture;
use crate::common::pictures::{self, Drawn, drawn_images};
use crate::common::stderr;
use plaquette::content::ImageKind;

/// A brochure whose only raster images are the image blocks given, each `(file, alt)`.
fn with_images(f: &Fixture, images: &[(&str, &str)]) {
    let blocks: String = images
        .iter()
        .map(|(file, alt)| format!("  - image: images/{file}\n    alt: {alt}\n"))
        .collect();
    f.blocks(&blocks);
}

/// Builds the brochure (screen, or print) and returns the raster images drawn in it.
fn build(f: &Fixture, print: bool) -> Vec<Drawn> {
    let mut args = vec!["build", "--only", "brochure"];
    if print {
        args.push("--print");
    }
    let output = f.run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let name = if print {
        "brochure-en-print.pdf"
    } else {
        "brochure-en.pdf"
    };
    drawn_images(&f.dir().join("output").join(name))
        .into_iter()
        // Logos are SVG; what remains are the blocks' pictures.
        .filter(|d| !d.colour.is_empty())
        .collect()
}

#[test]
fn a_phone_portrait_prints_upright() {
    let f = Fixture::new();
    // Stored landscape, 240 × 160, red in its top left corner, with Orientation 6 (turn a
    // quarter clockwise): seen as a 160 × 240 portrait, red in its top right corner (a mirror
    // image, Orientation 5, would have it top left).
    f.file("images/phone.jpg", &pictures::jpeg(240, 160, Some(6)));
    with_images(&f, &[("phone.jpg", "A portrait taken with a phone")]);
    let drawn = build(&f, false);
    assert_eq!(drawn.len(), 1, "{drawn:?}");
    let image = &drawn[0];
    assert!(image.height > image.width, "stored sideways: {image:?}");
    assert_eq!(image.filter, "DCTDecode");
    let (facts, pixels) =
        plaquette::raster::decode(plaquette::raster::Format::Jpeg, &image.stored).unwrap();
    assert_eq!(
        facts.orientation,
        plaquette::raster::Orientation::NoTransforms
    );
    let at = |x: u32, y: u32| {
        let i = ((y * pixels.width + x) * 3) as usize;
        pixels.data[i..i + 3].to_vec()
    };
    let (w, h) = (pixels.width, pixels.height);
    let red = |p: &[u8]| p[0] > 180 && p[1] < 80;
    assert!(red(&at(w - 2, 1)), "top right: {:?}", at(w - 2, 1));
    assert!(!red(&at(1, 1)), "top left: {:?}", at(1, 1));
    assert!(
        !red(&at(w - 2, h - 2)),
        "bottom right: {:?}",
        at(w - 2, h - 2)
    );
    // Placed as a portrait too.
    assert!(image.placed.1 > image.placed.0);
}

#[test]
fn cmyk_photos_work_on_screen_and_stay_cmyk_in_print() {
    let f = Fixture::new();
    f.file(
        "images/press.jpg",
        &pictures::cmyk_jpeg(1200, 900, [255, 0, 0, 0]),
    );
    with_images(&f, &[("press.jpg", "A cyan photo from a press kit")]);
    let screen = build(&f, false);
    assert_eq!(screen.len(), 1);
    assert_eq!(screen[0].colour, "ICCBased/3", "{:?}", screen[0]);
    let (_, pixels) =
        plaquette::raster::decode(plaquette::raster::Format::Jpeg, &screen[0].stored).unwrap();
    let rgb = &pixels.data[..3];
    assert!(
        rgb[0] < 60 && rgb[1] > 120 && rgb[2] > 190,
        "cyan on screen: {rgb:?}"
    );

    let print = build(&f, true);
    assert_eq!(print.len(), 1);
    assert!(
        print[0].colour == "ICCBased/4" || print[0].colour == "DeviceCMYK",
        "{:?}",
        print[0]
    );
    // Adobe's inverted CMYK, read back the way it was written.
    assert_eq!(
        print[0].decode.as_deref(),
        Some(&[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0][..])
    );
}

#[test]
fn deep_palette_grey_and_transparent_pngs_all_build() {
    let f = Fixture::new();
    use png::{BitDepth, ColorType};
    let cases = [
        // Sharp enough for print (150 ppi across the column) without holding up the test.
        (
            "deep.png",
            pictures::png(1200, 600, ColorType::Rgb, BitDepth::Sixteen, None),
        ),
        (
            "deep-alpha.png",
            pictures::png(1200, 600, ColorType::Rgba, BitDepth::Sixteen, None),
        ),
        (
            "palette.png",
            pictures::png(
                1200,
                600,
                ColorType::Indexed,
                BitDepth::Eight,
                Some(vec![200, 30, 30, 20, 60, 200]),
            ),
        ),
        (
            "grey.png",
            pictures::png(1200, 600, ColorType::Grayscale, BitDepth::Eight, None),
        ),
        (
            "grey-alpha.png",
            pictures::png(1200, 600, ColorType::GrayscaleAlpha, BitDepth::Eight, None),
        ),
        (
            "rgba.png",
            pictures::png(1200, 600, ColorType::Rgba, BitDepth::Eight, None),
        ),
    ];
    for (name, data) in &cases {
        f.file(&format!("images/{name}"), data);
    }
    let alts: Vec<(&str, &str)> = cases.iter().map(|(n, _)| (*n, "A test picture")).collect();
    with_images(&f, &alts);
    for print in [false, true] {
        let drawn = build(&f, print);
        // Alpha travels as a soft mask, not as an image drawn on its own.
        assert_eq!(drawn.len(), cases.len(), "print {print}: {drawn:?}");
        for image in &drawn {
            assert!(image.width > 0 && image.height > 0);
            assert_eq!(image.filter, "FlateDecode", "PNGs stay lossless: {image:?}");
        }
    }
}

#[test]
fn images_are_stored_at_the_resolution_they_are_placed_at() {
    let f = Fixture::new();
    // A 3000 × 2000 photo across a 170 mm column is about 450 ppi; a 900 × 600 one about 135.
    f.file("images/large.jpg", &pictures::jpeg(3000, 2000, None));
    let small = pictures::jpeg(900, 600, None);
    f.file("images/small.jpg", &small);
    with_images(
        &f,
        &[
            ("large.jpg", "A large photo"),
            ("small.jpg", "A small photo"),
        ],
    );
    let placed = |drawn: &[Drawn]| -> (f32, f32) {
        let large = drawn
            .iter()
            .map(|d| d.ppi().0.max(d.ppi().1))
            .fold(0.0, f32::max);
        let small = drawn
            .iter()
            .find(|d| d.stored == small)
            .map(|d| d.ppi().0)
            .unwrap_or(0.0);
        (large, small)
    };
    let screen = build(&f, false);
    let (most, kept) = placed(&screen);
    assert!(most <= 151.0, "screen at most 150 ppi: {screen:?}");
    // Rounded up to whole pixels: never below what was asked for either.
    assert!(
        screen
            .iter()
            .all(|d| d.ppi().0 >= 149.9 && d.ppi().1 >= 149.9),
        "{screen:?}"
    );
    assert_eq!(kept, 0.0, "the small photo is above 150 ppi too: resampled");
    let print = build(&f, true);
    let (most, kept) = placed(&print);
    assert!(most <= 450.5, "print keeps at most 450 ppi: {most}");
    assert!(kept > 100.0, "a photo within range keeps its own bytes");
    // The large one was resampled to 300.
    assert!(
        print.iter().any(|d| (d.ppi().0 - 300.0).abs() < 2.0),
        "{print:?}"
    );

    // The brand may ask for less.
    let brand = std::fs::read_to_string(f.dir().join("content/brand.yaml")).unwrap();
    f.write("brand.yaml", &format!("{brand}images:\n  screen-ppi: 96\n"));
    let screen = build(&f, false);
    assert!(screen.iter().all(|d| d.ppi().0 <= 96.5), "{screen:?}");
}

#[test]
fn damaged_jpegs_are_errors_at_their_place() {
    let whole = pictures::jpeg(320, 240, None);
    let scan = whole.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    let mut cut = whole[..scan + (whole.len() - scan) / 2].to_vec();
    cut.extend([0xFF, 0xD9]);
    let mut headers = whole[..scan].to_vec();
    headers.extend([0xFF, 0xD9]);
    let mut corrupt = whole.clone();
    let middle = scan + (whole.len() - scan) / 2;
    corrupt[middle..middle + 4].copy_from_slice(&[0xFF, 0xC0, 0x00, 0x01]);
    for (name, data) in [
        ("cut.jpg", cut),
        ("headers.jpg", headers),
        ("corrupt.jpg", corrupt),
    ] {
        let f = Fixture::new();
        f.file(&format!("images/{name}"), &data);
        with_images(&f, &[(name, "A damaged photo")]);
        for format in ["human", "json"] {
            let output = f.run(&["build", "--format", format]);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{name} {format}: {}",
                stderr(&output)
            );
            let said = if format == "json" {
                String::from_utf8_lossy(&output.stdout).into_owned()
            } else {
                stderr(&output)
            };
            assert!(
                said.contains(&format!("image `images/{name}` is damaged")),
                "{name} {format}: {said}"
            );
            assert!(said.contains("brochure.yaml"), "{said}");
        }
        assert!(!f.dir().join("output/brochure-en.pdf").exists());
    }
    // Where: the line and column of the image's path.
    let f = Fixture::new();
    f.file("images/cut.jpg", &whole[..whole.len() / 2]);
    with_images(&f, &[("cut.jpg", "A cut photo")]);
    let output = f.run(&["check"]);
    assert!(
        stderr(&output).contains("brochure.yaml:7:12"),
        "{}",
        stderr(&output)
    );
}

/// A logo with one text in each `font-family` given (none: no attribute).
fn logo_with_texts(families: &[Option<&str>]) -> String {
    let texts: String = families
        .iter()
        .enumerate()
        .map(|(i, family)| {
            let attribute = family
                .map(|f| format!(" font-family=\"{f}\""))
                .unwrap_or_default();
            format!(
                "<text x=\"4\" y=\"{}\" font-size=\"12\"{attribute}>Harbor {i}</text>",
                16 + i * 16
            )
        })
        .collect();
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"120\">{texts}</svg>")
}

/// How many text nodes of `tree` have outlines to draw.
fn drawn_texts(group: &usvg::Group) -> (usize, usize) {
    let mut counts = (0, 0);
    for node in group.children() {
        match node {
            usvg::Node::Text(text) => {
                counts.0 += 1;
                if !text.flattened().children().is_empty() {
                    counts.1 += 1;
                }
            }
            usvg::Node::Group(g) => {
                let (all, drawn) = drawn_texts(g);
                counts.0 += all;
                counts.1 += drawn;
            }
            _ => {}
        }
    }
    counts
}

#[test]
fn logo_text_in_system_and_generic_fonts_is_drawn() {
    let f = Fixture::new();
    let families = [
        Some("Arial"),
        Some("Helvetica"),
        Some("'Helvetica Neue', Helvetica, Arial, sans-serif"),
        Some("serif"),
        Some("sans-serif"),
        None,
        Some("Times New Roman"),
    ];
    f.write("images/logo.svg", &logo_with_texts(&families));
    let content = f.content();
    let ImageKind::Svg(tree) = &content.brand.logo.kind else {
        panic!("the logo is an SVG")
    };
    assert_eq!(drawn_texts(tree.root()), (families.len(), families.len()));
    let output = f.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
}

#[test]
fn logo_text_that_cannot_be_drawn_as_designed_is_a_warning_naming_the_logo() {
    let f = Fixture::new();
    f.write(
        "images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"60\">\
         <text y=\"20\" font-family=\"Montserrat\">Gridworks</text>\
         <text y=\"40\">港湾 Lab 研究所</text></svg>",
    );
    let output = f.run(&["check"]);
    let said = stderr(&output);
    assert!(
        said.contains("warning: logo `images/logo.svg` has text with characters no bundled font has (港湾研究所): they are left out"),
        "{said}"
    );
    assert!(
        said.contains("warning: logo `images/logo.svg` sets its text in `Montserrat`, which is not bundled: it is drawn in Noto Sans instead"),
        "{said}"
    );
    assert!(said.contains("brand.yaml:10:7"), "{said}");
    assert!(output.status.success(), "warnings only: {said}");
    let built = f.run(&["build", "--only", "brochure"]);
    assert!(built.status.success(), "{}", stderr(&built));
}

#[test]
fn a_wordmark_that_no_longer_fits_its_box_is_a_warning() {
    let f = Fixture::new();
    let logo = |size: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"50\">\
             <text x=\"10\" y=\"35\" font-family=\"Helvetica\" font-size=\"{size}\">HARBORLIGHT</text></svg>"
        )
    };
    f.write("images/logo.svg", &logo(16));
    assert!(!stderr(&f.run(&["check"])).contains("runs past its edge"));
    f.write("images/logo.svg", &logo(30));
    let said = stderr(&f.run(&["check"]));
    assert!(
        said.contains("warning: logo `images/logo.svg` has text that runs past its edge, set in the bundled fonts, and is cut there"),
        "{said}"
    );
}

#[test]
fn svgs_may_embed_only_pictures_inside_the_content_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.png");
    std::fs::write(
        &secret,
        pictures::png(4, 4, png::ColorType::Rgb, png::BitDepth::Eight, None),
    )
    .unwrap();
    let huge = pictures::png_claiming(40_000, 40_000);
    let huge = format!("data:image/png;base64,{}", base64(&huge));
    let fifo_dir = tempfile::tempdir().unwrap();
    let fifo = fifo_dir.path().join("pipe.png");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let cases: Vec<(String, &str)> = vec![
        (
            secret.display().to_string(),
            "a file outside the content folder",
        ),
        (
            format!("file://{}", secret.display()),
            "an address plaquette does not read",
        ),
        (
            "../../secret.png".into(),
            "a file outside the content folder",
        ),
        ("link.png".into(), "a file outside the content folder"),
        (
            "https://example.org/logo.png".into(),
            "a web address: plaquette never downloads",
        ),
        ("/dev/zero".into(), "a file outside the content folder"),
        ("pipe.png".into(), "not a regular file"),
        (huge, "more than the 25 million allowed"),
    ];
    for (href, expected) in cases {
        let f = Fixture::new();
        // A real file just outside the content folder, and a link to it from inside.
        std::fs::copy(&secret, f.dir().join("secret.png")).unwrap();
        std::os::unix::fs::symlink(
            f.dir().join("secret.png"),
            f.dir().join("content/images/link.png"),
        )
        .unwrap();
        if href == "pipe.png" {
            let status = std::process::Command::new("mkfifo")
                .arg(f.dir().join("content/images/pipe.png"))
                .status()
                .unwrap();
            assert!(status.success());
        }
        f.write(
            "images/logo.svg",
            &format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
                 width=\"100\" height=\"100\"><image width=\"100\" height=\"100\" xlink:href=\"{href}\"/></svg>"
            ),
        );
        let started = std::time::Instant::now();
        let output = f.run(&["check"]);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{href}: {said}");
        assert!(said.contains("logo `images/logo.svg`"), "{href}: {said}");
        assert!(said.contains(expected), "{href}: {said}");
        if !href.starts_with("data:") {
            let shown: String = href.chars().take(80).collect();
            assert!(said.contains(&format!("`{shown}")), "{href}: {said}");
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "{href} took {:?}",
            started.elapsed()
        );
    }
    drop(fifo);
}

#[test]
fn an_image_that_is_not_a_regular_file_is_refused_at_once() {
    let f = Fixture::new();
    let pipe = f.dir().join("content/images/pipe.jpg");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    with_images(&f, &[("pipe.jpg", "A pipe")]);
    let started = std::time::Instant::now();
    let output = f.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("image `images/pipe.jpg` is not a regular file"),
        "{}",
        stderr(&output)
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn an_svg_may_embed_a_picture_beside_it() {
    let f = Fixture::new();
    f.file(
        "images/mark.png",
        &pictures::png(40, 40, png::ColorType::Rgb, png::BitDepth::Eight, None),
    );
    f.write(
        "images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">\
         <image width=\"100\" height=\"100\" href=\"mark.png\"/></svg>",
    );
    let output = f.run(&["build", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn an_svg_that_embeds_itself_is_read_once() {
    let f = Fixture::new();
    f.write(
        "images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">\
         <rect width=\"100\" height=\"100\" fill=\"#123\"/>\
         <image width=\"50\" height=\"50\" href=\"logo.svg\"/></svg>",
    );
    let output = f.run(&["check"]);
    assert!(
        output.status.code().is_some(),
        "no crash: {}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

#[test]
fn an_svg_behind_a_long_licence_is_still_an_svg() {
    let f = Fixture::new();
    let licence =
        "This logo is licensed under the Creative Commons Attribution 4.0 licence. ".repeat(60);
    f.write(
        "images/logo.svg",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- {licence} -->\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
        ),
    );
    let output = f.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The brochure of `content` laid out, on screen or with a 3 mm bleed.
fn laid(content: &plaquette::content::Content, print: bool) -> plaquette::layout::Laid {
    use plaquette::compose::{self, Kind, What};
    let composed = compose::compose_on(
        content,
        What::Document(Kind::Brochure),
        &compose::Theme::new(&content.brand),
    );
    let print = print.then(|| plaquette::layout::Print {
        bleed: plaquette::units::Pt::from(plaquette::units::Mm(3.0)),
        slug: "test".into(),
    });
    plaquette::layout::layout(
        &composed,
        &plaquette::fonts::FontBook::bundled().unwrap(),
        print.as_ref(),
    )
    .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
}

/// Every placed picture whose file is `name`, with its page.
fn placed<'a>(
    laid: &'a plaquette::layout::Laid,
    name: &str,
) -> Vec<(
    &'a plaquette::layout::frame::Page,
    &'a plaquette::layout::frame::PlacedImage,
)> {
    let mut found = Vec::new();
    for page in &laid.pages {
        for item in &page.items {
            if let plaquette::layout::frame::Item::Image(image) = item
                && image.image.path.ends_with(name)
            {
                found.push((page, image));
            }
        }
    }
    found
}

#[test]
fn an_image_across_the_page_reaches_its_edges_and_its_caption_stays_in_the_column() {
    let f = Fixture::new();
    f.file("images/wide.jpg", &pictures::jpeg(3000, 1200, None));
    // Taller than a column holds at the page's width: cropped, the bottom kept.
    f.file("images/tall.jpg", &pictures::jpeg(1400, 3500, None));
    f.blocks(
        "  - image: images/wide.jpg\n    alt: A wide view\n    size: bleed\n    caption: The harbour.\n\
         \x20 - image: images/tall.jpg\n    alt: A tall view\n    size: bleed\n    focus: bottom\n",
    );
    let content = f.content();
    for print in [false, true] {
        let laid = laid(&content, print);
        let [(page, wide)] = placed(&laid, "wide.jpg")[..] else {
            panic!("one wide image")
        };
        let edges = page.bleed;
        assert_eq!(
            (wide.rect.x, wide.rect.width),
            (edges.x, edges.width),
            "print {print}"
        );
        assert!(wide.crop.is_whole());
        assert!((wide.rect.height.0 / wide.rect.width.0 - 0.4).abs() < 0.01);
        let caption = page
            .items
            .iter()
            .find_map(|i| match i {
                plaquette::layout::frame::Item::Text(run) if run.text.contains("harbour") => {
                    Some(run)
                }
                _ => None,
            })
            .expect("the caption");
        assert!(
            caption.x > page.trim.x + plaquette::units::Pt(30.0),
            "the caption keeps its margin"
        );
        let [(_, tall)] = placed(&laid, "tall.jpg")[..] else {
            panic!("one tall image")
        };
        assert_eq!(tall.rect.width, edges.width);
        assert!(tall.crop.height < 0.99, "cropped: {:?}", tall.crop);
        assert!(
            (tall.crop.y + tall.crop.height - 1.0).abs() < 1e-4,
            "its bottom kept: {:?}",
            tall.crop
        );
    }
}

#[test]
fn portraits_share_one_frame_cropped_around_their_focus() {
    let f = Fixture::new();
    f.file("images/square.jpg", &pictures::jpeg(800, 800, None));
    f.file("images/tall.jpg", &pictures::jpeg(600, 1400, None));
    f.file("images/wide.jpg", &pictures::jpeg(1400, 600, None));
    let profile = |name: &str, photo: &str, focus: &str| {
        format!(
            "  - profile:\n      name: {name}\n      role: Researcher\n      bio: Works on tides.\n      photo: images/{photo}\n{focus}"
        )
    };
    f.blocks(&format!(
        "{}{}{}",
        profile("Ada Square", "square.jpg", ""),
        profile("Ben Tall", "tall.jpg", "      focus: top\n"),
        profile("Cy Wide", "wide.jpg", "      focus: right\n"),
    ));
    let laid = laid(&f.content(), false);
    let frames: Vec<_> = ["square.jpg", "tall.jpg", "wide.jpg"]
        .iter()
        .map(|name| {
            let [(_, image)] = placed(&laid, name)[..] else {
                panic!("{name} placed once")
            };
            image
        })
        .collect();
    for image in &frames {
        assert_eq!(image.rect.width, frames[0].rect.width);
        assert_eq!(image.rect.height, frames[0].rect.height);
        assert!((image.rect.height.0 / image.rect.width.0 - 1.25).abs() < 0.01);
    }
    let (tall, wide) = (frames[1].crop, frames[2].crop);
    assert_eq!(tall.y, 0.0, "the top of a tall portrait kept: {tall:?}");
    assert!(tall.height < 0.99);
    assert!(
        (wide.x + wide.width - 1.0).abs() < 1e-4,
        "the right of a wide one: {wide:?}"
    );
}

#[test]
fn a_photo_cover_fills_the_page_under_a_veil_that_lets_the_text_read() {
    let f = Fixture::new();
    f.file("images/cover.jpg", &pictures::jpeg(1800, 2400, None));
    let brand = std::fs::read_to_string(f.dir().join("content/brand.yaml")).unwrap();
    f.write(
        "brand.yaml",
        &format!("{brand}cover: photo\ncover-photo:\n  image: images/cover.jpg\n  focus: top\n  veil: 70%\n"),
    );
    let content = f.content();
    for print in [false, true] {
        let laid = laid(&content, print);
        let cover = &laid.pages[0];
        let [(page, photo)] = placed(&laid, "cover.jpg")[..] else {
            panic!("the cover photo, once")
        };
        assert!(std::ptr::eq(page, cover), "on the cover");
        assert_eq!(photo.rect, cover.bleed, "print {print}");
        let (colour, amount) = photo.veil.expect("a veil");
        assert_eq!(colour, content.brand.colours.primary);
        assert!((amount - 0.7).abs() < 1e-6);
        assert_eq!(photo.crop.y, 0.0);
    }
    // The veil is drawn: a constant opacity in the cover's graphics state.
    let output = f.run(&["build", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = std::fs::read(f.dir().join("output/brochure-en.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let veiled = doc.objects.values().any(|o| {
        o.as_dict()
            .ok()
            .and_then(|d| d.get(b"ca").ok())
            .and_then(|ca| ca.as_float().ok())
            .is_some_and(|ca| (ca - 0.7).abs() < 0.01)
    });
    assert!(veiled, "no fill at 70% opacity");
}

/// An image waiting for the next page does not open it above a box that continues there:
/// the box's second half, under the image, would read as its caption. The text before grows
/// a line at a time, so that the box breaks at every place.
#[test]
fn a_waiting_image_does_not_sit_above_a_box_that_continues() {
    let f = Fixture::new();
    f.file("images/tall.jpg", &pictures::jpeg(1000, 1500, None));
    let bio =
        "She studies the tides of the gulf and the machines that draw power from them. ".repeat(14);
    let mut checked = 0;
    for lines in (0..60).step_by(2) {
        let filler = "Filler words that take their room on the page ".repeat(lines + 1);
        f.blocks(&format!(
            "  - paragraph: {filler}\n  - image: images/tall.jpg\n    alt: The wave tank\n\
             \x20 - profile:\n      name: Ada Example\n      role: Director\n      bio: {bio}\n"
        ));
        let content = f.content();
        let laid = laid(&content, false);
        let fills = |page: &plaquette::layout::frame::Page| -> Vec<plaquette::layout::frame::Rect> {
            page.items
                .iter()
                .filter_map(|i| match i {
                    plaquette::layout::frame::Item::Fill(fill)
                        if fill.rect.width.0 > 100.0 && fill.rect.height.0 > 20.0 =>
                    {
                        Some(fill.rect)
                    }
                    _ => None,
                })
                .collect()
        };
        for (p, page) in laid.pages.iter().enumerate().skip(1) {
            // Inside pages: the covers' grounds are fills too.
            let Some(previous) = laid.pages.get(p - 1).filter(|q| q.number.is_some()) else {
                continue;
            };
            if page.number.is_none() {
                continue;
            }
            // The box was cut at the previous page's foot and goes on here.
            let cut = fills(previous)
                .iter()
                .any(|r| r.bottom().0 > previous.trim.bottom().0 - 120.0);
            for fill in fills(page) {
                let above = page.items.iter().any(|i| match i {
                    plaquette::layout::frame::Item::Image(image) => {
                        image.rect.bottom().0 <= fill.y.0 + 1.0
                            && fill.y.0 - image.rect.bottom().0 < 60.0
                            && image.rect.x.0 < fill.right().0
                            && image.rect.right().0 > fill.x.0
                    }
                    _ => false,
                });
                if cut {
                    checked += 1;
                    assert!(
                        !above,
                        "after {lines} lines: on page {}, the box goes on under an image",
                        p + 1
                    );
                }
            }
        }
    }
    assert!(checked > 0, "the box never broke across pages");
}
