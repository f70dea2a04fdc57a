//! `plaquette man`: the manual pages, one for the command and one for each subcommand (the
//! pages the top one's SEE ALSO names: plaquette-build(1), plaquette-check(1)…), each with its
//! options, and the EXIT STATUS and ENVIRONMENT every command shares.

use std::path::Path;

use anyhow::Context;

/// What every page ends with, in roff.
const SHARED: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
The content has errors, a document does not fit its pages, or the output cannot be written
(when only some events fail, the other documents are written and the summary says which
events were not).
.TP
\fB2\fR
A usage mistake: an unknown command or option, a bleed that is not a length up to 10mm, an
invalid SOURCE_DATE_EPOCH.
.TP
\fB128 + N\fR
Stopped by signal N (130 for Ctrl-C, 143 for SIGTERM); the files being written are rolled
back.
.SH ENVIRONMENT
.TP
\fBSOURCE_DATE_EPOCH\fR
The creation date written into the documents, in seconds since 1970, for reproducible
builds: the same content and date give the same bytes. The current time when unset.
.TP
\fBNO_COLOR\fR
When set and not empty, messages are not coloured (as \fB--color never\fR), unless
\fB--color always\fR is given.
"#;

/// Every page: its file name (`plaquette-build.1`) and its roff. The top page first.
pub fn pages(command: clap::Command) -> anyhow::Result<Vec<(String, String)>> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let mut pages = vec![page(&command)?];
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub)?);
    }
    Ok(pages)
}

fn page(command: &clap::Command) -> anyhow::Result<(String, String)> {
    let man = clap_mangen::Man::new(command.clone());
    let mut roff = Vec::new();
    man.render(&mut roff)
        .context("cannot render the manual page")?;
    let mut text = String::from_utf8_lossy(&roff).into_owned();
    text.push_str(SHARED);
    Ok((man.get_filename(), text))
}

/// The page of `name` (`build`, or none for the command's own).
pub fn one(command: clap::Command, name: Option<&str>) -> anyhow::Result<String> {
    let wanted = match name {
        Some(name) => format!("plaquette-{name}.1"),
        None => "plaquette.1".into(),
    };
    pages(command)?
        .into_iter()
        .find(|(file, _)| *file == wanted)
        .map(|(_, text)| text)
        .with_context(|| format!("no manual page for `{}`", name.unwrap_or_default()))
}

/// Writes every page into `dir`; the files written.
pub fn write(command: clap::Command, dir: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for (file, text) in pages(command)? {
        let path = dir.join(file);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}
