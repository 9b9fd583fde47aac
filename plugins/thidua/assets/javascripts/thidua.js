/* thidua: long lists and long texts on a phone, and the links into them.
   - Long lists show PAGE rows at a time, a button for the next (a province's 300 documents were
     70,000 px on a phone, a page of an honor roll's 500 lines 68,000 px): an index's rows that its
     filters keep (form.td-filters), and any list marked [data-td-paged] (its value naming what a
     row counts: a table's rows, or a list's items): a campaign's decisions and documents, an honor
     roll's lines or decisions, a year's milestones, a year's or a period's documents by level, a
     list of stories.
     A list on a page that holds others ([data-td-first]: a campaign's newest decisions and its
     documents, a plan's or an authority's decisions) shows fewer rows first, so the sections below
     it are in reach; each tap, PAGE more.
     A row not reached yet is marked data-td-later, which only a screen hides (thidua.css): paper
     shows every row a filter keeps. A part of a list ([data-td-part]: a roll's year or award form
     with its heading, a decision with its own, an authority's documents in a level) showing no row
     is marked the same way.
   - "Xem thêm" moves the focus to the first thing it shows: a keyboard or screen reader goes on
     from there (the button itself is hidden after the last rows).
   - A plan's text folds by section (details.td-fold), a campaign's tree by branch (details.td-branch);
     printing opens them all.
   - A link to something not shown (in a fold, past a list's rows) shows it: the rows down to it, the
     folds around it. Arriving from a search result (?h=, Material marks the words; those it left
     unmarked in closed folds are marked here), the longest mark (the phrase, marked whole) is shown
     the same way: a result's page link lands at the top, and the phrase sat in a closed fold
     5,000 px below. Material marks a word of ?h= inside other words too ("h" of "H’Luih" in every
     "Thành", "an" in "Quan"): those marks are undone, only whole words stay marked.
   Works on static HTML; without JavaScript every row and every fold's summary stays. */
