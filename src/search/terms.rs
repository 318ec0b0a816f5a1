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
/// Words a thread remembers at most, so that a course of nonsense cannot fill the memory:
/// each takes 32 bytes at most, and a course has tens of thousands.
const CACHE_LIMIT: usize = 1 << 18;

/// What a thread keeps between pages.
#[derive(Default)]
struct Local {
    build: u64,
    /// Per word, by a 64-bit hash of its bytes ([`hash`]), its term's number and the last
    /// page and field it was added at. The hash stands for the word, so a lookup compares
    /// no text and keeps none. Two words of a course sharing a 64-bit hash is as likely as
    /// not once in billions of courses, and would cost one word its results.
    seen: WordCache,
    /// The page being read, counted per thread.
    page: u32,
    /// Where a page's terms are gathered.
    found: Found,
}

/// A page's terms as they are found: a list that only grows, and how much of it is the
/// page's. A term is written at the end whether it is new or not, and counted only if it
/// is: about a third of a page's words are seen again, too unevenly for a branch to guess.
#[derive(Default)]
struct Found {
    list: Vec<u32>,
    len: usize,
}

impl Found {
    #[inline(always)]
    fn push_if(&mut self, keep: bool, term: u32) {
        if self.len == self.list.len() {
            self.list.resize(self.list.len() * 2 + 256, 0);
        }
        self.list[self.len] = term;
        self.len += usize::from(keep);
    }

    fn push(&mut self, term: u32) {
        self.push_if(true, term);
    }

    fn terms(&self) -> &[u32] {
        &self.list[..self.len]
    }
}

/// A word in a thread's cache.
#[derive(Clone, Copy)]
struct Seen {
    term: u32,
    /// `page << 2 | field` when it was last added: the same word again on the same page, at
    /// no better field, is all most words of a page are, and is done with at this. Pages
    /// only count up, so this is at least a page's `page << 2 | field` only when added on
    /// that page at that field or a better one.
    added: u32,
}

thread_local! {
    static LOCAL: RefCell<Local> = RefCell::new(Local::default());
}

/// The terms of one page, as it is read: each once per form of its word ("Cliente",
/// "clientes"), at the best field that form was found in. The index keeps a term once per
/// page, at its best field (`index::files`): done there, it is a compare per page and term,
/// where here it was another lookup per word.
pub(crate) struct PageTerms<'a> {
    terms: &'a Terms,
    local: &'a mut Local,
    found: Found,
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
    /// `number << 2 | field` ([`PageTerms`]), and what `read` returned.
    pub(crate) fn page<R>(&self, read: impl FnOnce(&mut PageTerms) -> R) -> (Vec<u32>, R) {
        LOCAL.with_borrow_mut(|local| {
            if local.build != self.build || local.seen.len > CACHE_LIMIT {
                *local = Local {
                    build: self.build,
                    ..Local::default()
                };
            }
            // 30 bits of page number go in `Seen::added`; 0 is no page.
            local.page = (local.page + 1) & (u32::MAX >> 2);
            if local.page == 0 {
                local.page = 1;
                local.seen.slots.iter_mut().for_each(|(_, s)| s.added = 0);
            }
            // The list a page's terms are gathered in is the thread's, used again and again;
            // the page keeps a copy just its size.
            let mut found = std::mem::take(&mut local.found);
            found.len = 0;
            let mut page = PageTerms {
                terms: self,
                local,
                found,
            };
            let r = read(&mut page);
            let terms = page.found.terms().to_vec();
            page.local.found = page.found;
            (terms, r)
        })
    }

    /// A word this thread had not seen: its term, numbered.
    #[cold]
    fn first_seen(&self, word: &[u8]) -> Seen {
        let term = std::str::from_utf8(word)
            .ok()
            .and_then(|word| self.analyzer.term(word));
        Seen {
            term: term.map_or(NONE, |t| self.number(t)),
            added: 0,
        }
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
    /// Adds the terms of `text`, found in `field`. This is every word of a course, so it is
    /// one loop: find the word, hash it, look it up, and most often stop there, since most
    /// words of a page are words it had already.
    pub(crate) fn add(&mut self, text: &str, field: Field) {
        let added = self.local.page << 2 | field as u32;
        let bytes = text.as_bytes();
        for (from, to) in Runs::new(bytes) {
            let (hash, ascii) = hash(bytes, from, to);
            if !ascii && !letters(&text[from..to]) {
                self.add_split(&text[from..to], added);
                continue;
            }
            self.add_word(&bytes[from..to], hash, added);
        }
    }

    /// Adds the words of `run`, a run with characters beyond ASCII, one by one: `¿` or `—`
    /// is no letter.
    #[inline(never)]
    fn add_split(&mut self, run: &str, added: u32) {
        for word in split(run) {
            let (hash, _) = hash(word.as_bytes(), 0, word.len());
            self.add_word(word.as_bytes(), hash, added);
        }
    }

    #[inline(always)]
    fn add_word(&mut self, word: &[u8], hash: u64, added: u32) {
        let terms = self.terms;
        let seen = self
            .local
            .seen
            .get_or_insert(hash, || terms.first_seen(word));
        let new = seen.added < added;
        seen.added = seen.added.max(added);
        self.found
            .push_if(new && seen.term != NONE, seen.term << 2 | (added & 3));
    }

    /// Adds the terms of `text`, found in `field`, but those of `except`.
    pub(crate) fn add_except(&mut self, text: &str, field: Field, except: &[u32]) {
        each_word(text, |word, hash| {
            let term = self.seen(word, hash).term;
            if term != NONE && !except.contains(&term) {
                self.found.push(term << 2 | field as u32);
            }
        });
    }

    /// The numbers of the terms of `text`, added nowhere.
    pub(crate) fn numbers(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        each_word(text, |word, hash| {
            let term = self.seen(word, hash).term;
            if term != NONE {
                ids.push(term);
            }
        });
        ids
    }

    /// The cache's entry for `word`, stemmed the first time this thread sees it.
    #[inline(always)]
    fn seen(&mut self, word: &[u8], hash: u64) -> &mut Seen {
        let terms = self.terms;
        self.local
            .seen
            .get_or_insert(hash, || terms.first_seen(word))
    }
}

