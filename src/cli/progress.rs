//! A progress bar while several documents build, when a person watches a terminal; nothing
//! otherwise (CI logs get the plain lines of the report).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::report::{Format, Reporter};

pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(count: usize, reporter: Reporter) -> Self {
        let wanted = count > 1
            && reporter.format == Format::Human
            && !reporter.quiet
            && std::io::stderr().is_terminal();
        if !wanted {
            return Progress(None);
        }
        let bar = ProgressBar::new(count as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// One document is built.
    pub fn done(&self, name: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(name.to_owned());
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
