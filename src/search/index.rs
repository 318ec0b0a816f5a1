//! The index as the browser reads it: scripts that each call `aulaIndex(name, data)`, since
//! a page opened from disk can load a script but not fetch a file.
//!
//! `search-index.js` (`main`) holds the format's version (2), how many pages there are (the
//! browser scores them in arrays that long), the modules' titles and every term, sorted. A
//! course whose index fits in [`BUDGET`] has everything there too: per term, its postings;
//! per page, what a result shows. A larger course's postings are cut into shards of
//! [`SHARD`] bytes by range of terms (`search-index-t0.js`, …), and its pages into chunks
//! of [`CHUNK`] bytes (`search-index-d0.js`, …), which the browser loads as a query needs
//! them: the shards that hold its words' terms, and the chunks that hold its first
//! results. `main` then says where each shard and chunk starts.
//!
//! A term's postings are, per page it is on, the page's number in reading order and where
//! the term is at best there ([`Field`]), as `(page - previous page) * 4 + field`, each
//! written as a variable-length number in [`DIGITS`]: one character for most.

use std::io::Write;

/// Where a term is on a page, from the place that ranks lowest to the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    Text = 0,
    Heading = 1,
    /// The page's title, or an entry of a glossary.
    Title = 2,
}

/// One page, as the index has it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Doc {
    pub title: String,
    /// Its module's number among the index's modules.
    pub module: Option<usize>,
    /// From the site's root.
    pub url: String,
    pub excerpt: String,
    pub headings: Vec<Heading>,
    /// Its terms, as `term << 2 | field`: each at least once, at its best field at least
    /// once (once per form of its word, as `terms.rs` finds them).
    pub terms: Vec<u32>,
}

/// A page as the index keeps it until it is written: its row, as the browser reads it, and
/// its terms. One allocation of text a page, not one per field, for the whole build.
pub(crate) struct Indexed {
    row: Vec<u8>,
    terms: Vec<u32>,
}

impl Doc {
    pub(crate) fn indexed(self) -> Indexed {
        let mut row = Vec::with_capacity(256);
        doc_json(&self, &mut row);
        row.shrink_to_fit();
        Indexed {
            row,
            terms: self.terms,
        }
    }
}

/// A heading of a page, which a result opens at.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub text: String,
    pub anchor: String,
    /// What follows an entry of a glossary, which is what a reader looks it up for.
    pub excerpt: Option<String>,
}

/// The most a course's index is in one file, and so the most a first query loads, about.
pub(crate) const BUDGET: usize = 1024 * 1024;
/// The size of a shard of postings.
pub(crate) const SHARD: usize = 160 * 1024;
/// The size of a chunk of pages.
pub(crate) const CHUNK: usize = 48 * 1024;
/// The digits of a posting: the first 32 end a number, the others go on.
pub(crate) const DIGITS: &[u8; 64] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// The main file, from the site's root.
pub(crate) const MAIN: &str = "assets/search-index.js";

