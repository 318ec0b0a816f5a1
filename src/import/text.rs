//! A bank's texts into aula's: its HTML, plain text or Markdown into Markdown for prompts,
//! options and feedback, and into plain text for what aula shows as plain text (a match
//! question's right-hand answers, a short answer's accepted texts).
//!
//! HTML becomes Markdown for what Markdown writes (paragraphs, line breaks, bold, italics,
//! code, lists, links, headings), so that the written quiz reads as Markdown; an `<img>`,
//! `<sub>` or `<sup>` stays HTML, which aula's Markdown takes as it is; any other tag is
//! dropped and its text kept.

use html5gum::{Token, Tokenizer};

/// How a bank marks up a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Markup {
    /// Plain text (GIFT's `[plain]`, Aiken, Moodle's `plain_text`).
    #[default]
    Plain,
    /// Moodle's "auto-format" (GIFT's `[moodle]`, its default): plain text whose line
    /// breaks are kept, in which HTML tags still work.
    Moodle,
    /// HTML (GIFT's `[html]`, Moodle XML's usual `format="html"`).
    Html,
    /// Markdown already (GIFT's `[markdown]`, mdbook-quiz).
    Markdown,
}

/// `text` as Markdown for a block field (a prompt, an explanation).
pub(crate) fn markdown(markup: Markup, text: &str) -> String {
    let md = match markup {
        Markup::Plain => escape(text),
        Markup::Moodle if has_tags(text) => html_to_markdown(&text.replace('\n', "<br>\n")),
        Markup::Moodle => escape(text),
        Markup::Html => html_to_markdown(text),
        Markup::Markdown => text.to_string(),
    };
    md.trim().to_string()
}

/// `text` as inline Markdown, for an option or a left item: one paragraph.
pub(crate) fn inline(markup: Markup, text: &str) -> String {
    let md = markdown(markup, text);
    if md.contains("\n\n") {
        md.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        md
    }
}

/// `text` as plain text: tags dropped, entities decoded, spaces collapsed.
pub(crate) fn plain(markup: Markup, text: &str) -> String {
    let text = match markup {
        Markup::Html => html_text(text),
        Markup::Moodle if has_tags(text) => html_text(text),
        Markup::Plain | Markup::Moodle | Markup::Markdown => text.to_string(),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` holds something that reads as an HTML tag: `<b>`, `</p>`, `<br/>`.
fn has_tags(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        let rest = &text[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        rest.starts_with(|c: char| c.is_ascii_alphabetic())
            && rest.find('>').is_some_and(|end| !rest[..end].contains('<'))
    })
}

/// Plain text as Markdown: the characters Markdown would read as markup, escaped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    for c in text.chars() {
        let special = matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<')
            || (line_start && matches!(c, '#' | '-' | '+' | '|' | '>'));
        if special {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

fn html_text(html: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::String(s) => out.push_str(&String::from_utf8_lossy(&s)),
            Token::StartTag(t) if matches!(&t.name[..], b"br" | b"p" | b"div" | b"li") => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out
}

/// The HTML a bank holds, as Markdown.
fn html_to_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // Open lists, innermost last: whether each is ordered, and its next number.
    let mut lists: Vec<(bool, usize)> = Vec::new();
    let mut link: Option<String> = None;
    let mut in_pre = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s);
                if in_pre {
                    out.push_str(&s);
                } else {
                    // HTML's white space is one space, and a line break is a tag.
                    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                    if s.starts_with(char::is_whitespace) && !at_break(&out) {
                        out.push(' ');
                    }
                    out.push_str(&escape(&collapsed));
                    if s.ends_with(char::is_whitespace) && !collapsed.is_empty() {
                        out.push(' ');
                    }
                }
            }
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_lowercase();
                let attr = |key: &str| {
                    t.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                match name.as_str() {
                    "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
                    | "table" | "tr" => paragraph(&mut out),
                    "br" => {
                        trim_end_spaces(&mut out);
                        out.push_str("\\\n");
                    }
                    "strong" | "b" => out.push_str("**"),
                    "em" | "i" => out.push('*'),
                    "code" | "tt" if !in_pre => out.push('`'),
                    "pre" => {
                        paragraph(&mut out);
                        out.push_str("```\n");
                        in_pre = true;
                    }
                    "ul" | "ol" => {
                        paragraph(&mut out);
                        lists.push((name == "ol", 1));
                    }
                    "li" => {
                        if !out.is_empty() && !out.ends_with('\n') {
                            out.push('\n');
                        }
                        let depth = lists.len().saturating_sub(1);
                        out.push_str(&"   ".repeat(depth));
                        match lists.last_mut() {
                            Some((true, n)) => {
                                out.push_str(&format!("{n}. "));
                                *n += 1;
                            }
                            _ => out.push_str("- "),
                        }
                    }
                    "a" => {
                        link = attr("href").filter(|h| is_remote(h));
                        if link.is_some() {
                            out.push('[');
                        }
                    }
                    "img" => {
                        let src = attr("src").unwrap_or_default();
                        let alt = attr("alt").unwrap_or_default();
                        if is_remote(&src) {
                            out.push_str(&format!(
                                "<img src=\"{}\" alt=\"{}\">",
                                attribute(&src),
                                attribute(&alt)
                            ));
                        } else {
                            // A file of the bank's (Moodle's `@@PLUGINFILE@@/…`) is not
                            // beside the quiz, and aula refuses a link to a missing file:
                            // the image is named, for the author to put back.
                            let name = if alt.trim().is_empty() {
                                src.rsplit('/').next().unwrap_or_default().to_string()
                            } else {
                                alt
                            };
                            out.push_str(&format!("*\\[image: {}\\]*", escape(name.trim())));
                        }
                    }
                    "sub" | "sup" => out.push_str(&format!("<{name}>")),
                    "td" | "th" => out.push(' '),
                    _ => {}
                }
            }
            Token::EndTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_lowercase();
                match name.as_str() {
                    "p" | "div" | "blockquote" | "table" | "tr" => paragraph(&mut out),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => paragraph(&mut out),
                    "strong" | "b" => out.push_str("**"),
                    "em" | "i" => out.push('*'),
                    "code" | "tt" if !in_pre => out.push('`'),
                    "pre" => {
                        if !out.ends_with('\n') {
                            out.push('\n');
                        }
                        out.push_str("```");
                        in_pre = false;
                        paragraph(&mut out);
                    }
                    "ul" | "ol" => {
                        lists.pop();
                        paragraph(&mut out);
                    }
                    "a" => {
                        if let Some(href) = link.take() {
                            out.push_str(&format!("]({href})"));
                        }
                    }
                    "sub" | "sup" => out.push_str(&format!("</{name}>")),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    // Paragraphs that opened and closed without text leave runs of blank lines.
    let mut tidy = String::with_capacity(out.len());
    for part in out.split("\n\n") {
        let part = part.trim_matches(|c| c == ' ' || c == '\n');
        if !part.is_empty() {
            if !tidy.is_empty() {
                tidy.push_str("\n\n");
            }
            tidy.push_str(part);
        }
    }
    tidy
}

