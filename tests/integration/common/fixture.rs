//! A content folder made for one test: the minimal content (`tests/fixtures/minimal`) with
//! some files replaced.

#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::path::Path;

use plaquette::content::{self, Content};

use super::{run, workspace};

/// A content folder made for one test: the minimal content with some files replaced.
pub struct Fixture(tempfile::TempDir);

impl Fixture {
    pub fn new() -> Fixture {
        Fixture(workspace("tests/fixtures/minimal"))
    }

    pub fn dir(&self) -> &Path {
        self.0.path()
    }

    /// Writes `text` to the content's `file`.
    pub fn write(&self, file: &str, text: &str) -> &Fixture {
        let path = self.dir().join("content").join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// The blocks of brochure.yaml, in English, after the heading the fact sheet uses.
    pub fn blocks(&self, blocks: &str) -> &Fixture {
        self.write(
            "brochure.yaml",
            &format!(
                "title: T\nsubject: S\nlanguages: [en]\nblocks:\n  - heading: Start\n    id: about\n{blocks}"
            ),
        )
    }

    /// Writes `bytes` to the content's `file`.
    pub fn file(&self, file: &str, bytes: &[u8]) -> &Fixture {
        let path = self.dir().join("content").join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// A grey PNG of `width` × `height` pixels.
    pub fn png(&self, name: &str, width: u32, height: u32) -> &Fixture {
        let path = self.dir().join("content/images").join(name);
        let file = fs::File::create(path).unwrap();
        let mut encoder = png::Encoder::new(file, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![128; (width * height) as usize])
            .unwrap();
        self
    }

    pub fn editions(&self) -> Vec<Content> {
        content::load_with(&self.dir().join("content"), &content::Options::default())
            .unwrap_or_else(|e| panic!("{e:?}"))
            .editions
    }

    pub fn content(&self) -> Content {
        self.editions().remove(0)
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        run(self.dir(), args)
    }
}
