//! Writing a PDF without ever leaving half of one: a temporary file beside the target, synced,
//! then renamed over it by the caller once every file of the run is staged.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Writes `pdf` to a temporary file beside `path`, to be renamed over it; dropped, the
/// temporary file is deleted.
pub fn stage(path: &Path, pdf: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder", path.display());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".plaquette-")
        .suffix(".pdf.tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(pdf)
        .and_then(|()| file.as_file().sync_all())
        .and_then(|()| set_readable(file.as_file()))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(file)
}

/// Temporary files are private; a PDF is for sharing.
#[cfg(unix)]
fn set_readable(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_readable(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}
