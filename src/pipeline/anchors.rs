//! The errors of the rendered Markdown, with the link check that needs the whole course:
//! every `#anchor` link must name a heading of its target page, which is known only once
//! every page is rendered.

use crate::content::Course;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::markdown::{Heading, Rendered};

/// The id of a page's title, its h1, so that `page.md#id` can link to the top of the page:
/// the title's slug, as a heading's would be, or `…-title` when a heading of the page's
/// body has that id already, which then keeps it.
pub(crate) fn title_id(title: &str, headings: &[Heading]) -> String {
    let slug = slug::slugify(title);
    let mut id = if slug.is_empty() {
        "title".to_string()
    } else {
        slug
    };
    while headings.iter().any(|h| h.id == id) {
        id.push_str("-title");
    }
    id
}

/// The errors of the course's rendered Markdown: each page's own, then every broken anchor.
/// `rendered` gives each page's rendered Markdown by index.
pub(crate) fn markdown_errors<'a>(
    course: &Course,
    rendered: impl Fn(usize) -> &'a Rendered,
) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = (0..course.pages.len())
        .flat_map(|i| rendered(i).errors.iter().cloned())
        .collect();
    errors.extend(check_anchors(course, rendered));
    errors
}

/// Every `#anchor` link must name a heading of its target page, or an id written in its raw
/// HTML.
fn check_anchors<'a>(course: &Course, rendered: impl Fn(usize) -> &'a Rendered) -> Vec<Diagnostic> {
    // A page has a handful of headings: a scan beats building a set for each of them.
    let ids = |p: usize| {
        let title = Some(rendered(p).title_id.as_str()).filter(|t| !t.is_empty());
        rendered(p)
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(title)
    };
    // Ids written in raw HTML, and headings' GitHub and mdBook ids, are targets too; the
    // hints name aula's own first.
    let targets = |p: usize| rendered(p).targets.iter().map(String::as_str);
    let mut errors = Vec::new();
    for (i, page) in course.pages.iter().enumerate() {
        let r = rendered(i);
        for link in &r.anchor_links {
            if ids(link.page)
                .chain(targets(link.page))
                .any(|id| id == link.anchor)
            {
                continue;
            }
            let target = &course.pages[link.page];
            let all = || ids(link.page).chain(targets(link.page));
            // aula's own ids first: a heading's aliases are for links already written.
            let close = did_you_mean(&link.anchor, ids(link.page))
                .or_else(|| did_you_mean(&link.anchor, targets(link.page)));
            let hint = match close {
                Some(close) => format!("did you mean `#{close}`?"),
                None if rendered(link.page).headings.is_empty()
                    && rendered(link.page).targets.is_empty() =>
                {
                    format!(
                        "{} has no headings to link to but its title, `#{}`",
                        target.source.display(),
                        rendered(link.page).title_id
                    )
                }
                None => {
                    let ids: Vec<&str> = all().collect();
                    let more = if ids.len() > 6 { ", …" } else { "" };
                    format!(
                        "the anchors of {} include: {}{more}",
                        target.source.display(),
                        ids[..ids.len().min(6)].join(", ")
                    )
                }
            };
            let message = format!(
                "link to a missing anchor `#{}` in {}",
                link.anchor,
                target.source.display()
            );
            errors.push(page.error(link.span.clone(), message).with_hint(hint));
        }
    }
    errors
}
