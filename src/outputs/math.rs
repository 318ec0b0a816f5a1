//! `assets/math.css`, for a course with `[markdown] math = true`: how formulas are laid out,
//! and the rules of the classes that stand in for math-core's inline styles (`crate::math`).

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageRender};

/// Where the stylesheet goes; the templates link it on pages with a formula.
pub(crate) const OUTPUT: &str = "assets/math.css";

/// What every formula needs: a font drawn for maths where the system has one, and a block
/// formula wider than a phone scrolls inside its own box instead of widening the page.
const BASE: &str = "math{font-family:\"STIX Two Math\",\"Latin Modern Math\",\"Cambria Math\",math}\n\
math[display=block]{display:block math;max-width:100%;overflow-x:auto;overflow-y:hidden;padding:.25rem 0}\n";

/// The maths stylesheet, built from every page's formulas.
pub(crate) struct Math {
    styles: Mutex<BTreeMap<String, String>>,
}

impl Math {
    /// The output, for a course with maths on.
    pub(crate) fn new(site: &Loaded) -> Option<Math> {
        site.config.markdown.math.then(|| Math {
            styles: Mutex::new(BTreeMap::new()),
        })
    }
}

impl Output for Math {
    fn page(&self, page: &PageRender<'_>, _: &dyn Files) -> Result<Option<String>, Diagnostic> {
        let styles = &page.markdown.rendered.math_styles;
        if !styles.is_empty() {
            let mut all = self.styles.lock().unwrap_or_else(|e| e.into_inner());
            for (class, css) in styles {
                all.insert(class.clone(), css.clone());
            }
        }
        Ok(None)
    }

    fn finish(&self, files: &dyn Files) -> Vec<Diagnostic> {
        let styles = self.styles.lock().unwrap_or_else(|e| e.into_inner());
        let mut css = String::from(BASE);
        // Sorted by class, so the same course always gives the same file.
        for (class, rule) in styles.iter() {
            css.push_str(&format!(".{class}{{{rule}}}\n"));
        }
        match files.write(OUTPUT, &[css.as_bytes()]) {
            Ok(()) => Vec::new(),
            Err(e) => vec![files.error(OUTPUT, e)],
        }
    }
}
