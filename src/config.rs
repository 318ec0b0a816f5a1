//! `site.toml`: the course's settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::source_file::{self, FileSize};
use crate::toml_file::words::Keys;
use crate::toml_file::{self, Source};

/// The file name of a course's settings, at the course root.
pub(crate) const FILE_NAME: &str = "site.toml";

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
    pub id: Option<Spanned<String>>,
    /// The course's edition, named in a learner's exported record and certificate.
    #[serde(default = "default_version")]
    pub version: String,
    /// What a learner must do for the course to count as complete.
    #[serde(default)]
    pub completion: crate::completion::Completion,
    /// What an LMS package reports.
    #[serde(default)]
    pub lms: crate::lms::Lms,
    /// The theme, and the course's own stylesheets (see [`crate::course_css`]).
    #[serde(default)]
    pub theme: ThemeConfig,
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Where the course is published: an absolute address, for the sitemap, canonical
    /// links and 404.html's links, or just its path (`/curso/`), for 404.html's links
    /// only. Every other URL in the output is relative.
    #[serde(default)]
    pub base_url: Option<Spanned<String>>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub quiz: QuizDefaults,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub security: Security,
    /// The course's other languages, by code, each built under a folder of its name
    /// (`en/`) from the pages' translations (see ARCHITECTURE.md, "Languages").
    #[serde(default)]
    pub languages: BTreeMap<String, Spanned<LanguageConfig>>,
    /// Where the edition these settings are for is, from the output's root: empty for the
    /// default language, `en/` for English. Set for each other language's run.
    #[serde(skip)]
    pub(crate) folder: String,
    /// In another language's edition, the course's own `language`, which its untranslated
    /// pages are in; empty in the default edition.
    #[serde(skip)]
    pub(crate) default_language: String,
    /// The text of site.toml, to point at a key's value in an error found later.
    #[serde(skip)]
    source: String,
    /// The course's own stylesheets, as URLs from the output root, loaded after the
    /// theme's on every page: found when site.toml is read from a course folder.
    #[serde(skip)]
    pub(crate) stylesheets: Vec<String>,
}

/// One of `[languages]`: what the course says of itself in that language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The course's title in the language; the default language's title without it.
    pub title: Option<String>,
    /// The course's description in the language.
    pub description: Option<String>,
}

/// `theme`: a theme's name (`theme = "aula"`), or a `[theme]` table with the name and the
/// course's own stylesheets.
#[derive(Debug, Clone)]
pub struct ThemeConfig {
    /// themes/NAME/, or the built-in theme.
    pub name: String,
    /// `extra_css`: stylesheets under static/, loaded after the theme's. Without it,
    /// static/course.css is, when there is one.
    pub extra_css: Option<Vec<Spanned<String>>>,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            name: default_theme(),
            extra_css: None,
        }
    }
}

/// The `[theme]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeTable {
    #[serde(default = "default_theme")]
    name: String,
    #[serde(default)]
    extra_css: Option<Vec<Spanned<String>>>,
}

impl<'de> Deserialize<'de> for ThemeConfig {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = ThemeConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a theme's name or a [theme] table")
            }
            fn visit_str<E>(self, name: &str) -> Result<ThemeConfig, E> {
                Ok(ThemeConfig {
                    name: name.to_string(),
                    extra_css: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ThemeConfig, A::Error> {
                let table =
                    ThemeTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ThemeConfig {
                    name: table.name,
                    extra_css: table.extra_css,
                })
            }
        }
        de.deserialize_any(Either)
    }
}

