/* thidua: run before Material's bundle (theme/main.html puts it just before): when Material starts
   its search worker (lunr), the page starts ours instead (search-worker.js, beside this file), which
   answers from the Pagefind index the build writes (pagefind/). Also
   - passes on a query that arrives without a key press (paste, autofill, a phone's suggestion):
     Material reads the box on key release only;
   - shows the filters of the results (kind, year, province) with their counts, and the number of
     results, in Vietnamese, under the box; on a site whose index is split per province, with no
     province chosen, that the records of a province are searched by choosing it (docs/SEARCH.md).
   A file of its own, not inline: every page would carry its 8 KB, and a phone fetches it once. */
(function (Native, ours) {
  if (typeof Native !== "function" || Native.thidua) return;
  var NAMES = { loai: "Loại", nam: "Năm", tinh: "Tỉnh, thành phố" };
  var current = null, state = null;
  function Worker(url, options) {
    var href = String(url);
    var mine = /\/workers\/search\.[\w.]*js$/.test(href.split(/[?#]/)[0]);
    if (mine) href = ours;
    var worker = new Native(href, options);
    if (mine) {
      current = worker;
      worker.addEventListener("message", function (event) {
        var message = event.data || {};
        if (message.type === 3 && message.data && message.data.thidua) show(message.data.thidua);
      });
    }
    return worker;
  }
  Worker.prototype = Native.prototype;
  Worker.thidua = true;
  window.Worker = Worker;

  function count(n) { return n.toLocaleString("vi-VN"); }
  var words = null;  /* the site's own wording (theme/partials/languages/), as Material reads it: read once */
  function t(key, fallback) {
    if (words === null) {
      try { words = JSON.parse(document.getElementById("__config").textContent).translations || {}; }
      catch (e) { words = {}; }
    }
    return words[key] || fallback;
  }
  function summary(info) {
    if (info.error) return "Chưa tải được chỉ mục tìm kiếm; hãy thử lại.";
    if (!info.total) return t("search.result.none", "Không tìm thấy tài liệu liên quan");
    var text = info.total === 1 ? t("search.result.one", "1 tài liệu liên quan")
      : t("search.result.other", "# tài liệu liên quan").replace("#", count(info.total));
    if (info.shown < info.total) text += " (hiển thị " + count(info.shown) + " kết quả phù hợp nhất; chọn bộ lọc để thu hẹp)";
    // a word typed that no result holds: they answer the other words only (search-worker.js, `missing`)
    var missing = info.missing || [];
    if (missing.length) {
      text = "Không có kết quả nào chứa " + missing.map(function (w) { return "“" + w + "”"; }).join(", ")
        + ": các kết quả dưới đây chỉ khớp với các từ còn lại. " + text;
    }
    return text;
  }
  /* Material writes its own count (of the results shown) into the meta line after each answer. */
  function meta() {
    var line = document.querySelector(".md-search-result__meta");
    if (!line || line.thidua) return line;
    line.thidua = true;
    new MutationObserver(function () {
      var box = document.querySelector(".md-search__input");
      if (state && box && box.value.trim() && state.query === box.value && line.textContent !== state.summary)
        line.textContent = state.summary;
    }).observe(line, { childList: true, characterData: true, subtree: true });
    return line;
  }
  function show(info) {
    state = { query: info.query, summary: summary(info) };
    var line = meta();
    if (line && info.query.trim()) line.textContent = state.summary;
    var result = document.querySelector(".md-search-result");
    if (!result) return;
    var bar = result.querySelector(".td-search-filters");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "td-search-filters";
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", "Lọc kết quả tìm kiếm");
      // On a phone the filters (400 px of buttons) fold behind "Lọc kết quả", so that the first
      // results show above the keyboard; open on a wide screen. Kept from query to query.
      var fold = document.createElement("details");
      fold.className = "td-search-filters__fold";
      var wide = window.matchMedia("(min-width: 60em)");
      fold.open = wide.matches;
      wide.addEventListener("change", function (event) { if (event.matches) fold.open = true; });  // no summary there
      fold.appendChild(document.createElement("summary"));
      bar.appendChild(fold);
      result.insertBefore(bar, result.querySelector(".md-search-result__list"));
    }
    var fold = bar.querySelector(".td-search-filters__fold");
    Array.prototype.slice.call(bar.children).forEach(function (child) { if (child !== fold) bar.removeChild(child); });
    Array.prototype.slice.call(fold.children).forEach(function (child) { if (child.tagName !== "SUMMARY") fold.removeChild(child); });
    var active = info.active || {}, any = false;
    var chosen = Object.keys(active).filter(function (k) { return (active[k] || []).length; }).length;
    // the reader's own fold stays as they left it from query to query (a chosen filter was chosen in it, open)
    fold.querySelector("summary").textContent = chosen ? "Lọc kết quả (đã chọn " + chosen + ")" : "Lọc kết quả";
    Object.keys(NAMES).forEach(function (key) {
      var counts = (info.filters || {})[key] || {};
      // the national bundle only: every province stays offered, to search its records
      var every = key === "tinh" && info.national;
      var values = Object.keys(counts).filter(function (v) { return every || counts[v] || (active[key] || []).indexOf(v) >= 0; });
      if (values.length < 2 && !(active[key] || []).length) return;
      values.sort(key === "nam" ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return counts[b] - counts[a] || a.localeCompare(b, "vi"); });
      var set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = NAMES[key] + ":";
      set.appendChild(legend);
      values.forEach(function (value) {
        var on = (active[key] || []).indexOf(value) >= 0;
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.dataset.filter = key;
        button.dataset.value = value;
        button.textContent = value + " (" + count(counts[value] || 0) + ")";
        button.addEventListener("click", function () {
          var next = {};
          Object.keys(active).forEach(function (k) { next[k] = active[k].slice(); });
          next[key] = on ? [] : [value];
          if (!next[key].length) delete next[key];
          if (current) current.postMessage({ type: "thidua-filter", data: next });
        });
        set.appendChild(button);
      });
      fold.appendChild(set);
      any = true;
    });
    if (info.national) {
      var scope = document.createElement("p");
      scope.className = "td-search-scope";
      scope.textContent = "Đang tìm cơ quan, phong trào, hình thức khen thưởng và văn bản chung trên cả nước. "
        + "Chọn một tỉnh, thành phố để tìm kế hoạch, quyết định khen thưởng và gương điển hình của tỉnh, thành phố đó.";
      bar.appendChild(scope);
      any = true;
    }
    bar.hidden = !any || !info.query.trim();
    // which query (and province) the list shows, once Material (listening after us) has rendered it
    setTimeout(function () {
      result.setAttribute("data-td-scope", (active.tinh || []).join("|"));
      result.setAttribute("data-td-query", info.query);
    }, 0);
  }

  /* A query that arrives without a key press: Material listens for key release only. */
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches(".md-search__input") && !event.isComposing)
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }, true);
})(window.Worker, new URL("search-worker.js", document.currentScript.src).href);

/* Material 9 fetches "sitemap.xml" beside every <link rel="alternate"> of the page, for its language
   selector (squidfunk/mkdocs-material#8576): beside a record's JSON and the feeds, where there is none,
   one or two 404s on every page a reader opens. It looks once, at DOMContentLoaded, in a listener
   added after this script's: the links it has no use for (no hreflang) are hidden from it until it
   has looked, and put back as written. Feed readers and crawlers read the HTML, which is unchanged.
   With Material's instant navigation (not on: mkdocs.yml) it would look again on every page shown,
   without this script running again. */
(function () {
  var links = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate]:not([hreflang])"));
  if (!links.length || document.readyState !== "loading") return;
  links.forEach(function (link) { link.setAttribute("rel", "alternate-after-material"); });
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () { links.forEach(function (link) { link.setAttribute("rel", "alternate"); }); }, 0);
  }, { once: true });
})();
