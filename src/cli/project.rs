//! Where a run's project is: its content folder and its output folder, as the command line
//! gives them, or found from the current folder as cargo finds its manifest and mdBook its
//! book, so that `plaquette check` works from inside `content/` and its subfolders.

use std::path::{Path, PathBuf};

/// The content folder and the output folder of a run, as paths to show (relative to the
/// current folder when they were found from it).
#[derive(Debug, PartialEq, Eq)]
pub struct Project {
    pub content: PathBuf,
    pub out: PathBuf,
}

/// A content folder holds its centre's file.
fn is_content(dir: &Path) -> bool {
    dir.join("centre.yaml").is_file()
}

/// The project of `dir` (a project folder holding `content/`, or a content folder itself),
/// `content` and `out` as given on the command line; what is not given is found from `cwd`.
pub fn find(dir: Option<&Path>, content: Option<&Path>, out: Option<&Path>, cwd: &Path) -> Project {
    let (root, found) = match (dir, content) {
        // A content folder given: the output goes where it always has, unless a folder is.
        (None, Some(content)) => (PathBuf::new(), content.to_path_buf()),
        (Some(dir), given) => {
            // Looked at from `cwd`; shown as given. A folder that is a content folder and
            // holds none is the content itself; anything else is a project around one.
            let at = cwd.join(dir);
            let is_the_content = is_content(&at) && !is_content(&at.join("content"));
            let root = if is_the_content {
                // `.` and `..` have no parent to name: the folder above them is `DIR/..`.
                match dir.file_name() {
                    Some(_) => dir.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                    None => dir.join(".."),
                }
            } else {
                dir.to_path_buf()
            };
            let content = match given {
                Some(given) => given.to_path_buf(),
                None if is_the_content => dir.to_path_buf(),
                None => dir.join("content"),
            };
            (root, content)
        }
        (None, None) => discover(cwd),
    };
    let out = out.map_or_else(|| join(&root, "output"), Path::to_path_buf);
    Project {
        content: found,
        out,
    }
}

/// From `cwd` up: the first folder that holds `content/`, or is itself a content folder.
/// `content` and `output` in the current folder when none is (the error then names them).
fn discover(cwd: &Path) -> (PathBuf, PathBuf) {
    for (up, dir) in cwd.ancestors().enumerate() {
        let back: PathBuf = std::iter::repeat_n("..", up).collect();
        if is_content(&dir.join("content")) {
            return (back.clone(), join(&back, "content"));
        }
        if is_content(dir) {
            // Inside the content folder: the project is the folder around it.
            let root = join(&back, "..");
            let content = if up == 0 { PathBuf::from(".") } else { back };
            return (root, content);
        }
    }
    (PathBuf::new(), PathBuf::from("content"))
}

/// The names of the events of the project around `cwd` (their files in `events/`, without
/// `.yaml`) that start with `typed`, for the shells' completion of `--event`.
pub fn events_starting(cwd: &Path, typed: &str) -> Vec<String> {
    let content = cwd.join(discover(cwd).1);
    let Ok(entries) = std::fs::read_dir(content.join("events")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let slug = name.strip_suffix(".yaml")?;
            (crate::content::is_event_name(slug) && slug.starts_with(typed))
                .then(|| slug.to_owned())
        })
        .collect();
    names.sort();
    names
}

/// `base/name`, without a leading `./` when `base` is the current folder.
fn join(base: &Path, name: &str) -> PathBuf {
    if base.as_os_str().is_empty() {
        PathBuf::from(name)
    } else {
        base.join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(content: &str, out: &str) -> Project {
        Project {
            content: content.into(),
            out: out.into(),
        }
    }

    #[test]
    fn a_project_is_found_from_any_folder_inside_it() {
        let root = tempfile::tempdir().expect("temp");
        let base = root.path();
        std::fs::create_dir_all(base.join("site/content/events")).expect("folders");
        std::fs::write(base.join("site/content/centre.yaml"), "").expect("centre");
        let found = |cwd: &str| find(None, None, None, &base.join(cwd));
        assert_eq!(found("site"), project("content", "output"));
        assert_eq!(found("site/content"), project(".", "../output"));
        assert_eq!(found("site/content/events"), project("..", "../../output"));
        // Nothing above: the current folder's, which the error will name.
        assert_eq!(found(""), project("content", "output"));
        // Given, a project folder or a content folder; options win.
        let site = base.join("site");
        let given = find(Some(&site), None, None, base);
        assert_eq!(
            given,
            Project {
                content: site.join("content"),
                out: site.join("output")
            }
        );
        let given = find(Some(&site.join("content")), None, None, base);
        assert_eq!(
            given,
            Project {
                content: site.join("content"),
                out: site.join("output")
            }
        );
        let given = find(None, Some(Path::new("c")), None, &site);
        assert_eq!(given, project("c", "output"));
        let given = find(Some(&site), None, Some(Path::new("o")), base);
        assert_eq!(given.out, PathBuf::from("o"));
        // The content folder as `.` or `..`: the output beside it, not inside.
        let content = site.join("content");
        let given = find(Some(Path::new(".")), None, None, &content);
        assert_eq!(given, project(".", "./../output"));
        let given = find(Some(Path::new("..")), None, None, &content.join("events"));
        assert_eq!(given, project("..", "../../output"));
    }

    #[test]
    fn events_are_completed_from_the_project_around() {
        let root = tempfile::tempdir().expect("temp");
        let base = root.path();
        let events = base.join("site/content/events");
        std::fs::create_dir_all(events.join("folder.yaml")).expect("folders");
        std::fs::write(base.join("site/content/centre.yaml"), "").expect("centre");
        for name in [
            "open-day-2027.yaml",
            "gala.yaml",
            "Bad Name.yaml",
            "notes.txt",
        ] {
            std::fs::write(events.join(name), "").expect("event");
        }
        let names = |cwd: &str, typed: &str| events_starting(&base.join(cwd), typed);
        assert_eq!(names("site", ""), ["gala", "open-day-2027"]);
        assert_eq!(names("site/content/events", "o"), ["open-day-2027"]);
        assert!(names("", "").is_empty());
    }
}
