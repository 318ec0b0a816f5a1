//! Markdown to HTML: pulldown-cmark, plus what a course needs on top — stable heading ids
//! with self-links, `.md` links rewritten to relative output URLs, missing targets
//! reported, and fenced code highlighted with CSS classes.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::admonitions::{self, Admonition, Prepared, Titles};
use crate::content::{Course, Page};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::highlight;
use crate::paths::normalize;

mod aliases;
pub(crate) mod checks;
mod raw;

/// A heading of a page, for its table of contents and for checking `#anchor` links.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to another page's anchor, checked once every page's headings are known.
#[derive(Debug, Clone)]
pub(crate) struct AnchorLink {
    pub page: usize,
    pub anchor: String,
    /// Byte range of the link in the source file.
    pub span: Range<usize>,
}

/// How a heading's `#` link starts.
const ANCHOR: &str = "<a class=\"anchor\"";

/// The result of rendering one piece of Markdown.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchor_links: Vec<AnchorLink>,
    /// Ids that links may point at besides the headings': those written in raw HTML.
    pub targets: Vec<String>,
    pub errors: Vec<Diagnostic>,
    /// Whether there is a code block, so the page needs the highlighting stylesheet.
    pub has_code: bool,
    /// The id of the page's title (its h1), unique against its headings: set once per page
    /// by `pipeline::page`, for the templates, the print page and the anchor check.
    pub title_id: String,
    /// Whether there is a table, so the page needs the tables' stylesheet and script.
    pub has_table: bool,
    /// Whether there is a box (`> [!NOTE]`, `::: tip`), so the page needs their stylesheet.
    pub has_boxes: bool,
    /// Whether there is a formula, so the page needs the maths stylesheet.
    pub has_math: bool,
    /// The classes formulas use in place of inline styles, with their declarations: the
    /// maths stylesheet's rules.
    pub math_styles: Vec<(String, String)>,
    /// How many links to missing files were reported, so that only the ones shown get a
    /// "did you mean" (see [`crate::diagnostic::MAX_ALIKE`]).
    pub missing_files: usize,
    /// The checks inside the page (```` ```quiz ```` blocks), in order; each stands in
    /// `html` as a marker, for the template stage to put the check in ([`checks::fill`]).
    pub checks: Vec<crate::quiz::Quiz>,
    /// When the page has checks: the heading ids its Markdown gave, to render the checks'
    /// Markdown with, so that no heading of a check takes an id of the page's.
    pub heading_ids: HeadingIds,
    /// The body's text in sections, read from the same events as `html`, when the renderer
    /// was asked for it ([`Renderer::with_text`]).
    pub text: Option<crate::search::text::PageText>,
}

impl Rendered {
    /// Takes in what `part`, another piece of the same page, has for the link check and the
    /// page's assets; not its HTML, which the caller places.
    pub(crate) fn absorb(&mut self, part: Rendered) {
        self.errors.extend(part.errors);
        self.headings.extend(part.headings);
        self.anchor_links.extend(part.anchor_links);
        self.targets.extend(part.targets);
        self.has_code |= part.has_code;
        self.has_math |= part.has_math;
        self.has_boxes |= part.has_boxes;
        self.has_table |= part.has_table;
        for style in part.math_styles {
            if !self.math_styles.contains(&style) {
                self.math_styles.push(style);
            }
        }
    }
}

/// The heading ids given so far on one page, with how often each was wanted, so that the
/// next `## Same title` gets `same-title-1`.
pub(crate) type HeadingIds = HashMap<String, usize>;

/// Renders Markdown in the context of one page of a course.
pub(crate) struct Renderer<'a> {
    course: &'a Course,
    options: Options,
    assets: HashMap<&'a Path, &'a str>,
    target: Target,
    /// The admonitions' titles in the course's language.
    titles: Titles,
    /// Converts `$…$` to MathML, when the course has maths on.
    math: Option<crate::math::Converter>,
    /// The opening of the box each table scrolls in, with its accessible name.
    table_open: String,
    /// The origins `<iframe>`s may come from (`[security] frame_src`).
    frames: Vec<String>,
    /// Whether a page's body comes with its text, for the search index.
    text: bool,
}

/// What HTML is rendered for: a page, or a page's section of the print page.
#[derive(Debug, Clone, Copy)]
struct Target {
    highlight: bool,
    /// Rendering for the one-page print version of the course: every page is a section of
    /// `print.html`, so ids take the section's prefix and page links become anchors.
    print: bool,
    /// Levels added to every heading, for content shown under a page's own headings.
    heading_offset: usize,
    /// How many folders the edition being rendered is below the output's root (1 for
    /// `en/`): the course's files, which every edition shares, are there.
    up: usize,
}