/// A thread's words by hash, with what it knows of each: open addressing with linear
/// probing, at most half full. A lookup is most of what each word of a course costs, and
/// this one is a mask, a load and a compare; a general hash map (hashbrown, through
/// `HashMap::entry`) took twice the instructions of the whole rest of a word's path.
struct WordCache {
    /// A key of 0 is an empty slot; [`hash`] gives none.
    slots: Vec<(u64, Seen)>,
    len: usize,
}

impl Default for WordCache {
    fn default() -> WordCache {
        WordCache {
            slots: vec![
                (
                    0,
                    Seen {
                        term: NONE,
                        added: 0
                    }
                );
                1 << 12
            ],
            len: 0,
        }
    }
}

impl WordCache {
    /// The slot of `hash`, or the empty one it would go in.
    #[inline]
    fn slot(&self, hash: u64) -> (usize, bool) {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i].0 {
                k if k == hash => return (i, true),
                0 => return (i, false),
                _ => i = (i + 1) & mask,
            }
        }
    }

    #[inline(always)]
    fn get_or_insert(&mut self, hash: u64, make: impl FnOnce() -> Seen) -> &mut Seen {
        let (i, found) = self.slot(hash);
        let i = if found { i } else { self.insert(hash, make()) };
        &mut self.slots[i].1
    }

    /// Adds a word the cache did not have; returns its slot.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, hash: u64, seen: Seen) -> usize {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (i, _) = self.slot(hash);
        self.slots[i] = (hash, seen);
        self.len += 1;
        i
    }

    #[cold]
    fn grow(&mut self) {
        let bigger = vec![
            (
                0,
                Seen {
                    term: NONE,
                    added: 0
                }
            );
            self.slots.len() * 2
        ];
        let old = std::mem::replace(&mut self.slots, bigger);
        for (key, seen) in old.into_iter().filter(|(k, _)| *k != 0) {
            let (i, _) = self.slot(key);
            self.slots[i] = (key, seen);
        }
    }
}

/// Calls `found` with each word of `text`, a run of letters and digits, and its [`hash`].
fn each_word<'a>(text: &'a str, mut found: impl FnMut(&'a [u8], u64)) {
    let bytes = text.as_bytes();
    for (from, to) in Runs::new(bytes) {
        let (h, ascii) = hash(bytes, from, to);
        if ascii {
            found(&bytes[from..to], h);
            continue;
        }
        for word in split(&text[from..to]) {
            found(word.as_bytes(), hash(word.as_bytes(), 0, word.len()).0);
        }
    }
}

