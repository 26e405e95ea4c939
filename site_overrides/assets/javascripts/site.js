/* How each list is marked (the same as the verdict_badge template macro): class and symbol. */
var tpBadges = { "白名单": ["tp-white", "✔"], "黑名单": ["tp-black", "✖"], "未列入": ["tp-none", "–"] };

// The address keeps what the visitor asked (?q=…&list=…&type=…), so Back, reload and shared links keep it.
function tpRemember(values) {
  if (!window.history.replaceState) return;
  var params = new URLSearchParams(window.location.search);
  Object.keys(values).forEach(function (key) {
    if (values[key]) params.set(key, values[key]); else params.delete(key);
  });
  var text = params.toString();
  var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
  if (url !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.replaceState(window.history.state, "", url);
  }
}

/* The record index (generator/recordindex.py): a chunked character-pair index of every published record.
   A query downloads the index's table of contents, one small shard per pair of characters it contains, and the
   titles of the results it shows. Must agree with normalise, terms, shard_of and encode in recordindex.py. */
var tpRecords = (function () {
  "use strict";
  var DROP = /[^0-9a-z\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var REFINE = 32;  // results ranked by their titles when a query finds at most this many
  var MAX_TERMS = 16;  // a long pasted query looks up this many pairs, spread over it (its title check stays whole)

  function normalise(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(DROP, "");
  }

  function terms(word) {
    var out = [];
    for (var i = 0; i + 1 < word.length; i++) {
      var t = word.slice(i, i + 2);
      if (out.indexOf(t) === -1) out.push(t);
    }
    return out;
  }

  function shardOf(term, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193) >>> 0;
    return h % shards;
  }

  function decode(text) {
    var values = [], prev = -1;
    (text || "").split(",").forEach(function (token) {
      if (!token) return;
      var parts = token.split("*"), gap = parseInt(parts[0], 36), count = parts[1] ? parseInt(parts[1], 36) : 1;
      for (var i = 0; i < count; i++) { prev += gap; values.push(prev); }
    });
    return values;
  }

  function spread(ws) {
    var all = [];
    ws.forEach(function (w) { terms(w).forEach(function (t) { if (all.indexOf(t) === -1) all.push(t); }); });
    if (all.length <= MAX_TERMS) return all;
    var picked = [];
    for (var i = 0; i < MAX_TERMS; i++) picked.push(all[Math.round(i * (all.length - 1) / (MAX_TERMS - 1))]);
    return picked.filter(function (t, k) { return picked.indexOf(t) === k; });
  }

  function words(query) {
    return String(query || "").split(/\s+/).map(normalise).filter(function (w) { return w.length >= 2; });
  }

  function open(base) {
    var files = {}, manifest = null;

    function get(path, json, revalidate) {
      if (!files[path]) {
        files[path] = fetch(new URL(path, base).href, revalidate ? { cache: "no-cache" } : {}).then(function (r) {
          if (!r.ok) throw new Error(path + ": " + r.status);
          return json ? r.json() : r.text();
        });
      }
      return files[path];
    }

    function load() {
      // Revalidated every visit: after the daily rebuild it names the new index parts.
      if (!manifest) manifest = get("index.json", true, true);
      return manifest;
    }

    function postings(m, term) {
      if (Object.prototype.hasOwnProperty.call(m.big, term)) return get(m.id + "/b/" + m.big[term] + ".txt").then(decode);
      return get(m.id + "/s/" + shardOf(term, m.shards) + ".txt").then(function (text) {
        var start = text.indexOf(term + "\t");
        while (start > 0 && text.charAt(start - 1) !== "\n") start = text.indexOf(term + "\t", start + 1);
        if (start === -1) return [];
        var end = text.indexOf("\n", start);
        return decode(text.slice(start + term.length + 1, end === -1 ? undefined : end));
      });
    }

    // Record numbers holding every term, with how many of the terms are in the record's title.
    function intersect(m, list, scores) {
      return Promise.all(list.map(function (t) { return postings(m, t); })).then(function (all) {
        all.forEach(function (values) {
          var found = {};
          values.forEach(function (v) { found[v >> 1] = v & 1; });
          if (scores === null) { scores = found; return; }
          var next = {};
          Object.keys(scores).forEach(function (d) { if (d in found) next[d] = scores[d] + found[d]; });
          scores = next;
        });
        return scores;
      });
    }

    function cellsOf(m, id) {
      var cells = m.cells || {}, found = [];
      Object.keys(m.sections).forEach(function (name) {
        var range = m.sections[name];
        if (id >= range[0] && id < range[1]) found = cells[name] || [];
      });
      return found;
    }

    function doc(id) {
      return load().then(function (m) {
        return get(m.id + "/d/" + Math.floor(id / m.chunk) + ".json", true).then(function (chunk) {
          var d = chunk[id % m.chunk], c = d[4] || null, line = d[3], specs = c ? cellsOf(m, id) : [];
          // A section's cells are laid out as the manifest says (label, prefix, class): no dataset is known here.
          if (c) line = c.map(function (t, i) { return t ? ((specs[i] || {}).prefix || "") + t : ""; })
            .filter(Boolean).join(" · ");
          return { id: id, url: new URL(d[0], new URL("../", base)).pathname, title: d[1], tag: d[2], line: line,
                   cells: c, specs: specs };
        });
      });
    }

    // opts.section: only records of that section; opts.facets: only records with all of these values.
    // Resolves to {ids: record numbers best first, short: true when the query has no two characters together}.
    // A page left open over the daily rebuild asks for index parts that are gone: reload the index once.
    function search(query, opts) {
      return find(query, opts).catch(function () {
        manifest = null;
        files = {};
        return find(query, opts);
      });
    }

    function find(query, opts) {
      opts = opts || {};
      var ws = words(query);
      var wanted = spread(ws);
      var facets = (opts.facets || []).filter(Boolean).map(function (f) { return "#" + f; });
      if (!wanted.length && !opts.section) return Promise.resolve({ ids: [], short: true });
      return load().then(function (m) {
        var range = (opts.section && m.sections[opts.section]) || [0, m.records];
        if (opts.section && !m.sections[opts.section]) range = [0, 0];
        var rare = wanted.filter(function (t) { return !(t in m.big); });
        var common = wanted.filter(function (t) { return t in m.big; });
        common.sort(function (a, b) { return m.big[a] - m.big[b]; });  // numbered from the smallest list
        // Very common pairs (培训, 教育, 20 ...) are long lists: fetched only while the rarer ones leave many
        // records, two at a time, smallest first.
        var first = rare.length ? rare : common.slice(0, 2), rest = rare.length ? common : common.slice(2);
        first = first.concat(facets);
        var used = rare.length ? rare.length : Math.min(common.length, 2);
        function narrow(scores) {
          if (scores === null || !rest.length || Object.keys(scores).length <= REFINE) return Promise.resolve(scores);
          var next = rest.slice(0, 2);
          rest = rest.slice(2);
          used += next.length;
          return intersect(m, next, scores).then(narrow);
        }
        var step = first.length ? intersect(m, first, null).then(narrow) : Promise.resolve(null);
        return step.then(function (scores) {
          var whole = ws.length ? used : 0, ids = [];  // a record with this many pairs in its title: all of them
          if (scores === null) {
            for (var i = range[0]; i < range[1]; i++) ids.push(i);
            return { ids: ids };
          }
          Object.keys(scores).forEach(function (d) { d = +d; if (d >= range[0] && d < range[1]) ids.push(d); });
          ids.sort(function (a, b) { return (scores[b] >= whole) - (scores[a] >= whole) || a - b; });
          if (!ws.length || ids.length > REFINE) return { ids: ids };
          // Few results: rank those whose title holds the query as typed first, then those whose line does.
          return Promise.all(ids.map(doc)).then(function (docs) {
            function rank(d) {
              var title = normalise(d.title), all = title + normalise(d.line);
              if (ws.every(function (w) { return title.indexOf(w) !== -1; })) return 0;
              return ws.every(function (w) { return all.indexOf(w) !== -1; }) ? 1 : 2;
            }
            var ranks = {};
            docs.forEach(function (d) { ranks[d.id] = rank(d); });
            return { ids: ids.slice().sort(function (a, b) { return ranks[a] - ranks[b] || ids.indexOf(a) - ids.indexOf(b); }) };
          });
        });
      });
    }

    // Near names of a query among a section's records (tpNear): each of the query's characters and pairs costs
    // one index part, the names shown one chunk each. Resolves to docs, best first (none when nothing is near).
    function near(query, words, section) {
      var q = tpNear.query(query, words);
      if (!q.searchable) return Promise.resolve([]);
      return load().then(function (m) {
        var range = m.sections[section || "institutions"];
        if (!range) return [];
        var all = q.chars.concat(q.pairs);
        return Promise.all(all.map(function (t) { return postings(m, t); })).then(function (lists) {
          var holding = {};
          lists.forEach(function (values, k) {
            var set = {}, count = 0;
            values.forEach(function (v) {
              var d = v >> 1;
              if ((v & 1) && d >= range[0] && d < range[1]) { set[d] = true; count += 1; }
            });
            holding[all[k]] = { set: set, count: count };
          });
          var candidates = {};
          q.chars.forEach(function (c) { Object.keys(holding[c].set).forEach(function (d) { candidates[d] = true; }); });
          var scores = {}, total = range[1] - range[0];
          Object.keys(candidates).forEach(function (d) {
            if (q.strong.filter(function (c) { return holding[c].set[d]; }).length < 2 &&
                !q.doubled.some(function (p) { return holding[p].set[d]; })) return;
            var score = 0;
            all.forEach(function (t) { if (holding[t].set[d]) score += tpNear.weight(holding[t].count, total); });
            scores[d] = tpNear.scaled(score);
          });
          return Promise.all(tpNear.cut(scores).map(doc));
        });
      });
    }

    return { search: search, doc: doc, load: load, near: near };
  }

  return { open: open, normalise: normalise, terms: terms, shardOf: shardOf, decode: decode, spread: spread };
})();

