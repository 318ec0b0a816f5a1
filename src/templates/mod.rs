//! Templates: the Tera engine, compiled once, the values every page shares, and the
//! sidebar. `page_values` builds each page's own values. The context is the theme's whole
//! interface; README.md's "Themes" section documents it.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};

use memchr::memmem;
use rayon::prelude::*;
use serde::Serialize;
use tera::value::Key;
use tera::{Context, Tera, Value};

pub(crate) mod checks;
pub(crate) mod errors;
pub(crate) mod escape;
pub(crate) mod page_values;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::nav::Nav;
use crate::theme::Theme;
use escape::{escape_html, script_json};

/// Compiled templates, with the values every page shares in Tera's global context.
pub(crate) struct Templates {
    tera: Tera,
    /// The templates compiled from the sources as written, without the strings folded into
    /// them, when any were: built on the first error of a page, so that the error is
    /// reported at the author's line and column.
    as_written: OnceLock<Option<Tera>>,
    folded: bool,
    /// What Tera's global context holds: the values every page shares.
    shared: Context,
    /// The theme's templates by name: file and source, for errors.
    theme: BTreeMap<String, (PathBuf, String)>,
    strings_file: PathBuf,
    /// The UI strings for the quizzes' script, and for the learner's record's: each page
    /// embeds only those its scripts read.
    strings_json: Value,
    record_strings_json: Value,
    navs: ScopedNavs,
    /// The theme's `nav.html` rendered once per navigation scope and root, because the
    /// sidebar is the same on every page of a module but for the current-page mark.
    /// Read by every page: a lock that readers share.
    sidebars: RwLock<HashMap<(NavScope, String), Arc<Sidebar>>>,
    has_sidebar: bool,
    /// From the root of the edition these templates are for to the output's: see
    /// [`crate::pipeline::editions::Edition::up`].
    up: String,
    /// The edition's folder: see [`crate::pipeline::editions::Edition::folder`].
    folder: String,
}

/// Which part of the navigation a page's template gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NavScope {
    /// Every module with its items: the home page.
    Full,
    /// Every module, and the items of this one only: pages of a module.
    Module(usize),
    /// Every module, no items: pages outside the modules.
    Outside,
}

/// The navigation of each scope, built once per build. Tera's values share their lists and
/// maps, so handing one to a page costs a reference count, not a copy; and each page gets
/// only its scope's items, so that a page does not grow with the size of the course.
struct ScopedNavs {
    full: Value,
    outside: Value,
    /// Per module: the navigation its pages see, and the module without its items.
    modules: Vec<(Value, Value)>,
}

impl ScopedNavs {
    /// No navigation yet: see [`Templates::set_nav`].
    fn none() -> ScopedNavs {
        ScopedNavs {
            full: Value::none(),
            outside: Value::none(),
            modules: Vec::new(),
        }
    }

    fn new(nav: &Nav) -> ScopedNavs {
        // Written out field by field, so that a new field of `Nav` does not compile until
        // it is given to the templates too.
        let Nav {
            home,
            before,
            modules,
            pages,
            duration,
        } = nav;
        let with_items: Vec<Value> = modules.par_iter().map(Value::from_serializable).collect();
        let bare: Vec<Value> = with_items
            .iter()
            .map(|m| {
                let mut map = m.clone().into_map().unwrap_or_default();
                map.remove(&Key::Str("items"));
                Value::from(map)
            })
            .collect();
        let top = [
            ("home", Value::from_serializable(home)),
            ("before", Value::from_serializable(before)),
            ("pages", Value::from_serializable(pages)),
            ("duration", Value::from(*duration)),
        ];
        let scope = |modules: Vec<Value>| {
            let mut map: BTreeMap<&'static str, Value> = top.iter().cloned().collect();
            map.insert("modules", Value::from(modules));
            Value::from(map)
        };
        let modules = (0..bare.len())
            .map(|m| {
                let mut modules = bare.clone();
                modules[m] = with_items[m].clone();
                (scope(modules), bare[m].clone())
            })
            .collect();
        ScopedNavs {
            full: scope(with_items),
            outside: scope(bare),
            modules,
        }
    }

