//! The text a reader sees in a page, cut into sections at its `h2` and `h3` headings, so
//! that a result can open at the heading.
//!
//! A page's body is read from the Markdown renderer's events as it renders ([`from_events`]):
//! they hold the text already, where a second pass over the HTML would find it again among
//! the tags. The HTML in those events, and the pieces of a quiz ([`plain`]), are read as HTML.
//! That HTML is the renderer's own, with the author's raw HTML checked (`crate::raw_html`),
//! so a scan for `<`, `>` and `&` reads it, borrowing the text from the page, where a
//! tokenizer such as html5gum would build every tag and attribute of every page. What a
//! reader does not see as text is left out: code blocks, comments (a check's marker among
//! them), images' alternative text, and whatever is `aria-hidden`, such as a heading's `#`
//! link.

use memchr::memchr2;
use pulldown_cmark::{Event as Md, HeadingLevel, Tag, TagEnd};

/// A page's text, as [`from_events`] reads it.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageText {
    /// All of it, each section after the one before.
    pub(crate) text: String,
    /// The sections that start at a heading, in order.
    pub(crate) sections: Vec<Section>,
}

/// A section of a [`PageText`] that starts at a heading.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// Where its text starts in [`PageText::text`].
    pub(crate) start: usize,
    /// The heading's id and text.
    pub(crate) id: String,
    pub(crate) heading: String,
}

impl PageText {
    /// Each section's text with its heading, if it has one: first what comes before any.
    pub(crate) fn parts(&self) -> impl Iterator<Item = (Option<&Section>, &str)> {
        let starts = self.sections.iter().map(|s| s.start);
        let ends = starts.clone().chain([self.text.len()]);
        let first = (None, 0);
        std::iter::once(first)
            .chain(self.sections.iter().map(|s| (Some(s), s.start)))
            .zip(ends)
            .map(|((section, start), end)| (section, &self.text[start..end]))
    }
}

/// The text of a page's body from the events its HTML is rendered from, after the renderer
/// has given every heading its id; `size` is about how long it is, such as the length of the
/// Markdown, which is seldom much shorter.
pub(crate) fn from_events<'e>(
    events: impl IntoIterator<Item = &'e Md<'e>>,
    size: usize,
) -> PageText {
    let mut page = PageText {
        text: String::with_capacity(size),
        sections: Vec::new(),
    };
    let mut in_heading = false;
    // Inside an image: its text is its alternative text.
    let mut image = 0usize;
    let mut html = Html::default();
    let push = |page: &mut PageText, in_heading: bool, t: &str| match page.sections.last_mut() {
        Some(section) if in_heading => section.heading.push_str(t),
        _ => page.text.push_str(t),
    };
    for event in events {
        match event {
            Md::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                id: Some(id),
                ..
            }) => {
                page.text.push('\n');
                page.sections.push(Section {
                    start: page.text.len(),
                    id: String::from(&**id),
                    heading: String::new(),
                });
                in_heading = true;
            }
            Md::Start(Tag::Image { .. }) => image += 1,
            Md::End(TagEnd::Image) => image = image.saturating_sub(1),
            Md::Text(t) | Md::Code(t) if image == 0 && !html.hidden() => {
                push(&mut page, in_heading, t)
            }
            Md::Html(piece) | Md::InlineHtml(piece) if image == 0 => {
                html.read(piece, &mut |t| push(&mut page, in_heading, t))
            }
            Md::End(TagEnd::Heading(_)) if in_heading => {
                in_heading = false;
                page.text.push('\n');
            }
            // A word goes on across the end of an inline element, and ends at a block's.
            Md::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link,
            ) => {}
            Md::End(_) | Md::SoftBreak | Md::HardBreak | Md::Rule => {
                push(&mut page, in_heading, " ")
            }
            _ => {}
        }
    }
    page
}

/// What an element is to the text.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Its content is not prose: code blocks, scripts, formulas' sources.
    Skipped,
    /// It sits inside a run of text: a word goes on across it.
    Inline,
    /// It has no content, so it never starts something skipped.
    Void,
    /// Anything else separates words.
    Block,
}

