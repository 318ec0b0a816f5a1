//! Code highlighting. Each token gets at most one class from a small fixed set (`hl-comment`,
//! `hl-string`, …), so the theme's small highlight.css colours code in any language and a
//! block's HTML stays flat: one `<span>` per run of same-class tokens.
//!
//! Two tiers, because a block costs 50 times more in a grammar engine than in a lexer (see
//! bench/README.md):
//! - the common languages go through single-pass lexers: hl-lite's, and `table_lexer` for the
//!   C-like languages and SQL that hl-lite lacks. About 4 µs for a 10-line block, HTML
//!   included;
//! - every other language syntect knows goes through its TextMate grammars (`grammars`). About
//!   230 µs for the same block, and loaded only when such a block appears.

mod grammars;
mod hidden;
mod table_lexer;

pub(crate) use hidden::rust_block;

/// A highlight class: what a token is, as far as colour goes. The theme colours `hl-<name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Comment,
    String,
    Keyword,
    Constant,
    Entity,
    Support,
    Invalid,
}

impl Class {
    #[cfg(test)]
    pub(crate) const ALL: [Class; 7] = [
        Class::Comment,
        Class::String,
        Class::Keyword,
        Class::Constant,
        Class::Entity,
        Class::Support,
        Class::Invalid,
    ];

    /// The class's name in `hl-<name>`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Class::Comment => "comment",
            Class::String => "string",
            Class::Keyword => "keyword",
            Class::Constant => "constant",
            Class::Entity => "entity",
            Class::Support => "support",
            Class::Invalid => "invalid",
        }
    }

    /// hl-lite's kinds folded into the theme's classes, close to where the TextMate
    /// selectors in `grammars` put syntect's scopes: decorators, attributes and tags as
    /// entities (`entity.name.function.decorator`, `entity.other.attribute-name`), and keys
    /// as support, like CSS properties (`support.type.property-name`). syntect's grammars
    /// gave JSON keys the string colour and YAML keys the entity one.
    fn of_kind(kind: hl_lite::Kind) -> Option<Class> {
        use hl_lite::Kind;
        match kind {
            Kind::Comment => Some(Class::Comment),
            Kind::String => Some(Class::String),
            Kind::Keyword => Some(Class::Keyword),
            Kind::Number | Kind::Constant => Some(Class::Constant),
            Kind::Function | Kind::Attribute | Kind::Tag => Some(Class::Entity),
            Kind::Type | Kind::Property => Some(Class::Support),
            Kind::Plain | Kind::Operator | Kind::Punctuation | Kind::Variable => None,
        }
    }
}

/// A highlighted `<pre>` for a fenced code block in language `lang`.
pub(crate) fn code_block(lang: &str, code: &str) -> String {
    let mut html = Html::new(lang, code.len());
    if tokens(lang, code, |class, text| html.push(class, text)) {
        html.finish()
    } else {
        plain_block(lang, code)
    }
}

/// Feeds `code`'s tokens to `push` through the first tier that knows `lang`. False when none
/// does, or a grammar failed midway: the caller starts over plain.
fn tokens(lang: &str, code: &str, push: impl FnMut(Option<Class>, &str)) -> bool {
    if let Some(lexer) = hl_lite::Lang::from_slug(lang) {
        lite(lexer, code, push);
        true
    } else if let Some(language) = table_lexer::language(lang) {
        table_lexer::highlight(language, code, push);
        true
    } else {
        grammars::highlight(lang, code, push)
    }
}

/// The hl-lite tier: its spans, with their kinds folded into classes.
fn lite(lexer: hl_lite::Lang, code: &str, mut push: impl FnMut(Option<Class>, &str)) {
    let spans = hl_lite::highlight(lexer, code);
    for (i, span) in spans.iter().enumerate() {
        // hl-lite's identifiers are ASCII: it reads `días` as `dí` and the keyword `as`. A
        // token glued to a non-ASCII letter is a piece of a longer word.
        let before = i
            .checked_sub(1)
            .and_then(|j| spans[j].text.chars().next_back());
        let after = spans.get(i + 1).and_then(|next| next.text.chars().next());
        let piece = [before, after]
            .into_iter()
            .flatten()
            .any(|c| !c.is_ascii() && c.is_alphanumeric());
        push(
            if piece {
                None
            } else {
                Class::of_kind(span.kind)
            },
            span.text,
        );
    }
}

