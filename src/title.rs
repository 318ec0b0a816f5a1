//! A page's title as authors write it, with inline Markdown (`` `match` ``, `*emphasis*`):
//! rendered once, when the page is read, into the HTML the templates show and the plain
//! text that `<title>`, meta tags and the title's id use.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::templates::escape::escape_html;

/// A title, as HTML and as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    /// Inline Markdown rendered: code spans, emphasis, strong, strikethrough. Links keep only
    /// their text, since titles sit inside links in the sidebar; anything else is escaped.
    pub html: String,
    /// The same without markup: the code span's text without its backticks.
    pub text: String,
}

/// Characters without which a title has no inline Markdown: most titles skip the parse.
const MARKUP: &[char] = &['`', '*', '_', '~', '[', '<', '&', '\\', '!'];

/// Renders `source`, a title as written.
pub(crate) fn render(source: &str) -> Title {
    let plain = || Title {
        html: escape_html(source),
        text: source.to_string(),
    };
    if !source.contains(MARKUP) {
        return plain();
    }
    let (mut html, mut text) = (String::new(), String::new());
    let mut paragraphs = 0;
    for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH) {
        let tag = match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                continue;
            }
            Event::End(TagEnd::Paragraph) => continue,
            Event::Text(t) => {
                html.push_str(&escape_html(&t));
                text.push_str(&t);
                continue;
            }
            Event::Code(t) => {
                html.push_str("<code>");
                html.push_str(&escape_html(&t));
                html.push_str("</code>");
                text.push_str(&t);
                continue;
            }
            // Raw HTML shows as written.
            Event::InlineHtml(t) | Event::Html(t) => {
                html.push_str(&escape_html(&t));
                text.push_str(&t);
                continue;
            }
            Event::SoftBreak | Event::HardBreak => {
                html.push(' ');
                text.push(' ');
                continue;
            }
            Event::Start(Tag::Emphasis) => "<em>",
            Event::End(TagEnd::Emphasis) => "</em>",
            Event::Start(Tag::Strong) => "<strong>",
            Event::End(TagEnd::Strong) => "</strong>",
            Event::Start(Tag::Strikethrough) => "<del>",
            Event::End(TagEnd::Strikethrough) => "</del>",
            // A link's or an image's text stays, without the link.
            Event::Start(Tag::Link { .. } | Tag::Image { .. })
            | Event::End(TagEnd::Link | TagEnd::Image) => "",
            // A list, a heading, a quote (`1. Introduction`, `# x`): not inline, so the
            // title is shown as written.
            _ => return plain(),
        };
        html.push_str(tag);
    }
    if paragraphs != 1 {
        return plain();
    }
    Title { html, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(s: &str) -> String {
        render(s).html
    }

    #[test]
    fn code_spans_and_emphasis_render_and_their_text_is_plain() {
        let t = render("The `match` expression");
        assert_eq!(t.html, "The <code>match</code> expression");
        assert_eq!(t.text, "The match expression");
        assert_eq!(
            html("*Really* **bold** ~~old~~"),
            "<em>Really</em> <strong>bold</strong> <del>old</del>"
        );
        assert_eq!(
            render("`Vec<T>` & co").html,
            "<code>Vec&lt;T&gt;</code> &amp; co"
        );
    }

    #[test]
    fn links_keep_their_text_and_html_is_escaped() {
        let t = render("See [the book](https://example.org) <b>now</b>");
        assert_eq!(t.html, "See the book &lt;b&gt;now&lt;/b&gt;");
        assert_eq!(t.text, "See the book <b>now</b>");
    }

    #[test]
    fn what_is_not_inline_markdown_shows_as_written() {
        for title in [
            "1. Introduction",
            "# Hash",
            "- Dash",
            "> Quote",
            "Plain title",
        ] {
            assert_eq!(render(title).text, title);
        }
        assert_eq!(html("1. `a` & b"), "1. `a` &amp; b");
    }
}
