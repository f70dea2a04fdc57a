//! The command line: parse arguments, run the pipeline, write files, report.
//!
//! Exit codes: 0 success; 1 the content has errors, does not fit, or the output cannot be
//! written; 2 a usage mistake (unknown option, bad `SOURCE_DATE_EPOCH`); 128 + N stopped by
//! signal N.
//!
//! Every document of a run is built in memory first; files are written only when all of them
//! built, and then replace the earlier ones all together or not at all (`write.rs`), in an
//! output folder locked against other runs. So a failed run leaves the earlier PDFs untouched
//! and never a partial file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};

use crate::compose::Kind;
use crate::content::schema::{self, FileKind};
use crate::content::{self, Lang};
use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::layout::Print;
use crate::units::{Length, Mm, Pt};
use crate::{Built, Settings, What, build};

mod console;
mod init;
mod interrupt;
mod manual;
mod parallel;
mod progress;
mod project;
mod report;
mod watch;
mod write;

use console::{out, say};
use report::{Format, Reporter};

#[derive(Parser)]
#[command(
    name = "plaquette",
    version,
    about = "Typesets YAML content into a branded PDF brochure and fact sheet."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a command: `plaquette --lang fr` is `plaquette build --lang fr`.
    #[command(flatten)]
    build: BuildArgs,
    /// Colour the messages: on a terminal unless NO_COLOR is set (auto), always, or never.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    color: console::When,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDFs (the default when no command is given).
    Build(BuildArgs),
    /// Check the content, including that the fact sheet fits its page; write nothing.
    Check(CheckArgs),
    /// Report on the typesetting of each document: justification, spacing, letter-spacing,
    /// kashidas, hyphens, widows, orphans and stranded headings.
    Inspect(InspectArgs),
    /// Build, then build again on every save to the content folder, until interrupted; a
    /// broken save prints its errors and leaves the last good PDFs in place.
    Watch(BuildArgs),
    /// Write a starter project: DIR/content/ (a neutral template for a new centre, or with
    /// `--example ai-movement` the default content), which builds as it is with `cd DIR &&
    /// plaquette build`, and a .gitignore for output/.
    Init {
        /// The project folder; its content/ must not exist yet, or be empty.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// A complete example instead of the neutral template.
        #[arg(long, value_enum)]
        example: Option<init::Example>,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell), to source
    /// at its start: `source <(plaquette completions bash)`. It asks the binary as one types,
    /// so `--event` completes the names of the events of the project around.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff), for `man -l -`: the command's, or a subcommand's
    /// (`plaquette man build`); or write them all into a folder (`--out man/`).
    Man {
        /// The subcommand whose page to print.
        #[arg(value_parser = ["build", "check", "inspect", "watch", "init", "completions", "man", "schema"])]
        page: Option<String>,
        /// Write every page into this folder as plaquette.1, plaquette-build.1…
        #[arg(long, conflicts_with = "page")]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema of the content format, for editors that check and complete YAML
    /// as it is typed (VS Code's YAML extension, through the `# yaml-language-server:` line
    /// at the top of each content file).
    Schema {
        /// One kind of file; a schema any content file matches when left out.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(FileKind::ALL.map(FileKind::name)))]
        kind: Option<String>,
        /// Write each kind's schema into this folder as KIND.schema.json instead of printing.
        #[arg(long, conflicts_with = "kind")]
        out: Option<PathBuf>,
    },
}

