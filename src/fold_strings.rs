//! Strings that are the same on every page, written into the templates before they
//! compile: the UI strings (`t`) and the site's settings (`site`). Tera looks
//! `{{ t.next }}` up again on every page, at about 1,000 instructions a lookup: with the
//! default theme, 30 k of a lesson page's templates. Only the plain form is folded, where
//! the result is sure to be the same: `{{ t.key }}` with a string value. Filters,
//! whitespace control, missing keys and other values are left to Tera, and so is every
//! template when any of them binds a `t` or `site` of its own (`{% set t = … %}`, a loop
//! or list comprehension variable, or a component argument), which an include would see
//! too.

use std::borrow::Cow;

use serde_json::Value;

/// The templates with each `{{ name.key }}` of the `constants` (name, object) replaced by
/// its string, escaped where Tera would escape it (`escaped` says which templates those are).
pub(crate) fn fold<'a>(
    templates: &[(&'a str, &'a str)],
    constants: &[(&str, &Value)],
    escaped: impl Fn(&str) -> bool,
    escape: impl Fn(&str) -> String,
) -> Vec<(&'a str, Cow<'a, str>)> {
    let names: Vec<&str> = constants.iter().map(|(name, _)| *name).collect();
    if templates.iter().any(|(_, source)| binds(source, &names)) {
        return templates
            .iter()
            .map(|&(name, source)| (name, Cow::Borrowed(source)))
            .collect();
    }
    templates
        .iter()
        .map(|&(name, source)| {
            let mut out = String::new();
            let mut copied = 0;
            // A component sees only its arguments: `t` is not there to fold.
            let mut in_component = false;
            for tag in tags(source) {
                match tokens(tag).first() {
                    Some(Token::Ident("component")) => in_component = true,
                    Some(Token::Ident("endcomponent")) => in_component = false,
                    _ => {}
                }
                let start = tag.as_ptr() as usize - source.as_ptr() as usize;
                let Some(text) = foldable(source, start, tag, constants).filter(|_| !in_component)
                else {
                    continue;
                };
                // Whether Tera escapes depends on the template that includes this one too:
                // text that escaping leaves alone is the same either way.
                let text = match escape(text) {
                    escaped_text if escaped(name) => escaped_text,
                    escaped_text if escaped_text == text => escaped_text,
                    _ => continue,
                };
                out.push_str(&source[copied..start - 2]);
                out.push_str(&text);
                copied = start + tag.len() + 2;
            }
            if copied == 0 {
                return (name, Cow::Borrowed(source));
            }
            out.push_str(&source[copied..]);
            (name, Cow::Owned(out))
        })
        .collect()
}

/// The string a `{{ name.key }}` tag at `start` stands for, if it can be folded.
fn foldable<'s>(
    source: &str,
    start: usize,
    tag: &str,
    constants: &[(&str, &'s Value)],
) -> Option<&'s str> {
    if !source[..start].ends_with("{{") || !source[start + tag.len()..].starts_with("}}") {
        return None;
    }
    // `{{- t.key -}}` trims the text around it: Tera's business.
    if tag.starts_with('-') || tag.ends_with('-') {
        return None;
    }
    let (name, key) = tag.trim().split_once('.')?;
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let (_, values) = constants.iter().find(|(n, _)| *n == name)?;
    // Text with a `{` could open a tag of its own once it is part of the template, and
    // text with spaces at an end would lose them to a neighbour's `-%}`.
    values
        .get(key)?
        .as_str()
        .filter(|text| !text.contains('{') && text.trim() == *text)
}

/// Whether a tag of `source` gives one of `names` a value of its own: the variable of a
/// `set`, the variables of a `for` loop or list comprehension, or anything named in a
/// `component`'s definition.
fn binds(source: &str, names: &[&str]) -> bool {
    tags(source).into_iter().any(|tag| {
        let tokens = tokens(tag);
        let named = |t: &Token| matches!(t, Token::Ident(id) if names.contains(id));
        let set = match tokens.first() {
            Some(Token::Ident("set" | "set_global")) => tokens.get(1).is_some_and(named),
            Some(Token::Ident("component")) => tokens[1..].iter().any(named),
            _ => false,
        };
        // `for x in` and `[… for x in …]` alike: the names between `for` and `in`.
        set || tokens.iter().enumerate().any(|(i, t)| {
            *t == Token::Ident("for")
                && tokens[i + 1..]
                    .iter()
                    .take_while(|t| **t != Token::Ident("in"))
                    .any(named)
        })
    })
}

