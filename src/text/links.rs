//! Where an address written in a text leads ([`Dest`]: this site, another
//! site, mail, another scheme), judged as the sanitizer and a browser judge
//! it; and the marking of every link to another site in sanitised HTML, as
//! leaving the portal. `markdown` marks the HTML it renders, and
//! `validate::markdown` reports the addresses a page may not load.

use crate::model::Lang;

/// Where an address written in a text leads, judged as the sanitizer and a
/// browser judge it (WHATWG URL parsing: `\\host`, `//host` and
/// `https:host` all name another host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// A page or file of this site: a relative or site path, or an http(s)
    /// address under the site's own absolute base URL.
    Site,
    /// Another site: an http(s) or protocol-relative address.
    Elsewhere,
    /// A `mailto:` address.
    Mail,
    /// Any other scheme, lowercase (`javascript`, `data`, `ftp` …).
    Scheme(String),
    /// Not a URL; the sanitizer drops it.
    Invalid,
}

/// Where `href` leads, for a site whose base URL is `base_url` (relative
/// base URLs such as `/` make every http(s) address another site's).
pub fn destination(href: &str, base_url: &str) -> Dest {
    let own = url::Url::parse(base_url)
        .ok()
        .filter(|u| u.has_host() && matches!(u.scheme(), "http" | "https"));
    match url::Url::parse(href) {
        Ok(u) => match u.scheme() {
            "http" | "https" => match &own {
                Some(own) if under(&u, own) => Dest::Site,
                _ => Dest::Elsewhere,
            },
            "mailto" => Dest::Mail,
            s => Dest::Scheme(s.to_string()),
        },
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let base = own
                .or_else(|| url::Url::parse("https://gongkai.invalid/").ok())
                .expect("a constant URL parses");
            match base.join(href) {
                Ok(u) if u.host_str() == base.host_str() && u.port() == base.port() => Dest::Site,
                Ok(_) => Dest::Elsewhere,
                Err(_) => Dest::Invalid,
            }
        }
        Err(_) => Dest::Invalid,
    }
}

/// Whether `u` lies under the site's base URL `own` (same host and port,
/// path below the base path; http and https count as the same site).
fn under(u: &url::Url, own: &url::Url) -> bool {
    u.host_str().map(str::to_ascii_lowercase) == own.host_str().map(str::to_ascii_lowercase)
        && u.port() == own.port()
        && (u.path().starts_with(own.path()) || format!("{}/", u.path()) == own.path())
}

/// Mark every link to another site in sanitised `html`: class `external`
/// (the theme adds a visible ↗), `rel="external noopener noreferrer"`, and
/// words for screen readers inside the link, kept out of the search index.
///
/// It relies on the sanitizer's serialisation: `<` outside a tag is always
/// escaped, attribute values are double-quoted with `"` escaped, and links
/// never nest. A tag it cannot read is left as it is.
pub(super) fn mark_external_links(html: &str, lang: Lang, base_url: &str) -> String {
    let words = match lang {
        Lang::Zh => "（外部链接）",
        Lang::En => " (external link)",
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut open = false;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = tag_end(rest) else {
            break;
        };
        let tag = &rest[..end];
        if open && tag == "</a>" {
            out.push_str(&format!(
                "<span class=\"visually-hidden\" data-pagefind-ignore>{words}</span>"
            ));
            open = false;
            out.push_str(tag);
        } else if let Some(marked) = mark_link_tag(tag, base_url) {
            out.push_str(&marked);
            open = true;
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `s` (through its `>`), skipping
/// double-quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// `<a …>` with the external marking, when it links to another site.
fn mark_link_tag(tag: &str, base_url: &str) -> Option<String> {
    let body = tag.strip_prefix("<a")?.strip_suffix('>')?;
    if !(body.is_empty() || body.starts_with(' ')) {
        return None;
    }
    let mut attrs: Vec<(&str, String)> = Vec::new();
    let mut s = body;
    loop {
        s = s.trim_start();
        if s.is_empty() {
            break;
        }
        let name_end = s.find(['=', ' ']).unwrap_or(s.len());
        let name = &s[..name_end];
        s = &s[name_end..];
        let value = match s.strip_prefix("=\"") {
            Some(v) => {
                let e = v.find('"')?;
                s = &v[e + 1..];
                v[..e].to_string()
            }
            None => String::new(),
        };
        attrs.push((name, value));
    }
    let href = attrs.iter().find(|(n, _)| *n == "href")?;
    if destination(&href.1.replace("&amp;", "&"), base_url) != Dest::Elsewhere {
        return None;
    }
    match attrs.iter_mut().find(|(n, _)| *n == "class") {
        Some((_, v)) => v.push_str(" external"),
        None => attrs.push(("class", "external".into())),
    }
    attrs.push(("rel", "external noopener noreferrer".into()));
    let mut out = String::from("<a");
    for (n, v) in attrs {
        out.push_str(&format!(" {n}=\"{v}\""));
    }
    out.push('>');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_judged_as_a_browser_would() {
        let own = "https://example.gov.cn/ghjh/";
        for (href, dest) in [
            ("/tasks/1/", Dest::Site),
            ("../files/a.png", Dest::Site),
            ("#top", Dest::Site),
            ("https://example.gov.cn/ghjh/files/a.png", Dest::Site),
            ("http://EXAMPLE.gov.cn/ghjh", Dest::Site),
            ("https://example.gov.cn/ghjhx/", Dest::Elsewhere),
            ("https://example.gov.cn/", Dest::Elsewhere),
            ("//cdn.example.com/a.png", Dest::Elsewhere),
            ("\\\\cdn.example.com/a.png", Dest::Elsewhere),
            ("/\\cdn.example.com/a.png", Dest::Elsewhere),
            ("mailto:a@example.gov.cn", Dest::Mail),
            (" JavaScript:alert(1)", Dest::Scheme("javascript".into())),
            ("java\tscript:alert(1)", Dest::Scheme("javascript".into())),
            ("data:image/png;base64,AAAA", Dest::Scheme("data".into())),
            ("ftp://x/", Dest::Scheme("ftp".into())),
            ("http://[nope/", Dest::Invalid),
        ] {
            assert_eq!(destination(href, own), dest, "{href}");
        }
        // A relative base URL makes every absolute address another site's.
        assert_eq!(
            destination("https://example.gov.cn/ghjh/", "/ghjh/"),
            Dest::Elsewhere
        );
        assert_eq!(destination("/ghjh/x", "/ghjh/"), Dest::Site);
    }
}
