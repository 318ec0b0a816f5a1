//! One file written whole or not at all: under a temporary name beside it, then renamed into
//! place, so that a failed or killed run leaves what was there. `aula import`, `aula export`
//! and `aula package` write their files this way.

use std::fs::File;
use std::io;
use std::path::Path;

/// Writes `path` with `fill`, which gets the temporary file and returns what the caller wants
/// back (a size, nothing). Without `replace`, the rename fails with `AlreadyExists` if
/// `path` exists, even one made since the caller looked. `prefix` names the temporary file
/// (`.aula-import-`), so a leftover says what made it.
pub(crate) fn write<T>(
    path: &Path,
    prefix: &str,
    replace: bool,
    fill: impl FnOnce(&mut File) -> io::Result<T>,
) -> io::Result<T> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    // A temporary file is the owner's alone; these files are for sharing, like the site
    // (the umask still applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temp = builder.tempfile_in(dir)?;
    let value = fill(temp.as_file_mut())?;
    // No fsync, as a build has none: a killed run still leaves the old file, which is what
    // is promised.
    if replace {
        temp.persist(path).map_err(|e| e.error)?;
    } else {
        temp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(value)
}
