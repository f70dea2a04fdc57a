//! Saying things without ever panicking: `println!` panics when its reader has gone
//! (`plaquette inspect | head`, `build --format json | head -c 10`). A closed stdout or stderr
//! ends what is said, never the run: the files are what a build is for.

use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Writes to stdout; false once its reader has gone (nothing more reaches it).
pub fn write_out(args: fmt::Arguments) -> bool {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return false;
    }
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_fmt(args)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        STDOUT_GONE.store(true, Ordering::Relaxed);
        return false;
    }
    true
}

/// Writes to stderr; a closed stderr is ignored.
pub fn write_err(args: fmt::Arguments) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// `eprintln!` that never panics.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::console::write_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `println!` that never panics; false once stdout's reader has gone.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::console::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, say};
