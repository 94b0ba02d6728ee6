"""The Zola (Tera) and Hugo (Go template) templates of the peer sites that
bench/mkinput.py writes: the same markup as gongkai's default theme
(themes/default/templates), family by family. `@key@` stands for the
interface string `key` (Zola's `trans`, Hugo's `T`)."""

STATUSES = '["not-assessed", "not-started", "in-progress", "delayed", "completed", "ongoing"]'
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


# The fill pattern of each status (gongkai's charts: colour and a pattern, for
# readers who cannot tell the colours apart); %ID% is the chart's id prefix.
PATTERNS = ('<defs>'
            '<pattern id="%ID%-not-assessed" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#59636e"/><circle cx="4" cy="4" r="1.6" fill="#fff"/></pattern>'
            '<pattern id="%ID%-not-started" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#b3141f"/><path d="M0 4H8" stroke="#fff" stroke-width="2"/></pattern>'
            '<pattern id="%ID%-in-progress" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#0757b8"/><path d="M-2 10L10 -2M-2 2L2 -2M6 10L10 6" stroke="#fff" stroke-width="2"/></pattern>'
            '<pattern id="%ID%-delayed" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#9a3e00"/><path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-width="1.5"/></pattern>'
            '<pattern id="%ID%-completed" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#146c2e"/></pattern>'
            '<pattern id="%ID%-ongoing" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#5a32a3"/><path d="M4 0V8" stroke="#fff" stroke-width="2"/></pattern>'
            '</defs>')
Z_DEFS = PATTERNS.replace("%ID%", "{{ id }}")
H_DEFS = PATTERNS.replace("%ID%", "{{ $id }}")


def z_count(pages):
    """Tera that counts `pages` by status into n0..n5 (in STATUSES' order)
    and the overdue ones into nod, in one pass: Zola's `filter` copies every
    page it keeps, and seven filters per chart made its build five times
    slower at N=5000."""
    names = ["not-assessed", "not-started", "in-progress", "delayed", "completed", "ongoing"]
    text = "".join("{%% set_global n%d = 0 %%}" % i for i in range(6)) + "{% set_global nod = 0 %}"
    text += "{%% for q in %s %%}" % pages
    text += "".join("{%% %s q.extra.status == \"%s\" %%}{%% set_global n%d = n%d + 1 %%}" % ("if" if i == 0 else "elif", s, i, i)
                    for i, s in enumerate(names))
    text += "{% endif %}{% if q.extra.overdue %}{% set_global nod = nod + 1 %}{% endif %}{% endfor %}"
    return text + "{% set cs = [n0, n1, n2, n3, n4, n5] %}"


def z_chart(width, height, size):
    """Zola: the SVG of a status chart, `width` × `height` in its own units
    (`size` its size on the page), from the counts `z_count` left in `cs`;
    `total`, `sts`, `id` and `lang` are the macro's."""
    svg = ('<svg role="img" aria-label="@rollup_caption@" viewBox="0 0 @W @H" class="rollup" @SIZE>'
           '<title>@rollup_caption@ ({{ total }})</title>' + Z_DEFS +
           '{% set_global xo = 0 %}{% for s in sts %}{% set c = cs | nth(n=loop.index0) %}{% if c > 0 %}'
           '{% set w = @W * c / total %}<rect x="{{ xo }}" y="0" width="{{ w }}" height="@H" '
           'fill="url(#{{ id }}-{{ s }})" stroke="#000" stroke-width="1"><title>{{ trans(key="status_" ~ s, lang=lang) }}: {{ c }}</title></rect>'
           '{% set_global xo = xo + w %}{% endif %}{% endfor %}</svg>')
    return svg.replace("@W", str(width)).replace("@H", str(height)).replace("@SIZE", size)


def h_chart(width, height, size):
    """Hugo: the same chart, counting `$pages` by status; `$id` and `$total`
    are the partial's."""
    svg = ('<svg role="img" aria-label="@rollup_caption@" viewBox="0 0 @W @H" class="rollup" @SIZE>'
           '<title>@rollup_caption@ ({{ $total }})</title>' + H_DEFS +
           '{{ $xo := 0.0 }}{{ range site.Params.statuses_list }}{{ $c := len (where $pages "Params.status" .) }}{{ if gt $c 0 }}'
           '{{ $w := div (mul @W.0 $c) $total }}<rect x="{{ $xo }}" y="0" width="{{ $w }}" height="@H" '
           'fill="url(#{{ $id }}-{{ . }})" stroke="#000" stroke-width="1"><title>{{ T (printf "status_%s" .) }}: {{ $c }}</title></rect>'
           '{{ $xo = add $xo $w }}{{ end }}{{ end }}</svg>')
    return svg.replace("@W", str(width)).replace("@H", str(height)).replace("@SIZE", size)


def frame_head(syntax):
    """The page's head and header up to the navigation, in one template
    language: `syntax` maps each marker to that language's expression."""
    text = FRAME_HEAD.replace("%CSP%", CSP)
    for marker, expr in syntax:
        text = text.replace(marker, expr)
    return text


FRAME_HEAD = '''<!DOCTYPE html>
<html lang="%LANG%">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE% - @site_title@</title>
<meta name="description" content="">
<meta http-equiv="Content-Security-Policy" content="%CSP%">
<meta name="SiteName" content="@site_title@">
%IFPAGE%<meta name="ArticleTitle" content="%TITLE%"><meta name="PubDate" content="2022-08-05"><meta name="ContentSource" content="@site_title@">%END%
<meta property="og:type" content="website">
<meta property="og:site_name" content="@site_title@">
<meta property="og:title" content="%TITLE%">
<meta property="og:description" content="">
<meta property="og:url" content="%URL%">
<meta property="og:locale" content="%LOCALE%">
<link rel="canonical" href="%URL%">
<link rel="alternate" hreflang="%LANG%" href="%URL%">
<link rel="alternate" hreflang="%OTHER%" href="%ALT%">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/style.css">
<link rel="stylesheet" href="/static/print.css" media="print">
<link rel="alternate stylesheet" href="/static/elder.css" title="@elder_mode@" id="elder-css">
<script src="/static/elder.js"></script>
</head>
<body>
<a class="skip" href="#main">@skip_to_content@</a>
<header class="site">
<div class="wrap bar">
<a class="brand" href="%P%/"><span class="brand-full">@site_title@</span><span class="brand-short">@site_short@</span></a>
<span class="tools"><button type="button" id="elder-toggle" class="elder-toggle" aria-pressed="false" hidden>@elder_mode@</button>
<a class="lang" href="%ALT%" hreflang="%OTHER%" lang="%OTHER%" title="@switch_language_label@">@switch_language@</a></span>
<details class="menu"><summary>@menu@</summary>
'''
Z_FRAME = [('%LANG%', '{{ L.html_lang }}'), ('%TITLE%', '{{ title }}'), ('%IFPAGE%', '{% if page %}'), ('%END%', '{% endif %}'), ('%URL%', '{{ url }}'), ('%LOCALE%', '{{ L.locale }}'), ('%OTHER%', '{{ L.other }}'), ('%ALT%', '{{ alt }}'), ('%P%', '{{ p }}')]
H_FRAME = [('%LANG%', '{{ site.Params.html_lang }}'), ('%TITLE%', '{{ .Title }}'), ('%IFPAGE%', '{{ if .IsPage }}'), ('%END%', '{{ end }}'), ('%URL%', '{{ .RelPermalink }}'), ('%LOCALE%', '{{ site.Params.locale }}'), ('%OTHER%', '{{ site.Params.other }}'), ('%ALT%', '{{ $alt }}'), ('%P%', '{{ $p }}')]

# ---------------------------------------------------------------- Zola ----
Z_HEAD = '{% set L = config.extra[lang] %}{% set p = L.prefix %}{% set sfx = "" %}{% if lang != "zh" %}{% set sfx = "." ~ lang %}{% endif %}'

