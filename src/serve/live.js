// Pamphlet live preview. Added to pages by `pamphlet serve` only; a built
// site never contains it. Reloads the page after each rebuild (keeping the
// scroll position), swaps stylesheets when only CSS changed, and shows or
// hides the error overlay.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : null;
  var scrollKey = "pamphlet-scroll:" + location.pathname;

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) { /* storage off: start at the top */ }
    if (saved) {
      var xy = JSON.parse(saved);
      window.scrollTo(xy[0], xy[1]);
    }
  }
  if (document.readyState === "complete") {
    restoreScroll();
  } else {
    window.addEventListener("load", restoreScroll);
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) { /* storage off: reload anyway */ }
    location.reload();
  }

  function swapStylesheets(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]:not([data-pamphlet])');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (paths.indexOf(url.pathname) === -1) return;
      url.searchParams.set("pamphlet-live", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      // Keep the old sheet until the new one has loaded: no unstyled flash.
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { fresh.remove(); });
      link.after(fresh);
    });
  }

  var lastFocus = null;
  function wireOverlay(overlay) {
    lastFocus = document.activeElement;
    var close = function () {
      overlay.hidden = true;
      if (lastFocus && lastFocus.focus) lastFocus.focus();
    };
    var button = overlay.querySelector("[data-pamphlet-close]");
    if (button) button.addEventListener("click", close);
    overlay.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    overlay.focus();
  }

  function showOverlay(html) {
    var old = document.getElementById("pamphlet-overlay");
    if (old) old.remove();
    var holder = document.createElement("div");
    holder.innerHTML = html; // made and escaped by the preview server
    var overlay = holder.firstElementChild;
    if (!overlay) return;
    document.body.appendChild(overlay);
    wireOverlay(overlay);
  }

  var existing = document.getElementById("pamphlet-overlay");
  if (existing) wireOverlay(existing);

  if (!window.EventSource) return;
  var source = new EventSource("/_pamphlet/events");
  source.addEventListener("hello", function (event) {
    var data = JSON.parse(event.data);
    // A rebuild happened between sending this page and connecting.
    if (generation !== null && String(data.generation) !== generation) reload();
  });
  source.addEventListener("reload", reload);
  source.addEventListener("css", function (event) {
    var data = JSON.parse(event.data);
    generation = String(data.generation);
    swapStylesheets(data.paths);
  });
  source.addEventListener("failed", function (event) {
    var data = JSON.parse(event.data);
    generation = String(data.generation);
    showOverlay(data.overlay);
  });
})();
