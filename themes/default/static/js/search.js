// Pamphlet site search: the search box of every page and the search page.
//
// The index is Pagefind's, written at build time under /pagefind/ for every
// language; pagefind.js picks the index of the page's <html lang>. Without
// JavaScript nothing here runs: the search box opens the A–Z index instead.
// No inline script, no third-party request: everything comes from the site.
(function () {
  "use strict";

  // Each result shown costs one small request (its title and summary), so
  // only the first few are fetched; the index has already ranked title and
  // alias matches high, and those fetched are re-checked to put them first.
  var BOX_RESULTS = 5; // shown under the search box
  var PAGE_RESULTS = 10; // shown on the search page
  var RERANK = 10; // results whose names are checked to put name matches first
  var pagefind = null;

  function load(form) {
    if (!pagefind) {
      pagefind = import(form.dataset.pagefind).then(function (pf) {
        return pf.init().then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Lower case without accents or Arabic vowel marks; أ إ آ become ا.
  function fold(text) {
    return (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (w) {
      // The Arabic article "ال" is not part of the word a reader types.
      return w.length > 3 && w.indexOf("ال") === 0 ? w.slice(2) : w;
    });
  }

  // Whether a query word is a title or alias word (or a form of it).
  function namesMatch(query, names) {
    var queryWords = words(query);
    var nameWords = words(names.join(" "));
    return queryWords.some(function (q) {
      return nameWords.some(function (n) {
        return n.indexOf(q) === 0 || (n.length >= 4 && q.indexOf(n) === 0);
      });
    });
  }

  function message(form, key, query, count) {
    var text = form.dataset[key] || "";
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined).format(count || 0);
    return text.replace("{q}", query).replace("{n}", number);
  }

  // Runs a query: the results' data, title and alias matches first.
  function search(form, query, limit) {
    return load(form).then(function (pf) {
      return pf.search(query);
    }).then(function (found) {
      var results = found.results;
      var top = results.slice(0, Math.max(limit, RERANK));
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
        var named = [];
        var other = [];
        data.forEach(function (d) {
          var aliases = d.meta.aliases ? d.meta.aliases.split(", ") : [];
          (namesMatch(query, [d.meta.title].concat(aliases)) ? named : other).push(d);
        });
        return { total: results.length, items: named.concat(other).slice(0, limit) };
      });
    });
  }

  function resultItem(form, data, detailed) {
    var li = document.createElement("li");
    li.className = "search-result";
    li.dataset.url = data.url;
    var a = document.createElement("a");
    a.href = data.url;
    a.className = "search-result-title";
    a.textContent = data.meta.title || data.url;
    li.appendChild(a);
    if (detailed) {
      if (data.meta.aliases) {
        var aka = document.createElement("span");
        aka.className = "search-result-aka";
        aka.textContent = (form.dataset.msgAlsoCalled || "") + ": " + data.meta.aliases;
        li.appendChild(aka);
      }
      var summary = document.createElement("p");
      summary.className = "search-result-summary";
      summary.textContent = data.meta.summary || "";
      li.appendChild(summary);
    }
    return li;
  }

  // Shows the results of the current input; a newer query wins over an older one.
  function run(form, detailed) {
    var input = form.querySelector(".search-input");
    var status = form.querySelector(".search-status");
    var list = form.querySelector(".search-results");
    var query = input.value.trim();
    var ticket = (form._ticket || 0) + 1;
    form._ticket = ticket;
    if (!query) {
      list.replaceChildren();
      if (!detailed) list.hidden = true;
      status.textContent = "";
      form.dataset.state = "idle";
      return Promise.resolve();
    }
    var started = performance.now();
    form.dataset.state = "searching";
    if (detailed) status.textContent = message(form, "msgLoading", query);
    var limit = detailed ? PAGE_RESULTS : BOX_RESULTS;
    return search(form, query, limit).then(function (found) {
      if (form._ticket !== ticket) return;
      var items = found.items.map(function (d) { return resultItem(form, d, detailed); });
      if (!detailed && found.total > 0) {
        var li = document.createElement("li");
        var all = document.createElement("a");
        all.href = form.dataset.searchUrl + "?q=" + encodeURIComponent(query);
        all.textContent = form.dataset.msgSeeAll;
        all.className = "search-see-all";
        li.appendChild(all);
        items.push(li);
      }
      list.replaceChildren.apply(list, items);
      if (!detailed) list.hidden = items.length === 0;
      status.textContent = found.total > 0
        ? message(form, "msgResults", query, found.total)
        : message(form, "msgNone", query);
      form.dataset.ms = String(Math.round(performance.now() - started));
      form.dataset.state = "done";
    }).catch(function (error) {
      form.dataset.state = "error";
      status.textContent = message(form, "msgNone", query);
      console.error("search:", error);
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  // Arrow keys move between the input and the results; Escape closes them.
  function keyboard(form) {
    var input = form.querySelector(".search-input");
    var list = form.querySelector(".search-results");
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length && !list.hidden) {
        links[Math.min(at + 1, links.length - 1)].focus();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
        event.preventDefault();
      } else if (event.key === "Escape" && !list.hidden) {
        list.hidden = true;
        form._dismissed = true;
        input.focus();
        event.preventDefault();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) list.hidden = true;
    });
    // Coming back to the box shows its results again, unless Escape closed
    // them (typing opens them again).
    input.addEventListener("focus", function () {
      if (list.children.length && !form._dismissed) list.hidden = false;
    });
    input.addEventListener("input", function () { form._dismissed = false; });
  }

  function setUpBox(form) {
    // With JavaScript the box searches; the full list is on the search page.
    form.action = form.dataset.searchUrl;
    var input = form.querySelector(".search-input");
    input.addEventListener("input", debounce(function () { run(form, false); }, 120));
    input.addEventListener("focus", function () { load(form); }, { once: true });
    keyboard(form);
  }

  function setUpPage(form) {
    var input = form.querySelector(".search-input");
    var update = function () {
      var query = input.value.trim();
      var url = form.dataset.searchUrl + (query ? "?q=" + encodeURIComponent(query) : "");
      history.replaceState(null, "", url);
      return run(form, true);
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    input.addEventListener("input", debounce(update, 200));
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      input.value = query;
      run(form, true);
    }
  }

  function start() {
    document.querySelectorAll("form.search-box").forEach(setUpBox);
    document.querySelectorAll("form.search-page").forEach(setUpPage);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
