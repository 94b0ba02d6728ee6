#!/usr/bin/env python3
"""Write a Hugo site equivalent to gongkai's synthetic plan of N tasks (the
same pages: one per task per language, one per agency and per river per
language listing their tasks, and the list pages; feeds and search off).

Usage: mkinput.py hugo CONTENT_DIR OUT_DIR
CONTENT_DIR is the content/ folder written by `gongkai scale N`."""
import json, os, re, sys

def read_yaml_list(path):
    # The generated files are emitted by gongkai with one value per line; a
    # YAML parser is not needed for the few fields used here.
    import yaml  # PyYAML, installed by run.sh
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)

def main():
    kind, content, out = sys.argv[1], sys.argv[2], sys.argv[3]
    assert kind == "hugo"
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

if __name__ == "__main__":
    main()