    /// The navigation a page in `scope` sees.
    fn get(&self, scope: NavScope) -> Value {
        match scope {
            NavScope::Full => self.full.clone(),
            NavScope::Outside => self.outside.clone(),
            NavScope::Module(m) => self
                .modules
                .get(m)
                .map_or_else(|| self.outside.clone(), |(nav, _)| nav.clone()),
        }
    }

    /// Module `m` without its items.
    fn module(&self, m: usize) -> Option<Value> {
        self.modules.get(m).map(|(_, module)| module.clone())
    }
}

impl Templates {
    /// Compiles the theme's templates once for the whole build. Pages need the
    /// navigation, given with [`Templates::set_nav`].
    pub(crate) fn new(
        theme: &Theme,
        config: &Config,
        live_reload: bool,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(n, (_, s))| (n.as_str(), s.as_str()))
            .collect();
        let site = serde_json::to_value(SiteContext::new(config)).unwrap_or_default();
        let strings = serde_json::to_value(&theme.strings).unwrap_or_default();
        let folded = crate::fold_strings::fold(
            &sources,
            &[("t", &strings), ("site", &site)],
            |name| AUTOESCAPE.iter().any(|suffix| name.ends_with(suffix)),
            escape_html,
        );
        // A mistake is reported from the sources as written, so that its lines and columns
        // are the author's.
        let compiled = compile(folded.iter().map(|(n, s)| (*n, s.as_ref())))
            .or_else(|_| compile(sources.iter().copied()));
        let mut templates = Templates {
            as_written: OnceLock::new(),
            shared: Context::new(),
            folded: folded.iter().any(|(_, s)| matches!(s, Cow::Owned(_))),
            theme: theme.templates.clone(),
            strings_file: theme.strings_file.clone(),
            strings_json: Value::from(script_json(&strings_for(&theme.strings, false))),
            record_strings_json: Value::from(script_json(&strings_for(&theme.strings, true))),
            navs: ScopedNavs::none(),
            sidebars: RwLock::default(),
            has_sidebar: theme.templates.contains_key(SIDEBAR),
            tera: Tera::new(),
            up: "../".repeat(config.folder.matches('/').count()),
            folder: config.folder.clone(),
        };
        templates.tera = compiled.map_err(|e| {
            crate::templates::errors::compile_errors(&templates.theme, &e)
                .unwrap_or_else(|| vec![templates.error(&e)])
        })?;
        let shared = &mut templates.shared;
        shared.insert("site", &site);
        shared.insert("t", &strings);
        shared.insert("live_reload", &live_reload);
        // Page-specific values, empty unless the page sets them, so that every template
        // can test them.
        shared.insert("module_index", &None::<usize>);
        shared.insert("module", &None::<()>);
        shared.insert("prev", &None::<()>);
        shared.insert("next", &None::<()>);
        shared.insert("breadcrumbs", &Vec::<()>::new());
        shared.insert("languages", &Vec::<()>::new());
        *templates.tera.global_context() = templates.shared.clone();
        Ok(templates)
    }

    /// Sets the navigation every page shows.
    pub(crate) fn set_nav(&mut self, nav: &Nav) {
        self.navs = ScopedNavs::new(nav);
        self.sidebars = RwLock::default();
    }

    /// Whether the theme has a template of that name.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a template with the shared values, the navigation in `scope`, and `ctx`:
    /// the page's own values. `root` is `../` per folder of `depth` unless `ctx` sets it
    /// (404.html's links are absolute).
    pub(crate) fn render(
        &self,
        template: &str,
        depth: usize,
        scope: NavScope,
        ctx: Context,
    ) -> Result<String, Diagnostic> {
        self.render_page(template, depth, scope, ctx)
            .map(PageHtml::into_string)
    }

    /// Like [`Templates::render`], with the sidebar not yet copied into the page: a file
    /// takes the pieces as they are.
    pub(crate) fn render_page(
        &self,
        template: &str,
        depth: usize,
        scope: NavScope,
        mut ctx: Context,
    ) -> Result<PageHtml, Diagnostic> {
        ctx.insert_value("nav", self.navs.get(scope));
        ctx.insert_value("strings_json", self.strings_json.clone());
        ctx.insert_value("record_strings_json", self.record_strings_json.clone());
        if let NavScope::Module(m) = scope {
            if let Some(module) = self.navs.module(m) {
                ctx.insert_value("module", module);
            }
        }
        let root = match ctx.get("root").and_then(Value::as_str) {
            Some(root) => root.to_string(),
            None => {
                let root = "../".repeat(depth);
                ctx.insert("root", &root);
                root
            }
        };
        // The files every edition shares (the theme's, the course's stylesheets) are at
        // the output's root, above another language's folder.
        let site_root = match root.strip_suffix(&self.folder) {
            // 404.html's links start at the host's root: `/en/` is in `/`.
            Some(above) if root.starts_with('/') => above.to_string(),
            _ => format!("{root}{}", self.up),
        };
        ctx.insert("site_root", &site_root);
        if self.has_sidebar {
            ctx.insert("sidebar", SIDEBAR_MARK);
        }
        let text = self.render_tera(template, &ctx)?;
        let marks = if self.has_sidebar {
            marks(&text)
        } else {
            Vec::new()
        };
        // `nav.html` is rendered only for templates that print it.
        let (sidebar, current) = if marks.is_empty() {
            (None, None)
        } else {
            let path = ctx
                .get("page")
                .and_then(|p| p.get_from_path("path"))
                .and_then(Value::as_str)
                .map(|p| format!("{root}{p}"));
            let sidebar = self.sidebar(scope, root)?;
            let current = path.and_then(|p| sidebar.href_ends.get(&p).copied());
            (Some(sidebar), current)
        };
        Ok(PageHtml {
            text,
            sidebar,
            marks,
            current,
        })
    }

    /// Renders with the compiled templates. A template mistake that shows only when it
    /// renders is rendered again from the sources as written: the folded strings moved
    /// what follows them, and the author must see their own line and column. Should that
    /// find another mistake, or none, the first is reported without a position.
    fn render_tera(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, ctx).map_err(|e| {
            if !self.folded {
                return self.error(&e);
            }
            let as_written = self
                .as_written()
                .and_then(|tera| tera.render(template, ctx).err());
            match as_written {
                Some(w)
                    if report(&w).map(|r| (r.filename(), r.message()))
                        == report(&e).map(|r| (r.filename(), r.message())) =>
                {
                    self.error(&w)
                }
                _ => {
                    let mut d = self.error(&e);
                    d.location = None;
                    d
                }
            }
        })
    }

    fn as_written(&self) -> Option<&Tera> {
        if !self.folded {
            return None;
        }
        self.as_written
            .get_or_init(|| {
                let sources = self
                    .theme
                    .iter()
                    .map(|(n, (_, s))| (n.as_str(), s.as_str()));
                let mut tera = compile(sources).ok()?;
                *tera.global_context() = self.shared.clone();
                Some(tera)
            })
            .as_ref()
    }

    /// The sidebar for `scope` with links relative to `root`, rendered on first use.
    fn sidebar(&self, scope: NavScope, root: String) -> Result<Arc<Sidebar>, Diagnostic> {
        let key = (scope, root);
        let cached = self
            .sidebars
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            .cloned();
        if let Some(sidebar) = cached {
            return Ok(sidebar);
        }
        let mut ctx = Context::new();
        ctx.insert_value("nav", self.navs.get(scope));
        ctx.insert("root", &key.1);
        if let NavScope::Module(m) = scope {
            ctx.insert("module_index", &m);
        }
        ctx.insert("page", &serde_json::json!({"path": "", "kind": ""}));
        let html = self.render_tera(SIDEBAR, &ctx)?;
        let sidebar = Arc::new(Sidebar::new(html));
        self.sidebars
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, sidebar.clone());
        Ok(sidebar)
    }
}