# The yearly reports (gongkai's reports/YEAR/ and reports/).
REPORT_Z = '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} class="report"{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}{% set sts = ''' + STATUSES + ''' %}
{% set ts = get_section(path="tasks/_index" ~ sfx ~ ".md") %}{% set is = get_section(path="indicators/_index" ~ sfx ~ ".md") %}{% set ks = get_section(path="key-tasks/{year}/_index" ~ sfx ~ ".md") %}
<p class="lead">@report_as_of@ <time datetime="{{ x.as_of }}">{{ x.as_of }}</time></p>
<p class="muted">@report_rule@</p>
<nav class="toc" aria-label="@report_contents@"><ol><li><a href="#r-tasks">@report_tasks@</a></li><li><a href="#r-chapters">@report_by_chapter@</a></li><li><a href="#r-agencies">@report_by_agency@</a></li><li><a href="#r-indicators">@indicators@</a></li><li><a href="#r-key-tasks">@key_tasks@</a></li><li><a href="#r-water">@report_water@</a></li><li><a href="#r-overdue">@report_overdue@</a></li></ol></nav>
<section class="report-part" id="r-tasks"><h2>@report_tasks@</h2>{{ m::rollup(pages=ts.pages, lang=lang) }}</section>
<section class="report-part" id="r-chapters"><h2>@report_by_chapter@</h2><p class="muted">@report_by_chapter_rule@</p><table class="counts report-counts"><thead><tr><th scope="col">@chapter@</th>{% for s in sts %}<th scope="col"><span class="swatch status-{{ s }}"></span>{{ trans(key="status_" ~ s, lang=lang) }}</th>{% endfor %}<th scope="col">@overdue@</th><th scope="col">@report_total@</th></tr></thead><tbody>
{% for c in L.chapters %}{% set ps = [] %}{% set t = get_taxonomy_term(kind="chapter", term=c.value, lang=lang, required=false) %}{% if t %}{% set ps = t.pages %}{% endif %}''' + z_count("ps") + '''<tr><th scope="row"><a href="{{ p }}/plan/{{ c.value }}/">{{ c.label }}</a></th>{% for n in cs %}<td class="num">{{ n }}</td>{% endfor %}<td class="num">{{ nod }}</td><td class="num">{{ ps | length }}</td></tr>
{% endfor %}</tbody></table></section>
<section class="report-part" id="r-agencies"><h2>@report_by_agency@</h2><p class="muted">@report_by_agency_rule@</p><table class="counts report-counts"><thead><tr><th scope="col">@lead@</th>{% for s in sts %}<th scope="col"><span class="swatch status-{{ s }}"></span>{{ trans(key="status_" ~ s, lang=lang) }}</th>{% endfor %}<th scope="col">@overdue@</th><th scope="col">@report_total@</th><th scope="col">@report_chart@</th></tr></thead><tbody>
{% for a in L.agencies %}{% set t = get_taxonomy_term(kind="lead", term=a.value, lang=lang, required=false) %}{% if t %}{% set ps = t.pages %}''' + z_count("ps") + '''<tr><th scope="row"><a href="{{ p }}/agencies/{{ a.value }}/">{{ a.label }}</a></th>{% for n in cs %}<td class="num">{{ n }}</td>{% endfor %}<td class="num">{{ nod }}</td><td class="num">{{ ps | length }}</td><td class="chart">{{ m::bar(pages=ps, lang=lang, id="ag-" ~ a.value) }}</td></tr>
{% endif %}{% endfor %}</tbody></table></section>
<section class="report-part" id="r-indicators"><h2>@indicators@</h2>{{ m::rollup(pages=is.pages, lang=lang, id="ind") }}<table class="list"><caption>@report_indicators_caption@</caption><thead><tr><th scope="col">@report_indicator@</th><th scope="col">@report_value@ {{ x.year }}</th><th scope="col">@report_target@</th></tr></thead><tbody>
{% for i in is.pages %}<tr><td><a href="{{ i.path }}">{{ i.extra.number }}. {{ i.title }}</a></td><td>@report_no_value@</td><td>{{ i.extra.target }}</td></tr>
{% endfor %}</tbody></table></section>
<section class="report-part" id="r-key-tasks"><h2>@key_tasks@</h2>{% if x.has_key_tasks %}<p><a href="{{ p }}/key-tasks/{{ x.year }}/">{{ ks.title }}</a></p>{{ m::rollup(pages=ks.pages, lang=lang, id="kt") }}<table class="list"><caption>{{ ks.title }}</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@key_task_text@</th><th scope="col">@responsible@</th><th scope="col">@status@</th></tr></thead><tbody>
{% for r in ks.pages %}<tr><td><a href="{{ r.path }}">{{ r.extra.number }}</a></td><td>{{ r.extra.text }}</td><td>{{ m::agencies(list=r.extra.resps, p=p, lang=lang) }}</td><td>{{ m::status(s=r.extra.status, overdue=r.extra.overdue, lang=lang) }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p class="status-none">@report_no_key_tasks@</p>{% endif %}</section>
<section class="report-part" id="r-water"><h2>@report_water@</h2><p class="status-none">@report_no_water@</p></section>
<section class="report-part" id="r-overdue"><h2>@report_overdue@</h2><p class="muted">@report_overdue_rule@</p><p class="status-none">@report_none_overdue@</p></section>
{% endblock content %}
'''
REPORTS_Z = '''{% extends "base.html" %}
{% block content %}<p>@reports_intro@</p><ul>{% for r in section.pages %}<li><a href="{{ r.path }}">{{ r.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
'''

