//! aula: a static-site generator for training courses and quizzes.
//!
//! The modules follow the pipeline, and data flows one way through them:
//! [`config`] (site.toml) → [`content`] (the course tree, with [`front_matter`] and
//! [`quiz`]) → [`markdown`] (HTML, links checked) → [`render`] (Tera templates from the
//! [`theme`]) → [`output`] (written atomically). [`site`] holds a course opened for
//! rendering; [`build`], `check` and [`serve`] are the three drivers over it, and [`cli`]
//! is the thin command line. Errors everywhere are [`diagnostic::Diagnostic`]s.

pub mod build;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod fold_strings;
pub mod front_matter;
pub mod highlight;
pub mod locate;
pub mod markdown;
pub mod nav;
pub mod output;
pub mod paths;
pub mod print;
pub mod quiz;
mod raw_html;
pub mod serve;
pub mod site;
pub mod source_file;
pub mod templates;
pub mod theme;
pub mod toml_file;
pub mod toml_words;
pub mod words;
