//! Replacing a run's files all together or not at all.
//!
//! Every PDF of a run is first written beside its target as a temporary file, synced. Then
//! each target is replaced in turn by a rename, its earlier file kept under a backup name (a
//! hard link, else a copy) until all are in place, and only then are the backups removed. If
//! one target cannot be replaced, those already replaced are put back: the folder holds the
//! whole new set or the whole earlier one, never half of each. Ctrl-C, SIGTERM and SIGHUP roll
//! back the same way (see `interrupt.rs`); a run killed outright (SIGKILL, a power cut) leaves
//! temporary files, which the next run into the folder removes.
//!
//! The output folder is locked while its files are replaced, so two runs into one folder
//! replace their sets one after the other: the folder ends with one run's whole set.

use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use anyhow::Context;

use super::console::say;

/// The names of a run's own files in the output folder: temporary PDFs and backups.
pub const PREFIX: &str = ".plaquette-";
const STAGED: &str = ".pdf.tmp";
const BACKUP: &str = ".pdf.old";

/// An output folder locked for one run (an advisory lock on the folder itself, released when
/// dropped or when the process ends, however it ends).
pub struct Locked {
    _dir: File,
}

/// Locks the output folder `out` (which exists); when another run holds it, waits for it
/// (saying so through `waiting`) or, without `wait`, refuses.
pub fn lock(out: &Path, wait: bool, waiting: impl Fn()) -> anyhow::Result<Locked> {
    let dir = File::open(out).with_context(|| format!("cannot open {}", out.display()))?;
    match dir.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) if wait => {
            waiting();
            dir.lock()
                .with_context(|| format!("cannot lock {}", out.display()))?;
        }
        Err(TryLockError::WouldBlock) => anyhow::bail!(
            "another plaquette run is writing into {}: nothing was written (without \
             --no-wait, this run waits for it)",
            out.display()
        ),
        // A file system without locks (some network ones): the run goes on unlocked, as it
        // would with one run at a time.
        Err(TryLockError::Error(_)) => {}
    }
    Ok(Locked { _dir: dir })
}

/// What a replacement in progress has done, to be undone if it cannot finish.
#[derive(Default)]
struct Journal {
    /// Temporary files written and not yet renamed into place.
    staged: Vec<PathBuf>,
    /// Targets, each with its backup (none when there was no earlier file), and whether the
    /// new file is already in place.
    replaced: Vec<(PathBuf, Option<PathBuf>, bool)>,
}

/// The replacement in progress in this process, if any (one at a time: a run writes once).
static JOURNAL: Mutex<Journal> = Mutex::new(Journal {
    staged: Vec::new(),
    replaced: Vec::new(),
});

fn journal() -> MutexGuard<'static, Journal> {
    JOURNAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Journal {
    fn is_empty(&self) -> bool {
        self.staged.is_empty() && self.replaced.is_empty()
    }

    /// Puts every replaced target back as it was and removes the temporary files. Best
    /// effort: a step that fails does not stop the others.
    fn roll_back(&mut self) {
        for (target, backup, in_place) in self.replaced.drain(..).rev() {
            match (backup, in_place) {
                (Some(backup), true) => {
                    let _ = fs::rename(&backup, &target);
                }
                (Some(backup), false) => {
                    let _ = fs::remove_file(&backup);
                }
                (None, true) => {
                    let _ = fs::remove_file(&target);
                }
                (None, false) => {}
            }
        }
        for staged in self.staged.drain(..) {
            let _ = fs::remove_file(staged);
        }
    }
}

/// Ends the process with `code` for a signal, after undoing the replacement in progress, if
/// any (saying so). It waits for the step under way (a rename) to end, and holds the journal
/// until the process is gone: the run cannot go on to replace or report anything more.
pub fn exit_rolled_back(code: i32) -> ! {
    let mut journal = journal();
    if !journal.is_empty() {
        journal.roll_back();
        say!("interrupted: nothing was written, the earlier files are as they were");
    }
    std::process::exit(code)
}

/// Rolls back on every way out of [`replace_all`] but success (an error, a panic).
struct Undo;

impl Drop for Undo {
    fn drop(&mut self) {
        journal().roll_back();
    }
}