/// The template of the sidebar, which pages get ready-made as `sidebar`.
const SIDEBAR: &str = "nav.html";

/// What a page's template gets as `sidebar`, replaced by the sidebar itself once the page
/// is rendered: the sidebar is the largest part of most pages, and this way it is copied
/// once instead of into the context and again into the page.
const SIDEBAR_MARK: &str = "\u{1}aula:sidebar\u{1}";

/// A sidebar as rendered for one scope and root, with where each link's `href` value ends:
/// every page of the scope marks its own link there, without searching.
struct Sidebar {
    html: String,
    href_ends: HashMap<String, usize>,
}

impl Sidebar {
    fn new(html: String) -> Sidebar {
        let mut href_ends = HashMap::new();
        for at in memmem::find_iter(html.as_bytes(), "href=\"") {
            let start = at + "href=\"".len();
            if let Some(len) = html[start..].find('"') {
                // The first link to a page is the one marked.
                href_ends
                    .entry(html[start..start + len].to_string())
                    .or_insert(start + len + 1);
            }
        }
        Sidebar { html, href_ends }
    }
}

/// A rendered page whose template printed `sidebar`: its text, and the sidebar to go where
/// the text has the mark. Writing the pieces one after the other, rather than copying the
/// sidebar into the text first, saves copying the largest part of every page once more.
pub(crate) struct PageHtml {
    text: String,
    sidebar: Option<Arc<Sidebar>>,
    /// Where the marks are in `text`.
    marks: Vec<usize>,
    /// Where in the sidebar the link to this page ends: `aria-current="page"` goes there.
    current: Option<usize>,
}

