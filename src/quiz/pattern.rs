//! A short answer's `pattern`, checked at build time: the browser runs it as a JavaScript
//! `RegExp` with the `iu` flags, so a pattern must be valid there, and a mistake is better
//! found by the author than by a learner whose right answer is marked wrong. regex-syntax
//! parses it, with the position of a syntax error, and the parsed pattern is walked for
//! what Rust's syntax allows and JavaScript's does not.

use std::ops::Range;

use regex_syntax::ast::{
    self, parse::Parser, AssertionKind, Ast, ClassSetItem, ClassUnicodeKind, GroupKind,
    HexLiteralKind, LiteralKind, RepetitionKind, RepetitionRange, SpecialLiteralKind, Visitor,
};

/// What is wrong with a pattern, and where in it.
#[derive(Debug, PartialEq)]
pub(crate) struct PatternError {
    /// Byte range in the pattern.
    pub(crate) at: Range<usize>,
    /// Follows "the pattern of question `id` ".
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Checks that `pattern` is a regular expression both Rust's syntax and a browser's
/// `RegExp(pattern, "iu")` read the same way.
pub(crate) fn check(pattern: &str) -> Result<(), PatternError> {
    if pattern.is_empty() {
        return Err(PatternError {
            at: 0..0,
            message: "is empty, and would accept every answer".into(),
            hint: "write what a right answer looks like, like `pattern = '^moments? of truth$'`"
                .into(),
        });
    }
    let ast = Parser::new().parse(pattern).map_err(|e| PatternError {
        at: e.span().start.offset..e.span().end.offset,
        message: format!("is not a valid regular expression: {}", e.kind()),
        hint: "see the README's quiz section for the syntax; literal strings ('…') need no \
               backslash doubling"
            .into(),
    })?;
    ast::visit(
        &ast,
        Portable {
            pattern,
            class_depth: 0,
        },
    )?;
    if accepts_anything(&ast) {
        return Err(PatternError {
            at: 0..pattern.len(),
            message: "can match without a single character, so it would accept every answer".into(),
            hint: "make part of it required, or hold it to the whole answer with `^…$`, like \
                   `pattern = '^(el )?momento de verdad$'`"
                .into(),
        });
    }
    Ok(())
}

/// Whether a pattern can match taking no character, somewhere in any text: `(verdad)?`
/// does, and so accepts every answer; `^(verdad)?$` only accepts an empty one.
fn accepts_anything(ast: &Ast) -> bool {
    min_len(ast) == 0 && !whole(ast)
}

/// Whether every match of `ast` spans the whole text, from `^` to `$`.
fn whole(ast: &Ast) -> bool {
    let is = |a: Option<&Ast>, kind: AssertionKind| matches!(a, Some(Ast::Assertion(a)) if a.kind == kind);
    match ast {
        Ast::Concat(c) => {
            is(c.asts.first(), AssertionKind::StartLine)
                && is(c.asts.last(), AssertionKind::EndLine)
        }
        Ast::Group(g) => whole(&g.ast),
        Ast::Alternation(a) => a.asts.iter().all(whole),
        _ => false,
    }
}

/// The fewest characters a match of `ast` takes. The parser's nesting limit bounds the
/// recursion.
fn min_len(ast: &Ast) -> usize {
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => 0,
        Ast::Literal(_)
        | Ast::Dot(_)
        | Ast::ClassUnicode(_)
        | Ast::ClassPerl(_)
        | Ast::ClassBracketed(_) => 1,
        Ast::Repetition(r) => {
            let least = match &r.op.kind {
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => 0,
                RepetitionKind::OneOrMore => 1,
                RepetitionKind::Range(
                    RepetitionRange::Exactly(n)
                    | RepetitionRange::AtLeast(n)
                    | RepetitionRange::Bounded(n, _),
                ) => *n as usize,
            };
            least.saturating_mul(min_len(&r.ast))
        }
        Ast::Group(g) => min_len(&g.ast),
        Ast::Alternation(a) => a.asts.iter().map(min_len).min().unwrap_or(0),
        Ast::Concat(c) => c.asts.iter().map(min_len).fold(0, usize::saturating_add),
    }
}

/// Walks a parsed pattern, refusing what a JavaScript `RegExp` in Unicode mode reads
/// otherwise or not at all.
struct Portable<'p> {
    /// The pattern, for what its syntax tree does not keep (spaces in `{2, 3}`).
    pattern: &'p str,
    /// Inside `[…]`, where `\-` is allowed.
    class_depth: usize,
}

fn refuse(span: &ast::Span, what: &str, hint: &str) -> Result<(), PatternError> {
    Err(PatternError {
        at: span.start.offset..span.end.offset,
        message: format!("uses {what}, which browsers do not understand"),
        hint: hint.into(),
    })
}

