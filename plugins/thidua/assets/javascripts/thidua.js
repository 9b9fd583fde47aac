/* thidua: long lists show PAGE rows at a time, a button for the next (a province's 300 documents
   were 70,000 px on a phone, a page of an honor roll's 500 lines 68,000 px): an index's rows that its
   filters keep (form.td-filters), a campaign's documents and an honor roll's lines ([data-td-paged],
   its value naming what a row counts). A part of the list ([data-td-part]: a year with its heading,
   a decision with its own) that shows no row is hidden with its rows; a link to something not shown
   yet shows the rows down to it. Works on static HTML; without JavaScript every row stays visible. */
(function () {
  var PAGE = 50;
  function vi(n) { return n.toLocaleString("vi-VN"); }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  // target: what holds the rows; selects: the filters (none for a plain list); count: where the
  // number kept is written, if anywhere; noun: what a row counts
  function setup(target, selects, count, noun) {
    var rows = all(target, "tbody tr"), parts = all(target, "[data-td-part]");
    var limit = PAGE;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button td-more-rows";
    target.parentNode.insertBefore(more, target.nextSibling);
    function kept(row) {
      return selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.name) === s.value; });
    }
    function apply() {
      var matched = 0, shown = 0;
      rows.forEach(function (row) {
        var ok = kept(row);
        var visible = ok && matched < limit;
        if (ok) matched++;
        row.hidden = !visible;
        if (visible) shown++;
      });
      parts.forEach(function (part) { part.hidden = !part.querySelector("tbody tr:not([hidden])"); });
      if (count) count.textContent = vi(matched) + " / " + vi(rows.length) + " " + noun;
      var left = matched - shown;
      more.hidden = left <= 0;
      more.textContent = "Xem thêm " + vi(Math.min(PAGE, left)) + " " + noun + " (còn " + vi(left) + ")";
    }
    // a link to a row, or to a heading above rows, not shown yet: the rows down to it
    function reach() {
      var id = decodeURIComponent(location.hash.slice(1));
      var element = id && document.getElementById(id);
      if (!element || !target.contains(element)) return;
      var at = -1, index = 0;
      for (var i = 0; i < rows.length && at < 0; i++) {
        if (!kept(rows[i])) continue;
        if (rows[i].contains(element) || element.compareDocumentPosition(rows[i]) & Node.DOCUMENT_POSITION_FOLLOWING) at = index;
        index++;
      }
      if (at >= limit) {
        limit = (Math.floor(at / PAGE) + 1) * PAGE;
        apply();
        element.scrollIntoView();
      }
    }
    selects.forEach(function (s) { s.addEventListener("change", function () { limit = PAGE; apply(); }); });
    more.addEventListener("click", function () { limit += PAGE; apply(); });
    window.addEventListener("hashchange", reach);
    // printed, every row a filter keeps: paper has no button
    window.addEventListener("beforeprint", function () {
      var was = limit;
      limit = Infinity;
      apply();
      window.addEventListener("afterprint", function () { limit = was; apply(); }, { once: true });
    });
    apply();
    reach();
  }
  function once(element) {
    if (element.getAttribute("data-ready")) return false;
    element.setAttribute("data-ready", "1");
    return true;
  }
  function init() {
    all(document, "form.td-filters[data-filter-target]").forEach(function (form) {
      var target = document.getElementById(form.getAttribute("data-filter-target"));
      if (!target || !once(form)) return;
      setup(target, all(form, "select"), form.querySelector(".td-filter-count"), "văn bản");
      form.hidden = false;
    });
    all(document, "[data-td-paged]").forEach(function (list) {
      if (once(list)) setup(list, [], null, list.getAttribute("data-td-paged") || "văn bản");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

/* thidua: a plan's text folds by section (details.td-fold), a campaign's tree by branch (details.td-branch).
   A link into a folded section opens it, and printing opens them all: the printed page is whole.
   Arriving from a search result (?h=, Material marks the words), the longest mark (the phrase,
   which Material marks whole) is shown the same way: a result's page link lands at the top, and
   the phrase searched for sat in a closed fold 5,000 px below. */
(function () {
  // open every fold around `element`; whether one was closed
  function openAround(element) {
    var opened = false;
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    return opened;
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var opened = openAround(target);
    var own = target && target.querySelector(":scope > details.td-fold");  // a section's own fold
    if (own && !own.open) { own.open = true; opened = true; }
    if (opened) target.scrollIntoView();
  }
  var tries = 0;
  function showMarked() {
    if (location.hash || !/[?&]h=/.test(location.search)) return;
    var marks = document.querySelectorAll("article mark[data-md-highlight]");
    if (!marks.length) {
      if (++tries < 40) setTimeout(showMarked, 50);  // Material marks them once its bundle has run
      return;
    }
    var best = Array.prototype.reduce.call(marks, function (a, m) {
      return m.textContent.length > a.textContent.length ? m : a;
    });
    if (openAround(best)) best.scrollIntoView({ block: "center" });  // else in sight already
  }
  function arrive() { reveal(); tries = 0; showMarked(); }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:is(.td-fold, .td-branch)"), function (d) { d.open = true; });
  });
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