impl PageHtml {
    /// The page, in pieces to write one after the other.
    pub(crate) fn pieces(&self) -> Vec<&str> {
        let Some(sidebar) = &self.sidebar else {
            return vec![&self.text];
        };
        let side = sidebar.html.as_str();
        let mut pieces = Vec::with_capacity(self.marks.len() * 4 + 1);
        let mut from = 0;
        for &at in &self.marks {
            pieces.push(&self.text[from..at]);
            match self.current {
                Some(end) => pieces.extend([&side[..end], " aria-current=\"page\"", &side[end..]]),
                None => pieces.push(side),
            }
            from = at + SIDEBAR_MARK.len();
        }
        pieces.push(&self.text[from..]);
        pieces
    }

    /// The page as one string.
    pub(crate) fn into_string(self) -> String {
        if self.sidebar.is_none() {
            return self.text;
        }
        self.pieces().concat()
    }
}

/// Where `html` has the sidebar's mark.
fn marks(html: &str) -> Vec<usize> {
    // The mark starts with a control character, which memchr finds fast; HTML rarely has one.
    memchr::memchr_iter(SIDEBAR_MARK.as_bytes()[0], html.as_bytes())
        .filter(|&at| html[at..].starts_with(SIDEBAR_MARK))
        .fold(Vec::new(), |mut marks, at| {
            // The mark ends with the same character: skip the end of the one just found.
            if marks
                .last()
                .is_none_or(|&last| at >= last + SIDEBAR_MARK.len())
            {
                marks.push(at);
            }
            marks
        })
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// The course's own language, which an untranslated page is shown in.
    default_language: &'a str,
    author: &'a str,
    organization: &'a str,
    course_id: String,
    /// The course's edition (`version`), for the certificate.
    version: &'a str,
    base_url: Option<String>,
    generator: &'static str,
    /// Whether formulas are MathML, so the print page links the maths stylesheet.
    math: bool,
    /// The course's own stylesheets, from the output root, after the theme's.
    stylesheets: &'a [String],
    /// The origins of `[security] frame_src`, for the CSP's `frame-src`.
    frame_src: String,
    /// Whether pages have the search box (`[search] enabled`).
    search: bool,
}

/// The strings of the learner's record (`record_`, `cert_`, `progress_`), or with `record`
/// false every other one the pages' scripts may need. The LMS launch page's (`lms_`) are
/// only ever in its HTML.
fn strings_for(strings: &toml::Table, record: bool) -> BTreeMap<&String, &toml::Value> {
    let of_record = |k: &str| {
        ["record_", "cert_", "progress_"]
            .iter()
            .any(|p| k.starts_with(p))
    };
    strings
        .iter()
        .filter(|(k, _)| !k.starts_with("lms_") && of_record(k) == record)
        .collect()
}

impl<'a> SiteContext<'a> {
    fn new(c: &'a Config) -> Self {
        SiteContext {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            default_language: if c.default_language.is_empty() {
                &c.language
            } else {
                &c.default_language
            },
            author: &c.author,
            organization: &c.organization,
            course_id: c.course_id(),
            version: &c.version,
            base_url: c.base_url(),
            generator: concat!("aula ", env!("CARGO_PKG_VERSION")),
            math: c.markdown.math,
            stylesheets: &c.stylesheets,
            frame_src: c.security.frame_origins().join(" "),
            search: c.search.enabled,
        }
    }
}

