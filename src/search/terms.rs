//! A page's words as search terms: lowercased, stemmed by Snowball for the course's language
//! (rust-stemmers), then with their accents folded (á → a, ñ → n), and stop words dropped.
//! Stemming comes first because Snowball's Spanish rules read the accents.
//!
//! The browser has no stemmer: it folds a query's words the same way and matches each to the
//! terms it starts, or that start it (`search.js`). For that, a term is always the beginning
//! of its folded word: Snowball sometimes rewrites an ending, and the term is then the part the stem and the word share: English "happy" stems to "happi",
//! and its term is "happ".

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::index::Field;

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
        words(text)
            .into_iter()
            .filter_map(move |word| self.term(word))
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
        // A stem as short as one letter finds everything: the word itself is kept instead.
        let mut term = folded;
        if term[..shared].chars().nth(1).is_some() {
            term.truncate(shared);
        }
        Some(term)
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
    ids: FxHashMap<Box<str>, u32>,
    list: Vec<Box<str>>,
}

/// A word's number in a thread's cache when it has no term.
const NONE: u32 = u32::MAX;
/// Words a thread remembers at most, so that a course of nonsense cannot fill the memory.
const CACHE_LIMIT: usize = 1 << 16;

/// What a thread keeps between pages.
#[derive(Default)]
struct Local {
    build: u64,
    /// Per word, by a 64-bit hash of its lowercased bytes, the number of its term. The hash
    /// stands for the word, so a lookup compares no text and keeps none. Two words of a
    /// course sharing a 64-bit hash is as likely as not once in billions of courses, and
    /// would cost one word its results.
    seen: FxHashMap<u64, u32>,
    /// Per term, by number, the page that last had it and where in that page's terms.
    mark: Vec<(u32, u32)>,
    /// The page being read, counted per thread.
    page: u32,
}

thread_local! {
    static LOCAL: RefCell<Local> = RefCell::new(Local::default());
}

/// The terms of one page, as it is read: each once, at the best field it was found in.
pub(crate) struct PageTerms<'a> {
    terms: &'a Terms,
    local: &'a mut Local,
    found: Vec<u32>,
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

    /// Reads a page with `read`, which adds its texts; returns its terms, as
    /// `number << 2 | field`, each once at its best field, and what `read` returned.
    pub(crate) fn page<R>(&self, read: impl FnOnce(&mut PageTerms) -> R) -> (Vec<u32>, R) {
        LOCAL.with_borrow_mut(|local| {
            if local.build != self.build {
                *local = Local {
                    build: self.build,
                    ..Local::default()
                };
            }
            if local.seen.len() > CACHE_LIMIT {
                local.seen.clear();
            }
            local.page = local.page.wrapping_add(1);
            let mut page = PageTerms {
                terms: self,
                local,
                found: Vec::new(),
            };
            let r = read(&mut page);
            (page.found, r)
        })
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

impl PageTerms<'_> {
    /// Adds the terms of `text`, found in `field`.
    pub(crate) fn add(&mut self, text: &str, field: Field) {
        self.add_except(text, field, &[]);
    }

    /// Adds the terms of `text`, found in `field`, but those of `except`.
    pub(crate) fn add_except(&mut self, text: &str, field: Field, except: &[u32]) {
        let field = field as u32;
        each_word(text, |word, hash| {
            let id = self.number(word, hash);
            if id == NONE || except.contains(&id) {
                return;
            }
            let local = &mut *self.local;
            let at = id as usize;
            if local.mark.len() <= at {
                local.mark.resize(at + 1, (0, 0));
            }
            let (page, slot) = local.mark[at];
            match self.found.get_mut(slot as usize) {
                Some(t) if page == local.page => *t = (*t).max(id << 2 | field),
                _ => {
                    local.mark[at] = (local.page, self.found.len() as u32);
                    self.found.push(id << 2 | field);
                }
            }
        });
    }

    /// The numbers of the terms of `text`, added nowhere.
    pub(crate) fn numbers(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        each_word(text, |word, hash| {
            let id = self.number(word, hash);
            if id != NONE {
                ids.push(id);
            }
        });
        ids
    }

    fn number(&mut self, word: &str, hash: u64) -> u32 {
        if let Some(&id) = self.local.seen.get(&hash) {
            return id;
        }
        let terms = self.terms;
        let id = terms.analyzer.term(word).map_or(NONE, |t| terms.number(t));
        self.local.seen.insert(hash, id);
        id
    }
}

