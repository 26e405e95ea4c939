/* Progressive enhancements: the institution lookup filter and the year filter. Pages work without them. */
(function () {
  "use strict";

  function normalise(text) {
    return (text || "").replace(/\s+/g, "").toUpperCase();
  }

  function setupLookup() {
    var table = document.querySelector("[data-lookup-table]");
    var form = document.querySelector("[data-lookup-form]");
    if (!table || !form) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var keys = rows.map(function (row) { return normalise(row.getAttribute("data-search")); });
    var input = form.querySelector("input[type=search]");
    var count = document.querySelector("[data-lookup-count]");
    var empty = document.querySelector("[data-lookup-empty]");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function checked(name) {
      var box = form.querySelector("input[name=" + name + "]:checked");
      return box ? box.value : "";
    }

    function apply() {
      var query = normalise(input.value);
      var list = checked("list");
      var type = checked("type");
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = (!query || keys[i].indexOf(query) !== -1) &&
          (!list || row.getAttribute("data-list") === list) &&
          (!type || row.getAttribute("data-type") === type);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = query || list || type;
      count.textContent = filtered ? "找到 " + shown + " 家机构" : "共 " + rows.length + " 家机构";
      empty.hidden = shown !== 0;
    }

    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) input.value = initial;
    input.addEventListener("input", apply);
    form.addEventListener("change", apply);
    apply();
  }

  function setupYears() {
    var nav = document.querySelector("[data-year-filter]");
    var table = document.querySelector("table[data-filterable]");
    if (!nav || !table) return;
    nav.hidden = false;
    var buttons = Array.prototype.slice.call(nav.querySelectorAll("button"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var year = button.getAttribute("data-year");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          row.hidden = Boolean(year) && row.getAttribute("data-year") !== year;
        });
      });
    });
  }

  function start() {
    setupLookup();
    setupYears();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Site search on Pagefind's chunked index: only the index parts a query needs are downloaded. */
(function () {
  "use strict";
  var PAGE = 8;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function startSearch() {
    var form = document.querySelector("[data-search-form]");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var more = document.querySelector("[data-search-more]");
    var bundles = form.getAttribute("data-bundles").trim().split(/\s+/);
    var engine = null, results = [], shown = 0, current = 0;

    function load() {
      if (!engine) {
        engine = import(new URL(bundles[0] + "pagefind.js", window.location.href).href).then(function (pf) {
          return pf.options({ excerptLength: 30 }).then(function () {
            return Promise.all(bundles.slice(1).map(function (b) {
              // A section with nothing searchable has no bundle: search the others.
              return pf.mergeIndex(new URL(b, window.location.href).href).catch(function () {});
            }));
          }).then(function () { return pf; });
        });
      }
      return engine;
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        pages.forEach(function (page) {
          var item = el("li", "tp-result");
          var link = el("a", "tp-result-link", (page.meta && page.meta.title) || page.url);
          link.href = page.url;
          var excerpt = el("p", "tp-result-excerpt");
          excerpt.innerHTML = page.excerpt;  // Pagefind escapes the text and adds only <mark>
          item.appendChild(link);
          item.appendChild(excerpt);
          list.appendChild(item);
        });
      });
    }

    // The index splits Chinese into dictionary words; a query typed without spaces is one long "word" to it.
    // Split the query the same way where the browser can (multi-character words, numbers, Latin), and search
    // those words together first; the query as typed follows, for what the split misses.
    function words(query) {
      if (typeof Intl === "undefined" || !Intl.Segmenter || /\s/.test(query.trim())) return null;
      var parts = Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(query))
        .filter(function (s) { return s.isWordLike && (s.segment.length > 1 || /[0-9A-Za-z]/.test(s.segment)); })
        .map(function (s) { return s.segment; });
      return parts.length > 1 ? parts.join(" ") : null;
    }

    function find(pf, query) {
      var split = words(query);
      var searches = [split ? pf.search(split) : null, pf.search(query)];
      return Promise.all(searches).then(function (found) {
        var seen = {}, merged = [];
        found.forEach(function (f) {
          (f ? f.results : []).forEach(function (r) { if (!seen[r.id]) { seen[r.id] = true; merged.push(r); } });
        });
        return { results: merged };
      });
    }

    function run(query) {
      var ticket = ++current;
      list.textContent = "";
      shown = 0;
      more.hidden = true;
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = "正在搜索…";
      load().then(function (pf) { return find(pf, query); }).then(function (found) {
        if (ticket !== current) return;
        results = found.results;
        status.textContent = results.length ? "找到 " + results.length + " 条与「" + query + "」相关的内容"
          : "没有找到与「" + query + "」相关的内容，请换一个词或少输入几个字。";
        return showMore();
      }).catch(function () {
        status.textContent = "搜索暂时无法使用，请稍后再试。";
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(input.value); }, 250);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
    more.addEventListener("click", showMore);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; run(query); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startSearch);
  else startSearch();
})();
