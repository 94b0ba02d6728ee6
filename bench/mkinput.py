#!/usr/bin/env python3
"""Write a Hugo or Zola site equivalent to gongkai's synthetic plan of N tasks
(the same pages: one per task per language, one per agency and per river per
language listing their tasks, and the list pages; feeds and search off).

Usage: mkinput.py hugo|zola CONTENT_DIR OUT_DIR
CONTENT_DIR is the content/ folder written by `gongkai scale N`.

The Zola site follows Zola 0.19's documented layout (config.toml with
default_language and [languages.en], taxonomies per language, page.N.en.md
translations, taxonomy_list.html / taxonomy_single.html). No zola binary can
be installed on the machine this was written on, so it has not been built
here; bench/run.sh runs it only when `zola` is on PATH."""
import json, os, re, sys

def read_yaml_list(path):
    # The generated files are emitted by gongkai with one value per line; a
    # YAML parser is not needed for the few fields used here.
    import yaml  # PyYAML, installed by run.sh
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)

def main():
    kind, content, out = sys.argv[1], sys.argv[2], sys.argv[3]
    assert kind in ("hugo", "zola"), kind
    if kind == "zola":
        return zola(content, out)
    tasks = read_yaml_list(os.path.join(content, "plan", "tasks.yaml"))
    agencies = {a["id"]: a for a in read_yaml_list(os.path.join(content, "agencies.yaml"))}
    rivers = read_yaml_list(os.path.join(content, "rivers.yaml"))
    names = {r["id"]: [r["zh"]] for r in rivers}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "hugo.toml"), "w") as f:
        f.write('''baseURL = "http://127.0.0.1/"
defaultContentLanguage = "zh"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  agency = "agencies"
  river = "rivers"
[languages.zh]
  weight = 1
  contentDir = "content/zh"
[languages.en]
  weight = 2
  contentDir = "content/en"
''')
    layouts = os.path.join(out, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    base = '<!DOCTYPE html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><nav><a href="/">home</a></nav><main><h1>{{ .Title }}</h1>%s</main></body></html>'
    open(os.path.join(layouts, "single.html"), "w").write(base % '{{ .Content }}<p>{{ range .Params.agencies }}<a href="{{ "/agencies/" | relLangURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>')
    open(os.path.join(layouts, "list.html"), "w").write(base % '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>')
    open(os.path.join(layouts, "terms.html"), "w").write(base % '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>')
    open(os.path.join(layouts, "term.html"), "w").write(base % '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>')
    open(os.path.join(layouts, "home.html"), "w").write(base % '<p>{{ len .Site.RegularPages }} tasks</p>')
    for lang in ["zh", "en"]:
        d = os.path.join(out, "content", lang, "tasks")
        os.makedirs(d, exist_ok=True)
        for t in tasks:
            text = t["text"][lang]
            rv = [rid for rid, ns in names.items() if any(n in t["text"]["zh"] for n in ns)]
            fm = {"title": ("任务 %d" if lang == "zh" else "Task %d") % t["number"],
                  "agencies": t["lead"] + t["responsible"], "rivers": rv}
            with open(os.path.join(d, "%d.md" % t["number"]), "w", encoding="utf-8") as f:
                f.write("---\n" + json.dumps(fm, ensure_ascii=False) + "\n---\n" + text + "\n")

def plan(content):
    tasks = read_yaml_list(os.path.join(content, "plan", "tasks.yaml"))
    rivers = read_yaml_list(os.path.join(content, "rivers.yaml"))
    names = {r["id"]: [r["zh"]] for r in rivers}
    return tasks, names

def zola(content, out):
    tasks, names = plan(content)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.toml"), "w") as f:
        f.write('''base_url = "http://127.0.0.1"
default_language = "zh"
compile_sass = false
build_search_index = false
generate_feeds = false
taxonomies = [{name = "agencies"}, {name = "rivers"}]

[languages.en]
taxonomies = [{name = "agencies"}, {name = "rivers"}]
''')
    tpl = os.path.join(out, "templates")
    os.makedirs(tpl, exist_ok=True)
    base = '<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>%s</title></head><body><nav><a href="{{ config.base_url }}/">home</a></nav><main><h1>%s</h1>%s</main></body></html>'
    pages = '<ul>{%% for p in %s %%}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{%% endfor %%}</ul>'
    files = {
        "index.html": base % ("{{ config.title }}", "{{ config.title }}", "<p>home</p>"),
        "section.html": base % ("{{ section.title }}", "{{ section.title }}", pages % "section.pages"),
        "page.html": base % ("{{ page.title }}", "{{ page.title }}", '{{ page.content | safe }}<p>{% for a in page.taxonomies.agencies %}<a href="{{ get_taxonomy_url(kind="agencies", name=a, lang=lang) }}">{{ a }}</a> {% endfor %}</p>'),
        "taxonomy_list.html": base % ("{{ taxonomy.name }}", "{{ taxonomy.name }}", '<ul>{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a></li>{% endfor %}</ul>'),
        "taxonomy_single.html": base % ("{{ term.name }}", "{{ term.name }}", pages % "term.pages"),
    }
    for name, text in files.items():
        open(os.path.join(tpl, name), "w", encoding="utf-8").write(text)
    d = os.path.join(out, "content", "tasks")
    os.makedirs(d, exist_ok=True)
    for lang, suffix, title in (("zh", "", "任务"), ("en", ".en", "Tasks")):
        open(os.path.join(d, "_index%s.md" % suffix), "w", encoding="utf-8").write(
            "+++\ntitle = %s\nsort_by = \"weight\"\n+++\n" % json.dumps(title, ensure_ascii=False))
        for t in tasks:
            rv = [rid for rid, ns in names.items() if any(n in t["text"]["zh"] for n in ns)]
            head = ["title = %s" % json.dumps(("任务 %d" if lang == "zh" else "Task %d") % t["number"], ensure_ascii=False),
                    "weight = %d" % t["number"], "[taxonomies]",
                    "agencies = %s" % json.dumps(t["lead"] + t["responsible"], ensure_ascii=False),
                    "rivers = %s" % json.dumps(rv, ensure_ascii=False)]
            with open(os.path.join(d, "%d%s.md" % (t["number"], suffix)), "w", encoding="utf-8") as f:
                f.write("+++\n" + "\n".join(head) + "\n+++\n" + t["text"][lang] + "\n")

if __name__ == "__main__":
    main()