impl Target {
    /// A page's section of the print page, its headings `heading_offset` levels down.
    /// Paper is monochrome, and highlighting is the costliest part of rendering.
    fn print(heading_offset: usize, up: usize) -> Target {
        Target {
            highlight: false,
            print: true,
            heading_offset,
            up,
        }
    }

    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        HeadingLevel::try_from((level as usize + self.heading_offset).min(6))
            .unwrap_or(HeadingLevel::H6)
    }

    /// A heading's id, unique on the page, as written in the HTML.
    fn id(&self, page: &Page, id: &str) -> String {
        if self.print {
            format!("{}-{id}", section_anchor(page))
        } else {
            id.to_string()
        }
    }

    /// A fenced code block's HTML.
    fn code(&self, lang: &str, text: &str) -> String {
        // Only a Rust block can have hidden lines: every other block costs one comparison.
        if lang == "rust" {
            if let Some(html) = highlight::rust_block(text, self.highlight, self.print) {
                return html;
            }
        }
        if self.highlight {
            highlight::code_block(lang, text)
        } else {
            highlight::plain_block(lang, text)
        }
    }

    /// Where a link of `page` points, in the HTML.
    fn href(&self, page: &Page, link: &Link, course: &Course) -> String {
        let fragment = |f: Option<&str>| f.map(|f| format!("#{f}")).unwrap_or_default();
        let root = |depth| "../".repeat(if self.print { 0 } else { depth });
        match *link {
            Link::AsWritten(dest) => dest.to_string(),
            Link::Here(f) => format!("#{}", self.id(page, f)),
            Link::Page { index, fragment } if self.print => {
                let to = &course.pages[index];
                match fragment {
                    Some(f) => format!("#{}", self.id(to, f)),
                    None => format!("#{}", section_anchor(to)),
                }
            }
            Link::Page { index, fragment: f } => format!(
                "{}{}{}",
                root(page.depth()),
                course.pages[index].path(),
                fragment(f)
            ),
            Link::Asset { url, fragment: f } => format!(
                "{}{}{url}{}",
                root(page.depth()),
                "../".repeat(self.up),
                fragment(f)
            ),
        }
    }
}

/// What a link in the Markdown resolved to.
enum Link<'a> {
    /// External, empty or unresolved: written as it is.
    AsWritten(&'a str),
    /// An anchor on the same page.
    Here(&'a str),
    Page {
        index: usize,
        fragment: Option<&'a str>,
    },
    Asset {
        url: &'a str,
        fragment: Option<&'a str>,
    },
}

/// Pushes the event `make` gives for the page, and for its print twin, when there is one, at
/// the same place.
fn emit<'m>(
    events: &mut Vec<Event<'m>>,
    twin: &mut Option<&mut Twin<'m>>,
    target: &Target,
    make: impl Fn(&Target) -> Event<'m>,
) {
    if let Some(twin) = twin.as_deref_mut() {
        twin.events.push((events.len(), make(&twin.target)));
    }
    events.push(make(target));
}

/// The print page's version of a page's HTML, built from the same events: the events that
/// differ for the print page (headings, links, code), by their place among the events.
struct Twin<'a> {
    target: Target,
    events: Vec<(usize, Event<'a>)>,
    html: String,
}