/// Writes the index's files with `write`, given each one's path from the site's root and
/// its text in pieces: `docs` in reading order, with `terms` their terms by number. The
/// pieces are slices of the index made once, not copies of it for each file.
pub(crate) fn write(
    modules: &[String],
    stop: &[&str],
    docs: &[Indexed],
    terms: &[Box<str>],
    budget: usize,
    write: &mut dyn FnMut(&str, &[&[u8]]),
) {
    let postings = postings(docs, terms.len());
    // A term seen only where it is not indexed (a quiz's answer) is left out with its
    // empty postings: its mere presence would give the answer away.
    let mut order: Vec<usize> = (0..terms.len())
        .filter(|&t| !postings[t].is_empty())
        .collect();
    order.sort_unstable_by(|&a, &b| terms[a].cmp(&terms[b]));
    let sorted: Vec<&str> = order.iter().map(|&t| &*terms[t]).collect();
    let mut post = Items::default();
    for &t in &order {
        post.text.push(b'"');
        post.text.extend_from_slice(&postings[t]);
        post.text.push(b'"');
        post.end();
    }
    drop(postings);
    let mut pages = Items::default();
    for doc in docs {
        pages.text.extend_from_slice(&doc.row);
        pages.end();
    }
    let whole =
        post.text.len() + pages.text.len() + sorted.iter().map(|t| t.len() + 3).sum::<usize>();
    // What every course's main file starts with; the rest is the index itself, or where
    // its shards and chunks start.
    let head = [
        &b"aulaIndex(\"main\",{\"v\":2,\"pages\":"[..],
        docs.len().to_string().as_bytes(),
        b",\"modules\":",
        &json(&modules),
        b",\"stop\":",
        &json(&stop),
        b",\"terms\":",
        &json(&sorted),
    ]
    .concat();
    if whole <= budget {
        let all = [
            &head[..],
            b",\"post\":[",
            post.slice(0..post.len()),
            b"],\"docs\":[",
            pages.slice(0..pages.len()),
            b"]});\n",
        ];
        return write(MAIN, &all);
    }
    let shards = post.cut(SHARD);
    let chunks = pages.cut(CHUNK);
    let main = [
        &head[..],
        b",\"shards\":",
        &json(&&shards[..shards.len() - 1]),
        b",\"chunks\":",
        &json(&&chunks[..chunks.len() - 1]),
        b"});\n",
    ];
    write(MAIN, &main);
    for (kind, items, starts) in [('t', &post, &shards), ('d', &pages, &chunks)] {
        for (i, range) in starts.windows(2).enumerate() {
            let name = format!("aulaIndex(\"{kind}{i}\",[");
            let part = [name.as_bytes(), items.slice(range[0]..range[1]), b"]);\n"];
            write(&format!("assets/search-index-{kind}{i}.js"), &part);
        }
    }
}

/// The index's files, as (path from the site's root, text).
#[cfg(test)]
pub(crate) fn files(
    modules: &[String],
    stop: &[&str],
    docs: &[Doc],
    terms: &[Box<str>],
    budget: usize,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let docs: Vec<Indexed> = docs.iter().cloned().map(Doc::indexed).collect();
    write(modules, stop, &docs, terms, budget, &mut |path, pieces| {
        files.push((path.to_string(), pieces.concat()));
    });
    files
}

/// `value` as JSON.
fn json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// Every term's postings, encoded ([`encode`]), by term. The pages come in reading order,
/// so each term's do too, and a term a page has more than once (once per form of its word)
/// is written once, at its best field.
fn postings(docs: &[Indexed], terms: usize) -> Vec<Vec<u8>> {
    let mut postings: Vec<Postings> = (0..terms).map(|_| Postings::default()).collect();
    for (page, doc) in docs.iter().enumerate() {
        for &t in &doc.terms {
            if let Some(term) = postings.get_mut((t >> 2) as usize) {
                term.add(page as u32, t & 3);
            }
        }
    }
    postings.into_iter().map(Postings::end).collect()
}

/// One term's postings as they are written.
#[derive(Default)]
struct Postings {
    text: Vec<u8>,
    /// The page last written, which the next is written from.
    written: u32,
    /// The page last added, and its best field so far: written when another page comes.
    last: Option<(u32, u32)>,
}

impl Postings {
    #[inline]
    fn add(&mut self, page: u32, field: u32) {
        match &mut self.last {
            Some((last, best)) if *last == page => *best = (*best).max(field),
            last => {
                if let Some((page, field)) = last.replace((page, field)) {
                    self.write(page, field);
                }
            }
        }
    }

    fn write(&mut self, page: u32, field: u32) {
        push_posting(&mut self.text, page - self.written, field);
        self.written = page;
    }

    fn end(mut self) -> Vec<u8> {
        if let Some((page, field)) = self.last.take() {
            self.write(page, field);
        }
        self.text
    }
}

