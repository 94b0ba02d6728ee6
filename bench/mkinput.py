#!/usr/bin/env python3
"""Write a Hugo or Zola site that renders the same pages as gongkai does for
a synthetic plan (`gongkai scale N`), with the same content per page: the
same head, navigation, breadcrumbs and footer, both languages, and for each
family the same lists, rows and fields:

- a page per task (text, chapter and section, lead and responsible agencies,
  water bodies, progress with status, due date and the timeline of updates,
  source line, pager), per agency (status rollup over its tasks, the six
  responsibility lists), per river (monitoring sections, rollup, the tasks
  that concern it), per chapter (rollup, a table per section), per project,
  indicator and key task (facts and progress);
- the lists: home (rollups, chapters, latest updates), tasks (a table per
  chapter with the filter form), agencies, rivers, chapters, projects,
  indicators, key tasks of the year, updates (every update, newest first).

The lists are computed by the generator from taxonomies (lead, shares,
rivers, chapter, ...), as a Hugo or Zola user would: each page's front matter
holds only what the plan's files hold about it (names joined in, as gongkai's
load does). The update of a task is the task page's Markdown body, so the
generator renders the Markdown too. Both minify their HTML, as gongkai does.
Feeds, search, sitemaps and taxonomy pages of their own are off. gongkai's
glossary, errata, water, archive, overdue and 404 pages (a fixed handful)
have no counterpart. The interface strings are gongkai's
(themes/default/i18n.yaml), given to the generator's own i18n.

Usage: mkinput.py hugo|zola CONTENT_DIR OUT_DIR
CONTENT_DIR is the content/ folder written by `gongkai scale N`."""
import json, os, re, shutil, sys
import yaml  # PyYAML, installed by run.sh

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATUSES = ["not-assessed", "not-started", "in-progress", "delayed", "completed", "ongoing"]
NAV = [("plan", "plan"), ("tasks", "tasks"), ("indicators", "indicators"), ("projects", "projects"),
       ("key-tasks", "key_tasks"), ("agencies", "agencies"), ("rivers", "rivers"), ("updates", "updates"),
       ("water", "water"), ("glossary", "glossary"), ("archive", "archive")]
LANGS = ("zh", "en")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def toml(v):
    """A TOML value (inline tables and arrays)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join("%s = %s" % (k, toml(x)) for k, x in v.items()) + "}"
    raise TypeError(v)


class Plan:
    """What the plan's files say, names joined in, per language."""

    def __init__(self, content):
        c = lambda *p: os.path.join(content, *p)
        self.config = load(c("config.yaml"))
        self.agencies = load(c("agencies.yaml"))
        self.agency = {a["id"]: a for a in self.agencies}
        self.rivers = load(c("rivers.yaml"))
        self.chapters = load(c("plan", "chapters.yaml"))
        self.tasks = load(c("plan", "tasks.yaml"))
        self.indicators = load(c("plan", "indicators.yaml"))
        self.projects = load(c("plan", "projects.yaml"))["items"]
        key = load(c("plan", "key-tasks-2022.yaml"))
        self.key_year, self.key_tasks = key["year"], key["items"]
        self.build_date = self.config.get("build_date", "2023-06-30")
        self.doc = load(c("plan", "document.yaml"))["document"]
        # Updates: subject → (front matter, zh body, en body).
        self.updates = {}
        udir = c("updates")
        for root, _, files in os.walk(udir):
            for f in sorted(files):
                if not f.endswith(".md") or f.endswith(".en.md"):
                    continue
                text = open(os.path.join(root, f), encoding="utf-8").read()
                _, fm, body = text.split("---\n", 2)
                meta = yaml.safe_load(fm)
                en_path = os.path.join(root, f[:-3] + ".en.md")
                en = open(en_path, encoding="utf-8").read() if os.path.exists(en_path) else body
                for s in meta["subjects"]:
                    self.updates.setdefault(s, []).append((f[:-3], meta, body, en))

    def agencies_of(self, ids, lang):
        return [{"id": i, "name": self.agency[i][lang], "group": self.agency[i].get("kind") == "group"} for i in ids]

    def rivers_of(self, text_zh, lang):
        return [{"id": r["id"], "name": r[lang]} for r in self.rivers if r["zh"] in text_zh]

    def progress(self, subject, due, stated):
        ups = sorted(self.updates.get(subject, []), key=lambda u: u[1]["date"])
        status = ups[-1][1]["status"] if ups else "not-assessed"
        overdue = due < self.build_date and status not in ("completed", "ongoing")
        return {"status": status, "overdue": overdue, "due": due, "due_stated": stated}, ups