ZOLA = {
    "base.html": Z_HEAD + '''{% if page %}{% set x = page.extra %}{% set title = page.title %}{% set tr = page.translations %}{% set url = page.path %}{% else %}{% set x = section.extra %}{% set title = section.title %}{% set tr = section.translations %}{% set url = section.path %}{% endif %}{% set alt = "/" %}{% for t in tr %}{% if t.lang != lang %}{% set_global alt = t.permalink | replace(from=config.base_url, to="") %}{% endif %}{% endfor %}''' + frame_head(Z_FRAME) + '''<nav aria-label="@nav_label@"><ul>
{% for n in L.nav %}<li><a href="{{ p }}/{{ n.path }}/"{% if n.path == x.nav %} aria-current="page"{% endif %}>{{ n.title }}</a></li>{% endfor %}
</ul></nav>
</details></div>
</header>
<div class="wrap">
<nav class="crumbs" aria-label="@breadcrumb_label@"><ol>
<li><a href="{{ p }}/">@home@</a></li>{% if x.crumb %}<li><a href="{{ p }}/{{ x.nav }}/">{{ trans(key=x.crumb, lang=lang) }}</a></li>{% endif %}
<li aria-current="page">{{ title }}</li>
</ol></nav>
<main id="main"{% block main_attrs %}{% endblock main_attrs %}>
<h1>{{ title }}</h1>
{% block content %}{% endblock content %}
</main>
</div>
<footer class="site"><div class="wrap">
<p>@footer_note@</p>
<p>@build_date@: <time datetime="{{ L.build_date }}">{{ L.build_date }}</time></p>
</div></footer>
</body>
</html>
''',
    "macros.html": '''{% macro agencies(list, p, lang) %}{% for a in list %}<a href="{{ p }}/agencies/{{ a.id }}/">{{ a.name }}</a>{% if a.group %} <span class="group">(@group@)</span>{% endif %}{% if not loop.last %}@list_sep@{% endif %}{% endfor %}{% endmacro agencies %}
{% macro status(s, overdue, lang) %}<span class="status status-{{ s }}">{{ trans(key="status_" ~ s, lang=lang) }}</span>{% if overdue %} <span class="overdue">@overdue@</span>{% endif %}{% endmacro status %}
{% macro progress(x, body, p, lang) %}<section class="progress" aria-labelledby="progress-h">
<h2 id="progress-h">@status@</h2>
<dl class="facts">
<dt>@current_status@</dt><dd>{{ self::status(s=x.status, overdue=x.overdue, lang=lang) }}</dd>
<dt>@due@</dt><dd><time datetime="{{ x.due }}">{{ x.due }}</time> <span class="muted">({% if x.due_stated %}@due_stated@{% else %}@due_default@{% endif %})</span></dd>
</dl>
{% if x.update %}<h3>@timeline@</h3>
<ol class="timeline"><li class="update" id="{{ x.update.id }}"><p class="meta"><time datetime="{{ x.update.date }}">{{ x.update.date }}</time> · {{ self::status(s=x.update.status, overdue=false, lang=lang) }} · @reporter@: {{ self::agencies(list=x.update.reporter, p=p, lang=lang) }}</p>
{{ body | safe }}</li></ol>
{% else %}<p class="status-none">@no_progress@</p>{% endif %}
</section>{% endmacro progress %}
{% macro rollup(pages, lang, id="all") %}{% set total = pages | length %}{% set sts = ''' + STATUSES + ''' %}<figure class="rollup">''' + z_count("pages") + z_chart(600, 24, 'width="100%" height="24" preserveAspectRatio="none"') + '''
<figcaption><table class="counts"><caption>@rollup_caption@ ({{ total }})</caption><thead><tr><th scope="col">@status@</th><th scope="col">@count_items@</th></tr></thead><tbody>
{% for s in sts %}<tr><th scope="row"><svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill="url(#{{ id }}-{{ s }})"/></svg>{{ trans(key="status_" ~ s, lang=lang) }}</th><td class="num">{{ cs | nth(n=loop.index0) }}</td></tr>{% endfor %}
<tr><th scope="row">@overdue@</th><td class="num">{{ nod }}</td></tr></tbody></table>
<p class="muted">@rollup_rule@</p></figcaption></figure>{% endmacro rollup %}
{% macro provenance(line, doc, p, lang) %}<section class="history" aria-labelledby="history-h"><h2 id="history-h">@history@</h2><p class="status-none">@history_unavailable@</p></section>
<section class="provenance" aria-labelledby="provenance-heading"><h2 id="provenance-heading">@provenance@</h2><p><a class="source-link" href="{{ p }}/source/#L{{ line }}">@see_original@</a> <span class="muted">(@source_at_line_before@{{ line }}@source_at_line_after@)</span></p>
<dl class="facts"><dt>@document@</dt><dd>{{ doc.title }}</dd><dt>@doc_number@</dt><dd class="nowrap">{{ doc.number }}</dd><dt>@issuer@</dt><dd>{{ doc.issuer }}</dd><dt>@written@</dt><dd><time datetime="{{ doc.written }}">{{ doc.written }}</time></dd><dt>@published@</dt><dd><time datetime="{{ doc.published }}">{{ doc.published }}</time></dd></dl>
<p class="muted"><a href="{{ p }}/source/{{ doc.seed }}">@source_download@</a></p></section>{% endmacro provenance %}
{% macro bar(pages, lang, id) %}{% set total = pages | length %}{% set sts = ''' + STATUSES + ''' %}''' + z_count("pages") + z_chart(400, 28, 'width="400" height="28"') + '''{% endmacro bar %}
{% macro thead(lead, status, lang) %}<thead><tr><th scope="col">@task_number@</th><th scope="col">@task_text@</th>{% if lead %}<th scope="col">@lead@</th>{% endif %}{% if status %}<th scope="col">@status@</th>{% endif %}</tr></thead>{% endmacro thead %}
{% macro rows(pages, p, lang, lead, status, data) %}{% for r in pages %}<tr{% if data %} data-chapter="{{ r.extra.chapter }}" data-agencies="{% for a in r.extra.leads %}{{ a.id }} {% endfor %}{% for a in r.extra.resps %}{{ a.id }} {% endfor %}" data-rivers="{% for v in r.extra.rivers %}{{ v.id }} {% endfor %}" data-status="{{ r.extra.status }}"{% endif %}><td><a href="{{ r.path }}">{{ r.extra.number }}</a></td><td>{{ r.extra.text }}</td>{% if lead %}<td>{{ self::agencies(list=r.extra.leads, p=p, lang=lang) }}</td>{% endif %}{% if status %}<td>{{ self::status(s=r.extra.status, overdue=r.extra.overdue, lang=lang) }}</td>{% endif %}</tr>
{% endfor %}{% endmacro rows %}
{% macro items(pages, what, none) %}{% if pages %}<ul>{% for i in pages %}<li><a href="{{ i.path }}">{% if what == "k" %}{{ i.extra.year }} · {{ i.extra.number }}</a> {{ i.extra.text }}{% else %}{{ i.extra.number }}. {{ i.title }}</a>{% if what == "i" %} — {{ i.extra.target }}{% else %} ({{ i.extra.money }}, {{ i.extra.years }}){% endif %}{% endif %}</li>{% endfor %}</ul>{% else %}<p>{{ none }}</p>{% endif %}{% endmacro items %}
''',
    "task.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} data-pagefind-body{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
<p class="text">{{ x.text }}</p>
<dl class="facts">
<dt>@chapter@</dt><dd><a href="{{ p }}/plan/{{ x.chapter }}/">{{ x.chapter_title }}</a>{% if x.section_title %} · {{ x.section_title }}{% endif %}</dd>
<dt>@lead@</dt><dd>{{ m::agencies(list=x.leads, p=p, lang=lang) }}</dd>
<dt>@responsible@</dt><dd>{{ m::agencies(list=x.resps, p=p, lang=lang) }}</dd>
{% if x.rivers %}<dt>@rivers_concerned@</dt><dd>{% for r in x.rivers %}<a href="{{ p }}/rivers/{{ r.id }}/">{{ r.name }}</a>{% if not loop.last %}@list_sep@{% endif %}{% endfor %}</dd>{% endif %}
</dl>
{{ m::progress(x=x, body=page.content, p=p, lang=lang) }}
{{ m::provenance(line=x.source_line, doc=L.doc, p=p, lang=lang) }}
<nav class="pager">{% if page.lower %}<a rel="prev" href="{{ page.lower.path }}">← {{ page.lower.title }}</a>{% endif %} {% if page.higher %}<a rel="next" href="{{ page.higher.path }}">{{ page.higher.title }} →</a>{% endif %}</nav>
{% endblock content %}
''',
    "agency.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} data-pagefind-body{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
{% set led = [] %}{% set t = get_taxonomy_term(kind="lead", term=x.id, lang=lang, required=false) %}{% if t %}{% set led = t.pages %}{% endif %}
{% set shared = [] %}{% set t = get_taxonomy_term(kind="shares", term=x.id, lang=lang, required=false) %}{% if t %}{% set shared = t.pages %}{% endif %}
{% set inds = [] %}{% set t = get_taxonomy_term(kind="ilead", term=x.id, lang=lang, required=false) %}{% if t %}{% set inds = t.pages %}{% endif %}
{% set projs = [] %}{% set t = get_taxonomy_term(kind="presp", term=x.id, lang=lang, required=false) %}{% if t %}{% set projs = t.pages %}{% endif %}
{% set kresp = [] %}{% set t = get_taxonomy_term(kind="kresp", term=x.id, lang=lang, required=false) %}{% if t %}{% set kresp = t.pages %}{% endif %}
{% set kcoop = [] %}{% set t = get_taxonomy_term(kind="kcoop", term=x.id, lang=lang, required=false) %}{% if t %}{% set kcoop = t.pages %}{% endif %}
{% set all = led | concat(with=shared) %}{% set none = trans(key="none", lang=lang) %}
<p><span lang="{{ L.other }}">{{ x.other_name }}</span> · @agency_kind@: {{ trans(key="kind_" ~ x.agency_kind, lang=lang) }}{% if x.group %} — @group_note@{% endif %}</p>
<h2>@status@</h2>
{{ m::rollup(pages=all, lang=lang) }}
<p></p>
<h2>@responsibility_list@</h2>
<h3>@leads_tasks@ ({{ led | length }})</h3>
{% if led %}<table class="list"><caption>@leads_tasks@</caption>{{ m::thead(lead=false, status=false, lang=lang) }}<tbody>{{ m::rows(pages=led, p=p, lang=lang, lead=false, status=false, data=false) }}</tbody></table>{% else %}<p>{{ none }}</p>{% endif %}
<h3>@shares_tasks@ ({{ shared | length }})</h3>
{% if shared %}<table class="list"><caption>@shares_tasks@</caption>{{ m::thead(lead=true, status=false, lang=lang) }}<tbody>{{ m::rows(pages=shared, p=p, lang=lang, lead=true, status=false, data=false) }}</tbody></table>{% else %}<p>{{ none }}</p>{% endif %}
<h3>@leads_indicators@ ({{ inds | length }})</h3>{{ m::items(pages=inds, what="i", none=none) }}
<h3>@responsible_projects@ ({{ projs | length }})</h3>{{ m::items(pages=projs, what="p", none=none) }}
<h3>@responsible_key_tasks@ ({{ kresp | length }})</h3>{{ m::items(pages=kresp, what="k", none=none) }}
<h3>@cooperating_key_tasks@ ({{ kcoop | length }})</h3>{{ m::items(pages=kcoop, what="k", none=none) }}
{% endblock content %}
''',
    "river.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} data-pagefind-body{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
{% set ts = [] %}{% set t = get_taxonomy_term(kind="river", term=x.id, lang=lang, required=false) %}{% if t %}{% set ts = t.pages %}{% endif %}
<p><span lang="{{ L.other }}">{{ x.other_name }}</span> · @river_kind@: {{ trans(key="kind_" ~ x.river_kind, lang=lang) }}</p>
{% if x.sections %}<h2>@monitoring_sections@</h2>
<table class="list"><caption>@monitoring_sections@</caption><thead><tr><th scope="col">@monitoring_sections@</th><th scope="col">@target_class@</th><th scope="col">@latest_result@</th></tr></thead><tbody>
{% for s in x.sections %}<tr><td>{{ s.name }} <span class="muted">({{ s.source }})</span></td><td>{{ s.target }}</td><td>@no_result@</td></tr>{% endfor %}
</tbody></table>{% endif %}
<p class="muted">@river_rule@</p>
<h2>@status@</h2>
{{ m::rollup(pages=ts, lang=lang) }}
<p></p>
<h2>@concerning_tasks@ ({{ ts | length }})</h2>
{% if ts %}<table class="list"><caption>@concerning_tasks@</caption>{{ m::thead(lead=true, status=false, lang=lang) }}<tbody>{{ m::rows(pages=ts, p=p, lang=lang, lead=true, status=false, data=false) }}</tbody></table>{% else %}<p>@none@</p>{% endif %}
<h2>@concerning_projects@ (0)</h2><p>@none@</p>
<h2>@concerning_key_tasks@ (0)</h2><p>@none@</p>
{% endblock content %}
''',
    "chapter.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
{% set ts = [] %}{% set t = get_taxonomy_term(kind="chapter", term=x.number ~ "", lang=lang, required=false) %}{% if t %}{% set ts = t.pages %}{% endif %}
{{ m::rollup(pages=ts, lang=lang) }}
{% set groups = ts | group_by(attribute="extra.section") %}{% for key, rows in groups %}{% set f = rows | first %}
<h2>{{ f.extra.section_title }}</h2>
<table class="list"><caption>{{ f.extra.section_title }}</caption>{{ m::thead(lead=true, status=true, lang=lang) }}<tbody>
{{ m::rows(pages=rows, p=p, lang=lang, lead=true, status=true, data=false) }}</tbody></table>
{% endfor %}
{% endblock content %}
''',
    "project.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} data-pagefind-body{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
<dl class="facts">
<dt>@category@</dt><dd>{{ x.category }}</dd>
<dt>@content@</dt><dd>{{ x.content }}</dd>
<dt>@investment@</dt><dd>{{ x.money }}</dd>
<dt>@period@</dt><dd>{{ x.years }}</dd>
<dt>@responsible@</dt><dd>{{ m::agencies(list=x.resps, p=p, lang=lang) }}</dd>
</dl>
{{ m::progress(x=x, body="", p=p, lang=lang) }}
{{ m::provenance(line=x.source_line, doc=L.doc, p=p, lang=lang) }}
{% endblock content %}
''',
    "indicator.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} data-pagefind-body{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
<dl class="facts">
<dt>@domain@</dt><dd>{{ x.domain }}</dd>
<dt>@attribute@</dt><dd>{{ x.attribute }}</dd>
<dt>@target_2025@</dt><dd>{{ x.target }}</dd>
<dt>@lead@</dt><dd>{{ m::agencies(list=x.leads, p=p, lang=lang) }}</dd>
</dl>
<h2>@reported_values@</h2>
<p class="status-none">@no_value@</p>
{{ m::progress(x=x, body="", p=p, lang=lang) }}
{{ m::provenance(line=x.source_line, doc=L.doc, p=p, lang=lang) }}
{% endblock content %}
''',
    "key_task.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block main_attrs %} data-pagefind-body{% endblock main_attrs %}
{% block content %}''' + Z_HEAD + '''{% set x = page.extra %}
<p class="text">{{ x.text }}</p>
<dl class="facts">
<dt>@category@</dt><dd>{{ x.category }}</dd>
<dt>@responsible@</dt><dd>{{ m::agencies(list=x.resps, p=p, lang=lang) }}</dd>
<dt>@cooperating@</dt><dd>{{ m::agencies(list=x.coops, p=p, lang=lang) }}</dd>
</dl>
{{ m::progress(x=x, body="", p=p, lang=lang) }}
{{ m::provenance(line=x.source_line, doc=L.doc, p=p, lang=lang) }}
{% endblock content %}
''',
    "report.html": REPORT_Z,
    "reports.html": REPORTS_Z,
    "tasks.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''
<p>{{ section.pages | length }} @count_items@</p>
<form class="filters" id="filters" hidden aria-label="@filter_label@">
<label>@chapter@ <select name="chapter"><option value="">@filter_all@</option>{% for o in L.chapters %}<option value="{{ o.value }}">{{ o.label }}</option>{% endfor %}</select></label>
<label>@agencies@ <select name="agency"><option value="">@filter_all@</option>{% for o in L.agencies %}<option value="{{ o.value }}">{{ o.label }}</option>{% endfor %}</select></label>
<label>@rivers_concerned@ <select name="river"><option value="">@filter_all@</option>{% for o in L.rivers %}<option value="{{ o.value }}">{{ o.label }}</option>{% endfor %}</select></label>
<label>@status@ <select name="status"><option value="">@filter_all@</option>{% for o in L.statuses %}<option value="{{ o.value }}">{{ o.label }}</option>{% endfor %}</select></label>
<output id="filter-count" aria-live="polite"></output>
</form>
<noscript><p>@filter_nojs@</p></noscript>
{% set groups = section.pages | group_by(attribute="extra.chapter") %}{% for key, rows in groups %}{% set f = rows | first %}
<section class="chapter-group">
<h2><a href="{{ p }}/plan/{{ key }}/">{{ f.extra.chapter_title }}</a></h2>
<table class="list"><caption>{{ f.extra.chapter_title }}</caption>{{ m::thead(lead=true, status=true, lang=lang) }}<tbody>
{{ m::rows(pages=rows, p=p, lang=lang, lead=true, status=true, data=true) }}</tbody></table>
</section>
{% endfor %}
<script src="/static/filters.js" data-count="@filter_count@" defer></script>
{% endblock content %}
''',
    "agencies.html": '''{% extends "base.html" %}
{% block content %}{% set groups = section.pages | group_by(attribute="extra.agency_kind") %}{% for key, rows in groups %}
<h2>{{ trans(key="kind_" ~ key, lang=lang) }}</h2>
<ul>{% for a in rows %}<li><a href="{{ a.path }}">{{ a.title }}</a> <span lang="{{ config.extra[lang].other }}">{{ a.extra.other_name }}</span></li>{% endfor %}</ul>
{% endfor %}
{% endblock content %}
''',
    "rivers.html": '''{% extends "base.html" %}
{% block content %}
<table class="list"><caption>@rivers@</caption><thead><tr><th scope="col">@rivers@</th><th scope="col">@river_kind@</th><th scope="col">@tributary_of@</th><th scope="col">@monitoring_sections@</th><th scope="col">@count_items@</th></tr></thead><tbody>
{% for r in section.pages %}{% set n = 0 %}{% set t = get_taxonomy_term(kind="river", term=r.extra.id, lang=lang, required=false) %}{% if t %}{% set n = t.pages | length %}{% endif %}<tr><td><a href="{{ r.path }}">{{ r.title }}</a></td><td>{{ trans(key="kind_" ~ r.extra.river_kind, lang=lang) }}</td><td></td><td>{{ r.extra.sections | length }}</td><td class="num">{{ n }}</td></tr>{% endfor %}
</tbody></table>
{% endblock content %}
''',
    "plan.html": '''{% extends "base.html" %}
{% block content %}<h2>@chapters@</h2><ul>{% for c in section.pages %}<li><a href="{{ c.path }}">{{ c.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
''',
    "projects.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''
<table class="list"><caption>@projects@</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@category@</th><th scope="col">@project@</th><th scope="col">@investment@</th><th scope="col">@period@</th><th scope="col">@responsible@</th><th scope="col">@status@</th></tr></thead><tbody>
{% for r in section.pages %}<tr><td><a href="{{ r.path }}">{{ r.extra.number }}</a></td><td>{{ r.extra.category }}</td><td><a href="{{ r.path }}">{{ r.title }}</a></td><td class="num">{{ r.extra.money }}</td><td>{{ r.extra.years }}</td><td>{{ m::agencies(list=r.extra.resps, p=p, lang=lang) }}</td><td>{{ m::status(s=r.extra.status, overdue=r.extra.overdue, lang=lang) }}</td></tr>
{% endfor %}</tbody></table>
{% endblock content %}
''',
    "indicators.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''
<table class="list"><caption>@indicators@</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@domain@</th><th scope="col">@indicator@</th><th scope="col">@attribute@</th><th scope="col">@target_2025@</th><th scope="col">@lead@</th><th scope="col">@status@</th></tr></thead><tbody>
{% for r in section.pages %}<tr><td><a href="{{ r.path }}">{{ r.extra.number }}</a></td><td>{{ r.extra.domain }}</td><td><a href="{{ r.path }}">{{ r.title }}</a></td><td>{{ r.extra.attribute }}</td><td>{{ r.extra.target }}</td><td>{{ m::agencies(list=r.extra.leads, p=p, lang=lang) }}</td><td>{{ m::status(s=r.extra.status, overdue=r.extra.overdue, lang=lang) }}</td></tr>
{% endfor %}</tbody></table>
{% endblock content %}
''',
    "key-tasks.html": '''{% extends "base.html" %}
{% block content %}<ul>{% for s in section.subsections %}{% set y = get_section(path=s) %}<li><a href="{{ y.path }}">{{ y.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
''',
    "key_year.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''{% set groups = section.pages | group_by(attribute="extra.category") %}{% for key, rows in groups %}
<h2>{{ key }}</h2>
<table class="list"><caption>{{ key }}</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@key_task_text@</th><th scope="col">@responsible@</th><th scope="col">@status@</th></tr></thead><tbody>
{% for r in rows %}<tr><td><a href="{{ r.path }}">{{ r.extra.number }}</a></td><td>{{ r.extra.text }}</td><td>{{ m::agencies(list=r.extra.resps, p=p, lang=lang) }}</td><td>{{ m::status(s=r.extra.status, overdue=r.extra.overdue, lang=lang) }}</td></tr>
{% endfor %}</tbody></table>
{% endfor %}
{% endblock content %}
''',
    "updates.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''{% set ts = get_section(path="tasks/_index" ~ sfx ~ ".md") %}
<p>@updates_intro@</p>
<h2></h2>
<ol class="timeline">{% for t in ts.pages %}{% if t.extra.update %}{% set u = t.extra.update %}<li class="update" id="{{ u.id }}"><p class="meta"><time datetime="{{ u.date }}">{{ u.date }}</time> · {{ m::status(s=u.status, overdue=false, lang=lang) }} · @reporter@: {{ m::agencies(list=u.reporter, p=p, lang=lang) }} · <a href="{{ t.path }}">{{ t.title }}</a></p>
{{ t.content | safe }}</li>{% endif %}{% endfor %}</ol>
{% endblock content %}
''',
    "index.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}''' + Z_HEAD + '''{% set ts = get_section(path="tasks/_index" ~ sfx ~ ".md") %}{% set ks = get_section(path="key-tasks/''' + "{year}" + '''/_index" ~ sfx ~ ".md") %}
<h2>@summary@</h2><p>{{ ts.pages | length }} @tasks@ · {{ ks.pages | length }} @key_tasks@</p>
<h2>@status@</h2>
<h3>@tasks@</h3>{{ m::rollup(pages=ts.pages, lang=lang, id="tasks") }}
<h3>@year_key_tasks@</h3>{{ m::rollup(pages=ks.pages, lang=lang, id="keys") }}
<h2>@chapters@</h2><ul>{% for c in L.chapters %}<li><a href="{{ p }}/plan/{{ c.value }}/">{{ c.label }}</a></li>{% endfor %}</ul>
<h2>@latest_updates@</h2>
<ol class="timeline">{% set_global shown = 0 %}{% for t in ts.pages %}{% if t.extra.update and shown < 10 %}{% set_global shown = shown + 1 %}{% set u = t.extra.update %}<li class="update"><p class="meta"><time datetime="{{ u.date }}">{{ u.date }}</time> · {{ m::status(s=u.status, overdue=false, lang=lang) }} · <a href="{{ t.path }}">{{ t.title }}</a></p>
{{ t.content | safe }}</li>{% endif %}{% endfor %}</ol>
{% endblock content %}
''',
}

# ---------------------------------------------------------------- Hugo ----
H_SETUP = '{{ $p := site.Params.prefix }}{{ $x := .Params }}'

HUGO = {
    "baseof.html": H_SETUP + '''{{ $alt := "/" }}{{ range .Translations }}{{ $alt = .RelPermalink }}{{ end }}''' + frame_head(H_FRAME) + '''<nav aria-label="@nav_label@"><ul>
{{ range site.Params.nav }}<li><a href="{{ $p }}/{{ .path }}/"{{ if eq .path $x.nav }} aria-current="page"{{ end }}>{{ .title }}</a></li>{{ end }}
</ul></nav>
</details></div>
</header>
<div class="wrap">
<nav class="crumbs" aria-label="@breadcrumb_label@"><ol>
<li><a href="{{ $p }}/">@home@</a></li>{{ with $x.crumb }}<li><a href="{{ $p }}/{{ $x.nav }}/">{{ T . }}</a></li>{{ end }}
<li aria-current="page">{{ .Title }}</li>
</ol></nav>
<main id="main"{{ block "main_attrs" . }}{{ end }}>
<h1>{{ .Title }}</h1>
{{ block "main" . }}{{ end }}
</main>
</div>
<footer class="site"><div class="wrap">
<p>@footer_note@</p>
<p>@build_date@: <time datetime="{{ site.Params.build_date }}">{{ site.Params.build_date }}</time></p>
</div></footer>
</body>
</html>
''',
    "_partials/agencies.html": '''{{ $p := .p }}{{ $n := len .list }}{{ range $i, $a := .list }}<a href="{{ $p }}/agencies/{{ $a.id }}/">{{ $a.name }}</a>{{ if $a.group }} <span class="group">(@group@)</span>{{ end }}{{ if lt (add $i 1) $n }}@list_sep@{{ end }}{{ end }}''',
    "_partials/status.html": '''<span class="status status-{{ .s }}">{{ T (printf "status_%s" .s) }}</span>{{ if .overdue }} <span class="overdue">@overdue@</span>{{ end }}''',
    "_partials/progress.html": '''{{ $x := .x }}<section class="progress" aria-labelledby="progress-h">
<h2 id="progress-h">@status@</h2>
<dl class="facts">
<dt>@current_status@</dt><dd>{{ partial "status.html" (dict "s" $x.status "overdue" $x.overdue) }}</dd>
<dt>@due@</dt><dd><time datetime="{{ $x.due }}">{{ $x.due }}</time> <span class="muted">({{ if $x.due_stated }}@due_stated@{{ else }}@due_default@{{ end }})</span></dd>
</dl>
{{ with $x.update }}<h3>@timeline@</h3>
<ol class="timeline"><li class="update" id="{{ .id }}"><p class="meta"><time datetime="{{ .date }}">{{ .date }}</time> · {{ partial "status.html" (dict "s" .status "overdue" false) }} · @reporter@: {{ partial "agencies.html" (dict "list" .reporter "p" $.p) }}</p>
{{ $.body }}</li></ol>
{{ else }}<p class="status-none">@no_progress@</p>{{ end }}
</section>''',
    "_partials/rollup.html": '''{{ $pages := .pages }}{{ $id := .id | default "all" }}{{ $total := len $pages }}<figure class="rollup">''' + h_chart(600, 24, 'width="100%" height="24" preserveAspectRatio="none"') + '''
<figcaption><table class="counts"><caption>@rollup_caption@ ({{ $total }})</caption><thead><tr><th scope="col">@status@</th><th scope="col">@count_items@</th></tr></thead><tbody>
{{ range site.Params.statuses_list }}<tr><th scope="row"><svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill="url(#{{ $id }}-{{ . }})"/></svg>{{ T (printf "status_%s" .) }}</th><td class="num">{{ len (where $pages "Params.status" .) }}</td></tr>{{ end }}
<tr><th scope="row">@overdue@</th><td class="num">{{ len (where $pages "Params.overdue" true) }}</td></tr></tbody></table>
<p class="muted">@rollup_rule@</p></figcaption></figure>''',
    "_partials/bar.html": '''{{ $pages := .pages }}{{ $id := .id }}{{ $total := len $pages }}''' + h_chart(400, 28, 'width="400" height="28"') + '''''',
    "_partials/provenance.html": '''{{ $d := site.Params.doc }}<section class="history" aria-labelledby="history-h"><h2 id="history-h">@history@</h2><p class="status-none">@history_unavailable@</p></section>
<section class="provenance" aria-labelledby="provenance-heading"><h2 id="provenance-heading">@provenance@</h2><p><a class="source-link" href="{{ .p }}/source/#L{{ .line }}">@see_original@</a> <span class="muted">(@source_at_line_before@{{ .line }}@source_at_line_after@)</span></p>
<dl class="facts"><dt>@document@</dt><dd>{{ $d.title }}</dd><dt>@doc_number@</dt><dd class="nowrap">{{ $d.number }}</dd><dt>@issuer@</dt><dd>{{ $d.issuer }}</dd><dt>@written@</dt><dd><time datetime="{{ $d.written }}">{{ $d.written }}</time></dd><dt>@published@</dt><dd><time datetime="{{ $d.published }}">{{ $d.published }}</time></dd></dl>
<p class="muted"><a href="{{ .p }}/source/{{ $d.seed }}">@source_download@</a></p></section>''',
    "reports/section.html": '''{{ define "main" }}<p>@reports_intro@</p><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}''',
    "reports/page.html": '''{{ define "main_attrs" }} class="report"{{ end }}{{ define "main" }}''' + H_SETUP + '''{{ $ts := where site.RegularPages "Section" "tasks" }}{{ $is := where site.RegularPages "Section" "indicators" }}{{ $ks := where site.RegularPages "Section" "key-tasks" }}
