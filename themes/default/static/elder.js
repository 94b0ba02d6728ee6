// Elder mode (适老化 敬老版): larger type and higher contrast. The rules are in
// elder.css, offered to every browser as an alternate stylesheet; this script
// switches it on for the reader and remembers the choice across pages.
(function () {
  "use strict";
  var KEY = "gongkai-elder";
  var on = false;
  try { on = localStorage.getItem(KEY) === "1"; } catch (e) { /* storage blocked */ }
  function apply() {
    var css = document.getElementById("elder-css");
    if (css) {
      // Chrome ignores `disabled` on a link loaded as an alternate sheet until
      // its rel says stylesheet, and does not drop it again when rel changes back.
      if (on) css.rel = "stylesheet";
      css.disabled = !on;
    }
    document.documentElement.classList.toggle("elder", on);
    var b = document.getElementById("elder-toggle");
    if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
  }
  apply();
  document.addEventListener("DOMContentLoaded", function () {
    var b = document.getElementById("elder-toggle");
    if (!b) return;
    b.hidden = false;
    apply();
    b.addEventListener("click", function () {
      on = !on;
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* storage blocked */ }
      apply();
    });
  });
})();