/// JSON values one after another, with a comma between, and where each ends: an array of
/// any run of them is a slice of the text.
#[derive(Default)]
struct Items {
    text: Vec<u8>,
    ends: Vec<usize>,
}

impl Items {
    /// Ends the value just written.
    fn end(&mut self) {
        self.ends.push(self.text.len());
        self.text.push(b',');
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The values of `range`, with the commas between them.
    fn slice(&self, range: std::ops::Range<usize>) -> &[u8] {
        let start = match range.start {
            0 => 0,
            i => self.ends[i - 1] + 1,
        };
        let end = match range.end {
            0 => 0,
            i => self.ends[i - 1],
        };
        self.text.get(start..end.max(start)).unwrap_or_default()
    }

    /// Where each run of values of about `size` bytes starts, and the end.
    fn cut(&self, size: usize) -> Vec<usize> {
        let mut starts = vec![0];
        let mut from = 0;
        for (i, &end) in self.ends.iter().enumerate() {
            if i > *starts.last().unwrap_or(&0) && end - from > size {
                starts.push(i);
                from = self.ends[i - 1];
            }
        }
        starts.push(self.ends.len());
        starts
    }
}

/// One page as the browser reads it, `[title, module or -1, url, excerpt, headings]`,
/// written to `out`; a heading is `[text, anchor]`, or `[text, anchor, excerpt]`.
fn doc_json(doc: &Doc, out: &mut Vec<u8>) {
    // Writing to memory fails only if serializing does, which strings never do.
    let string = |out: &mut Vec<u8>, s: &str| serde_json::to_writer(&mut *out, s).ok();
    out.push(b'[');
    string(out, &doc.title);
    match doc.module {
        Some(m) => write!(out, ",{m},"),
        None => write!(out, ",-1,"),
    }
    .ok();
    string(out, &doc.url);
    out.push(b',');
    string(out, &doc.excerpt);
    out.extend_from_slice(b",[");
    for (i, h) in doc.headings.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
        string(out, &h.text);
        out.push(b',');
        string(out, &h.anchor);
        if let Some(excerpt) = &h.excerpt {
            out.push(b',');
            string(out, excerpt);
        }
        out.push(b']');
    }
    out.extend_from_slice(b"]]");
}

