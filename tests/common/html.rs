//! Reading the generated HTML: start tags and their attributes, ids, text, and a link
//! checker that walks a whole output folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::snapshot;

/// One start tag of an HTML document: its name and attributes, values unescaped.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// For `<script>`: the text up to `</script>`.
    pub script: Option<String>,
}

impl Tag {
    /// The value of attribute `name`, if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of `html`, in order. Enough of HTML for generated pages: comments, the
/// doctype and script contents are skipped; end tags are left out.
pub(crate) fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (tag, after) = parse_tag(rest);
        rest = after;
        let mut tag = tag;
        if tag.name == "script" {
            let end = rest.find("</script>").unwrap_or(rest.len());
            tag.script = Some(rest[..end].to_string());
            rest = &rest[end..];
        }
        out.push(tag);
    }
    out
}

fn parse_tag(s: &str) -> (Tag, &str) {
    let name_end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    let mut tag = Tag {
        name: s[..name_end].to_ascii_lowercase(),
        attrs: Vec::new(),
        script: None,
    };
    let mut rest = &s[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return (tag, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (tag, after);
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        rest = rest[end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = unescape(raw);
            rest = next;
        }
        tag.attrs.push((name, value));
    }
}

/// Decodes the character references Tera and pulldown-cmark emit.
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e < 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The JSON of every `.quiz-data` script of a page, in order: each quiz's answer key.
pub(crate) fn quiz_data(html: &str) -> Vec<serde_json::Value> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "script" && t.attr("class") == Some("quiz-data"))
        .map(|t| {
            serde_json::from_str(t.script.as_deref().unwrap_or_default())
                .expect("a quiz's data is JSON")
        })
        .collect()
}

/// Every `id` of an HTML document.
pub(crate) fn ids(html: &str) -> BTreeSet<String> {
    tags(html)
        .into_iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect()
}

/// The text of the first `<name>` element of `html`: inner tags dropped, references
/// decoded, whitespace trimmed.
pub(crate) fn text_of(html: &str, name: &str) -> String {
    let open = format!("<{name}");
    let start = html
        .match_indices(&open)
        .map(|(i, _)| i + open.len())
        .find(|&i| html[i..].starts_with(['>', ' ']))
        .unwrap_or_else(|| panic!("no <{name}> in:\n{html}"));
    let inner = between(&html[start..], ">", &format!("</{name}>"));
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(text.trim())
}

/// The part of `text` between the first `start` and the next `end` after it.
pub(crate) fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found in:\n{text}"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} not found after {start:?}"));
    &text[from..from + to]
}

/// Checks every relative `href` and `src` of every HTML page under `dir` (except 404.html,
/// whose links are root-absolute by design): the file must exist, and a `#fragment` must
/// be an `id` of the target page. Returns the broken ones as `page: link (why)`, each once.
pub(crate) fn broken_links(dir: &Path) -> Vec<String> {
    let pages: BTreeMap<String, String> = snapshot(dir)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect();
    let page_ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(rel, html)| (rel.as_str(), ids(html)))
        .collect();
    let mut broken = BTreeSet::new();
    for (rel, html) in &pages {
        // A 404 page's links start at the host's root, wherever it is served.
        if rel == "404.html" || rel.ends_with("/404.html") {
            continue;
        }
        for tag in tags(html) {
            for attr in ["href", "src"] {
                let Some(link) = tag.attr(attr) else { continue };
                if link.is_empty() || link.starts_with("//") || has_scheme(link) {
                    continue;
                }
                let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
                let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
                let target = if path.is_empty() {
                    rel.clone()
                } else {
                    let base = Path::new(rel).parent().unwrap();
                    match resolve(base, &path) {
                        Some(t) => t,
                        None => {
                            broken.insert(format!("{rel}: {link} (leaves the site)"));
                            continue;
                        }
                    }
                };
                if !dir.join(&target).is_file() {
                    broken.insert(format!("{rel}: {link} (no file {target})"));
                } else if !fragment.is_empty() {
                    let fragment =
                        percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
                    let known = page_ids.get(target.as_str());
                    if !known.is_some_and(|ids| ids.contains(fragment.as_ref())) {
                        broken.insert(format!("{rel}: {link} (no id {fragment} in {target})"));
                    }
                }
            }
        }
    }
    broken.into_iter().collect()
}

fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `path` relative to folder `base`, both relative to the output root; `None` above it.
fn resolve(base: &Path, path: &str) -> Option<String> {
    let mut parts: Vec<String> = base
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p.to_string()),
        }
    }
    Some(parts.join("/"))
}