/// Whether `run`, which has characters beyond ASCII, is letters and digits only, so one
/// word: a Spanish word with an accent or an ñ, most often, whose letters beyond ASCII are
/// all from Latin-1 (two bytes, the first C3; C3 97 and C3 B7 are × and ÷). A run with any
/// other is asked character by character.
fn letters(run: &str) -> bool {
    let bytes = run.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if b < 0x80 => i += 1,
            0xC3 if !matches!(bytes.get(i + 1), Some(0x97 | 0xB7)) => i += 2,
            _ => return run.chars().all(char::is_alphanumeric),
        }
    }
    true
}

/// The words of a run with characters beyond ASCII.
fn split(run: &str) -> impl Iterator<Item = &str> {
    run.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Each run of bytes that may be in a word, as `(start, end)`. They are found 64 bytes at a
/// time, as where a mask of those bytes (`crate::words::word_bytes`: ASCII letters and
/// digits, and any byte beyond ASCII) turns on and off; a run with bytes beyond ASCII is then
/// split by characters ([`split`]). A block's starts and ends take turns, so the lowest end
/// ends the lowest start, or the run a block before left open. An iterator rather than a
/// callback, so that the loop over a course's words is one loop, the caller's, with no call
/// per word.
struct Runs<'a> {
    bytes: &'a [u8],
    /// Where the next block starts.
    next: usize,
    /// Where the block being read starts, and its starts and ends not yet paired.
    base: usize,
    starts: u64,
    ends: u64,
    /// Where a run started that a block before this one left open.
    open: Option<usize>,
    /// Whether the last byte of the block before was in a run.
    carry: u64,
    /// The last block, padded with spaces to end a run open at the end, has been read.
    done: bool,
}

impl<'a> Runs<'a> {
    fn new(bytes: &'a [u8]) -> Runs<'a> {
        Runs {
            bytes,
            next: 0,
            base: 0,
            starts: 0,
            ends: 0,
            open: None,
            carry: 0,
            done: false,
        }
    }

    /// Reads the next block's mask; false after the last.
    #[inline(always)]
    fn load(&mut self) -> bool {
        use crate::words::{word_bytes, BLOCK};
        // A start left in the block read, with no end, begins a run that goes on.
        if self.starts != 0 {
            self.open = Some(self.base + self.starts.trailing_zeros() as usize);
        }
        if self.done {
            return false;
        }
        let base = self.next;
        let mask = match self.bytes.get(base..base + BLOCK) {
            Some(block) => block.try_into().map_or(0, word_bytes),
            None => {
                let tail = &self.bytes[base.min(self.bytes.len())..];
                let mut last = [b' '; BLOCK];
                last[..tail.len()].copy_from_slice(tail);
                self.done = true;
                word_bytes(&last)
            }
        };
        self.next = base + BLOCK;
        self.base = base;
        let before = mask << 1 | self.carry;
        self.carry = mask >> 63;
        self.starts = mask & !before;
        self.ends = !mask & before;
        true
    }
}

impl Iterator for Runs<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        while self.ends == 0 {
            if !self.load() {
                return None;
            }
        }
        let end = self.base + self.ends.trailing_zeros() as usize;
        self.ends &= self.ends - 1;
        let start = self.open.take().unwrap_or_else(|| {
            let start = self.base + self.starts.trailing_zeros() as usize;
            self.starts &= self.starts - 1;
            start
        });
        Some((start, end))
    }
}

/// A hash of the word at `from..to` of `bytes`, and whether it is all ASCII: eight bytes
/// at a time, each step a multiply folded on itself (as in wyhash and foldhash), which mixes
/// every bit of the key into the low bits a hash map indexes by and the high ones it checks
/// by. Most words are read in one load of eight bytes and a mask.
#[inline]
fn hash(bytes: &[u8], from: usize, to: usize) -> (u64, bool) {
    let len = to - from;
    if len <= 16 {
        if let Some(&[a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p]) = bytes.get(from..from + 16)
        {
            // Both halves are read and hashed, and the second kept only for a long word,
            // with no branch on the length to guess wrong.
            let mask = |n: usize| u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0);
            let x = u64::from_le_bytes([a, b, c, d, e, f, g, h]) & mask(len.min(8));
            let y = u64::from_le_bytes([i, j, k, l, m, n, o, p]) & mask(len.saturating_sub(8));
            let one = mix(len as u64, x);
            let two = mix(one, y);
            return (if len > 8 { two } else { one }, (x | y) & HIGH == 0);
        }
    }
    let mut h = len as u64;
    let mut high = 0;
    for chunk in bytes[from..to].chunks(8) {
        let x = chunk.iter().rev().fold(0, |x, &b| x << 8 | u64::from(b));
        high |= x;
        h = mix(h, x);
    }
    (h, high & HIGH == 0)
}

