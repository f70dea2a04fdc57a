//! Sound under faults: a run replaces its whole set of files or none, whatever stops it (a
//! file that cannot be replaced, a signal, a file size limit, a run killed outright), two runs
//! into one folder never mix their sets, and a closed pipe ends what is said, not the run.
//! Real processes throughout; a second build differs from the first by its date only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

const FIRST: &str = "1700000000";
const SECOND: &str = "1800000000";

/// A plaquette process in `dir`, built on `epoch`, stderr piped.
fn spawn(dir: &Path, args: &[&str], epoch: &str, fault: Option<&str>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plaquette"));
    command
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(fault) = fault {
        command.env("PLAQUETTE_TEST_FAULT", fault);
    }
    command.spawn().expect("runs")
}

/// Reads `child`'s stderr until a line containing `text`, and returns what was read.
fn read_until(child: &mut Child, text: &str) -> (String, BufReader<std::process::ChildStderr>) {
    let mut reader = BufReader::new(child.stderr.take().expect("stderr"));
    let mut said = String::new();
    while !said.contains(text) {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).expect("stderr") > 0,
            "ended without saying `{text}`: {said}"
        );
        said.push_str(&line);
    }
    (said, reader)
}

/// Every file under `dir` with its bytes, hidden ones included.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.insert(path.clone(), fs::read(&path).expect("file"));
        }
    }
    found
}

/// A workspace with the French documents of a first build in `output/`.
fn built() -> (tempfile::TempDir, BTreeMap<PathBuf, Vec<u8>>) {
    let dir = workspace("content");
    let first = run_on(dir.path(), &["build", "--lang", "fr"], FIRST);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = files(&dir.path().join("output"));
    assert_eq!(before.len(), 2);
    (dir, before)
}

#[test]
fn a_file_that_cannot_be_replaced_leaves_the_earlier_set_whole() {
    let (dir, before) = built();
    // The second of the two files fails: the first, already replaced, is put back.
    let child = spawn(
        dir.path(),
        &["build", "--lang", "fr"],
        SECOND,
        Some("fail:factsheet-fr.pdf"),
    );
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: cannot replace output/factsheet-fr.pdf: the file cannot be replaced (a test's \
         fault)\n1 error; nothing was written\n"
    );
    assert_eq!(
        files(&dir.path().join("output")),
        before,
        "as it was, no file left over"
    );
    // The first one alone failing: nothing was replaced yet.
    let output = spawn(
        dir.path(),
        &["build", "--lang", "fr"],
        SECOND,
        Some("fail:brochure-fr.pdf"),
    )
    .wait_with_output()
    .expect("ends");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(files(&dir.path().join("output")), before);
}

#[test]
fn a_signal_while_replacing_rolls_back_and_exits_as_the_signal() {
    for (signal, code) in [
        (libc::SIGTERM, 143),
        (libc::SIGINT, 130),
        (libc::SIGHUP, 129),
    ] {
        let (dir, before) = built();
        let mut child = spawn(
            dir.path(),
            &["build", "--lang", "fr"],
            SECOND,
            Some("pause:factsheet-fr.pdf"),
        );
        // Paused with the brochure replaced and the fact sheet staged.
        let (_, mut rest) = read_until(&mut child, "paused before replacing");
        let output = dir.path().join("output");
        assert_ne!(
            files(&output),
            before,
            "the brochure is replaced, a file is staged"
        );
        // SAFETY: kill sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let status = child.wait().expect("ends");
        let mut said = String::new();
        std::io::Read::read_to_string(&mut rest, &mut said).expect("stderr");
        assert_eq!(status.code(), Some(code), "signal {signal}");
        assert_eq!(
            said,
            "interrupted: nothing was written, the earlier files are as they were\n"
        );
        assert_eq!(
            files(&output),
            before,
            "signal {signal}: put back, nothing left over"
        );
    }
}

#[test]
fn files_left_by_a_killed_run_are_removed_by_the_next() {
    let (dir, before) = built();
    let output = dir.path().join("output");
    // Killed outright while paused: its temporary file and backup stay behind...
    let mut child = spawn(
        dir.path(),
        &["build", "--lang", "fr"],
        SECOND,
        Some("pause:factsheet-fr.pdf"),
    );
    let _ = read_until(&mut child, "paused before replacing");
    child.kill().expect("SIGKILL");
    child.wait().expect("ends");
    let left: Vec<PathBuf> = files(&output)
        .into_keys()
        .filter(|p| !before.contains_key(p))
        .collect();
    assert_eq!(left.len(), 2, "a staged PDF and a backup: {left:?}");
    // ... and, in an event's folder, as an earlier version would have; with a file of the
    // writer's own that only looks alike.
    let event = output.join("events/some-day");
    fs::create_dir_all(&event).unwrap();
    fs::write(event.join(".plaquette-x1Yz.pdf.tmp"), b"partial").unwrap();
    fs::write(output.join(".plaquette-notes.txt"), b"mine").unwrap();
    let next = run_on(dir.path(), &["build", "--lang", "fr"], SECOND);
    assert!(next.status.success(), "{}", stderr(&next));
    let now = files(&output);
    assert!(left.iter().all(|p| !now.contains_key(p)), "{now:?}");
    assert!(!event.join(".plaquette-x1Yz.pdf.tmp").exists());
    assert_eq!(
        fs::read(output.join(".plaquette-notes.txt")).unwrap(),
        b"mine"
    );
}