def pages(plan, lang):
    """Every page of one language: (path, title, weight, taxonomies, extra, body)."""
    out = []
    ch = {c["number"]: c for c in plan.chapters}
    for t in plan.tasks:
        c = ch[t["chapter"]]
        sec = next((s for s in c["sections"] if s["number"] == t.get("section")), None)
        prog, ups = plan.progress("task/%d" % t["number"], "2025-12-31", "2025" in t["text"]["zh"])
        rivers = plan.rivers_of(t["text"]["zh"], lang)
        extra = dict(nav="tasks", crumb="tasks", kind="task", number=t["number"], text=t["text"][lang],
                     chapter=t["chapter"], chapter_title=c["title"][lang],
                     section=t.get("section", 0), section_title=sec["title"][lang] if sec else "",
                     leads=plan.agencies_of(t["lead"], lang), resps=plan.agencies_of(t["responsible"], lang),
                     rivers=rivers, source_line=t["source_line"], **prog)
        body = ""
        if ups:
            uid, meta, zh, en = ups[-1]
            extra["update"] = {"id": uid, "date": meta["date"], "status": meta["status"],
                               "reporter": plan.agencies_of([meta["reporter"]], lang)}
            body = zh if lang == "zh" else en
        tax = {"lead": t["lead"], "shares": t["responsible"], "river": [r["id"] for r in rivers],
               "chapter": [str(t["chapter"])]}
        out.append(("tasks/%d" % t["number"], "%s %d" % (S[lang]["task"], t["number"]), t["number"], tax, extra, body))
    for a in plan.agencies:
        extra = dict(nav="agencies", crumb="agencies", kind="agency", id=a["id"],
                     other_name=a["zh" if lang == "en" else "en"], agency_kind=a.get("kind", ""),
                     group=a.get("kind") == "group")
        out.append(("agencies/%s" % a["id"], a[lang], 0, {}, extra, ""))
    for r in plan.rivers:
        secs = [{"name": s[lang], "source": s["source"][lang], "target": s.get("target_class", "")}
                for s in r.get("sections", [])]
        extra = dict(nav="rivers", crumb="rivers", kind="river", id=r["id"],
                     other_name=r["zh" if lang == "en" else "en"], river_kind=r.get("kind", ""), sections=secs)
        out.append(("rivers/%s" % r["id"], r[lang], 0, {}, extra, ""))
    for c in plan.chapters:
        extra = dict(nav="plan", crumb="plan", kind="chapter", number=c["number"])
        out.append(("plan/%d" % c["number"], c["title"][lang], c["number"], {}, extra, ""))
    for p in plan.projects:
        prog, _ = plan.progress("project/%d" % p["number"], "%d-12-31" % p["end_year"], True)
        amount = float(p["investment"])
        money = ("%s亿元" % p["investment"]) if lang == "zh" else ("CNY %g million" % (amount * 100))
        extra = dict(nav="projects", crumb="projects", kind="project", number=p["number"],
                     category=p["category"][lang], content=p["content"][lang], money=money,
                     years="%d–%d" % (p["start_year"], p["end_year"]),
                     resps=plan.agencies_of(p["responsible"], lang), source_line=p["source_line"], **prog)
        out.append(("projects/%d" % p["number"], p["name"][lang], p["number"], {"presp": p["responsible"]}, extra, ""))
    for i in plan.indicators:
        prog, _ = plan.progress("indicator/%d" % i["number"], "2025-12-31", False)
        attr = {"约束性": ("约束性", "binding"), "预期性": ("预期性", "expected")}.get(i["attribute"], (i["attribute"],) * 2)
        extra = dict(nav="indicators", crumb="indicators", kind="indicator", number=i["number"],
                     domain=i["domain"][lang], attribute=attr[0 if lang == "zh" else 1], target=i["target"][lang],
                     leads=plan.agencies_of(i["lead"], lang), source_line=i["source_line"], **prog)
        out.append(("indicators/%d" % i["number"], i["name"][lang], i["number"], {"ilead": i["lead"]}, extra, ""))
    for k in plan.key_tasks:
        prog, _ = plan.progress("key-task/%d/%d" % (plan.key_year, k["number"]), "%d-12-31" % plan.key_year, False)
        extra = dict(nav="key-tasks", crumb="key_tasks", kind="key_task", number=k["number"], year=plan.key_year,
                     text=k["text"][lang], category=k["category"][lang],
                     resps=plan.agencies_of(k["responsible"], lang),
                     coops=plan.agencies_of(k.get("cooperating", []), lang), source_line=k["source_line"], **prog)
        out.append(("key-tasks/%d/%d" % (plan.key_year, k["number"]), "%s %d" % (S[lang]["key_task"], k["number"]),
                    k["number"], {"kresp": k["responsible"], "kcoop": k.get("cooperating", [])}, extra, ""))
    # The yearly reports, one a year from the plan's start (2021) to the data date's year.
    for y in range(2021, int(plan.build_date[:4]) + 1):
        extra = dict(nav="reports", crumb="reports", kind="report", year=y,
                     as_of=min("%d-12-31" % y, plan.build_date), has_key_tasks=(y == plan.key_year))
        out.append(("reports/%d" % y, S[lang]["report_title"].replace("{year}", str(y)), y, {}, extra, ""))
    return out


