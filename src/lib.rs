//! aula: a static-site generator for training courses and quizzes.
//!
//! One pipeline, which data goes through one way (ARCHITECTURE.md draws it):
//! [`config`] (site.toml) → [`content`] (the course tree, with `front_matter` and [`quiz`])
//! → `pipeline` (load it once, then render each page: `markdown`, then `templates` from the
//! `theme`) → `outputs` (the website's pages, the print page, the special pages), written
//! through a folder (`out_dir`, atomically) or nowhere. [`build`], [`check`] and [`serve`]
//! drive it, and [`cli`] is the thin command line. Errors everywhere are
//! [`diagnostic::Diagnostic`]s.

pub(crate) mod admonitions;
pub(crate) mod atomic_file;
pub mod build;
pub mod check;
pub mod cli;
pub(crate) mod commands;
pub(crate) mod completion;
pub(crate) mod config;
pub mod content;
pub(crate) mod course_css;
pub mod diagnostic;
pub(crate) mod export;
pub(crate) mod fold_strings;
pub(crate) mod front_matter;
pub(crate) mod highlight;
pub(crate) mod import;
pub(crate) mod lms;
pub(crate) mod locate;
pub(crate) mod markdown;
pub(crate) mod math;
pub(crate) mod nav;
pub(crate) mod out_dir;
pub(crate) mod outputs;
pub mod package;
pub(crate) mod paths;
pub mod pipeline;
pub mod quiz;
pub(crate) mod raw_html;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod source_file;
pub(crate) mod templates;
pub(crate) mod theme;
pub(crate) mod title;
pub(crate) mod toml_file;
pub(crate) mod words;