/// The id of a page's section on the print page: its key (the URL as a folder) with `-` for
/// `/`.
pub(crate) fn section_anchor(page: &Page) -> String {
    let url = page.url.strip_suffix(".html").unwrap_or(&page.url);
    match url.trim_end_matches('/') {
        "" => "course".to_string(),
        url => url.replace('/', "-"),
    }
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(course: &'a Course, smart_punctuation: bool, highlight: bool) -> Self {
        let mut options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES;
        if smart_punctuation {
            options |= Options::ENABLE_SMART_PUNCTUATION;
        }
        let assets = course
            .assets
            .iter()
            .map(|a| (a.source.as_path(), a.url.as_str()))
            .collect();
        Renderer {
            course,
            options,
            assets,
            target: Target {
                highlight,
                print: false,
                heading_offset: 0,
                up: 0,
            },
            titles: Titles::default(),
            math: None,
            table_open: table_open("Table"),
            frames: Vec::new(),
            text: false,
        }
    }

    /// Lets `<iframe>`s come from these origins, which the pages' CSP allows.
    pub(crate) fn with_frames(mut self, origins: &[String]) -> Self {
        self.frames = origins.to_vec();
        self
    }

    /// Renders for an edition `up` folders below the output's root, where the course's
    /// files are.
    pub(crate) fn with_up(mut self, up: usize) -> Self {
        self.target.up = up;
        self
    }

    /// Gives each page's body its text ([`Rendered::text`]), for the search index.
    pub(crate) fn with_text(mut self, text: bool) -> Self {
        self.text = text;
        self
    }

    /// Turns `$…$` and `$$…$$` into MathML (`[markdown] math = true`).
    pub(crate) fn with_math(mut self, math: bool) -> Self {
        self.math = if math {
            self.options |= Options::ENABLE_MATH;
            crate::math::Converter::new()
        } else {
            None
        };
        self
    }

    /// Whether the UI strings the Markdown's HTML holds (the boxes' titles, the tables' name)
    /// differ between `old` and `new`: then every page's Markdown must be rendered again, not
    /// only its template.
    pub(crate) fn strings_differ(old: &toml::Table, new: &toml::Table) -> bool {
        Titles::from_strings(old) != Titles::from_strings(new)
            || old.get("table_label") != new.get("table_label")
    }

    /// Takes the boxes' titles and the tables' name from the theme's UI strings.
    pub(crate) fn with_strings(mut self, strings: &toml::Table) -> Self {
        self.titles = Titles::from_strings(strings);
        self.table_open = table_open(crate::theme::ui_string(strings, "table_label"));
        self
    }

    /// Moves every heading `levels` down (an `##` becomes an `h3` with 1), to nest the
    /// content under headings of its own, as on the print page.
    pub(crate) fn with_heading_offset(mut self, levels: usize) -> Self {
        self.target.heading_offset = levels;
        self
    }

    /// Renders for the print page (`print.html`): heading ids are prefixed with the
    /// page's [`section_anchor`] so they stay unique, links to pages become links to their
    /// sections, and files are linked from the output root, where the page is.
    pub(crate) fn for_print(mut self) -> Self {
        self.target = Target::print(self.target.heading_offset, self.target.up);
        self
    }

    /// Renders `markdown`, which starts at byte `offset` of `page.text`. `page_index` is
    /// the page's own index, for `#anchor` links within it.
    pub(crate) fn render(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &str,
        offset: usize,
    ) -> Rendered {
        let prepared = admonitions::prepare(markdown);
        let ids = &mut HeadingIds::new();
        self.render_events(page, page_index, &prepared, offset, ids, None, true)
    }

    /// Renders `markdown` like [`Renderer::render`], and also as the page's section of the
    /// print page with headings `print_offset` levels down, from the same parse: a build
    /// writes both, and parsing every page twice was a tenth of it.
    pub(crate) fn render_with_print(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &str,
        offset: usize,
        print_offset: usize,
    ) -> (Rendered, String) {
        let mut twin = Twin {
            target: Target::print(print_offset, self.target.up),
            events: Vec::new(),
            html: String::new(),
        };
        let ids = &mut HeadingIds::new();
        let prepared = admonitions::prepare(markdown);
        let rendered = self.render_events(
            page,
            page_index,
            &prepared,
            offset,
            ids,
            Some(&mut twin),
            true,
        );
        (rendered, twin.html)
    }

    /// Renders one of several pieces of Markdown that share a page, such as a quiz's
    /// prompts and explanations: heading ids stay unique across the pieces.
    pub(crate) fn render_part(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &str,
        offset: usize,
        ids: &mut HeadingIds,
    ) -> Rendered {
        let prepared = admonitions::prepare(markdown);
        self.render_events(page, page_index, &prepared, offset, ids, None, false)
    }

    /// The page's HTML, and with a `twin` the print page's too, into `twin.html`. With
    /// `checks`, a ```` ```quiz ```` block is a check ([`checks`]): a page's body has
    /// them, and the pieces of a quiz or of a check do not.
    // Each argument is a different part of the page being rendered; grouping them would only
    // move the list into a struct built for this one call.
    #[allow(clippy::too_many_arguments)]
    fn render_events<'m>(
        &self,
        page: &Page,
        page_index: usize,
        prepared: &'m Prepared<'_>,
        offset: usize,
        ids: &mut HeadingIds,
        mut twin: Option<&mut Twin<'m>>,
        checks: bool,
    ) -> Rendered {
        let target = self.target;
        let markdown: &'m str = prepared.text.as_ref();
        let mut out = Rendered::default();
        for problem in &prepared.problems {
            let span = problem.span.start + offset..problem.span.end + offset;
            out.errors.push(
                page.error(span, problem.message.clone())
                    .with_hint(problem.hint.clone()),
            );
        }
        // Which open block quotes are admonitions, innermost last.
        let mut quotes: Vec<Option<Admonition>> = Vec::new();
        // While the first line of an alert (`> [!NOTE] Title`) is dropped: where it ends, and
        // whether the paragraph it starts was held back.
        let mut marker_line: Option<(usize, bool)> = None;
        // Inside the HTML block of a fenced div's marker, which is dropped.
        let mut in_marker_block = false;
        // Where the open paragraph's start event sits, to make a figure of a lone image.
        let mut paragraph: Option<usize> = None;
        // About one event per 12 bytes of Markdown in prose; growing the list from empty
        // moved it a dozen times per page.
        let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 12 + 8);
        // Where the open heading's start event sits, to give it its id at the end.
        let mut heading: Option<usize> = None;
        let mut heading_text = String::new();
        let mut code: Option<(String, String)> = None;
        // The open ```` ```quiz ```` block, when it is a check.
        let mut check: Option<checks::Block> = None;
        // The lines of the open HTML block, handled together when it ends.
        let mut html_block: Option<raw::RawPieces> = None;
        let locate = |at: usize| prepared.source_offset(at) + offset;
        // The ids GitHub and mdBook would give the headings, where they differ from aula's.
        let mut pending = aliases::Pending::default();

        for (event, range) in Parser::new_ext(markdown, self.options).into_offset_iter() {
            let span = prepared.source_offset(range.start) + offset
                ..prepared.source_offset(range.end) + offset;
            if in_marker_block {
                in_marker_block = !matches!(event, Event::End(TagEnd::HtmlBlock));
                continue;
            }
            if let Some((end, held)) = marker_line {
                match event {
                    Event::Start(Tag::Paragraph) if range.start <= end => {
                        marker_line = Some((end, true));
                        continue;
                    }
                    // The paragraph was the marker line alone.
                    Event::End(TagEnd::Paragraph) if held => {
                        marker_line = None;
                        continue;
                    }
                    // Everything else on the line: its text is the title. An inline end
                    // event spans its element, so it starts on the line too.
                    _ if range.start <= end => continue,
                    _ => {
                        marker_line = None;
                        if held {
                            paragraph = Some(events.len());
                            events.push(Event::Start(Tag::Paragraph));
                        }
                    }
                }
            }
            if let Some(block) = &mut html_block {
                match event {
                    // A fenced div's line inside an HTML block: the box's own HTML, as
                    // outside one.
                    Event::Html(html) if prepared.fence(&html).is_some() => {
                        out.has_boxes = true;
                        let made = prepared
                            .fence(&html)
                            .map(|f| f.html(&self.titles, target.print));
                        block.push(made.unwrap_or_default().into(), range);
                    }
                    Event::Html(html) => block.push(html, range),
                    Event::End(TagEnd::HtmlBlock) => {
                        let block = html_block.take().unwrap_or_default();
                        self.raw_html(
                            page,
                            page_index,
                            block,
                            false,
                            markdown,
                            &locate,
                            &mut out,
                            &mut events,
                            &mut twin,
                        );
                        events.push(Event::End(TagEnd::HtmlBlock));
                    }
                    other => events.push(other),
                }
                continue;
            }
            if let Some(block) = &mut check {
                match event {
                    Event::Text(t) => block.push(&t, span),
                    Event::End(TagEnd::CodeBlock) => {
                        let Some((quiz, errors)) = check.take().map(|b| b.read(page)) else {
                            continue;
                        };
                        out.errors.extend(errors);
                        // A check that cannot be read at all leaves nothing: its errors say why.
                        if let Some(quiz) = quiz {
                            let marker = checks::marker(out.checks.len());
                            out.checks.push(quiz);
                            emit(&mut events, &mut twin, &target, |_| {
                                Event::Html(marker.clone().into())
                            });
                        }
                    }
                    _ => {}
                }
                continue;
            }
            if let Some((lang, text)) = &mut code {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        emit(&mut events, &mut twin, &target, |t| {
                            Event::Html(t.code(lang, text).into())
                        });
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(tag @ Tag::Heading { .. }) => {
                    heading = Some(events.len());
                    heading_text.clear();
                    events.push(Event::Start(tag));
                    // Where the heading's aliases go, if it has any (aliases.rs).
                    events.push(Event::InlineHtml(CowStr::Borrowed("")));
                }
                Event::End(TagEnd::Heading(level)) => {
                    let open = heading.take().map(|at| {
                        (
                            at,
                            std::mem::replace(&mut events[at], Event::Text("".into())),
                        )
                    });
                    if let Some((
                        at,
                        Event::Start(Tag::Heading {
                            id, classes, attrs, ..
                        }),
                    )) = open
                    {
                        let id = id.map(|s| s.to_string());
                        let explicit = id.is_some();
                        let base = id.unwrap_or_else(|| slug::slugify(&heading_text));
                        let base = if base.is_empty() {
                            "section".to_string()
                        } else {
                            base
                        };
                        let base = unique_id(ids, base);
                        if !explicit {
                            let other =
                                aliases::aliases(heading_text.trim(), &base, &mut pending.seen);
                            if !other.is_empty() {
                                pending.at.push((at + 1, other));
                            }
                        }
                        let heading = |t: &Target| {
                            let id = t.id(page, &base);
                            let start = Event::Start(Tag::Heading {
                                level: t.shift(level),
                                id: Some(id.clone().into()),
                                classes: classes.clone(),
                                attrs: attrs.clone(),
                            });
                            // The id as written by the author, `{#…}`, is escaped here as
                            // pulldown-cmark escapes it in the heading's `id`.
                            let href = crate::templates::escape::escape_html(&id);
                            let anchor = Event::Html(format!("{ANCHOR} href=\"#{href}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>").into());
                            (id, start, anchor)
                        };
                        if let Some(twin) = twin.as_deref_mut() {
                            let (_, start, anchor) = heading(&twin.target);
                            twin.events.push((at, start));
                            twin.events.push((events.len(), anchor));
                        }
                        let (id, start, anchor) = heading(&target);
                        events[at] = start;
                        events.push(anchor);
                        out.headings.push(Heading {
                            level: target.shift(level) as u8,
                            id,
                            title: heading_text.trim().to_string(),
                        });
                    }
                    emit(&mut events, &mut twin, &target, |t| {
                        Event::End(TagEnd::Heading(t.shift(level)))
                    });
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if checks && info.split([' ', ',', '{']).next() == Some("quiz") =>
                {
                    let line = markdown[range.clone()].find('\n').unwrap_or(range.len());
                    check = Some(checks::Block::new(span.start..span.start + line));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                    out.has_code = true;
                }
                Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    let Some(dest) = dest_url(&mut tag) else {
                        events.push(Event::Start(tag));
                        continue;
                    };
                    let written = std::mem::replace(dest, CowStr::Borrowed(""));
                    let link = self.resolve(page, page_index, &written, span, &mut out);
                    emit(&mut events, &mut twin, &target, |t| {
                        let mut tag = tag.clone();
                        if let Some(dest) = dest_url(&mut tag) {
                            *dest = t.href(page, &link, self.course).into();
                        }
                        Event::Start(tag)
                    });
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    let first = &markdown[range.start..range.end];
                    let line = &first[..first.find('\n').unwrap_or(first.len())];
                    let after = line.trim_start().strip_prefix('>').unwrap_or("");
                    let at = range.start + (line.len() - after.len());
                    let admonition = match admonitions::alert(after, at) {
                        None => None,
                        Some(Ok(admonition)) => Some(admonition),
                        Some(Err(problem)) => {
                            let span = prepared.source_offset(problem.span.start) + offset
                                ..prepared.source_offset(problem.span.end) + offset;
                            out.errors
                                .push(page.error(span, problem.message).with_hint(problem.hint));
                            Some(Admonition::plain())
                        }
                    };
                    match &admonition {
                        Some(a) => {
                            out.has_boxes = true;
                            marker_line = Some((range.start + line.len(), false));
                            emit(&mut events, &mut twin, &target, |t| {
                                Event::Html(a.open(&self.titles, t.print).into())
                            });
                        }
                        None => events.push(Event::Start(Tag::BlockQuote(kind))),
                    }
                    quotes.push(admonition);
                }
                Event::End(TagEnd::BlockQuote(kind)) => match quotes.pop().flatten() {
                    Some(a) => events.push(Event::Html(a.close().into())),
                    None => events.push(Event::End(TagEnd::BlockQuote(kind))),
                },
                Event::Start(Tag::HtmlBlock)
                    if prepared.fence(&markdown[range.clone()]).is_some() =>
                {
                    in_marker_block = true;
                    out.has_boxes = true;
                    if let Some(fence) = prepared.fence(&markdown[range.clone()]) {
                        emit(&mut events, &mut twin, &target, |t| {
                            Event::Html(fence.html(&self.titles, t.print).into())
                        });
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    paragraph = Some(events.len());
                    events.push(Event::Start(Tag::Paragraph));
                }
                Event::End(TagEnd::Paragraph) => {
                    match paragraph
                        .take()
                        .filter(|&at| lone_titled_image(&events[at..]))
                    {
                        Some(at) => make_figure(&mut events, &mut twin, at),
                        None => events.push(Event::End(TagEnd::Paragraph)),
                    }
                }
                Event::InlineMath(tex) | Event::DisplayMath(tex) => {
                    if heading.is_some() {
                        heading_text.push_str(&tex);
                    }
                    let block = markdown[range.clone()].starts_with("$$");
                    // The formula sits between its delimiters, `$` or `$$`.
                    let at = span.start + if block { 2 } else { 1 };
                    events.push(Event::InlineHtml(
                        self.formula(page, &tex, block, at, &mut out).into(),
                    ));
                }
                Event::FootnoteReference(label) => {
                    emit(&mut events, &mut twin, &target, |t| {
                        Event::FootnoteReference(t.id(page, &label).into())
                    });
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    emit(&mut events, &mut twin, &target, |t| {
                        Event::Start(Tag::FootnoteDefinition(t.id(page, &label).into()))
                    });
                }
                Event::Start(Tag::HtmlBlock) => {
                    // The whole block at once, when it ends: a tag may span several lines.
                    html_block = Some(raw::RawPieces::default());
                    events.push(Event::Start(Tag::HtmlBlock));
                }
                Event::InlineHtml(html) => {
                    let mut piece = raw::RawPieces::default();
                    piece.push(html, range);
                    self.raw_html(
                        page,
                        page_index,
                        piece,
                        true,
                        markdown,
                        &locate,
                        &mut out,
                        &mut events,
                        &mut twin,
                    );
                }
                Event::Text(t) => {
                    if heading.is_some() {
                        heading_text.push_str(&t);
                    }
                    events.push(Event::Text(t));
                }
                Event::Code(t) => {
                    if heading.is_some() {
                        heading_text.push_str(&t);
                    }
                    events.push(Event::Code(t));
                }
                // A table too wide for the screen scrolls in a box of its own, which the
                // keyboard must reach; the theme's script takes the box out of the tab order
                // when the table fits. The print page's stylesheet lets it overflow.
                Event::Start(Tag::Table(alignments)) => {
                    out.has_table = true;
                    events.push(Event::Html(self.table_open.clone().into()));
                    events.push(Event::Start(Tag::Table(alignments)));
                }
                Event::End(TagEnd::Table) => {
                    events.push(Event::End(TagEnd::Table));
                    events.push(Event::Html("</div>\n".into()));
                }
                // A read-only box has no label to give; the item's text says it all, so
                // screen readers skip the box.
                Event::TaskListMarker(checked) => {
                    let checked = if checked { " checked=\"\"" } else { "" };
                    events.push(Event::Html(format!("<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\"{checked}/>\n").into()));
                }
                other => events.push(other),
            }
        }
        if !pending.at.is_empty() {
            pending.place(page, &target, &mut events, &mut twin, ids, &mut out);
        }
        if !out.checks.is_empty() {
            out.heading_ids = ids.clone();
        }
        if self.text && checks {
            // A heading's `#` link is hidden from screen readers, so from the text too;
            // it is the renderer's own, all in one piece.
            let text = events
                .iter()
                .filter(|e| !matches!(e, Event::Html(h) if h.starts_with(ANCHOR)));
            out.text = Some(crate::search::text::from_events(text, markdown.len()));
        }
        if let Some(twin) = twin {
            // A heading's start is changed when the heading ends, after the links in it.
            twin.events.sort_unstable_by_key(|(at, _)| *at);
            let mut changed = std::mem::take(&mut twin.events).into_iter().peekable();
            let events = events.iter().enumerate().map(|(i, event)| {
                match changed.next_if(|(at, _)| *at == i) {
                    Some((_, event)) => event,
                    None => event.clone(),
                }
            });
            twin.html.reserve(markdown.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut twin.html, events);
        }
        out.html.reserve(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
        if !prepared.problems.is_empty() {
            // The fenced divs' problems were found before the rest: report all in file order.
            out.errors
                .sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.col)));
        }
        out
    }

    /// Renders inline Markdown (an option's text): one paragraph, without the `<p>`.
    pub(crate) fn render_inline(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &str,
        offset: usize,
        ids: &mut HeadingIds,
    ) -> Rendered {
        let mut r = self.render_part(page, page_index, markdown, offset, ids);
        let trimmed = r.html.trim();
        if let Some(inner) = trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            if !inner.contains("<p>") {
                r.html = inner.to_string();
            }
        }
        r
    }

    /// A formula's MathML; a LaTeX mistake is an error, and the formula shows as its code.
    fn formula(
        &self,
        page: &Page,
        tex: &str,
        block: bool,
        at: usize,
        out: &mut Rendered,
    ) -> String {
        let Some(converter) = &self.math else {
            return crate::templates::escape::escape_html(tex);
        };
        out.has_math = true;
        match converter.convert(tex, block) {
            Ok(formula) => {
                for style in formula.styles {
                    if !out.math_styles.contains(&style) {
                        out.math_styles.push(style);
                    }
                }
                formula.mathml
            }
            Err(e) => {
                let span = at + e.span.start..at + e.span.end.max(e.span.start + 1);
                out.errors.push(page.error(span, format!("this formula cannot be read: {}", e.message)).with_hint(
                    "aula writes maths as MathML with math-core, which reads LaTeX's maths commands; a `$` that is not maths is written `\\$`",
                ));
                format!(
                    "<code class=\"math-error\">{}</code>",
                    crate::templates::escape::escape_html(tex)
                )
            }
        }
    }

    /// What a link as written points to, noting anything that does not resolve.
    fn resolve<'d>(
        &self,
        page: &Page,
        page_index: usize,
        dest: &'d str,
        span: Range<usize>,
        out: &mut Rendered,
    ) -> Link<'d>
    where
        'a: 'd,
    {
        if dest.is_empty() || is_external(dest) {
            return Link::AsWritten(dest);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let error =
            |message: String, hint: String| page.error(span.clone(), message).with_hint(hint);
        if path.is_empty() {
            // `#` alone is the top of the page, as browsers take it.
            let Some(f) = fragment.filter(|f| !f.is_empty()) else {
                return Link::AsWritten(dest);
            };
            out.anchor_links.push(AnchorLink {
                page: page_index,
                anchor: decode(f),
                span: span.clone(),
            });
            return Link::Here(f);
        }
        if path.starts_with('/') {
            out.errors.push(error(format!("absolute link `{dest}`"),
                "link by relative path to the .md file (e.g. `../02-module/01-lesson.md`), so the course works under any address and from disk".into()));
            return Link::AsWritten(dest);
        }
        let base = page.source.parent().unwrap_or(Path::new(""));
        let target = normalize(&base.join(decode(path)));
        if let Some(&index) = self.course.by_source.get(&target) {
            if let Some(f) = fragment {
                out.anchor_links.push(AnchorLink {
                    page: index,
                    anchor: decode(f),
                    span: span.clone(),
                });
            }
            return Link::Page { index, fragment };
        }
        if let Some(url) = self.assets.get(target.as_path()) {
            return Link::Asset { url, fragment };
        }
        if self.course.failed.contains(&target) {
            // The page exists; its own errors are reported.
            return Link::AsWritten(dest);
        }
        if self.course.drafts.contains(&target) {
            out.errors.push(error(
                format!("link to `{path}`, a draft this build leaves out"),
                "build with --drafts to include it, or link to it once it is no longer a draft"
                    .into(),
            ));
            return Link::AsWritten(dest);
        }
        let shown = target.display().to_string();
        // A "did you mean" compares the link with every page of the course; past the errors
        // of a page that are shown, the rest are only counted, so their hints are not sought.
        out.missing_files += 1;
        let suggest = out.missing_files <= crate::diagnostic::MAX_ALIKE;
        let hint = if suggest && (path.ends_with(".md") || path.ends_with(".toml")) {
            // Compare file names: whole paths share long prefixes and all look alike.
            let wanted = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let names: Vec<(&str, &Path)> = self
                .course
                .by_source
                .keys()
                .filter_map(|p| Some((p.file_name()?.to_str()?, p.as_path())))
                .collect();
            // Many pages share a name (`_index.md`, `quiz.toml`): of those, the one whose
            // path is closest to the link as written.
            let written = relative_link(base, &target);
            let close = did_you_mean(&wanted, names.iter().map(|(n, _)| *n)).and_then(|n| {
                names
                    .iter()
                    .filter(|(m, _)| *m == n)
                    .map(|(_, p)| (strsim::jaro_winkler(&written, &relative_link(base, p)), *p))
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
                    .map(|(_, p)| p)
            });
            match close {
                Some(close) => format!(
                    "did you mean `{}`? Links are relative to this file's folder",
                    relative_link(base, close)
                ),
                None => {
                    "link to an existing .md file by its path relative to this file's folder".into()
                }
            }
        } else if path.ends_with(".md") || path.ends_with(".toml") {
            "link to an existing .md file by its path relative to this file's folder".into()
        } else if path.ends_with(".html") {
            "link to the page's .md file: aula writes the .html and keeps the link right".into()
        } else if path.ends_with('/') || !path.contains('.') {
            "link to the page's .md file (a module's page is its `_index.md`), not to a folder"
                .into()
        } else {
            "put the file in content/ next to the page, or fix the path".into()
        };
        out.errors.push(error(
            format!("link to a missing file `{path}` (looked for {shown})"),
            hint,
        ));
        Link::AsWritten(dest)
    }
}

