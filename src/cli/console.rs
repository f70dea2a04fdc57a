//! Saying things without ever panicking: `println!` panics when its reader has gone
//! (`plaquette inspect | head`, `build --format json | head -c 10`). A closed stdout or stderr
//! ends what is said, never the run: the files are what a build is for.

use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static COLOUR: AtomicBool = AtomicBool::new(false);

/// When messages are coloured: `--color auto|always|never`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum When {
    /// On a terminal, unless NO_COLOR is set (and not empty).
    #[default]
    Auto,
    Always,
    Never,
}

/// Decides, once, whether diagnostics on stderr are coloured.
pub fn set_colour(when: When) {
    use std::io::IsTerminal;
    let on = match when {
        When::Always => true,
        When::Never => false,
        When::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    COLOUR.store(on, Ordering::Relaxed);
}

/// Whether diagnostics on stderr are coloured.
pub fn colour() -> bool {
    COLOUR.load(Ordering::Relaxed)
}

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
