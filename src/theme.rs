//! The theme: Tera templates, static files and UI strings. A course uses
//! `themes/<name>/` from its own folder; the default theme, `aula`, is also built into the
//! binary from this repository's `themes/aula/`, so `aula` works with no themes/ folder.
//! A course's own `templates/` and `static/` override the theme's files of the same name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::paths::slashed;
use crate::source_file::{self, FileSize};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/aula");

/// The name of the theme built into the binary.
pub(crate) const DEFAULT_THEME: &str = "aula";

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub(crate) enum Bytes {
    Disk(PathBuf),
    BuiltIn(&'static [u8]),
}

impl Bytes {
    /// Reads the file.
    pub(crate) fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Bytes::Disk(p) => std::fs::read(p).map(Into::into),
            Bytes::BuiltIn(b) => Ok((*b).into()),
        }
    }
}

/// A loaded theme, with the course's overrides applied.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    /// Template name (`lesson.html`) → (path shown in errors, source).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Output path → bytes.
    pub statics: BTreeMap<String, Bytes>,
    /// The UI strings for the course's language.
    pub strings: toml::Table,
    /// The file the strings came from, for "missing key" errors.
    pub strings_file: PathBuf,
}

impl Theme {
    /// Loads the theme site.toml names, in its language: a theme or language it lacks is
    /// reported at its key in site.toml.
    pub(crate) fn for_config(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        Theme::load_with(
            root,
            &config.theme.name,
            &config.language,
            config.limits.max_file_size,
            // A language the theme lacks is reported where site.toml names it.
            &|key, message| match key {
                "language" => config.error_at_key(&config.language_key(), message),
                key => config.error_at_key(key, message),
            },
        )
    }

    /// Loads theme `name`; `at_key` makes an error about a key of site.toml.
    fn load_with(
        root: &Path,
        name: &str,
        language: &str,
        limit: FileSize,
        at_key: &dyn Fn(&str, String) -> Diagnostic,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let dir = Path::new("themes").join(name);
        let mut theme = Theme {
            templates: BTreeMap::new(),
            statics: BTreeMap::new(),
            strings: toml::Table::new(),
            strings_file: dir.join("i18n").join(format!("{language}.toml")),
        };
        let mut errors = Vec::new();
        let strings_text;
        let languages: Vec<String>;
        if root.join(&dir).is_dir() {
            errors.extend(theme.read_templates(root, &dir.join("templates"), limit));
            theme.read_statics(root, &dir.join("static"));
            strings_text = if root.join(&theme.strings_file).is_file() {
                source_file::read(root, &theme.strings_file, limit).map(Some)
            } else {
                Ok(None)
            };
            languages = files(root, &dir.join("i18n"))
                .into_iter()
                .filter_map(|(rel, _)| rel.strip_suffix(".toml").map(str::to_string))
                .collect();
        } else if name == DEFAULT_THEME {
            theme.use_built_in();
            let file = format!("i18n/{language}.toml");
            // Name the file as the course sees it: it has no themes/ folder.
            theme.strings_file = Path::new("(built-in theme)").join(&file);
            strings_text = Ok(BUILT_IN
                .get_file(&file)
                .and_then(|f| f.contents_utf8())
                .map(str::to_string));
            languages = BUILT_IN
                .get_dir("i18n")
                .into_iter()
                .flat_map(|d| d.files())
                .filter_map(|f| f.path().file_stem()?.to_str().map(str::to_string))
                .collect();
        } else {
            return Err(vec![at_key("theme", format!("theme `{name}` not found in themes/{name}/"))
                .with_hint(format!("create themes/{name}/ or use the built-in theme with `theme = \"{DEFAULT_THEME}\"`"))]);
        }
        errors.extend(theme.read_templates(root, Path::new("templates"), limit));
        theme.read_statics(root, Path::new("static"));
        let text = match strings_text {
            Ok(text) => text,
            Err(d) => {
                errors.push(d);
                return Err(errors);
            }
        };
        let Some(text) = text else {
            let mut languages = languages;
            languages.sort();
            let listed: Vec<String> = languages.iter().map(|l| format!("`{l}`")).collect();
            let hint = if listed.is_empty() {
                format!("add the UI strings as {}", slashed(&theme.strings_file))
            } else if root.join(&dir).is_dir() {
                format!(
                    "the theme has {}: set `language` to one of them, or add {}",
                    listed.join(", "),
                    slashed(&theme.strings_file)
                )
            } else {
                // The built-in theme's files are in the binary: the course cannot add one.
                format!(
                    "the theme has {}: set `language` to one of them, or give the course a theme of its own, themes/NAME/ with i18n/{language}.toml, and `theme = \"NAME\"`",
                    listed.join(", "),
                )
            };
            errors.push(
                at_key(
                    "language",
                    format!("the theme has no UI strings for language `{language}`"),
                )
                .with_hint(hint),
            );
            return Err(errors);
        };
        match text.parse() {
            Ok(strings) => theme.strings = strings,
            Err(e) => {
                let e: toml::de::Error = e;
                let span = e.span().unwrap_or(0..0);
                errors.push(Diagnostic::at(
                    &theme.strings_file,
                    &text,
                    span,
                    format!(
                        "invalid TOML: {}",
                        crate::toml_file::first_line(e.message())
                    ),
                ));
            }
        }
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    fn use_built_in(&mut self) {
        if let Some(dir) = BUILT_IN.get_dir("templates") {
            for file in dir.files() {
                let name = file.path().strip_prefix("templates").unwrap_or(file.path());
                let shown = Path::new("(built-in theme)").join(file.path());
                self.templates.insert(
                    slashed(name),
                    (shown, file.contents_utf8().unwrap_or("").to_string()),
                );
            }
        }
        let mut stack: Vec<&Dir> = BUILT_IN.get_dir("static").into_iter().collect();
        while let Some(dir) = stack.pop() {
            stack.extend(dir.dirs());
            for file in dir.files() {
                let name = file.path().strip_prefix("static").unwrap_or(file.path());
                self.statics
                    .insert(slashed(name), Bytes::BuiltIn(file.contents()));
            }
        }
    }

    /// Reads every template under `dir`; returns the errors of those that cannot be read.
    fn read_templates(&mut self, root: &Path, dir: &Path, limit: FileSize) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (rel, path) in files(root, dir) {
            match source_file::read(root, &path, limit) {
                Ok(text) => {
                    self.templates.insert(rel, (path, text));
                }
                Err(d) => errors.push(d),
            }
        }
        errors
    }

    fn read_statics(&mut self, root: &Path, dir: &Path) {
        for (rel, path) in files(root, dir) {
            self.statics.insert(rel, Bytes::Disk(root.join(path)));
        }
    }
}

/// A UI string as HTML, for places that take HTML (a true/false option's label).
pub(crate) fn string_html(strings: &toml::Table, key: &str) -> String {
    crate::templates::escape::escape_html(ui_string(strings, key))
}

/// A UI string from `strings`, or its key when it is missing.
pub(crate) fn ui_string<'a>(strings: &'a toml::Table, key: &'a str) -> &'a str {
    strings.get(key).and_then(|v| v.as_str()).unwrap_or(key)
}

/// Files under `root/dir`: (path relative to `dir` with `/`, path relative to `root`).
fn files(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let full = root.join(dir);
    WalkDir::new(&full)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&full).ok()?;
            Some((slashed(rel), dir.join(rel)))
        })
        .collect()
}
