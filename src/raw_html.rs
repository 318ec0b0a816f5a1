//! The author's raw HTML in Markdown is theirs to write, but some of it can never work in a
//! course: its pages run under `default-src 'self'`, which stops inline scripts, styles and
//! event handlers, and a few elements would change where the page or the learner's answers go.
//! Each is an error at its line, so that nothing silently breaks: a `<script>` in a quiz
//! prompt, for one, used to swallow the rest of the quiz page.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Something in raw HTML that a course cannot have: where it is in the fragment, and why.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Refused {
    pub span: Range<usize>,
    pub message: String,
    pub hint: &'static str,
}

/// What is wrong with each element or attribute of `html` that cannot work in a course.
pub(crate) fn check(html: &str) -> Vec<Refused> {
    // Most raw HTML is a `<br>` or a `<span>`: tokenizing is only worth it for the ones that
    // could hold a refused element or attribute.
    if !could_refuse(html) {
        return Vec::new();
    }
    let mut refused = Vec::new();
    let tokens = Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span());
    for token in tokens.flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let span = tag.span.start..tag.span.end;
        if let Some((why, hint)) = refused_element(&name, &tag.attributes) {
            refused.push(Refused {
                span: span.clone(),
                message: format!("`<{name}>` {why}"),
                hint,
            });
        }
        for (attr, value) in &tag.attributes {
            let attr = String::from_utf8_lossy(attr).to_ascii_lowercase();
            if attr.starts_with("on") && attr.len() > 2 {
                refused.push(Refused {
                    span: value.span.start..value.span.start + attr.len(),
                    message: format!(
                        "the event handler `{attr}` on `<{name}>` never runs: the course's Content-Security-Policy forbids inline handlers"
                    ),
                    hint: "remove it; behaviour belongs in a script of the theme (static/), which can add the listener",
                });
            }
        }
    }
    refused
}

/// Why an element cannot be in a course's content, and what to do instead.
fn refused_element(
    name: &str,
    attributes: &std::collections::BTreeMap<
        html5gum::HtmlString,
        html5gum::Spanned<html5gum::HtmlString, usize>,
    >,
) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "script" => (
            "never runs here: the course's Content-Security-Policy forbids scripts in content, and the browser would hide everything up to the next `</script>`",
            "to show the tag as text, write it as code: `<script>` in backticks; a script of your own goes in static/ and is loaded by a template",
        ),
        "style" => (
            "is ignored: the course's Content-Security-Policy forbids styles in content",
            "put the CSS in a file in static/ and link it from a template, or use the theme's classes; to show the tag as text, write it in backticks",
        ),
        "base" => (
            "would change where every link of the page goes",
            "remove it: aula writes every link relative to the page",
        ),
        "form" => (
            "would send what learners type to another address; a course has no server to receive it",
            "ask questions with a quiz (quiz.toml), which is scored in the browser",
        ),
        "meta" if attributes.keys().any(|k| k.eq_ignore_ascii_case(b"http-equiv")) => (
            "with `http-equiv` can redirect learners or change the page's security policy",
            "remove it: the theme's templates set the page's headers",
        ),
        _ => return None,
    })
}

/// Whether `html` could hold anything [`check`] refuses: a cheap scan that lets the common
/// fragments skip the tokenizer.
fn could_refuse(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    // An attribute follows a space, a `/`, or the quote that closed the one before it.
    let handler = lower.match_indices("on").any(|(i, _)| {
        i > 0
            && matches!(
                lower.as_bytes()[i - 1],
                b'/' | b'"' | b'\'' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
    });
    handler
        || ["<script", "<style", "<base", "<form", "<meta"]
            .iter()
            .any(|needle| lower.contains(needle))
}

/// What an attribute of raw HTML is to the course: a link to check and rewrite, or an id
/// that links may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttrKind {
    /// `href`, `src` or `poster`: resolved like a Markdown link.
    Link,
    /// `id`, or `name` on `<a>`: a link target, prefixed on the print page.
    Id,
    /// The `src` of an `<iframe>`: an address the course's CSP must allow, unless local.
    Frame,
    /// `srcset` on `<img>` or `<source>`: several addresses, each with its descriptor.
    SrcSet,
    /// `for`, `headers`, `list` or an ARIA reference (`aria-labelledby`, …): ids of the
    /// page, which must follow the ids' prefix on the print page.
    IdRefs,
}