(function () {
  var PAGE = 50;
  var lists = [];  // the paged lists of the page: {root, reach(element) -> whether it showed more}
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function vi(n) { return n.toLocaleString("vi-VN"); }

  // root: what holds the rows; selects: the filters (none for a plain list); count: where the
  // number kept is written, if anywhere; noun: what a row counts
  function page(root, selects, count, noun) {
    var first = parseInt(root.getAttribute("data-td-first"), 10) || PAGE;  // rows shown before a tap
    var rows = /^[OU]L$/.test(root.tagName) ? Array.prototype.slice.call(root.children) : all(root, "tbody tr");
    var parts = all(root, "[data-td-part]").map(function (part) {  // each with its own rows
      return { element: part, rows: rows.filter(function (row) { return part.contains(row); }) };
    });
    var limit = first;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button td-more-rows";
    root.parentNode.insertBefore(more, root.nextSibling);
    function kept(row) {
      return selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.name) === s.value; });
    }
    function apply() {
      var matched = 0;
      rows.forEach(function (row) {
        var ok = kept(row);
        row.hidden = !ok;
        row.toggleAttribute("data-td-later", ok && matched >= limit);
        if (ok) matched++;
      });
      parts.forEach(function (part) {
        part.element.hidden = !part.rows.some(function (row) { return !row.hidden; });
        part.element.toggleAttribute("data-td-later", !part.element.hidden && !part.rows.some(function (row) {
          return !row.hidden && !row.hasAttribute("data-td-later");
        }));
      });
      if (count) count.textContent = vi(matched) + " / " + vi(rows.length) + " " + noun;
      var left = matched - Math.min(matched, limit);
      more.hidden = left <= 0;
      more.textContent = "Xem thêm " + vi(Math.min(PAGE, left)) + " " + noun + " (còn " + vi(left) + ")";
    }
    selects.forEach(function (s) { s.addEventListener("change", function () { limit = first; apply(); }); });
    more.addEventListener("click", function () {
      var waiting = function (element) { return !element.hidden && element.hasAttribute("data-td-later"); };
      var next = rows.filter(waiting)[0];
      var part = parts.map(function (p) { return p.element; }).filter(waiting)[0];  // a heading above it
      if (part && next && part.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING) next = part;
      limit += PAGE;
      apply();
      if (next) {
        next.setAttribute("tabindex", "-1");
        next.focus();
      }
    });
    apply();
    lists.push({
      root: root,
      reach: function (element) {  // the rows down to `element` (a row, or a heading above rows)
        var at = -1, index = 0;
        for (var i = 0; i < rows.length && at < 0; i++) {
          if (!kept(rows[i])) continue;
          if (rows[i].contains(element) || element.compareDocumentPosition(rows[i]) & Node.DOCUMENT_POSITION_FOLLOWING) at = index;
          index++;
        }
        if (at < limit) return false;
        limit = first + Math.ceil((at + 1 - first) / PAGE) * PAGE;
        apply();
        return true;
      }
    });
  }

  // open every fold around `element`; whether one was closed
  function openAround(element) {
    var opened = false;
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    return opened;
  }
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }  // "#%E0%A4%A"
    var target = id && document.getElementById(id);
    if (!target) return;
    var shown = false;
    lists.forEach(function (list) { if (list.root.contains(target) && list.reach(target)) shown = true; });
    if (openAround(target)) shown = true;
    var own = target.querySelector(":scope > details.td-fold");  // a section's own fold
    if (own && !own.open) { own.open = true; shown = true; }
    if (shown) target.scrollIntoView();
  }
  // Material marks the words of ?h= only in text it finds laid out (offsetHeight): a closed fold's
  // text is skipped where the browser lays none out (Safari, Firefox), and in Chromium when its pass
  // runs before the first layout (4 of 10 loads at 8x CPU throttling). After its pass, the words it
  // left in folds are marked here, one mark per run of words as Material's are, each a whole word:
  // ?h= holds the page's own words, whole (Material would also mark "an" inside "Quan").
  function markFolded(query) {
    var words = (query.match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu) || [])  // no quotes, no operators
      .sort(function (a, b) { return b.length - a.length; });  // "Nậm" before "N"
    if (!words.length) return;
    var word = "(?:" + words.join("|") + ")";
    var find = new RegExp("(^|[^\\p{L}\\p{N}])(" + word + "(?:\\s+" + word + ")*)(?![\\p{L}\\p{N}])", "giu");
    var texts = [];
    all(document, "article details:not(details details)").forEach(function (fold) {  // a nested fold's text once
      var walk = document.createTreeWalker(fold, NodeFilter.SHOW_TEXT);
      for (var node = walk.nextNode(); node; node = walk.nextNode())
        if (!node.parentElement.closest("mark, script, style, noscript, svg, select, option, textarea")) texts.push(node);
    });
    texts.forEach(function (node) {
      var text = node.textContent, parts = [], at = 0, match;
      find.lastIndex = 0;
      while ((match = find.exec(text))) {
        var from = match.index + match[1].length;
        if (from > at) parts.push(document.createTextNode(text.slice(at, from)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match[2];
        parts.push(mark);
        at = find.lastIndex;
      }
      if (!parts.length) return;
      if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
      node.replaceWith.apply(node, parts);
    });
  }
  // Material's highlight matches a word of ?h= anywhere in a text (its pattern's separator is
  // optional): a mark with a letter or digit just before or after it is part of another word. It
  // also joins marks with only spaces between into one ("Đin[h H]’Luih" of "Đinh H’Luih"): the word
  // at the touching edge is taken out of the mark, the rest stays marked.
  var WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
  // Material matches in the text escaped as HTML (escape-html's five): "39" of ?h= in the "&#39;" of
  // an ASCII apostrophe left "Y&#39;Bơ" on the page, its 39 marked. Such a mark is made the character again.
  var ESCAPED = { "&quot;": "\"", "&amp;": "&", "&#39;": "'", "&lt;": "<", "&gt;": ">" };
  function unescaped(mark) {
    var prev = mark.previousSibling, next = mark.nextSibling;
    if (!prev || !next || prev.nodeType !== Node.TEXT_NODE || next.nodeType !== Node.TEXT_NODE) return false;
    var head = /&#?[a-z0-9]*$/i.exec(prev.data), tail = /^[a-z0-9]*;/i.exec(next.data);
    var character = head && tail ? ESCAPED[(head[0] + mark.textContent + tail[0]).toLowerCase()] : undefined;
    if (character === undefined) return false;
    prev.data = prev.data.slice(0, head.index) + character + next.data.slice(tail[0].length);
    next.remove();
    mark.remove();
    return true;
  }
  function edge(node, last) {
    while (node && node.nodeType === Node.COMMENT_NODE) node = last ? node.previousSibling : node.nextSibling;
    var text = node ? node.textContent : "";
    return last ? text.slice(-1) : text.charAt(0);
  }
  function unmarkParts() {
    var parents = new Set();
    all(document, "article mark[data-md-highlight]").forEach(function (mark) {
      if (unescaped(mark)) return;
      var lead = WORD_CHAR.test(edge(mark.previousSibling, true)), trail = WORD_CHAR.test(edge(mark.nextSibling, false));
      if (!lead && !trail) return;
      var text = mark.textContent, start = 0, end = text.length;
      if (lead) { var space = text.search(/\s/); start = space < 0 ? end : space; }
      if (trail) { var last = /\s\S*$/.exec(text); end = last ? last.index : 0; }
      var kept = start < end ? text.slice(start, end).trim() : "";
      parents.add(mark.parentNode);
      if (!kept) { mark.replaceWith(document.createTextNode(text)); return; }
      var at = text.indexOf(kept, start);
      if (at > 0) mark.before(document.createTextNode(text.slice(0, at)));
      if (at + kept.length < text.length) mark.after(document.createTextNode(text.slice(at + kept.length)));
      mark.textContent = kept;
    });
    parents.forEach(function (parent) { parent.normalize(); });  // its text one node again (once), for the fold marking
  }
  function highlighted() {
    var query = new URLSearchParams(location.search).get("h");
    if (!query) return;
    unmarkParts();
    markFolded(query);
    if (location.hash) return;
    var marks = document.querySelectorAll("article mark[data-md-highlight]");
    if (!marks.length) return;
    var best = Array.prototype.reduce.call(marks, function (a, m) {
      return m.textContent.length > a.textContent.length ? m : a;
    });
    if (openAround(best)) best.scrollIntoView({ block: "center" });  // else in sight already
  }

  function once(element) {
    if (element.getAttribute("data-ready")) return false;
    element.setAttribute("data-ready", "1");
    return true;
  }
  function arrive() {
    lists = lists.filter(function (list) { return document.body.contains(list.root); });  // instant navigation
    all(document, "form.td-filters[data-filter-target]").forEach(function (form) {
      var root = document.getElementById(form.getAttribute("data-filter-target"));
      if (!root || !once(form)) return;
      page(root, all(form, "select"), form.querySelector(".td-filter-count"), "văn bản");
      form.hidden = false;
    });
    all(document, "[data-td-paged]").forEach(function (list) {
      if (once(list)) page(list, [], null, list.getAttribute("data-td-paged"));
    });
    reveal();
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    all(document, "details:is(.td-fold, .td-branch)").forEach(function (d) { d.open = true; });
  });
  // Material's highlight is a component of the page: its pass done, it is emitted ({ref, nodes}),
  // after DOMContentLoaded (when Material mounts components), so never before this script runs.
  if (window.component$ && typeof window.component$.subscribe === "function") {
    window.component$.subscribe(function (component) {
      if (component && component.nodes instanceof Map) highlighted();
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(arrive);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", arrive);
  else arrive();
})();

/* thidua: Material's search panel is a role="dialog" without a name (axe: aria-dialog-name). Named
   here until the search partial (being reworked, issue 13) names it itself. */
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", "Tìm kiếm trên cổng thông tin");
  }
})();