/// An unhighlighted `<pre>`, escaped.
pub(crate) fn plain_block(lang: &str, code: &str) -> String {
    let mut html = Html::new(lang, code.len());
    html.push(None, code);
    html.finish()
}

/// Writes the `<pre>`, merging adjacent tokens of the same class into one span.
struct Html {
    out: String,
    open: Option<Class>,
}

impl Html {
    fn new(lang: &str, code_len: usize) -> Html {
        Html::with_attributes(lang, "", code_len)
    }

    /// A `<pre>` with `attributes` (written as they are, after a space) after its class and
    /// language.
    fn with_attributes(lang: &str, attributes: &str, code_len: usize) -> Html {
        let mut out = String::with_capacity(code_len * 2 + 64);
        out.push_str("<pre class=\"code\"");
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            pulldown_cmark_escape::escape_html(&mut out, lang).ok();
            out.push('"');
        }
        if !attributes.is_empty() {
            out.push(' ');
            out.push_str(attributes);
        }
        out.push_str("><code>");
        Html { out, open: None }
    }

    /// Closes the open span, if any, so that what follows can be wrapped on its own.
    fn close(&mut self) {
        if self.open.take().is_some() {
            self.out.push_str("</span>");
        }
    }

    fn push(&mut self, class: Option<Class>, text: &str) {
        // Whitespace joins whatever span is open: fewer spans, same colours.
        if class != self.open && !text.trim().is_empty() {
            if self.open.is_some() {
                self.out.push_str("</span>");
            }
            if let Some(class) = class {
                self.out.push_str("<span class=\"hl-");
                self.out.push_str(class.name());
                self.out.push_str("\">");
            }
            self.open = class;
        }
        pulldown_cmark_escape::escape_html_body_text(&mut self.out, text).ok();
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.out.push_str("</span>");
        }
        self.out.push_str("</code></pre>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a block with its tags removed and entities decoded.
    pub(super) fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    #[test]
    fn lexed_languages_get_flat_classes_and_no_inline_style() {
        let html = code_block("rust", "// hi\nfn main() { let x = \"<b>\"; }\n");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"rust\"><code>\
             <span class=\"hl-comment\">// hi\n</span>\
             <span class=\"hl-keyword\">fn </span><span class=\"hl-entity\">main</span>() { \
             <span class=\"hl-keyword\">let</span> x = \
             <span class=\"hl-string\">\"&lt;b&gt;\"</span>; }\n</code></pre>\n"
        );
    }

    #[test]
    fn words_with_accents_are_not_cut_into_keywords() {
        for lang in ["python", "js", "rust", "kotlin", "sql", "haskell"] {
            let html = code_block(lang, "días = número(categorías, Vacía)\n");
            // A tag inside a word would break it apart in the HTML.
            for word in ["días", "número", "categorías", "Vacía"] {
                assert!(html.contains(word), "{lang}: {word} in {html}");
            }
        }
    }

    #[test]
    fn grammar_languages_get_the_same_classes() {
        let html = code_block("haskell", "-- hi\nmain = putStrLn \"<b>\"\n");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"haskell\"><code>"));
        assert!(html.contains("<span class=\"hl-comment\">-- hi"), "{html}");
        assert!(
            html.contains("<span class=\"hl-string\">\"&lt;b&gt;\""),
            "{html}"
        );
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn every_tier_keeps_the_code_exactly() {
        let code = "if (a < b && c > \"d\") { return 'e'; } // <f>\n/* g */ x = `h`\n";
        for lang in ["js", "c", "go", "sql", "haskell", "no-such-lang", ""] {
            let html = code_block(lang, code);
            assert_eq!(text_of(&html), format!("{code}\n"), "{lang}: {html}");
            assert!(!html.contains("<f>"), "{lang}");
        }
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        let html = code_block("no-such-lang", "<script>");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<span"), "{html}");
    }

    #[test]
    fn the_language_name_is_escaped() {
        let html = code_block("\"><x", "a");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"&quot;&gt;&lt;x\">"));
    }
}
