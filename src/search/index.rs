//! The index as the browser reads it: scripts that each call `aulaIndex(name, data)`, since
//! a page opened from disk can load a script but not fetch a file.
//!
//! `search-index.js` (`main`) holds the modules' titles and every term, sorted. A course
//! whose index fits in [`BUDGET`] has everything there too: per term, its postings; per
//! page, what a result shows. A larger course's postings are cut into shards of
//! [`SHARD`] bytes by range of terms (`search-index-t0.js`, …), and its pages into chunks
//! of [`CHUNK`] bytes (`search-index-d0.js`, …), which the browser loads as a query needs
//! them: the shards that hold its words' terms, and the chunks that hold its first
//! results. `main` then says where each shard and chunk starts.
//!
//! A term's postings are, per page it is on, the page's number in reading order and where
//! the term is at best there ([`Field`]), as `(page - previous page) * 4 + field`, each
//! written as a variable-length number in [`DIGITS`]: one character for most.

use serde_json::json;

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
    /// Its terms, as `term << 2 | field`: each once, at its best field.
    pub terms: Vec<u32>,
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

/// The index's files, as (path from the site's root, text): `docs` in reading order, with
/// `terms` their terms by number.
pub(crate) fn files(
    modules: &[String],
    stop: &[&str],
    docs: &[Doc],
    terms: &[Box<str>],
    budget: usize,
) -> Vec<(String, String)> {
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
    for (d, doc) in docs.iter().enumerate() {
        for &t in &doc.terms {
            if let Some(list) = postings.get_mut((t >> 2) as usize) {
                list.push((d as u32) << 2 | (t & 3));
            }
        }
    }
    // A term seen only where it is not indexed (a quiz's answer) is left out with its
    // empty postings: its mere presence would give the answer away.
    let mut order: Vec<usize> = (0..terms.len())
        .filter(|&t| !postings[t].is_empty())
        .collect();
    order.sort_unstable_by(|&a, &b| terms[a].cmp(&terms[b]));
    let sorted: Vec<&str> = order.iter().map(|&t| &*terms[t]).collect();
    let encoded: Vec<String> = order.iter().map(|&t| encode(&postings[t])).collect();
    let pages: Vec<String> = docs.iter().map(doc_json).collect();
    let size = |parts: &[String]| parts.iter().map(|p| p.len() + 3).sum::<usize>();
    let whole = size(&encoded) + size(&pages) + sorted.iter().map(|t| t.len() + 3).sum::<usize>();
    // What every course's main file starts with; the rest is the index itself, or where
    // its shards and chunks start.
    let head = format!(
        "{{\"v\":1,\"modules\":{},\"stop\":{},\"terms\":{}",
        json!(modules),
        json!(stop),
        json!(sorted)
    );
    if whole <= budget {
        let main = format!(
            "{head},\"post\":{},\"docs\":[{}]}}",
            json!(encoded),
            pages.join(",")
        );
        return vec![(MAIN.to_string(), script("main", &main))];
    }
    let mut files = Vec::new();
    let shards = cut(&encoded, SHARD);
    for (i, range) in shards.windows(2).enumerate() {
        let part = json!(&encoded[range[0]..range[1]]).to_string();
        files.push((shard_path('t', i), script(&format!("t{i}"), &part)));
    }
    let chunks = cut(&pages, CHUNK);
    for (i, range) in chunks.windows(2).enumerate() {
        let part = format!("[{}]", pages[range[0]..range[1]].join(","));
        files.push((shard_path('d', i), script(&format!("d{i}"), &part)));
    }
    let main = format!(
        "{head},\"shards\":{},\"chunks\":{}}}",
        json!(&shards[..shards.len() - 1]),
        json!(&chunks[..chunks.len() - 1])
    );
    files.insert(0, (MAIN.to_string(), script("main", &main)));
    files
}

/// Where the `n`th shard (`t`) or chunk (`d`) goes.
fn shard_path(kind: char, n: usize) -> String {
    format!("assets/search-index-{kind}{n}.js")
}

fn script(name: &str, data: &str) -> String {
    format!("aulaIndex(\"{name}\",{data});\n")
}

/// Where each run of `parts` of about `size` bytes starts, and the end.
fn cut(parts: &[String], size: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut filled = 0;
    for (i, part) in parts.iter().enumerate() {
        if filled > 0 && filled + part.len() > size {
            starts.push(i);
            filled = 0;
        }
        filled += part.len() + 3;
    }
    starts.push(parts.len());
    starts
}

/// One page as the browser reads it: `[title, module or -1, url, excerpt, headings]`.
fn doc_json(doc: &Doc) -> String {
    let module = doc.module.map_or(-1, |m| m as i64);
    let headings: Vec<serde_json::Value> = doc
        .headings
        .iter()
        .map(|h| match &h.excerpt {
            Some(e) => json!([h.text, h.anchor, e]),
            None => json!([h.text, h.anchor]),
        })
        .collect();
    json!([doc.title, module, doc.url, doc.excerpt, headings]).to_string()
}

/// A term's postings, `page << 2 | field` in page order, as the browser reads them.
pub(crate) fn encode(postings: &[u32]) -> String {
    let mut out = Vec::with_capacity(postings.len() + 8);
    let mut previous = 0;
    for &p in postings {
        let (page, field) = (p >> 2, p & 3);
        let mut value = u64::from(page - previous) << 2 | u64::from(field);
        previous = page;
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
    String::from_utf8(out).unwrap_or_default()
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
        let (docs, terms) = course(50);
        let one = files(&[], &[], &docs, &terms, BUDGET);
        assert_eq!(one.len(), 1);
        assert!(one[0].1.starts_with("aulaIndex(\"main\",{\"v\":1,"));
        let (docs, terms) = course(5000);
        let many = files(&["M".into()], &["y"], &docs, &terms, 64 * 1024);
        assert!(many.len() > 3, "{}", many.len());
        assert!(many.iter().any(|(p, _)| p == "assets/search-index-t1.js"));
        assert!(many.iter().any(|(p, _)| p == "assets/search-index-d1.js"));
        for (path, text) in &many[1..] {
            assert!(text.len() < 2 * SHARD, "{path}: {}", text.len());
        }
        let main: serde_json::Value =
            serde_json::from_str(&many[0].1["aulaIndex(\"main\",".len()..many[0].1.len() - 3])
                .expect("main is JSON");
        assert_eq!(main["terms"][0], "term000");
        assert_eq!(main["terms"].as_array().map(Vec::len), Some(300));
        // Every page and every term's postings are in exactly one chunk or shard.
        let parts = |kind: &str| many.iter().filter(|(p, _)| p.contains(kind)).count();
        assert_eq!(main["chunks"].as_array().map(Vec::len), Some(parts("-d")));
        assert_eq!(main["shards"].as_array().map(Vec::len), Some(parts("-t")));
    }
}
