/*
 * thidua search worker: Material's own search worker (lunr) runs inside this one, which adds
 * what Vietnamese readers need. See docs/SEARCH.md.
 *
 * - Folding. Every word is indexed twice: with its tone mark in one canonical place (NFC, lower
 *   case: "hòa" and "hoà" both give "hoà"; "thúy" and "thuý" give "thuý") and folded ("nguoi",
 *   "dong": no marks, đ as d). A query word typed without marks matches the folded form;
 *   typed with marks it asks for its canonical form (boosted) or its folded form, so exact matches
 *   rank first and the others still come. Queries are NFC-normalised, whatever the keyboard sends.
 * - Recipients. Honor-roll lines are not in the index: a name is looked up in the honor-roll
 *   finder's shards (vinh-danh/du-lieu/), a few of which are fetched per query, and each matching
 *   line is shown under its decision, linked to its anchor.
 *
 * Material talks to its worker with messages {type, data}: SETUP (0) with the index, READY (1),
 * QUERY (2) with the query string, RESULT (3) with {items: [[SearchItem]], suggest}. This worker
 * rewrites QUERY before Material's handler sees it and RESULT before the page does.
 * theme/partials/search.html makes the page start this file with Material's worker URL after "#".
 */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;
  var EXACT_BOOST = 10;       // canonical (as typed) form of a query word, over its folded form
  var MAX_SHARDS = 2;         // finder shards fetched for one query (500 lines, ~200 KB each)
  var MAX_LINES = 50;         // recipient lines shown for one query
  var TONE = /[\u0300\u0301\u0303\u0309\u0323]/;       // huyền, sắc, ngã, hỏi, nặng
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  var MARKS = /\p{Mn}/gu;
  var NAME_WORD = /[\p{L}\p{N}]+/gu;

  var material = decodeURIComponent(self.location.hash.slice(1));
  var root = new URL("../../", self.location.href).href;   // this file is assets/javascripts/
  if (!material) throw new Error("thidua search: Material's worker URL is missing");

  // --- Folding (the same as thidua.text.fold in Python)

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  /** The tone mark in one place: old-style "hòa, khỏe, thủy" become new-style "hoà, khoẻ, thuỷ". */
  function canonical(word) {
    var decomposed = word.normalize("NFD");
    var tone = TONE.exec(decomposed);
    if (!tone) return word.normalize("NFC");
    var base = decomposed.replace(TONES, "");
    // The two styles differ only in open syllables ending in oa, oe, uy: the tone goes on the last letter.
    if (/(oa|oe|uy)$/.test(base)) return (base + tone[0]).normalize("NFC");
    return word.normalize("NFC");
  }

  var known = new Map();  // a language of a few thousand syllables: fold each once
  function forms(word) {
    var found = known.get(word);
    if (!found) {
      var exact = word.normalize("NFC").toLowerCase();
      found = { typed: exact, canonical: canonical(exact), folded: fold(exact) };
      if (known.size < 100000) known.set(word, found);
    }
    return found;
  }

  /**
   * lunr pipeline function: each token in its canonical form and, if different, folded, at the same
   * position. Queries ask for these two forms only, so the form as written needs no entry of its own.
   */
  function expand(token) {
    var word = token.toString();
    var f = forms(word);
    var out = [f.canonical === word ? token : token.clone(function () { return f.canonical; })];
    if (f.folded && f.folded !== f.canonical) out.push(token.clone(function () { return f.folded; }));
    return out;
  }

  // --- Load Material's worker, keeping hold of its message handler

  var nativeImport = self.importScripts.bind(self);
  var nativePost = self.postMessage.bind(self);
  var nativeListen = self.addEventListener.bind(self);
  var handlers = [];

  // Material loads its language files from "../lunr/", relative to its own URL, not ours.
  self.importScripts = function () {
    var urls = Array.prototype.map.call(arguments, function (url) { return new URL(url, material).href; });
    return nativeImport.apply(null, urls);
  };
  self.addEventListener = function (type, listener, options) {
    if (type === "message") handlers.push(listener);
    else nativeListen(type, listener, options);
  };
  var outbox = null;  // Material's answers go here, not straight to the page
  self.postMessage = function (message) {
    if (outbox) outbox(message); else nativePost(message);
  };
  self.importScripts(material);
  self.addEventListener = nativeListen;

  var lunr = self.lunr;
  lunr.Pipeline.registerFunction(expand, "thidua-fold");
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.thiduaFold) {
      this.thiduaFold = true;
      this.pipeline.add(expand);
      // Query words come folded already; lunr's default English stemmer would only mangle them ("thuy").
      this.searchPipeline.reset();
    }
    return add.call(this, doc, attributes);
  };
  // A word matched in two forms ("hòa" and "hoa") reports its position twice; Material would then
  // insert two <mark>s at one place and break the markup. Keep each position once per field.
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var results = query.call(this, fn);
    results.forEach(function (result) {
      var seen = {};
      var metadata = result.matchData.metadata;
      Object.keys(metadata).forEach(function (term) {
        Object.keys(metadata[term]).forEach(function (field) {
          var meta = metadata[term][field];
          if (!meta || !Array.isArray(meta.position)) return;
          var positions = seen[field] || (seen[field] = new Set());
          // A copy: lunr's match data may hold the index's own posting object.
          metadata[term][field] = Object.assign({}, meta, {
            position: meta.position.filter(function (p) {
              var key = String(p);
              if (positions.has(key)) return false;
              positions.add(key);
              return true;
            })
          });
        });
      });
    });
    return results;
  };

  function material$(message) {
    // Material's handler answers each message with exactly one postMessage, in order.
    return new Promise(function (resolve, reject) {
      outbox = function (answer) { outbox = null; resolve(answer); };
      handlers.forEach(function (handler) {
        var done = handler({ data: message });
        if (done && typeof done.catch === "function")
          done.catch(function (err) { if (outbox) { outbox = null; reject(err); } });
      });
    });
  }

  // --- Queries

  var separator = /[\s\-]+/;
  var finder = null;      // URL of the finder's data, or null when the site has no honor roll
  var decisions = "khen-thuong/";

  /** The query for lunr, and the words the reader typed with their forms. */
  function rewrite(query) {
    var words = [];
    var out = [];
    query.normalize("NFC").split('"').forEach(function (part, i) {
      var quoted = i % 2 === 1;
      part.split(/\s+/).forEach(function (piece) {
        if (!piece) return;
        var presence = /^[+-]/.test(piece) ? piece[0] : (quoted ? "+" : "");
        var body = presence && !quoted ? piece.slice(1) : piece;
        if (/[*~^:]/.test(body)) { out.push(presence + body); return; }   // lunr syntax: as typed
        body.split(separator).forEach(function (word) {
          if (!word) return;
          var f = forms(word);
          if (!f.folded) return;
          if (presence !== "-") words.push(f);
          if (presence) out.push(presence + f.folded);
          else if (f.folded === f.typed) out.push(f.folded);
          else out.push(f.canonical + "*^" + EXACT_BOOST, f.folded);
        });
      });
    });
    return { query: out.join(" "), words: words };
  }

  /** Material marks each query clause found or missing; show the words as typed instead of their forms. */
  function retag(terms, words) {
    var out = {};
    words.forEach(function (f) {
      out[f.typed] = !!(terms[f.typed] || terms[f.canonical] || terms[f.folded]);
    });
    return out;
  }

  // --- Recipients, from the finder's shards

  var cache = {};
  function json(url) {
    if (!cache[url])
      cache[url] = fetch(url).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    return cache[url];
  }

  function nameWords(text) {
    return fold(text).match(NAME_WORD) || [];
  }

  function escapeHTML(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /** The name with the words the query matched in <mark>, as Material highlights. */
  function highlight(name, folded) {
    var html = "", last = 0;
    name.replace(NAME_WORD, function (word, at) {
      var hit = folded.some(function (w) { return fold(word).indexOf(w) === 0; });
      html += escapeHTML(name.slice(last, at)) + (hit ? "<mark>" + escapeHTML(word) + "</mark>" : escapeHTML(word));
      last = at + word.length;
      return word;
    });
    return html + escapeHTML(name.slice(last));
  }

  function overlaps(range, lo, hi) {
    return range[0] <= hi && range[1] >= lo;
  }

  /** [{line, score}] for the lines whose name the query matches: its last word begins the given name. */
  function lookup(words) {
    if (!finder || !words.length) return Promise.resolve([]);
    var folded = [];
    words.forEach(function (f) { folded.push.apply(folded, nameWords(f.folded)); });
    if (!folded.length) return Promise.resolve([]);
    var given = folded[folded.length - 1];
    if (folded.length === 1 && given.length < 2) return Promise.resolve([]);
    var lo = given, hi = given + "\uffff";
    return json(finder + "index.json").then(function (index) {
      if (!index || index.v !== 1) return [];
      var dirs = index.t.filter(function (d) { return overlaps(d, lo, hi); });
      return Promise.all(dirs.map(function (d) { return json(finder + d[3]); })).then(function (loaded) {
        var shards = [];
        loaded.forEach(function (dir) {
          (dir ? dir.s : []).forEach(function (s) { if (overlaps(s, lo, hi)) shards.push(s[3]); });
        });
        return Promise.all(shards.slice(0, MAX_SHARDS).map(function (s) { return json(finder + s); }));
      }).then(function (shards) {
        var found = [];
        shards.forEach(function (shard) {
          if (!shard) return;
          shard.r.forEach(function (row) {
            var name = nameWords(row[0]);
            if (!name.length || name[name.length - 1].indexOf(given) !== 0) return;
            var rest = name.slice(0, -1);
            var ok = folded.slice(0, -1).every(function (w) {
              return rest.some(function (n) { return n.indexOf(w) === 0; });
            });
            if (!ok) return;
            found.push({ index: index, shard: shard, row: row, score: score(words, row[0], name, folded) });
          });
        });
        found.sort(function (a, b) { return b.score - a.score || a.row[0].localeCompare(b.row[0], "vi"); });
        return found.slice(0, MAX_LINES);
      });
    });
  }

  /** 1 for a match; more when the whole name was typed, and for each word typed with its exact marks. */
  function score(words, name, nameFolded, folded) {
    var written = (name.normalize("NFC").toLowerCase().match(NAME_WORD) || []).map(canonical);
    var exact = 0;
    words.forEach(function (f) {
      if (f.folded === f.typed) return;
      if (written.some(function (w) { return w.indexOf(f.canonical) === 0; })) exact += 1;
    });
    return 1 + (folded.length === nameFolded.length ? 1 : 0) + exact / (words.length + 1);
  }

  /** Result items for recipient lines, grouped by decision page as Material groups sections by page. */
  function lineGroups(found, words, top) {
    var groups = new Map();
    var folded = [];
    words.forEach(function (f) { folded.push.apply(folded, nameWords(f.folded)); });
    var terms = {};
    words.forEach(function (f) { terms[f.typed] = true; });
    found.forEach(function (hit) {
      var f = hit.index.f, row = hit.row, d = hit.shard.d[row[4]];
      var page = decisions + d[0] + "/";
      var form = (f.form[d[3]] || [])[1] || "";
      var kind = (f.kind[row[1]] || [])[1] || "";
      var heading = d[1] ? "Quyết định số " + d[1] : "Quyết định khen thưởng";
      var date = d[2] ? d[2].split("-").reverse().join("/") : "";
      var score = top * (hit.score >= 2 ? 1.5 : 0.6) * (1 + hit.score / 10);
      if (!groups.has(page))
        groups.set(page, [{
          location: page, title: escapeHTML(heading + " — " + d[5]), text: escapeHTML(form),
          score: 0, terms: terms
        }]);
      groups.get(page).push({
        location: page + "#" + row[5],
        title: highlight(row[0], folded),
        text: escapeHTML([kind, row[2], form, heading + (date ? " ngày " + date : "")]
          .filter(Boolean).join(" · ")),
        score: score, terms: terms
      });
    });
    return groups;
  }

  function best(group) {
    return group.reduce(function (m, item) { return Math.max(m, item.score); }, 0);
  }

  function answer(query, rewritten, result) {
    var items = (result.data.items || []).map(function (group) {
      return group.map(function (item) {
        item.terms = retag(item.terms || {}, rewritten.words);
        return item;
      });
    });
    var last = rewritten.words.length ? rewritten.words[rewritten.words.length - 1].typed : "";
    if (result.data.suggest)
      result.data.suggest = result.data.suggest.filter(function (t) { return last && t.indexOf(last) === 0; });
    return lookup(rewritten.words).then(function (found) {
      if (found.length) {
        var top = items.reduce(function (m, g) { return Math.max(m, best(g)); }, 0) || 1;
        var byPage = new Map(items.map(function (g) {
          var article = g.find(function (i) { return i.location.indexOf("#") < 0; }) || g[0];
          return [article.location.split("#")[0], g];
        }));
        lineGroups(found, rewritten.words, top).forEach(function (lines, page) {
          var group = byPage.get(page);
          if (group) group.push.apply(group, lines.slice(1));
          else items.push(lines);
        });
        items.forEach(function (g) { g.sort(function (a, b) { return b.score - a.score; }); });
        items.sort(function (a, b) { return best(b) - best(a); });
      }
      result.data.items = items;
      return result;
    }, function () {
      result.data.items = items;
      return result;
    });
  }

  // --- Messages: one at a time, in order, so a slow shard never shows an older query's results

  var queue = Promise.resolve();
  nativeListen("message", function (ev) {
    var message = ev.data;
    queue = queue.then(function () {
      if (message && message.type === SETUP) {
        var config = message.data.config || {};
        if (config.separator) separator = new RegExp(config.separator);
        var ours = config.thidua || {};
        finder = ours.finder ? new URL(ours.finder, root).href : null;
        if (ours.decisions) decisions = ours.decisions;
        return material$(message).then(nativePost);
      }
      if (message && message.type === QUERY) {
        var rewritten = rewrite(String(message.data || ""));
        return material$({ type: QUERY, data: rewritten.query }).then(function (result) {
          if (!result || result.type !== RESULT) return nativePost(result);
          return answer(message.data, rewritten, result).then(nativePost);
        });
      }
      return material$(message).then(nativePost);
    }).catch(function (err) {
      console.warn("thidua search:", err);
      nativePost({ type: RESULT, data: { items: [] } });
    });
  });
})();
