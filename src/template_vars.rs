//! Which context variables a template can read, found by scanning the template sources.
//! Tera copies every value of a context, so a page whose templates never read the whole
//! course's navigation should not be given it: at 10,000 pages, copying the navigation
//! into every page's context was a third of the build.
//!
//! The scan errs on the side of "reads": any mention of a name as a variable in a `{{ }}`
//! or `{% %}` tag counts, and so does `__tera_context`, which reads everything.

use std::collections::{HashMap, HashSet};

/// For each template, which of the `watched` variables it or any template it extends,
/// includes or imports reads.
pub fn reads<'a>(
    templates: &[(&'a str, &str)],
    watched: &[&'static str],
) -> HashMap<&'a str, HashSet<&'static str>> {
    let direct: HashMap<&str, (HashSet<&'static str>, Vec<String>)> = templates
        .iter()
        .map(|&(name, source)| {
            let mut names = HashSet::new();
            let mut refs = Vec::new();
            for tag in tags(source) {
                let tokens = tokens(tag);
                // Macros can read the page's context too, so imports count like includes.
                if matches!(
                    tokens.first(),
                    Some(Token::Ident("extends" | "include" | "import"))
                ) {
                    refs.extend(tokens.iter().filter_map(|t| match t {
                        Token::Str(s) => Some(s.to_string()),
                        _ => None,
                    }));
                }
                for token in &tokens {
                    if let Token::Ident(id) = token {
                        if *id == "__tera_context" {
                            names.extend(watched);
                        } else if let Some(w) = watched.iter().find(|w| *w == id) {
                            names.insert(*w);
                        }
                    }
                }
            }
            (name, (names, refs))
        })
        .collect();
    templates
        .iter()
        .map(|&(name, _)| {
            let mut found = HashSet::new();
            let mut seen = HashSet::new();
            let mut todo = vec![name.to_string()];
            while let Some(t) = todo.pop() {
                if !seen.insert(t.clone()) {
                    continue;
                }
                if let Some((names, refs)) = direct.get(t.as_str()) {
                    found.extend(names);
                    todo.extend(refs.iter().cloned());
                }
            }
            (name, found)
        })
        .collect()
}

/// The inside of every `{{ }}` and `{% %}` tag, skipping comments and `raw` blocks. A tag
/// ends at the first `}}` or `%}` outside a string literal.
pub(crate) fn tags(source: &str) -> Vec<&str> {
    let b = source.as_bytes();
    let after = |from: usize, pat: &str| {
        source[from..]
            .find(pat)
            .map_or(b.len(), |e| from + e + pat.len())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        let close = match b[i + 1] {
            b'#' => {
                i = after(i + 2, "#}");
                continue;
            }
            b'{' => b'}',
            b'%' => b'%',
            _ => {
                i += 1;
                continue;
            }
        };
        let start = i + 2;
        let mut j = start;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, c @ (b'"' | b'\'' | b'`')) => quote = Some(c),
                (None, c) if c == close && b.get(j + 1) == Some(&b'}') => break,
                _ => {}
            }
            j += 1;
        }
        let body = &source[start..j];
        out.push(body);
        i = (j + 2).min(b.len());
        if close == b'%' && body.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw" {
            i = after(after(i, "endraw"), "%}");
        }
    }
    out
}

#[derive(Debug, PartialEq)]
pub(crate) enum Token<'a> {
    /// A variable, function, filter or keyword: only the first name of a dotted path, since
    /// `page.nav` does not read `nav`.
    Ident(&'a str),
    Str(&'a str),
}

pub(crate) fn tokens(tag: &str) -> Vec<Token<'_>> {
    let bytes = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut after_dot = false;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            let end = tag[i + 1..]
                .find(c as char)
                .map_or(tag.len(), |e| i + 1 + e);
            out.push(Token::Str(&tag[i + 1..end]));
            i = end + 1;
            after_dot = false;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            if !after_dot {
                out.push(Token::Ident(&tag[start..i]));
            }
            after_dot = false;
        } else {
            if !c.is_ascii_whitespace() {
                after_dot = c == b'.';
            }
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_by(templates: &[(&str, &str)], name: &str) -> Vec<&'static str> {
        let mut v: Vec<_> = reads(templates, &["nav", "strings_json"])[name]
            .iter()
            .copied()
            .collect();
        v.sort();
        v
    }

    #[test]
    fn finds_variables_in_tags_only() {
        let t = [(
            "a.html",
            "<nav>nav {{ page.nav }} {{ \"nav\" }} {% for m in nav.modules %}{% endfor %}",
        )];
        assert_eq!(read_by(&t, "a.html"), ["nav"]);
        let t = [("a.html", "<nav class=\"nav\">{{ page.nav | safe }} {{ x }}")];
        assert!(read_by(&t, "a.html").is_empty());
    }

    #[test]
    fn follows_extends_and_includes() {
        let t = [
            (
                "lesson.html",
                "{% extends \"base.html\" %}{% block main %}{% endblock %}",
            ),
            ("base.html", "{% include 'side.html' %}{{ strings_json }}"),
            ("side.html", "{{ nav.home.path }}"),
            ("other.html", "{{ site.title }}"),
        ];
        assert_eq!(read_by(&t, "lesson.html"), ["nav", "strings_json"]);
        assert!(read_by(&t, "other.html").is_empty());
    }

    #[test]
    fn follows_imports_because_macros_see_the_context() {
        let t = [
            (
                "lesson.html",
                "{% import \"macros.html\" as m %}{{ m::total() }}",
            ),
            (
                "macros.html",
                "{% macro total() %}{{ nav.duration }}{% endmacro total %}",
            ),
        ];
        assert_eq!(read_by(&t, "lesson.html"), ["nav"]);
    }

    #[test]
    fn comments_strings_and_raw_blocks_do_not_hide_a_read() {
        let t = [("a.html", "{# e.g. {{ isn't shown #}[{{ nav.duration }}]")];
        assert_eq!(read_by(&t, "a.html"), ["nav"]);
        let t = [("a.html", "{{ \"}}\" ~ nav.x }}")];
        assert_eq!(read_by(&t, "a.html"), ["nav"]);
        let t = [("a.html", "{% raw %}{{ isn't {% endraw %}{{ strings_json }}")];
        assert_eq!(read_by(&t, "a.html"), ["strings_json"]);
        let t = [("a.html", "{%- if x -%}{{- nav -}}{%- endif -%}")];
        assert_eq!(read_by(&t, "a.html"), ["nav"]);
    }

    #[test]
    fn the_whole_context_reads_everything() {
        let t = [("a.html", "{{ __tera_context }}")];
        assert_eq!(read_by(&t, "a.html"), ["nav", "strings_json"]);
    }

    #[test]
    fn unclosed_tags_and_cycles_do_not_hang() {
        let t = [("a.html", "{% include \"a.html\" %}{{ nav")];
        assert_eq!(read_by(&t, "a.html"), ["nav"]);
    }
}