/// The kind of the element named `name`, in any case. A match on the lowercased name, not a
/// list search: a page has hundreds of tags.
fn kind(name: &str) -> Kind {
    let mut lower = [0u8; 10];
    let Some(buf) = lower.get_mut(..name.len()) else {
        return Kind::Block;
    };
    for (to, from) in buf.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    match &*buf {
        b"pre" | b"script" | b"style" | b"template" | b"annotation" | b"svg" | b"textarea"
        | b"select" => Kind::Skipped,
        b"a" | b"abbr" | b"b" | b"bdi" | b"bdo" | b"cite" | b"code" | b"data" | b"del" | b"dfn"
        | b"em" | b"i" | b"ins" | b"kbd" | b"mark" | b"q" | b"s" | b"samp" | b"small" | b"span"
        | b"strong" | b"sub" | b"sup" | b"time" | b"u" | b"var" => Kind::Inline,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" => Kind::Void,
        _ => Kind::Block,
    }
}

/// All the text of `html` as one string.
pub(crate) fn plain(html: &str) -> String {
    let mut text = String::new();
    Html::default().read(html, &mut |t| text.push_str(t));
    text
}

/// `text` with its runs of white space made one space, cut at a word before `max` bytes,
/// with an ellipsis when cut. White space is ASCII's: a no-break space holds its words
/// together, as it does on the page.
pub(crate) fn squeeze(text: &str, max: usize) -> String {
    let bytes = text.as_bytes();
    // Most headings are squeezed already.
    let single = |w: &[u8]| w[0] == b' ' && !w[1].is_ascii_whitespace();
    if text.len() <= max
        && !bytes.first().is_some_and(u8::is_ascii_whitespace)
        && !bytes.last().is_some_and(u8::is_ascii_whitespace)
        && bytes
            .windows(2)
            .all(|w| !w[0].is_ascii_whitespace() || single(w))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(max.saturating_add(4)));
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
            i += 1;
        }
        // Cut at ASCII bytes, so at characters' edges.
        let word = &text[start..i];
        if out.len() + word.len() + 1 > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A reader of HTML that may come in pieces, such as the start and end tags of a `<span>`
/// the author wrote inside a paragraph, with the text between them from elsewhere.
#[derive(Default)]
struct Html<'a> {
    /// What is being skipped: the element's name, and how deep inside ones of that name.
    skip: Option<(&'a str, usize)>,
}

impl<'a> Html<'a> {
    /// Whether text here is left out.
    fn hidden(&self) -> bool {
        self.skip.is_some()
    }

    fn read(&mut self, html: &'a str, emit: &mut dyn FnMut(&'a str)) {
        // Every heading's start has an empty piece, where the renderer may put its aliases.
        if html.is_empty() {
            return;
        }
        let mut rest = html;
        let mut text = |skip: &Option<(&str, usize)>, t: &'a str| {
            if skip.is_none() && !t.is_empty() {
                emit(t);
            }
        };
        let skip = &mut self.skip;
        while let Some(at) = memchr2(b'<', b'&', rest.as_bytes()) {
            text(skip, &rest[..at]);
            rest = &rest[at..];
            if rest.starts_with('&') {
                let (decoded, len) = entity(rest);
                text(skip, decoded);
                rest = &rest[len..];
                continue;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let Some(end) = memchr::memchr(b'>', rest.as_bytes()) else {
                rest = "";
                break;
            };
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            let closing = tag.starts_with('/');
            let name_at = usize::from(closing);
            let name_len = tag[name_at..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len() - name_at);
            let name = &tag[name_at..name_at + name_len];
            if let Some((skipped, depth)) = skip {
                if name.eq_ignore_ascii_case(skipped) {
                    if closing {
                        *depth -= 1;
                    } else if !tag.ends_with('/') {
                        *depth += 1;
                    }
                    if *depth == 0 {
                        *skip = None;
                    }
                }
                continue;
            }
            let kind = kind(name);
            if !closing
                && !tag.ends_with('/')
                && kind != Kind::Void
                && (kind == Kind::Skipped || (tag.len() > name.len() + 1 && hidden(tag)))
            {
                // A highlighted code block is mostly tags: past it in one search, not tag
                // by tag.
                if name == "pre" {
                    if let Some(end) = memchr::memmem::find(rest.as_bytes(), b"</pre>") {
                        rest = &rest[end + "</pre>".len()..];
                        continue;
                    }
                }
                *skip = Some((name, 1));
                continue;
            }
            if kind != Kind::Inline {
                text(skip, " ");
            }
        }
        text(skip, rest);
    }
}

