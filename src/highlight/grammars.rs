//! The grammar tier: syntect's TextMate grammars, for every language the lexers do not cover.
//! syntect's own selector matching picks each token's class, through a theme whose
//! "colours" are class indexes. The syntax set loads the first time such a block appears.

use std::str::FromStr;
use std::sync::LazyLock;

use syntect::highlighting::{
    Color, HighlightIterator, HighlightState, Highlighter, ScopeSelectors, StyleModifier, Theme,
    ThemeItem,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::Class;

/// The scopes (TextMate selectors) each class is given to. Where several match, the most
/// specific selector wins, as in any TextMate theme.
const SELECTORS: [(Class, &str); 7] = [
    (Class::Comment, "comment, punctuation.definition.comment"),
    (
        Class::String,
        "string, constant.character.escape, markup.raw",
    ),
    (Class::Keyword, "keyword, storage, markup.heading"),
    (Class::Constant, "constant, support.constant"),
    (
        Class::Entity,
        "entity, variable.function, support.function, markup.bold",
    ),
    (Class::Support, "support, markup.italic"),
    (Class::Invalid, "invalid, markup.deleted"),
];

struct Grammars {
    syntaxes: SyntaxSet,
    /// A theme whose foreground's red channel is an index into `SELECTORS`, plus one.
    theme: Theme,
}

static GRAMMARS: LazyLock<Grammars> = LazyLock::new(|| Grammars {
    syntaxes: SyntaxSet::load_defaults_newlines(),
    theme: class_theme(),
});

fn class_theme() -> Theme {
    let scopes = SELECTORS
        .iter()
        .enumerate()
        .filter_map(|(i, (_, selectors))| {
            Some(ThemeItem {
                scope: ScopeSelectors::from_str(selectors).ok()?,
                style: StyleModifier {
                    foreground: Some(index_color(i + 1)),
                    ..StyleModifier::default()
                },
            })
        })
        .collect();
    let mut theme = Theme {
        scopes,
        ..Theme::default()
    };
    theme.settings.foreground = Some(index_color(0));
    theme
}

fn index_color(n: usize) -> Color {
    Color {
        r: n as u8,
        g: 0,
        b: 0,
        a: 0xff,
    }
}

/// Feeds `code`'s tokens to `push`. False, having pushed nothing, when syntect does not know
/// `lang`; false, perhaps midway, if its grammar fails, so the caller starts over plain.
pub(super) fn highlight(lang: &str, code: &str, mut push: impl FnMut(Option<Class>, &str)) -> bool {
    let Grammars { syntaxes, theme } = &*GRAMMARS;
    let Some(syntax) = syntaxes.find_syntax_by_token(lang) else {
        return false;
    };
    let highlighter = Highlighter::new(theme);
    let mut parse = ParseState::new(syntax);
    let mut state = HighlightState::new(&highlighter, ScopeStack::new());
    for line in LinesWithEndings::from(code) {
        let Ok(ops) = parse.parse_line(line, syntaxes) else {
            return false;
        };
        for (style, text) in HighlightIterator::new(&mut state, &ops, line, &highlighter) {
            let index = style.foreground.r as usize;
            let class = SELECTORS
                .get(index.wrapping_sub(1))
                .map(|(class, _)| *class);
            // Grammars scope `=` and `and` alike as `keyword.operator`; the lexers leave
            // symbols uncoloured and colour word operators, and so does this tier.
            let symbol = class == Some(Class::Keyword) && !text.chars().any(char::is_alphanumeric);
            push(if symbol { None } else { class }, text);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(lang: &str, code: &str) -> Vec<(Option<Class>, String)> {
        let mut out = Vec::new();
        assert!(highlight(lang, code, |class, text| out
            .push((class, text.to_string()))));
        out
    }

    #[test]
    fn word_operators_are_keywords_and_symbols_are_plain() {
        let ruby = classes("ruby", "x = a and not b\n");
        let class_of = |word: &str| ruby.iter().find(|(_, t)| t.trim() == word).map(|(c, _)| *c);
        assert_eq!(class_of("and"), Some(Some(Class::Keyword)), "{ruby:?}");
        assert_eq!(class_of("not"), Some(Some(Class::Keyword)), "{ruby:?}");
        assert_eq!(class_of("="), Some(None), "{ruby:?}");
    }

    #[test]
    fn every_selector_parses_and_every_class_has_one() {
        for (class, selectors) in SELECTORS {
            assert!(ScopeSelectors::from_str(selectors).is_ok(), "{class:?}");
        }
        assert_eq!(class_theme().scopes.len(), SELECTORS.len());
        let classes: Vec<Class> = SELECTORS.iter().map(|(class, _)| *class).collect();
        assert_eq!(classes, Class::ALL);
    }
}
