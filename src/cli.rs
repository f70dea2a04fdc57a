//! The command line: parse arguments, run the pipeline, write files, report.
//!
//! Exit codes: 0 success; 1 the content has errors, does not fit, or the output cannot be
//! written; 2 a usage mistake (unknown option, bad `SOURCE_DATE_EPOCH`).
//!
//! Every document of a run is built in memory first; files are written only when all of them
//! built, each to a temporary file in the output folder then renamed over the old one. So a
//! failed run leaves the earlier PDFs untouched and never a partial file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};

use crate::compose::Kind;
use crate::content::{self, Lang};
use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::layout::Print;
use crate::units::{Length, Mm, Pt};
use crate::{Built, Settings, build};

#[derive(Parser)]
#[command(
    name = "plaquette",
    version,
    about = "Typesets YAML content into a branded PDF brochure and fact sheet."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDFs (the default when no command is given).
    Build(BuildArgs),
    /// Check the content, including that the fact sheet fits its page; write nothing.
    Check(Editions),
    /// Report on the typesetting of each document: justification, spacing, hyphens, widows,
    /// orphans and stranded headings.
    Inspect(Editions),
}

#[derive(clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    editions: Editions,
    /// Where the PDFs are written.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Build only one document.
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// For a print shop: bleed, crop marks and slug, the brand's CMYK inks and a FOGRA39
    /// output intent; files are named `*-print.pdf`.
    #[arg(long)]
    print: bool,
    /// How far backgrounds run past the trim in print editions, from 0mm to 10mm.
    #[arg(long, default_value = "3mm", value_parser = parse_bleed, requires = "print")]
    bleed: Pt,
    /// The brochure as an A5 booklet on A4 landscape sheets, in printing order, for an office
    /// duplex printer (flip on the short edge), then folded and stapled: `brochure-*-booklet.pdf`.
    #[arg(long, conflicts_with_all = ["print", "only"])]
    booklet: bool,
}

/// What to make of each edition.
#[derive(Clone, Copy)]
enum Output {
    Screen,
    Print { bleed: Pt },
    Booklet,
}

impl Output {
    /// The file name's ending after the language: `-print`, `-booklet`.
    fn suffix(self) -> &'static str {
        match self {
            Output::Screen => "",
            Output::Print { .. } => "-print",
            Output::Booklet => "-booklet",
        }
    }
}

fn parse_bleed(text: &str) -> Result<Pt, String> {
    let bleed = Length::parse(text)
        .map(Length::pt)
        .ok_or_else(|| format!("`{text}` is not a length: write it as 3mm"))?;
    if bleed.0 > Pt::from(Mm(10.0)).0 {
        return Err(format!("a bleed of {text} is more than 10mm"));
    }
    Ok(bleed)
}

/// Which content, in which languages.
#[derive(clap::Args)]
struct Editions {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The languages to build, comma-separated; by default every language the content declares.
    #[arg(long, value_enum, value_delimiter = ',')]
    lang: Vec<LangArg>,
    /// Fill texts missing in a language with this language's, each reported as a warning.
    #[arg(long, value_enum)]
    fallback: Option<LangArg>,
}

impl Default for Editions {
    fn default() -> Self {
        Editions {
            content: "content".into(),
            lang: Vec::new(),
            fallback: None,
        }
    }
}

impl Editions {
    fn options(&self) -> content::Options {
        content::Options {
            langs: (!self.lang.is_empty()).then(|| self.lang.iter().map(|l| l.lang()).collect()),
            fallback: self.fallback.map(LangArg::lang),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Fr,
    En,
    Ar,
}

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
            LangArg::Ar => Lang::Ar,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Only {
    Brochure,
    Factsheet,
}

/// Runs the command line and returns the process's exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let created = match creation_date() {
        Ok(date) => date,
        Err(message) => {
            eprint!("{}", Diagnostic::error(message));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Some(Command::Inspect(editions)) => inspect(&editions),
        Some(Command::Check(editions)) => {
            run_build(&editions, None, &Kind::ALL, (Output::Screen, created))
        }
        Some(Command::Build(args)) => {
            let kinds = match (args.only, args.booklet) {
                (Some(Only::Brochure), _) | (_, true) => vec![Kind::Brochure],
                (Some(Only::Factsheet), _) => vec![Kind::Factsheet],
                (None, false) => Kind::ALL.to_vec(),
            };
            let output = if args.print {
                Output::Print { bleed: args.bleed }
            } else if args.booklet {
                Output::Booklet
            } else {
                Output::Screen
            };
            run_build(&args.editions, Some(&args.out), &kinds, (output, created))
        }
        None => run_build(
            &Editions::default(),
            Some(Path::new("output")),
            &Kind::ALL,
            (Output::Screen, created),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Diagnostics(diagnostics)) => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            for d in &diagnostics {
                eprint!("{d}");
            }
            eprintln!(
                "{errors} error{}; nothing was written",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Failure::Io(e)) => {
            eprintln!("error: {e:#}");
            eprintln!("nothing was written");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Diagnostics(Vec<Diagnostic>),
    Io(anyhow::Error),
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
fn creation_date() -> Result<DateTime<Utc>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds since 1970")
            }),
        Err(_) => Ok(Utc::now()),
    }
}

