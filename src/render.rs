//! Templates: the Tera engine, compiled once, the values every page shares, and the
//! sidebar. `page_context` builds each page's own values. The context is the theme's whole
//! interface; README.md's "Themes" section documents it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use memchr::memmem;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::nav::Nav;
use crate::page_context::script_json;
use crate::theme::Theme;

/// Compiled templates plus the parts of the context that are the same on every page.
pub struct Templates {
    tera: Tera,
    theme_files: Vec<(String, PathBuf)>,
    strings_file: PathBuf,
    shared: Context,
    /// Values only the templates that read them get (see `template_vars`), by template.
    reads: HashMap<String, HashSet<&'static str>>,
    strings_json: String,
    navs: ScopedNavs,
    /// The theme's `nav.html` rendered once per navigation scope and root, because the
    /// sidebar is the same on every page of a module but for the current-page mark.
    sidebars: Mutex<HashMap<(NavScope, String), Arc<str>>>,
    has_sidebar: bool,
    /// Contexts that hold the shared values, reused from page to page: copying the UI
    /// strings into a new context for every page, then dropping them, cost a few percent
    /// of a large build.
    spare: Mutex<Vec<Context>>,
}

/// Which part of the navigation a page's template gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NavScope {
    /// Every module with its items: the home page.
    Full,
    /// Every module, and the items of this one only: pages of a module.
    Module(usize),
    /// Every module, no items: pages outside the modules.
    Outside,
}

/// The navigation serialized once per build, cut so that each page gets only its part:
/// copying the whole course's navigation into every page's context would make a build
/// quadratic in its size.
#[derive(Default)]
struct ScopedNavs {
    /// Every module without its items.
    outside: serde_json::Value,
    /// Each module's items.
    items: Vec<serde_json::Value>,
}

impl ScopedNavs {
    fn new(nav: &Nav) -> ScopedNavs {
        let mut outside = serde_json::to_value(nav).unwrap_or_default();
        let items = match outside.get_mut("modules").and_then(|m| m.as_array_mut()) {
            Some(modules) => modules
                .iter_mut()
                .map(|m| {
                    m.get_mut("items")
                        .map(serde_json::Value::take)
                        .unwrap_or_default()
                })
                .collect(),
            None => Vec::new(),
        };
        ScopedNavs { outside, items }
    }

    /// Module `m` without its items.
    fn module(&self, m: usize) -> Option<&serde_json::Value> {
        self.outside["modules"].get(m)
    }

    /// The navigation a page in `scope` sees.
    fn get(&self, scope: NavScope) -> serde_json::Value {
        let mut nav = self.outside.clone();
        let wanted: Vec<usize> = match scope {
            NavScope::Full => (0..self.items.len()).collect(),
            NavScope::Module(m) => vec![m],
            NavScope::Outside => Vec::new(),
        };
        for m in wanted {
            if let (Some(slot), Some(items)) = (nav["modules"].get_mut(m), self.items.get(m)) {
                slot["items"] = items.clone();
            }
        }
        nav
    }
}