/// Calls `found` with each word of `text`, a run of letters and digits, and a hash of it
/// lowercased. This reads every word of a course, so it finds them 64 bytes at a time, as
/// runs of ones in a mask of the bytes that may be in a word (`crate::words::word_bytes`:
/// ASCII letters and digits, and any byte beyond ASCII). A run with bytes beyond ASCII is
/// split again by characters, since `¿` or `—` is no letter.
fn each_word<'a>(text: &'a str, mut found: impl FnMut(&'a str, u64)) {
    use crate::words::{word_bytes, BLOCK};
    let bytes = text.as_bytes();
    let mut emit = |from: usize, to: usize| {
        let run = &text[from..to];
        if run.is_ascii() {
            found(run, hash(run));
            return;
        }
        for word in run
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            found(word, hash(word));
        }
    };
    let mut start: Option<usize> = None;
    for (k, block) in bytes.chunks(BLOCK).enumerate() {
        let base = k * BLOCK;
        let mask = word_bytes(block);
        let n = block.len() as u32;
        let mut i = 0u32;
        while i < n {
            let rest = mask >> i;
            match start {
                Some(from) => {
                    i += rest.trailing_ones().min(n - i);
                    if i < n {
                        emit(from, base + i as usize);
                        start = None;
                    }
                }
                None if rest == 0 => break,
                None => {
                    i += rest.trailing_zeros();
                    start = Some(base + i as usize);
                }
            }
        }
    }
    if let Some(from) = start {
        emit(from, bytes.len());
    }
}

/// A hash of `word` with its ASCII letters lowercased (FxHash's step, a byte at a time):
/// "Servicio" and "servicio" are one word to the cache, whose miss lowercases it fully.
fn hash(word: &str) -> u64 {
    word.bytes().fold(word.len() as u64, |h, b| {
        (h.rotate_left(5) ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x517c_c1b7_2722_0a95)
    })
}

/// The words of `text`: runs of letters and digits.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<&str> {
    let mut all = Vec::new();
    each_word(text, |word, _| all.push(word));
    all
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
    fn a_page_has_each_term_once_at_its_best_field_and_a_repeated_word_one_number() {
        let terms = Terms::new("es");
        let (found, answer) = terms.page(|page| {
            page.add("Clientes, cliente y CLIENTE; la queja", Field::Text);
            page.add("El cliente", Field::Title);
            let answer = page.numbers("Reclamo");
            page.add_except("queja, reclamo", Field::Heading, &answer);
            page.numbers("reclamo")
        });
        let list = terms.list();
        let named: Vec<(&str, u32)> = found
            .iter()
            .map(|t| (&*list[(t >> 2) as usize], t & 3))
            .collect();
        assert_eq!(named, [("client", 2), ("quej", 1)]);
        assert_eq!(&*list[answer[0] as usize], "reclam");
        // The next page starts from nothing; another build, even on this thread, too.
        let (next, ()) = terms.page(|page| page.add("queja", Field::Text));
        assert_eq!(next, [found[1] & !3]);
        let other = Terms::new("en");
        let (first, ()) = other.page(|page| page.add("complaints", Field::Text));
        assert_eq!(first, [0]);
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
    fn words_are_found_and_hashed_alike_however_the_text_falls_in_blocks() {
        let simple = |t: &str| -> Vec<String> {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        let texts = [
            "¿Qué es la servucción? —preguntó— «el proceso»; 3,5 % del año… ok".to_string(),
            "word ".repeat(40),
            format!("{}end", "x".repeat(63)),
            format!("{} Ñandú{}", "a".repeat(62), "b".repeat(70)),
            "AT&T, e-mail_x: 1.2.3 ¡Hola!".to_string(),
        ];
        for text in &texts {
            // Each prefix too, so that every word meets the end of the text and of a block.
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    words(&text[..end]),
                    simple(&text[..end]),
                    "{:?}",
                    &text[..end]
                );
            }
        }
        let mut hashes = Vec::new();
        each_word("Servicio servicio SERVICIO servicios", |_, h| {
            hashes.push(h)
        });
        assert!(hashes[0] == hashes[1] && hashes[1] == hashes[2] && hashes[2] != hashes[3]);
    }

    #[test]
    fn folding_keeps_letters_of_other_scripts_and_digits() {
        assert_eq!(fold("Ñandú 2026"), "nandu 2026");
        assert_eq!(fold("ÇA"), "ca");
        assert_eq!(
            words("a-b, c_d ¿e? 3.5"),
            ["a", "b", "c", "d", "e", "3", "5"]
        );
    }
}