# Sections: folder → (nav key, title key, zola template, hugo layout folder).
SECTIONS = {"tasks": "tasks", "agencies": "agencies", "rivers": "rivers", "plan": "plan",
            "projects": "projects", "indicators": "indicators", "key-tasks": "key_tasks",
            "updates": "updates", "reports": "reports"}
TAXONOMIES = ["lead", "shares", "river", "chapter", "presp", "ilead", "kresp", "kcoop"]
S = {}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def strings(plan):
    raw = load(os.path.join(ROOT, "themes", "default", "i18n.yaml"))
    for lang in LANGS:
        S[lang] = {k: str(v.get(lang, "")) for k, v in raw.items() if isinstance(v, dict)}
        S[lang]["site_title"] = plan.config["title"][lang]
        S[lang]["year_key_tasks"] = "%d %s" % (plan.key_year, S[lang]["key_tasks"])


def main():
    kind, content, out = sys.argv[1], sys.argv[2], sys.argv[3]
    assert kind in ("hugo", "zola"), kind
    plan = Plan(content)
    strings(plan)
    if os.path.exists(out):
        shutil.rmtree(out)
    static = os.path.join(ROOT, "themes", "default", "static")
    shutil.copytree(static, os.path.join(out, "static", "static"))
    import mktemplates
    tpl = mktemplates.HUGO if kind == "hugo" else mktemplates.ZOLA
    for name, text in tpl.items():
        name, text = name.replace("{year}", str(plan.key_year)), text.replace("{year}", str(plan.key_year))
        if kind == "zola":
            text = re.sub(r"@(\w[\w-]*)@", r'{{ trans(key="\1", lang=lang) }}', text)
            write(os.path.join(out, "templates", name), text)
        else:
            text = re.sub(r"@(\w[\w-]*)@", r'{{ T "\1" }}', text)
            write(os.path.join(out, "layouts", name), text)
    config(kind, plan, out)
    for lang in LANGS:
        suffix = "" if lang == "zh" else ".en"
        for sec, key in SECTIONS.items():
            head = {"title": S[lang][key], "nav": sec}
            write(os.path.join(out, "content", sec, "_index%s.md" % suffix), front(kind, head, {}, {"nav": sec}, sec))
        write(os.path.join(out, "content", "_index%s.md" % suffix),
              front(kind, {"title": S[lang]["site_title"]}, {}, {"nav": ""}, ""))
        write(os.path.join(out, "content", "key-tasks", str(plan.key_year), "_index%s.md" % suffix),
              front(kind, {"title": S[lang]["year_key_tasks"]}, {}, {"nav": "key-tasks", "crumb": "key_tasks"}, "key-year"))
        for path, title, weight, tax, extra, body in pages(plan, lang):
            write(os.path.join(out, "content", path + suffix + ".md"),
                  front(kind, {"title": title, "weight": weight}, tax, extra, None) + body)


