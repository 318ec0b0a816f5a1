//! Markdown to HTML: pulldown-cmark, plus what a course needs on top — stable heading ids
//! with self-links, `.md` links rewritten to relative output URLs, missing targets
//! reported, and fenced code highlighted with CSS classes.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::{Course, Page};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::highlight;
use crate::paths::normalize;

/// A heading of a page, for its table of contents and for checking `#anchor` links.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to another page's anchor, checked once every page's headings are known.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub page: usize,
    pub anchor: String,
    /// Byte range of the link in the source file.
    pub span: Range<usize>,
}

/// The result of rendering one piece of Markdown.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchor_links: Vec<AnchorLink>,
    pub errors: Vec<Diagnostic>,
    /// Whether there is a code block, so the page needs the highlighting stylesheet.
    pub has_code: bool,
}

/// The heading ids given so far on one page, with how often each was wanted, so that the
/// next `## Same title` gets `same-title-1`.
pub type HeadingIds = HashMap<String, usize>;

/// Renders Markdown in the context of one page of a course.
pub struct Renderer<'a> {
    course: &'a Course,
    options: Options,
    highlight: bool,
    assets: HashMap<&'a Path, &'a str>,
    /// Rendering for the one-page print version of the course: every page is a section of
    /// `print/index.html`, so ids take the section's prefix and page links become anchors.
    print: bool,
    /// Levels added to every heading, for content shown under a page's own headings.
    heading_offset: usize,
}

impl Renderer<'_> {
    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        HeadingLevel::try_from((level as usize + self.heading_offset).min(6))
            .unwrap_or(HeadingLevel::H6)
    }
}

/// The id of a page's section on the print page: its URL with `-` for `/`.
pub fn section_anchor(page: &Page) -> String {
    match page.url.trim_end_matches('/') {
        "" => "course".to_string(),
        url => url.replace('/', "-"),
    }
}

