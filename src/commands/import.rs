//! `aula import`: a question bank from another tool (GIFT, Aiken, Moodle XML, mdbook-quiz)
//! as an aula quiz file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

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
    let text = match source_file::read_with(Path::new("."), &args.file, MAX_INPUT, |_| {
        format!("aula import reads a bank of up to {MAX_INPUT}: split the bank into smaller files (a category each, say) and import each")
    }) {
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
    crate::atomic_file::write(&output, ".aula-import-", args.force, |f| {
        f.write_all(toml.as_bytes())
    })
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "{} already exists; pass --force to replace it, or choose another file with --output",
            output.display()
        ),
        _ => anyhow::anyhow!("cannot write {}: {e}", output.display()),
    })?;
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

/// The quiz's title, from the bank's name, as a folder's name makes a module's:
/// `01-final_exam` → "Final exam".
fn title(input: &Path) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match crate::content::title_of(&stem) {
        t if t.trim().is_empty() => "Imported quiz".to_string(),
        t => t,
    }
}
