//! Hidden lines of Rust code blocks, as mdBook and rustdoc read them: a line whose first
//! non-blank characters are `# ` (or that is `#` alone) runs but is not shown, and `##` at
//! that place is an escape for a shown `#`. `#[derive]` and `#![…]` are ordinary lines.
//!
//! The block is highlighted whole, as it runs (a hidden line may sit inside a multi-line
//! comment or string), and the tokens are then cut at line ends, so that each run of hidden
//! lines is one element the theme's script can show: every span opened inside it closes
//! inside it.

use std::borrow::Cow;

use super::{lite, plain_block, Class, Html};

/// The element around a run of hidden lines. `hidden` keeps them out of sight, and out of a
/// copy of the code, without CSS or JavaScript.
const OPEN_HIDDEN: &str = "<span class=\"hidden-lines\" hidden>";

/// One line of a block, with its line ending: the text that runs, and whether it is hidden.
struct Line<'a> {
    text: Cow<'a, str>,
    hidden: bool,
}

/// The `<pre>` of a Rust block with hidden or escaped lines, or `None` for a block without
/// any, which the caller renders like every other block. For the print page (`print`), the
/// hidden lines are left out; elsewhere they are in the HTML, hidden, and the `<pre>` has a
/// `data-hidden-lines` attribute for the theme's button that shows them.
pub(crate) fn rust_block(code: &str, highlight: bool, print: bool) -> Option<String> {
    let lines = lines(code)?;
    if print {
        let shown: String = lines
            .iter()
            .filter(|l| !l.hidden)
            .map(|l| &*l.text)
            .collect();
        // A block of hidden lines only would print as an empty box.
        if shown.trim().is_empty() {
            return Some(String::new());
        }
        return Some(plain_block("rust", &shown));
    }
    let runs: String = lines.iter().map(|l| &*l.text).collect();
    let any_hidden = lines.iter().any(|l| l.hidden);
    let attributes = if any_hidden { "data-hidden-lines" } else { "" };
    let mut out = ByLine {
        html: Html::with_attributes("rust", attributes, runs.len() + 64),
        ends: lines
            .iter()
            .scan(0, |end, l| {
                *end += l.text.len();
                Some(*end)
            })
            .collect(),
        hidden: lines.iter().map(|l| l.hidden).collect(),
        line: 0,
        at: 0,
        wrapped: false,
    };
    match hl_lite::Lang::from_slug("rust").filter(|_| highlight) {
        Some(lexer) => lite(lexer, &runs, |class, text| out.push(class, text)),
        None => out.push(None, &runs),
    }
    Some(out.finish())
}

/// The lines of `code`, or `None` when no line is hidden or escaped. The quick test first:
/// most Rust blocks have no line starting with `#`.
fn lines(code: &str) -> Option<Vec<Line<'_>>> {
    if !code.lines().any(|l| marker(l).is_some()) {
        return None;
    }
    let lines = code
        .split_inclusive('\n')
        .map(|line| {
            let indent = &line[..line.len() - line.trim_start().len()];
            match marker(line) {
                // `##` shows as `#`: the first `#` goes.
                Some(Marker::Escape) => Line {
                    text: format!("{indent}{}", &line[indent.len() + 1..]).into(),
                    hidden: false,
                },
                Some(Marker::Hidden(cut)) => Line {
                    text: format!("{indent}{}", &line[indent.len() + cut..]).into(),
                    hidden: true,
                },
                None => Line {
                    text: line.into(),
                    hidden: false,
                },
            }
        })
        .collect();
    Some(lines)
}

/// What a line's start says about it.
enum Marker {
    /// `##`: a shown line starting with `#`.
    Escape,
    /// `# ` or a lone `#`: hidden, with this many bytes of marker to remove.
    Hidden(usize),
}

fn marker(line: &str) -> Option<Marker> {
    let rest = line.trim_start().strip_prefix('#')?;
    if rest.starts_with('#') {
        Some(Marker::Escape)
    } else if rest.starts_with(' ') {
        Some(Marker::Hidden(2))
    } else if rest.trim().is_empty() {
        Some(Marker::Hidden(1))
    } else {
        None
    }
}

/// Writes tokens into the `<pre>`, cut at the ends of lines, wrapping each run of hidden
/// lines.
struct ByLine {
    html: Html,
    /// Where each line ends, in bytes of the code that runs.
    ends: Vec<usize>,
    hidden: Vec<bool>,
    /// The line being written, and the byte reached.
    line: usize,
    at: usize,
    /// Whether the hidden-lines element is open.
    wrapped: bool,
}

