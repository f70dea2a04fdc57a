//! `plaquette watch` rebuilds on a save, and a broken save leaves the last good PDF.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

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

/// A `plaquette watch` running in `dir`, with what it says on stderr collected.
struct Watching {
    child: std::process::Child,
    log: Arc<Mutex<String>>,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plaquette"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
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
        Watching { child, log }
    }

    fn said(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    /// How many builds it has ended.
    fn builds(&self) -> usize {
        self.said().matches("; last build ").count()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_ignores_its_own_output_inside_the_content_folder() {
    let dir = workspace("content");
    let watching = Watching::start(dir.path(), &["--lang", "fr", "--out", "content/pdf"]);
    wait_for("the first build", || watching.builds() == 1);
    assert!(dir.path().join("content/pdf/factsheet-fr.pdf").exists());
    // It wrote two PDFs and their temporary files into the folder it watches: a watch that
    // took them for saves would have built again within its settling time (150 ms).
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(watching.builds(), 1, "{}", watching.said());
    // A real save still counts.
    let centre = dir.path().join("content/centre.yaml");
    fs::write(&centre, fs::read_to_string(&centre).unwrap() + "\n").unwrap();
    wait_for("the rebuild", || watching.builds() == 2);
}

#[test]
fn watch_follows_a_content_folder_replaced_by_a_copy() {
    let dir = workspace("content");
    let watching = Watching::start(dir.path(), &["--lang", "fr", "--only", "factsheet"]);
    let pdf = dir.path().join("output/factsheet-fr.pdf");
    wait_for("the first build", || watching.builds() == 1);
    let first = read(&pdf).expect("built");
    // As `git checkout` or an editor's safe save may: the folder moved away, a copy in its
    // place, then an edit to the copy.
    let content = dir.path().join("content");
    fs::rename(&content, dir.path().join("content-old")).unwrap();
    copy_dir(&dir.path().join("content-old"), &content);
    wait_for("the build of the new folder", || watching.builds() == 2);
    let brochure = content.join("brochure.yaml");
    let text = fs::read_to_string(&brochure).unwrap();
    let edited = text.replacen("title:\n  fr: ", "title:\n  fr: Nouveau — ", 1);
    assert_ne!(edited, text);
    fs::write(&brochure, edited).unwrap();
    wait_for("the rebuild after the edit", || {
        watching.builds() == 3 && read(&pdf).is_some_and(|now| now != first)
    });
    // Deleted, then copied back (the new folder may even get the old one's inode): the
    // watch waits for it, then follows it.
    fs::remove_dir_all(&content).unwrap();
    wait_for("the folder missed", || watching.said().contains("is gone"));
    copy_dir(&dir.path().join("content-old"), &content);
    wait_for("the build of the folder back", || watching.builds() == 4);
    let again = read(&pdf).expect("built");
    assert_eq!(again, first, "the copy is the first content");
    let edited = text.replacen("title:\n  fr: ", "title:\n  fr: Encore — ", 1);
    fs::write(&brochure, edited).unwrap();
    wait_for("the rebuild after an edit of the folder back", || {
        watching.builds() == 5 && read(&pdf).is_some_and(|now| now != first)
    });
}

#[test]
fn watch_with_the_output_around_the_content_still_hears_saves() {
    let dir = workspace("content");
    let watching = Watching::start(
        dir.path(),
        &["--lang", "fr", "--only", "factsheet", "--out", "."],
    );
    wait_for("the first build", || watching.builds() == 1);
    let centre = dir.path().join("content/centre.yaml");
    fs::write(&centre, fs::read_to_string(&centre).unwrap() + "\n").unwrap();
    wait_for("the rebuild", || watching.builds() == 2);
}

#[test]
fn watch_takes_the_build_options() {
    let dir = workspace("content");
    let watching = Watching::start(
        dir.path(),
        &["--lang", "fr", "--only", "factsheet", "--print"],
    );
    wait_for("the first build", || watching.builds() == 1);
    let said = watching.said();
    assert!(
        said.contains("wrote output/factsheet-fr-print.pdf")
            && said.contains("watching content (Ctrl-C to stop); last build ")
            && said.contains(": 1 file written\n"),
        "{said}"
    );
    let written: Vec<_> = fs::read_dir(dir.path().join("output")).unwrap().collect();
    assert_eq!(written.len(), 1);
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = workspace("content");
    let watching = Watching::start(dir.path(), &["--lang", "fr"]);
    let pdf = dir.path().join("output/brochure-fr.pdf");
    wait_for("the first build", || {
        read(&pdf).is_some() && watching.said().contains("wrote output/factsheet-fr.pdf")
    });
    let first = read(&pdf).expect("first");

    // A good save: a new PDF.
    let brochure = dir.path().join("content/brochure.yaml");
    let text = fs::read_to_string(&brochure).expect("brochure");
    let edited = text.replacen("title:\n  fr: ", "title:\n  fr: Nouveau — ", 1);
    assert_ne!(edited, text);
    fs::write(&brochure, edited).expect("save");
    wait_for("the rebuild", || read(&pdf).is_some_and(|now| now != first));
    let good = read(&pdf).expect("good");

    // A broken save: errors, and the good PDF stays.
    let before = watching.builds();
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    fs::write(&centre, text.replacen("tagline:", "tagine:", 1)).expect("save");
    wait_for("the failed build", || {
        watching.builds() > before
            && watching
                .said()
                .contains("1 error; the last good PDFs stay in place")
    });
    assert!(watching.said().contains("unknown key `tagine`"));
    assert_eq!(read(&pdf), Some(good), "the last good PDF is in place");
}