/* Near names (generator/render/nearnames.py): which institutions a mistyped or half-remembered name may mean.
   Must agree with pieces, Query.of, rank and cut there. `words`: the page's data-near (places, kinds, categories). */
var tpNear = (function () {
  "use strict";
  var SHOWN = 5, MAX_CHARS = 16;
  var CODES = /[0-9a-z]*[0-9][0-9a-z]*/g;

  function cutter(list) {
    var ordered = list.filter(Boolean).slice().sort(function (a, b) { return b.length - a.length; });
    if (!ordered.length) return null;
    return new RegExp(ordered.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
  }

  function pieces(text, re) {
    var norm = String(text || "").split(/\s+/).map(tpRecords.normalise).join(" ").replace(CODES, " ");
    if (re) norm = norm.replace(re, " ");
    return norm.split(" ").filter(Boolean);
  }

  function chars(parts) {
    var out = [];
    parts.forEach(function (p) { for (var i = 0; i < p.length; i++) if (out.indexOf(p[i]) === -1) out.push(p[i]); });
    return out;
  }

  function pairs(parts) {
    var out = [];
    parts.forEach(function (p) { tpRecords.terms(p).forEach(function (t) { if (out.indexOf(t) === -1) out.push(t); }); });
    return out;
  }

  // The words as regular expressions, made once per page.
  function compile(words) {
    if (words.dropped === undefined) {
      words.dropped = cutter((words.places || []).concat(words.kinds || []));
      words.weak = cutter((words.places || []).concat(words.kinds || [], words.categories || []));
    }
    return words;
  }

  function query(text, words) {
    compile(words);
    var compared = chars(pieces(text, words.dropped)).slice(0, MAX_CHARS);
    var strong = chars(pieces(text, words.weak)).filter(function (c) { return compared.indexOf(c) !== -1; });
    var paired = pairs(pieces(text, words.dropped)).slice(0, MAX_CHARS);
    // a doubled strong character (贝贝) matches by its pair: a name's own part may be only that
    var doubled = paired.filter(function (p) { return p[0] === p[1] && strong.indexOf(p[0]) !== -1; });
    return { chars: compared, pairs: paired, strong: strong, doubled: doubled,
             searchable: strong.length >= 2 || doubled.length > 0 };
  }

  // A name as the index holds it: its characters without place and kind words, and all its pairs.
  function name(text, words) {
    compile(words);
    return { chars: chars(pieces(text, words.dropped)), pairs: tpRecords.terms(tpRecords.normalise(text)) };
  }

  function weight(holding, names) { return Math.log(1 + names / holding); }
  function scaled(score) { return Math.floor(score * 1e6 + 0.5); }

  // Keys of `scores` best first (ties in record order), at least half as good as the best, SHOWN at most.
  function cut(scores) {
    var ids = Object.keys(scores).map(Number), best = 0;
    ids.forEach(function (d) { best = Math.max(best, scores[d]); });
    return ids.filter(function (d) { return scores[d] * 2 >= best; })
      .sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, SHOWN);
  }

  // Small lists: `names` are every name of the page, in record order; returns their positions, best first.
  function rank(text, words, names) {
    var q = query(text, words);
    if (!q.searchable || !names.length) return [];
    var held = names.map(function (n) { return name(n, words); });
    var all = q.chars.concat(q.pairs), df = {};
    all.forEach(function (t) {
      df[t] = held.filter(function (h) { return (t.length === 1 ? h.chars : h.pairs).indexOf(t) !== -1; }).length;
    });
    var scores = {};
    held.forEach(function (h, i) {
      if (q.strong.filter(function (c) { return h.chars.indexOf(c) !== -1; }).length < 2 &&
          !q.doubled.some(function (p) { return h.pairs.indexOf(p) !== -1; })) return;
      var score = 0;
      all.forEach(function (t) {
        if ((t.length === 1 ? h.chars : h.pairs).indexOf(t) !== -1) score += weight(df[t], names.length);
      });
      scores[i] = scaled(score);
    });
    return cut(scores);
  }

  // Whether a query reads as an institution's name (it holds a kind word: 培训, 学校, 中心 ...).
  function looksLikeName(text, words) {
    var key = tpRecords.normalise(text);
    return (words.kinds || []).some(function (k) { return k && key.indexOf(k) !== -1; });
  }

  // Fill a 「您要找的是不是」 box: items are {url, title, tag, note}; returns whether anything is shown.
  function show(box, items) {
    var list = box.querySelector("ul");
    list.textContent = "";
    items.forEach(function (it) {
      var li = document.createElement("li"), link = document.createElement("a");
      link.href = it.url;
      link.textContent = it.title;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(tpBadge(it.tag));
      if (it.note) {
        var why = document.createElement("span");
        why.className = "tp-why";
        why.textContent = it.note;
        li.appendChild(why);
      }
      list.appendChild(li);
    });
    box.hidden = !items.length;
    return items.length > 0;
  }

  function words(form) {
    try { return JSON.parse(form.getAttribute("data-near") || "{}"); } catch (e) { return {}; }
  }

  return { query: query, name: name, rank: rank, cut: cut, weight: weight, scaled: scaled, pieces: pieces,
           looksLikeName: looksLikeName, show: show, words: words, compile: compile };
})();