<p class="lead">@report_as_of@ <time datetime="{{ $x.as_of }}">{{ $x.as_of }}</time></p>
<p class="muted">@report_rule@</p>
<nav class="toc" aria-label="@report_contents@"><ol><li><a href="#r-tasks">@report_tasks@</a></li><li><a href="#r-chapters">@report_by_chapter@</a></li><li><a href="#r-agencies">@report_by_agency@</a></li><li><a href="#r-indicators">@indicators@</a></li><li><a href="#r-key-tasks">@key_tasks@</a></li><li><a href="#r-water">@report_water@</a></li><li><a href="#r-overdue">@report_overdue@</a></li></ol></nav>
<section class="report-part" id="r-tasks"><h2>@report_tasks@</h2>{{ partial "rollup.html" (dict "pages" $ts) }}</section>
<section class="report-part" id="r-chapters"><h2>@report_by_chapter@</h2><p class="muted">@report_by_chapter_rule@</p><table class="counts report-counts"><thead><tr><th scope="col">@chapter@</th>{{ range site.Params.statuses_list }}<th scope="col"><span class="swatch status-{{ . }}"></span>{{ T (printf "status_%s" .) }}</th>{{ end }}<th scope="col">@overdue@</th><th scope="col">@report_total@</th></tr></thead><tbody>
{{ range site.Params.chapters }}{{ $ps := slice }}{{ with index site.Taxonomies.chapter .value }}{{ $ps = .Pages }}{{ end }}<tr><th scope="row"><a href="{{ $p }}/plan/{{ .value }}/">{{ .label }}</a></th>{{ range site.Params.statuses_list }}<td class="num">{{ len (where $ps "Params.status" .) }}</td>{{ end }}<td class="num">{{ len (where $ps "Params.overdue" true) }}</td><td class="num">{{ len $ps }}</td></tr>
{{ end }}</tbody></table></section>
<section class="report-part" id="r-agencies"><h2>@report_by_agency@</h2><p class="muted">@report_by_agency_rule@</p><table class="counts report-counts"><thead><tr><th scope="col">@lead@</th>{{ range site.Params.statuses_list }}<th scope="col"><span class="swatch status-{{ . }}"></span>{{ T (printf "status_%s" .) }}</th>{{ end }}<th scope="col">@overdue@</th><th scope="col">@report_total@</th><th scope="col">@report_chart@</th></tr></thead><tbody>
{{ range site.Params.agencies }}{{ $a := . }}{{ with index site.Taxonomies.lead .value }}{{ $ps := .Pages }}<tr><th scope="row"><a href="{{ $p }}/agencies/{{ $a.value }}/">{{ $a.label }}</a></th>{{ range site.Params.statuses_list }}<td class="num">{{ len (where $ps "Params.status" .) }}</td>{{ end }}<td class="num">{{ len (where $ps "Params.overdue" true) }}</td><td class="num">{{ len $ps }}</td><td class="chart">{{ partial "bar.html" (dict "pages" $ps "id" (printf "ag-%s" $a.value)) }}</td></tr>
{{ end }}{{ end }}</tbody></table></section>
<section class="report-part" id="r-indicators"><h2>@indicators@</h2>{{ partial "rollup.html" (dict "pages" $is "id" "ind") }}<table class="list"><caption>@report_indicators_caption@</caption><thead><tr><th scope="col">@report_indicator@</th><th scope="col">@report_value@ {{ $x.year }}</th><th scope="col">@report_target@</th></tr></thead><tbody>
{{ range $is }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.number }}. {{ .Title }}</a></td><td>@report_no_value@</td><td>{{ .Params.target }}</td></tr>
{{ end }}</tbody></table></section>
<section class="report-part" id="r-key-tasks"><h2>@key_tasks@</h2>{{ if $x.has_key_tasks }}<p><a href="{{ $p }}/key-tasks/{{ $x.year }}/">@year_key_tasks@</a></p>{{ partial "rollup.html" (dict "pages" $ks "id" "kt") }}<table class="list"><caption>@year_key_tasks@</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@key_task_text@</th><th scope="col">@responsible@</th><th scope="col">@status@</th></tr></thead><tbody>
{{ range $ks }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.number }}</a></td><td>{{ .Params.text }}</td><td>{{ partial "agencies.html" (dict "list" .Params.resps "p" $p) }}</td><td>{{ partial "status.html" (dict "s" .Params.status "overdue" .Params.overdue) }}</td></tr>
{{ end }}</tbody></table>{{ else }}<p class="status-none">@report_no_key_tasks@</p>{{ end }}</section>
<section class="report-part" id="r-water"><h2>@report_water@</h2><p class="status-none">@report_no_water@</p></section>
<section class="report-part" id="r-overdue"><h2>@report_overdue@</h2><p class="muted">@report_overdue_rule@</p><p class="status-none">@report_none_overdue@</p></section>
{{ end }}''',
    "_partials/thead.html": '''<thead><tr><th scope="col">@task_number@</th><th scope="col">@task_text@</th>{{ if .lead }}<th scope="col">@lead@</th>{{ end }}{{ if .status }}<th scope="col">@status@</th>{{ end }}</tr></thead>''',
    "_partials/rows.html": '''{{ $c := . }}{{ range .pages }}{{ $x := .Params }}<tr{{ if $c.data }} data-chapter="{{ $x.chapter }}" data-agencies="{{ range $x.leads }}{{ .id }} {{ end }}{{ range $x.resps }}{{ .id }} {{ end }}" data-rivers="{{ range $x.rivers }}{{ .id }} {{ end }}" data-status="{{ $x.status }}"{{ end }}><td><a href="{{ .RelPermalink }}">{{ $x.number }}</a></td><td>{{ $x.text }}</td>{{ if $c.lead }}<td>{{ partial "agencies.html" (dict "list" $x.leads "p" $c.p) }}</td>{{ end }}{{ if $c.status }}<td>{{ partial "status.html" (dict "s" $x.status "overdue" $x.overdue) }}</td>{{ end }}</tr>
{{ end }}''',
    "_partials/items.html": '''{{ $c := . }}{{ if .pages }}<ul>{{ range .pages }}<li><a href="{{ .RelPermalink }}">{{ if eq $c.what "k" }}{{ .Params.year }} · {{ .Params.number }}</a> {{ .Params.text }}{{ else }}{{ .Params.number }}. {{ .Title }}</a>{{ if eq $c.what "i" }} — {{ .Params.target }}{{ else }} ({{ .Params.money }}, {{ .Params.years }}){{ end }}{{ end }}</li>{{ end }}</ul>{{ else }}<p>@none@</p>{{ end }}''',
    "tasks/page.html": '''{{ define "main_attrs" }} data-pagefind-body{{ end }}{{ define "main" }}''' + H_SETUP + '''
