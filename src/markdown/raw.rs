//! The author's raw HTML in a page's Markdown: what cannot work is reported
//! ([`crate::raw_html::check`]), and its links (`<img src>`, `<a href>`, the media elements'
//! sources) are checked and rewritten like Markdown links, for the page and for the print
//! page, whose folder differs. Its ids are link targets, prefixed on the print page as
//! headings' ids are.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::{emit, Rendered, Renderer, Target, Twin};
use crate::content::Page;
use crate::raw_html::{Attr, AttrKind};

/// The pieces of one stretch of raw HTML: the lines of an HTML block (pulldown-cmark gives
/// one event per line, and a tag may span lines), or one inline tag.
#[derive(Default)]
pub(super) struct RawPieces<'m> {
    pieces: Vec<(CowStr<'m>, Range<usize>)>,
}

impl<'m> RawPieces<'m> {
    pub(super) fn push(&mut self, html: CowStr<'m>, range: Range<usize>) {
        self.pieces.push((html, range));
    }
}

/// What a raw attribute resolved to, to write it for each target.
enum Resolved<'d> {
    Link(super::Link<'d>),
    Id,
    /// Ids the attribute points at (`aria-labelledby="a b"`).
    IdRefs,
    /// A `srcset`'s addresses, each with its descriptor.
    SrcSet(Vec<(super::Link<'d>, &'d str)>),
}