/// General categories, as JavaScript names them in `\p{…}`, short and long. Rust also
/// takes other spellings (`\p{letter}`, `\p{ L }`), which JavaScript refuses, and names
/// each as written, so a name outside this list is refused.
const CATEGORIES: &[&str] = &[
    "L",
    "LC",
    "Lu",
    "Ll",
    "Lt",
    "Lm",
    "Lo",
    "M",
    "Mn",
    "Mc",
    "Me",
    "N",
    "Nd",
    "Nl",
    "No",
    "P",
    "Pc",
    "Pd",
    "Ps",
    "Pe",
    "Pi",
    "Pf",
    "Po",
    "S",
    "Sm",
    "Sc",
    "Sk",
    "So",
    "Z",
    "Zs",
    "Zl",
    "Zp",
    "C",
    "Cc",
    "Cf",
    "Co",
    "Cn",
    "Letter",
    "Cased_Letter",
    "Uppercase_Letter",
    "Lowercase_Letter",
    "Titlecase_Letter",
    "Modifier_Letter",
    "Other_Letter",
    "Mark",
    "Nonspacing_Mark",
    "Spacing_Mark",
    "Enclosing_Mark",
    "Number",
    "Decimal_Number",
    "Letter_Number",
    "Other_Number",
    "Punctuation",
    "Connector_Punctuation",
    "Dash_Punctuation",
    "Open_Punctuation",
    "Close_Punctuation",
    "Initial_Punctuation",
    "Final_Punctuation",
    "Other_Punctuation",
    "Symbol",
    "Math_Symbol",
    "Currency_Symbol",
    "Modifier_Symbol",
    "Other_Symbol",
    "Separator",
    "Space_Separator",
    "Line_Separator",
    "Paragraph_Separator",
    "Other",
    "Control",
    "Format",
    "Private_Use",
    "Unassigned",
];

impl Portable<'_> {
    fn literal(&self, l: &ast::Literal) -> Result<(), PatternError> {
        match &l.kind {
            // Rust reads a `]` or `}` that closes nothing, and a `]` first in a class
            // (`[]a]`), as the character; in Unicode mode JavaScript refuses them.
            LiteralKind::Verbatim if "]{}".contains(l.c) => refuse(
                &l.span,
                &format!("`{}` without a backslash", l.c),
                &format!("write `\\{}` for the character itself", l.c),
            ),
            LiteralKind::Verbatim
            | LiteralKind::HexFixed(HexLiteralKind::X | HexLiteralKind::UnicodeShort)
            | LiteralKind::HexBrace(HexLiteralKind::UnicodeShort) => Ok(()),
            LiteralKind::Meta if "#&~".contains(l.c) || (l.c == '-' && self.class_depth == 0) => {
                refuse(
                    &l.span,
                    &format!("`\\{}`", l.c),
                    &format!("write `{}` without the backslash", l.c),
                )
            }
            LiteralKind::Meta => Ok(()),
            LiteralKind::Special(SpecialLiteralKind::Bell | SpecialLiteralKind::Space) => {
                refuse(&l.span, "this escape", "write the character itself")
            }
            LiteralKind::Special(_) => Ok(()),
            // JavaScript allows `\/`, written to escape a slash of `/…/` literals.
            LiteralKind::Superfluous if l.c == '/' => Ok(()),
            LiteralKind::Superfluous => refuse(
                &l.span,
                &format!("`\\{}`", l.c),
                &format!("write `{}` without the backslash", l.c),
            ),
            LiteralKind::Octal | LiteralKind::HexFixed(_) | LiteralKind::HexBrace(_) => refuse(
                &l.span,
                "this escape",
                "write the character itself, or `\\u` and four hex digits, like `\\u00e9`",
            ),
        }
    }

    fn repetition(&self, r: &ast::Repetition) -> Result<(), PatternError> {
        match &*r.ast {
            // `a{2}{3}`, `a**`: Rust repeats the repetition, JavaScript finds nothing to
            // repeat.
            Ast::Repetition(_) => refuse(
                &r.op.span,
                "a repetition of a repetition",
                "put the repeated part in a group first, like `(?:a{2}){3}`",
            ),
            Ast::Assertion(_) => refuse(
                &r.op.span,
                "a repeated `^`, `$` or `\\b`",
                "remove the repetition after it",
            ),
            _ => {
                let op = &self.pattern[r.op.span.start.offset..r.op.span.end.offset];
                if op.contains(char::is_whitespace) {
                    refuse(
                        &r.op.span,
                        "spaces inside `{…}`",
                        "write the counts without spaces, like `{2,3}`",
                    )
                } else {
                    Ok(())
                }
            }
        }
    }

    fn unicode(&self, c: &ast::ClassUnicode) -> Result<(), PatternError> {
        match &c.kind {
            ClassUnicodeKind::Named(name) if CATEGORIES.contains(&name.as_str()) => Ok(()),
            _ => refuse(
                &c.span,
                "this Unicode class",
                "use a general category in braces, like `\\p{L}` for any letter",
            ),
        }
    }
}