/// What each key of site.toml holds, for a value of the wrong type.
pub(crate) const KEYS: Keys = &[
    (
        "title",
        "text in quotes, like `title = \"Cultura de servicio\"`",
    ),
    (
        "description",
        "text in quotes, like `description = \"A practical course.\"`",
    ),
    (
        "language",
        "a language code in quotes, like `language = \"en\"`",
    ),
    ("author", "text in quotes, like `author = \"Ana Pérez\"`"),
    (
        "organization",
        "text in quotes, like `organization = \"ACME\"`",
    ),
    ("id", "text in quotes, like `id = \"cultura-de-servicio\"`"),
    ("version", "text in quotes, like `version = \"2.1\"`"),
    ("completion", "a table: a `[completion]` line, then its keys"),
    (
        "completion.lessons",
        "`\"all\"` or a whole number of percent, like `lessons = 80`",
    ),
    (
        "completion.quizzes",
        "`\"passed\"` or a list of quiz files, like `quizzes = [\"01-intro/quiz.toml\"]`",
    ),
    ("lms", "a table: an `[lms]` line, then its keys"),
    (
        "languages",
        "a table of tables, one per language: a `[languages.en]` line, then its `title` and `description`",
    ),
    (
        "lms.score",
        "`\"mean\"` or a quiz file in quotes, like `score = \"05-final/quiz.toml\"`",
    ),
    (
        "lms.failed",
        "`\"failed\"` or `\"incomplete\"` in quotes, like `failed = \"incomplete\"`",
    ),
    (
        "theme",
        "a table: a `[theme]` line with `name` and `extra_css`, or a theme's name in quotes, like `theme = \"aula\"`",
    ),
    (
        "theme.name",
        "a theme's name in quotes, like `name = \"aula\"`",
    ),
    (
        "theme.extra_css",
        "a list of stylesheets under static/, like `extra_css = [\"static/course.css\"]`",
    ),
    (
        "output_dir",
        "a folder in quotes, like `output_dir = \"public\"`",
    ),
    (
        "base_url",
        "an address in quotes, like `base_url = \"https://example.org/curso/\"`",
    ),
    ("markdown", "a table: a `[markdown]` line, then its keys"),
    (
        "markdown.smart_punctuation",
        "`true` or `false`, like `smart_punctuation = true`",
    ),
    (
        "markdown.highlight_code",
        "`true` or `false`, like `highlight_code = true`",
    ),
    ("markdown.math", "`true` or `false`, like `math = true`"),
    ("search", "a table: a `[search]` line, then its keys"),
    ("search.enabled", "`true` or `false`, like `enabled = false`"),
    ("quiz", "a table: a `[quiz]` line, then its keys"),
    ("quiz.pass", "a whole number of percent, like `pass = 70`"),
    ("limits", "a table: a `[limits]` line, then its keys"),
    ("security", "a table: a `[security]` line, then its keys"),
    (
        "security.frame_src",
        "a list of origins in quotes, like `frame_src = [\"https://www.youtube-nocookie.com\"]`",
    ),
    (
        "limits.max_file_size",
        "a size in quotes, like `max_file_size = \"5 MiB\"`, or a number of bytes",
    ),
];

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

/// `[security]`: what the pages' Content-Security-Policy lets in besides the course's own
/// files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Security {
    /// Origins (`https://host[:port]`) whose pages may be embedded with `<iframe>`: video
    /// players. Each sees the learners who open a page that embeds it.
    pub frame_src: Vec<Spanned<String>>,
}

impl Security {
    /// The allowed frame origins, as written.
    pub fn frame_origins(&self) -> Vec<String> {
        self.frame_src.iter().map(|o| o.get_ref().clone()).collect()
    }
}

/// The origin (`scheme://host[:port]`) of an address from elsewhere, lowercased; `None` for a
/// local link, or a scheme a frame's CSP does not name (`data:`, `about:`).
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = match url.strip_prefix("//") {
        // A scheme-relative address takes the page's scheme; a published course is https.
        Some(rest) => ("https", rest),
        None => {
            let (scheme, rest) = url.split_once("://")?;
            (scheme, rest)
        }
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host).to_ascii_lowercase();
    // The scheme's own port is no port at all, for the browser and its CSP alike.
    let default = if scheme == "https" { ":443" } else { ":80" };
    let host = host.strip_suffix(default).unwrap_or(&host);
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// Whether `allowed`, an origin of `frame_src` (maybe `https://*.example.org`), lets in
/// `origin`, as the CSP would.
pub(crate) fn origin_allows(allowed: &str, origin: &str) -> bool {
    let allowed = allowed.trim_end_matches('/').to_ascii_lowercase();
    if allowed == origin {
        return true;
    }
    match allowed.split_once("://*.") {
        Some((scheme, domain)) => origin
            .strip_prefix(&format!("{scheme}://"))
            .is_some_and(|host| host.ends_with(&format!(".{domain}"))),
        None => false,
    }
}

/// Why `origin` cannot be a source of the CSP, if it cannot.
fn bad_origin(origin: &str) -> Option<&'static str> {
    let (scheme, rest) = origin.split_once("://")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let host = rest.strip_prefix("*.").unwrap_or(rest);
    // An IPv6 address is in brackets; the port follows the last `:` after them.
    let after = host.rfind(']').map_or(0, |i| i + 1);
    let (host, port) = match host[after..].rfind(':') {
        Some(i) => (&host[..after + i], Some(&host[after + i + 1..])),
        None => (host, None),
    };
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    if scheme != "https" && !(scheme == "http" && loopback) {
        return Some("is not https: learners' browsers block http frames on an https course, and the address of a course on http is no secret");
    }
    let host_ok = !host.is_empty()
        && (host == "[::1]"
            || host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'));
    if !host_ok || port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Some("is not an origin: a scheme and a host, and maybe a port, without a path");
    }
    None
}

