//! The course's own stylesheets: `static/course.css` when there is one, or the list under
//! `[theme] extra_css`. They are copied with the rest of static/ (to the output root) and
//! linked after the theme's stylesheets on every page, so an author's classes work without
//! replacing the theme.

use std::ops::Range;
use std::path::{Component, Path};

use toml::Spanned;
use walkdir::WalkDir;

use crate::diagnostic::{did_you_mean, Diagnostic};

/// The stylesheet loaded without any setting, when the course has it.
pub(crate) const DEFAULT: &str = "static/course.css";

/// The folder whose files are copied to the output root.
const STATIC: &str = "static/";

/// The course's stylesheets as URLs from the output root, and an error for each file of
/// `extra_css` (as listed in site.toml) that cannot be loaded, made by `error_at` at its place.
pub(crate) fn stylesheets(
    root: &Path,
    extra_css: Option<&[Spanned<String>]>,
    error_at: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> (Vec<String>, Vec<Diagnostic>) {
    let Some(listed) = extra_css else {
        let url = DEFAULT.strip_prefix(STATIC).unwrap_or(DEFAULT);
        let found = root.join(DEFAULT).is_file().then(|| url.to_string());
        return (found.into_iter().collect(), Vec::new());
    };
    let mut urls = Vec::new();
    let mut errors = Vec::new();
    for entry in listed {
        let path = entry.get_ref();
        let error = |message: String| error_at(entry.span(), message);
        let inside = Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let Some(url) = path
            .strip_prefix(STATIC)
            .filter(|u| inside && !u.is_empty())
        else {
            errors.push(
                error(format!(
                    "`extra_css` lists `{path}`, which is not in static/"
                ))
                .with_hint(
                    "put the stylesheet in the course's static/ folder and list it by its path \
                     from the course folder, like `extra_css = [\"static/course.css\"]`",
                ),
            );
            continue;
        };
        if root.join(path).is_file() {
            urls.push(url.to_string());
            continue;
        }
        let there = stylesheets_in_static(root);
        let hint = match did_you_mean(path, there.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("create {path}, or take it out of the list"),
        };
        errors.push(
            error(format!("`extra_css` lists `{path}`, which does not exist")).with_hint(hint),
        );
    }
    (urls, errors)
}

/// The `.css` files under static/, as `static/…` paths, for "did you mean".
fn stylesheets_in_static(root: &Path) -> Vec<String> {
    let dir = root.join(STATIC);
    WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            let rel = crate::paths::slashed(rel);
            rel.ends_with(".css").then(|| format!("{STATIC}{rel}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn stylesheets_of(root: &Path, config: &Config) -> (Vec<String>, Vec<Diagnostic>) {
        stylesheets(root, config.theme.extra_css.as_deref(), &|span, message| {
            config.error_at(span, message)
        })
    }

    fn course(site: &str, files: &[&str]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "p{}").unwrap();
        }
        let config = Config::parse(site).unwrap();
        (dir, config)
    }

    #[test]
    fn course_css_is_loaded_without_a_setting() {
        let (dir, config) = course("title = \"x\"", &["static/course.css"]);
        assert_eq!(
            stylesheets_of(dir.path(), &config),
            (vec!["course.css".into()], vec![])
        );
        let (dir, config) = course("title = \"x\"", &[]);
        assert!(stylesheets_of(dir.path(), &config).0.is_empty());
    }

    #[test]
    fn a_list_replaces_course_css_and_each_missing_file_is_located() {
        let site = "title = \"x\"\n[theme]\nextra_css = [\"static/css/a.css\", \"static/b.css\", \"../c.css\"]\n";
        let (dir, config) = course(
            site,
            &["static/course.css", "static/css/a.css", "static/bb.css"],
        );
        let (urls, errors) = stylesheets_of(dir.path(), &config);
        assert_eq!(urls, ["css/a.css"]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].position(), "site.toml:3:34");
        assert!(errors[0]
            .message
            .contains("`static/b.css`, which does not exist"));
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("did you mean `static/bb.css`?")
        );
        assert!(
            errors[1].message.contains("not in static/"),
            "{:?}",
            errors[1]
        );
    }

    #[test]
    fn theme_is_a_name_or_a_table() {
        let c = Config::parse("title = \"x\"\ntheme = \"mine\"\n").unwrap();
        assert_eq!(
            (c.theme.name.as_str(), c.theme.extra_css.is_none()),
            ("mine", true)
        );
        let c = Config::parse("title = \"x\"\n[theme]\nextra_css = []\n").unwrap();
        assert_eq!(c.theme.name, "aula");
        let errors = Config::parse("title = \"x\"\n[theme]\nextra = []\n").unwrap_err();
        assert_eq!(errors[0].position(), "site.toml:3:1");
        assert!(
            errors[0].message.contains("unknown key `extra`"),
            "{errors:?}"
        );
    }
}