def front(kind, head, tax, extra, section):
    """Front matter (TOML) for one page or section of either generator."""
    lines = ["+++"]
    for k, v in head.items():
        if k == "nav":
            continue
        lines.append("%s = %s" % (k, toml(v)))
    if kind == "zola":
        if section is not None:
            lines.append('sort_by = "weight"')
            tpl = {"": None, "key-year": "key_year.html"}.get(section, section + ".html")
            if tpl:
                lines.append("template = %s" % toml(tpl))
            page_tpl = {"tasks": "task.html", "agencies": "agency.html", "rivers": "river.html",
                        "plan": "chapter.html", "projects": "project.html", "indicators": "indicator.html",
                        "key-year": "key_task.html", "reports": "report.html"}.get(section)
            if page_tpl:
                lines.append("page_template = %s" % toml(page_tpl))
        if tax:
            lines.append("[taxonomies]")
            lines += ["%s = %s" % (k, toml(v)) for k, v in tax.items()]
        lines.append("[extra]")
    else:
        lines += ["%s = %s" % (k, toml(v)) for k, v in tax.items()]
        lines.append("[params]")
    # Scalars first: TOML tables after a key would swallow the keys that follow.
    lines += ["%s = %s" % (k, toml(v)) for k, v in extra.items()]
    lines.append("+++")
    return "\n".join(lines) + "\n"


def config(kind, plan, out):
    filt = {}
    for lang in LANGS:
        filt[lang] = {
            "chapters": [{"value": str(c["number"]), "label": c["title"][lang]} for c in plan.chapters],
            "agencies": [{"value": a["id"], "label": a[lang]} for a in plan.agencies],
            "rivers": [{"value": r["id"], "label": r[lang]} for r in plan.rivers],
            "statuses": [{"value": s, "label": S[lang]["status_" + s]} for s in STATUSES],
            "nav": [{"path": p, "key": k, "title": S[lang][k]} for p, k in NAV],
            "prefix": "" if lang == "zh" else "/en", "other": "en" if lang == "zh" else "zh-CN",
            "locale": "zh_CN" if lang == "zh" else "en_US", "build_date": plan.build_date,
            "statuses_list": STATUSES, "html_lang": "zh-CN" if lang == "zh" else "en",
            "doc": {"title": plan.doc["title"][lang], "number": plan.doc["doc_number"],
                    "issuer": plan.doc["issuer"][lang], "written": plan.doc["written"],
                    "published": plan.doc["published"], "seed": plan.doc["seed"]},
        }
    def table(name, d):
        return "\n".join(["[%s]" % name] + ["%s = %s" % (k, toml(v)) for k, v in d.items()]) + "\n"
    if kind == "zola":
        tax = "[" + ", ".join('{name = "%s", render = false}' % t for t in TAXONOMIES) + "]"
        text = ('base_url = "http://127.0.0.1:1111"\ntitle = %s\ndefault_language = "zh"\ncompile_sass = false\n'
                'build_search_index = false\ngenerate_feeds = false\nminify_html = true\ntaxonomies = %s\n\n'
                % (toml(S["zh"]["site_title"]), tax))
        text += table("extra.zh", filt["zh"]) + table("extra.en", filt["en"])
        text += table("translations", S["zh"])
        text += "[languages.en]\ntitle = %s\ntaxonomies = %s\n" % (toml(S["en"]["site_title"]), tax)
        text += table("languages.en.translations", S["en"])
        write(os.path.join(out, "config.toml"), text)
    else:
        text = ('baseURL = "http://127.0.0.1:1313/"\ndefaultContentLanguage = "zh"\n'
                'disableKinds = ["rss", "sitemap", "robotstxt", "404"]\n'
                '[[cascade]]\n[cascade.build]\nrender = "never"\n[cascade.target]\nkind = "{taxonomy,term}"\n'
                '[taxonomies]\n' + "".join('%s = "%s"\n' % (t, t) for t in TAXONOMIES) +
                '[minify.tdewolff.html]\nkeepEndTags = true\n'
                '[languages.zh]\nweight = 1\nlocale = "zh-CN"\ntitle = %s\n' % toml(S["zh"]["site_title"]))
        text += table("languages.zh.params", filt["zh"])
        text += '[languages.en]\nweight = 2\nlocale = "en"\ntitle = %s\n' % toml(S["en"]["site_title"])
        text += table("languages.en.params", filt["en"])
        write(os.path.join(out, "hugo.toml"), text)
        for lang in LANGS:
            write(os.path.join(out, "i18n", lang + ".toml"),
                  "".join("%s = %s\n" % (json.dumps(k), toml(v)) for k, v in S[lang].items()))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