impl Templates {
    /// Compiles the theme's templates once for the whole build. Pages need the
    /// navigation, given with [`Templates::set_nav`].
    pub fn new(
        theme: &Theme,
        config: &Config,
        live_reload: bool,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(n, (_, s))| (n.as_str(), s.as_str()))
            .collect();
        let theme_files = theme
            .templates
            .iter()
            .map(|(n, (p, _))| (n.clone(), p.clone()))
            .collect::<Vec<_>>();
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
        let tera = match compile(folded.iter().map(|(n, s)| (*n, s.as_ref()))) {
            Ok(tera) => tera,
            Err(_) => compile(sources.iter().copied())
                .map_err(|e| vec![template_error(&e, &theme_files, &theme.strings_file)])?,
        };
        let reads = crate::template_vars::reads(&sources, &["nav", "strings_json", "sidebar"])
            .into_iter()
            .map(|(name, vars)| (name.to_string(), vars))
            .collect();
        let mut shared = Context::new();
        shared.insert("site", &site);
        shared.insert("t", &strings);
        shared.insert("live_reload", &live_reload);
        // Page-specific values, empty unless the page sets them, so that every template
        // can test them without "undefined variable" errors.
        shared.insert("module_index", &None::<usize>);
        shared.insert("module", &None::<()>);
        shared.insert("prev", &None::<()>);
        shared.insert("next", &None::<()>);
        shared.insert("breadcrumbs", &Vec::<()>::new());
        let has_sidebar = tera.get_template_names().any(|n| n == SIDEBAR);
        Ok(Templates {
            theme_files,
            strings_file: theme.strings_file.clone(),
            shared,
            reads,
            strings_json: script_json(&theme.strings),
            navs: ScopedNavs::default(),
            sidebars: Mutex::default(),
            has_sidebar,
            spare: Mutex::default(),
            tera,
        })
    }

    /// Sets the navigation every page shows.
    pub fn set_nav(&mut self, nav: &Nav) {
        self.navs = ScopedNavs::new(nav);
        self.sidebars = Mutex::default();
    }

    /// Whether the theme has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders a template with the shared context, the navigation in `scope`, and `extra`.
    /// The navigation and `strings_json` go only to templates that read them: they are the
    /// largest values, and Tera copies whatever it is given.
    pub fn render(
        &self,
        template: &str,
        depth: usize,
        scope: NavScope,
        extra: Context,
    ) -> Result<String, Diagnostic> {
        let mut ctx = self
            .lock_spare()
            .pop()
            .unwrap_or_else(|| self.shared.clone());
        let mut set: Vec<String> = ["nav", "strings_json", "module", "root", "sidebar"]
            .map(String::from)
            .into();
        let reads = |var| self.reads.get(template).is_some_and(|r| r.contains(var));
        if reads("nav") {
            let nav = serde_json::json!({ "nav": self.navs.get(scope) });
            ctx.extend(Context::from_value(nav).unwrap_or_default());
        }
        if reads("strings_json") {
            ctx.insert("strings_json", &self.strings_json);
        }
        if let Some(module) = match scope {
            NavScope::Module(m) => self.navs.module(m),
            _ => None,
        } {
            ctx.insert("module", module);
        }
        let extra = extra.into_json();
        // `extra` may set its own root (404.html's links are absolute).
        let root = match extra.get("root").and_then(|r| r.as_str()) {
            Some(root) => root.to_string(),
            None => "../".repeat(depth),
        };
        ctx.insert("root", &root);
        let path = extra
            .get("page")
            .and_then(|p| p.get("path"))
            .and_then(|p| p.as_str())
            .map(|p| format!("href=\"{root}{p}\""));
        if let serde_json::Value::Object(map) = &extra {
            set.extend(map.keys().cloned());
        }
        ctx.extend(Context::from_value(extra).unwrap_or_default());
        let sidebar = if self.has_sidebar && reads("sidebar") {
            ctx.insert("sidebar", SIDEBAR_MARK);
            Some(self.sidebar(scope, root)?)
        } else {
            None
        };
        let html = self.tera.render(template, &ctx);
        // Back to the shared values only, for the next page.
        for key in &set {
            match self.shared.get(key) {
                Some(value) => ctx.insert(key, value),
                None => {
                    ctx.remove(key);
                }
            }
        }
        self.lock_spare().push(ctx);
        let html = html.map_err(|e| self.error(&e))?;
        Ok(match sidebar {
            Some(sidebar) => splice_sidebar(&html, &sidebar, path.as_deref()),
            None => html,
        })
    }

    fn lock_spare(&self) -> std::sync::MutexGuard<'_, Vec<Context>> {
        self.spare.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn error(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, &self.theme_files, &self.strings_file)
    }

    /// The sidebar for `scope` with links relative to `root`, rendered on first use.
    fn sidebar(&self, scope: NavScope, root: String) -> Result<Arc<str>, Diagnostic> {
        let key = (scope, root);
        if let Some(html) = self.lock_sidebars().get(&key) {
            return Ok(html.clone());
        }
        let mut ctx = self.shared.clone();
        ctx.insert("nav", &self.navs.get(scope));
        ctx.insert("root", &key.1);
        if let NavScope::Module(m) = scope {
            ctx.insert("module_index", &m);
        }
        ctx.insert("page", &serde_json::json!({"path": "", "kind": ""}));
        let html: Arc<str> = self
            .tera
            .render(SIDEBAR, &ctx)
            .map_err(|e| self.error(&e))?
            .into();
        self.lock_sidebars().insert(key, html.clone());
        Ok(html)
    }

    fn lock_sidebars(&self) -> std::sync::MutexGuard<'_, HashMap<(NavScope, String), Arc<str>>> {
        self.sidebars.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The template of the sidebar, which pages get ready-made as `sidebar`.