/// Whether `address` leads outside the bank, where it still leads once imported. Any other
/// (a file of the bank's, a page of its site) would be a link aula reports as missing.
fn is_remote(address: &str) -> bool {
    let a = address.trim().to_ascii_lowercase();
    a.starts_with("https://") || a.starts_with("http://") || a.starts_with("mailto:")
}

/// Whether `html` shows an image or links a file that the import leaves out.
pub(crate) fn has_local_files(html: &str) -> bool {
    Tokenizer::new(html).flatten().any(|t| match t {
        Token::StartTag(t) => {
            let key: &[u8] = match &t.name[..] {
                b"img" => b"src",
                b"a" => b"href",
                _ => return false,
            };
            t.attributes
                .get(key)
                .is_some_and(|v| !is_remote(&String::from_utf8_lossy(v)) && !v.starts_with(b"#"))
        }
        _ => false,
    })
}

fn at_break(out: &str) -> bool {
    out.is_empty() || out.ends_with('\n') || out.ends_with(' ')
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Ends the paragraph being written, if any.
fn paragraph(out: &mut String) {
    trim_end_spaces(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

/// An attribute's value, quoted for HTML.
fn attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown() {
        let html =
            "<p>Is <b>this</b> <i>right</i>?</p><p>Say &amp; see<br>now: <code>x*y</code></p>";
        assert_eq!(
            markdown(Markup::Html, html),
            "Is **this** *right*?\n\nSay & see\\\nnow: `x\\*y`"
        );
        let list = "<ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol>";
        assert_eq!(markdown(Markup::Html, list), "- one\n- two\n\n1. a\n2. b");
        let link = "<a href=\"https://example.org\">site</a> <img src=\"https://example.org/x.png\" alt=\"X\">";
        assert_eq!(
            markdown(Markup::Html, link),
            "[site](https://example.org) <img src=\"https://example.org/x.png\" alt=\"X\">"
        );
        let local = "<p><img src=\"@@PLUGINFILE@@/map.png\" alt=\"Map\"> <a href=\"notes.pdf\">notes</a></p>";
        assert_eq!(markdown(Markup::Html, local), "*\\[image: Map\\]* notes");
        assert!(has_local_files(local));
        assert!(!has_local_files(link));
        assert_eq!(
            markdown(Markup::Html, "<pre>let *x* = 1;\n</pre>"),
            "```\nlet *x* = 1;\n```"
        );
    }

    #[test]
    fn plain_text_is_escaped_and_html_stripped_for_plain_fields() {
        assert_eq!(markdown(Markup::Plain, "a*b_c <d>"), "a\\*b\\_c \\<d>");
        assert_eq!(
            markdown(Markup::Plain, "# not a heading"),
            "\\# not a heading"
        );
        assert_eq!(
            plain(Markup::Html, "<p>H<sub>2</sub>O &lt;x&gt;</p>"),
            "H2O <x>"
        );
        assert_eq!(inline(Markup::Html, "<p>a</p><p>b</p>"), "a b");
        // Moodle's auto-format: plain text, unless it holds tags, which it keeps working.
        assert_eq!(markdown(Markup::Moodle, "a < b\nc"), "a \\< b\nc");
        assert_eq!(
            markdown(Markup::Moodle, "Is <b>this</b>\nbold?"),
            "Is **this**\\\nbold?"
        );
    }
}
