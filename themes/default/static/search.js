// Client-side search over the site's own index (src/render/search/), loaded
// only when searching. The index is a set of scripts that call
// GONGKAI_SEARCH.put(key, data): per language a meta file, postings in
// shards by term hash and pages in chunks. A query is cut into terms by the
// index's own rule (src/render/search/tokens.rs): Chinese as character
// bigrams (one character as itself), other text as lowercased words without
// plural endings, a word of three or more letters also matching as a prefix.
// Every term must be on a page (AND); pages are ranked by BM25 with a title
// bonus, and among the first ones the pages holding the query's Chinese as
// written come first. Scripts load from a disk too, so a snapshot opened
// from a USB stick searches the same way. No request leaves the site.
(function (global) {
  "use strict";

  // ---- terms: the same rule as tokens.rs --------------------------------
  function kind(code) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return 1;
    if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return 1;
    if ((code >= 0x2160 && code <= 0x2188) || code === 0x3007 || (code >= 0x3040 && code <= 0x30ff) ||
      (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0x20000 && code <= 0x2ffff)) return 2;
    return 0;
  }

  function fold(ch) {
    var code = ch.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    code = ch.codePointAt(0);
    if (code < 0x80 || (code >= 0xc0 && code <= 0x24f)) {
      var lower = ch.toLowerCase();
      return lower.length === ch.length ? lower : ch;
    }
    return ch;
  }

  function stem(w) {
    var n = w.length;
    if (n < 4 || !/^[a-z]+$/.test(w)) return w;
    if (n > 4 && /ies$/.test(w)) return w.slice(0, n - 3) + "y";
    if (/(sses|ches|shes|xes)$/.test(w)) return w.slice(0, n - 2);
    if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, n - 1);
    return w;
  }

  // The query's parts in order: {word} or {run} (a run of CJK characters).
  function parts(text) {
    var out = [], word = "", run = [];
    function flush() {
      if (word) out.push({ word: stem(word) });
      if (run.length) out.push({ run: run });
      word = ""; run = [];
    }
    Array.from(text).forEach(function (raw) {
      var ch = fold(raw), k = kind(ch.codePointAt(0));
      if (k === 1) { if (run.length) flush(); word += ch; }
      else if (k === 2) { if (word) flush(); run.push(ch); }
      else flush();
    });
    flush();
    return out;
  }

  // What a query asks for: every term a page must have ({term, prefix}),
  // and the strings to mark in excerpts.
  function query(text) {
    var need = [], marks = [], seen = {};
    function add(term, prefix) {
      if (seen[term]) return;
      seen[term] = true;
      need.push({ term: term, prefix: prefix });
    }
    parts(text).forEach(function (p) {
      if (p.word) {
        add(p.word, p.word.length >= 3);
        marks.push(p.word);
        return;
      }
      if (p.run.length === 1) add(p.run[0], false);
      for (var i = 0; i + 1 < p.run.length; i++) add(p.run[i] + p.run[i + 1], false);
      marks.push(p.run.join(""));
    });
    return { need: need, marks: marks };
  }

  function shard(term, shards) {
    var code = Array.from(term)[0].codePointAt(0);
    var key = kind(code) === 2 ? term : Array.from(term).slice(0, 3).join("");
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return (h & (shards - 1)) >>> 0;
  }

  // ---- searching --------------------------------------------------------
  var SHOWN = 50;   // results listed
  var CHECKED = 100; // results checked for the Chinese as written

  // Pages (id → weight) having `need`; a prefix match counts half.
  function postings(table, need) {
    var found = {};
    function take(list, factor) {
      var id = 0;
      for (var i = 0; i < list.length; i += 2) {
        id += list[i];
        var w = list[i + 1] * factor;
        if (!(id in found) || found[id] < w) found[id] = w;
      }
    }
    if (table[need.term]) take(table[need.term], 1);
    if (need.prefix) {
      Object.keys(table).forEach(function (t) {
        if (t !== need.term && t.lastIndexOf(need.term, 0) === 0) take(table[t], 0.5);
      });
    }
    return found;
  }

  // Search `lang`'s index for `text`; `load(key)` gives a promise of the
  // data the index file `key` puts. Resolves to {total, results, stamp},
  // with the first `shown` results (SHOWN unless given).
  function search(text, lang, load, shown) {
    shown = shown || SHOWN;
    var checked = Math.max(CHECKED, shown);
    var q = query(text);
    return load(lang + "/meta").then(function (meta) {
      if (!q.need.length) return { total: 0, results: [], stamp: meta.stamp };
      var keys = {};
      q.need.forEach(function (n) { keys[lang + "/t/" + shard(n.term, meta.shards).toString(16)] = true; });
      var names = Object.keys(keys);
      return Promise.all(names.map(load)).then(function (tables) {
        var byKey = {};
        names.forEach(function (k, i) { byKey[k] = tables[i]; });
        var scores = null;
        var found = q.need.map(function (n) {
          return postings(byKey[lang + "/t/" + shard(n.term, meta.shards).toString(16)], n);
        });
        // A term no page has is left out (as Pagefind does): "Task 8" on
        // the Chinese pages still finds task 8.
        var known = found.filter(function (f) { return Object.keys(f).length; });
        known.forEach(function (found) {
          var ids = Object.keys(found);
          var idf = Math.log(1 + (meta.pages - ids.length + 0.5) / (ids.length + 0.5));
          var next = {};
          ids.forEach(function (id) {
            if (scores === null || id in scores) next[id] = (scores === null ? 0 : scores[id]) + idf * found[id];
          });
          scores = next;
        });
        var ranked = Object.keys(scores || {}).map(Number).sort(function (a, b) {
          return scores[b] - scores[a] || a - b;
        });
        return pages(ranked.slice(0, checked), meta, lang, load).then(function (rows) {
          var runs = q.marks.filter(function (m) { return kind(m.codePointAt(0)) === 2 && m.length > 1; });
          var first = ranked.slice(0, checked).map(function (id, i) {
            var row = rows[i], hay = (row[1] + " " + row[2]).toLowerCase();
            var exact = runs.every(function (r) { return hay.indexOf(r) >= 0; });
            return { id: id, row: row, exact: exact ? 1 : 0, score: scores[id] };
          });
          first.sort(function (a, b) { return b.exact - a.exact || b.score - a.score || a.id - b.id; });
          return {
            total: ranked.length,
            stamp: meta.stamp,
            results: first.slice(0, shown).map(function (c) {
              return { url: c.row[0], title: c.row[1], excerpt: excerpt(c.row[2], q.marks) };
            }),
          };
        });
      });
    });
  }

  // The rows of the pages `ids`, loading their chunks.
  function pages(ids, meta, lang, load) {
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
    var names = Object.keys(chunks);
    return Promise.all(names.map(function (k) { return load(lang + "/p/" + k); })).then(function (loaded) {
      var byChunk = {};
      names.forEach(function (k, i) { byChunk[k] = loaded[i]; });
      return ids.map(function (id) { return byChunk[Math.floor(id / meta.chunk)][id % meta.chunk]; });
    });
  }

  function escape(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // About 120 characters of `text` around the first of `marks`, escaped,
  // each mark in <mark>.
  function excerpt(text, marks) {
    var chars = Array.from(text), lower = chars.map(fold).join("");
    var folded = Array.from(lower), at = -1;
    var low = marks.map(function (m) { return Array.from(m); });
    function matchAt(i) {
      for (var k = 0; k < low.length; k++) {
        var m = low[k], j = 0;
        while (j < m.length && folded[i + j] === m[j]) j++;
        if (j === m.length && m.length) return m.length;
      }
      return 0;
    }
    for (var i = 0; i < folded.length && at < 0; i++) if (matchAt(i)) at = i;
    var start = Math.max(0, at - 30), end = Math.min(chars.length, start + 120), html = "";
    for (var p = start; p < end;) {
      var n = matchAt(p);
      if (n) { html += "<mark>" + escape(chars.slice(p, p + n).join("")) + "</mark>"; p += n; }
      else { html += escape(chars[p]); p++; }
    }
    return (start > 0 ? "…" : "") + html + (end < chars.length ? "…" : "");
  }

  var core = { parts: parts, query: query, shard: shard, search: search, excerpt: excerpt };
  global.GONGKAI_SEARCH_CORE = core;
  if (typeof document === "undefined") return;

  // ---- the page ---------------------------------------------------------
  var me = document.currentScript;
  var root = me.dataset.root; // relative path to the site root
  var lang = me.dataset.lang;
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var stale = document.getElementById("search-stale");
  var list = document.getElementById("search-results");
  var store = {}, loading = {};
  global.GONGKAI_SEARCH = { put: function (key, data) { store[key] = data; } };

  // An index file as a script: `version` keeps a browser from mixing files
  // of two indexes (not on a disk, where a query string is no file name).
  function load(key, version) {
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        var v = location.protocol === "file:" || !version ? "" : "?v=" + version;
        s.src = root + "search/index/" + key + ".js" + v;
        s.onload = function () { key in store ? resolve(store[key]) : reject(new Error(key)); };
        s.onerror = function () { delete loading[key]; reject(new Error(key)); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }

  var fresh = location.protocol === "file:" ? "" : String(Date.now());
  var stamps = null;
  function meta() {
    if (!stamps) {
      stamps = Promise.all([load("stamp", fresh), load(lang + "/meta", fresh)]).then(function (got) {
        stale.hidden = got[0] === got[1].stamp;
        return got[1].stamp;
      });
    }
    return stamps;
  }

  function run(q) {
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    status.textContent = me.dataset.loading;
    meta().then(function (stamp) {
      return search(q, lang, function (key) { return load(key, stamp); });
    }).then(function (found) {
      status.textContent = found.total ? me.dataset.count.replace("{n}", found.total) : me.dataset.none;
      found.results.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        // From a disk (file://, a snapshot) a folder does not open its
        // index.html by itself, so the link names the file.
        var href = root + r.url;
        if (location.protocol === "file:" && /\/$/.test(href)) href += "index.html";
        a.href = href;
        a.textContent = r.title || r.url;
        var p = document.createElement("p");
        p.innerHTML = r.excerpt; // escaped text with <mark> around the query's words
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
    }, function () {
      status.textContent = me.dataset.failed;
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
})(this);
