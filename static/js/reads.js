// Counts one view of the article once the page is shown (Đọc nhiều), so cached pages are counted too.
// No cookies are sent; the server answers 204 and keeps the count in its cache (articles/reads.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-read-url");
  if (!url) return;

  function send() {
    if (window.fetch) {
      window.fetch(url, { method: "POST", credentials: "omit", cache: "no-store", keepalive: true })
        .catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    }
  }

  function whenVisible() {
    // A page opened in a background tab (or prerendered) counts when the reader first looks at it.
    if (document.visibilityState === "visible") {
      send();
      return;
    }
    document.addEventListener("visibilitychange", function once() {
      if (document.visibilityState !== "visible") return;
      document.removeEventListener("visibilitychange", once);
      send();
    });
  }

  if (document.readyState === "complete") whenVisible();
  else window.addEventListener("load", whenVisible);
})();