/// How a run reports.
#[derive(clap::Args, Default)]
struct Reporting {
    /// `human` messages on stderr; `json` lines on stdout (diagnostics, files written, and
    /// the result) for CI; or `github`: errors and warnings as GitHub Actions annotations on
    /// stdout, shown on the pull request's lines, the rest as `human`.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Say nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

impl Reporting {
    fn reporter(&self) -> Reporter {
        Reporter {
            format: self.format,
            quiet: self.quiet,
        }
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    editions: Editions,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    editions: Editions,
    /// Where the PDFs are written [default: the project's output/]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Build only one document.
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// When another run is writing into the output folder, stop with an error instead of
    /// waiting for it to finish.
    #[arg(long)]
    no_wait: bool,
    /// For a print shop: PDF/X-4 on FOGRA39, with bleed, crop marks and slug and the brand's
    /// CMYK inks; files are named `*-print.pdf`.
    #[arg(long)]
    print: bool,
    /// How far backgrounds run past the trim in print editions, from 0mm to 10mm.
    #[arg(long, default_value = "3mm", value_parser = parse_bleed, requires = "print")]
    bleed: Pt,
    /// The brochure as a booklet on landscape sheets, in printing order, for an office duplex
    /// printer (flip on the short edge), then folded and stapled: `brochure-*-booklet.pdf`.
    /// Its pages are half a sheet: an A4 or A5 brochure makes an A5 booklet on A4 sheets, a
    /// Letter one a half-letter booklet on Letter sheets.
    #[arg(long, conflicts_with_all = ["print", "only"])]
    booklet: bool,
    /// The booklet's sheet instead of the paper's own: A4, A3, Letter or Tabloid.
    #[arg(long, requires = "booklet", value_parser = sheet_parser())]
    sheet: Option<String>,
    /// Build the handout of one event (its file name in events/, without .yaml) into
    /// `OUT/events/SLUG/`.
    #[arg(
        long,
        value_name = "SLUG",
        conflicts_with_all = ["all_events", "booklet", "only"],
        add = clap_complete::ArgValueCompleter::new(complete_event),
    )]
    event: Option<String>,
    /// Build the handout of every event.
    #[arg(long, conflicts_with_all = ["booklet", "only"])]
    all_events: bool,
    #[command(flatten)]
    reporting: Reporting,
}

impl BuildArgs {
    /// What these options ask a run to make.
    fn job(&self, created: DateTime<Utc>) -> Job {
        let kinds = match (self.only, self.booklet) {
            // Events alone: their handouts.
            _ if self.event.is_some() || self.all_events => Vec::new(),
            (Some(Only::Brochure), _) | (_, true) => vec![Kind::Brochure],
            (Some(Only::Factsheet), _) => vec![Kind::Factsheet],
            (None, false) => Kind::ALL.to_vec(),
        };
        let output = if self.print {
            Output::Print { bleed: self.bleed }
        } else if self.booklet {
            Output::Booklet {
                sheet: self.sheet.as_deref().and_then(content::Paper::from_name),
            }
        } else {
            Output::Screen
        };
        let events = match (&self.event, self.all_events) {
            (Some(slug), _) => Events::One(slug.clone()),
            (None, true) => Events::All,
            (None, false) => Events::None,
        };
        Job {
            out: Some(self.out.clone().unwrap_or_else(|| PathBuf::from("output"))),
            kinds,
            events,
            output,
            created,
            wait: !self.no_wait,
        }
    }
}

/// What to make of each edition.
#[derive(Clone, Copy)]
enum Output {
    Screen,
    Print {
        bleed: Pt,
    },
    /// On landscape sheets of this paper, or of the brand paper's own family.
    Booklet {
        sheet: Option<content::Paper>,
    },
}

