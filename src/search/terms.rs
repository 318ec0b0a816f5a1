//! A page's words as search terms: lowercased, stemmed by Snowball for the course's language
//! (rust-stemmers), then with their accents folded (á → a, ñ → n), and stop words dropped.
//! Stemming comes first because Snowball's Spanish rules read the accents.
//!
//! The browser has no stemmer: it folds a query's words the same way and matches each to the
//! terms it starts, or that start it (`search.js`). For that, a term is always the beginning
//! of its folded word: Snowball sometimes rewrites an ending ("paciencia" → "pacient"), and
//! the term is then the part the stem and the word share ("pacien").
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

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
    "muy", "ni", "no", "nos", "o", "para", "pero", "por", "que", "se", "si", "sin", "sobre", "son",
    "su", "sus", "tambien", "te", "tu", "un", "una", "uno", "unos", "unas", "y", "ya", "yo",
];
const STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "she", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "you", "your",
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

    /// The terms of `text`, in order, stop words and single letters left out.
    #[cfg(test)]
    pub(crate) fn terms<'a>(&'a self, text: &'a str) -> impl Iterator<Item = String> + 'a {
        words(text).filter_map(move |word| self.term(word))
    }

    /// The term of one word, if it is worth finding.
    fn term(&self, word: &str) -> Option<String> {
        let lower = word.to_lowercase();
        let folded = fold(&lower);
        if folded.chars().nth(1).is_none() || self.stop.contains(&folded.as_str()) {
            return None;
        }
        let Some(stemmer) = &self.stemmer else {
            return Some(folded);
        };
        let stem = fold(&stemmer.stem(&lower));
        let shared = stem
            .char_indices()
            .zip(folded.chars())
            .find(|((_, a), b)| a != b)
            .map_or(stem.len().min(folded.len()), |((at, _), _)| at);
        let mut term = folded;
        term.truncate(shared);
        // A stem as short as one letter finds everything: the word itself is kept instead.
        Some(if term.chars().nth(1).is_none() {
            fold(&lower)
        } else {
            term
        })
    }
}

/// The terms of one build, each with a number: pages are read on every thread at once, and
/// each thread keeps the words it has seen, so that a word is stemmed once per thread
/// rather than at each of its thousands of occurrences.
pub(crate) struct Terms {
    analyzer: Analyzer,
    /// Tells this build's words from another's in a thread's cache.
    build: u64,
    known: Mutex<Known>,
}

/// Each term's number, and each number's term.
#[derive(Default)]
struct Known {
    ids: HashMap<Box<str>, u32>,
    list: Vec<Box<str>>,
}

/// A word's number in a thread's cache when it has no term.
const NONE: u32 = u32::MAX;
/// Words a thread remembers at most, so that a course of nonsense cannot fill the memory.
const CACHE_LIMIT: usize = 1 << 16;

thread_local! {
    static SEEN: RefCell<(u64, HashMap<Box<str>, u32>)> = RefCell::new((0, HashMap::new()));
}

impl Terms {
    pub(crate) fn new(language: &str) -> Terms {
        static BUILDS: AtomicU64 = AtomicU64::new(1);
        Terms {
            analyzer: Analyzer::new(language),
            build: BUILDS.fetch_add(1, Ordering::Relaxed),
            known: Mutex::new(Known::default()),
        }
    }

    /// Calls `found` with the number of each term of `text`, in order.
    pub(crate) fn each(&self, text: &str, mut found: impl FnMut(u32)) {
        SEEN.with_borrow_mut(|(build, seen)| {
            if *build != self.build || seen.len() > CACHE_LIMIT {
                *build = self.build;
                seen.clear();
            }
            for word in words(text) {
                let id = match seen.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = self.analyzer.term(word).map_or(NONE, |t| self.number(t));
                        seen.insert(word.into(), id);
                        id
                    }
                };
                if id != NONE {
                    found(id);
                }
            }
        });
    }

    /// The number of `term`, given it if it is new.
    fn number(&self, term: String) -> u32 {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = known.ids.get(term.as_str()) {
            return id;
        }
        let id = known.list.len() as u32;
        let term: Box<str> = term.into();
        known.ids.insert(term.clone(), id);
        known.list.push(term);
        id
    }

    /// The words left out, folded: the browser leaves them out of a query too.
    pub(crate) fn stop_words(&self) -> &'static [&'static str] {
        self.analyzer.stop
    }

    /// Every term so far, by number.
    pub(crate) fn list(&self) -> Vec<Box<str>> {
        self.known
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .list
            .clone()
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
        let found = terms(
            "es",
            "características caracteristicas característica CARACTERÍSTICAS",
        );
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|t| t == &found[0]), "{found:?}");
        assert!(found[0].starts_with("caracterist"), "{found:?}");
    }

    #[test]
    fn terms_are_the_beginning_of_the_folded_word_so_a_query_can_match_by_prefix() {
        for word in [
            "servucción",
            "organizaciones",
            "clientes",
            "quejas",
            "lealtad",
            "niño",
            "paciencia",
            "satisfacción",
            "cortesía",
            "comunicación",
            "empatía",
        ] {
            let term = &terms("es", word)[0];
            assert!(fold(word).starts_with(term.as_str()), "{word} → {term}");
        }
        assert_eq!(terms("es", "servucción"), terms("es", "servuccion"));
        assert_eq!(terms("es", "niño")[0], "nin");
        // English Snowball rewrites some endings ("happy" → "happi"); the term is then what
        // the stem and the word share.
        assert_eq!(terms("en", "happy happiness"), ["happ", "happi"]);
    }

    #[test]
    fn numbers_give_each_term_once_and_a_repeated_word_the_same_number() {
        let terms = Terms::new("es");
        let mut ids = Vec::new();
        terms.each("Clientes, cliente y CLIENTE; la queja", |id| ids.push(id));
        assert_eq!(ids.len(), 4, "{ids:?}");
        assert!(ids[..3].iter().all(|&id| id == ids[0]));
        assert_ne!(ids[3], ids[0]);
        // Another build starts from nothing, even on the same thread.
        let other = Terms::new("en");
        let mut first = None;
        other.each("queja", |id| first = Some(id));
        assert_eq!(first, Some(0));
        assert_eq!(&*terms.list()[ids[0] as usize], "client");
    }

    #[test]
    fn stop_words_go_and_english_is_stemmed_as_english() {
        assert_eq!(terms("es", "¿Qué es el servicio?"), terms("es", "servicio"));
        assert_eq!(
            terms("en", "The customers were complaining"),
            ["custom", "complain"]
        );
        // Single letters find too much to be worth an entry.
        assert_eq!(terms("es", "x e 7 ok"), ["ok"]);
        // A language without rules is folded only.
        assert_eq!(terms("nl", "Klantenservice één"), ["klantenservice", "een"]);
    }

    #[test]
    fn folding_keeps_letters_of_other_scripts_and_digits() {
        assert_eq!(fold("Ñandú 2026"), "nandu 2026");
        assert_eq!(fold("ÇA"), "ca");
        assert_eq!(
            words("a-b, c_d ¿e? 3.5").collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e", "3", "5"]
        );
    }
}
