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
/// specific selector wins, as in any TextMate theme. Operators stay uncoloured, as they do
/// in the lexers.
const SELECTORS: [(Class, &str); 7] = [
    (Class::Comment, "comment, punctuation.definition.comment"),
    (
        Class::String,
        "string, constant.character.escape, markup.raw",
    ),
    (
        Class::Keyword,
        "keyword - keyword.operator, storage, markup.heading",
    ),
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
pub fn highlight(lang: &str, code: &str, mut push: impl FnMut(Option<Class>, &str)) -> bool {
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
            push(class, text);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
