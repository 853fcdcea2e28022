// Pamphlet site search: the search box of every page and the search page.
//
// The index is written at build time under /search-index/<language>/ (see
// src/search/index.rs for its format): a small meta.json, term files keyed
// by each term's first two letters, and page records in chunks. A query
// fetches meta.json once, then only the term files of its words and the
// records of the results shown. Without JavaScript nothing here runs: the
// search box opens the A–Z index instead. No inline script, no third-party
// request: everything comes from the site.
(function () {
  "use strict";

  var BOX_RESULTS = 5; // shown under the search box
  var PAGE_RESULTS = 10; // shown on the search page
  var RERANK = 10; // results whose names are checked to put name matches first
  var EXACT = 1; // how much a match counts: the word itself
  var PREFIX = 0.75; // a longer word starting with it ("vaccin" → "vaccines")
  var PLURAL = 0.75; // a word one or two letters shorter ("vaccines" → "vaccine")
  var indexes = {};

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function load(form) {
    var base = form.dataset.index;
    if (!indexes[base]) {
      indexes[base] = fetchJson(base + "meta.json").then(function (meta) {
        return { base: base, meta: meta, keys: new Set(meta.shards), shards: {}, chunks: {} };
      });
    }
    return indexes[base];
  }

  // The same rules as src/search/words.rs: change both together.
  // Lower case without accents or Arabic vowel marks; أ إ آ become ا.
  function fold(text) {
    return (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function isUnspaced(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af) ||
      (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x3134f);
  }

  function runTerms(chars, unspaced, out) {
    if (unspaced) {
      if (chars.length === 1) out.push(chars[0]);
      for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      return;
    }
    // The Arabic article "ال" is not part of the word a reader types.
    if (chars.length > 3 && chars[0] === "ا" && chars[1] === "ل") chars = chars.slice(2);
    if (chars.length > 1) out.push(chars.join(""));
  }

  function terms(text) {
    var out = [];
    fold(text).split(/[^\p{Alphabetic}\p{N}]+/u).forEach(function (word) {
      var run = [];
      var runUnspaced = false;
      Array.from(word).forEach(function (c) {
        var unspaced = isUnspaced(c);
        if (run.length && unspaced !== runUnspaced) {
          runTerms(run, runUnspaced, out);
          run = [];
        }
        runUnspaced = unspaced;
        run.push(c);
      });
      if (run.length) runTerms(run, runUnspaced, out);
    });
    return out;
  }

  function shardKey(term) {
    var chars = Array.from(term);
    if (chars.length && isUnspaced(chars[0])) return chars[0];
    return chars.length > 1 ? chars[0] + chars[1] : "";
  }

  function hex(key) {
    return Array.from(new TextEncoder().encode(key)).map(function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  function shard(index, key) {
    if (!index.keys.has(key)) return Promise.resolve({});
    if (!index.shards[key]) index.shards[key] = fetchJson(index.base + "terms/" + hex(key) + ".json");
    return index.shards[key];
  }

  function record(index, page) {
    var chunk = Math.floor(page / index.meta.chunk);
    if (!index.chunks[chunk]) index.chunks[chunk] = fetchJson(index.base + "pages/" + chunk + ".json");
    return index.chunks[chunk].then(function (records) { return records[page % index.meta.chunk]; });
  }

  function quality(query, term) {
    if (term === query) return EXACT;
    if (term.indexOf(query) === 0) return PREFIX;
    var shorter = Array.from(query).length - Array.from(term).length;
    if (query.indexOf(term) === 0 && Array.from(term).length >= 4 && shorter <= 2) return PLURAL;
    return 0;
  }

  // Each page's best score for one query word: the weight of the term it
  // holds (10 title or alias, 5 summary or tag, 1–4 body), times how well
  // the term matches, times how rare the term is.
  function scores(index, query, entries) {
    var best = new Map();
    Object.keys(entries).forEach(function (term) {
      var q = quality(query, term);
      if (!q) return;
      var list = entries[term];
      var rarity = Math.log(1 + index.meta.pages / (list.length / 2));
      var page = 0;
      for (var i = 0; i < list.length; i += 2) {
        page += list[i];
        var score = list[i + 1] * q * rarity;
        if (!(best.get(page) >= score)) best.set(page, score);
      }
    });
    return best;
  }

  // Pages holding every query word, best first.
  function rank(index, query) {
    var words = Array.from(new Set(terms(query)));
    if (!words.length) return Promise.resolve([]);
    return Promise.all(words.map(function (w) { return shard(index, shardKey(w)); })).then(function (shards) {
      var perWord = words.map(function (w, i) { return scores(index, w, shards[i]); });
      var total = perWord[0];
      perWord.slice(1).forEach(function (next) {
        var both = new Map();
        total.forEach(function (score, page) {
          if (next.has(page)) both.set(page, score + next.get(page));
        });
        total = both;
      });
      return Array.from(total.entries()).sort(function (a, b) {
        return b[1] - a[1] || a[0] - b[0];
      }).map(function (entry) { return entry[0]; });
    });
  }

  // Whether a query word is a title or alias word (or a form of it).
  function namesMatch(query, names) {
    var nameWords = terms(names.join(" "));
    return terms(query).some(function (q) {
      return nameWords.some(function (n) { return quality(q, n) > 0; });
    });
  }

  function message(form, key, query, count) {
    var text = form.dataset[key] || "";
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined).format(count || 0);
    return text.replace("{q}", query).replace("{n}", number);
  }

  // Runs a query: the results' records, title and alias matches first.
  function search(form, query, limit) {
    return load(form).then(function (index) {
      return rank(index, query).then(function (pages) {
        var top = pages.slice(0, Math.max(limit, RERANK));
        return Promise.all(top.map(function (p) { return record(index, p); })).then(function (records) {
          var named = [];
          var other = [];
          records.forEach(function (r) {
            var aliases = r.aliases ? r.aliases.split(", ") : [];
            (namesMatch(query, [r.title].concat(aliases)) ? named : other).push(r);
          });
          return { total: pages.length, items: named.concat(other).slice(0, limit) };
        });
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
    a.textContent = data.title || data.url;
    li.appendChild(a);
    if (detailed) {
      if (data.aliases) {
        var aka = document.createElement("span");
        aka.className = "search-result-aka";
        aka.textContent = (form.dataset.msgAlsoCalled || "") + ": " + data.aliases;
        li.appendChild(aka);
      }
      var summary = document.createElement("p");
      summary.className = "search-result-summary";
      summary.textContent = data.summary || "";
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
