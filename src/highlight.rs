//! Code highlighting with syntect. Each token gets at most one class from a small fixed set
//! (`hl-comment`, `hl-string`, …), so the theme's small highlight.css colours code in any
//! language and a block's HTML stays flat: one `<span>` per run of same-class tokens, not
//! one per nested scope. The syntax set loads the first time a page has a code block.

use std::str::FromStr;
use std::sync::LazyLock;

use syntect::highlighting::{
    Color, HighlightIterator, HighlightState, Highlighter, ScopeSelectors, StyleModifier, Theme,
    ThemeItem,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The classes, and the scopes (TextMate selectors) each one is given to. Where several
/// match, the most specific selector wins, as in any TextMate theme.
pub const CLASSES: &[(&str, &str)] = &[
    ("comment", "comment, punctuation.definition.comment"),
    ("string", "string, constant.character.escape, markup.raw"),
    ("keyword", "keyword, storage, markup.heading"),
    ("constant", "constant, support.constant"),
    (
        "entity",
        "entity, variable.function, support.function, markup.bold",
    ),
    ("support", "support, markup.italic"),
    ("invalid", "invalid, markup.deleted"),
];

struct Highlighting {
    syntaxes: SyntaxSet,
    /// A theme whose "colours" are indexes into `CLASSES`, plus one: syntect resolves
    /// which class a token gets.
    theme: Theme,
}

static HIGHLIGHTING: LazyLock<Highlighting> = LazyLock::new(|| Highlighting {
    syntaxes: SyntaxSet::load_defaults_newlines(),
    theme: class_theme(),
});

fn class_theme() -> Theme {
    let scopes = CLASSES
        .iter()
        .enumerate()
        .filter_map(|(i, (_, selectors))| {
            Some(ThemeItem {
                scope: ScopeSelectors::from_str(selectors).ok()?,
                style: StyleModifier {
                    foreground: Some(class_color(i + 1)),
                    ..StyleModifier::default()
                },
            })
        })
        .collect();
    let mut theme = Theme {
        scopes,
        ..Theme::default()
    };
    theme.settings.foreground = Some(class_color(0));
    theme
}

fn class_color(n: usize) -> Color {
    Color {
        r: n as u8,
        g: 0,
        b: 0,
        a: 0xff,
    }
}

/// A highlighted `<pre>` for a fenced code block in language `lang`.
pub fn code_block(lang: &str, code: &str) -> String {
    let Highlighting { syntaxes, theme } = &*HIGHLIGHTING;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let highlighter = Highlighter::new(theme);
    let mut parse = ParseState::new(syntax);
    let mut state = HighlightState::new(&highlighter, ScopeStack::new());
    let mut out = open_tag(lang);
    out.reserve(code.len() * 2);
    let mut open: usize = 0;
    for line in LinesWithEndings::from(code) {
        let Ok(ops) = parse.parse_line(line, syntaxes) else {
            return plain_block(lang, code);
        };
        for (style, text) in HighlightIterator::new(&mut state, &ops, line, &highlighter) {
            let class = style.foreground.r as usize;
            if class != open && !text.trim().is_empty() {
                if open != 0 {
                    out.push_str("</span>");
                }
                if let Some((name, _)) = CLASSES.get(class.wrapping_sub(1)) {
                    out.push_str("<span class=\"hl-");
                    out.push_str(name);
                    out.push_str("\">");
                }
                open = class;
            }
            pulldown_cmark_escape::escape_html_body_text(&mut out, text).ok();
        }
    }
    if open != 0 {
        out.push_str("</span>");
    }
    out.push_str("</code></pre>\n");
    out
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
    fn highlights_with_flat_classes_and_no_inline_style() {
        let html = code_block("rust", "// hi\nfn main() { let x = \"<b>\"; }\n");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"rust\"><code>\
             <span class=\"hl-comment\">// hi\n</span>\
             <span class=\"hl-keyword\">fn </span><span class=\"hl-entity\">main</span>() { \
             <span class=\"hl-keyword\">let</span> x <span class=\"hl-keyword\">= </span>\
             <span class=\"hl-string\">\"&lt;b&gt;\"</span>; }\n</code></pre>\n"
        );
    }

    #[test]
    fn every_class_selector_parses() {
        for (name, selectors) in CLASSES {
            assert!(ScopeSelectors::from_str(selectors).is_ok(), "{name}");
        }
        assert_eq!(class_theme().scopes.len(), CLASSES.len());
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        let html = code_block("no-such-lang", "<script>");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<span"), "{html}");
    }
}