/// Loads the editions, printing the warnings of loading.
fn load(editions: &Editions) -> Result<Vec<content::Content>, Failure> {
    let loaded =
        content::load_with(&editions.content, &editions.options()).map_err(Failure::Diagnostics)?;
    for warning in &loaded.warnings {
        eprint!("{warning}");
    }
    Ok(loaded.editions)
}

fn run_build(
    editions: &Editions,
    out: Option<&Path>,
    kinds: &[Kind],
    (output, created): (Output, DateTime<Utc>),
) -> Result<(), Failure> {
    let started = Instant::now();
    let contents = load(editions)?;
    let fonts = FontBook::bundled().map_err(|e| Failure::Io(e.into()))?;
    let mut built: Vec<(Lang, Built, Duration)> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for content in &contents {
        for &kind in kinds {
            let begun = Instant::now();
            let lang = content.brochure.lang.code();
            let name = format!("{}-{lang}{}.pdf", kind.stem(), output.suffix());
            let settings = Settings {
                print: match output {
                    Output::Print { bleed } => Some(Print {
                        bleed,
                        slug: slug(&name, content, created),
                    }),
                    _ => None,
                },
                booklet: matches!(output, Output::Booklet),
                ..Settings::new(created)
            };
            match build(content, kind, &fonts, &settings) {
                Ok(doc) => built.push((content.brochure.lang, doc, begun.elapsed())),
                Err(e) => {
                    let d = e.to_diagnostic().with_snippet_from_file();
                    // Documents and editions may trip on the same block; say it once.
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Diagnostics(errors));
    }
    for (lang, doc, _) in &built {
        for warning in &doc.warnings {
            let what = format!("{}-{}: {warning}", doc.kind.stem(), lang.code());
            eprint!("{}", Diagnostic::warning(what));
        }
    }
    let Some(out) = out else {
        eprintln!(
            "content is valid: {} documents fit ({} ms)",
            built.len(),
            started.elapsed().as_millis()
        );
        return Ok(());
    };
    if out.exists() && !out.is_dir() {
        return Err(Failure::Io(anyhow::anyhow!(
            "the output folder {} is a file: remove it, or pass another folder with --out",
            out.display()
        )));
    }
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder {}", out.display()))
        .map_err(Failure::Io)?;
    // Every file goes to a temporary file first; only when all are written are they renamed
    // into place, so a run writes all of its documents or none.
    let mut staged = Vec::with_capacity(built.len());
    for (lang, doc, time) in &built {
        let path = out.join(format!(
            "{}-{}{}.pdf",
            doc.kind.stem(),
            lang.code(),
            output.suffix()
        ));
        let file = stage(&path, doc).map_err(Failure::Io)?;
        staged.push((path, file, doc, time));
    }
    for (path, file, doc, time) in staged {
        file.persist(&path)
            .with_context(|| format!("cannot write {}", path.display()))
            .map_err(Failure::Io)?;
        eprintln!(
            "wrote {}: {} page{}, {} KB, {} ms",
            path.display(),
            doc.pages,
            if doc.pages == 1 { "" } else { "s" },
            doc.pdf.len().div_ceil(1024),
            time.as_millis()
        );
    }
    Ok(())
}

/// What the print shop reads beside the crop marks: the file, the edition and the date.
fn slug(name: &str, content: &content::Content, created: DateTime<Utc>) -> String {
    let edition = content
        .brochure
        .edition
        .map(|e| format!(" · edition {:04}-{:02}", e.year(), e.month()))
        .unwrap_or_default();
    format!("{name}{edition} · built {}", created.format("%Y-%m-%d"))
}

/// Lays out every document and prints what `layout::inspect` measures.
fn inspect(editions: &Editions) -> Result<(), Failure> {
    let contents = load(editions)?;
    let fonts = FontBook::bundled().map_err(|e| Failure::Io(e.into()))?;
    let mut errors = Vec::new();
    for content in &contents {
        for kind in Kind::ALL {
            let composed = crate::compose::compose(content, kind);
            match crate::layout::layout(&composed, &fonts, None) {
                Ok(laid) => print!(
                    "{}-{}\n{}",
                    kind.stem(),
                    content.brochure.lang.code(),
                    crate::layout::inspect(&laid.pages)
                ),
                Err(e) => errors.push(e.to_diagnostic().with_snippet_from_file()),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::Diagnostics(errors))
    }
}

/// Writes `doc` to a temporary file beside `path`, to be renamed over it; dropped, the
/// temporary file is deleted.
fn stage(path: &Path, doc: &Built) -> anyhow::Result<tempfile::NamedTempFile> {
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder", path.display());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".plaquette-")
        .suffix(".pdf.tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(&doc.pdf)
        .and_then(|()| file.as_file().sync_all())
        .and_then(|()| set_readable(file.as_file()))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(file)
}

/// Temporary files are private; a PDF is for sharing.
#[cfg(unix)]
fn set_readable(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_readable(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}
