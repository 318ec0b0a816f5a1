//! The text a reader sees in a page's HTML, cut into sections at its `h2` and `h3` headings
//! that have an id, so that a result can open at the heading.
//!
//! The HTML is the renderer's own, with the author's raw HTML checked (`crate::raw_html`),
//! so a scan for `<`, `>` and `&` reads it, borrowing the text from the page, where a
//! tokenizer such as html5gum would build every tag and attribute of every page. What a
//! reader does not see as text is left out: code blocks, comments (a check's marker among them), and whatever is
//! `aria-hidden`, such as a heading's `#` link.

use memchr::memchr2;

/// What an element is to the text.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Its content is not prose: code blocks, scripts, formulas' sources.
    Skipped,
    /// It sits inside a run of text: a word goes on across it.
    Inline,
    /// It has no content, so it never starts something skipped.
    Void,
    /// A heading that may start a section.
    Heading,
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
        b"h2" | b"h3" => Kind::Heading,
        _ => Kind::Block,
    }
}

/// All the text of `html`, headings included, as one string.
pub(crate) fn plain(html: &str) -> String {
    let mut text = String::new();
    read(html, |event| match event {
        Event::Text(t) | Event::HeadingText(t) => text.push_str(t),
        Event::Heading(_) => text.push(' '),
    });
    text
}

/// `text` with its runs of white space made one space, cut at a word before `max` bytes,
/// with an ellipsis when cut.
pub(crate) fn squeeze(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
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

/// What [`read`] finds in a page's HTML, in order.
pub(crate) enum Event<'a> {
    Text(&'a str),
    HeadingText(&'a str),
    /// A section's heading starts: its id.
    Heading(&'a str),
}

/// Reads `html`, calling `emit` with its text, a piece at a time, and its sections' starts.
pub(crate) fn read<'a>(html: &'a str, mut emit: impl FnMut(Event<'a>)) {
    // What is being skipped: the element's name, and how deep inside ones of that name.
    let mut skip: Option<(&str, usize)> = None;
    let mut heading: Option<&str> = None;
    let mut rest = html;
    fn text<'a>(
        emit: &mut impl FnMut(Event<'a>),
        t: &'a str,
        skip: &Option<(&str, usize)>,
        heading: Option<&str>,
    ) {
        if skip.is_none() && !t.is_empty() {
            emit(if heading.is_some() {
                Event::HeadingText(t)
            } else {
                Event::Text(t)
            });
        }
    }
    while let Some(at) = memchr2(b'<', b'&', rest.as_bytes()) {
        text(&mut emit, &rest[..at], &skip, heading);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let (decoded, len) = entity(rest);
            text(&mut emit, decoded, &skip, heading);
            rest = &rest[len..];
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(end) = rest.find('>') else {
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
        if let Some((skipped, depth)) = &mut skip {
            if name.eq_ignore_ascii_case(skipped) {
                if closing {
                    *depth -= 1;
                } else if !tag.ends_with('/') {
                    *depth += 1;
                }
                if *depth == 0 {
                    skip = None;
                }
            }
            continue;
        }
        let kind = kind(name);
        if !closing
            && !tag.ends_with('/')
            && kind != Kind::Void
            && (kind == Kind::Skipped
                || (tag.len() > name.len() + 1 && tag.contains("aria-hidden=\"true\"")))
        {
            // A highlighted code block is mostly tags: past it in one search, not tag by tag.
            if name == "pre" {
                if let Some(end) = memchr::memmem::find(rest.as_bytes(), b"</pre>") {
                    rest = &rest[end + "</pre>".len()..];
                    continue;
                }
            }
            skip = Some((name, 1));
            continue;
        }
        if !closing && heading.is_none() && kind == Kind::Heading {
            if let Some(id) = attribute(tag, "id") {
                emit(Event::Heading(id));
                heading = Some(name);
                continue;
            }
        }
        if closing && heading.is_some_and(|h| h.eq_ignore_ascii_case(name)) {
            heading = None;
            continue;
        }
        if kind != Kind::Inline {
            text(&mut emit, " ", &skip, heading);
        }
    }
    text(&mut emit, rest, &skip, heading);
}

/// The value of attribute `name` in the inside of a start tag, when quoted.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before = tag[..start].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let after = tag[from..].trim_start().strip_prefix('=')?.trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = &after[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
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

    /// One section of a page: the text before its first heading, or a heading and what
    /// follows it up to the next.
    #[derive(Debug, Default, Clone, PartialEq)]
    struct Section {
        /// The heading's id; empty for the text before the first heading.
        anchor: String,
        heading: String,
        text: String,
    }

    /// The sections of `html`; the first is the text before any heading, maybe empty.
    fn sections(html: &str) -> Vec<Section> {
        let mut all = vec![Section::default()];
        read(html, |event| match event {
            Event::Text(text) => {
                if let Some(section) = all.last_mut() {
                    section.text.push_str(text);
                }
            }
            Event::HeadingText(text) => {
                if let Some(section) = all.last_mut() {
                    section.heading.push_str(text);
                }
            }
            Event::Heading(id) => all.push(Section {
                anchor: id.to_string(),
                ..Section::default()
            }),
        });
        for section in &mut all {
            section.heading = squeeze(&section.heading, usize::MAX);
        }
        all
    }

    #[test]
    fn a_page_is_cut_at_its_headings_with_ids_and_code_and_hidden_text_are_left_out() {
        let html = "<p>Intro <em>text</em> &amp; more</p>\n\
            <h2 id=\"first\">First<a class=\"anchor\" href=\"#first\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n\
            <p>One</p><pre><code>let hidden = 1;</code></pre><!--aula:check:0-->\n\
            <h2>No id</h2><p>Two</p>\
            <h3 id='x'>Third &lt;b&gt;</h3><ul><li>a</li><li>b</li></ul><img src=\"a.png\" aria-hidden=\"true\"><p>after</p>";
        let s = sections(html);
        assert_eq!(s.len(), 3);
        assert_eq!(squeeze(&s[0].text, 100), "Intro text & more");
        assert_eq!(
            (s[1].anchor.as_str(), s[1].heading.as_str()),
            ("first", "First")
        );
        assert_eq!(squeeze(&s[1].text, 100), "One No id Two");
        assert_eq!(
            (s[2].anchor.as_str(), s[2].heading.as_str()),
            ("x", "Third <b>")
        );
        assert_eq!(squeeze(&s[2].text, 100), "a b after");
    }

    #[test]
    fn squeeze_cuts_at_a_word() {
        assert_eq!(squeeze("  uno   dos\ntres ", 100), "uno dos tres");
        assert_eq!(squeeze("uno dos tres", 8), "uno dos…");
    }

    #[test]
    fn broken_html_ends_the_text_without_a_panic() {
        assert_eq!(plain("a <b"), "a ");
        assert_eq!(plain("a &b c &#233; <!-- x"), "a &b c   ");
        assert_eq!(plain("<pre>never closed"), "");
    }
}
