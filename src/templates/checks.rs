//! The checks inside a page (```` ```quiz ```` blocks), through the theme's `check.html`: on
//! the page, a form answered with instant feedback that stores nothing; on the print page, a
//! worksheet. The Markdown stage left a marker where each goes ([`crate::markdown::checks`]).

use std::borrow::Cow;

use tera::Context;

use super::{NavScope, Templates};
use crate::diagnostic::Diagnostic;
use crate::markdown::checks::fill;
use crate::quiz::markdown::QuizHtml;
use crate::quiz::Quiz;
use crate::theme::Theme;

/// The template of one check.
const TEMPLATE: &str = "check.html";

/// The start of every HTML id of check `n` (from 0): the page's headings and the other checks
/// cannot have it, as a heading's id made from its text never holds `_`.
pub(crate) fn prefix(n: usize) -> String {
    format!("check_{}-", n + 1)
}

/// `html`, a page's body, with each check as the form to answer it. `fields` are the checks'
/// fields rendered for the page.
pub(crate) fn on_page<'h>(
    templates: &Templates,
    theme: &Theme,
    html: &'h str,
    checks: &[Quiz],
    fields: &[QuizHtml],
) -> Result<Cow<'h, str>, Diagnostic> {
    fill_checks(templates, theme, html, checks, fields, false)
}

/// `html`, a page's section of the print page, with each check as a worksheet. `fields`
/// are the checks' fields rendered for the print page.
pub(crate) fn on_paper<'h>(
    templates: &Templates,
    theme: &Theme,
    html: &'h str,
    checks: &[Quiz],
    fields: &[QuizHtml],
) -> Result<Cow<'h, str>, Diagnostic> {
    fill_checks(templates, theme, html, checks, fields, true)
}

/// `html` with each check's marker replaced by `check.html`, for paper when `print`.
fn fill_checks<'h>(
    templates: &Templates,
    theme: &Theme,
    html: &'h str,
    checks: &[Quiz],
    fields: &[QuizHtml],
    print: bool,
) -> Result<Cow<'h, str>, Diagnostic> {
    if checks.is_empty() {
        return Ok(Cow::Borrowed(html));
    }
    has_template(templates, theme)?;
    fill(html, |n| {
        let (Some(quiz), Some(fields)) = (checks.get(n), fields.get(n)) else {
            return Ok(String::new());
        };
        if print {
            let values = crate::quiz::worksheet::worksheet(&theme.strings, quiz, fields);
            return render(templates, n, true, &values);
        }
        // No key: a check never counts, and the browser stores nothing of it.
        let prefix = prefix(n);
        let values = crate::quiz::page::values(&prefix, None, &theme.strings, quiz, fields);
        render(templates, n, false, &values)
    })
    .map(Cow::Owned)
}

/// A theme made before checks has no `check.html`: said so, where it would go.
fn has_template(templates: &Templates, theme: &Theme) -> Result<(), Diagnostic> {
    if templates.has(TEMPLATE) {
        return Ok(());
    }
    let path = theme
        .templates
        .get("lesson.html")
        .map_or_else(|| TEMPLATE.into(), |(p, _)| p.with_file_name(TEMPLATE));
    Err(Diagnostic::new(
        path,
        "the theme has no check.html, which a ```quiz block needs",
    )
    .with_hint(
        "add it beside the theme's other templates: aula's own is themes/aula/templates/check.html",
    ))
}

/// Check `n` through `check.html`, which gets it as `quiz`, its number from 1 as `number`,
/// and whether it is for paper as `print`.
fn render(
    templates: &Templates,
    n: usize,
    print: bool,
    quiz: &impl serde::Serialize,
) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("quiz", quiz);
    ctx.insert("number", &(n + 1));
    ctx.insert("print", &print);
    templates.render(TEMPLATE, 0, NavScope::Outside, ctx)
}