function tpBadge(tag) {
  var look = tpBadges[tag] || tpBadges["未列入"];
  var badge = document.createElement("span"), mark = document.createElement("span");
  badge.className = "tp-badge " + look[0];
  mark.setAttribute("aria-hidden", "true");
  mark.textContent = look[1];
  badge.appendChild(mark);
  badge.appendChild(document.createTextNode(" " + (tpBadges[tag] ? tag : "未列入")));
  return badge;
}

/* Progressive enhancements: the institution lookup filter and the year filter. Pages work without them. */
(function () {
  "use strict";

  // As site search does: full-width to half-width (NFKC), case and punctuation ignored; words split on spaces.
  function queryWords(text) {
    return String(text || "").split(/\s+/).map(tpRecords.normalise).filter(Boolean);
  }

  function emptyText(query, list, type, near) {
    if (query && near) {  // a close name is shown: never say the institution is not on the list
      return "没有找到名称或代码含「" + query.trim() + "」的" + (list || type ? "、符合所选条件的" : "") +
        "机构。下面是名称相近的机构，请核对是否是您要找的；如果都不是，请检查有无错别字，或向教育局核实。";
    }
    if (query) {
      return "没有找到名称或代码含「" + query.trim() + "」的" + (list || type ? "、符合所选条件的" : "") +
        "机构。请检查有无错别字，或少输入几个字再试；统一社会信用代码请输入完整的 18 位。" +
        (list || type ? "也可以把名单和类别改选“全部”再查。" : "") +
        "找不到的机构不在本县公开名单中，报名前请向教育局核实。";
    }
    return "本县公开名单中没有" + (type ? type : "") + (list ? (type ? "、" : "") + "列为“" + list + "”的" : "") +
      "机构。请把名单或类别改选“全部”查看其他机构。";
  }

  function checked(form, name) {
    var box = form.querySelector("input[name=" + name + "]:checked");
    return box ? box.value : "";
  }

  // Small lists: the page carries every institution; filter its rows as the visitor types.
  function setupLookupTable(form, table, input, count, empty, near) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var keys = rows.map(function (row) { return tpRecords.normalise(row.getAttribute("data-search")); });
    var nearWords = tpNear.words(form);
    var names = rows.map(function (row) { return row.cells[0].textContent; });

    // Nothing found: the page's closest names, whatever the filters (their badges say which list they are on).
    function nearRows(query) {
      return tpNear.rank(query, nearWords, names).map(function (i) {
        var link = rows[i].cells[0].querySelector("a"), why = rows[i].querySelector(".tp-why");
        return { url: link.href, title: link.textContent, tag: rows[i].getAttribute("data-list"),
                 note: why ? why.textContent : "" };
      });
    }

    function apply() {
      var words = queryWords(input.value);
      var list = checked(form, "list");
      var type = checked(form, "type");
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return keys[i].indexOf(w) !== -1; }) &&
          (!list || row.getAttribute("data-list") === list) &&
          (!type || row.getAttribute("data-type") === type);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = words.length || list || type;
      var close = shown === 0 && words.length && tpNear.show(near, nearRows(input.value));
      if (!close) near.hidden = true;
      count.textContent = filtered ? "找到 " + shown + " 家机构" : "共 " + rows.length + " 家机构";
      empty.textContent = emptyText(words.length ? input.value : "", list, type, close);
      empty.hidden = shown !== 0;
    }
    return apply;
  }


  // A cell's column name as real text before its value (shown on phones only), as generator/render/cards.py
  // labels the page's own rows: copied text and screen readers read 「名单：黑名单」, not a bare value.
  function labelled(td, label) {
    if (!label) return td;
    var span = document.createElement("span");
    span.className = "tp-label";
    span.setAttribute("data-pagefind-ignore", "");
    span.textContent = label + "：";
    td.insertBefore(span, td.firstChild);
    return td;
  }

  function cell(text, label, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    return labelled(td, label);
  }

  function institutionRow(d) {
    var tr = document.createElement("tr");
    var c = d.cells || [], specs = d.specs || [];
    tr.setAttribute("data-list", d.tag);
    var name = document.createElement("td"), link = document.createElement("a");
    link.href = d.url;
    link.textContent = d.title;
    name.appendChild(link);
    labelled(name, "机构名称");
    var list = document.createElement("td");
    list.appendChild(tpBadge(d.tag));
    if (c[0]) { var why = document.createElement("span"); why.className = "tp-why"; why.textContent = c[0]; list.appendChild(why); }
    labelled(list, "名单");
    tr.appendChild(name);
    tr.appendChild(list);
    for (var i = 1; i < specs.length; i++) tr.appendChild(cell(c[i] || "", specs[i].label, specs[i]["class"]));
    return tr;
  }

  // Large lists: look names and codes up in the record index; show the matches a page at a time.
  function setupLookupIndex(form, table, input, count, empty, near) {
    var records = tpRecords.open(new URL(form.getAttribute("data-lookup-index"), window.location.href).href);
    var nearWords = tpNear.words(form);
    var body = table.tBodies[0];
    var more = document.querySelector("[data-lookup-more]");
    var results = document.querySelector("[data-lookup-results]");
    var ids = [], shown = 0, ticket = 0, PAGE = 50;

    function showMore() {
      var mine = ticket, batch = ids.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= ids.length;
      return Promise.all(batch.map(records.doc)).then(function (docs) {
        if (mine !== ticket) return;
        docs.forEach(function (d) { body.appendChild(institutionRow(d)); });
      });
    }

    function apply() {
      var mine = ++ticket, query = input.value, list = checked(form, "list"), type = checked(form, "type");
      var tooShort = query.trim() && !hasWord(query);
      count.textContent = "正在查询…";
      records.search(tooShort ? "" : query, { section: "institutions", facets: [list, type] }).then(function (found) {
        // Nothing found: look for near names before saying anything (whatever the filters).
        var nothing = !tooShort && query.trim() && !found.ids.length;
        return (nothing ? records.near(query, nearWords) : Promise.resolve([])).then(function (docs) {
          return { found: found, docs: docs };
        });
      }).then(function (got) {
        if (mine !== ticket) return;
        body.textContent = "";
        ids = got.found.ids;
        shown = 0;
        results.hidden = ids.length === 0;
        var close = tpNear.show(near, got.docs.map(function (d) {
          return { url: d.url, title: d.title, tag: d.tag, note: (d.cells || [])[0] || "" };
        }));
        var filtered = query.trim() || list || type;
        count.textContent = tooShort ? "请至少输入两个连在一起的字或数字。"
          : (filtered ? "找到 " + ids.length + " 家机构" : "共 " + ids.length + " 家机构");
        empty.textContent = emptyText(query.trim(), list, type, close);
        empty.hidden = tooShort || ids.length !== 0;
        return showMore();
      }).catch(function () {
        if (mine === ticket) count.textContent = "查询暂时无法使用，请稍后再试，或在下方按名单、拼音首字母浏览完整名单。";
      });
    }
    more.addEventListener("click", showMore);
    return apply;
  }

  function hasWord(query) {
    return query.split(/\s+/).some(function (w) { return tpRecords.normalise(w).length >= 2; });
  }

  function setupLookup() {
    var table = document.querySelector("[data-lookup-table]");
    var form = document.querySelector("[data-lookup-form]");
    if (!table || !form) return;
    var input = form.querySelector("input[type=search]");
    var count = document.querySelector("[data-lookup-count]");
    var empty = document.querySelector("[data-lookup-empty]");
    var near = document.querySelector("[data-lookup-near]");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var indexed = form.hasAttribute("data-lookup-index");
    var apply = (indexed ? setupLookupIndex : setupLookupTable)(form, table, input, count, empty, near);
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) input.value = params.get("q");
    ["list", "type"].forEach(function (name) {
      var box = form.querySelector("input[name=" + name + "][value='" + (params.get(name) || "").replace(/'/g, "") + "']");
      if (box) box.checked = true;
    });
    function update() {
      tpRemember({ q: input.value.trim(), list: checked(form, "list"), type: checked(form, "type") });
      apply();
    }
    var timer = null;
    input.addEventListener("input", function () {
      if (!indexed) { update(); return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 200);
    });
    form.addEventListener("change", update);
    apply();
  }

  function setupYears() {
    var nav = document.querySelector("[data-year-filter]");
    var table = document.querySelector("table[data-filterable]");
    if (!nav || !table) return;
    nav.hidden = false;
    var buttons = Array.prototype.slice.call(nav.querySelectorAll("button"));
    function choose(button) {
      var year = button.getAttribute("data-year");
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = Boolean(year) && row.getAttribute("data-year") !== year;
      });
      tpRemember({ year: year });
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { choose(button); });
    });
    var initial = new URLSearchParams(window.location.search).get("year");
    buttons.forEach(function (button) { if (initial && button.getAttribute("data-year") === initial) choose(button); });
  }

  function start() {
    setupLookup();
    setupYears();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Site search: records from the record index first, then the site's own pages from Pagefind. */
(function () {
  "use strict";
  var PAGE = 8;
  var PAGES_CHECKED = 40;  // site pages (not records) a query may match: few, each checked for every word

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
    var records = tpRecords.open(new URL(form.getAttribute("data-index"), window.location.href).href);
    var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;
    var pagefind = null, gone = {}, results = [], shown = 0, current = 0;
    var notice = document.querySelector("[data-search-gone]");
    var near = document.querySelector("[data-search-near]"), nearWords = tpNear.words(form);
    form.hidden = false;

    // Near names when nothing was found, or when the query reads as a name and no institution was found.
    function nearNames(query, found) {
      if (!near || !form.hasAttribute("data-near")) return Promise.resolve([]);
      return records.load().then(function (m) {
        var range = m.sections.institutions || [0, 0];
        var institutions = found[0].ids.some(function (d) { return d >= range[0] && d < range[1]; });
        var nothing = !found[0].ids.length && !found[1].length;
        if (institutions || !(nothing || tpNear.looksLikeName(query, nearWords))) return [];
        return records.near(query, nearWords);
      }).catch(function () { return []; });
    }

    function pages(query) {
      if (!pagefind) {
        pagefind = import(bundle + "pagefind.js").then(function (pf) {
          // Result addresses relative to where the site lives (it may be published under a sub-path).
          return pf.options({ excerptLength: 30, baseUrl: new URL("../", bundle).pathname }).then(function () {
            return pf;
          });
        });
      }
      // Pagefind also returns pages holding only some of the characters: keep those holding every word typed.
      var words = String(query).split(/\s+/).map(tpRecords.normalise).filter(Boolean);
      return pagefind.then(function (pf) { return pf.search(query); }).then(function (found) {
        return Promise.all((found ? found.results : []).slice(0, PAGES_CHECKED).map(function (r) { return r.data(); }));
      }).then(function (datas) {
        return datas.filter(function (p) {
          var text = tpRecords.normalise(((p.meta && p.meta.title) || "") + " " + (p.content || ""));
          return words.every(function (w) { return text.indexOf(w) !== -1; });
        }).map(function (p) {
          return { url: p.url, title: (p.meta && p.meta.title) || p.url, excerpt: p.excerpt };
        });
      }).catch(function () { return []; });  // the records still answer without the page index
    }

    // Decisions whose publicity ended (or that were withdrawn) are no longer searchable; their numbers are.
    function goneNumber(query) {
      var key = tpRecords.normalise(query);
      var digits = key.match(/[0-9]/g);
      if (!digits || key.length < 4) return Promise.resolve(null);
      // One file per last two digits (generator/render/gone.py): a number and its endings share the file.
      var shard = digits.slice(-2).join("");
      if (shard.length < 2) shard = "0" + shard;
      if (!gone[shard]) {
        gone[shard] = fetch(new URL("gone/" + shard + ".json", new URL(form.getAttribute("data-index"), window.location.href)).href,
                            { cache: "no-cache" }).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      }
      return gone[shard].then(function (numbers) {
        if (Object.prototype.hasOwnProperty.call(numbers, key)) return [key].concat(numbers[key]);
        var ends = Object.keys(numbers).filter(function (k) { return k.length > key.length && k.slice(-key.length) === key; });
        return ends.length === 1 && key.length >= 6 ? [ends[0]].concat(numbers[ends[0]]) : null;
      });
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r(); })).then(function (items) {
        items.forEach(function (found) {
          var item = el("li", "tp-result");
          var link = el("a", "tp-result-link", found.title || found.url);
          link.href = found.url;
          item.appendChild(link);
          var excerpt = el("p", "tp-result-excerpt");
          if (found.excerpt !== undefined) {
            excerpt.innerHTML = found.excerpt;  // Pagefind escapes the page text and adds only <mark>
          } else {
            var look = tpBadges[found.tag];
            excerpt.appendChild(el("span", look ? "tp-badge " + look[0] : "tp-result-tag", found.tag));
            excerpt.appendChild(document.createTextNode(" " + found.line));
          }
          item.appendChild(excerpt);
          list.appendChild(item);
        });
      });
    }

    function run(query) {
      var ticket = ++current;
      list.textContent = "";
      shown = 0;
      more.hidden = true;
      notice.hidden = true;
      if (near) near.hidden = true;
      tpRemember({ q: query.trim() });
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = "正在搜索…";
      Promise.all([records.search(query), pages(query)]).then(function (found) {
        // A number no longer public is looked up only when nothing was found: a found query fetches nothing more.
        return Promise.all([found[0].ids.length ? Promise.resolve(null) : goneNumber(query), nearNames(query, found)])
          .then(function (more) { return found.concat(more); });
      }).then(function (found) {
        if (ticket !== current) return;
        var left = found[2];
        if (left && !found[0].ids.length) {
          notice.textContent = "";
          notice.appendChild(document.createTextNode("文号「" + query.trim() + "」的决定" + left[2] + "，本站已不再公开其内容。"));
          var where = el("a", "", "查看说明");
          where.href = new URL(left[1], new URL("../", window.location.href)).pathname;
          notice.appendChild(where);
          notice.hidden = false;
        }
        if (found[0].short) {
          status.textContent = "请至少输入两个连在一起的字或数字，例如机构名称中的两个字。";
          return;
        }
        results = found[0].ids.map(function (id) { return function () { return records.doc(id); }; })
          .concat(found[1].map(function (p) { return function () { return Promise.resolve(p); }; }));
        var close = near && tpNear.show(near, found[3].map(function (d) {
          return { url: d.url, title: d.title, tag: d.tag, note: (d.cells || [])[0] || "" };
        }));
        status.textContent = results.length ? "找到 " + results.length + " 条与「" + query + "」相关的内容"
          : (left && !found[0].ids.length ? "没有找到仍在公示的「" + query + "」。"
             : close ? "没有找到与「" + query + "」完全相符的内容。下面是名称相近的机构，请核对是否是您要找的。"
             : "没有找到与「" + query + "」相关的内容，请检查有无错别字，或少输入几个字再试。");
        return showMore();
      }).catch(function () {
        if (ticket === current) status.textContent = "搜索暂时无法使用，请稍后再试。";
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
