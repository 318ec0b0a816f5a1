//! The ids GitHub and mdBook give a heading, as aliases of the id aula gives it, so that
//! links written for them (`#sharing-a-mutext`, `#características`, `#foo_bar`) still find
//! their heading. Links to other pages are checked only once every page is rendered, so the
//! link cannot be rewritten to aula's id as it is rendered: the heading carries the other
//! ids instead, as empty elements, only where they differ from aula's.

use std::collections::HashMap;

use pulldown_cmark::Event;

use super::{Rendered, Target, Twin};
use crate::content::Page;

/// The headings' aliases not yet written: the place of each heading's empty placeholder
/// event, and the ids it would carry.
#[derive(Default)]
pub(super) struct Pending {
    pub(super) seen: HashMap<String, usize>,
    pub(super) at: Vec<(usize, Vec<String>)>,
}

impl Pending {
    /// Writes each heading's aliases into its placeholder, for the page and its print twin,
    /// leaving out any that another id of the page already is: aula's ids never change for
    /// an alias. The aliases kept become link targets.
    pub(super) fn place<'m>(
        self,
        page: &Page,
        target: &Target,
        events: &mut [Event<'m>],
        twin: &mut Option<&mut Twin<'m>>,
        taken: &HashMap<String, usize>,
        out: &mut Rendered,
    ) {
        let mut kept: Vec<String> = Vec::new();
        for (at, ids) in self.at {
            let ids: Vec<String> = ids
                .into_iter()
                .filter(|id| {
                    !taken.contains_key(id)
                        && !out.headings.iter().any(|h| &h.id == id)
                        && !out.targets.contains(id)
                        && !kept.contains(id)
                })
                .collect();
            if ids.is_empty() {
                continue;
            }
            let spans = |t: &Target| {
                ids.iter()
                    .map(|id| {
                        let id = crate::templates::escape::escape_html(&t.id(page, id));
                        format!("<span id=\"{id}\"></span>")
                    })
                    .collect::<String>()
            };
            if let Some(twin) = twin.as_deref_mut() {
                twin.events
                    .push((at, Event::InlineHtml(spans(&twin.target).into())));
            }
            events[at] = Event::InlineHtml(spans(target).into());
            kept.extend(ids);
        }
        out.targets.extend(kept);
    }
}

/// The id mdBook gives a heading of text `text`: alphanumerics (any script), `_` and `-`
/// kept, ASCII lowercased, whitespace to `-`, everything else dropped.
pub(super) fn mdbook_id(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c.to_ascii_lowercase()),
            c if c.is_whitespace() => Some('-'),
            _ => None,
        })
        .collect()
}

/// The id GitHub gives a heading of text `text`: lowercased, letters, marks, numbers, `_`,
/// `-` and spaces kept, each space a `-`.
pub(super) fn github_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            ' ' => id.push('-'),
            // Combining marks: an accent written as a second character.
            c if c.is_alphanumeric()
                || c == '_'
                || c == '-'
                || ('\u{300}'..='\u{36f}').contains(&c) =>
            {
                id.push(c)
            }
            _ => {}
        }
    }
    id
}

/// The other tools' ids for the heading of `text`, which aula gave `aula_id`: each counted
/// in `seen` as those tools count repeats (`x`, `x-1`), and left out where it is aula's.
pub(super) fn aliases(text: &str, aula_id: &str, seen: &mut HashMap<String, usize>) -> Vec<String> {
    // Words of ASCII letters and digits get the same id from all three: most headings.
    if text
        .split(' ')
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return Vec::new();
    }
    let (github, mdbook) = (github_id(text), mdbook_id(text));
    let bases = if github == mdbook {
        vec![github]
    } else {
        vec![github, mdbook]
    };
    let mut out: Vec<String> = Vec::new();
    for base in bases {
        if base.is_empty() {
            continue;
        }
        let n = seen.entry(base.clone()).or_insert(0);
        let id = match *n {
            0 => base.clone(),
            n => format!("{base}-{n}"),
        };
        *n += 1;
        if id != aula_id && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_the_ids_github_and_mdbook_make() {
        assert_eq!(mdbook_id("Sharing a Mutex<T>"), "sharing-a-mutext");
        assert_eq!(github_id("Sharing a Mutex<T>"), "sharing-a-mutext");
        assert_eq!(github_id("Características"), "características");
        assert_eq!(mdbook_id("foo_bar"), "foo_bar");
        assert_eq!(mdbook_id("`--passes`: add more"), "--passes-add-more");
        assert_eq!(mdbook_id("Über"), "Über");
        assert_eq!(github_id("Über"), "über");
        assert_eq!(github_id("A - B"), "a---b");
    }

    #[test]
    fn aliases_only_what_differs_and_counts_repeats() {
        let mut seen = HashMap::new();
        assert!(aliases("Plain title", "plain-title", &mut seen).is_empty());
        assert_eq!(aliases("foo_bar", "foo-bar", &mut seen), ["foo_bar"]);
        assert_eq!(aliases("foo_bar", "foo-bar-1", &mut seen), ["foo_bar-1"]);
        assert_eq!(aliases("Über", "uber", &mut seen), ["über", "Über"]);
    }
}