/// A term's postings, `page << 2 | field` in page order, as the browser reads them.
#[cfg(test)]
pub(crate) fn encode(postings: &[u32]) -> String {
    let mut out = Vec::new();
    let mut previous = 0;
    for &p in postings {
        push_posting(&mut out, (p >> 2) - previous, p & 3);
        previous = p >> 2;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Writes one posting: `delta` pages after the one before, at `field`.
#[inline]
fn push_posting(out: &mut Vec<u8>, delta: u32, field: u32) {
    let mut value = u64::from(delta) << 2 | u64::from(field);
    if value < 32 {
        out.push(DIGITS[value as usize]);
        return;
    }
    // Most significant digit first; every digit but the last is one that goes on.
    let mut digits = [0u8; 8];
    let mut n = 0;
    loop {
        digits[n] = (value & 31) as u8;
        n += 1;
        value >>= 5;
        if value == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let go_on = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[usize::from(digits[i]) + go_on]);
    }
}

#[cfg(test)]
pub(crate) fn decode(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut value, mut page) = (0u64, 0u32);
    for c in text.bytes() {
        let d = DIGITS.iter().position(|&x| x == c).unwrap_or(0) as u64;
        value = value << 5 | (d & 31);
        if d < 32 {
            page += (value >> 2) as u32;
            out.push(page << 2 | (value & 3) as u32);
            value = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_they_went_and_a_near_page_takes_one_character() {
        let postings = [2, 1 << 2 | 1, 3 << 2, 40 << 2 | 2, 100_000 << 2 | 1];
        let text = encode(&postings);
        assert_eq!(decode(&text), postings);
        assert_eq!(encode(&[0, 1 << 2, 2 << 2 | 2]).len(), 3);
    }

    #[test]
    fn a_term_a_page_has_in_several_forms_is_one_posting_at_its_best_field() {
        let docs = [
            Doc {
                terms: vec![1 << 2, 0, 1 << 2 | 2, 1 << 2 | 1],
                ..Doc::default()
            },
            Doc {
                terms: vec![1 << 2 | 1, 1 << 2],
                ..Doc::default()
            },
        ];
        let docs: Vec<Indexed> = docs.into_iter().map(Doc::indexed).collect();
        let postings = postings(&docs, 3);
        let decoded: Vec<Vec<u32>> = postings
            .iter()
            .map(|p| decode(std::str::from_utf8(p).unwrap_or_default()))
            .collect();
        assert_eq!(decoded, [vec![0], vec![2, 1 << 2 | 1], vec![]]);
    }

    fn course(pages: usize) -> (Vec<Doc>, Vec<Box<str>>) {
        // Term 300 is on no page.
        let terms: Vec<Box<str>> = (0..301).map(|i| format!("term{i:03}").into()).collect();
        let docs = (0..pages)
            .map(|p| Doc {
                title: format!("Page {p}"),
                url: format!("m/p{p}.html"),
                excerpt: "An excerpt of some length, as a page has.".into(),
                terms: (p % 7..300).step_by(3).map(|t| (t as u32) << 2).collect(),
                ..Doc::default()
            })
            .collect();
        (docs, terms)
    }

    #[test]
    fn a_small_course_has_one_file_and_a_large_one_shards_that_each_stay_small() {
        let (mut docs, terms) = course(50);
        docs[1].module = Some(0);
        docs[1].headings = vec![
            Heading {
                text: "A \"quoted\" one".into(),
                anchor: "a".into(),
                excerpt: None,
            },
            Heading {
                text: "Entry".into(),
                anchor: "entry".into(),
                excerpt: Some("What it means.".into()),
            },
        ];
        let one = files(&[], &[], &docs, &terms, BUDGET);
        assert_eq!(one.len(), 1);
        assert!(one[0]
            .1
            .starts_with(b"aulaIndex(\"main\",{\"v\":2,\"pages\":50,"));
        let main: serde_json::Value =
            serde_json::from_slice(&one[0].1["aulaIndex(\"main\",".len()..one[0].1.len() - 3])
                .expect("main is JSON");
        assert_eq!(
            main["docs"][0],
            serde_json::json!(["Page 0", -1, "m/p0.html", docs[0].excerpt, []])
        );
        assert_eq!(
            main["docs"][1][4],
            serde_json::json!([
                ["A \"quoted\" one", "a"],
                ["Entry", "entry", "What it means."]
            ])
        );
        assert_eq!(main["docs"][1][1], 0);
        assert_eq!(main["post"].as_array().map(Vec::len), Some(300));
        let (docs, terms) = course(5000);
        let many = files(&["M".into()], &["y"], &docs, &terms, 64 * 1024);
        assert!(many.len() > 3, "{}", many.len());
        assert!(many.iter().any(|(p, _)| p == "assets/search-index-t1.js"));
        assert!(many.iter().any(|(p, _)| p == "assets/search-index-d1.js"));
        for (path, text) in &many[1..] {
            assert!(text.len() < 2 * SHARD, "{path}: {}", text.len());
        }
        let main: serde_json::Value =
            serde_json::from_slice(&many[0].1["aulaIndex(\"main\",".len()..many[0].1.len() - 3])
                .expect("main is JSON");
        assert_eq!(main["terms"][0], "term000");
        assert_eq!(main["terms"].as_array().map(Vec::len), Some(300));
        // Every page and every term's postings are in exactly one chunk or shard.
        let parts = |kind: &str| many.iter().filter(|(p, _)| p.contains(kind)).count();
        assert_eq!(main["chunks"].as_array().map(Vec::len), Some(parts("-d")));
        assert_eq!(main["shards"].as_array().map(Vec::len), Some(parts("-t")));
    }
}