impl<'a> Renderer<'a> {
    pub fn new(course: &'a Course, smart_punctuation: bool, highlight: bool) -> Self {
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
            highlight,
            assets,
            print: false,
            heading_offset: 0,
        }
    }

    /// Moves every heading `levels` down (an `##` becomes an `h3` with 1), to nest the
    /// content under headings of its own, as on the print page.
    pub fn with_heading_offset(mut self, levels: usize) -> Self {
        self.heading_offset = levels;
        self
    }

    /// Renders for the print page (`print/index.html`): heading ids are prefixed with the
    /// page's [`section_anchor`] so they stay unique, links to pages become links to their
    /// sections, and files are linked from `print/`.
    pub fn for_print(mut self) -> Self {
        self.print = true;
        self
    }

    /// Renders `markdown`, which starts at byte `offset` of `page.text`. `page_index` is
    /// the page's own index, for `#anchor` links within it.
    pub fn render(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &str,
        offset: usize,
    ) -> Rendered {
        self.render_part(page, page_index, markdown, offset, &mut HeadingIds::new())
    }

    /// Renders one of several pieces of Markdown that share a page, such as a quiz's
    /// prompts and explanations: heading ids stay unique across the pieces.
    pub fn render_part(
        &self,
        page: &Page,
        page_index: usize,
        markdown: &str,
        offset: usize,
        ids: &mut HeadingIds,
    ) -> Rendered {
        let mut out = Rendered::default();
        let mut events: Vec<Event> = Vec::new();
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
                        let html = if self.highlight {
                            highlight::code_block(lang, text)
                        } else {
                            highlight::plain_block(lang, text)
                        };
                        events.push(Event::Html(html.into()));
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
                        let id = unique_id(ids, base);
                        let id = if self.print {
                            format!("{}-{id}", section_anchor(page))
                        } else {
                            id
                        };
                        let level = self.shift(level);
                        events[at] = Event::Start(Tag::Heading {
                            level,
                            id: Some(id.clone().into()),
                            classes,
                            attrs,
                        });
                        events.push(Event::Html(format!("<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>").into()));
                        out.headings.push(Heading {
                            level: level as u8,
                            id,
                            title: heading_text.trim().to_string(),
                        });
                    }
                    events.push(Event::End(TagEnd::Heading(self.shift(level))));
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
                    if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                        *dest_url = self
                            .rewrite(page, page_index, dest_url, span, &mut out)
                            .into();
                    }
                    events.push(Event::Start(tag));
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
                // A read-only box has no label to give; the item's text says it all, so
                // screen readers skip the box.
                Event::TaskListMarker(checked) => {
                    let checked = if checked { " checked=\"\"" } else { "" };
                    events.push(Event::Html(format!("<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\"{checked}/>\n").into()));
                }
                other => events.push(other),
            }
        }
        out.html.reserve(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
        out
    }

    /// Renders inline Markdown (an option's text): one paragraph, without the `<p>`.
    pub fn render_inline(
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

    /// Turns a link as written into the URL to emit, noting anything that does not resolve.
    fn rewrite(
        &self,
        page: &Page,
        page_index: usize,
        dest: &str,
        span: Range<usize>,
        out: &mut Rendered,
    ) -> String {
        if dest.is_empty() || is_external(dest) {
            return dest.to_string();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let error = |message: String, hint: String| {
            Diagnostic::at(&page.source, &page.text, span.clone(), message).with_hint(hint)
        };
        if path.is_empty() {
            if let Some(f) = fragment {
                out.anchor_links.push(AnchorLink {
                    page: page_index,
                    anchor: decode(f),
                    span: span.clone(),
                });
                if self.print {
                    return format!("#{}-{f}", section_anchor(page));
                }
            }
            return dest.to_string();
        }
        if path.starts_with('/') {
            out.errors.push(error(format!("absolute link `{dest}`"),
                "link by relative path to the .md file (e.g. `../02-module/01-lesson.md`), so the course works under any address and from disk".into()));
            return dest.to_string();
        }
        let base = page.source.parent().unwrap_or(Path::new(""));
        let target = normalize(&base.join(decode(path)));
        let root_prefix = "../".repeat(if self.print { 1 } else { page.depth() });
        let suffix = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        if let Some(&i) = self.course.by_source.get(&target) {
            if let Some(f) = fragment {
                out.anchor_links.push(AnchorLink {
                    page: i,
                    anchor: decode(f),
                    span: span.clone(),
                });
            }
            let target = &self.course.pages[i];
            if self.print {
                let section = section_anchor(target);
                return match fragment {
                    Some(f) => format!("#{section}-{f}"),
                    None => format!("#{section}"),
                };
            }
            return format!("{root_prefix}{}index.html{suffix}", target.url);
        }
        if let Some(url) = self.assets.get(target.as_path()) {
            return format!("{root_prefix}{url}{suffix}");
        }
        if self.course.drafts.contains(&target) {
            out.errors.push(error(
                format!("link to `{path}`, a draft this build leaves out"),
                "build with --drafts to include it, or link to it once it is no longer a draft"
                    .into(),
            ));
            return dest.to_string();
        }
        let shown = target.display().to_string();
        let hint = if path.ends_with(".md") || path.ends_with(".toml") {
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
        dest.to_string()
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

    #[test]
    fn print_rendering_links_to_sections_nests_headings_and_hides_task_boxes() {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in [
            ("content/_index.md", "# Home\n"),
            ("content/01-a/_index.md", "# A\n"),
            (
                "content/01-a/01-l.md",
                "# L\n\n## Sec\n\n[home](../_index.md) [here](#sec) [A](_index.md#x)\n\n- [x] hecho\n",
            ),
        ] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = crate::config::Config::parse("title = \"T\"").unwrap();
        let course = crate::content::load(dir.path(), &config, false).unwrap();
        let i = course.by_source[Path::new("content/01-a/01-l.md")];
        let page = &course.pages[i];
        let render = |r: Renderer| r.render(page, i, page.markdown(), page.body.start).html;
        let own = render(Renderer::new(&course, false, false));
        assert!(own.contains("href=\"../../index.html\""), "{own}");
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