/// The start of a table's scrolling box, named `label`.
fn table_open(label: &str) -> String {
    format!(
        "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"{}\">\n",
        crate::templates::escape::escape_html(label)
    )
}

/// Where a link or an image points.
fn dest_url<'t, 'a>(tag: &'t mut Tag<'a>) -> Option<&'t mut CowStr<'a>> {
    match tag {
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => Some(dest_url),
        _ => None,
    }
}

/// Whether a paragraph's events (from its start) are one image with a title and nothing
/// else, which Pandoc and most authors take for a figure with a caption.
fn lone_titled_image(events: &[Event]) -> bool {
    matches!(events.get(1), Some(Event::Start(Tag::Image { title, .. })) if !title.trim().is_empty())
        && matches!(events.last(), Some(Event::End(TagEnd::Image)))
        && events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Image { .. })))
            .count()
            == 1
}

/// Turns the paragraph starting at event `at`, one titled image, into a `<figure>` whose
/// caption is the title. The title leaves the image: read out twice, it would be noise.
fn make_figure<'m>(events: &mut Vec<Event<'m>>, twin: &mut Option<&mut Twin<'m>>, at: usize) {
    let mut caption = String::new();
    let mut take_title = |event: &mut Event<'m>| {
        if let Event::Start(Tag::Image { title, .. }) = event {
            let title = std::mem::replace(title, CowStr::Borrowed(""));
            if caption.is_empty() {
                caption = crate::templates::escape::escape_html(title.trim());
            }
        }
    };
    take_title(&mut events[at + 1]);
    if let Some(twin) = twin.as_deref_mut() {
        if let Some((_, image)) = twin.events.iter_mut().rev().find(|(i, _)| *i == at + 1) {
            take_title(image);
        }
    }
    events[at] = Event::Html("<figure>\n".into());
    events.push(Event::Html(
        format!("<figcaption>{caption}</figcaption>\n</figure>\n").into(),
    ));
}