/// `[markdown]`: switches for the Markdown renderer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Turn straight quotes and `--` into typographic ones.
    pub smart_punctuation: bool,
    /// Highlight fenced code blocks.
    pub highlight_code: bool,
    /// Turn `$…$` and `$$…$$` into MathML. Off by default: courses on prices and money
    /// have dollar signs that are not maths.
    pub math: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            highlight_code: true,
            math: false,
        }
    }
}

/// `[search]`: the search box and the index it reads (`crate::search`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build the index and show the box on every page.
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
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

fn default_version() -> String {
    "1".into()
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
    /// Reads `site.toml` from the course root.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        match Config::load_lenient(root) {
            (Some(config), errors) if errors.is_empty() => Ok(config),
            (_, errors) => Err(errors),
        }
    }

    /// Like [`Config::load`], and the settings as far as they could be read, as
    /// [`Config::parse_lenient`] gives them. site.toml is held to the default size limit,
    /// since it is what could set another.
    pub fn load_lenient(root: &Path) -> (Option<Config>, Vec<Diagnostic>) {
        match source_file::read(root, Path::new(FILE_NAME), FileSize::DEFAULT) {
            Ok(text) => {
                let (mut config, mut errors) = Config::parse_lenient(&text);
                if let Some(config) = &mut config {
                    let (found, wrong) = crate::course_css::stylesheets(
                        root,
                        config.theme.extra_css.as_deref(),
                        &|span, message| config.error_at(span, message),
                    );
                    config.stylesheets = found;
                    errors.extend(wrong);
                }
                (config, errors)
            }
            Err(d) if root.join(FILE_NAME).is_file() => (None, vec![d]),
            Err(_) => (
                None,
                vec![Diagnostic::new(
                    FILE_NAME,
                    format!("cannot read {FILE_NAME}: it does not exist"),
                )
                .with_hint(
                    "run aula in a course folder, pass --root DIR, or create one with `aula init`",
                )],
            ),
        }
    }

    /// Parses the text of `site.toml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        match Config::parse_lenient(text) {
            (Some(config), errors) if errors.is_empty() => Ok(config),
            (_, errors) => Err(errors),
        }
    }

    /// Like [`Config::parse`], and when the only mistakes are unknown keys, also the
    /// settings without them: the course can still be read for its own mistakes.
    pub fn parse_lenient(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let src = Source::new(Path::new(FILE_NAME), text, 0);
        let (config, mut errors) = toml_file::parse_lenient::<Config>(text, &src, KEYS);
        let Some(mut config) = config else {
            return (None, errors);
        };
        // The unknown keys, left out of `config`; a wrong value leaves nothing to go on with.
        let unknown_keys = errors.len();
        // Learners' progress is stored under keys that start with `aula:ID:`; an id with a
        // `:` could start another course's keys ("a" and "a:quiz"), and its "reset" would
        // erase them.
        if let Some(id) = &config.id {
            let valid = !id.get_ref().is_empty()
                && id
                    .get_ref()
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
            if !valid {
                errors.push(
                    src.error(id.span(), format!("id `{}` is not a valid course id", id.get_ref()))
                        .with_hint("use only letters, digits, `-`, `_` and `.`, like `id = \"cultura-de-servicio-2026\"`: it names where browsers keep learners' progress"),
                );
            }
        }
        errors.extend(config.completion.errors(&src));
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
            let url_ok = |u: &str| u.starts_with("http://") || u.starts_with("https://");
            let path_ok = |u: &str| u.starts_with('/') && !u.starts_with("//");
            if !(url_ok(url.get_ref()) || path_ok(url.get_ref())) {
                errors.push(
                    src.error(url.span(), "base_url is neither an http(s) address nor a path")
                        .with_hint("write it like `base_url = \"https://example.org/curso/\"`, or leave it out; \
                                    a path alone, like `base_url = \"/curso/\"`, sets only where 404.html links from"),
                );
            }
        }
        for origin in &config.security.frame_src {
            let why = bad_origin(origin.get_ref()).or_else(|| {
                (!origin.get_ref().contains("://")).then_some(
                    "is not an origin: a scheme and a host, and maybe a port, without a path",
                )
            });
            if let Some(why) = why {
                errors.push(
                    src.error(origin.span(), format!("frame_src `{}` {why}", origin.get_ref()))
                        .with_hint("write the origin of the player's address, like `frame_src = [\"https://www.youtube-nocookie.com\"]`; only `http://localhost` may be http"),
                );
            }
        }
        config.source = text.to_string();
        let readable = errors.len() == unknown_keys;
        // A wrong LMS setting changes nothing a build reads: the course's own mistakes are
        // still worth finding in the same run.
        errors.extend(config.lms.errors(&src));
        // So does a language that cannot be built: the others still are.
        for (code, language) in &config.languages {
            let at = language.span();
            if !is_language_code(code) {
                errors.push(
                    src.error(at, format!("`{code}` is not a language code"))
                        .with_hint("name each language by its two-letter code, like `[languages.en]` or `[languages.pt-BR]`"),
                );
            } else if *code == config.language {
                errors.push(
                    src.error(at, format!("`{code}` is the course's own language"))
                        .with_hint(format!("`language = \"{code}\"` is built at the output's root: list only the other languages under [languages]")),
                );
            }
        }

        (readable.then_some(config), errors)
    }

    /// What is worth telling the author about these settings although the course builds.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        if self.base_url.is_none() {
            warnings.push(
                Diagnostic::new(
                    FILE_NAME,
                    "base_url is not set, so 404.html links from the host root (`/`)",
                )
                .with_hint(
                    "a course served under a subpath needs `base_url = \"https://example.org/curso/\"` \
                     (or just `base_url = \"/curso/\"`); one served from the host root says so with \
                     `base_url = \"/\"`",
                )
                .warning(),
            );
        }
        if self.id.is_none() {
            let slug = slug::slugify(&self.title);
            warnings.push(
                Diagnostic::new(
                    FILE_NAME,
                    format!("id is not set, so learners' progress is kept under the title's slug `{slug}`, and renaming the course loses it"),
                )
                .with_hint(format!(
                    "add `id = \"{slug}\"` to site.toml to keep the progress learners have now; \
                     `aula init` writes a unique one"
                ))
                .warning(),
            );
        }
        warnings
    }

    /// A diagnostic at the value of `key` in site.toml, or at the file when the key is not
    /// written there: for mistakes found in a later stage, such as a `language` the theme
    /// does not have.
    pub fn error_at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        // A dotted key (`languages.en`) is looked up a table at a time.
        let table = toml::de::DeTable::parse(&self.source).ok();
        let mut parts = key.split('.');
        let first = parts.next().unwrap_or(key);
        let mut value = table.as_ref().and_then(|t| t.get_ref().get(first));
        for part in parts {
            value = value.and_then(|v| v.get_ref().as_table()?.get(part));
        }
        let span = value.map(|v| v.span());
        match span {
            Some(span) => Diagnostic::at(FILE_NAME, &self.source, span, message),
            None => Diagnostic::new(FILE_NAME, message),
        }
    }

    /// A diagnostic at `span` of site.toml.
    pub(crate) fn error_at(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::at(FILE_NAME, &self.source, span, message)
    }

    /// The key under which browsers store this course's progress.
    pub fn course_id(&self) -> String {
        self.id
            .as_ref()
            .map_or_else(|| slug::slugify(&self.title), |id| id.get_ref().clone())
    }

    /// `base_url` with exactly one trailing slash, when it is an absolute address: this
    /// edition's, with its language's folder.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|u| u.get_ref())
            .filter(|u| !u.starts_with('/'))
            .map(|u| format!("{}/{}", u.trim_end_matches('/'), self.folder))
    }

    /// The settings for the edition of the course in `language`, one of `[languages]`:
    /// its title and description, built under `language/`.
    pub(crate) fn for_language(&self, language: &str) -> Config {
        let own = self.languages.get(language).map(|l| l.get_ref());
        let mut config = self.clone();
        config.language = language.to_string();
        config.folder = format!("{language}/");
        config.default_language = self.language.clone();
        if let Some(title) = own.and_then(|l| l.title.clone()) {
            config.title = title;
        }
        if let Some(description) = own.and_then(|l| l.description.clone()) {
            config.description = description;
        }
        config
    }

    /// The key of site.toml that names this edition's language: `language`, or for another
    /// language its `[languages.CODE]` table.
    pub(crate) fn language_key(&self) -> String {
        if self.folder.is_empty() {
            "language".into()
        } else {
            format!("languages.{}", self.language)
        }
    }

    /// The path the course is served from, `/` unless `base_url` says otherwise: where
    /// 404.html, which a host serves at any depth, links from.
    pub fn root_path(&self) -> String {
        let Some(url) = self.base_url.as_ref().map(|u| u.get_ref()) else {
            return "/".into();
        };
        let path = if url.starts_with('/') {
            url.as_str()
        } else {
            // The path after `scheme://host`.
            url.splitn(4, '/').nth(3).unwrap_or("")
        };
        format!("/{}/{}", path.trim_matches('/'), self.folder).replace("//", "/")
    }
}