const SIDEBAR: &str = "nav.html";

/// What a page's template gets as `sidebar`, replaced by the sidebar itself once the page
/// is rendered: the sidebar is the largest part of most pages, and this way it is copied
/// once instead of into the context and again into the page.
const SIDEBAR_MARK: &str = "\u{1}aula:sidebar\u{1}";

/// `html` with the sidebar where the template printed `sidebar`, its link to the current
/// page (the first whose `href` is exactly `current`) marked with `aria-current="page"`.
fn splice_sidebar(html: &str, sidebar: &str, current: Option<&str>) -> String {
    // memchr's searcher, not str::split and str::find: this runs over every page, and
    // std's two-way search was 6% of a build.
    let mut out = String::with_capacity(html.len() + sidebar.len() + 32);
    let current_end =
        current.and_then(|c| memmem::find(sidebar.as_bytes(), c.as_bytes()).map(|at| at + c.len()));
    let mut from = 0;
    for at in memmem::find_iter(html.as_bytes(), SIDEBAR_MARK) {
        out.push_str(&html[from..at]);
        match current_end {
            Some(end) => {
                out.push_str(&sidebar[..end]);
                out.push_str(" aria-current=\"page\"");
                out.push_str(&sidebar[end..]);
            }
            None => out.push_str(sidebar),
        }
        from = at + SIDEBAR_MARK.len();
    }
    out.push_str(&html[from..]);
    out
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    author: &'a str,
    organization: &'a str,
    course_id: String,
    base_url: Option<String>,
    generator: &'static str,
}

impl<'a> SiteContext<'a> {
    fn new(c: &'a Config) -> Self {
        SiteContext {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            author: &c.author,
            organization: &c.organization,
            course_id: c.course_id(),
            base_url: c.base_url(),
            generator: concat!("aula ", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// Turns a Tera error into a diagnostic that names the template, or the missing UI string.
fn template_error(e: &tera::Error, files: &[(String, PathBuf)], strings_file: &Path) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let text = chain.join(": ");
    if let Some(key) = text
        .split("Variable `t.")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        return Diagnostic::new(
            strings_file,
            format!("missing UI string `{key}` in {}", strings_file.display()),
        )
        .with_hint(format!("add `{key} = \"…\"` to {}", strings_file.display()));
    }
    let file = files
        .iter()
        .find(|(name, _)| {
            text.contains(&format!("'{name}'")) || text.contains(&format!("`{name}`"))
        })
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| PathBuf::from("templates"));
    Diagnostic::new(file, format!("template error: {}", chain.join("; ")))
        .with_hint("fix the template; Tera's syntax is described at keats.github.io/tera")
}

/// Templates Tera escapes values in, by the end of their names.
const AUTOESCAPE: [&str; 2] = [".html", ".xml"];

fn compile<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> tera::Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(AUTOESCAPE.to_vec());
    // Tera's own escaping also turns every `/` into `&#x2F;`, which bloats each URL of
    // every page; escaping `& < > "` is what HTML needs.
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates)?;
    Ok(tera)
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidebar_goes_where_the_template_put_it_with_the_current_page_marked() {
        let sidebar = "<a href=\"../a/\">A</a><a href=\"../b/\">B</a>";
        let html = format!("<body>{SIDEBAR_MARK}<main>");
        assert_eq!(
            splice_sidebar(&html, sidebar, Some("href=\"../b/\"")),
            "<body><a href=\"../a/\">A</a><a href=\"../b/\" aria-current=\"page\">B</a><main>"
        );
        assert_eq!(
            splice_sidebar(&html, sidebar, None),
            format!("<body>{sidebar}<main>")
        );
        assert_eq!(
            splice_sidebar("<p>no sidebar</p>", sidebar, None),
            "<p>no sidebar</p>"
        );
    }
}