/// The candidates of a `srcset`: each address with its place in the value, and the
/// descriptor after it (` 2x`, ` 480w`), as HTML splits them at commas.
pub(crate) fn srcset(value: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in value.split(',') {
        let start = at + (part.len() - part.trim_start().len());
        let url_len = part
            .trim_start()
            .find(char::is_whitespace)
            .unwrap_or(part.trim_start().len());
        if url_len > 0 {
            let descriptor = part.trim_start()[url_len..].trim();
            out.push((start..start + url_len, descriptor));
        }
        at += part.len() + 1;
    }
    out
}

/// The attributes whose value is a list of the page's ids.
const ID_REFS: [&str; 11] = [
    "for",
    "headers",
    "list",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-activedescendant",
];

/// An attribute of raw HTML that [`AttrKind`] says matters, with its value as the browser
/// reads it (entities decoded) and where the value is written in the fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    pub kind: AttrKind,
    pub value: String,
    /// The value as written, without its quotes.
    pub span: Range<usize>,
    /// Whether the value is in quotes, which a rewritten value replaces.
    pub quoted: bool,
}

/// The attributes of `html` that are links or link targets.
pub(crate) fn attributes(html: &str) -> Vec<Attr> {
    // Most raw HTML is a `<br>` or a `</span>`: only a fragment with an attribute that could
    // matter is worth tokenizing.
    if !could_link(html) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut tag = String::new();
    let mut name = String::new();
    let emitter = html5gum::emitters::callback::CallbackEmitter::new(
        |event: html5gum::emitters::callback::CallbackEvent<'_>, span: html5gum::Span<usize>| {
            use html5gum::emitters::callback::CallbackEvent as E;
            match event {
                E::OpenStartTag { name: n } => {
                    tag = String::from_utf8_lossy(n).to_ascii_lowercase();
                }
                E::AttributeName { name: n } => {
                    name = String::from_utf8_lossy(n).to_ascii_lowercase();
                }
                E::AttributeValue { value } => {
                    let kind = match (tag.as_str(), name.as_str()) {
                        ("iframe", "src") => Some(AttrKind::Frame),
                        ("a", "href")
                        | ("img" | "video" | "audio" | "source" | "track", "src")
                        | ("video", "poster") => Some(AttrKind::Link),
                        ("img" | "source", "srcset") => Some(AttrKind::SrcSet),
                        (_, "id") | ("a", "name") => Some(AttrKind::Id),
                        (_, attr) if ID_REFS.contains(&attr) => Some(AttrKind::IdRefs),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        let quoted = span.start > 0
                            && matches!(html.as_bytes()[span.start - 1], b'"' | b'\'');
                        found.push(Attr {
                            kind,
                            value: String::from_utf8_lossy(value).into_owned(),
                            span: span.start..span.end,
                            quoted,
                        });
                    }
                    name.clear();
                }
                _ => {}
            }
            None::<std::convert::Infallible>
        },
    );
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    found
}

