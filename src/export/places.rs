//! Where a question, or a quiz's setting, is in its quiz file: the model keeps where each
//! text starts, and a question is shown to its author at its `[[questions]]` line.

use std::ops::Range;
use std::path::Path;

/// Where each question's table starts: its `[[questions]]` or `[[groups.questions]]` line.
pub(crate) fn question_headers(text: &str) -> Vec<Range<usize>> {
    let mut headers = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        // TOML allows spaces inside the brackets and a comment after them.
        let table = line.split('#').next().unwrap_or("");
        let bare: String = table.chars().filter(|c| !c.is_whitespace()).collect();
        if bare == "[[questions]]" || bare == "[[groups.questions]]" {
            let indent = line.len() - line.trim_start().len();
            headers.push(start + indent..start + table.trim_end().len());
        }
        start += line.len();
    }
    headers
}

/// The question whose prompt is at `prompt`: the last header above it, or the prompt itself
/// for a question written as an inline table.
pub(crate) fn question_span(text: &str, headers: &[Range<usize>], prompt: usize) -> Range<usize> {
    let above = headers.partition_point(|h| h.start < prompt);
    match above.checked_sub(1) {
        Some(i) => headers[i].clone(),
        None => {
            let end = text[prompt.min(text.len())..]
                .find('\n')
                .map_or(text.len(), |n| prompt + n);
            prompt..end
        }
    }
}

/// The line of a top-level `key = …` of a quiz file: above its first table.
pub(crate) fn key_span(text: &str, key: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let at = start + line.len() - trimmed.len();
                return Some(at..at + key.len());
            }
        }
        start += line.len();
    }
    None
}

/// `file:line`, for the comment above each exported question.
pub(crate) fn at_line(file: &Path, text: &str, at: usize) -> String {
    let line = text[..at.min(text.len())].matches('\n').count() + 1;
    format!("{}:{line}", crate::paths::slashed(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_found_at_its_header() {
        let text = "title = \"x\"\ndraw = 1\n\n[[questions]]\nprompt = \"a\"\n\n[[groups]]\n  [[groups.questions]]\n  prompt = \"b\"\n\n[[ questions ]] # c\nprompt = \"c\"\n";
        let headers = question_headers(text);
        assert_eq!(headers.len(), 3);
        let c = text.find("\"c\"").unwrap();
        assert_eq!(&text[question_span(text, &headers, c)], "[[ questions ]]");
        let b = text.find("\"b\"").unwrap();
        assert_eq!(
            &text[question_span(text, &headers, b)],
            "[[groups.questions]]"
        );
        assert_eq!(&text[key_span(text, "draw").unwrap()], "draw");
        assert_eq!(key_span(text, "shuffle"), None);
    }
}