impl Output {
    /// The file name's ending after the language: `-print`, `-booklet`.
    fn suffix(self) -> &'static str {
        match self {
            Output::Screen => "",
            Output::Print { .. } => "-print",
            Output::Booklet { .. } => "-booklet",
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

#[derive(clap::Args)]
struct InspectArgs {
    #[command(flatten)]
    editions: Editions,
    /// `human` for a table per document, or `json`: one line per document on stdout, its
    /// name in `document` and every figure under its own key (`github` is `human` here).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Which content, in which languages.
#[derive(clap::Args, Default)]
struct Editions {
    /// The project: a folder holding content/ (its PDFs go to its output/), or a content
    /// folder. By default it is found from the current folder up, as cargo finds its
    /// manifest: the first folder holding content/, or the content folder around it.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The content folder [default: the project's content/]
    #[arg(long)]
    content: Option<PathBuf>,
    /// The languages to build, comma-separated; by default every language the content declares.
    #[arg(long, value_parser = lang_parser(), value_delimiter = ',')]
    lang: Vec<Lang>,
    /// Fill texts missing in a language with this language's, each reported as a warning.
    #[arg(long, value_parser = lang_parser())]
    fallback: Option<Lang>,
}

impl Editions {
    /// Settles the content folder, and the output folder `out` when there is one, from the
    /// project folder given or found (see [`project::find`]).
    fn settle(&mut self, out: Option<&mut Option<PathBuf>>) {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let given_out = out.as_ref().and_then(|o| (**o).clone());
        let found = project::find(
            self.dir.as_deref(),
            self.content.as_deref(),
            given_out.as_deref(),
            &cwd,
        );
        self.content = Some(found.content);
        if let Some(out) = out {
            *out = Some(found.out);
        }
    }

    /// The content folder ([`Self::settle`] finds it).
    fn content(&self) -> &Path {
        self.content.as_deref().unwrap_or(Path::new("content"))
    }

    /// The content's options, each language once; a language asked for twice is a warning
    /// (its files would be built and written twice over).
    fn options(&self) -> (content::Options, Vec<Diagnostic>) {
        let mut langs: Vec<Lang> = Vec::with_capacity(self.lang.len());
        let mut warnings = Vec::new();
        for &lang in &self.lang {
            if langs.contains(&lang) {
                let d = Diagnostic::warning(format!(
                    "`{}` is given more than once in --lang: its documents are built once",
                    lang.code()
                ));
                if !warnings.contains(&d) {
                    warnings.push(d);
                }
            } else {
                langs.push(lang);
            }
        }
        let options = content::Options {
            langs: (!langs.is_empty()).then_some(langs),
            fallback: self.fallback,
        };
        (options, warnings)
    }
}

/// A paper a booklet can be printed on.
fn sheet_parser() -> clap::builder::PossibleValuesParser {
    let names: Vec<&'static str> = content::Paper::KNOWN
        .iter()
        .map(|(name, ..)| *name)
        .filter(|name| *name != "A5")
        .collect();
    clap::builder::PossibleValuesParser::new(names)
}

/// The events of the project around the current folder whose names start with what was
/// typed: the shell's completion of `--event` (the completer sees no other option, so a
/// `--content` elsewhere is not looked at).
fn complete_event(typed: &std::ffi::OsStr) -> Vec<clap_complete::CompletionCandidate> {
    let (Some(typed), Ok(cwd)) = (typed.to_str(), std::env::current_dir()) else {
        return Vec::new();
    };
    project::events_starting(&cwd, typed)
        .into_iter()
        .map(clap_complete::CompletionCandidate::new)
        .collect()
}

/// A language code of the bundled locales (`fr`, `en`, `en-US`…), completed by the shells.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    let codes: Vec<&'static str> = Lang::all().map(Lang::code).collect();
    clap::builder::PossibleValuesParser::new(codes)
        .map(|code| Lang::parse(&code).unwrap_or_default())
}

#[derive(Clone, Copy, ValueEnum)]
enum Only {
    Brochure,
    Factsheet,
}

/// The command line, parsed. Build's options may stand alone (`plaquette --lang fr`), but not
/// before another command (`plaquette --lang fr check`): they would be silently ignored.
/// `--color`, which every command takes, may go anywhere.
fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    if let Some((name, _)) = matches.subcommand() {
        let stray = matches.ids().find(|id| {
            id.as_str() != "color"
                && matches.value_source(id.as_str()) == Some(clap::parser::ValueSource::CommandLine)
        });
        if let Some(id) = stray {
            let shown = match id.as_str() {
                "dir" => "DIR".to_owned(),
                other => format!("--{}", other.replace('_', "-")),
            };
            return Err(command.error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("`{shown}` is build's: put it after `{name}`, or leave `{name}` out"),
            ));
        }
    }
    Cli::from_arg_matches(&matches)
}