/// The inside of every `{{ }}` and `{% %}` tag, skipping comments and `raw` blocks. A tag
/// ends at the first `}}` or `%}` outside a string literal.
fn tags(source: &str) -> Vec<&str> {
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
enum Token<'a> {
    /// A variable, function, filter or keyword: only the first name of a dotted path, since
    /// `page.nav` does not read `nav`.
    Ident(&'a str),
    Str(&'a str),
}

fn tokens(tag: &str) -> Vec<Token<'_>> {
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

    fn folded(templates: &[(&'static str, &'static str)]) -> Vec<String> {
        let strings = serde_json::json!({"next": "Next & \"more\"", "brace": "a {{ b }}", "count": 3, "spaced": " x "});
        let site = serde_json::json!({"title": "Curso", "base_url": null});
        fold(
            templates,
            &[("t", &strings), ("site", &site)],
            |name| name.ends_with(".html"),
            |text| text.replace('&', "&amp;").replace('"', "&quot;"),
        )
        .into_iter()
        .map(|(_, s)| s.into_owned())
        .collect()
    }

    #[test]
    fn a_plain_string_tag_becomes_its_text_escaped_where_tera_escapes() {
        assert_eq!(
            folded(&[
                ("a.html", "<a>{{ t.next }}</a>{{t.next}} {{ site.title }}"),
                // Tera escapes an included template as its includer says: only text that
                // escaping leaves alone is folded where it does not.
                ("a.txt", "{{  site.title  }} {{ t.next }}")
            ]),
            [
                "<a>Next &amp; &quot;more&quot;</a>Next &amp; &quot;more&quot; Curso",
                "Curso {{ t.next }}"
            ]
        );
    }

    #[test]
    fn anything_but_a_plain_string_tag_is_left_to_tera() {
        let kept = [
            "{{ t.next | upper }}",
            "{{- t.next }}",
            "{{ t.next -}}",
            "{{ t.missing }}",
            "{{ t.count }}",
            "{{ t.brace }}",
            "{{ site.next }}",
            "{{ site.base_url }}",
            "{{ page.title }}",
            "{% if t.next %}{% endif %}",
            "{# {{ t.next }} #}",
            "{% raw %}{{ t.next }}{% endraw %}",
            "{{ \"t.next\" }}",
            "{% if x -%}{{ t.spaced }}{%- endif %}",
            "{% component c(x) %}{{ t.next }}{% endcomponent c %}",
        ];
        for source in kept {
            assert_eq!(folded(&[("a.html", source)]), [source]);
        }
    }

    #[test]
    fn a_template_that_binds_t_stops_all_folding() {
        for binding in [
            "{% set t = 1 %}",
            "{% set_global t = 1 %}",
            "{% for t in list %}{% endfor %}",
            "{% for i, t in list %}{% endfor %}",
            "{% component c(t) %}{% endcomponent c %}",
            "{% component c(x, site = 1) %}{% endcomponent c %}",
            "{{ [t for t in list] }}",
            "{% set xs = [x for x, site in list] %}",
            "{% set site = 1 %}",
        ] {
            let templates = [("a.html", binding), ("b.html", "{{ t.next }}")];
            assert_eq!(folded(&templates), [binding, "{{ t.next }}"], "{binding}");
        }
    }

    #[test]
    fn reading_t_in_a_set_or_a_loop_does_not_stop_folding() {
        for reading in [
            "{% set label = t.next %}",
            "{% for x in t.list %}{% endfor %}",
            "{{ [x for x in t.list] }}",
            "{{<duration m={nav.duration} h={t.hours} />}}",
        ] {
            let templates = [("a.html", reading), ("b.html", "{{ t.next }}")];
            assert_eq!(
                folded(&templates),
                [reading, "Next &amp; &quot;more&quot;"],
                "{reading}"
            );
        }
    }
}