/// Replaces the files `files` (paths with their bytes) together, in the locked folder `out`.
pub fn replace_all(_lock: &Locked, out: &Path, files: &[(PathBuf, &[u8])]) -> anyhow::Result<()> {
    remove_leftovers(out);
    let undo = Undo;
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create the folder {}", folder.display()))?;
        }
        staged.push(stage(path, bytes)?);
    }
    for ((target, _), temp) in files.iter().zip(&staged) {
        pause(target);
        // Held through the step, so that a signal's roll-back never sees half of it.
        let mut journal = journal();
        let backup = match fs::symlink_metadata(target) {
            Ok(_) => Some(back_up(target)?),
            Err(_) => None,
        };
        journal.replaced.push((target.clone(), backup, false));
        fault(target)
            .and_then(|()| fs::rename(temp, target))
            .with_context(|| format!("cannot replace {}", target.display()))?;
        journal.staged.retain(|p| p != temp);
        if let Some(last) = journal.replaced.last_mut() {
            last.2 = true;
        }
    }
    // Every file is in place: the backups are no longer needed.
    let mut journal = journal();
    for (_, backup, _) in journal.replaced.drain(..) {
        if let Some(backup) = backup {
            let _ = fs::remove_file(backup);
        }
    }
    drop(journal);
    std::mem::forget(undo);
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, synced, recorded in the journal.
fn stage(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder", path.display());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut journal = journal();
    let file = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(STAGED)
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    let (mut file, temp) = file.keep().map_err(|e| e.error)?;
    journal.staged.push(temp.clone());
    drop(journal);
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| set_readable(&file))
        .map_err(explain)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(temp)
}

/// An earlier file kept beside `target` under a backup name: a hard link, or a copy where
/// the file system has none.
fn back_up(target: &Path) -> anyhow::Result<PathBuf> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
    let backup = dir.join(format!(
        "{PREFIX}{}-{}{BACKUP}",
        std::process::id(),
        name.unwrap_or_default().trim_end_matches(".pdf")
    ));
    let _ = fs::remove_file(&backup);
    fs::hard_link(target, &backup)
        .or_else(|_| fs::copy(target, &backup).map(|_| ()))
        .map_err(explain)
        .with_context(|| {
            format!(
                "cannot keep a copy of {} while replacing it",
                target.display()
            )
        })?;
    Ok(backup)
}

/// The run's files left by runs killed before they could clean up (SIGKILL, a power cut):
/// called with the folder locked, so none of them belongs to a run still going.
fn remove_leftovers(out: &Path) {
    let mut folders = vec![out.to_owned()];
    if let Ok(events) = fs::read_dir(out.join("events")) {
        folders.extend(events.flatten().map(|e| e.path()));
    }
    for folder in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ours =
                name.starts_with(PREFIX) && (name.ends_with(STAGED) || name.ends_with(BACKUP));
            if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Says what a file size limit means (`ulimit -f`; SIGXFSZ is ignored, so the write fails
/// with EFBIG instead of killing the process).
fn explain(e: std::io::Error) -> anyhow::Error {
    if e.raw_os_error() == Some(libc::EFBIG) {
        anyhow::anyhow!("{e}: the file is larger than this process may write (`ulimit -f`)")
    } else {
        e.into()
    }
}

/// What `PLAQUETTE_TEST_FAULT` asks of the step replacing a target (debug builds only), for
/// the tests of the roll-back: `fail:NAME` makes the target whose path ends with NAME fail to
/// be replaced, as an immutable file or one a viewer holds open on Windows would;
/// `pause:NAME` stops before that step (saying so on stderr) until a signal ends the process.
fn test_fault(target: &Path, kind: &str) -> bool {
    if !cfg!(debug_assertions) {
        return false;
    }
    let Some(fault) = std::env::var_os("PLAQUETTE_TEST_FAULT") else {
        return false;
    };
    let fault = fault.to_string_lossy();
    fault
        .strip_prefix(kind)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|name| target.ends_with(name))
}

fn fault(target: &Path) -> std::io::Result<()> {
    if test_fault(target, "fail") {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file cannot be replaced (a test's fault)",
        ));
    }
    Ok(())
}

fn pause(target: &Path) {
    if test_fault(target, "pause") {
        say!("paused before replacing {}", target.display());
        loop {
            std::thread::park();
        }
    }
}

/// Temporary files are private; a PDF is for sharing.
#[cfg(unix)]
fn set_readable(file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_readable(_: &File) -> std::io::Result<()> {
    Ok(())
}
