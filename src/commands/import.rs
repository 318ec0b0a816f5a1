//! `aula import`: a question bank from another tool (GIFT, Aiken, Moodle XML, mdbook-quiz)
//! as an aula quiz file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::diagnostic::{report, Severity};
use crate::import::{self, Format};
use crate::source_file::{self, FileSize};

/// The largest bank read: a Moodle export with its images inlined can be tens of MiB, and
/// reading one costs a few times its size.
const MAX_INPUT: FileSize = FileSize(64 * 1024 * 1024);

/// Arguments of `aula import`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The question bank to read
    pub file: PathBuf,
    /// Its format; by default told from its extension and its contents
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The quiz file to write; by default FILE with `.quiz.toml` for its extension
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
}

/// Reads the bank, reports what could not be converted, and writes the rest.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.file));
    if output.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to replace it, or choose another file with --output",
            output.display()
        );
    }
    let text = match source_file::read(Path::new("."), &args.file, MAX_INPUT) {
        Ok(text) => text,
        Err(d) => return Ok(super::fail(&[d])),
    };
    let format = args
        .format
        .unwrap_or_else(|| Format::detect(&args.file, &text));
    let imported = import::read(&args.file, &text, format);
    drop(text);
    let failed = imported
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if !imported.diagnostics.is_empty() {
        eprint!("{}", report(&imported.diagnostics));
        eprintln!();
    }
    if imported.questions.is_empty() {
        println!("{}", imported.summary());
        eprintln!(
            "error: no question of {} could be converted ({}); nothing written",
            args.file.display(),
            format.name()
        );
        return Ok(ExitCode::FAILURE);
    }
    let source = crate::paths::slashed(&args.file);
    let toml =
        import::write_toml::quiz_toml(&title(&args.file), &source, format, &imported.questions);
    // The file must be one aula reads: a question this cannot write is a bug here, and is
    // said as one rather than left for `aula check` to find.
    if let Some((i, error)) = import::write_toml::first_unreadable(&imported.questions) {
        let line = imported.questions[i].line;
        bail!("aula import wrote question {source}:{line} as a quiz question that aula cannot read (a bug in aula; please report it):\n{error}");
    }
    write_atomically(&output, toml.as_bytes(), args.force)?;
    println!("{}", imported.summary());
    println!("Wrote {} ({})", output.display(), format.name());
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `bank.gift` → `bank.quiz.toml`, beside it.
fn default_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "imported".to_string());
    input.with_file_name(format!("{stem}.quiz.toml"))
}

/// The quiz's title, from the bank's name: `final_exam-2` → "Final exam 2".
fn title(input: &Path) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Imported quiz".to_string(),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into
/// place, so that `path` is either what it was or the whole new file. Without `force`, an
/// existing file (even one made since the check above) is never replaced.
fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".aula-import-");
    // A quiz file is read like the author's other files, not private as a temporary file
    // is (the umask still applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let result = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    result.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; pass --force to replace it, or choose another file with --output",
                path.display()
            )
        } else {
            anyhow::anyhow!("cannot write {}: {}", path.display(), e.error)
        }
    })
}