fn unique_id(ids: &mut HashMap<String, usize>, base: String) -> String {
    let n = ids.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{}", *n - 1)
    }
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// `target` as a link written from `base`, for suggestions.
fn relative_link(base: &Path, target: &Path) -> String {
    let base: Vec<_> = base.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); base.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The course made of `files` (path, text) in `dir`.
    fn course_of(dir: &tempfile::TempDir, files: &[(&str, &str)]) -> Course {
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = crate::config::Config::parse("title = \"T\"").unwrap();
        crate::content::load(dir.path(), &config, false).unwrap()
    }

    #[test]
    fn print_rendering_links_to_sections_nests_headings_and_hides_task_boxes() {
        let dir = tempfile::tempdir().unwrap();
        let course = course_of(
            &dir,
            &[
                ("content/_index.md", "# Home\n"),
                ("content/01-a/_index.md", "# A\n"),
                (
                    "content/01-a/01-l.md",
                    "# L\n\n## Sec\n\n[home](../_index.md) [here](#sec) [A](_index.md#x)\n\n- [x] hecho\n",
                ),
            ],
        );
        let i = course.by_source[Path::new("content/01-a/01-l.md")];
        let page = &course.pages[i];
        let render = |r: Renderer| r.render(page, i, page.markdown(), page.body.start).html;
        let own = render(Renderer::new(&course, false, false));
        assert!(own.contains("href=\"../index.html\""), "{own}");
        let print = render(Renderer::new(&course, false, false).for_print());
        assert!(print.contains("<h2 id=\"a-l-sec\">"), "{print}");
        assert!(print.contains("href=\"#course\""), "{print}");
        assert!(print.contains("href=\"#a-l-sec\""), "{print}");
        assert!(print.contains("href=\"#a-x\""), "{print}");
        let nested = render(Renderer::new(&course, false, false).with_heading_offset(2));
        assert!(
            nested.contains("<h4 id=\"sec\">") && nested.contains("</h4>"),
            "{nested}"
        );
        assert!(
            own.contains(
                "<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\" checked=\"\"/>"
            ),
            "{own}"
        );
    }

    #[test]
    fn one_parse_gives_the_same_page_and_print_html_as_two() {
        let dir = tempfile::tempdir().unwrap();
        // Links and images inside headings too: their events come before the heading's.
        let lesson = "# L\n\n## Sec\n\n## Sec\n\n[home](../_index.md) [here](#sec-1) \
            [A](_index.md#x) [out](https://example.org) ![img](pic.png)\n\n\
            ## See [A](_index.md) and ![i](pic.png)\n\n## <https://example.org>\n\n\
            ```rust\nfn main() {}\n```\n\n- [ ] todo\n\n### Deep {#custom .c}\n";
        let course = course_of(
            &dir,
            &[
                ("content/_index.md", "# Home\n"),
                ("content/01-a/_index.md", "# A\n\n## X\n"),
                ("content/01-a/01-l.md", lesson),
                ("content/01-a/pic.png", ""),
            ],
        );
        let i = course.by_source[Path::new("content/01-a/01-l.md")];
        let page = &course.pages[i];
        let (md, start) = (page.markdown(), page.body.start);
        let page_renderer = Renderer::new(&course, true, true);
        let (own, print) = page_renderer.render_with_print(page, i, md, start, 2);
        let apart = Renderer::new(&course, true, false)
            .for_print()
            .with_heading_offset(2);
        assert_eq!(own.html, page_renderer.render(page, i, md, start).html);
        assert_eq!(print, apart.render(page, i, md, start).html);
        assert!(print.contains("<h4 id=\"a-l-sec-1\">"), "{print}");
        assert!(
            print.contains("<h5 id=\"a-l-custom\" class=\"c\">"),
            "{print}"
        );
        assert!(own.html.contains("<h2 id=\"sec-1\">"), "{}", own.html);
    }

    /// The page and print HTML of a lesson whose body is `lesson`, and its errors.
    fn render_lesson(lesson: &str) -> (String, String, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let course = course_of(
            &dir,
            &[
                ("content/_index.md", "# Home\n"),
                ("content/01-a/_index.md", "# A\n"),
                ("content/01-a/01-l.md", lesson),
                ("content/01-a/pic.png", ""),
            ],
        );
        let i = course.by_source[Path::new("content/01-a/01-l.md")];
        let page = &course.pages[i];
        let strings = toml::from_str("admonition_tip = \"Consejo\"").unwrap();
        let renderer = Renderer::new(&course, false, false).with_strings(&strings);
        let (own, print) = renderer.render_with_print(page, i, page.markdown(), page.body.start, 2);
        let errors = own.errors.iter().map(|d| d.to_string()).collect();
        (own.html, print, errors)
    }

    #[test]
    fn github_alerts_and_fenced_divs_become_titled_boxes() {
        let (own, print, errors) = render_lesson(
            "# L\n\n> [!TIP]\n> Say *usted*.\n\n> [!warning] Mind the gap\n> Text.\n\n\
             > Just a quote.\n\n::: exercise Try `it`\nDo this.\n\n:::: solution\nDone.\n::::\n:::\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            own.contains("<div class=\"admonition admonition-tip\" role=\"note\"><p class=\"admonition-title\">Consejo</p>\n<p>Say <em>usted</em>.</p>\n</div>"),
            "{own}"
        );
        assert!(
            own.contains("<p class=\"admonition-title\">Mind the gap</p>\n<p>Text.</p>"),
            "{own}"
        );
        assert!(
            own.contains("<blockquote>\n<p>Just a quote.</p>\n</blockquote>"),
            "{own}"
        );
        assert!(
            own.contains("<p class=\"admonition-title\">Try <code>it</code></p>\n<p>Do this.</p>"),
            "{own}"
        );
        assert!(
            own.contains("<details class=\"admonition admonition-solution\"><summary class=\"admonition-title\">Solution</summary>\n<p>Done.</p>\n</details>\n</div>"),
            "{own}"
        );
        assert!(!own.contains(":::") && !own.contains("[!"), "{own}");
        // Paper cannot be clicked: the solution is printed open.
        assert!(
            print.contains("<details class=\"admonition admonition-solution\" open>"),
            "{print}"
        );
    }

    #[test]
    fn a_box_inside_a_list_item_stays_in_it() {
        let (own, _, errors) =
            render_lesson("# L\n\n1. Step\n\n   ::: tip\n   Inside.\n   :::\n\n2. Next\n");
        assert!(errors.is_empty(), "{errors:?}");
        let first = own.split("</li>").next().unwrap();
        assert!(
            first.contains("admonition-tip") && first.contains("Inside."),
            "{own}"
        );
    }

    #[test]
    fn an_unknown_kind_of_box_is_an_error_at_its_name() {
        let (own, _, errors) = render_lesson("# L\n\n::: sidebar\nx\n:::\n\n> [!TODO]\n> y\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("unknown kind of box `sidebar`") && errors[0].contains(":3:5"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].contains("`TODO`") && errors[1].contains(":7:3"),
            "{}",
            errors[1]
        );
        assert!(errors[0].contains(
            "note, tip, important, warning, caution, example, exercise, solution, details"
        ));
        // The text still shows, boxed.
        assert!(
            own.contains("<p>x</p>") && own.contains("<p>y</p>"),
            "{own}"
        );
    }

    #[test]
    fn a_lone_titled_image_is_a_figure_with_its_caption() {
        let (own, print, _) = render_lesson(
            "# L\n\n![A chart](pic.png \"The service cycle\")\n\n![Inline](pic.png \"t\") with text\n",
        );
        assert!(
            own.contains("<figure>\n<img src=\"../a/pic.png\" alt=\"A chart\" /><figcaption>The service cycle</figcaption>\n</figure>"),
            "{own}"
        );
        assert!(
            print.contains("<img src=\"a/pic.png\" alt=\"A chart\" /><figcaption>"),
            "{print}"
        );
        assert!(
            own.contains(
                "<p><img src=\"../a/pic.png\" alt=\"Inline\" title=\"t\" /> with text</p>"
            ),
            "{own}"
        );
    }

    #[test]
    fn footnote_ids_on_the_print_page_carry_the_section() {
        let (own, print, _) = render_lesson("# L\n\nSee.[^1]\n\n[^1]: Note.\n");
        assert!(
            own.contains("<a href=\"#1\">1</a>") && own.contains("id=\"1\""),
            "{own}"
        );
        assert!(
            print.contains("<a href=\"#a-l-1\">1</a>") && print.contains("id=\"a-l-1\""),
            "{print}"
        );
    }

    #[test]
    fn tells_external_links_apart() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("a.md#x:y"));
    }

    #[test]
    fn suggests_relative_paths() {
        assert_eq!(
            relative_link(Path::new("content/01-a"), Path::new("content/02-b/x.md")),
            "../02-b/x.md"
        );
    }
}
