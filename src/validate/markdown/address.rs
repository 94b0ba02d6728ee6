//! The addresses staff text holds (links, images, and the addresses in
//! HTML attributes, `srcset` and CSS): no active or `data:` scheme, nothing
//! loaded from another site, no site file written with the site's full
//! address, and every `/files/` address a file that exists. Addresses are
//! parsed by the `url` crate, as the sanitizer parses them.

use super::{snippet, Context, Problem, ACTIVE_HELP, FILES_HELP, MEDIA_TAGS, STYLE_HELP};
use crate::diagnostics::did_you_mean;
use crate::text::markdown::{self as md, Dest};

/// How an address is used, for the wording of its problem.
#[derive(Clone, Copy)]
pub(super) enum Use<'a> {
    /// A markdown link or `<a href>`: followed on a click.
    Link,
    /// A markdown image.
    Image,
    /// An HTML attribute the browser loads by itself, e.g. "`<video src>`"
    /// of tag `video`.
    Embed { what: &'a str, tag: &'a str },
}

/// A problem without its position yet.
pub(super) struct Found {
    message: String,
    help: String,
}

impl Found {
    pub(super) fn at(self, offset: usize) -> Problem {
        Problem {
            offset,
            message: self.message,
            help: self.help,
        }
    }
}

/// A markdown link's or image's address.
pub(super) fn check_address(url: &str, at: usize, use_: Use, cx: &Context, out: &mut Vec<Problem>) {
    match dest_problem(url, use_, true, cx) {
        Some((p, _)) => out.push(p.at(at)),
        None => check_site_file(url, use_, at, cx, out),
    }
}

/// What is wrong with address `url` used as `use_`, and whether that
/// message also covers the loss of its (disallowed) element: a resource
/// from another site is the one thing to fix. `dropped` says whether the
/// sanitizer checks this attribute's scheme (otherwise another message
/// covers it).
pub(super) fn dest_problem(
    url: &str,
    use_: Use,
    dropped: bool,
    cx: &Context,
) -> Option<(Found, bool)> {
    let shown = snippet(url);
    match md::destination(url, cx.base_url) {
        Dest::Scheme(s) if s == "javascript" || s == "vbscript" => Some((
            Found {
                message: format!("markdown may not contain `{s}` (active content)"),
                help: ACTIVE_HELP.into(),
            },
            false,
        )),
        Dest::Scheme(s) if s == "data" => Some((
            Found {
                message: "markdown may not contain a `data:` URL".into(),
                help: format!("{FILES_HELP}NAME"),
            },
            false,
        )),
        Dest::Elsewhere => match use_ {
            Use::Link => None,
            Use::Image => external_load(url, "image", "img", cx).map(|f| (f, true)),
            Use::Embed { what, tag } => external_load(url, what, tag, cx).map(|f| (f, true)),
        },
        Dest::Site if !matches!(use_, Use::Link) && url::Url::parse(url).is_ok() => {
            let path = site_path(url, cx.base_url).unwrap_or_default();
            let what = match use_ {
                Use::Embed { what, .. } => what,
                _ => "image",
            };
            Some((
                Found {
                    message: format!("{what} `{shown}` is written with the site's full address"),
                    help: format!(
                        "write the site path `/{path}`, so that snapshots and mirrors do not load it from the live site"
                    ),
                },
                false,
            ))
        }
        Dest::Scheme(s) if dropped && !md::URL_SCHEMES.contains(&s.as_str()) => Some((
            Found {
                message: format!(
                    "the page would drop the address `{shown}`: only {} addresses are kept",
                    md::URL_SCHEMES.join(", ")
                ),
                help: format!("link to an http(s) address, or {FILES_HELP}NAME"),
            },
            false,
        )),
        Dest::Invalid if dropped => Some((
            Found {
                message: format!(
                    "the page would drop the address `{shown}`: it is not a valid URL"
                ),
                help: "check the address".into(),
            },
            false,
        )),
        _ => None,
    }
}

