//! What the command line says: for people on stderr, as JSON lines on stdout for CI
//! (`--format json`), one object a line with a `type` of `diagnostic`, `written` or `result`,
//! or for GitHub Actions (`--format github`): each diagnostic a workflow command on stdout
//! (`::error file=…,line=…,col=…::message`), which GitHub shows on the pull request's line,
//! the rest for people.

use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use super::console::{self, out, say};
use crate::diag::{Diagnostic, Severity, printable};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages for people, on stderr.
    #[default]
    Human,
    /// JSON lines on stdout.
    Json,
    /// GitHub Actions annotations on stdout for errors and warnings; the rest as for people.
    Github,
}

/// How a run reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reporter {
    pub format: Format,
    /// Only errors: no warnings, no list of files (in JSON: no `written` lines either, the
    /// `result` line stays).
    pub quiet: bool,
}

/// The most diagnostics of one kind (errors, warnings) a report shows.
pub const SHOWN: usize = 100;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Line<'a> {
    Diagnostic {
        severity: &'static str,
        message: &'a str,
        file: Option<String>,
        line: Option<usize>,
        column: Option<usize>,
        hints: &'a [String],
        /// The document the problem was found in (`factsheet-en`), for layout's.
        document: Option<&'a str>,
    },
    Written {
        path: String,
        pages: usize,
        bytes: usize,
        milliseconds: u128,
    },
    /// Diagnostics left out past [`SHOWN`] of a kind.
    Omitted { errors: usize, warnings: usize },
    Result {
        ok: bool,
        errors: usize,
        documents: usize,
        written: usize,
        milliseconds: u128,
    },
}

impl Reporter {
    fn json(&self, line: &Line) {
        // A line that cannot be serialised has no place in the output: there is none.
        if let Ok(text) = serde_json::to_string(line) {
            out!("{text}");
        }
    }

    pub fn diagnostic(&self, d: &Diagnostic) {
        if self.quiet && d.severity == Severity::Warning {
            return;
        }
        match self.format {
            Format::Human if console::colour() => {
                console::write_err(format_args!("{}", d.coloured()));
            }
            Format::Human => console::write_err(format_args!("{d}")),
            Format::Github => {
                out!("{}", github(d));
            }
            Format::Json => self.json(&Line::Diagnostic {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                message: &d.shown_message(),
                file: d
                    .span
                    .as_ref()
                    .map(|s| printable(&s.file.display().to_string()).into_owned()),
                line: d.span.as_ref().map(|s| s.line).filter(|l| *l > 0),
                column: d.span.as_ref().map(|s| s.column).filter(|c| *c > 0),
                hints: &d
                    .hints
                    .iter()
                    .map(|h| printable(h).into_owned())
                    .collect::<Vec<_>>(),
                document: d.document.as_deref().map(printable).as_deref(),
            }),
        }
    }

    /// Reports `list`: the first [`SHOWN`] errors and the first [`SHOWN`] warnings, then how
    /// many more there are. A thousand errors are one mistake repeated, most often; the first
    /// ones say what it is.
    pub fn diagnostics(&self, list: &[Diagnostic]) {
        let (mut errors, mut warnings) = (0usize, 0usize);
        for d in list {
            let count = if d.is_error() {
                &mut errors
            } else {
                &mut warnings
            };
            *count += 1;
            if *count <= SHOWN {
                self.diagnostic(d);
            }
        }
        let (errors, warnings) = (errors.saturating_sub(SHOWN), warnings.saturating_sub(SHOWN));
        if errors == 0 && warnings == 0 {
            return;
        }
        match self.format {
            Format::Human | Format::Github => {
                let mut more = Vec::new();
                if errors > 0 {
                    more.push(format!("{errors} more error{}", plural(errors)));
                }
                if warnings > 0 && !self.quiet {
                    more.push(format!("{warnings} more warning{}", plural(warnings)));
                }
                if !more.is_empty() {
                    say!(
                        "… and {}, not shown (the first {SHOWN} of each kind are)",
                        more.join(" and ")
                    );
                }
            }
            Format::Json => self.json(&Line::Omitted { errors, warnings }),
        }
    }