impl ByLine {
    fn push(&mut self, class: Option<Class>, mut text: &str) {
        while !text.is_empty() {
            let hidden = self.hidden.get(self.line).copied().unwrap_or(false);
            if hidden != self.wrapped {
                self.html.close();
                self.html
                    .out
                    .push_str(if hidden { OPEN_HIDDEN } else { "</span>" });
                self.wrapped = hidden;
            }
            let end = self.ends.get(self.line).copied().unwrap_or(usize::MAX);
            let room = end.saturating_sub(self.at);
            // Past the last line (which the tokens never are): write the rest as it comes.
            let cut = if room == 0 {
                text.len()
            } else {
                room.min(text.len())
            };
            let Some((piece, rest)) = text.split_at_checked(cut) else {
                self.html.push(class, text);
                return;
            };
            self.html.push(class, piece);
            self.at += piece.len();
            text = rest;
            if self.at == end && self.line + 1 < self.ends.len() {
                self.line += 1;
            }
        }
    }

    fn finish(mut self) -> String {
        self.html.close();
        if self.wrapped {
            self.html.out.push_str("</span>");
        }
        self.html.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_of_hidden_lines_only_is_left_out_of_print() {
        assert_eq!(
            rust_block("# fn main() {}\n", false, true).as_deref(),
            Some("")
        );
        assert!(rust_block("# fn main() {}\n", false, false).is_some_and(|h| h.contains("hidden")));
    }

    /// The text of `html` with its tags removed and entities decoded, without the line
    /// ending after `</pre>`.
    fn text(html: &str) -> String {
        super::super::tests::text_of(html.strip_suffix("</pre>\n").unwrap_or(html))
    }

    /// The hidden runs' text, in order.
    fn hidden_runs(html: &str) -> Vec<String> {
        html.split(OPEN_HIDDEN)
            .skip(1)
            .map(|rest| {
                // The run ends at the `</span>` that closes the wrapper: count the spans.
                let mut depth = 1;
                let mut at = 0;
                while depth > 0 {
                    let open = rest[at..].find("<span").map(|i| i + at);
                    let close = rest[at..].find("</span>").map(|i| i + at).unwrap();
                    match open {
                        Some(o) if o < close => {
                            depth += 1;
                            at = o + 5;
                        }
                        _ => {
                            depth -= 1;
                            at = close + 7;
                        }
                    }
                }
                text(&rest[..at - 7])
            })
            .collect()
    }

    #[test]
    fn blocks_without_markers_are_left_to_the_usual_path() {
        assert!(rust_block(
            "fn main() {}\n#[derive(Debug)]\n#![allow(x)]\n",
            true,
            false
        )
        .is_none());
    }

    #[test]
    fn hidden_lines_run_but_are_wrapped_and_escapes_show_one_hash() {
        let code = "# use std::fmt;\n#\nfn main() {\n    # let x = 1;\n    println!(\"##\");\n}\n##[not_hidden]\n";
        let html = rust_block(code, true, false).unwrap();
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\" data-hidden-lines><code>"),
            "{html}"
        );
        assert_eq!(
            text(&html),
            "use std::fmt;\n\nfn main() {\n    let x = 1;\n    println!(\"##\");\n}\n#[not_hidden]\n"
        );
        assert_eq!(
            hidden_runs(&html),
            ["use std::fmt;\n\n", "    let x = 1;\n"]
        );
        assert!(html.contains("<span class=\"hl-keyword\">use"), "{html}");
    }

    #[test]
    fn a_hidden_line_inside_a_comment_keeps_the_comment_colour() {
        let code = "/* start\n# hidden middle\nend */\nfn f() {}\n";
        let html = rust_block(code, true, false).unwrap();
        // The comment's span is cut at the wrapper and opened again on each side.
        assert!(html.contains("<span class=\"hl-comment\">/* start\n</span><span class=\"hidden-lines\" hidden><span class=\"hl-comment\">hidden middle\n</span></span><span class=\"hl-comment\">end */"), "{html}");
    }

    #[test]
    fn print_leaves_hidden_lines_out() {
        let html = rust_block("# use x;\nfn main() {}\n", true, true).unwrap();
        assert_eq!(text(&html), "fn main() {}\n");
        assert!(!html.contains("hidden"), "{html}");
    }

    #[test]
    fn unhighlighted_blocks_wrap_hidden_lines_too() {
        let html = rust_block("a\n# b\n", false, false).unwrap();
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"rust\" data-hidden-lines><code>a\n<span class=\"hidden-lines\" hidden>b\n</span></code></pre>\n"
        );
    }
}
