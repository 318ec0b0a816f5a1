//! Text made safe for the two places aula puts it in a page: HTML, and JSON inside a
//! `<script type="application/json">` element.

use serde::Serialize;

/// Text as HTML, escaped as Tera escapes a value (its `fast_escape` feature): `& < > " '`.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// Serializes for a `<script type="application/json">`: `<` is escaped so no text can
/// close the element early.
pub(crate) fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}