/// The script that has `shell` complete plaquette's command lines by asking the binary
/// (`COMPLETE=SHELL plaquette -- WORDS…`), so values that depend on the project, the names
/// of its events, are completed too; the same as `COMPLETE=SHELL plaquette` prints.
fn completion_script(shell: clap_complete::Shell) -> String {
    let name = shell.to_string();
    let mut script = Vec::new();
    if let Some(completer) = clap_complete::env::Shells::builtins().completer(&name) {
        // The binary as the shell will find it: on the PATH, or where it was run from.
        let binary = std::env::args_os()
            .next()
            .map(PathBuf::from)
            .filter(|path| path.components().count() > 1)
            .and_then(|path| std::path::absolute(path).ok())
            .map_or_else(|| "plaquette".to_owned(), |path| path.display().to_string());
        let written =
            completer.write_registration(COMPLETE, "plaquette", "plaquette", &binary, &mut script);
        if written.is_err() {
            script.clear();
        }
    }
    String::from_utf8_lossy(&script).into_owned()
}

/// The variable that asks the binary for completions instead of a run.
const COMPLETE: &str = "COMPLETE";

/// Runs the command line and returns the process's exit code.
pub fn run() -> ExitCode {
    // Asked by a shell's completion script: answer and exit before anything is printed.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command)
        .var(COMPLETE)
        .complete();
    let cli = match parse() {
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
            console::write_err(format_args!("{}", Diagnostic::error(message)));
            return ExitCode::from(2);
        }
    };
    interrupt::install();
    console::set_colour(cli.color);
    // Without a command, the options are build's.
    let command = cli.command.unwrap_or(Command::Build(cli.build));
    let (result, reporter) = match command {
        Command::Inspect(mut args) => {
            args.editions.settle(None);
            (
                inspect(&args.editions, args.format).map(|()| 0),
                Reporter::default(),
            )
        }
        Command::Watch(mut args) => {
            args.editions.settle(Some(&mut args.out));
            let job = args.job(created);
            let reporter = args.reporting.reporter();
            (
                watch::watch(&args.editions, &job, reporter)
                    .map(|()| 0)
                    .map_err(Failure::Io),
                reporter,
            )
        }
        Command::Init { dir, example } => match init::init(&dir, example) {
            Ok(files) => {
                for file in files {
                    say!("wrote {file}");
                }
                say!("build it with: plaquette build {}", dir.display());
                return ExitCode::SUCCESS;
            }
            Err(e) => (Err(Failure::Io(e)), Reporter::default()),
        },
        Command::Completions { shell } => {
            console::write_out(format_args!("{}", completion_script(shell)));
            return ExitCode::SUCCESS;
        }
        // clap refuses a kind with --out.
        Command::Schema { out: Some(dir), .. } => match init::schemas(&dir) {
            Ok(files) => {
                for file in files {
                    say!("wrote {file}");
                }
                return ExitCode::SUCCESS;
            }
            Err(e) => (Err(Failure::Io(e)), Reporter::default()),
        },
        Command::Schema { kind, out: None } => {
            let schema = match kind.as_deref().and_then(FileKind::from_name) {
                Some(kind) => schema::schema(kind),
                None => schema::combined(),
            };
            out!("{}", init::to_json(&schema));
            return ExitCode::SUCCESS;
        }
        Command::Man { page, out } => {
            let command = <Cli as clap::CommandFactory>::command();
            let done = match out {
                Some(dir) => manual::write(command, &dir).map(|files| {
                    for file in files {
                        say!("wrote {file}");
                    }
                }),
                None => manual::one(command, page.as_deref()).map(|roff| {
                    console::write_out(format_args!("{roff}"));
                }),
            };
            match done {
                Ok(()) => return ExitCode::SUCCESS,
                Err(e) => (Err(Failure::Io(e)), Reporter::default()),
            }
        }
        Command::Check(mut args) => {
            args.editions.settle(None);
            let reporter = args.reporting.reporter();
            let job = Job {
                out: None,
                kinds: Kind::ALL.to_vec(),
                events: Events::All,
                output: Output::Screen,
                created,
                wait: true,
            };
            (run_build(&args.editions, &job, reporter), reporter)
        }
        Command::Build(mut args) => {
            args.editions.settle(Some(&mut args.out));
            let reporter = args.reporting.reporter();
            (
                run_build(&args.editions, &args.job(created), reporter),
                reporter,
            )
        }
    };
    let (failed, written) = match result {
        Ok(_) => return ExitCode::SUCCESS,
        Err(Failure::Diagnostics(diagnostics)) => (diagnostics, None),
        Err(Failure::Partial {
            errors,
            written,
            events,
        }) => (errors, Some((written, events))),
        Err(Failure::Io(e)) => (vec![Diagnostic::error(format!("{e:#}"))], None),
    };
    reporter.diagnostics(&failed);
    let errors = failed.iter().filter(|d| d.is_error()).count();
    match written {
        Some((written, events)) => reporter.partial(errors, written, &events),
        None => reporter.result(errors, (0, 0), 0),
    }
    ExitCode::from(1)
}

