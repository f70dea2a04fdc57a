//! Ctrl-C, SIGTERM and SIGHUP end a run cleanly: a replacement of files under way is rolled
//! back (its temporary files removed, the earlier files put back), then the process exits
//! with 128 + the signal's number, as a shell expects.
//!
//! SIGXFSZ (a file size limit, `ulimit -f`) is ignored instead of killing the process: the
//! write that passes the limit then fails, and the run says so and rolls back.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::write;

/// Sets the handlers up; a failure leaves the defaults (the process ends at once, as before).
pub fn install() {
    ignore_file_size_limit();
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                write::exit_rolled_back(128 + signal);
            }
        });
    drop(spawned);
}

#[cfg(unix)]
fn ignore_file_size_limit() {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code; it is done
    // before any file is written.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_file_size_limit() {}
