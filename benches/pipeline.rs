//! Each stage of the pipeline on the default content, and the whole build in-process.
//!
//! `cargo bench --bench pipeline`; numbers and how they compare with Typst are in the README.
//! Stages run on the French edition of the brochure and the fact sheet, the two documents of
//! a default build.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use plaquette::compose::{self, Kind};
use plaquette::content::{self, Lang};
use plaquette::fonts::FontBook;
use plaquette::layout::impose;
use plaquette::render;
use plaquette::{Settings, build};

fn french(dir: &Path) -> content::Content {
    let options = content::Options {
        langs: Some(vec![Lang::parse("fr").expect("a bundled locale")]),
        fallback: None,
    };
    content::load_with(dir, &options)
        .expect("valid content")
        .editions
        .remove(0)
}

fn stages(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let created = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    let fonts = FontBook::bundled().expect("bundled fonts");
    let content = french(&dir);
    let options = render::Options {
        created,
        document_id: "bench".into(),
        accessible: true,
        print: false,
        resolution: render::Resolution::SCREEN,
    };

    c.bench_function("load and validate (fr)", |b| {
        b.iter(|| french(black_box(&dir)))
    });
    c.bench_function("fonts", |b| b.iter(FontBook::bundled));
    for kind in [Kind::Brochure, Kind::Factsheet] {
        let name = kind.stem();
        c.bench_function(&format!("compose {name}"), |b| {
            b.iter(|| compose::compose(black_box(&content), kind))
        });
        // Layout as a build does it: the fact sheet tried at a few sizes until it fills its
        // page.
        let what = plaquette::What::Document(kind);
        let settings = Settings::new(created);
        c.bench_function(&format!("layout {name}"), |b| {
            b.iter(|| {
                plaquette::lay_out(black_box(&content), what, &fonts, &settings).expect("fits")
            })
        });
        let (composed, laid) = plaquette::lay_out(&content, what, &fonts, &settings).expect("fits");
        let sheets = impose::single(&laid.pages);
        c.bench_function(&format!("render {name}"), |b| {
            b.iter(|| {
                render::render(&laid.pages, &sheets, &composed.meta, &fonts, &options)
                    .expect("renders")
            })
        });
    }
    // What `plaquette build --lang fr` does, but writing no file: read, then both documents.
    let settings = Settings::new(created);
    c.bench_function("whole build (fr brochure and fact sheet)", |b| {
        b.iter(|| {
            let content = french(&dir);
            let fonts = FontBook::bundled().expect("bundled fonts");
            for kind in [Kind::Brochure, Kind::Factsheet] {
                black_box(
                    build(&content, plaquette::What::Document(kind), &fonts, &settings)
                        .expect("builds"),
                );
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = stages
}
criterion_main!(benches);