<p class="text">{{ $x.text }}</p>
<dl class="facts">
<dt>@chapter@</dt><dd><a href="{{ $p }}/plan/{{ $x.chapter }}/">{{ $x.chapter_title }}</a>{{ with $x.section_title }} · {{ . }}{{ end }}</dd>
<dt>@lead@</dt><dd>{{ partial "agencies.html" (dict "list" $x.leads "p" $p) }}</dd>
<dt>@responsible@</dt><dd>{{ partial "agencies.html" (dict "list" $x.resps "p" $p) }}</dd>
{{ with $x.rivers }}<dt>@rivers_concerned@</dt><dd>{{ $n := len . }}{{ range $i, $r := . }}<a href="{{ $p }}/rivers/{{ $r.id }}/">{{ $r.name }}</a>{{ if lt (add $i 1) $n }}@list_sep@{{ end }}{{ end }}</dd>{{ end }}
</dl>
{{ partial "progress.html" (dict "x" $x "body" .Content "p" $p) }}
{{ partial "provenance.html" (dict "line" $x.source_line "p" $p) }}
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}</nav>
{{ end }}''',
    "agencies/page.html": '''{{ define "main_attrs" }} data-pagefind-body{{ end }}{{ define "main" }}''' + H_SETUP + '''
{{ $led := slice }}{{ with index site.Taxonomies.lead $x.id }}{{ $led = .Pages }}{{ end }}
{{ $shared := slice }}{{ with index site.Taxonomies.shares $x.id }}{{ $shared = .Pages }}{{ end }}
{{ $inds := slice }}{{ with index site.Taxonomies.ilead $x.id }}{{ $inds = .Pages }}{{ end }}
{{ $projs := slice }}{{ with index site.Taxonomies.presp $x.id }}{{ $projs = .Pages }}{{ end }}
{{ $kresp := slice }}{{ with index site.Taxonomies.kresp $x.id }}{{ $kresp = .Pages }}{{ end }}
{{ $kcoop := slice }}{{ with index site.Taxonomies.kcoop $x.id }}{{ $kcoop = .Pages }}{{ end }}
<p><span lang="{{ site.Params.other }}">{{ $x.other_name }}</span> · @agency_kind@: {{ T (printf "kind_%s" $x.agency_kind) }}{{ if $x.group }} — @group_note@{{ end }}</p>
<h2>@status@</h2>
{{ partial "rollup.html" (dict "pages" ($led | append $shared)) }}
<p></p>
<h2>@responsibility_list@</h2>
<h3>@leads_tasks@ ({{ len $led }})</h3>
{{ if $led }}<table class="list"><caption>@leads_tasks@</caption>{{ partial "thead.html" (dict "lead" false "status" false) }}<tbody>{{ partial "rows.html" (dict "pages" $led "p" $p "lead" false "status" false "data" false) }}</tbody></table>{{ else }}<p>@none@</p>{{ end }}
<h3>@shares_tasks@ ({{ len $shared }})</h3>
{{ if $shared }}<table class="list"><caption>@shares_tasks@</caption>{{ partial "thead.html" (dict "lead" true "status" false) }}<tbody>{{ partial "rows.html" (dict "pages" $shared "p" $p "lead" true "status" false "data" false) }}</tbody></table>{{ else }}<p>@none@</p>{{ end }}
<h3>@leads_indicators@ ({{ len $inds }})</h3>{{ partial "items.html" (dict "pages" $inds "what" "i") }}
<h3>@responsible_projects@ ({{ len $projs }})</h3>{{ partial "items.html" (dict "pages" $projs "what" "p") }}
<h3>@responsible_key_tasks@ ({{ len $kresp }})</h3>{{ partial "items.html" (dict "pages" $kresp "what" "k") }}
<h3>@cooperating_key_tasks@ ({{ len $kcoop }})</h3>{{ partial "items.html" (dict "pages" $kcoop "what" "k") }}
{{ end }}''',
    "rivers/page.html": '''{{ define "main_attrs" }} data-pagefind-body{{ end }}{{ define "main" }}''' + H_SETUP + '''
{{ $ts := slice }}{{ with index site.Taxonomies.river $x.id }}{{ $ts = .Pages }}{{ end }}
<p><span lang="{{ site.Params.other }}">{{ $x.other_name }}</span> · @river_kind@: {{ T (printf "kind_%s" $x.river_kind) }}</p>
{{ with $x.sections }}<h2>@monitoring_sections@</h2>
<table class="list"><caption>@monitoring_sections@</caption><thead><tr><th scope="col">@monitoring_sections@</th><th scope="col">@target_class@</th><th scope="col">@latest_result@</th></tr></thead><tbody>
{{ range . }}<tr><td>{{ .name }} <span class="muted">({{ .source }})</span></td><td>{{ .target }}</td><td>@no_result@</td></tr>{{ end }}
</tbody></table>{{ end }}
<p class="muted">@river_rule@</p>
<h2>@status@</h2>
{{ partial "rollup.html" (dict "pages" $ts) }}
<p></p>
<h2>@concerning_tasks@ ({{ len $ts }})</h2>
{{ if $ts }}<table class="list"><caption>@concerning_tasks@</caption>{{ partial "thead.html" (dict "lead" true "status" false) }}<tbody>{{ partial "rows.html" (dict "pages" $ts "p" $p "lead" true "status" false "data" false) }}</tbody></table>{{ else }}<p>@none@</p>{{ end }}
<h2>@concerning_projects@ (0)</h2><p>@none@</p>
<h2>@concerning_key_tasks@ (0)</h2><p>@none@</p>
{{ end }}''',
    "plan/page.html": '''{{ define "main" }}''' + H_SETUP + '''
{{ $ts := slice }}{{ with index site.Taxonomies.chapter (string $x.number) }}{{ $ts = .Pages }}{{ end }}
{{ partial "rollup.html" (dict "pages" $ts) }}
{{ range $ts.GroupByParam "section" "asc" }}{{ $f := index .Pages 0 }}
<h2>{{ $f.Params.section_title }}</h2>
<table class="list"><caption>{{ $f.Params.section_title }}</caption>{{ partial "thead.html" (dict "lead" true "status" true) }}<tbody>
{{ partial "rows.html" (dict "pages" .Pages "p" $p "lead" true "status" true "data" false) }}</tbody></table>
{{ end }}
{{ end }}''',
    "projects/page.html": '''{{ define "main_attrs" }} data-pagefind-body{{ end }}{{ define "main" }}''' + H_SETUP + '''
