//! HTML the views hand to templates. `Html` is the only value a template
//! may print unescaped (`| safe`): every other string reaches the page
//! through Tera's escaping. An `Html` is made by escaping text, or by the
//! views' own code writing markup around escaped parts (pending marks,
//! term links, charts) or keeping markdown's sanitised output.

use serde::Serialize;

/// Markup safe to print as it is. Serializes as a plain string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Html(String);

impl Html {
    /// Text, escaped.
    pub fn escape(text: &str) -> Html {
        Html(esc(text))
    }

    /// Markup these views wrote, every piece of text in it escaped with
    /// `esc` — or markdown after the sanitiser.
    pub(super) fn markup(markup: String) -> Html {
        Html(markup)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// With each line break of the text a `<br>`.
    pub(super) fn with_line_breaks(self) -> Html {
        Html(self.0.replace('\n', "<br>"))
    }
}

/// The one escaping function (the same characters as Tera's, so text
/// escaped here and text Tera escapes come out the same).
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_tera_escapes() {
        let h = Html::escape("a<b>&\"c\"'d'/");
        assert_eq!(h.as_str(), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;/");
        assert_eq!(
            serde_json::to_value(&h).unwrap(),
            serde_json::json!("a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;/")
        );
    }
}
