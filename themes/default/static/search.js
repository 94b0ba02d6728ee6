// Client-side search over the Pagefind index (loaded only when searching).
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me.dataset.root; // relative path to the site root
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(root + "pagefind/pagefind.js", location.href).href).then(function (pf) {
        return pf.options({ baseUrl: new URL(root, location.href).pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // A snapshot opened from a disk cannot fetch the Pagefind index; it
  // carries its pages as a script (window.GONGKAI_INDEX) searched here.
  function offline(q) {
    var needle = q.toLowerCase();
    var hits = [];
    window.GONGKAI_INDEX.forEach(function (p) {
      var at = p.x.toLowerCase().indexOf(needle);
      if (at < 0 || hits.length >= 30) return;
      var start = Math.max(0, at - 40);
      var esc = function (s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); };
      hits.push({ url: p.u, meta: { title: p.t }, excerpt: esc(p.x.slice(start, at)) + "<mark>" + esc(p.x.slice(at, at + q.length)) + "</mark>" + esc(p.x.slice(at + q.length, at + q.length + 60)) });
    });
    return Promise.resolve(hits);
  }

  function run(q) {
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    status.textContent = me.dataset.loading;
    var found = window.GONGKAI_INDEX ? offline(q) : load().then(function (pf) { return pf.search(q); }).then(function (search) {
      return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
    });
    found.then(function (results) {
      status.textContent = results.length ? me.dataset.count.replace("{n}", results.length) : me.dataset.none;
      results.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = r.url;
        a.textContent = r.meta.title || r.url;
        var p = document.createElement("p");
        p.innerHTML = r.excerpt; // Pagefind's excerpt: escaped text with <mark> around matches
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
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
})();