<dl class="facts">
<dt>@category@</dt><dd>{{ $x.category }}</dd>
<dt>@content@</dt><dd>{{ $x.content }}</dd>
<dt>@investment@</dt><dd>{{ $x.money }}</dd>
<dt>@period@</dt><dd>{{ $x.years }}</dd>
<dt>@responsible@</dt><dd>{{ partial "agencies.html" (dict "list" $x.resps "p" $p) }}</dd>
</dl>
{{ partial "progress.html" (dict "x" $x "body" "" "p" $p) }}
{{ partial "provenance.html" (dict "line" $x.source_line "p" $p) }}
{{ end }}''',
    "indicators/page.html": '''{{ define "main_attrs" }} data-pagefind-body{{ end }}{{ define "main" }}''' + H_SETUP + '''
<dl class="facts">
<dt>@domain@</dt><dd>{{ $x.domain }}</dd>
<dt>@attribute@</dt><dd>{{ $x.attribute }}</dd>
<dt>@target_2025@</dt><dd>{{ $x.target }}</dd>
<dt>@lead@</dt><dd>{{ partial "agencies.html" (dict "list" $x.leads "p" $p) }}</dd>
</dl>
<h2>@reported_values@</h2>
<p class="status-none">@no_value@</p>
{{ partial "progress.html" (dict "x" $x "body" "" "p" $p) }}
{{ partial "provenance.html" (dict "line" $x.source_line "p" $p) }}
{{ end }}''',
    "key-tasks/page.html": '''{{ define "main_attrs" }} data-pagefind-body{{ end }}{{ define "main" }}''' + H_SETUP + '''