/// `url` loaded from another site by `what`, an attribute of `tag` (when
/// it is another site's).
pub(super) fn external_load(url: &str, what: &str, tag: &str, cx: &Context) -> Option<Found> {
    if md::destination(url, cx.base_url) != Dest::Elsewhere {
        return None;
    }
    let name = url::Url::parse(url)
        .or_else(|_| url::Url::parse(&format!("https:{url}")))
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.next_back().map(percent_decode))
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "NAME".into());
    let message = if what == "image" {
        format!("image `{}` is loaded from outside the site", snippet(url))
    } else {
        format!("{what} loads `{}` from outside the site", snippet(url))
    };
    let help = if MEDIA_TAGS.contains(&tag) {
        format!("put the file under content/files/ and link to it: [title](/files/{name})")
    } else if tag == "link" || tag == "style" {
        STYLE_HELP.into()
    } else {
        format!("{FILES_HELP}{name}")
    };
    Some(Found { message, help })
}

/// The path of a site address below the site root (`files/a.png` for
/// `/files/a.png` or the base URL's `…/files/a.png`), when it is one.
fn site_path(url: &str, base_url: &str) -> Option<String> {
    if let Some(rest) = url
        .strip_prefix('/')
        .filter(|r| !r.starts_with(['/', '\\']))
    {
        return Some(rest.to_string());
    }
    let u = url::Url::parse(url).ok()?;
    let own = url::Url::parse(base_url).ok()?;
    u.path().strip_prefix(own.path()).map(|p| match u.query() {
        Some(q) => format!("{p}?{q}"),
        None => p.to_string(),
    })
}

/// An image or link to `/files/NAME` must name a file under content/files/.
pub(super) fn check_site_file(
    url: &str,
    use_: Use,
    at: usize,
    cx: &Context,
    out: &mut Vec<Problem>,
) {
    let Some(path) = site_path(url, cx.base_url) else {
        return;
    };
    let Some(name) = path.strip_prefix("files/") else {
        return;
    };
    let name = percent_decode(name.split(['?', '#']).next().unwrap_or(""));
    if name.is_empty() || name.ends_with('/') || cx.files.contains(&name) {
        return;
    }
    let what = match use_ {
        Use::Link => "link",
        Use::Image => "image",
        Use::Embed { what, .. } => what,
    };
    let wanted = format!("/files/{name}");
    let known: Vec<String> = cx.files.iter().map(|f| format!("/files/{f}")).collect();
    out.push(Problem {
        offset: at,
        message: format!("{what} `{wanted}` is not under content/files/"),
        help: did_you_mean(&wanted, known.iter().map(String::as_str))
            .unwrap_or_else(|| "put the file under content/files/ or correct the name".into()),
    });
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The addresses of a `srcset` (each candidate's first word), with offsets.
pub(super) fn srcset_urls(v: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in v.split(',') {
        let lead = part.len() - part.trim_start().len();
        if let Some(u) = part.split_whitespace().next() {
            out.push((u, start + lead));
        }
        start += part.len() + 1;
    }
    out
}

/// The addresses in CSS: `url(…)` and `@import "…"`, with offsets.
pub(super) fn css_urls(css: &str) -> Vec<(&str, usize)> {
    let lower = css.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("url(") {
        let start = from + i + 4;
        let end = lower[start..].find(')').map_or(css.len(), |e| start + e);
        push_css_value(css, start, end, &mut out);
        from = end;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find("@import") {
        let start = from + i + 7;
        let rest = lower[start..].trim_start();
        let quoted = start + (lower.len() - start - rest.len());
        from = quoted;
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = lower[quoted + 1..]
                .find(q)
                .map_or(css.len(), |e| quoted + 1 + e);
            push_css_value(css, quoted, end, &mut out);
            from = end;
        }
    }
    out.sort_by_key(|(_, at)| *at);
    out
}

/// The address in `css[start..end]`, without quotes and blanks.
fn push_css_value<'a>(css: &'a str, start: usize, end: usize, out: &mut Vec<(&'a str, usize)>) {
    let raw = &css[start..end];
    let value = raw.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    if !value.is_empty() {
        out.push((value, start + raw.find(value).unwrap_or(0)));
    }
}
