/*
 * thidua search worker: answers Material's search box from the Pagefind index (pagefind/), with
 * Vietnamese folding and a reader's ranking. See docs/SEARCH.md.
 *
 * assets/javascripts/search-hook.js (loaded by theme/main.html) makes the page start this file
 * instead of Material's lunr worker.
 * Material talks to it with messages {type, data}: SETUP (0), READY (1), QUERY (2) with the query
 * string, RESULT (3) with {items: [[article, ...sections]], suggest}; the page's script adds
 * {type: "thidua-filter", data: {key: [values]}} and reads RESULT's `thidua` (counts, filters).
 *
 * - Words. The index holds every word folded (no diacritics, đ as d) and closed with "z"
 *   (mkdocs_plugin/pagefind_index.py): a query word is sent closed, so "ho" matches hộ, hồ, họ
 *   and not hòa or hội; only the last word, while it is still typed (no space after it), is sent
 *   open and matches as a prefix. Folding here is character by character, as in Python
 *   (thidua.search.index_words, index_tokens), so word n of a page's text here is Pagefind's location n.
 * - Ranking. Pagefind returns the pages holding every word, ranked by its score (weights: title,
 *   then number, issuer and signer, then headings, then text). The first LOADED are re-ranked
 *   here on their text: every word in one section, a phrase typed in order, words typed with
 *   diacritics matching exactly (tone-mark placement aside), and the kind's boost. A result's
 *   text, in its original spelling, is a file of its own (pagefind/t/, named in its metadata),
 *   fetched for the LOADED results only.
 * - Bundles. A large site's index is split (pagefind_index.py): with no province chosen the
 *   national bundle is searched (the pages of no province, and authorities), with a province
 *   chosen in the filters the bundle of that province (its pages). Each scope is one Pagefind
 *   instance: the empty index in pagefind/ with the bundles merged into it, so the engine is
 *   fetched once. A site of one bundle searches pagefind/ itself.
 * - Nothing is loaded before the box is used: the engine starts at the first query (focus).
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, FILTER = "thidua-filter";
  var LOADED = 20;        // results whose text is fetched, re-ranked and shown
  var PROMOTED = 3;       // and the best of the pages of the highest boost (campaigns, authorities)
  var PRERANK = 20000;    // results pre-ranked on word positions alone (no text fetched): all of them
  var SECTIONS = 3;       // sections shown under a page; more go under Material's "more" toggle
  var EXCERPT = 26;       // words around the matches in an excerpt
  var CLOSE = "z";        // see pagefind_index.CLOSE
  var RUNS_UP_TO = 4;     // parts of a word whose runs count (text.RUNS_UP_TO)
  var TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  var MARKS = /\p{M}/gu;

  var root = new URL("../../", self.location.href).href;   // this file is assets/javascripts/
  var base = root + "pagefind/";
  var OPTIONS = {
    excerptLength: 0,
    // long plans and decisions are not less relevant for being long
    ranking: { pageLength: 0.1, termSimilarity: 2.0, termSaturation: 0.6 }
  };
  var engine = null;      // Pagefind's module and bundles.json
  var scopes = {};        // bundle names -> a Pagefind instance searching them
  var filters = {};
  var lastQuery = "";
  var seq = 0;

  function start() {
    if (!engine) {
      engine = Promise.all([
        import(base + "pagefind.js"),
        fetch(base + "bundles.json", { cache: "no-cache" }).then(function (r) {
          if (!r.ok) throw new Error("bundles.json: " + r.status);
          return r.json();
        })
      ]).then(function (both) { return { pagefind: both[0], bundles: both[1] }; });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /** The bundles a query searches: those of the province chosen, else the default (national). */
  function bundlesFor(bundles, chosenFilters) {
    var chosen = {};
    (chosenFilters.tinh || []).forEach(function (province) {
      (bundles.tinh[province] || []).forEach(function (name) { chosen[name] = true; });
    });
    var names = Object.keys(chosen).sort();
    return names.length ? names : bundles["default"];
  }

  /** The Pagefind instance for the filters chosen, and whether it is the national bundle of a split index. */
  function scope(e, chosenFilters) {
    var names = bundlesFor(e.bundles, chosenFilters), key = names.join(" ");
    if (!scopes[key]) {
      var one = e.pagefind.createInstance({ basePath: base });
      scopes[key] = one.options(OPTIONS).then(function () {
        return names.reduce(function (done, name) {  // one after the other: results merge in this order
          return done.then(function () { return one.mergeIndex(base + name + "/", OPTIONS); });
        }, Promise.resolve());
      }).then(function () { return one.init(); })
        // the filter lists (kind, year, province): loaded once, then every answer counts them
        .then(function () { return one.filters(); }).then(function () { return one; });
      scopes[key].catch(function () { delete scopes[key]; });
    }
    var national = e.bundles["default"].length > 0 && !(chosenFilters.tinh || []).length;
    return scopes[key].then(function (pagefind) { return { pagefind: pagefind, national: national }; });
  }

  /** A result's original text, block by block: the text file its metadata `t` names
   * (pagefind_index.text_file; one folder beside every bundle). */
  function original(data) {
    if (!data.meta.t) return Promise.resolve([]);
    return fetch(base + "t/" + data.meta.t + ".json.gz").then(function (r) {
      if (!r.ok) throw new Error("t/" + data.meta.t + ": " + r.status);
      return r.arrayBuffer();
    }).then(unpack);
  }

  /** A text file's blocks from its bytes: gzip, unless the server sent it decompressed already
   * (one that marks .gz files Content-Encoding: gzip). */
  function unpack(buffer) {
    var bytes = new Uint8Array(buffer);
    var plain = bytes[0] === 0x1f && bytes[1] === 0x8b
      ? new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
      : Promise.resolve(buffer);
    return plain.then(function (raw) { return JSON.parse(new TextDecoder().decode(raw)); });
  }

  // --- Folding: one character at a time, as thidua.search.index_words and index_tokens do

  var folded = new Map();
  var APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4";  // as thidua.text.APOSTROPHES
  var APOSTROPHE = new RegExp("[" + APOSTROPHES + "]", "g");
  function foldChar(c) {
    var f = folded.get(c);
    if (f === undefined) {
      if (APOSTROPHES.indexOf(c) >= 0) f = "'";
      else {
        var b = c === "đ" || c === "Đ" ? "d" : c.normalize("NFD").replace(MARKS, "").toLowerCase();
        f = /^[a-z0-9]$/.test(b) ? b : "";
      }
      folded.set(c, f);
    }
    return f;
  }

  /** The words of `text` (NFC): [{t: folded, s: start, e: end}] with offsets into `text`; a word
   * joined at an apostrophe between two letters ("H'Luih": t "hluih") also has its parts, each the
   * same (p: [{t: "h", ...}, {t: "luih", ...}]), then each run of two or more parts short of the
   * whole ("Y'Bơ'Nga": "ybo", "bonga"), as thidua.search.index_tokens indexes it (text.joined).
   * Any other apostrophe separates words. */
  function scan(text) {
    var out = [], word = "", start = -1, i = 0, parts = null, from = 0, partStart = -1, last = "";
    function end(at) {
      if (start >= 0) {
        var w = { t: word, s: start, e: at };
        if (parts) {
          parts.push({ t: word.slice(from), s: partStart, e: at });
          var n = parts.length <= RUNS_UP_TO ? parts.length : 0;  // as text.RUNS_UP_TO
          for (var a = 0; a < n; a++) for (var b = a + 2; b <= n && b - a < n; b++) {
            parts.push({ t: parts.slice(a, b).map(function (part) { return part.t; }).join(""), s: parts[a].s, e: parts[b - 1].e });
          }
          w.p = parts;
        }
        out.push(w);
      }
      word = ""; start = -1; parts = null; from = 0;
    }
    while (i < text.length) {
      var c = String.fromCodePoint(text.codePointAt(i));
      var f = foldChar(c);
      if (f === "'") {
        var after = i + c.length < text.length ? foldChar(String.fromCodePoint(text.codePointAt(i + c.length))) : "";
        if (start >= 0 && /^[a-z]$/.test(last) && /^[a-z]$/.test(after)) {
          var partFrom = parts ? partStart : start;
          (parts || (parts = [])).push({ t: word.slice(from), s: partFrom, e: i });
          from = word.length;
          partStart = i + c.length;
        } else end(i);
      } else if (f) {
        if (start < 0) start = i;
        word += f;
      } else end(i);
      last = f;
      i += c.length;
    }
    end(i);
    return out;
  }

  /** The tone mark in one place: old-style "hòa, khỏe, thủy" read as new-style "hoà, khoẻ, thuỷ". */
  function canonical(word) {
    word = word.replace(APOSTROPHE, "");  // "Y'Blông" typed is "Y’Blông" written
    var decomposed = word.normalize("NFD");
    var tone = TONE.exec(decomposed);
    if (!tone) return word.normalize("NFC");
    var bare = decomposed.replace(TONES, "");
    if (/(oa|oe|uy)$/.test(bare)) return (bare + tone[0]).normalize("NFC");
    return word.normalize("NFC");
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // --- The query

  function parse(query) {
    var text = query.normalize("NFC");
    var open = !/\s$/.test(text);  // the last word is still being typed
    var words = scan(text).map(function (w, i, all) {
      var typed = text.slice(w.s, w.e).toLowerCase();
      return { t: w.t, typed: typed, shown: text.slice(w.s, w.e), exact: canonical(typed),
               marked: typed.replace(APOSTROPHE, "") !== w.t, open: open && i === all.length - 1 };
    });
    return {
      text: text, words: words,
      pagefind: words.map(function (w) { return w.open ? w.t : w.t + CLOSE; }).join(" ")
    };
  }

  function matches(token, w) {
    return w.open ? token.lastIndexOf(w.t, 0) === 0 : token === w.t;
  }

  /** What of page word `pw` answers query word `w`: the word, or (joined at an apostrophe) one of its
   * parts, as {t, s, e}; null if nothing does. */
  function answers(pw, w) {
    if (matches(pw.t, w)) return pw;
    if (pw.p !== undefined) for (var k = 0; k < pw.p.length; k++) if (matches(pw.p[k].t, w)) return pw.p[k];
    return null;
  }

  /** The query word a page word answers first (its index), or -1. */
  function which(pw, words) {
    for (var i = 0; i < words.length; i++) if (answers(pw, words[i])) return i;
    return -1;
  }

  /** Longest run of consecutive positions in a sorted list: a phrase, before the words are known. */
  function run(positions) {
    var best = positions.length ? 1 : 0, length = 1;
    for (var i = 1; i < positions.length; i++) {
      length = positions[i] === positions[i - 1] + 1 ? length + 1 : 1;
      if (length > best) best = length;
    }
    return best;
  }

  // --- A page's text, word for word as Pagefind counted it

  function layout(blocks) {
    var words = [], spans = [];  // spans: {kind, anchor, text, from, to, section}
    function add(kind, text, anchor, section) {
      text = text || "";
      var found = scan(text), from = words.length;
      found.forEach(function (w) { w.span = spans.length; words.push(w); });
      spans.push({ kind: kind, text: text, anchor: anchor, from: from, to: words.length, section: section });
    }
    add("title", blocks[0]);
    add("head", blocks[1]);
    for (var i = 2; i < blocks.length; i++) {
      add("heading", blocks[i][1], blocks[i][0], i);
      add("text", blocks[i][2], blocks[i][0], i);
    }
    return { words: words, spans: spans };
  }

  /** How well a set of locations answers the query: every word, in order, as typed. */
  function assess(locations, page, q) {
    // at: location -> the first query word it answers; upto: the last of the query words after that
    // one it answers too ("h luih": two query words, one page word, H'Luih)
    var n = q.words.length, found = new Array(n), exact = 0, marked = 0, at = {}, upto = {};
    locations.forEach(function (loc) {
      var w = page.words[loc];
      if (!w) return;
      q.words.forEach(function (qw, i) {
        var form = answers(w, qw);
        if (!form) return;
        if (!(loc in at)) at[loc] = upto[loc] = i;
        else if (i === upto[loc] + 1) upto[loc] = i;
        if (!found[i]) found[i] = { whole: false, exact: false };
        if (form.t === qw.t) found[i].whole = true;
        if (qw.marked && canonical(page.spans[w.span].text.slice(form.s, form.e).toLowerCase()) === qw.exact)
          found[i].exact = true;
      });
    });
    var covered = 0, whole = 0, phrase = 0;
    for (var i = 0; i < n; i++) {
      if (q.words[i].marked) marked++;
      if (!found[i]) continue;
      covered++;
      if (found[i].whole) whole++;
      if (found[i].exact) exact++;
    }
    Object.keys(at).forEach(function (key) {  // the longest run of query words, in order, on consecutive words
      var loc = +key, length = upto[loc] - at[loc] + 1;
      for (var next = loc + 1; at[next] === upto[next - 1] + 1; next++) length += upto[next] - at[next] + 1;
      if (length > phrase) phrase = length;
    });
    var score = Math.pow(covered / n, 2)
      * (1 + 2 * (n > 1 ? (phrase - 1) / (n - 1) : 0))
      * (1 + (marked ? exact / marked : 0))
      * (1 + 0.25 * whole / n);
    return { score: score, at: at, covered: covered };
  }

  // The matched words as the page writes them ("bản", not the "ban" typed), for Material's ?h=: its
  // highlighter on the page compares letters exactly, so "ban" marked "Ủy ban" and never "bản thân".
  // None found (a page without its text file): the words as typed, as before.
  function spelled(page, at, q) {
    var out = {}, any = false;
    Object.keys(at).forEach(function (loc) {
      var w = page.words[+loc];
      if (w) { out[page.spans[w.span].text.slice(w.s, w.e)] = true; any = true; }
    });
    if (!any) q.words.forEach(function (w) { out[w.typed] = true; });
    return out;
  }

  function highlight(span, page, at, limit) {
    var words = page.words, text = span.text;
    if (span.to <= span.from) return escapeHtml(text);
    var from = span.from, to = span.to;
    if (limit && to - from > limit) {  // the window of `limit` words with the most matches
      var best = from, bestCount = -1;
      for (var start = from; start <= to - limit; start++) {
        var count = 0;
        for (var k = start; k < start + limit; k++) if (k in at) count++;
        if (count > bestCount) { best = start; bestCount = count; }
        if (count === 0 && bestCount > 0) break;
      }
      from = Math.max(span.from, best - 2);
      to = Math.min(span.to, from + limit);
    }
    var out = from > span.from ? "… " : "";
    var cursor = from > span.from ? words[from].s : 0;
    for (var i = from; i < to; i++) {
      var w = words[i];
      out += escapeHtml(text.slice(cursor, w.s));
      out += i in at ? "<mark>" + escapeHtml(text.slice(w.s, w.e)) + "</mark>" : escapeHtml(text.slice(w.s, w.e));
      cursor = w.e;
    }
    out += to < span.to ? escapeHtml(text.slice(cursor, words[to].s)).replace(/\s*$/, "") + " …"
      : escapeHtml(text.slice(cursor));
    return out;
  }

  /** Every word of the page the query matches (not only those Pagefind ranked): for highlighting. */
  function marks(page, q) {
    var at = {};
    page.words.forEach(function (w, i) { var k = which(w, q.words); if (k >= 0) at[i] = k; });
    return at;
  }

  function describe(meta) {
    var parts = [meta.k, meta.n, meta.a, meta.y].filter(Boolean).map(escapeHtml);
    if (meta.s) parts.push('<span class="td-search-sample">Dữ liệu mẫu</span>');
    return parts.length ? '<br><small class="td-search-about">' + parts.join(" · ") + "</small>" : "";
  }

  // --- One query

  function search(query) {
    var id = ++seq;
    lastQuery = query;
    var q = parse(query), chosen = filters;
    if (!q.words.length) {
      // the box has focus: load the engine and index now
      start().then(function (e) { return scope(e, chosen); }).catch(function () {});
      return Promise.resolve(answer(id, q, [], null, null, chosen));
    }
    var last = q.words[q.words.length - 1], where = null;
    return start().then(function (e) { return scope(e, chosen); }).then(function (s) {
      where = s;
      // Pagefind 1.5 looks a prefix up in the chunk where the prefix itself would sort; its
      // completions ("khen" -> "khenz") may start the next chunk, whose pages it then finds
      // without their positions or scores. Loading the chunk where the completions end fixes it.
      return (last.open ? s.pagefind.preload(last.t + "zzzz") : Promise.resolve()).then(function () {
        return s.pagefind.search(q.pagefind, { filters: chosen });
      }).then(function (found) {
        // A campaign's or an authority's page names what the reader typed, but hundreds of decisions
        // name it too, in their title and campaign: on Pagefind's score alone it was never among the
        // LOADED ("vi nguoi ngheo" showed 20 decisions). The best pages of the highest boost (the
        // "uu" filter, pagefind_index.py) are asked for apart and always loaded, then ranked with the rest.
        // the boosts among this query's results (with the chosen filters), highest first
        var counts = (found.filters || {}).uu || {};
        var tiers = Object.keys(counts).filter(function (t) { return counts[t] > 0; })
          .sort(function (a, b) { return parseFloat(b) - parseFloat(a); });
        if (!found.results.length || !tiers.length || parseFloat(tiers[0]) <= 1) return { found: found, promoted: [] };
        var only = Object.assign({}, chosen, { uu: tiers[0] });
        return s.pagefind.search(q.pagefind, { filters: only }).then(function (best) {
          return { found: found, promoted: best.results.slice(0, PROMOTED) };
        });
      });
    }).then(function (asked) {
      if (id !== seq) return null;
      var found = asked.found;
      var top = found.results.length ? found.results[0].score : 1;
      // before fetching any text: a phrase shows as consecutive positions
      var prerank = function (r, i) {
        var n = q.words.length, phrase = Math.min(run(r.words), n);
        return { r: r, pre: (r.score / top) * (1 + (n > 1 ? 2 * (phrase - 1) / (n - 1) : 0)) - i * 1e-9 };
      };
      var first = found.results.slice(0, PRERANK).map(prerank)
        .sort(function (a, b) { return b.pre - a.pre; }).slice(0, LOADED);
      var taken = {};
      first.forEach(function (x) { taken[x.r.id] = true; });
      asked.promoted.forEach(function (r, i) { if (!taken[r.id]) first.push(prerank(r, i)); });
      return Promise.all(first.map(function (x) {
        return x.r.data().then(function (data) {
          return original(data).then(function (blocks) { return { r: x.r, pre: x.pre, data: data, blocks: blocks }; });
        });
      })).then(function (loaded) {
        if (id !== seq) return null;
        return answer(id, q, loaded, found, where, chosen);
      });
    }).catch(function (error) {
      if (id !== seq) return null;
      self.postMessage({ type: RESULT, data: { items: [], suggest: [], thidua: { query: query, error: String(error) } } });
      return null;
    });
  }

  /** The words typed that no result holds. Pagefind answers a word found nowhere in its index with
   * the longest word of the index it begins with, if any (a metadata word: those are not closed,
   * "3150qđ" is answered by "3150"), else leaves it out and answers the others ("y blong": a
   * thousand pages of "Y tế"). Every result holds every word it kept, so a word that no loaded
   * result holds, in its text or its metadata, nor begins with a metadata word of theirs, was left
   * out. The first result settles most queries. */
  function missing(q, loaded) {
    var held = q.words.map(function () { return false; }), left = q.words.length;
    function look(words, begins) {
      for (var i = 0; i < words.length && left; i++) {
        for (var k = 0; k < q.words.length; k++) {
          if (held[k]) continue;
          if (answers(words[i], q.words[k]) || (begins && q.words[k].t.lastIndexOf(words[i].t, 0) === 0)) {
            held[k] = true;
            left--;
          }
        }
      }
    }
    for (var n = 0; n < loaded.length && left; n++) {
      var meta = loaded[n].data.meta || {};
      ["title", "k", "n", "a", "y", "f"].forEach(function (key) { if (meta[key]) look(scan(meta[key]), true); });
      look(loaded[n].page.words, false);  // laid out by `item`, which `answer` ran first
    }
    var named = {};
    return q.words.filter(function (w, k) { return !held[k] && !named[w.typed] && (named[w.typed] = true); })
      .map(function (w) { return w.shown; });
  }

  function answer(id, q, loaded, found, where, chosen) {
    var ranked = loaded.map(function (x) { return item(x, q); }).filter(Boolean);
    ranked.sort(function (a, b) { return b.score - a.score; });
    var data = {
      items: ranked.map(function (x) { return x.docs; }), suggest: [],
      thidua: {
        query: lastQuery, total: found ? found.results.length : 0, shown: ranked.length,
        // at national scale without a province, only the national bundle is searched: a word may be in a province's
        missing: where && where.national ? [] : missing(q, loaded),
        unfiltered: found ? found.unfilteredResultCount : 0,
        filters: found ? found.filters : {}, totals: found ? found.totalFilters : {}, active: chosen,
        // the national bundle only: the page says so, and that choosing a province searches its records
        national: !!(where && where.national)
      }
    };
    if (id === seq) self.postMessage({ type: RESULT, data: data });
    return data;
  }

  function item(x, q) {
    var data = x.data, meta = data.meta, page = x.page = layout(x.blocks);  // x.page: for `missing` too
    var location = data.url.replace(/^\//, "");
    var boost = meta.b ? parseFloat(meta.b) : 1;
    var at = marks(page, q);
    var groups = (data.sub_results || []).map(function (sub) {
      var anchor = sub.anchor && sub.anchor.id;
      return { anchor: anchor || "", url: sub.url.replace(/^\//, ""), judged: assess(sub.locations || [], page, q) };
    });
    var whole = assess(x.r.words, page, q);
    var best = groups.reduce(function (m, g) { return Math.max(m, g.judged.score); }, 0);
    // what names the page (title; number, issuer, signer) over what it says
    var named = function (span) {
      var judged = assess(x.r.words.filter(function (loc) { return loc >= span.from && loc < span.to; }), page, q);
      return judged.covered === q.words.length ? judged.score : 0;
    };
    var score = x.pre * Math.max(best * 1.5, whole.score) * boost * (1 + 2 * named(page.spans[0]) + named(page.spans[1]));
    var sections = groups.filter(function (g) { return g.anchor && g.judged.covered; });
    sections.sort(function (a, b) { return b.judged.score - a.judged.score; });
    var title = page.spans[0];
    var headline = highlight(title, page, at) + describe(meta);
    var pageLevel = groups.filter(function (g) { return !g.anchor; })[0];
    var lead = page.spans.filter(function (s) { return s.kind !== "title" && s.to > s.from && !s.anchor; })
      .filter(function (s) { for (var k = s.from; k < s.to; k++) if (k in at) return true; return false; })[0]
      || page.spans[1];
    // the page's words to mark: those of the section holding every word typed, if one does and the
    // title and head do not (a phrase in a plan marked "ban" all over "Ủy ban", not "bản thân")
    var into = !named(page.spans[0]) && !named(page.spans[1]) && sections.length &&
      sections[0].judged.covered === q.words.length ? sections[0] : null;
    var docs = [{
      location: location, title: headline, score: score, terms: spelled(page, into ? into.judged.at : whole.at, q),
      text: lead && lead.to > lead.from ? "<p>" + highlight(lead, page, at, EXCERPT) + "</p>" : ""
    }];
    sections.slice(0, 12).forEach(function (g, i) {
      var heading = page.spans.filter(function (s) { return s.kind === "heading" && s.anchor === g.anchor; })[0];
      var body = page.spans.filter(function (s) { return s.kind === "text" && s.anchor === g.anchor; })[0];
      var name = heading && heading.to > heading.from ? highlight(heading, page, at, EXCERPT) : "";
      var text = body && body.to > body.from ? highlight(body, page, at, EXCERPT) : "";
      if (!name) { name = text; text = ""; }
      if (meta.f) text = escapeHtml(meta.f) + (text ? " · " + text : "");
      docs.push({
        location: g.url, title: name, text: text ? "<p>" + text + "</p>" : "", terms: spelled(page, g.judged.at, q),
        // shown under the page when among the best and as good as the page's best; the rest "more"
        score: i < SECTIONS && g.judged.score >= best * 0.5 ? score : score * 0.5
      });
    });
    if (pageLevel && pageLevel.judged.score >= best * 0.999) docs.slice(1).forEach(function (d) { d.score = score * 0.5; });
    return { score: score, docs: docs };
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      search(String(message.data || ""));
    } else if (message.type === FILTER) {
      filters = message.data || {};
      search(lastQuery);
    }
  });
})();