impl Visitor for Portable<'_> {
    type Output = ();
    type Err = PatternError;

    fn finish(self) -> Result<(), PatternError> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), PatternError> {
        match ast {
            Ast::Flags(f) => refuse(
                &f.span,
                "inline flags",
                "remove them: answers are already compared ignoring case",
            ),
            Ast::Group(g) => match &g.kind {
                GroupKind::NonCapturing(flags) if !flags.items.is_empty() => refuse(
                    &flags.span,
                    "inline flags",
                    "remove them: answers are already compared ignoring case",
                ),
                GroupKind::CaptureName {
                    starts_with_p: true,
                    ..
                } => refuse(&g.span, "`(?P<…>)`", "write a named group as `(?<name>…)`"),
                GroupKind::CaptureName { name, .. }
                    if name
                        .name
                        .contains(|c: char| !(c.is_alphanumeric() || c == '_')) =>
                {
                    refuse(
                        &name.span,
                        "a group name with `.`, `[` or `]`",
                        "name the group with letters, digits and `_` only",
                    )
                }
                _ => Ok(()),
            },
            Ast::Repetition(r) => self.repetition(r),
            Ast::Assertion(a) => match a.kind {
                AssertionKind::StartLine
                | AssertionKind::EndLine
                | AssertionKind::WordBoundary
                | AssertionKind::NotWordBoundary => Ok(()),
                _ => refuse(
                    &a.span,
                    "this assertion",
                    "use `^` for the start, `$` for the end and `\\b` for a word boundary",
                ),
            },
            Ast::Literal(l) => self.literal(l),
            Ast::ClassUnicode(c) => self.unicode(c),
            Ast::ClassBracketed(_) => {
                self.class_depth += 1;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn visit_post(&mut self, ast: &Ast) -> Result<(), PatternError> {
        if let Ast::ClassBracketed(_) = ast {
            self.class_depth -= 1;
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), PatternError> {
        match item {
            ClassSetItem::Literal(l) => self.literal(l),
            ClassSetItem::Range(r) => self.literal(&r.start).and(self.literal(&r.end)),
            ClassSetItem::Unicode(c) => self.unicode(c),
            ClassSetItem::Ascii(a) => refuse(
                &a.span,
                "a `[:name:]` class",
                "write the characters, like `[a-z]`, or `\\p{L}` for any letter",
            ),
            ClassSetItem::Bracketed(b) => refuse(
                &b.span,
                "a class inside a class",
                "write one class, like `[a-z0-9]`",
            ),
            ClassSetItem::Empty(_) | ClassSetItem::Perl(_) | ClassSetItem::Union(_) => Ok(()),
        }
    }

    fn visit_class_set_binary_op_pre(
        &mut self,
        op: &ast::ClassSetBinaryOp,
    ) -> Result<(), PatternError> {
        refuse(
            &op.span,
            "`&&`, `--` or `~~` in a class",
            "write the characters the class holds, like `[a-z]`",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_both_syntaxes_read_alike_pass() {
        for p in [
            r"^momentos? de verdad$",
            r"^(el )?cliente\s+interno$",
            r"\bqueja\b",
            r"^\p{L}+$",
            r"^[a-záéíóúñ\-]+$",
            r"^(?:uno|dos)\.$",
            r"^(?<n>\d{2,3})$",
            r"^\u00e9$",
            r"^\u{1F600}$",
            r"^a\/b$",
            r"^\p{Letter}+$",
            r"^\P{L}$",
            r"^a{2,}$",
            r"^[\]a]$",
            r"^(?:verdad)?$",
            r"^a$|^(b)?$",
            r"(de )?verdad",
        ] {
            assert_eq!(check(p), Ok(()), "{p}");
        }
    }

    #[test]
    fn a_syntax_error_is_placed_in_the_pattern() {
        let e = check("^momento (de verdad$").unwrap_err();
        assert!(
            e.message.contains("not a valid regular expression"),
            "{e:?}"
        );
        assert_eq!(e.at.start, 9);
    }

    #[test]
    fn what_browsers_do_not_read_is_refused_at_its_place() {
        for (p, at) in [
            ("(?i)queja", 0),
            (r"\Aqueja\z", 0),
            ("[[:alpha:]]+", 1),
            (r"^\pL$", 1),
            (r"^\%$", 1),
            ("(?P<x>a)", 0),
            ("[a-z&&[^aeiou]]", 1),
            ("", 0),
            ("[]a]", 1),
            ("a]", 1),
            ("a}", 1),
            ("a{2}{3}", 4),
            ("a**", 2),
            ("^*", 1),
            ("a{ 2 }", 1),
            ("(?<a.b>x)", 3),
            (r"\p{^L}", 0),
            (r"\x{41}", 0),
            (r"\U0001F600", 0),
        ] {
            let e = check(p).unwrap_err();
            assert_eq!(e.at.start, at, "{p}: {e:?}");
        }
    }

    #[test]
    fn a_pattern_that_accepts_every_answer_is_refused() {
        for p in ["(verdad)?", "^(momento|)", "x*$", r"\b", "^"] {
            let e = check(p).unwrap_err();
            assert!(e.message.contains("accept every answer"), "{p}: {e:?}");
        }
    }
}