#[test]
fn a_file_size_limit_is_a_write_error_not_a_kill() {
    use std::os::unix::process::CommandExt;
    let (dir, before) = built();
    let mut command = Command::new(env!("CARGO_BIN_EXE_plaquette"));
    command
        .args(["build", "--lang", "fr"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", SECOND);
    // SAFETY: setrlimit only sets a limit of the child, between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 20_000,
                rlim_max: 20_000,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let output = command.output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.starts_with(
            "error: cannot write output/brochure-fr.pdf: File too large (os error \
             27): the file is larger than this process may write (`ulimit -f`)\n"
        ),
        "{said}"
    );
    assert!(said.ends_with("1 error; nothing was written\n"), "{said}");
    assert_eq!(files(&dir.path().join("output")), before);
}

#[test]
fn a_second_run_into_a_locked_folder_waits_or_refuses() {
    let (dir, before) = built();
    let output = dir.path().join("output");
    let held = fs::File::open(&output).unwrap();
    held.lock().unwrap();
    let refused = run_on(dir.path(), &["build", "--lang", "fr", "--no-wait"], SECOND);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        "error: another plaquette run is writing into output: nothing was written (without \
         --no-wait, this run waits for it)\n1 error; nothing was written\n"
    );
    assert_eq!(files(&output), before);
    let mut waiting = spawn(dir.path(), &["build", "--lang", "fr"], SECOND, None);
    let (said, mut rest) = read_until(&mut waiting, "waiting for another plaquette run");
    assert_eq!(
        said,
        "waiting for another plaquette run writing into output to finish\n"
    );
    assert_eq!(files(&output), before, "nothing written while it waits");
    held.unlock().unwrap();
    let status = waiting.wait().expect("ends");
    let mut end = String::new();
    std::io::Read::read_to_string(&mut rest, &mut end).unwrap();
    assert!(status.success(), "{end}");
    assert_ne!(files(&output), before, "written once the folder was free");
}

#[test]
fn two_runs_at_once_leave_one_whole_set() {
    // Two runs whose files all differ (by their dates); each alone gives its set.
    let dir = workspace("content");
    let output = dir.path().join("output");
    let args = ["build", "--lang", "fr"];
    let alone = |epoch| {
        let made = run_on(dir.path(), &args, epoch);
        assert!(made.status.success(), "{}", stderr(&made));
        let set = files(&output);
        fs::remove_dir_all(&output).unwrap();
        set
    };
    let sets = [alone(FIRST), alone(SECOND)];
    assert_ne!(sets[0], sets[1]);
    for round in 0..10 {
        let start = |epoch| {
            Command::new(env!("CARGO_BIN_EXE_plaquette"))
                .args(args)
                .current_dir(dir.path())
                .env("SOURCE_DATE_EPOCH", epoch)
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (start(FIRST), start(SECOND));
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        assert!(sets.contains(&files(&output)), "round {round}: a mixed set");
    }
}

#[test]
fn a_closed_pipe_ends_what_is_said_not_the_run() {
    let dir = workspace("content");
    for args in [
        &["inspect", "--lang", "fr"][..],
        &["build", "--format", "json", "--lang", "fr"],
        &["schema"],
        &["man"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plaquette"))
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes before anything is said, as `| head -c 0` would.
        drop(child.stdout.take());
        let started = Instant::now();
        let output = child.wait_with_output().unwrap();
        assert!(started.elapsed() < Duration::from_secs(60));
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
    let written = files(&dir.path().join("output"));
    assert_eq!(written.len(), 2, "every file of the build is written");
}

#[test]
fn a_language_asked_for_twice_is_built_once() {
    let dir = workspace("content");
    let output = run(
        dir.path(),
        &[
            "build",
            "--lang",
            "fr,fr,fr",
            "--only",
            "factsheet",
            "--format",
            "json",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(said.matches("\"type\":\"written\"").count(), 1, "{said}");
    assert!(
        said.starts_with(
            "{\"type\":\"diagnostic\",\"severity\":\"warning\",\"message\":\"`fr` is given more \
             than once in --lang: its documents are built once\""
        ),
        "{said}"
    );
}
