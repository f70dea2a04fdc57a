//! `plaquette watch` rebuilds on a save, and a broken save leaves the last good PDF.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

/// Waits up to 60 s for `ready`; a watcher that never rebuilds fails the test, not hangs it.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited too long for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn read(path: &Path) -> Option<Vec<u8>> {
    fs::read(path).ok()
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = workspace("content");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plaquette"))
        .args(["watch", "--lang", "fr"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stderr(Stdio::piped())
        .spawn()
        .expect("watch runs");
    let log = Arc::new(Mutex::new(String::new()));
    let mut stderr = child.stderr.take().expect("stderr");
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buffer) {
            if n == 0 {
                break;
            }
            sink.lock()
                .expect("log")
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
    let pdf = dir.path().join("output/brochure-fr.pdf");
    let builds = |log: &Arc<Mutex<String>>| log.lock().expect("log").matches("== build").count();
    wait_for("the first build", || {
        read(&pdf).is_some()
            && log
                .lock()
                .expect("log")
                .contains("wrote output/factsheet-fr.pdf")
    });
    let first = read(&pdf).expect("first");

    // A good save: a new PDF.
    let brochure = dir.path().join("content/brochure.yaml");
    let text = fs::read_to_string(&brochure).expect("brochure");
    fs::write(
        &brochure,
        text.replacen("Fondé en mars 2021", "Créé en mars 2021", 1),
    )
    .expect("save");
    wait_for("the rebuild", || read(&pdf).is_some_and(|now| now != first));
    let good = read(&pdf).expect("good");

    // A broken save: errors, and the good PDF stays.
    let before = builds(&log);
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    fs::write(&centre, text.replacen("tagline:", "tagine:", 1)).expect("save");
    wait_for("the failed build", || {
        builds(&log) > before
            && log
                .lock()
                .expect("log")
                .contains("waiting for the next save")
    });
    assert!(log.lock().expect("log").contains("unknown key `tagine`"));
    assert_eq!(read(&pdf), Some(good), "the last good PDF is in place");
    child.kill().expect("stop watching");
    child.wait().expect("stopped");
}
