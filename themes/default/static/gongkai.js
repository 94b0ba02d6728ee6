// gongkai: progressive enhancement only; every page works without this file.
(function () {
  "use strict";
  // Live reload for `gongkai serve` (the endpoint exists only there).
  if (location.protocol.indexOf("http") === 0 && (location.hostname === "127.0.0.1" || location.hostname === "localhost")) {
    var id = null;
    var poll = function () {
      fetch("/__gongkai/build-id", { cache: "no-store" }).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (t) {
        if (t === null) return;
        if (id !== null && t !== id) location.reload();
        id = t;
        setTimeout(poll, 700);
      }).catch(function () { setTimeout(poll, 1500); });
    };
    poll();
  }
})();