/// The top bit of each byte: set in bytes beyond ASCII.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// One step of [`hash`]. 0 marks an empty slot of the cache, and is never a hash.
#[inline]
fn mix(h: u64, x: u64) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let m = u128::from(h ^ x) * u128::from(K);
    ((m as u64) ^ ((m >> 64) as u64)).max(1)
}

/// The words of `text`: runs of letters and digits.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<&str> {
    let mut all = Vec::new();
    each_word(text, |word, _| {
        all.push(std::str::from_utf8(word).unwrap_or_default())
    });
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
    fn a_page_has_each_form_of_a_word_once_at_its_best_field_and_a_term_one_number() {
        let terms = Terms::new("es");
        let (found, answer) = terms.page(|page| {
            page.add("Clientes, cliente y CLIENTE; la queja, queja", Field::Text);
            page.add("El cliente", Field::Title);
            page.add("cliente", Field::Text);
            let answer = page.numbers("Reclamo");
            page.add_except("queja, reclamo", Field::Heading, &answer);
            page.numbers("reclamo")
        });
        let list = terms.list();
        let named: Vec<(&str, u32)> = found
            .iter()
            .map(|t| (&*list[(t >> 2) as usize], t & 3))
            .collect();
        // Three forms of "cliente", the second again as a title; "queja" once as text.
        assert_eq!(
            named,
            [
                ("client", 0),
                ("client", 0),
                ("client", 0),
                ("quej", 0),
                ("client", 2),
                ("quej", 1)
            ]
        );
        assert_eq!(&*list[answer[0] as usize], "reclam");
        // The next page starts from nothing; another build, even on this thread, too.
        let (next, ()) = terms.page(|page| page.add("queja", Field::Text));
        assert_eq!(next, [found[3]]);
        let other = Terms::new("en");
        let (first, ()) = other.page(|page| page.add("complaints", Field::Text));
        assert_eq!(first, [0]);
    }

    #[test]
    fn a_cache_that_grows_keeps_every_word() {
        let terms = Terms::new("en");
        let text: String = (0..20_000).map(|i| format!("word{i} ")).collect();
        let (first, ()) = terms.page(|page| page.add(&text, Field::Text));
        let (again, ()) = terms.page(|page| page.add(&text, Field::Text));
        assert_eq!(first.len(), 20_000);
        assert_eq!(first, again);
        assert_eq!(terms.list().len(), 20_000);
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
        // A word is hashed from its place in the text, eight bytes at once, or byte by byte
        // near the text's end: the same word gets the same hash either way.
        let mut hashes = Vec::new();
        each_word(
            "servicio Servicio servicio ¿servicio? servicios sal, sal servicio",
            |_, h| hashes.push(h),
        );
        assert_eq!(hashes[0], hashes[2]);
        assert_eq!(hashes[0], hashes[3]);
        assert_eq!(hashes[0], hashes[7]);
        assert_eq!(hashes[5], hashes[6]);
        assert_ne!(hashes[0], hashes[1]);
        assert_ne!(hashes[0], hashes[4]);
        let mut end = Vec::new();
        each_word("sal servicios", |_, h| end.push(h));
        assert_eq!(end, [hashes[5], hashes[4]]);
    }

    #[test]
    fn a_word_with_accents_is_one_word_and_punctuation_beyond_ascii_splits_a_run() {
        for (run, whole) in [
            ("servucción", true),
            ("ÑANDÚ", true),
            ("Ωμέγα", true),
            ("¿Qué", false),
            ("3×4", false),
            ("—dijo", false),
            ("año…", false),
        ] {
            assert_eq!(letters(run), whole, "{run}");
        }
        let terms = Terms::new("es");
        let (found, ()) = terms.page(|page| page.add("¿Qué es la servucción? —dijo", Field::Text));
        let list = terms.list();
        let named: Vec<&str> = found.iter().map(|t| &*list[(t >> 2) as usize]).collect();
        assert_eq!(named, ["servuccion", "dij"]);
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