/// Templates Tera escapes values in, by the end of their names.
const AUTOESCAPE: [&str; 2] = [".html", ".xml"];

fn compile<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> tera::TeraResult<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(AUTOESCAPE);
    tera.add_raw_templates(templates)?;
    Ok(tera)
}

/// The part of a Tera error that has a place in a template.
fn report(e: &tera::Error) -> Option<&tera::ReportError> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    }
}

/// What to do about a template error with nothing more particular to say.
pub(crate) const TEMPLATE_HINT: &str =
    "fix the template; Tera's syntax is described at keats.github.io/tera";

impl Templates {
    /// Turns a Tera error into a diagnostic at the template's line and column, or one that
    /// names the missing UI string.
    fn error(&self, e: &tera::Error) -> Diagnostic {
        let report = match report(e) {
            Some(r) => r,
            None => {
                // Missing templates, parents and circular extends name the template only.
                let text = e.to_string();
                let file = self
                    .theme
                    .iter()
                    .find(|(name, _)| text.contains(&format!("'{name}'")))
                    .map_or_else(|| PathBuf::from("templates"), |(_, (p, _))| p.clone());
                return Diagnostic::new(file, format!("template error: {text}"))
                    .with_hint(TEMPLATE_HINT);
            }
        };
        let Some((file, source)) = self.theme.get(report.filename()) else {
            return Diagnostic::new("templates", format!("template error: {}", report.message()))
                .with_hint(TEMPLATE_HINT);
        };
        let range = report.span().range.clone();
        // Tera points at the field: `nope` of `t.nope`.
        let missing_string = source.get(range.clone()).filter(|key| {
            source[..range.start].ends_with("t.")
                && !source[..range.start - 2]
                    .ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
                && report
                    .message()
                    .starts_with(&format!("Field `{key}` is not defined"))
        });
        if let Some(key) = missing_string {
            let strings = self.strings_file.display();
            return Diagnostic::new(
                &self.strings_file,
                format!("missing UI string `{key}` in {strings}"),
            )
            .with_hint(format!("add `{key} = \"…\"` to {strings}"));
        }
        // A template written for Tera 1 fails first on its macros.
        let tag = source.get(range.clone()).unwrap_or_default();
        let hint = if matches!(tag, "import" | "macro") {
            "Tera 2 has no macros: write a `{% component name(arg) %}` and call it as \
             `{{<name arg={value} />}}`, as the theme's components.html does; see \
             github.com/Keats/tera/blob/master/MIGRATION.md"
        } else {
            TEMPLATE_HINT
        };
        Diagnostic::at(
            file,
            source,
            range,
            format!("template error: {}", report.message()),
        )
        .with_hint(hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidebar_goes_where_the_template_put_it_with_the_current_page_marked() {
        let side = "<a href=\"../a/\">A</a><a href=\"../b/\">B</a><a href=\"../b/\">B</a>";
        let sidebar = Arc::new(Sidebar::new(side.to_string()));
        let page = |text: &str, current: Option<&str>| {
            let text = text.to_string();
            PageHtml {
                marks: marks(&text),
                current: current.and_then(|c| sidebar.href_ends.get(c).copied()),
                sidebar: Some(sidebar.clone()),
                text,
            }
            .into_string()
        };
        let html = format!("<body>{SIDEBAR_MARK}<main>");
        assert_eq!(
            page(&html, Some("../b/")),
            "<body><a href=\"../a/\">A</a><a href=\"../b/\" aria-current=\"page\">B</a><a href=\"../b/\">B</a><main>"
        );
        assert_eq!(page(&html, None), format!("<body>{side}<main>"));
        assert_eq!(
            page("<p>\u{1}no sidebar</p>", Some("../c/")),
            "<p>\u{1}no sidebar</p>"
        );
        assert_eq!(
            page(&format!("{SIDEBAR_MARK}{SIDEBAR_MARK}"), None),
            format!("{side}{side}")
        );
    }
}
