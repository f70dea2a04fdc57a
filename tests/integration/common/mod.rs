//! Helpers shared by the integration tests: temporary content folders, running the real
//! binary, and reading back the PDFs it wrote.

#![allow(dead_code)]

pub mod fixture;
pub mod frames;
pub mod pictures;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use plaquette::content;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every edition of the default content and of the second one, each with its folder.
pub fn every_edition() -> Vec<(&'static str, content::Content)> {
    ["content", "tests/fixtures/northshore"]
        .into_iter()
        .flat_map(|dir| {
            content::load_with(&repo().join(dir), &content::Options::default())
                .expect("valid")
                .editions
                .into_iter()
                .map(move |edition| (dir, edition))
        })
        .collect()
}

/// A temporary working folder holding `content/`, a copy of `source` (relative to the repo).
pub fn workspace(source: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&repo().join(source), &dir.path().join("content"));
    dir
}

/// Runs the binary in `dir` with `args`, with a fixed `SOURCE_DATE_EPOCH`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    run_on(dir, args, "1700000000")
}

/// Runs the binary and measures it: wall time and peak resident memory, in KiB (Linux's
/// `wait4` reports each child's own peak).
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also reports its memory"
)]
pub fn run_measured(dir: &Path, args: &[&str]) -> (Output, std::time::Duration, i64) {
    use std::io::Read;
    use std::process::Stdio;
    let started = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_plaquette"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run plaquette");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let mut err = Vec::new();
    stderr.read_to_end(&mut err).expect("stderr");
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid; `wait4` reaps the child we spawned, whose pid
    // std has not waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    let elapsed = started.elapsed();
    let stdout = out.join().expect("reader").expect("stdout");
    let status = std::os::unix::process::ExitStatusExt::from_raw(status);
    (
        Output {
            status,
            stdout,
            stderr: err,
        },
        elapsed,
        usage.ru_maxrss,
    )
}

/// Runs the binary as if on another day: `SOURCE_DATE_EPOCH` is `epoch`.
pub fn run_on(dir: &Path, args: &[&str], epoch: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plaquette"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run plaquette")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The text of every page, as a PDF reader extracts it (through the fonts' ToUnicode maps).
pub fn pdf_text(path: &Path) -> String {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text extracts")
}

pub fn page_count(path: &Path) -> usize {
    lopdf::Document::load(path)
        .expect("the PDF parses")
        .get_pages()
        .len()
}

/// Text with line-end hyphens rejoined, other hyphens dropped and all whitespace made single
/// spaces, so that a sentence can be searched whatever the line breaks. (A line may break
/// after the hyphen of "savoir-faire" too, so hyphens are dropped on both sides.)
pub fn normalise(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A hyphen ends its line: drop it and the break after it.
            '-' | '\u{ad}' => {
                // Extraction may also put a space before a marked hyphen.
                while joined.ends_with(char::is_whitespace) {
                    joined.pop();
                }
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
            }
            '\u{a0}' | '\u{202f}' => joined.push(' '),
            // French ordinals are set in superior letters («1er» is drawn «1ᵉʳ»): compared as
            // the letters they are, as a search folds them.
            'ᵉ' => joined.push('e'),
            'ʳ' => joined.push('r'),
            'ˢ' => joined.push('s'),
            'ⁿ' => joined.push('n'),
            'ᵈ' => joined.push('d'),
            c => joined.push(c),
        }
    }
    let spaced = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    // Text extraction puts a space between runs of different fonts ("emphasis ,").
    spaced
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" ;", ";")
        .replace(" :", ":")
        .replace(" ?", "?")
        .replace(" !", "!")
        // …and after an apostrophe before a word in bold ("l’ Institut").
        .replace("’ ", "’")
}

/// Every sentence a document's blocks hold, as plain text.
pub fn sentences(blocks: &[content::Block]) -> Vec<String> {
    fn texts(kind: &content::BlockKind, out: &mut Vec<String>) {
        let mut push = |i: &content::Inline| out.push(i.text());
        match kind {
            content::BlockKind::Heading { text, .. }
            | content::BlockKind::Paragraph(text)
            | content::BlockKind::Lead(text) => push(text),
            content::BlockKind::Timeline(milestones) => {
                milestones.iter().for_each(|m| push(&m.text))
            }
            content::BlockKind::Logos(_) => {}
            content::BlockKind::List { items, .. } => items.iter().for_each(push),
            content::BlockKind::KeyFigures(figures) => figures.iter().for_each(|f| {
                out.push(f.value.clone());
                out.push(f.label.clone());
            }),
            content::BlockKind::Quote { text, by } => {
                push(text);
                out.extend(by.clone());
            }
            content::BlockKind::Profile(p) => {
                push(&content::Inline::plain(p.name.clone()));
                push(&p.bio);
            }
            content::BlockKind::Image(f) => {
                out.extend(f.caption.as_ref().map(content::Inline::text))
            }
            content::BlockKind::Contact { intro } => push(intro),
            content::BlockKind::Columns(columns) => {
                for block in columns.iter().flatten() {
                    texts(&block.kind, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for block in blocks {
        texts(&block.kind, &mut out);
    }
    out.iter()
        .flat_map(|t| {
            t.split_inclusive(['.', '!', '?', ':', ';'])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Fails unless `blocks` hold a block of every kind the registry knows: a new kind must join
/// the fixtures that claim to hold them all.
pub fn assert_every_kind(blocks: &[content::Block]) {
    let kinds: Vec<_> = blocks.iter().map(|b| b.kind.name()).collect();
    for kind in content::kinds::BlockName::ALL {
        assert!(
            kinds.contains(kind),
            "the fixture lacks a {} block",
            kind.name()
        );
    }
}

/// Composes and lays out `what` as a build does: the fact sheet at the size that fills its
/// page.
pub fn lay_out(
    content: &content::Content,
    what: plaquette::What,
    print: Option<plaquette::layout::Print>,
) -> Result<(plaquette::compose::Composed, plaquette::layout::Laid), plaquette::layout::LayoutError>
{
    let settings = plaquette::Settings {
        print,
        ..plaquette::Settings::new(chrono::DateTime::UNIX_EPOCH)
    };
    let fonts = plaquette::fonts::FontBook::bundled().expect("bundled fonts");
    plaquette::lay_out(content, what, &fonts, &settings)
}
