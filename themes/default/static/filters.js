// Filters on the task list (chapter, agency, river, status), in the browser.
(function () {
  "use strict";
  var me = document.currentScript;
  var form = document.getElementById("filters");
  var count = document.getElementById("filter-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-chapter]"));
  form.hidden = false;
  function apply() {
    var f = { chapter: form.chapter.value, agency: form.agency.value, river: form.river.value, status: form.status.value };
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!f.chapter || r.dataset.chapter === f.chapter)
        && (!f.agency || (" " + r.dataset.agencies + " ").indexOf(" " + f.agency + " ") >= 0)
        && (!f.river || (" " + r.dataset.rivers + " ").indexOf(" " + f.river + " ") >= 0)
        && (!f.status || r.dataset.status === f.status);
      r.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll("section.chapter-group").forEach(function (s) {
      s.hidden = !s.querySelector("tr[data-chapter]:not([hidden])");
    });
    count.textContent = me.dataset.count.replace("{n}", shown);
  }
  form.addEventListener("change", apply);
  apply();
})();
