//! `site.toml`: the course's settings.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::source_file::{self, FileSize};
use crate::toml_file::{self, Source};

/// The file name of a course's settings, at the course root.
pub const FILE_NAME: &str = "site.toml";

/// Everything `site.toml` may say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub organization: String,
    /// Keys the learner's saved progress; defaults to the title's slug. Change it only to
    /// make a course forget what its learners did.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Absolute address of the published course. Only the sitemap and canonical links use
    /// it: every other URL in the output is relative.
    #[serde(default)]
    pub base_url: Option<Spanned<String>>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub quiz: QuizDefaults,
    #[serde(default)]
    pub limits: Limits,
}

/// `[limits]`: what aula refuses to read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest page, quiz or template aula reads; a larger one is an error. Files
    /// copied as they are (images, static files) may be of any size.
    pub max_file_size: FileSize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: FileSize::DEFAULT,
        }
    }
}

/// `[markdown]`: switches for the Markdown renderer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Turn straight quotes and `--` into typographic ones.
    pub smart_punctuation: bool,
    /// Highlight fenced code blocks.
    pub highlight_code: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            highlight_code: true,
        }
    }
}

/// `[quiz]`: defaults for every quiz of the course.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuizDefaults {
    /// Percent needed to pass.
    pub pass: Spanned<i64>,
}

impl Default for QuizDefaults {
    fn default() -> Self {
        QuizDefaults {
            pass: Spanned::new(0..0, 70),
        }
    }
}

fn default_language() -> String {
    "es".into()
}
fn default_theme() -> String {
    "aula".into()
}
fn default_output_dir() -> PathBuf {
    "public".into()
}

impl Config {
    /// Reads `site.toml` from the course root. It is held to the default size limit, since
    /// it is what could set another.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let text =
            source_file::read(root, Path::new(FILE_NAME), FileSize::DEFAULT).map_err(|d| {
                if root.join(FILE_NAME).is_file() {
                    return vec![d];
                }
                vec![Diagnostic::new(
                    FILE_NAME,
                    format!("cannot read {FILE_NAME}: it does not exist"),
                )
                .with_hint(
                    "run aula in a course folder, pass --root DIR, or create one with `aula init`",
                )]
            })?;
        Config::parse(&text)
    }

    /// Parses the text of `site.toml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let src = Source {
            path: Path::new(FILE_NAME),
            file_text: text,
            offset: 0,
        };
        let config: Config = toml_file::parse(text, src)?;
        let mut errors = Vec::new();
        let pass = &config.quiz.pass;
        if !(0..=100).contains(pass.get_ref()) {
            errors.push(
                src.error(
                    pass.span(),
                    format!("pass = {} is outside 0–100", pass.get_ref()),
                )
                .with_hint("give the percent a learner needs to pass, e.g. `pass = 70`"),
            );
        }
        if let Some(url) = &config.base_url {
            if !(url.get_ref().starts_with("http://") || url.get_ref().starts_with("https://")) {
                errors.push(
                    src.error(url.span(), "base_url is not an absolute http(s) address")
                        .with_hint("write it like `base_url = \"https://example.org/curso/\"`, or leave it out"),
                );
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// The key under which browsers store this course's progress.
    pub fn course_id(&self) -> String {
        self.id
            .clone()
            .unwrap_or_else(|| slug::slugify(&self.title))
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|u| format!("{}/", u.get_ref().trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_defaults() {
        let c = Config::parse("title = \"Curso\"").unwrap();
        assert_eq!(c.language, "es");
        assert_eq!(c.theme, "aula");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(*c.quiz.pass.get_ref(), 70);
        assert_eq!(c.course_id(), "curso");
    }

    #[test]
    fn rejects_a_pass_mark_over_100() {
        let errs = Config::parse("title = \"x\"\n[quiz]\npass = 120\n").unwrap_err();
        assert!(errs[0].message.contains("outside 0–100"));
        assert_eq!(errs[0].position(), "site.toml:3:8");
    }
}
