//! A page's words as search terms: lowercased, stemmed by Snowball for the course's language
//! (rust-stemmers), then with their accents folded (á → a, ñ → n), and stop words dropped.
//! Stemming comes first because Snowball's Spanish rules read the accents. The browser
//! folds a query's words the same way, and matches a word to the terms it starts with or
//! that start it: a stem is a folded word's beginning, so the query needs no stemmer.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Turns text into terms, for one language.
pub(crate) struct Analyzer {
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
}

/// Words too common to find anything with, folded. Snowball's lists, cut to those that
/// stay words after folding.
const STOP_ES: &[&str] = &[
    "a", "al", "algo", "ante", "con", "como", "cual", "cuando", "de", "del", "desde", "donde",
    "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "ese", "eso", "esta",
    "este", "esto", "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi",
    "muy", "ni", "no", "nos", "o", "para", "pero", "por", "que", "se", "si", "sin", "sobre",
    "son", "su", "sus", "tambien", "te", "tu", "un", "una", "uno", "unos", "unas", "y", "ya",
    "yo",
];
const STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "she", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was",
    "we", "were", "what", "when", "which", "who", "will", "with", "you", "your",
];

impl Analyzer {
    /// The analyzer of a course in `language` (a code like `es` or `en-US`); a language
    /// Snowball has no rules for is folded but not stemmed.
    pub(crate) fn new(language: &str) -> Analyzer {
        let base = language.split(['-', '_']).next().unwrap_or("");
        let (algorithm, stop) = match base.to_ascii_lowercase().as_str() {
            "es" => (Some(Algorithm::Spanish), STOP_ES),
            "en" => (Some(Algorithm::English), STOP_EN),
            "pt" => (Some(Algorithm::Portuguese), &[][..]),
            "fr" => (Some(Algorithm::French), &[][..]),
            "de" => (Some(Algorithm::German), &[][..]),
            "it" => (Some(Algorithm::Italian), &[][..]),
            _ => (None, &[][..]),
        };
        Analyzer {
            stemmer: algorithm.map(Stemmer::create),
            stop,
        }
    }

    /// The terms of `text`, in order, stop words left out.
    pub(crate) fn terms<'a>(&'a self, text: &'a str) -> impl Iterator<Item = String> + 'a {
        words(text).filter_map(move |word| {
            let lower = word.to_lowercase();
            if self.stop.contains(&fold(&lower).as_str()) {
                return None;
            }
            let stem = match &self.stemmer {
                Some(s) => s.stem(&lower).into_owned(),
                None => lower,
            };
            Some(fold(&stem))
        })
    }
}

/// The words of `text`: runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// `word` without its accents, lowercased: its canonical decomposition, less the marks.
pub(crate) fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(language: &str, text: &str) -> Vec<String> {
        Analyzer::new(language).terms(text).collect()
    }

    #[test]
    fn a_word_with_or_without_accents_and_in_the_singular_gives_one_term() {
        let found = terms("es", "características caracteristicas característica CARACTERÍSTICAS");
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|t| t == &found[0]), "{found:?}");
        assert!(found[0].starts_with("caracterist"), "{found:?}");
    }

    #[test]
    fn stems_are_the_beginning_of_the_folded_word_so_a_query_can_match_by_prefix() {
        for word in ["servucción", "organizaciones", "clientes", "quejas", "lealtad", "niño"] {
            let term = &terms("es", word)[0];
            assert!(fold(word).starts_with(term.as_str()), "{word} → {term}");
        }
        assert_eq!(terms("es", "servucción"), terms("es", "servuccion"));
        assert_eq!(terms("es", "niño")[0], "nin");
    }

    #[test]
    fn stop_words_go_and_english_is_stemmed_as_english() {
        assert_eq!(terms("es", "¿Qué es el servicio?"), terms("es", "servicio"));
        assert_eq!(terms("en", "The customers were complaining"), ["custom", "complain"]);
        // A language without rules is folded only.
        assert_eq!(terms("nl", "Klantenservice één"), ["klantenservice", "een"]);
    }

    #[test]
    fn folding_keeps_letters_of_other_scripts_and_digits() {
        assert_eq!(fold("Ñandú 2026"), "nandu 2026");
        assert_eq!(fold("ÇA"), "ca");
        assert_eq!(words("a-b, c_d ¿e? 3.5").collect::<Vec<_>>(), ["a", "b", "c", "d", "e", "3", "5"]);
    }
}
