//! `plaquette watch`: build, then build again on every save, until interrupted.
//!
//! A broken save prints its errors and writes nothing, so the last good PDFs stay in place
//! (a run writes all of its files or none); the next good save replaces them.

use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use notify::{RecursiveMode, Watcher};

use super::{Editions, Failure, Job, Reporter, run_build};

/// How long a burst of file events (an editor's save is several) is waited out.
const SETTLE: Duration = Duration::from_millis(150);

pub fn watch(editions: &Editions, job: &Job, reporter: Reporter) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch for changes")?;
    watcher
        .watch(&editions.content, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", editions.content.display()))?;
    let mut round = 0usize;
    loop {
        round += 1;
        eprintln!("== build {round}");
        match run_build(editions, job, reporter) {
            Ok(()) => {}
            Err(failure) => {
                let diagnostics = match failure {
                    Failure::Diagnostics(d) | Failure::Partial { errors: d, .. } => d,
                    Failure::Io(e) => vec![crate::Diagnostic::error(format!("{e:#}"))],
                };
                for d in &diagnostics {
                    reporter.diagnostic(d);
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                reporter.result(errors, (0, 0), 0);
                eprintln!("the last good PDFs stay in place; waiting for the next save");
            }
        }
        // Wait for a change to the content, then for the burst of events to end.
        let mut changed = false;
        while !changed {
            match rx.recv() {
                Ok(Ok(event)) => changed = !event.kind.is_access(),
                Ok(Err(e)) => eprintln!("watching: {e}"),
                Err(_) => return Ok(()),
            }
        }
        while rx.recv_timeout(SETTLE).is_ok() {}
    }
}
