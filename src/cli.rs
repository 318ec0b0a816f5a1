//! The command line: argument parsing and dispatch to one file per command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// aula: build static training courses, with quizzes, from Markdown and TOML.
#[derive(Debug, Parser)]
#[command(name = "aula", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the course into its output folder (public/ by default)
    Build(commands::build::Args),
    /// Check the course for every error a build would find, without writing anything
    Check(commands::check::Args),
    /// Write quizzes as questions for Moodle's question bank (GIFT or Moodle XML)
    Export(commands::export::Args),
    /// Convert a question bank (GIFT, Aiken, Moodle XML, mdbook-quiz) into a quiz file
    Import(commands::import::Args),
    /// Create a new course with one module, one lesson and one quiz
    Init(commands::init::Args),
    /// Write the course as a SCORM package (a zip) for an LMS
    Package(commands::package::Args),
    /// Build, serve on localhost, rebuild on changes and reload the browser
    Serve(commands::serve::Args),
}

/// Options every command that reads a course takes.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CourseArgs {
    /// The course folder, the one holding site.toml
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include pages marked `draft = true`
    #[arg(long)]
    pub drafts: bool,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => commands::build::execute(args),
        Command::Check(args) => commands::check::execute(args),
        Command::Export(args) => commands::export::execute(args),
        Command::Import(args) => commands::import::execute(args),
        Command::Init(args) => commands::init::execute(args),
        Command::Package(args) => commands::package::execute(args),
        Command::Serve(args) => commands::serve::execute(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
