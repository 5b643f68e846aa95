// The workspace's only script of its own: draws the charts whose Vega-Lite specs the pages carry in
// data-spec attributes (no inline script anywhere: the Content-Security-Policy forbids it).
(function () {
  "use strict";
  function draw(root) {
    if (typeof vegaEmbed === "undefined") { return; }
    root.querySelectorAll(".chart[data-spec]").forEach(function (el) {
      if (el.dataset.drawn) { return; }
      el.dataset.drawn = "1";
      var spec;
      try { spec = JSON.parse(el.dataset.spec); } catch (e) { return; }
      // ast: Vega's expression interpreter instead of new Function (the CSP has no 'unsafe-eval');
      // canvas: no style attributes; no actions menu, no injected stylesheet.
      vegaEmbed(el, spec, { ast: true, renderer: "canvas", actions: false, defaultStyle: false, tooltip: false })
        .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { draw(document); });
  // after a boosted page swap, move focus to the new page's content for keyboard and screen-reader users
  document.addEventListener("htmx:afterSettle", function (evt) {
    if (evt.detail && evt.detail.boosted) {
      var main = document.getElementById("main");
      if (main) { main.focus({ preventScroll: true }); }
    }
  });
})();
