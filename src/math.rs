//! Maths, when `[markdown] math = true`: `$…$` and `$$…$$` become MathML at build time, with
//! math-core. Browsers draw MathML themselves, so there is no script to load, and it works
//! from disk.
//!
//! A few constructs (matrices, aligned equations, colours, negative spaces) come out of
//! math-core with `style` attributes, which the course's Content-Security-Policy forbids. Each
//! distinct style becomes a class named after its hash, and `assets/math.css` (written by
//! `outputs::math`) holds the rules: the same formula gets the same class on every build.

use std::collections::BTreeMap;
use std::ops::Range;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

/// A formula's MathML and the styles it needs.
#[derive(Debug)]
pub(crate) struct Formula {
    pub mathml: String,
    /// The classes the MathML uses, with their CSS declarations.
    pub styles: Vec<(String, String)>,
}

/// A LaTeX mistake, at a range of the formula's text.
#[derive(Debug)]
pub(crate) struct MathError {
    pub span: Range<usize>,
    pub message: String,
}

/// Converts formulas; one per renderer, shared by every thread.
pub(crate) struct Converter(LatexToMathML);

impl Converter {
    pub(crate) fn new() -> Option<Converter> {
        LatexToMathML::new(MathCoreConfig::default())
            .ok()
            .map(Converter)
    }

    /// The MathML of the LaTeX `tex`, shown as a block or within the line.
    pub(crate) fn convert(&self, tex: &str, block: bool) -> Result<Formula, MathError> {
        let display = if block {
            MathDisplay::Block
        } else {
            MathDisplay::Inline
        };
        match self.0.convert_with_local_state(tex, display) {
            Ok(result) => Ok(without_styles(&result.mathml)),
            Err(e) => Err(MathError {
                span: e.0.start.min(tex.len())..e.0.end.min(tex.len()),
                message: e.error_message(),
            }),
        }
    }
}

/// `mathml` with each `style="…"` replaced by a class holding the same declarations.
fn without_styles(mathml: &str) -> Formula {
    const ATTR: &str = " style=\"";
    if !mathml.contains(ATTR) {
        return Formula {
            mathml: mathml.to_string(),
            styles: Vec::new(),
        };
    }
    let mut out = String::with_capacity(mathml.len());
    let mut styles = BTreeMap::new();
    let mut rest = mathml;
    while let Some(at) = rest.find(ATTR) {
        let value_at = at + ATTR.len();
        let Some(len) = rest[value_at..].find('"') else {
            break;
        };
        let css = &rest[value_at..value_at + len];
        let class = class_of(css);
        out.push_str(&rest[..at]);
        out.push_str(" class=\"");
        out.push_str(&class);
        out.push('"');
        styles.insert(class, css.to_string());
        rest = &rest[value_at + len + 1..];
    }
    out.push_str(rest);
    Formula {
        mathml: out,
        styles: styles.into_iter().collect(),
    }
}

/// A class name for the declarations `css`: FNV-1a of the text, so the same style always
/// gets the same name.
fn class_of(css: &str) -> String {
    let hash = css.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("m-{:012x}", hash & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_without_inline_styles() {
        let c = Converter::new().unwrap();
        let f = c.convert(r"\frac{a}{b}", false).unwrap();
        assert_eq!(f.mathml, "<math><mfrac><mi>a</mi><mi>b</mi></mfrac></math>");
        let f = c.convert(r"a\!b", false).unwrap();
        assert!(!f.mathml.contains("style="), "{}", f.mathml);
        assert_eq!(f.styles.len(), 1);
        let (class, css) = &f.styles[0];
        assert!(f.mathml.contains(&format!("class=\"{class}\"")));
        assert!(css.contains("margin-left"), "{css}");
        // The same style, the same class.
        assert_eq!(c.convert(r"x\!y", true).unwrap().styles, f.styles);
    }

    #[test]
    fn a_latex_mistake_is_located_in_the_formula() {
        let c = Converter::new().unwrap();
        let e = c.convert(r"x + \nosuch y", false).err().unwrap();
        assert_eq!(&r"x + \nosuch y"[e.span], r"\nosuch");
        assert!(e.message.contains("nosuch"), "{}", e.message);
    }
}