    pub fn written(&self, path: &Path, pages: usize, bytes: usize, milliseconds: u128) {
        if self.quiet {
            return;
        }
        match self.format {
            Format::Human | Format::Github => say!(
                "wrote {}: {} page{}, {} KB, {} ms",
                path.display(),
                pages,
                if pages == 1 { "" } else { "s" },
                bytes.div_ceil(1024),
                milliseconds
            ),
            Format::Json => self.json(&Line::Written {
                path: path.display().to_string(),
                pages,
                bytes,
                milliseconds,
            }),
        }
    }

    /// The end of a run where some events failed and the rest was written.
    pub fn partial(&self, errors: usize, written: usize, events: &str) {
        match self.format {
            Format::Human | Format::Github => say!(
                "{errors} error{}; {written} file{} written, none of the event{} {events}",
                if errors == 1 { "" } else { "s" },
                if written == 1 { "" } else { "s" },
                if events.contains(',') { "s" } else { "" },
            ),
            Format::Json => self.json(&Line::Result {
                ok: false,
                errors,
                documents: written,
                written,
                milliseconds: 0,
            }),
        }
    }

    /// The end of a run: `documents` built and `written` files (none for `check`), or
    /// `errors` and nothing written.
    pub fn result(&self, errors: usize, (documents, written): (usize, usize), milliseconds: u128) {
        let checked = written == 0 && documents > 0;
        match self.format {
            Format::Human | Format::Github if errors > 0 => say!(
                "{errors} error{}; nothing was written",
                if errors == 1 { "" } else { "s" }
            ),
            Format::Human | Format::Github if checked && !self.quiet => {
                say!("content is valid: {documents} documents fit ({milliseconds} ms)")
            }
            Format::Human | Format::Github => {}
            Format::Json => self.json(&Line::Result {
                ok: errors == 0,
                errors,
                documents,
                written,
                milliseconds,
            }),
        }
    }
}

/// `d` as a GitHub Actions workflow command: `::error file=F,line=L,col=C,title=T::message`,
/// its hints on the lines after the message. Values are escaped as the runner reads them (a
/// property's `,` and `:` too), so a path or a message cannot end the command early.
fn github(d: &Diagnostic) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut properties = Vec::new();
    if let Some(span) = &d.span {
        let file = printable(&span.file.display().to_string()).into_owned();
        properties.push(format!("file={}", property(&file)));
        if span.line > 0 {
            properties.push(format!("line={}", span.line));
        }
        if span.column > 0 {
            properties.push(format!("col={}", span.column));
        }
    }
    if let Some(document) = &d.document {
        properties.push(format!("title={}", property(&printable(document))));
    }
    let mut message = d.shown_message();
    for hint in &d.hints {
        message.push_str("\nhelp: ");
        message.push_str(&printable(hint));
    }
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let space = if properties.is_empty() { "" } else { " " };
    format!(
        "::{kind}{space}{}::{}",
        properties.join(","),
        data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    #[test]
    fn a_diagnostic_is_a_workflow_command_that_cannot_be_cut_short() {
        let d = Diagnostic::error("a value: 100%, then\na second line")
            .with_span(Some(Span {
                file: "content/a,b:c.yaml".into(),
                line: 12,
                column: 5,
            }))
            .hint("say it otherwise");
        assert_eq!(
            github(&d),
            "::error file=content/a%2Cb%3Ac.yaml,line=12,col=5::a value: 100%25, then%0Aa second \
             line%0Ahelp: say it otherwise"
        );
        let w = Diagnostic::warning("no place");
        assert_eq!(github(&w), "::warning::no place");
    }
}