/// Whether the inside of a start tag says `aria-hidden="true"`. Every heading's `#` link
/// does, so the searcher is built once.
fn hidden(tag: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static FINDER: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new("aria-hidden=\"true\""));
    FINDER.find(tag.as_bytes()).is_some()
}

/// The text of the character reference at the start of `s`, and its length; a `&` that
/// starts none is itself.
fn entity(s: &str) -> (&'static str, usize) {
    const NAMED: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&nbsp;", " "),
    ];
    for (name, text) in NAMED {
        if s.starts_with(name) {
            return (text, name.len());
        }
    }
    // Any other reference is read as a space: it separates words, and only raw HTML has
    // one, since the Markdown renderer writes every other character as itself.
    let end = s[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map(|i| i + 1);
    match end {
        Some(i) if i > 1 && s[i..].starts_with(';') => (" ", i + 1),
        _ => ("&", 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `markdown`, as the renderer's events give it: headings with ids from
    /// `{#id}`, and code blocks as the renderer writes them, as HTML.
    fn text_of(markdown: &str) -> PageText {
        use pulldown_cmark::{CodeBlockKind, Options, Parser};
        let mut code: Option<String> = None;
        let events: Vec<Md> = Parser::new_ext(markdown, Options::all())
            .filter_map(|e| match (e, &mut code) {
                (Md::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))), _) => {
                    code = Some("<pre><code>".into());
                    None
                }
                (Md::End(TagEnd::CodeBlock), Some(html)) => {
                    let html = format!("{html}</code></pre>");
                    code = None;
                    Some(Md::Html(html.into()))
                }
                (Md::Text(t), Some(html)) => {
                    html.push_str(&format!("<span class=\"k\">{t}</span>"));
                    None
                }
                (e, _) => Some(e),
            })
            .collect();
        from_events(&events, markdown.len())
    }

    #[test]
    fn a_page_is_cut_at_its_headings_with_ids_and_code_and_hidden_text_are_left_out() {
        let page = text_of(
            "Intro *te*xt &amp; more ![an image](a.png)\n\n\
            ## First {#first}\n\n\
            One<span aria-hidden=\"true\">hidden</span>\n\n\
            ```rust\nlet hidden = 1;\n```\n\n\
            <!--aula:check:0-->\n\n\
            #### Deeper {#deeper}\n\nTwo\n\
            ### Third `<b>` {#x}\n\n- a\n- b\n\n<div>after</div>\n",
        );
        let parts: Vec<(Option<(&str, &str)>, String)> = page
            .parts()
            .map(|(s, text)| {
                let heading = s.map(|s| (s.id.as_str(), s.heading.as_str()));
                (heading, squeeze(text, 100))
            })
            .collect();
        assert_eq!(
            parts,
            [
                (None, "Intro text & more".to_string()),
                (Some(("first", "First")), "One Deeper Two".to_string()),
                (Some(("x", "Third <b>")), "a b after".to_string()),
            ]
        );
    }

    #[test]
    fn squeeze_cuts_at_a_word() {
        assert_eq!(squeeze("  uno   dos\ntres ", 100), "uno dos tres");
        assert_eq!(squeeze("uno dos tres", 8), "uno dos…");
    }

    #[test]
    fn broken_html_ends_the_text_without_a_panic() {
        assert_eq!(plain("a <b"), "a ");
        assert_eq!(plain("<h2 id=\"x\">Title</h2><p>one</p>"), " Title  one ");
        assert_eq!(plain("a &b c &#233; <!-- x"), "a &b c   ");
        assert_eq!(plain("<pre>never closed"), "");
    }
}
