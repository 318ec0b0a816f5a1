//! Markdown to HTML: pulldown-cmark, plus what a course needs on top — stable heading ids
//! with self-links, `.md` links rewritten to relative output URLs, missing targets
//! reported, and fenced code highlighted with CSS classes.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::{Course, Page};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::highlight;
use crate::paths::normalize;

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

/// The result of rendering one piece of Markdown.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchor_links: Vec<AnchorLink>,
    pub errors: Vec<Diagnostic>,
    /// Whether there is a code block, so the page needs the highlighting stylesheet.
    pub has_code: bool,
    /// How many links to missing files were reported, so that only the ones shown get a
    /// "did you mean" (see [`crate::diagnostic::MAX_ALIKE`]).
    pub missing_files: usize,
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
    /// The opening of the box each table scrolls in, with its accessible name.
    table_open: String,
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
}

impl Target {
    /// A page's section of the print page, its headings `heading_offset` levels down.
    /// Paper is monochrome, and highlighting is the costliest part of rendering.
    fn print(heading_offset: usize) -> Target {
        Target {
            highlight: false,
            print: true,
            heading_offset,
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
            Link::Asset { url, fragment: f } => {
                format!("{}{url}{}", root(page.depth()), fragment(f))
            }
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
            },
            table_open: table_open("Table"),
        }
    }

    /// Names the box a wide table scrolls in with `label`, a UI string of the theme
    /// (`table_label`), for screen readers.
    pub(crate) fn with_table_label(mut self, label: &str) -> Self {
        self.table_open = table_open(label);
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
        self.target = Target::print(self.target.heading_offset);
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
        self.render_part(page, page_index, markdown, offset, &mut HeadingIds::new())
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
            target: Target::print(print_offset),
            events: Vec::new(),
            html: String::new(),
        };
        let ids = &mut HeadingIds::new();
        let rendered = self.render_events(page, page_index, markdown, offset, ids, Some(&mut twin));
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
        self.render_events(page, page_index, markdown, offset, ids, None)
    }

    /// The page's HTML, and with a `twin` the print page's too, into `twin.html`.
    fn render_events<'m>(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &'m str,
        offset: usize,
        ids: &mut HeadingIds,
        mut twin: Option<&mut Twin<'m>>,
    ) -> Rendered {
        let target = self.target;
        let mut out = Rendered::default();
        // About one event per 12 bytes of Markdown in prose; growing the list from empty
        // moved it a dozen times per page.
        let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 12 + 8);
        // Where the open heading's start event sits, to give it its id at the end.
        let mut heading: Option<usize> = None;
        let mut heading_text = String::new();
        let mut code: Option<(String, String)> = None;

        for (event, range) in Parser::new_ext(markdown, self.options).into_offset_iter() {
            let span = range.start + offset..range.end + offset;
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
                        let base = id.unwrap_or_else(|| slug::slugify(&heading_text));
                        let base = if base.is_empty() {
                            "section".to_string()
                        } else {
                            base
                        };
                        let base = unique_id(ids, base);
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
                            let anchor = Event::Html(format!("<a class=\"anchor\" href=\"#{href}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>").into());
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
                Event::Start(Tag::HtmlBlock) => {
                    // The whole block at once: a tag may span several of its lines.
                    self.check_raw_html(page, &markdown[range.clone()], span.start, &mut out);
                    events.push(Event::Start(Tag::HtmlBlock));
                }
                Event::InlineHtml(html) => {
                    self.check_raw_html(page, &html, span.start, &mut out);
                    events.push(Event::InlineHtml(html));
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

    /// Reports what cannot work in the author's raw HTML `html`, which starts at byte `at`
    /// of the page's file.
    fn check_raw_html(&self, page: &Page, html: &str, at: usize, out: &mut Rendered) {
        for refused in crate::raw_html::check(html) {
            let span = at + refused.span.start..at + refused.span.end;
            out.errors
                .push(page.error(span, refused.message).with_hint(refused.hint));
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
            let Some(f) = fragment else {
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
