/* thidua: filters for index tables. Works on static HTML; without JavaScript every row stays visible. */
(function () {
  function setup(form) {
    var target = document.getElementById(form.getAttribute("data-filter-target"));
    if (!target) return;
    var rows = Array.prototype.slice.call(target.querySelectorAll("tbody tr"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".td-filter-count");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.name) === s.value; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + " / " + rows.length + " văn bản";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.hidden = false;
    apply();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.td-filters[data-filter-target]"), function (form) {
      if (form.getAttribute("data-ready")) return;
      form.setAttribute("data-ready", "1");
      setup(form);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
