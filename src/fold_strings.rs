//! Strings that are the same on every page, written into the templates before they
//! compile: the UI strings (`t`) and the site's settings (`site`). Tera looks
//! `{{ t.next }}` up again on every page, at about 4,300 instructions a lookup: with the
//! default theme that was a fifth of a lesson page's template work. Only the plain form is
//! folded, where the result is sure to be the same: `{{ t.key }}` with a string value.
//! Filters, whitespace control, missing keys and other values are left to Tera, and so is
//! every template when any of them binds a `t` or `site` of its own (`{% set t = … %}`, a
//! loop or a macro argument), which an include would see too.

use std::borrow::Cow;

use serde_json::Value;

use crate::template_vars::{tags, tokens, Token};

/// The templates with each `{{ name.key }}` of the `constants` (name, object) replaced by
/// its string, escaped where Tera would escape it (`escaped` says which templates those are).
pub fn fold<'a>(
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
            for tag in tags(source) {
                let start = tag.as_ptr() as usize - source.as_ptr() as usize;
                let Some(text) = foldable(source, start, tag, constants) else {
                    continue;
                };
                out.push_str(&source[copied..start - 2]);
                if escaped(name) {
                    out.push_str(&escape(text));
                } else {
                    out.push_str(text);
                }
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
    // Text with a `{` could open a tag of its own once it is part of the template.
    values.get(key)?.as_str().filter(|text| !text.contains('{'))
}

/// Whether a tag of `source` gives one of `names` a value of its own: the variable of a
/// `set`, the variables of a `for`, or anything named in a `macro`'s arguments.
fn binds(source: &str, names: &[&str]) -> bool {
    tags(source).into_iter().any(|tag| {
        let tokens = tokens(tag);
        let bound = match tokens.first() {
            Some(Token::Ident("set" | "set_global")) => &tokens[1..tokens.len().min(2)],
            Some(Token::Ident("for")) => {
                let end = tokens.iter().position(|t| *t == Token::Ident("in"));
                &tokens[1..end.unwrap_or(tokens.len())]
            }
            Some(Token::Ident("macro")) => &tokens[1..],
            _ => &[],
        };
        bound
            .iter()
            .any(|t| matches!(t, Token::Ident(id) if names.contains(id)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(templates: &[(&'static str, &'static str)]) -> Vec<String> {
        let strings =
            serde_json::json!({"next": "Next & \"more\"", "brace": "a {{ b }}", "count": 3});
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
                ("a.txt", "{{  t.next  }}")
            ]),
            [
                "<a>Next &amp; &quot;more&quot;</a>Next &amp; &quot;more&quot; Curso",
                "Next & \"more\""
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
            "{% macro m(t) %}{% endmacro m %}",
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
