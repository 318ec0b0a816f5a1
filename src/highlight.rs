//! Code highlighting with syntect. It emits CSS classes only, one per scope atom
//! (`hl-comment`, `hl-keyword`, …), so the theme's small highlight.css colours them; the
//! syntax set loads the first time a page has a code block.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of every highlighting class, so they never clash with the theme's own.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// A highlighted `<pre>` for a fenced code block in language `lang`.
pub fn code_block(lang: &str, code: &str) -> String {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain_block(lang, code);
        }
    }
    format!("{}{}</code></pre>\n", open_tag(lang), generator.finalize())
}

/// An unhighlighted `<pre>`, escaped.
pub fn plain_block(lang: &str, code: &str) -> String {
    let mut out = open_tag(lang);
    pulldown_cmark_escape::escape_html_body_text(&mut out, code).ok();
    out.push_str("</code></pre>\n");
    out
}

fn open_tag(lang: &str) -> String {
    let mut lang_attr = String::new();
    pulldown_cmark_escape::escape_html(&mut lang_attr, lang).ok();
    if lang.is_empty() {
        "<pre class=\"code\"><code>".to_string()
    } else {
        format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_and_no_inline_style() {
        let html = code_block("rust", "fn main() { let x = \"<b>\"; }\n");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        let html = code_block("no-such-lang", "<script>");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
