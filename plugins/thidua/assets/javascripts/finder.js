/* thidua: the honor-roll finder (vinh-danh/). Static files only: it fetches the JSON index written
   by pages/honor.py, then, for a name, the word-index files of its words and only the shards holding
   every word; it shows the matching lines newest first, a page at a time. Names are folded like thidua.text.fold: NFD, no combining marks
   (U+0300-U+036F), đ -> d, lowercase; so "Nguyen Thi Thuy" finds "Nguyễn Thị Thúy" and "Nguyễn Thị Thuý". */
(function () {
  "use strict";
  var PAGE = 50;
  var BATCH = 40;  // shards read before sorting and showing: one batch holds most queries whole
  // batches read in a row while a page is not full: a name's candidates rarely pass it, and a rare
  // filter read over a national roll (3,000 shards) asks before going on
  var BATCHES = 10;
  var PARAMS = ["ten", "hinh-thuc", "nam", "tinh", "co-quan", "doi-tuong", "dip"];

  function fold(text) {
    return String(text).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // words of letters and digits, as thidua.text.folded_words: a word joined at an apostrophe between
  // two letters whole, then its parts, then each run of two or more parts short of the whole
  // ("Y'Bơ'Nga": ybonga, y, bo, nga, ybo, bonga: text.joined), so "hluih", "h'luih", "h luih" and
  // "luih" all find "H'Luih"; any other apostrophe separates words
  var APOSTROPHES = /['\u2019\u02bc\u2018`\u00b4]/g;  // "ʼ" is a letter to \p{L}: each made "'" first
  // joined between two of what is not a decimal digit, as Python's [^\W\d_]: letters, and numbers as "²"
  var JOINED = /[\p{L}\p{N}]+(?:(?<=[\p{L}\p{Nl}\p{No}])'(?=[\p{L}\p{Nl}\p{No}])[\p{L}\p{N}]+)*/gu;
  var RUNS_UP_TO = 4;  // as text.RUNS_UP_TO
  function joined(parts) {
    var n = parts.length, out = n > 1 ? [parts.join("")].concat(parts) : parts.slice();
    if (n > RUNS_UP_TO) return out;
    for (var a = 0; a < n; a++) for (var b = a + 2; b <= n && b - a < n; b++) out.push(parts.slice(a, b).join(""));
    return out;
  }
  function words(text) {
    var out = [];
    (fold(String(text)).replace(APOSTROPHES, "'").match(JOINED) || []).forEach(function (word) {
      out.push.apply(out, joined(word.split("'")));
    });
    return out;
  }
  // Does the range [lo, hi] of words hold a word starting with `prefix`?
  function overlaps(lo, hi, prefix) {
    return hi >= prefix && (lo <= prefix || lo.slice(0, prefix.length) === prefix);
  }
  // a count as Vietnamese writes it (16.826), as the pages do (text.vi_number)
  function count(n) { return Number(n).toLocaleString("vi-VN"); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function Finder(form) {
    this.form = form;
    this.base = new URL(form.getAttribute("data-index"), document.baseURI);
    this.root = new URL(form.getAttribute("data-root"), document.baseURI);
    var scope = form.parentNode;
    this.status = scope.querySelector(".td-finder__status");
    this.list = scope.querySelector(".td-results");
    this.more = scope.querySelector(".td-finder__more");
    this.cache = {};
    this.run = null;
    this.runId = 0;
  }

  Finder.prototype.fetchJson = function (path, fresh) {
    var url = new URL(path, this.base).href;
    if (!this.cache[url]) {
      this.cache[url] = fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.json();
      });
    }
    return this.cache[url];
  };

  Finder.prototype.field = function (name) { return this.form.elements[name]; };

  // aria-busy on the results while a search is pending: for screen readers, and for tests to wait on.
  Finder.prototype.busy = function (on) { this.list.setAttribute("aria-busy", on ? "true" : "false"); };

  Finder.prototype.fill = function (select, rows, value) {
    rows.forEach(function (row) {
      var option = el("option", null, row[1] + " (" + count(row[2]) + ")");
      option.value = String(row[0]);
      select.appendChild(option);
    });
    if (value !== undefined) select.value = value;
  };

  Finder.prototype.start = function () {
    var self = this;
    return this.fetchJson("index.json", true).then(function (index) {
      self.index = index;
      var f = index.f;
      self.fill(self.field("hinh-thuc"), f.form);
      self.fill(self.field("nam"), f.year);
      self.fill(self.field("tinh"), f.prov);
      self.fill(self.field("doi-tuong"), f.kind);
      self.fill(self.field("dip"), f.occ);
      return self.restore();
    }).then(function () {
      var timer = null;
      self.field("ten").addEventListener("input", function () {
        self.busy(true);
        clearTimeout(timer);
        timer = setTimeout(function () { self.search(); }, 200);
      });
      self.form.addEventListener("change", function (event) {
        if (event.target.name === "ten") return;
        self.busy(true);
        if (event.target.name === "tinh") {
          self.loadAuthorities().then(function () { self.search(); });
        } else {
          self.search();
        }
      });
      self.form.addEventListener("submit", function (event) { event.preventDefault(); self.search(); });
      self.form.addEventListener("reset", function () {
        self.busy(true);
        setTimeout(function () { self.loadAuthorities().then(function () { self.search(); }); }, 0);
      });
      self.more.addEventListener("click", function () { self.busy(true); self.showMore(); });
      // Filters fold behind "Bộ lọc" on a phone; open on a wide screen or when the address sets one.
      var box = self.form.querySelector(".td-finder__filterbox");
      var params = new URLSearchParams(location.search);
      if (box && (window.matchMedia("(min-width: 60em)").matches ||
                  PARAMS.some(function (n) { return n !== "ten" && params.get(n); }))) box.open = true;
      self.form.hidden = false;
      self.form.setAttribute("data-ready", "1");
      return self.search();
    }).catch(function (error) {
      self.status.textContent = "Không tải được dữ liệu tra cứu (" + error.message + ").";
      self.busy(false);
    });
  };

  // The deciding authorities of the chosen province, with their line counts there.
  Finder.prototype.loadAuthorities = function (value) {
    var self = this;
    var select = this.field("co-quan");
    var province = this.index.f.prov[this.field("tinh").selectedIndex - 1];
    select.length = 0;
    if (!province) {
      select.appendChild(el("option", null, "Chọn tỉnh, thành phố trước")).value = "";
      select.disabled = true;
      return Promise.resolve();
    }
    select.appendChild(el("option", null, "Tất cả")).value = "";
    select.disabled = false;
    return this.fetchJson(province[3]).then(function (data) { self.fill(select, data.a, value || ""); });
  };

  Finder.prototype.restore = function () {
    var params = new URLSearchParams(location.search);
    var self = this;
    PARAMS.forEach(function (name) {
      var field = self.field(name), value = params.get(name);
      if (!field || value === null || name === "co-quan") return;
      if (field.type === "checkbox") field.checked = value === "1";
      else field.value = value;
      if (field.value !== value && field.type !== "checkbox") field.value = "";
    });
    return this.loadAuthorities(params.get("co-quan") || "");
  };

  Finder.prototype.remember = function () {
    var params = new URLSearchParams();
    var self = this;
    PARAMS.forEach(function (name) {
      var field = self.field(name);
      if (field.type === "checkbox") { if (field.checked) params.set(name, "1"); }
      else if (field.value) params.set(name, field.value);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  };

  // The query: folded name words and the chosen facet values, as the shards number them.
  Finder.prototype.query = function () {
    var f = this.index.f;
    function pick(name, list) {
      var i = this.field(name).selectedIndex - 1;
      return i >= 0 && i < list.length ? i : -1;
    }
    var q = {
      words: words(this.field("ten").value),
      form: pick.call(this, "hinh-thuc", f.form),
      year: this.field("nam").value,
      prov: pick.call(this, "tinh", f.prov),
      authority: this.field("co-quan").value,
      kind: pick.call(this, "doi-tuong", f.kind),
      occ: pick.call(this, "dip", f.occ)
    };
    q.empty = !q.words.length && q.form < 0 && !q.year && q.prov < 0 && q.kind < 0 && q.occ < 0;
    return q;
  };

  Finder.prototype.matches = function (q, row, decision) {
    if (q.form >= 0 && decision[3] !== q.form) return false;
    if (q.year && decision[2].slice(0, 4) !== q.year) return false;
    if (q.prov >= 0 && row[6] !== q.prov) return false;
    if (q.authority && decision[4] !== q.authority) return false;
    if (q.kind >= 0 && row[1] !== q.kind) return false;
    if (q.occ >= 0 && decision[6] !== q.occ) return false;
    if (!q.words.length) return true;
    // every typed word starts some word of the name, wherever it stands ("ho ong", "thanh long")
    var name = row.words || (row.words = words(row[0]));
    return q.words.every(function (w) {
      return name.some(function (n) { return n.slice(0, w.length) === w; });
    });
  };

  // The shard numbers holding a word starting with `prefix`, from the word index.
  Finder.prototype.shardsOf = function (prefix) {
    var self = this;
    var files = this.index.w.filter(function (f) { return overlaps(f[0], f[1], prefix); });
    return Promise.all(files.map(function (f) { return self.fetchJson(f[2]); })).then(function (loaded) {
      var found = {};
      loaded.forEach(function (file) {
        file.w.forEach(function (entry) {
          if (entry[0].slice(0, prefix.length) === prefix) entry[1].forEach(function (n) { found[n] = true; });
        });
      });
      return found;
    });
  };

  // The shards a query must read, in order: those holding every typed word, or all of them.
  Finder.prototype.candidates = function (q) {
    var self = this, ds = this.index.ds;
    var total = this.index.t.reduce(function (sum, d, i) {
      return i < self.index.t.length - 1 ? sum + ds : sum;
    }, 0);
    var all = function () {
      // the last directory's shard count is only known once it is read: list it as it loads
      var out = [];
      for (var n = 0; n < total; n++) out.push(n);
      return self.fetchJson(self.index.t[self.index.t.length - 1][3]).then(function (dir) {
        for (var i = 0; i < dir.s.length; i++) out.push(total + i);
        return out;
      });
    };
    if (!q.words.length) return this.index.t.length ? all() : Promise.resolve([]);
    return Promise.all(q.words.map(function (w) { return self.shardsOf(w); })).then(function (sets) {
      return Object.keys(sets[0]).map(Number).filter(function (n) {
        return sets.every(function (set) { return set[n]; });
      }).sort(function (a, b) { return a - b; });
    });
  };

  // Shard number -> its [lo, hi, count, file] entry, through its directory.
  Finder.prototype.shard = function (n) {
    var ds = this.index.ds;
    return this.fetchJson(this.index.t[Math.floor(n / ds)][3]).then(function (dir) { return dir.s[n % ds]; });
  };

  Finder.prototype.search = function () {
    this.remember();
    var q = this.query();
    var id = ++this.runId;
    var self = this;
    this.list.textContent = "";
    this.more.hidden = true;
    if (q.empty) {
      this.run = null;
      this.status.textContent = "Nhập tên hoặc chọn ít nhất một bộ lọc để tra cứu " + count(this.index.n) + " lượt khen thưởng.";
      this.busy(false);
      return Promise.resolve();
    }
    this.busy(true);
    this.status.textContent = "Đang tìm…";
    return this.candidates(q).then(function (shards) {
      if (id !== self.runId) return null;
      self.run = { id: id, q: q, shards: shards, next: 0, results: [], shown: 0 };
      return self.showMore();
    }).catch(function (error) {
      self.status.textContent = "Không tải được dữ liệu tra cứu (" + error.message + ").";
      self.busy(false);
    });
  };

  // Newest first: by decision date, then as the shards list them (given name).
  function newestFirst(a, b) {
    return a[1][2] < b[1][2] ? 1 : a[1][2] > b[1][2] ? -1 : a[2] - b[2];
  }

  // Show the next page of results. While it is not full and shards are left, read the next batch
  // (up to BATCHES in a row): a page of 9 said "the first results" and its button found nothing more.
  Finder.prototype.showMore = function () {
    var self = this, run = this.run;
    if (!run) return Promise.resolve();
    this.more.hidden = true;
    this.busy(true);
    var read = 0;
    function fill() {
      if (run.id !== self.runId || run.results.length >= run.shown + PAGE || run.next >= run.shards.length ||
          read >= BATCHES) return Promise.resolve();
      read++;
      self.status.textContent = "Đang tìm…";
      var batch = run.shards.slice(run.next, run.next + BATCH);
      return Promise.all(batch.map(function (n) {
        return self.shard(n).then(function (entry) { return self.fetchJson(entry[3]); });
      })).then(function (loaded) {
        if (run.id !== self.runId) return null;
        var found = [];
        loaded.forEach(function (data) {
          data.r.forEach(function (row) {
            var decision = data.d[row[4]];
            if (self.matches(run.q, row, decision)) found.push([row, decision, run.order = (run.order || 0) + 1]);
          });
        });
        // newest first among all not shown yet: a batch read after another may hold newer lines
        run.results = run.results.slice(0, run.shown).concat(run.results.slice(run.shown).concat(found).sort(newestFirst));
        run.next += batch.length;
        return fill();
      });
    }
    return fill().then(function () {
      if (run.id !== self.runId) return;
      var end = Math.min(run.shown + PAGE, run.results.length);
      for (var i = run.shown; i < end; i++) self.list.appendChild(self.render(run.results[i][0], run.results[i][1]));
      run.shown = end;
      var done = run.next >= run.shards.length;
      var shown = run.results.length > run.shown;  // sorted and waiting: the button shows them
      var narrow = run.q.words.length ? "gõ thêm chữ hoặc chọn bộ lọc để thu hẹp" : "chọn thêm bộ lọc hoặc gõ tên để thu hẹp";
      if (done && !run.results.length) {
        self.status.textContent = "Không tìm thấy kết quả nào. Thử gõ ít chữ hơn hoặc bỏ bớt bộ lọc.";
      } else if (done && !shown) {
        self.status.textContent = "Tìm thấy " + count(run.results.length) + " kết quả, mới nhất trước.";
      } else if (done) {
        self.status.textContent = "Đang hiển thị " + count(run.shown) + " trên " + count(run.results.length) + " kết quả, mới nhất trước.";
      } else if (!run.shown) {
        // BATCHES read and nothing yet (a rare filter over a national roll): say how far it got
        self.status.textContent = "Chưa thấy kết quả trong " + count(run.next) + " trên " + count(run.shards.length) +
          " phần dữ liệu đã đọc; bấm “Tìm tiếp trong phần còn lại” để đọc tiếp.";
      } else {
        // shards left unread: how many results there are is not known yet
        self.status.textContent = "Đang hiển thị " + count(run.shown) + " kết quả đầu tiên, mới nhất trước; " + narrow + ".";
      }
      self.more.textContent = shown ? "Xem thêm kết quả" : "Tìm tiếp trong phần còn lại";
      self.more.hidden = done && !shown;
      self.busy(false);
    }).catch(function (error) {
      self.status.textContent = "Không tải được dữ liệu tra cứu (" + error.message + ").";
      self.busy(false);
    });
  };

  Finder.prototype.render = function (row, decision) {
    var f = this.index.f;
    var item = el("li", "td-result");
    var head = el("p", "td-result__name");
    var link = el("a", null, row[0]);
    link.href = new URL("khen-thuong/" + decision[0] + "/#" + row[5], this.root).href;
    head.appendChild(link);
    if (decision[7]) head.appendChild(el("span", "td-tag td-tag--sample", "Dữ liệu mẫu"));
    item.appendChild(head);
    var who = f.kind[row[1]][1] + (row[2] ? " · " + row[2] : "");
    item.appendChild(el("p", "td-result__who", who));
    var date = decision[2].split("-");
    var when = date.length === 3 ? date[2] + "/" + date[1] + "/" + date[0] : date.length === 2 ? "tháng " + date[1] + "/" + date[0] : "năm " + date[0];
    var what = f.form[decision[3]][1] + " — Quyết định" + (decision[1] ? " số " + decision[1] : "") +
      " ngày " + when + " của " + decision[5] + " (" + f.occ[decision[6]][1].toLowerCase() + ")";
    item.appendChild(el("p", "td-result__award", what));
    if (row[3]) item.appendChild(el("p", "td-result__achievement td-muted", row[3]));
    return item;
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.td-finder"), function (form) {
      if (form.getAttribute("data-started")) return;
      form.setAttribute("data-started", "1");
      new Finder(form).start();
    });
  }
  window.thiduaFold = fold;  // for tests: the same folding as thidua.text.fold
  window.thiduaWords = words;  // and as thidua.text.folded_words
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