<p class="text">{{ $x.text }}</p>
<dl class="facts">
<dt>@category@</dt><dd>{{ $x.category }}</dd>
<dt>@responsible@</dt><dd>{{ partial "agencies.html" (dict "list" $x.resps "p" $p) }}</dd>
<dt>@cooperating@</dt><dd>{{ partial "agencies.html" (dict "list" $x.coops "p" $p) }}</dd>
</dl>
{{ partial "progress.html" (dict "x" $x "body" "" "p" $p) }}
{{ partial "provenance.html" (dict "line" $x.source_line "p" $p) }}
{{ end }}''',
    "tasks/section.html": '''{{ define "main" }}''' + H_SETUP + '''
<p>{{ len .Pages }} @count_items@</p>
<form class="filters" id="filters" hidden aria-label="@filter_label@">
<label>@chapter@ <select name="chapter"><option value="">@filter_all@</option>{{ range site.Params.chapters }}<option value="{{ .value }}">{{ .label }}</option>{{ end }}</select></label>
<label>@agencies@ <select name="agency"><option value="">@filter_all@</option>{{ range site.Params.agencies }}<option value="{{ .value }}">{{ .label }}</option>{{ end }}</select></label>
<label>@rivers_concerned@ <select name="river"><option value="">@filter_all@</option>{{ range site.Params.rivers }}<option value="{{ .value }}">{{ .label }}</option>{{ end }}</select></label>
<label>@status@ <select name="status"><option value="">@filter_all@</option>{{ range site.Params.statuses }}<option value="{{ .value }}">{{ .label }}</option>{{ end }}</select></label>
<output id="filter-count" aria-live="polite"></output>
</form>
<noscript><p>@filter_nojs@</p></noscript>
{{ range .Pages.GroupByParam "chapter" "asc" }}{{ $f := index .Pages 0 }}
<section class="chapter-group">
<h2><a href="{{ $p }}/plan/{{ .Key }}/">{{ $f.Params.chapter_title }}</a></h2>
<table class="list"><caption>{{ $f.Params.chapter_title }}</caption>{{ partial "thead.html" (dict "lead" true "status" true) }}<tbody>
{{ partial "rows.html" (dict "pages" .Pages "p" $p "lead" true "status" true "data" true) }}</tbody></table>
</section>
{{ end }}
<script src="/static/filters.js" data-count="@filter_count@" defer></script>
{{ end }}''',
    "agencies/section.html": '''{{ define "main" }}
{{ range .Pages.GroupByParam "agency_kind" "asc" }}
<h2>{{ T (printf "kind_%s" .Key) }}</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span lang="{{ site.Params.other }}">{{ .Params.other_name }}</span></li>{{ end }}</ul>
{{ end }}
{{ end }}''',
    "rivers/section.html": '''{{ define "main" }}
