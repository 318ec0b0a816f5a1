//! The folders a build keeps beside its output: the staging folder it writes into
//! (`.NAME.aula-tmp-PID`) and the old output it parks there once the new one is in place
//! (`.NAME.aula-old-PID-N`), until it has deleted it. A build that is killed leaves them
//! behind; the next build into the same folder removes those of every process that is gone.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The staging folder of this process for an output named `name`.
pub(super) fn staging_name(name: &str) -> String {
    format!(".{name}.aula-tmp-{}", std::process::id())
}

/// Where this process parks the old output named `name`, for the `n`th time: numbered, as
/// `aula serve` may still be deleting an earlier one in the background.
pub(super) fn parked_name(name: &str, n: usize) -> String {
    format!(".{name}.aula-old-{}-{n}", std::process::id())
}

/// What a name of [`staging_name`] or [`parked_name`] says.
#[derive(Debug, PartialEq, Eq)]
struct Leftover<'a> {
    /// The name of the output it belongs to.
    output: &'a str,
    pid: u32,
    parked: bool,
}

/// Reads a name of aula's, and nothing else: a dot, the output's name, the kind, and the
/// process id (with the swap's number for a parked folder), in digits only.
fn parse(name: &str) -> Option<Leftover<'_>> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let rest = name.strip_prefix('.')?;
    let (output, parked, id) = match (
        rest.rsplit_once(".aula-tmp-"),
        rest.rsplit_once(".aula-old-"),
    ) {
        (Some((output, pid)), None) => (output, false, pid),
        (None, Some((output, id))) => {
            let (pid, n) = id.split_once('-')?;
            (output, true, digits(n).then_some(pid)?)
        }
        _ => return None,
    };
    if output.is_empty() || !digits(id) {
        return None;
    }
    Some(Leftover {
        output,
        pid: id.parse().ok().filter(|&pid| pid > 0)?,
        parked,
    })
}

/// Removes the leftover folders in `parent` of every aula process that is gone. The caller
/// holds the lock on `parent` that every build writing there holds from before it makes its
/// staging folder until it has deleted the old output, so no build that is still running
/// owns any of them, whatever became of its process id. This process's own are left alone:
/// `aula serve` deletes its old outputs in the background. Processes of an older aula,
/// which took no lock, are spared by their process id while it is in use.
///
/// An output that is missing while a parked old output of it is there was left so by a build
/// killed between the two renames of a swap (where the swap cannot be made in one step): that
/// old output is put back, whichever output of `parent` it belongs to, as it is then the only
/// copy of that site.
pub(super) fn sweep(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut parked: BTreeMap<String, Vec<(PathBuf, SystemTime)>> = BTreeMap::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(leftover) = name.to_str().and_then(parse) else {
            continue;
        };
        if leftover.pid == std::process::id()
            || alive(leftover.pid)
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let path = entry.path();
        if leftover.parked {
            let changed = entry.metadata().and_then(|m| m.modified());
            parked
                .entry(leftover.output.to_string())
                .or_default()
                .push((path, changed.unwrap_or(UNIX_EPOCH)));
        } else {
            fs::remove_dir_all(&path).ok();
        }
    }
    for (output, mut old) in parked {
        // The latest of them was the site at the output last.
        old.sort_by_key(|(_, changed)| *changed);
        let output = parent.join(output);
        if fs::symlink_metadata(&output).is_err() {
            if let Some((latest, _)) = old.pop() {
                fs::rename(&latest, &output).ok();
            }
        }
        for (path, _) in old {
            fs::remove_dir_all(path).ok();
        }
    }
}

/// Whether a process with this id runs (as far as this system can tell from here).
#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    use rustix::process::{test_kill_process, Pid};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    // Permission denied means it runs, as another user.
    !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

/// Elsewhere the lock alone tells.
#[cfg(not(target_os = "linux"))]
fn alive(_pid: u32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_aula_names_are_read() {
        let tmp = |output, pid| {
            Some(Leftover {
                output,
                pid,
                parked: false,
            })
        };
        let old = |output, pid| {
            Some(Leftover {
                output,
                pid,
                parked: true,
            })
        };
        assert_eq!(parse(".public.aula-tmp-42"), tmp("public", 42));
        assert_eq!(parse(".public.aula-old-42-0"), old("public", 42));
        assert_eq!(parse(".my.site.aula-old-7-12"), old("my.site", 7));
        assert_eq!(parse(&staging_name("x")), tmp("x", std::process::id()));
        assert_eq!(parse(&parked_name("x", 3)), old("x", std::process::id()));
        for name in [
            "public.aula-tmp-42",
            ".public.aula-tmp-",
            ".public.aula-tmp-42x",
            ".public.aula-tmp-+42",
            ".public.aula-tmp-0",
            ".public.aula-tmp-99999999999",
            ".public.aula-old-42",
            ".public.aula-old-42-",
            ".public.aula-old-42-1-2",
            ".aula-tmp-42",
            ".notes.aula-tmp-42.bak",
            ".a.aula-tmp-1.aula-old-2-3",
        ] {
            assert_eq!(parse(name), None, "{name}");
        }
    }

    /// The id of a process that has just ended.
    #[cfg(unix)]
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[cfg(unix)]
    #[test]
    fn a_parked_output_is_put_back_when_the_target_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let parked = dir.path().join(format!(".public.aula-old-{dead}-0"));
        fs::create_dir(&parked).unwrap();
        fs::write(parked.join("index.html"), "old site").unwrap();
        let staging = dir.path().join(format!(".public.aula-tmp-{dead}"));
        fs::create_dir(&staging).unwrap();

        sweep(dir.path());
        let back = fs::read_to_string(dir.path().join("public/index.html")).unwrap();
        assert_eq!(back, "old site");
        assert!(!parked.exists() && !staging.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_build_of_another_output_puts_a_sibling_parked_site_back_instead_of_deleting_it() {
        // Only the output being built had its parked site put back: a build of `site-a`
        // deleted the only copy of `site-b`, parked by a build of it killed mid-swap.
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let parked = dir.path().join(format!(".site-b.aula-old-{dead}-0"));
        fs::create_dir(&parked).unwrap();
        fs::write(parked.join("index.html"), "site b").unwrap();
        fs::create_dir(dir.path().join("site-a")).unwrap();
        let parked_a = dir.path().join(format!(".site-a.aula-old-{dead}-0"));
        fs::create_dir(&parked_a).unwrap();

        sweep(dir.path());
        let back = fs::read_to_string(dir.path().join("site-b/index.html")).unwrap();
        assert_eq!(back, "site b");
        // An output that is there keeps its place, and its stale parked copy goes.
        assert!(!parked.exists() && !parked_a.exists());
        assert!(dir.path().join("site-a").is_dir());
    }
}