/// Whether `html` could hold an attribute [`attributes`] returns: one of their names right
/// after a space, a `/` or a closing quote, and then a `=`.
fn could_link(html: &str) -> bool {
    if !html.contains('=') {
        return false;
    }
    let lower = html.to_ascii_lowercase();
    ["src", "href", "poster", "srcset", "id", "name"]
        .iter()
        .chain(ID_REFS.iter())
        .any(|attr| {
            lower.match_indices(attr).any(|(i, _)| {
                i > 0
                    && matches!(
                        lower.as_bytes()[i - 1],
                        b'/' | b'"' | b'\'' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                    )
                    && lower[i + attr.len()..].trim_start().starts_with('=')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(html: &str) -> Vec<String> {
        check(html).into_iter().map(|r| r.message).collect()
    }

    #[test]
    fn refuses_what_the_policy_stops_or_what_sends_learners_away() {
        for (html, expect) in [
            ("<script>alert(1)</script>", "`<script>`"),
            ("<SCRIPT src=x.js></SCRIPT>", "`<script>`"),
            ("<style>p{}</style>", "`<style>`"),
            ("<base href=\"https://e.org/\">", "`<base>`"),
            ("<form action=\"https://e.org/\">", "`<form>`"),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://e.org\">",
                "`<meta>` with `http-equiv`",
            ),
            ("<div onclick=\"go()\">x</div>", "`onclick` on `<div>`"),
            ("<img src=a.png OnError=x>", "`onerror` on `<img>`"),
            ("<img src=\"a.png\"onerror=\"x()\">", "`onerror` on `<img>`"),
        ] {
            let got = messages(html);
            assert_eq!(got.len(), 1, "{html}: {got:?}");
            assert!(got[0].contains(expect), "{html}: {got:?}");
        }
    }

    #[test]
    fn lets_ordinary_html_through() {
        for html in [
            "<br>",
            "<span class=\"note\">x</span>",
            "<details open><summary>Más</summary>",
            "<meta name=\"x\" content=\"y\">",
            "<abbr title=\"only\">O</abbr>",
            "</script>",
            "<!-- <script> -->",
        ] {
            assert!(check(html).is_empty(), "{html}");
        }
    }

    #[test]
    fn finds_links_and_ids_where_they_are_written() {
        let html = "<img\n  src=\"a.png\" width=20><a href=x.md name='n'>x</a><p id=\"p&amp;q\">";
        let found = attributes(html);
        let kinds: Vec<_> = found.iter().map(|a| (a.kind, a.value.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (AttrKind::Link, "a.png"),
                (AttrKind::Link, "x.md"),
                (AttrKind::Id, "n"),
                (AttrKind::Id, "p&q")
            ]
        );
        assert_eq!(&html[found[0].span.clone()], "a.png");
        assert!(found[0].quoted && !found[1].quoted && found[2].quoted);
        assert_eq!(&html[found[3].span.clone()], "p&amp;q");
        assert_eq!(
            attributes("<iframe src=\"https://e.org/v\">")[0].kind,
            AttrKind::Frame
        );
    }

    #[test]
    fn skips_what_cannot_hold_a_link() {
        for html in [
            "<br>",
            "</span>",
            "<span class=\"video\">",
            "<input name=\"q\">",
            "<img alt=\"src = x\">",
        ] {
            assert!(attributes(html).is_empty(), "{html}");
        }
        assert!(!could_link("<span class=\"width\">"));
    }

    #[test]
    fn points_at_the_tag_and_at_the_handler() {
        let html = "<p>\n<div id=a onclick=\"x\">";
        let spans: Vec<_> = check(html).into_iter().map(|r| r.span).collect();
        assert_eq!(spans.len(), 1);
        assert_eq!(&html[spans[0].clone()], "onclick");
        let html = "x <script>";
        assert_eq!(&html[check(html)[0].span.clone()], "<script>");
    }

    #[test]
    fn srcset_splits_at_commas_into_addresses_and_descriptors() {
        let value = "a.png 1x,  b.png   2x, c.png";
        let got: Vec<(&str, &str)> = srcset(value)
            .into_iter()
            .map(|(at, d)| (&value[at], d))
            .collect();
        assert_eq!(got, [("a.png", "1x"), ("b.png", "2x"), ("c.png", "")]);
    }
}