/// What a build run makes, and where.
struct Job {
    /// `None` checks only.
    out: Option<PathBuf>,
    kinds: Vec<Kind>,
    /// Handouts of events instead of the documents.
    events: Events,
    output: Output,
    created: DateTime<Utc>,
    /// Wait for another run writing into the same folder (else refuse).
    wait: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Events {
    #[default]
    None,
    One(String),
    All,
}

/// One file a run makes.
#[derive(Clone, Copy)]
enum Target<'a> {
    Document(Kind),
    /// An event's brochure: the event on the cover, its programme first.
    EventBrochure(&'a content::Event),
    Handout(&'a content::Event),
}

impl<'a> Target<'a> {
    /// The event whose documents this is, if any: they are written together or not at all.
    fn event(self) -> Option<&'a str> {
        match self {
            Target::Document(_) => None,
            Target::EventBrochure(event) | Target::Handout(event) => Some(event.slug.as_str()),
        }
    }

    /// Its name in the output folder: `brochure-fr.pdf`, `events/SLUG/handout-fr.pdf`.
    fn file(self, lang: Lang, output: Output) -> String {
        let (folder, stem) = match self {
            Target::Document(kind) => (String::new(), kind.stem()),
            Target::EventBrochure(event) => (format!("events/{}/", event.slug), "brochure"),
            Target::Handout(event) => (format!("events/{}/", event.slug), "handout"),
        };
        format!("{folder}{stem}-{}{}.pdf", lang.code(), output.suffix())
    }
}

/// Warns about events whose last day is before the build's date: their handouts announce
/// what is over.
fn past_events(contents: &[content::Content], today: DateTime<Utc>, reporter: Reporter) {
    let Some(content) = contents.first() else {
        return;
    };
    for event in &content.events {
        if let Some(last) = event.days.iter().map(|d| d.date).max()
            && last < today.date_naive()
        {
            reporter.diagnostic(
                &Diagnostic::warning(format!(
                    "the event `{}` ended on {last}: its handout announces a past event",
                    event.slug
                ))
                .in_file(&event.file)
                .hint("update its days, or remove the file from events/"),
            );
        }
    }
}

/// Every file of the run, edition by edition.
fn targets<'a>(
    contents: &'a [content::Content],
    job: &Job,
) -> Result<Vec<(&'a content::Content, Target<'a>)>, Failure> {
    let mut out = Vec::new();
    for content in contents {
        out.extend(job.kinds.iter().map(|&k| (content, Target::Document(k))));
        let events: Vec<&content::Event> = match &job.events {
            Events::None => Vec::new(),
            Events::All => content.events.iter().collect(),
            Events::One(slug) => match content.events.iter().find(|e| &e.slug == slug) {
                Some(event) => vec![event],
                None => {
                    let known: Vec<&str> = content.events.iter().map(|e| e.slug.as_str()).collect();
                    let d = Diagnostic::error(format!(
                        "no event `{slug}` in the content's events/ folder"
                    ))
                    .hint(if known.is_empty() {
                        "add events/SLUG.yaml (see content/events/ in the default content)"
                            .to_owned()
                    } else {
                        format!("the events are: {}", known.join(", "))
                    });
                    return Err(Failure::Diagnostics(vec![d]));
                }
            },
        };
        for event in events {
            out.push((content, Target::EventBrochure(event)));
            out.push((content, Target::Handout(event)));
        }
    }
    Ok(out)
}

enum Failure {
    Diagnostics(Vec<Diagnostic>),
    /// Some events failed; the other documents were written.
    Partial {
        errors: Vec<Diagnostic>,
        written: usize,
        events: String,
    },
    Io(anyhow::Error),
}