/// Whether `s` is a language code as file names and site.toml write them: `en`, `pt-BR`.
pub(crate) fn is_language_code(s: &str) -> bool {
    let (main, region) = s.split_once('-').unwrap_or((s, ""));
    main.len() == 2
        && main.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty() || region.len() == 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_says_what_it_holds() {
        crate::toml_file::words::assert_every_key_is_described::<Config>(KEYS);
    }

    #[test]
    fn fills_defaults() {
        let c = Config::parse("title = \"Curso\"").unwrap();
        assert_eq!(c.language, "es");
        assert_eq!(c.theme.name, "aula");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(*c.quiz.pass.get_ref(), 70);
        assert_eq!(c.course_id(), "curso");
    }

    #[test]
    fn base_url_is_an_address_or_a_path() {
        let root = |toml: &str| Config::parse(toml).unwrap().root_path();
        assert_eq!(root("title = \"x\""), "/");
        assert_eq!(
            root("title = \"x\"\nbase_url = \"https://example.org/c\""),
            "/c/"
        );
        assert_eq!(
            root("title = \"x\"\nbase_url = \"https://example.org\""),
            "/"
        );
        assert_eq!(root("title = \"x\"\nbase_url = \"/curso\""), "/curso/");
        assert_eq!(root("title = \"x\"\nbase_url = \"/\""), "/");
        let path = Config::parse("title = \"x\"\nid = \"x\"\nbase_url = \"/curso/\"").unwrap();
        assert_eq!(
            path.base_url(),
            None,
            "no sitemap or canonical links from a path"
        );
        assert!(path.warnings().is_empty());
        assert!(Config::parse("title = \"x\"\nbase_url = \"//example.org/\"").is_err());
    }

    #[test]
    fn an_error_found_later_points_at_its_key() {
        let c = Config::parse("title = \"x\"\nlanguage = \"fr\"\n").unwrap();
        assert_eq!(
            c.error_at_key("language", "no").position(),
            "site.toml:2:12"
        );
        assert_eq!(c.error_at_key("theme", "no").position(), "site.toml");
    }

    #[test]
    fn frame_origins_are_https_hosts() {
        let parse = |o: &str| {
            Config::parse(&format!(
                "title = \"x\"\n[security]\nframe_src = [\"{o}\"]\n"
            ))
        };
        for ok in [
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://*.example.org",
            "http://localhost:8080",
            "http://[::1]:8080",
            "https://e.org:8443",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://www.youtube.com",
            "www.youtube.com",
            "https://e.org/embed",
            "https://e.org; script-src *",
            "https://",
        ] {
            let errs = parse(bad).unwrap_err();
            assert_eq!(errs[0].position(), "site.toml:3:14", "{bad}");
        }
        assert!(origin_allows(
            "https://*.vimeo.com",
            "https://player.vimeo.com"
        ));
        assert!(!origin_allows(
            "https://*.vimeo.com",
            "https://vimeo.com.evil.org"
        ));
        assert_eq!(
            origin_of("https://www.YouTube.com/embed/x?y").as_deref(),
            Some("https://www.youtube.com")
        );
        assert_eq!(origin_of("clip.html"), None);
        // The scheme's default port is the same origin; another port is not.
        assert_eq!(
            origin_of("https://www.youtube-nocookie.com:443/embed/x").as_deref(),
            Some("https://www.youtube-nocookie.com")
        );
        assert_eq!(
            origin_of("http://localhost:8080/x").as_deref(),
            Some("http://localhost:8080")
        );
    }

    #[test]
    fn rejects_a_pass_mark_over_100() {
        let errs = Config::parse("title = \"x\"\n[quiz]\npass = 120\n").unwrap_err();
        assert!(errs[0].message.contains("outside 0–100"));
        assert_eq!(errs[0].position(), "site.toml:3:8");
    }
}
