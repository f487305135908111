/* The tracker's only script, shipped with the site (the Content-Security-Policy allows no
   other): it fills in what a page can know only when it is read. Runs on every page Material's
   instant navigation shows (document$), and every part works without it.
   - "Cite this page": today's date as the access date, in place of the placeholder.
   - Collection indexes: sorting, filters, a count, their state in the address. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function accessDate(root) {
    var now = new Date();
    var long = now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    root.querySelectorAll("[data-tk-today]").forEach(function (el) {
      el.textContent = el.getAttribute("data-tk-today") === "iso" ? iso : long;
    });
  }

  /* Lists (a collection's index: <div data-tk-list="Kind Status …">): sort by any column
     (dates by their data-sort, an ISO date at its precision, so 2006 sorts before March 2006),
     filter by the columns the attribute names (a date column by year), count what is shown,
     and keep all of it in the address (?kind=…&sort=signed&order=desc), to share. Without
     this script the whole table is there, in its own order. */
  function values(cell) {
    var date = cell.querySelector("[data-sort]");
    if (date) return [date.getAttribute("data-sort").slice(0, 4)];
    var links = cell.querySelectorAll("a");
    if (links.length) return Array.prototype.map.call(links, function (a) { return a.textContent.trim(); });
    var text = cell.textContent.trim();
    return text ? [text] : [];
  }

  function sortKey(cell) {
    var date = cell.querySelector("[data-sort]");
    return date ? date.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;  // empty cells last, whichever the order
    if (b === "") return -1;
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return a < b ? -1 : 1;
  }

  function slug(name) { return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }

  function list(box, index) {
    var table = box.querySelector("table");
    if (!table || !table.tHead || box.getAttribute("data-tk-ready")) return;
    box.setAttribute("data-tk-ready", "");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (row, i) { row.tkIndex = i; });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = heads.map(function (th) { return th.textContent.trim(); });
    var noun = box.getAttribute("data-tk-noun") || "rows";
    var wanted = (box.getAttribute("data-tk-list") || "").split(/\s+/).filter(Boolean);
    var params = new URLSearchParams(location.search);
    var state = { sort: params.get("sort") || "", order: params.get("order") === "desc" ? "desc" : "asc", filters: {} };

    var form = document.createElement("form");
    form.className = "tk-filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the list of " + noun);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var selects = [];
    wanted.forEach(function (name) {
      var col = names.indexOf(name);
      if (col < 0) return;
      var seen = {};
      rows.forEach(function (row) { values(row.cells[col]).forEach(function (v) { seen[v] = true; }); });
      var options = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
      if (/^\d{4}$/.test(options[0] || "")) options.reverse();  // years: latest first
      var id = "tk-filter-" + index + "-" + slug(name);
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = /^\d{4}$/.test(options[0] || "") ? name + " (year)" : name;
      var select = document.createElement("select");
      select.id = id;
      select.name = slug(name);
      select.tkColumn = col;
      select.add(new Option("All", ""));
      options.forEach(function (v) { select.add(new Option(v, v)); });
      var chosen = params.get(select.name);
      if (chosen && seen[chosen]) select.value = chosen;
      select.addEventListener("change", update);
      var field = document.createElement("span");
      field.className = "tk-filters__field";
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
      selects.push(select);
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "tk-button tk-filters__reset";
    reset.textContent = "Show all";
    reset.addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      state.sort = "";
      state.order = "asc";
      update();
    });
    form.appendChild(reset);
    var count = document.createElement("p");
    count.className = "tk-filters__count";
    count.setAttribute("role", "status");
    form.appendChild(count);
    box.parentNode.insertBefore(form, box);

    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tk-sort";
      button.innerHTML = th.innerHTML;
      button.setAttribute("aria-label", "Sort by " + names[col]);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var name = slug(names[col]);
        state.order = state.sort === name && state.order === "asc" ? "desc" : "asc";
        state.sort = name;
        update();
      });
    });

    function update() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = selects.every(function (s) {
          return !s.value || values(row.cells[s.tkColumn]).indexOf(s.value) >= 0;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      var col = names.map(slug).indexOf(state.sort);
      var ordered = rows.slice();
      if (col >= 0) {
        var sign = state.order === "desc" ? -1 : 1;
        ordered.sort(function (a, b) {
          var x = sortKey(a.cells[col]), y = sortKey(b.cells[col]);
          if (x === "" || y === "") return compare(x, y) || a.tkIndex - b.tkIndex;
          return sign * compare(x, y) || a.tkIndex - b.tkIndex;
        });
      }
      ordered.forEach(function (row) { tbody.appendChild(row); });
      heads.forEach(function (th, i) {
        if (i === col) th.setAttribute("aria-sort", state.order === "desc" ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      count.textContent = "Showing " + shown + " of " + rows.length + " " + noun + ".";
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      if (col >= 0) { query.set("sort", state.sort); query.set("order", state.order); }
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    update();
  }

  function run() {
    accessDate(document);
    document.querySelectorAll("[data-tk-list]").forEach(list);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(run);  // Material: every page shown, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