/// The latest `SOURCE_DATE_EPOCH` a PDF date can hold: 9999-12-31 23:59:59 UTC (its years have
/// four digits).
const LAST_EPOCH: i64 = 253_402_300_799;

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now. A value that is not a whole
/// number of seconds from 1970 to the end of year 9999 is refused, never clamped: a date
/// silently changed would not be the date asked for.
fn creation_date() -> Result<DateTime<Utc>, String> {
    let value = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value,
        Err(std::env::VarError::NotPresent) => return Ok(Utc::now()),
        Err(std::env::VarError::NotUnicode(raw)) => {
            return Err(format!(
                "SOURCE_DATE_EPOCH `{}` is not a number of seconds since 1970",
                raw.to_string_lossy()
            ));
        }
    };
    let Ok(secs) = value.trim().parse::<i64>() else {
        return Err(format!(
            "SOURCE_DATE_EPOCH `{value}` is not a number of seconds since 1970"
        ));
    };
    (0..=LAST_EPOCH)
        .contains(&secs)
        .then(|| DateTime::from_timestamp(secs, 0))
        .flatten()
        .ok_or_else(|| {
            format!(
                "SOURCE_DATE_EPOCH `{value}` is out of range: from 0 (1970) to {LAST_EPOCH} \
                 (the end of 9999) are allowed"
            )
        })
}

/// Loads the editions, reporting the warnings of loading.
fn load(editions: &Editions, reporter: Reporter) -> Result<Vec<content::Content>, Failure> {
    let (options, repeats) = editions.options();
    reporter.diagnostics(&repeats);
    let loaded = content::load_with(editions.content(), &options).map_err(Failure::Diagnostics)?;
    reporter.diagnostics(&loaded.warnings);
    Ok(loaded.editions)
}

