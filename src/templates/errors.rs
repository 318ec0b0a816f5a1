//! Tera's errors about a whole set of templates, each turned into a diagnostic at its
//! template's file, line and column.
//!
//! When templates are added, Tera 2 checks every template's includes, components, filters
//! and blocks, and returns all the problems as one message: the rendered reports, one after
//! the other, each naming its template, line and column. It keeps no span for them, so the
//! reports are read back here. A template that extends a missing one has no report at all:
//! its `extends` is found in its source.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// The theme's templates by name: the file shown in errors, and the source.
pub(crate) type Sources = BTreeMap<String, (PathBuf, String)>;

/// One diagnostic per problem `e` reports in `templates`, or `None` when `e` is not an
/// error about the set of templates.
pub(crate) fn compile_errors(templates: &Sources, e: &tera::Error) -> Option<Vec<Diagnostic>> {
    match e.kind() {
        tera::ErrorKind::Msg(text) => {
            let found: Vec<Diagnostic> = reports(text)
                .map(|r| r.diagnostic(templates).unwrap_or_else(|| r.unplaced()))
                .collect();
            (!found.is_empty()).then_some(found)
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let (file, source) = templates.get(current)?;
            let message =
                format!("template error: `{current}` extends `{parent}`, which does not exist");
            let hint = format!(
                "there is no template `{parent}` in the theme or in the course's templates/: create it, or fix the name"
            );
            let d = match quoted(source, parent) {
                Some(span) => Diagnostic::at(file, source, span, message),
                None => Diagnostic::new(file, message),
            };
            Some(vec![d.with_hint(hint)])
        }
        _ => None,
    }
}

/// One of Tera's rendered reports: `error: MESSAGE`, then ` --> NAME:LINE:COL`, the line,
/// and a caret line.
struct Report<'a> {
    message: &'a str,
    template: &'a str,
    line: usize,
    col: usize,
    width: usize,
}

/// The reports in Tera's combined message.
fn reports(text: &str) -> impl Iterator<Item = Report<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len()).filter_map(move |i| {
        let message = lines[i].strip_prefix("error: ")?;
        let at = lines.get(i + 1)?.trim_start().strip_prefix("--> ")?;
        let mut parts = at.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        let template = parts.next()?;
        let width = lines
            .get(i + 4)
            .map_or(1, |l| l.matches('^').count().max(1));
        Some(Report {
            message,
            template,
            line,
            col,
            width,
        })
    })
}

impl Report<'_> {
    fn diagnostic(&self, templates: &Sources) -> Option<Diagnostic> {
        let (file, source) = templates.get(self.template)?;
        let start = offset(source, self.line, self.col)?;
        let end = source[start..]
            .char_indices()
            .nth(self.width)
            .map_or(source.len(), |(i, _)| start + i);
        let d = Diagnostic::at(
            file,
            source,
            start..end,
            format!("template error: {}", self.message),
        );
        Some(d.with_hint(hint(self.message)))
    }
}

impl Report<'_> {
    /// The report as a diagnostic of its template as Tera names it, where its position cannot
    /// be shown: a report is never dropped because its template was not found.
    fn unplaced(&self) -> Diagnostic {
        Diagnostic::new(
            format!("{}:{}:{}", self.template, self.line, self.col),
            format!("template error: {}", self.message),
        )
        .with_hint(hint(self.message))
    }
}

/// What to do about each kind of problem Tera finds in a set of templates.
fn hint(message: &str) -> String {
    let name = message.split('`').nth(1).unwrap_or("");
    if message.starts_with("Unknown template") {
        format!("there is no template `{name}` in the theme or in the course's templates/: create it, or fix the name")
    } else if message.starts_with("Unknown component") {
        format!("no template defines a component `{name}`: define it with `{{% component {name}(…) %}}`, or fix the name")
    } else if message.starts_with("Block") {
        format!("the templates this one extends have no block `{name}`: add it to the one it extends, or fix the name")
    } else {
        super::TEMPLATE_HINT.to_string()
    }
}

/// The byte offset of 1-based `line` and `col` (in characters) in `source`.
fn offset(source: &str, line: usize, col: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', source.as_bytes()).nth(line - 2)? + 1
    };
    let rest = &source[start..];
    let within = rest
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// Where `name` is written in quotes in `source`.
fn quoted(source: &str, name: &str) -> Option<Range<usize>> {
    ["\"", "'", "`"].iter().find_map(|q| {
        let at = source.find(&format!("{q}{name}{q}"))?;
        Some(at..at + name.len() + 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &[(&str, &str)]) -> Sources {
        list.iter()
            .map(|(n, s)| {
                (
                    n.to_string(),
                    (PathBuf::from("templates").join(n), s.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn every_unknown_reference_is_reported_at_its_template() {
        let list = [
            ("page.html", "<p>\n  {% include \"x.html\" %}\n</p>\n"),
            (
                "lesson.html",
                "{% extends \"page.html\" %}{% block nope %}{% endblock nope %}",
            ),
            ("quiz.html", "é {{<missing />}}"),
        ];
        let mut tera = tera::Tera::new();
        let e = tera.add_raw_templates(list).unwrap_err();
        let errors = compile_errors(&sources(&list), &e).unwrap();
        let got: Vec<(String, String)> = errors
            .iter()
            .map(|d| (d.position(), d.message.clone()))
            .collect();
        assert!(
            got.contains(&(
                "templates/page.html:2:14".into(),
                "template error: Unknown template `x.html`".into()
            )),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(p, m)| p == "templates/lesson.html:1:35" && m.contains("Block `nope`")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(p, m)| p == "templates/quiz.html:1:5"
                && m.contains("Unknown component `missing`")),
            "{got:?}"
        );
        let include = errors
            .iter()
            .find(|d| d.message.contains("x.html"))
            .unwrap();
        assert_eq!(include.location.as_ref().unwrap().width, 8);
    }

    #[test]
    fn a_report_about_a_template_missing_from_the_sources_is_kept() {
        // Reports whose template was not among the sources were dropped in silence.
        let list = [
            ("page.html", "{% include \"x.html\" %}"),
            ("quiz.html", "{% include \"y.html\" %}"),
        ];
        let mut tera = tera::Tera::new();
        let e = tera.add_raw_templates(list).unwrap_err();
        let errors = compile_errors(&sources(&list[..1]), &e).unwrap();
        let positions: Vec<String> = errors.iter().map(|d| d.position()).collect();
        assert!(
            positions.contains(&"templates/page.html:1:12".to_string()),
            "{positions:?}"
        );
        assert!(
            positions.contains(&"quiz.html:1:12".to_string()),
            "{positions:?}"
        );
        assert!(errors.iter().all(|d| d.hint.is_some()));
    }

    #[test]
    fn a_missing_parent_is_reported_at_the_extends() {
        let list = [("page.html", "{% extends \"base2.html\" %}")];
        let mut tera = tera::Tera::new();
        let e = tera.add_raw_templates(list).unwrap_err();
        let errors = compile_errors(&sources(&list), &e).unwrap();
        assert_eq!(errors[0].position(), "templates/page.html:1:12");
    }
}
