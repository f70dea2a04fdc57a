//! `plaquette watch`: build, then build again on every save, until interrupted.
//!
//! A broken save prints its errors and writes nothing, so the last good PDFs stay in place
//! (a run writes all of its files or none); the next good save replaces them.
//!
//! What the watcher sees is not only the writer's saves: an output folder inside the content
//! folder gets the watcher's own files, which must not start another build (it would build
//! forever), and editors and `git checkout` may replace the content folder by a new one, which
//! the watch must follow (a watch holds the old folder, which gets no more events).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::console::say;
use super::{Editions, Failure, Job, Reporter, run_build};
use crate::diag::printable;

/// How long a burst of file events (an editor's save is several) is waited out.
const SETTLE: Duration = Duration::from_millis(150);

/// How often the content folder is looked at to see whether it was replaced.
const LOOK: Duration = Duration::from_millis(500);

pub fn watch(editions: &Editions, job: &Job, reporter: Reporter) -> anyhow::Result<()> {
    let content = editions.content();
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch for changes")?;
    let mut watched = Watched::start(&mut watcher, content)?;
    let shown = printable(&content.display().to_string()).into_owned();
    loop {
        let outcome = match run_build(editions, job, reporter) {
            Ok(written) => format!("{written} file{} written", plural(written)),
            Err(failure) => {
                let diagnostics = match failure {
                    Failure::Diagnostics(d) | Failure::Partial { errors: d, .. } => d,
                    Failure::Io(e) => vec![crate::Diagnostic::error(format!("{e:#}"))],
                };
                reporter.diagnostics(&diagnostics);
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                format!(
                    "{errors} error{}; the last good PDFs stay in place",
                    plural(errors)
                )
            }
        };
        say!(
            "watching {shown} (Ctrl-C to stop); last build {}: {outcome}",
            chrono::Local::now().format("%H:%M:%S")
        );
        watched.output = job
            .out
            .as_deref()
            .and_then(|out| out.canonicalize().ok())
            // Only an output folder inside the content folder: one that holds it (`--out .`)
            // would hide every save.
            .filter(|out| out != &watched.root && out.starts_with(&watched.root));
        // Wait for a change to the content, then for the burst of events to end.
        loop {
            match rx.recv_timeout(LOOK) {
                Ok(Ok(event)) => {
                    watched.note(&event);
                    if watched.lost || watched.concerns(&event) {
                        break;
                    }
                }
                Ok(Err(e)) => say!("watching: {}", printable(&e.to_string())),
                Err(mpsc::RecvTimeoutError::Timeout) if watched.replaced(content) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        while let Ok(Ok(event)) = rx.recv_timeout(SETTLE) {
            watched.note(&event);
        }
        if watched.lost || watched.replaced(content) {
            watched = rewatch(&mut watcher, content, &shown)?;
        }
    }
}

/// Watches `content` again, waiting for it to exist (a folder deleted, then copied back).
fn rewatch(
    watcher: &mut RecommendedWatcher,
    content: &Path,
    shown: &str,
) -> anyhow::Result<Watched> {
    let mut said = false;
    while !content.is_dir() {
        if !said {
            say!("{shown} is gone; waiting for it to come back");
            said = true;
        }
        std::thread::sleep(LOOK);
    }
    Watched::start(watcher, content)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The content folder being watched: which folder it is, and what in it to ignore.
struct Watched {
    /// The folder as watched, resolved: event paths start with it.
    root: PathBuf,
    /// Its identity (device and inode), to tell when another folder takes its name.
    identity: Option<(u64, u64)>,
    /// The output folder, resolved, when it is inside the content folder.
    output: Option<PathBuf>,
    /// The folder watched was removed or moved: its watch has ended.
    lost: bool,
}

impl Watched {
    fn start(watcher: &mut RecommendedWatcher, content: &Path) -> anyhow::Result<Self> {
        let root = content
            .canonicalize()
            .with_context(|| format!("cannot watch {}", content.display()))?;
        // A watch on the folder that was replaced ends with it; a new one is made.
        let _ = watcher.unwatch(&root);
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", content.display()))?;
        Ok(Watched {
            identity: identity(&root),
            root,
            output: None,
            lost: false,
        })
    }

    /// Notes whether an event says the folder itself went (removed, or renamed away): a new
    /// folder of the same name, even one with the same inode, needs a new watch.
    fn note(&mut self, event: &notify::Event) {
        let itself = event.paths.iter().any(|p| p == &self.root);
        let gone = matches!(
            event.kind,
            notify::EventKind::Remove(_)
                | notify::EventKind::Modify(notify::event::ModifyKind::Name(_))
        );
        if itself && gone {
            self.lost = true;
        }
    }

    /// Whether `content` is no longer the folder watched (it was replaced, or is gone and
    /// back).
    fn replaced(&self, content: &Path) -> bool {
        let now = content.canonicalize().ok();
        now.as_deref().and_then(identity) != self.identity && now.is_some()
    }

    /// Whether an event is a change to the content: not a read, not the watcher's own output
    /// (its temporary files and PDFs, wherever the output folder is).
    fn concerns(&self, event: &notify::Event) -> bool {
        let output = |path: &Path| {
            is_output(path)
                || self
                    .output
                    .as_deref()
                    .is_some_and(|out| path.starts_with(out))
        };
        !event.kind.is_access() && event.paths.iter().any(|path| !output(path))
    }
}

/// A PDF or temporary file a build writes: content never holds PDFs, so a PDF inside the
/// content folder is output (an `--out` inside it).
fn is_output(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with(super::write::PREFIX)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}
