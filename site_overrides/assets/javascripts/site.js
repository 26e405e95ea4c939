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

/* Site search: Pagefind's chunked index, loaded only on the search page; ?q= starts a search. */
(function () {
  "use strict";
  function startSearch() {
    var holder = document.querySelector("[data-search-ui]");
    if (!holder || typeof window.PagefindUI === "undefined") return;
    var bundles = holder.getAttribute("data-bundles").trim().split(/\s+/);
    var ui = new window.PagefindUI({
      element: "#" + holder.id,
      bundlePath: bundles[0],
      mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      translations: { placeholder: "输入关键词，例如机构名称或违法行为", zero_results: "没有找到与「[SEARCH_TERM]」相关的内容" }
    });
    // A visible label for the search field (the widget only gives it a title).
    var label = document.querySelector("label[for=tp-search-input]");
    var tries = 0;
    (function labelInput() {
      var input = holder.querySelector("input");
      if (input) { input.id = "tp-search-input"; if (label) label.hidden = false; }
      else if (tries++ < 50) window.setTimeout(labelInput, 20);
    })();
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startSearch);
  else startSearch();
})();