/// Builds what `job` asks for and writes it; how many files were written.
fn run_build(editions: &Editions, job: &Job, reporter: Reporter) -> Result<usize, Failure> {
    let (output, created) = (job.output, job.created);
    let started = Instant::now();
    let contents = load(editions, reporter)?;
    past_events(&contents, created, reporter);
    let fonts = FontBook::bundled().map_err(|e| Failure::Io(e.into()))?;
    // Every document of every edition, built in parallel across the cores; fonts are parsed
    // once and shared.
    let jobs = targets(&contents, job)?;
    let progress = progress::Progress::new(jobs.len(), reporter);
    let results: Vec<_> = parallel::map(&jobs, |&(content, target)| {
        let begun = Instant::now();
        let name = target.file(content.brochure.lang, output);
        let settings = Settings {
            print: match output {
                Output::Print { bleed } => Some(Print {
                    bleed,
                    slug: slug(&name, content, created),
                }),
                _ => None,
            },
            booklet: match output {
                Output::Booklet { sheet } => Some(
                    sheet.unwrap_or_else(|| crate::layout::impose::sheet_for(content.brand.paper)),
                ),
                _ => None,
            },
            ..Settings::new(created)
        };
        let what = match target {
            Target::Document(kind) => What::Document(kind),
            Target::EventBrochure(event) => What::EventBrochure(event),
            Target::Handout(event) => What::Handout(event),
        };
        let result = build(content, what, &fonts, &settings);
        progress.done(&name);
        (name, result, begun.elapsed())
    });
    progress.finish();
    // Each event's documents stand or fall together, apart from the rest: one event whose
    // programme does not fit leaves the others (and the centre's documents) to be written.
    let mut built: Vec<(String, Built, Duration, Option<&str>)> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut seen_errors = std::collections::HashMap::new();
    let mut failed: Vec<Option<&str>> = Vec::new();
    for ((name, result, time), (_, target)) in results.into_iter().zip(&jobs) {
        let group = target.event();
        match result {
            Ok(doc) => built.push((name, doc, time, group)),
            Err(e) => {
                let d = e
                    .to_diagnostic()
                    .in_document(name.trim_end_matches(".pdf"))
                    .with_snippet_from_file();
                merge(&mut errors, &mut seen_errors, d);
                if !failed.contains(&group) {
                    failed.push(group);
                }
            }
        }
    }
    if failed.contains(&None) || (!errors.is_empty() && job.out.is_none()) {
        return Err(Failure::Diagnostics(errors));
    }
    built.retain(|(.., group)| !failed.contains(group));
    let mut warnings = Vec::new();
    let mut seen_warnings = std::collections::HashMap::new();
    for (name, doc, ..) in &built {
        for warning in &doc.warnings {
            let warning = warning
                .clone()
                .in_document(name.trim_end_matches(".pdf"))
                .with_snippet_from_file();
            merge(&mut warnings, &mut seen_warnings, warning);
        }
    }
    reporter.diagnostics(&warnings);
    let Some(out) = job.out.as_deref() else {
        reporter.result(0, (built.len(), 0), started.elapsed().as_millis());
        return Ok(0);
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
    let lock = write::lock(out, job.wait, || {
        say!(
            "waiting for another plaquette run writing into {} to finish",
            crate::diag::printable(&out.display().to_string())
        );
    })
    .map_err(Failure::Io)?;
    let files: Vec<(PathBuf, &[u8])> = built
        .iter()
        .map(|(name, doc, ..)| (out.join(name), doc.pdf.as_slice()))
        .collect();
    write::replace_all(&lock, out, &files).map_err(Failure::Io)?;
    drop(lock);
    for ((path, _), (_, doc, time, _)) in files.iter().zip(&built) {
        reporter.written(path, doc.pages, doc.pdf.len(), time.as_millis());
    }
    if !errors.is_empty() {
        let events: Vec<&str> = failed.iter().flatten().copied().collect();
        return Err(Failure::Partial {
            errors,
            written: built.len(),
            events: events.join(", "),
        });
    }
    reporter.result(0, (built.len(), built.len()), started.elapsed().as_millis());
    Ok(built.len())
}

/// Adds `d` to `list`, or its document to the same problem found in another document (one
/// block can trip the brochure and the fact sheet alike): each problem is said once. `index`
/// finds the same problem in `list` at once, however many there are.
fn merge(
    list: &mut Vec<Diagnostic>,
    index: &mut std::collections::HashMap<Problem, usize>,
    d: Diagnostic,
) {
    let key: Problem = (d.message.clone(), d.span.clone(), d.severity);
    match (index.get(&key).and_then(|&i| list.get_mut(i)), &d.document) {
        (Some(seen), Some(document)) => {
            let documents = seen.document.get_or_insert_with(String::new);
            if !documents.split(", ").any(|known| known == document) {
                if !documents.is_empty() {
                    documents.push_str(", ");
                }
                documents.push_str(document);
            }
        }
        (Some(_), None) => {}
        (None, _) => {
            index.insert(key, list.len());
            list.push(d);
        }
    }
}

/// What makes two diagnostics the same problem, found in two documents.
type Problem = (String, Option<crate::diag::Span>, crate::diag::Severity);

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
fn inspect(editions: &Editions, format: Format) -> Result<(), Failure> {
    let contents = load(editions, Reporter::default())?;
    let fonts = FontBook::bundled().map_err(|e| Failure::Io(e.into()))?;
    let mut errors = Vec::new();
    for content in &contents {
        for kind in Kind::ALL {
            let settings = crate::Settings::new(Utc::now());
            match crate::lay_out(content, What::Document(kind), &fonts, &settings) {
                Ok((_, laid)) => {
                    let name = format!("{}-{}", kind.stem(), content.brochure.lang.code());
                    let report = crate::layout::inspect(&laid.pages);
                    let said = match format {
                        Format::Human | Format::Github => {
                            console::write_out(format_args!("{name}\n{report}"))
                        }
                        Format::Json => {
                            let mut line = serde_json::json!({ "document": name });
                            if let (Some(map), Ok(serde_json::Value::Object(figures))) =
                                (line.as_object_mut(), serde_json::to_value(&report))
                            {
                                map.extend(figures);
                            }
                            console::write_out(format_args!("{line}\n"))
                        }
                    };
                    // Its reader has gone (`inspect | head`): the rest would go nowhere.
                    if !said {
                        return Ok(());
                    }
                }
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
