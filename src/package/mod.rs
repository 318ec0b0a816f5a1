//! `aula package`'s work: the course through the same pipeline as a build, with one more
//! output (`outputs::Lms`: the launch page, the runtime, the schemas), into a [`Zip`] rather
//! than a folder; then the manifest, which lists every file; then the archive, written
//! under a temporary name beside its target and renamed, so that a failed or killed run
//! leaves the last package as it was.

mod manifest;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::build::Stats;
use crate::diagnostic::Diagnostic;
use crate::outputs::lms::{Format, Lms};
use crate::outputs::{self, Zip, ZIP_COMMENT};
use crate::paths::slashed;
use crate::pipeline::{self, Files, Options};
use manifest::Manifest;

/// The manifest's name, which SCORM fixes.
const MANIFEST: &str = "imsmanifest.xml";

/// A package written.
#[derive(Debug)]
pub struct Packaged {
    /// What went into it.
    pub stats: Stats,
    /// The zip, as the author named it (or the default name).
    pub file: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Writes the course as a `format` package at `output`, by default `ID-FORMAT.zip` in the
/// course folder; or returns every problem found.
pub fn package(
    options: Options,
    format: Format,
    output: Option<PathBuf>,
) -> Result<Packaged, Vec<Diagnostic>> {
    let (site, mut errors) = pipeline::load(options.clone());
    let Some(site) = site else {
        return Err(errors);
    };
    let (target, shown) = match output {
        // As `aula build --output` does: from where the command runs.
        Some(path) => (path.clone(), path),
        None => {
            let name = PathBuf::from(format!("{}-{}.zip", site.config.course_id(), format.name()));
            (options.root.join(&name), name)
        }
    };
    errors.extend(replaceable(&target, &shown).err());
    let zip = Zip::new(shown.clone());
    let lms = Lms::new(&site, format);
    let mastery = lms.mastery();
    // The launch page and its runtime are the package's, not an edition's: the course's
    // other languages are in their folders inside it, reached by the pages' switcher.
    let lms = std::sync::Mutex::new(Some(lms));
    let ran = pipeline::run_all(
        &site,
        &|edition| {
            let mut all = outputs::all(edition);
            if let Some(lms) = lms.lock().unwrap_or_else(|p| p.into_inner()).take() {
                all.push(Box::new(lms));
            }
            all
        },
        &zip,
        false,
    );
    errors.extend(ran.errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let stats = Stats::of(&site);
    let schemas: Vec<&str> = format.schemas().iter().map(|(name, _)| *name).collect();
    let files: Vec<String> = zip
        .names()
        .into_iter()
        .filter(|f| !schemas.contains(&f.as_str()))
        .collect();
    let manifest = Manifest {
        format,
        id: &site.config.course_id(),
        version: &site.config.version,
        title: &site.config.title,
        mastery: (stats.quizzes > 0).then_some(mastery),
        files: &files,
    }
    .xml()
    .and_then(|xml| zip.write(MANIFEST, &[xml.as_bytes()]));
    let written = manifest.and_then(|()| write_atomically(&zip, &target));
    // Freeing a large course took 2% of a build, on one core: the command is about to exit,
    // so another thread does it (as `aula build` does), or this one if none can be made.
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    match written {
        Ok(bytes) => Ok(Packaged {
            stats,
            file: shown,
            bytes,
        }),
        Err(e) => {
            let hint = match e.kind() {
                io::ErrorKind::AlreadyExists => format!("rename the course's file: a package holds its own {MANIFEST}, index_lms.html and SCORM schemas at its root"),
                _ => "the folder it goes in must exist and be writable; any earlier package there is as it was".to_string(),
            };
            Err(vec![Diagnostic::new(
                &shown,
                format!("cannot write the package: {e}"),
            )
            .with_hint(hint)])
        }
    }
}

/// Whether `target` may be written: nothing is there, or a package aula made. aula never
/// replaces a file it did not make.
fn replaceable(target: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let made_by_aula = |file: fs::File| {
        zip::ZipArchive::new(io::BufReader::new(file))
            .is_ok_and(|z| z.comment().starts_with(ZIP_COMMENT.as_bytes()))
    };
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Ok(m) if m.is_file() && fs::File::open(target).is_ok_and(made_by_aula) => Ok(()),
        _ => Err(Diagnostic::new(
            shown,
            format!(
                "`{}` is already there, and is not a package aula made",
                slashed(shown)
            ),
        )
        .with_hint("aula replaces only its own packages: choose another name with --output FILE.zip, or move that file away")),
    }
}

/// Writes the zip beside `target` under a temporary name, then renames it into place;
/// returns its size.
fn write_atomically(zip: &Zip, target: &Path) -> io::Result<u64> {
    crate::atomic_file::write(target, ".aula-package-", true, |file| {
        let mut out = zip.finish(BufWriter::with_capacity(1 << 20, &mut *file), &[MANIFEST])?;
        out.flush()?;
        drop(out);
        Ok(file.metadata()?.len())
    })
}