<table class="list"><caption>@rivers@</caption><thead><tr><th scope="col">@rivers@</th><th scope="col">@river_kind@</th><th scope="col">@tributary_of@</th><th scope="col">@monitoring_sections@</th><th scope="col">@count_items@</th></tr></thead><tbody>
{{ range .Pages }}{{ $n := 0 }}{{ with index site.Taxonomies.river .Params.id }}{{ $n = len .Pages }}{{ end }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ T (printf "kind_%s" .Params.river_kind) }}</td><td></td><td>{{ len .Params.sections }}</td><td class="num">{{ $n }}</td></tr>{{ end }}
</tbody></table>
{{ end }}''',
    "plan/section.html": '''{{ define "main" }}<h2>@chapters@</h2><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}''',
    "projects/section.html": '''{{ define "main" }}''' + H_SETUP + '''
<table class="list"><caption>@projects@</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@category@</th><th scope="col">@project@</th><th scope="col">@investment@</th><th scope="col">@period@</th><th scope="col">@responsible@</th><th scope="col">@status@</th></tr></thead><tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.number }}</a></td><td>{{ .Params.category }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td class="num">{{ .Params.money }}</td><td>{{ .Params.years }}</td><td>{{ partial "agencies.html" (dict "list" .Params.resps "p" $p) }}</td><td>{{ partial "status.html" (dict "s" .Params.status "overdue" .Params.overdue) }}</td></tr>
{{ end }}</tbody></table>
{{ end }}''',
    "indicators/section.html": '''{{ define "main" }}''' + H_SETUP + '''
<table class="list"><caption>@indicators@</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@domain@</th><th scope="col">@indicator@</th><th scope="col">@attribute@</th><th scope="col">@target_2025@</th><th scope="col">@lead@</th><th scope="col">@status@</th></tr></thead><tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.number }}</a></td><td>{{ .Params.domain }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.attribute }}</td><td>{{ .Params.target }}</td><td>{{ partial "agencies.html" (dict "list" .Params.leads "p" $p) }}</td><td>{{ partial "status.html" (dict "s" .Params.status "overdue" .Params.overdue) }}</td></tr>
{{ end }}</tbody></table>
{{ end }}''',
    "key-tasks/section.html": '''{{ define "main" }}<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}''',
    "key-tasks/{year}/section.html": '''{{ define "main" }}''' + H_SETUP + '''
{{ range .Pages.GroupByParam "category" }}
<h2>{{ .Key }}</h2>
<table class="list"><caption>{{ .Key }}</caption><thead><tr><th scope="col">@task_number@</th><th scope="col">@key_task_text@</th><th scope="col">@responsible@</th><th scope="col">@status@</th></tr></thead><tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.number }}</a></td><td>{{ .Params.text }}</td><td>{{ partial "agencies.html" (dict "list" .Params.resps "p" $p) }}</td><td>{{ partial "status.html" (dict "s" .Params.status "overdue" .Params.overdue) }}</td></tr>
{{ end }}</tbody></table>
{{ end }}
{{ end }}''',
    "updates/section.html": '''{{ define "main" }}''' + H_SETUP + '''
<p>@updates_intro@</p>
<h2></h2>
<ol class="timeline">{{ range where site.RegularPages "Section" "tasks" }}{{ with .Params.update }}<li class="update" id="{{ .id }}"><p class="meta"><time datetime="{{ .date }}">{{ .date }}</time> · {{ partial "status.html" (dict "s" .status "overdue" false) }} · @reporter@: {{ partial "agencies.html" (dict "list" .reporter "p" $p) }} · <a href="{{ $.RelPermalink }}">{{ $.Title }}</a></p>
{{ end }}{{ if .Params.update }}{{ .Content }}</li>{{ end }}{{ end }}</ol>
{{ end }}''',
    "home.html": '''{{ define "main" }}''' + H_SETUP + '''{{ $ts := where site.RegularPages "Section" "tasks" }}{{ $ks := where site.RegularPages "Section" "key-tasks" }}
<h2>@summary@</h2><p>{{ len $ts }} @tasks@ · {{ len $ks }} @key_tasks@</p>
<h2>@status@</h2>
<h3>@tasks@</h3>{{ partial "rollup.html" (dict "pages" $ts "id" "tasks") }}
<h3>@year_key_tasks@</h3>{{ partial "rollup.html" (dict "pages" $ks "id" "keys") }}
<h2>@chapters@</h2><ul>{{ range site.Params.chapters }}<li><a href="{{ $p }}/plan/{{ .value }}/">{{ .label }}</a></li>{{ end }}</ul>
<h2>@latest_updates@</h2>
<ol class="timeline">{{ range first 10 (where $ts "Params.update" "!=" nil) }}{{ $u := .Params.update }}<li class="update"><p class="meta"><time datetime="{{ $u.date }}">{{ $u.date }}</time> · {{ partial "status.html" (dict "s" $u.status "overdue" false) }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
{{ .Content }}</li>{{ end }}</ol>
{{ end }}''',
}