impl Renderer<'_> {
    /// Checks and rewrites raw HTML, and pushes its events, one for the page and one for its
    /// print twin. `markdown` is the text the parser read, and `locate` turns a byte of it
    /// into a byte of the page's file. `inline` says which event the HTML was.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn raw_html<'m>(
        &self,
        page: &Page,
        page_index: usize,
        raw: RawPieces<'m>,
        inline: bool,
        markdown: &str,
        locate: &dyn Fn(usize) -> usize,
        out: &mut Rendered,
        events: &mut Vec<Event<'m>>,
        twin: &mut Option<&mut Twin<'m>>,
    ) {
        let make = |html: CowStr<'m>| {
            if inline {
                Event::InlineHtml(html)
            } else {
                Event::Html(html)
            }
        };
        // One piece is the common case: nothing to join.
        let joined: CowStr<'m> = match raw.pieces.len() {
            1 => raw.pieces[0].0.clone(),
            _ => raw
                .pieces
                .iter()
                .map(|(p, _)| p.as_ref())
                .collect::<String>()
                .into(),
        };
        let html = joined.as_ref();
        // A table or a `<pre>` written in HTML needs the same stylesheet and script as one
        // written in Markdown: cells' borders, scrolling, keyboard reach.
        if has_tag(html, "<table") {
            out.has_table = true;
        }
        if has_tag(html, "<pre") {
            out.has_code = true;
        }
        // A byte of the joined HTML, in the page's file.
        let source = |at: usize| {
            let mut start = 0;
            for (piece, range) in &raw.pieces {
                if at <= start + piece.len() {
                    let local = at - start;
                    let written = markdown.get(range.clone()).unwrap_or_default();
                    let md = if written == piece.as_ref() {
                        range.start + local
                    } else {
                        // The piece lost a container's prefix (`> `, indentation): walk the
                        // text as written to the same character.
                        range.start + follow(written, piece, local)
                    };
                    return locate(md);
                }
                start += piece.len();
            }
            locate(raw.pieces.last().map_or(0, |(_, r)| r.end))
        };
        for refused in crate::raw_html::check(html) {
            let span = source(refused.span.start)..source(refused.span.end);
            out.errors
                .push(page.error(span, refused.message).with_hint(refused.hint));
        }
        let attrs = crate::raw_html::attributes(html);
        if attrs.is_empty() {
            for (piece, _) in raw.pieces {
                events.push(make(piece));
            }
            return;
        }
        let resolved: Vec<(&Attr, Resolved)> = attrs
            .iter()
            .map(|attr| {
                let span = source(attr.span.start)..source(attr.span.end);
                let r = match attr.kind {
                    AttrKind::Link => {
                        Resolved::Link(self.resolve(page, page_index, &attr.value, span, out))
                    }
                    AttrKind::Frame => {
                        self.check_frame(page, &attr.value, span.clone(), out);
                        Resolved::Link(self.resolve(page, page_index, &attr.value, span, out))
                    }
                    AttrKind::Id => {
                        out.targets.push(attr.value.clone());
                        Resolved::Id
                    }
                    AttrKind::IdRefs => Resolved::IdRefs,
                    AttrKind::SrcSet => Resolved::SrcSet(
                        crate::raw_html::srcset(&attr.value)
                            .into_iter()
                            .map(|(at, descriptor)| {
                                // Where the address is written: exact unless the value holds
                                // entities, which move it.
                                let from = attr.span.start + at.start;
                                let span = source(from)..source(from + at.len());
                                let url = &attr.value[at];
                                (self.resolve(page, page_index, url, span, out), descriptor)
                            })
                            .collect(),
                    ),
                };
                (attr, r)
            })
            .collect();
        let write = |t: &Target| -> Option<String> {
            let mut changed = String::new();
            let mut copied = 0;
            for (attr, r) in &resolved {
                let value = match r {
                    Resolved::Link(link) => t.href(page, link, self.course),
                    Resolved::Id => t.id(page, &attr.value),
                    Resolved::SrcSet(candidates) => candidates
                        .iter()
                        .map(|(link, descriptor)| match descriptor.is_empty() {
                            true => t.href(page, link, self.course),
                            false => format!("{} {descriptor}", t.href(page, link, self.course)),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    Resolved::IdRefs => attr
                        .value
                        .split_ascii_whitespace()
                        .map(|id| t.id(page, id))
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                // Written again only where it changes: a page's own ids stay as written.
                if matches!(r, Resolved::IdRefs) && !t.print {
                    continue;
                }
                if value == attr.value {
                    continue;
                }
                let span = if attr.quoted {
                    attr.span.start - 1..attr.span.end + 1
                } else {
                    attr.span.clone()
                };
                changed.push_str(&html[copied..span.start]);
                changed.push('"');
                match r {
                    Resolved::Link(_) => {
                        pulldown_cmark_escape::escape_href(&mut changed, &value).ok();
                    }
                    // Spaces and commas are its syntax: escaped as text, not as an address.
                    Resolved::SrcSet(_) => {
                        pulldown_cmark_escape::escape_html(&mut changed, &value).ok();
                    }
                    Resolved::Id | Resolved::IdRefs => {
                        pulldown_cmark_escape::escape_html(&mut changed, &value).ok();
                    }
                }
                changed.push('"');
                copied = span.end;
            }
            (copied > 0).then(|| {
                changed.push_str(&html[copied..]);
                changed
            })
        };
        let own = write(&self.target);
        emit(events, twin, &self.target, |t| {
            // The twin is the print page's; the page's own HTML is written once.
            let html = if t.print != self.target.print {
                write(t)
            } else {
                own.clone()
            };
            make(html.map_or_else(|| joined.clone(), CowStr::from))
        });
    }

    /// An `<iframe>` from an origin the course's CSP does not allow is an error naming the
    /// setting that allows it.
    fn check_frame(&self, page: &Page, src: &str, span: Range<usize>, out: &mut Rendered) {
        let Some(origin) = crate::config::origin_of(src) else {
            return;
        };
        if self
            .frames
            .iter()
            .any(|allowed| crate::config::origin_allows(allowed, &origin))
        {
            return;
        }
        let mut list: Vec<String> = self.frames.iter().map(|f| format!("\"{f}\"")).collect();
        list.push(format!("\"{origin}\""));
        out.errors.push(
            page.error(
                span,
                format!("`<iframe>` from {origin} is blocked by the course's Content-Security-Policy"),
            )
            .with_hint(format!(
                "to allow it, write `frame_src = [{}]` under `[security]` in site.toml; that site then sees each learner who opens this page (see the README's \"Embedded players\")",
                list.join(", ")
            )),
        );
    }
}

/// Whether `html` has a tag starting `open` (`<table`), in any case.
fn has_tag(html: &str, open: &str) -> bool {
    html.as_bytes()
        .windows(open.len())
        .any(|w| w.eq_ignore_ascii_case(open.as_bytes()))
}

/// The byte of `written` that is byte `at` of `piece`, which is `written` without some of
/// its characters (a container's prefix on each line).
fn follow(written: &str, piece: &str, at: usize) -> usize {
    let (w, p) = (written.as_bytes(), piece.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < at && i < w.len() {
        if p.get(j) == Some(&w[i]) {
            j += 1;
        }
        i += 1;
    }
    i
}
