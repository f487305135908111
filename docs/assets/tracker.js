/* The tracker's only script, shipped with the site (the Content-Security-Policy allows no
   other): it fills in what a page can know only when it is read. Runs on every page Material's
   instant navigation shows (document$), and every part works without it.
   - "Cite this page": today's date as the access date, in place of the placeholder.
   - Collection indexes: sorting, filters, a count, their state in the address.
   - Citation marks: the cited source's title in a tooltip, on hover and on focus.
   No text from the data is ever written as HTML: textContent and setAttribute only. */
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

  /* Lists (a collection's index: <div data-tk-list="|Kind|Status|…">): sort by any column
     (dates by their data-sort, an ISO date at its precision, so 2006 sorts before March 2006),
     filter by the columns the attribute names (a date column by year), count what is shown,
     and keep all of it in the address (?kind=…&sort=signed&order=desc), to share. Without
     this script the whole table is there, in its own order.
     An index split by year (data-tk-source: tracker/views/lists.py) shows one year's rows;
     its filters offer the values of every row (data-tk-options), and the first filter or sort
     fetches the published list of every row (/api/v1/lists/<collection>.json, the cells the
     pages show, made by the same Python) and shows what matches over all of them, the first
     LIMIT at a time. Every cell is built with textContent and setAttribute, never as HTML. */
  var LIMIT = 200;
  var fetched = {};  // published lists by address: fetched once, kept across pages

  // What a filter matches in a cell, and its sort key: the same rules for a cell of the page
  // (values, sortKey) and a cell of the published list (dataValues, dataKey), and the same
  // as views/table.py's Cell.values.
  // A cell's own text and links: not its citation marks nor a derived mark and its reasoning,
  // which views/table.py keeps apart from the cell's parts too.
  var MARKS = ".tk-refs, .tk-derived, .tk-derived__why";

  function plain(cell) {
    if (!cell.querySelector(MARKS)) return cell;
    var copy = cell.cloneNode(true);
    copy.querySelectorAll(MARKS).forEach(function (el) { el.remove(); });
    return copy;
  }

  function values(cell) {
    var date = cell.querySelector("[data-sort]");
    if (date) return [date.getAttribute("data-sort").slice(0, 4)];
    cell = plain(cell);
    var links = cell.querySelectorAll("a");
    if (links.length) return Array.prototype.map.call(links, function (a) { return a.textContent.trim(); });
    var text = cell.textContent.trim();
    return text ? [text] : [];
  }

  function sortKey(cell) {
    var date = cell.querySelector("[data-sort]");
    return date ? date.getAttribute("data-sort") : plain(cell).textContent.trim().toLowerCase();
  }

  function dataText(cell, links) {
    if (typeof cell === "string") return cell;
    return cell.p.map(function (part) { return typeof part === "number" ? links[part][0] : part; }).join("");
  }

  function dataValues(cell, links) {
    if (typeof cell !== "string") {
      if (cell.s) return [cell.s.slice(0, 4)];
      var named = cell.p.filter(function (part) { return typeof part === "number"; });
      if (named.length) return named.map(function (n) { return links[n][0].trim(); });
    }
    var text = dataText(cell, links).trim();
    return text ? [text] : [];
  }

  function dataKey(cell, links) {
    return typeof cell !== "string" && cell.s ? cell.s : dataText(cell, links).trim().toLowerCase();
  }

  var derivedCount = 0;
  var accountsCount = 0;

  // As common.j2's accounts macro: [how many, the accounts' address from the root, why, the
  // value's entry on the Disagreements page from the root].
  function accountsMark(a, root) {
    accountsCount += 1;
    var mark = popoverMark("tk-accounts", "tk-accounts-list-" + accountsCount, "accounts differ",
      "accounts differ: the documents give this date differently", "Accounts differ.", a[2]);
    var why = mark.lastChild;
    var every = document.createElement("a");
    every.setAttribute("href", root + a[1]);
    every.textContent = "Every account, with its document";
    why.appendChild(document.createTextNode(" "));
    why.appendChild(every);
    why.appendChild(document.createTextNode(" · "));
    var all = document.createElement("a");
    all.setAttribute("href", root + a[3]);
    all.textContent = "Every disagreement";
    why.appendChild(all);
    return mark;
  }

  // A mark as common.j2's derived and accounts macros write it: a space, a button, and the
  // popover it opens, whose text (from the data) is set as text, never as HTML.
  function popoverMark(kind, id, shown, label, heading, text) {
    var mark = document.createDocumentFragment();
    var button = document.createElement("button");
    button.type = "button";
    button.className = kind;
    button.setAttribute("popovertarget", id);
    button.setAttribute("aria-label", label);
    button.textContent = shown;
    var why = document.createElement("span");
    why.className = kind + "__why";
    why.id = id;
    why.setAttribute("popover", "");
    var strong = document.createElement("strong");
    strong.textContent = heading;
    why.appendChild(strong);
    why.appendChild(document.createTextNode(" " + text));
    mark.appendChild(document.createTextNode(" "));
    mark.appendChild(button);
    mark.appendChild(why);
    return mark;
  }

  // A row of the published list as the page writes it (common.j2's cell macro).
  function dataRow(row, links, root) {
    var tr = document.createElement("tr");
    row.c.forEach(function (cell) {
      var td = document.createElement("td");
      tr.appendChild(td);
      if (typeof cell === "string") {
        td.textContent = cell;
        return;
      }
      var box = td;
      if (cell.s) {
        box = document.createElement("span");
        box.setAttribute("data-sort", cell.s);
        td.appendChild(box);
      }
      cell.p.forEach(function (part) {
        if (typeof part === "number") {
          // As common.j2's html_link: the name in <bdi>, laid out apart from the words around it.
          var a = document.createElement("a");
          var name = document.createElement("bdi");
          a.setAttribute("href", root + links[part][1]);
          name.textContent = links[part][0];
          a.appendChild(name);
          box.appendChild(a);
        } else {
          box.appendChild(document.createTextNode(part));
        }
      });
      if (cell.d) {
        derivedCount += 1;
        box.appendChild(popoverMark("tk-derived", "tk-derived-list-" + derivedCount, "derived",
          "derived: how this date was worked out", "Derived date.", cell.d));
      }
      if (cell.a) box.appendChild(accountsMark(cell.a, root));
    });
    return tr;
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;  // empty cells last, whichever the order
    if (b === "") return -1;
    var x = Number(a), y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return a < b ? -1 : 1;
  }

  function slug(name) { return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }

  function num(n) { return n.toLocaleString("en-GB"); }  // 4,000

  function isYear(value) { return /^\d{4}$/.test(value || ""); }

  function list(box, index) {
    var table = box.querySelector("table");
    if (!table || !table.tHead || box.getAttribute("data-tk-ready")) return;
    box.setAttribute("data-tk-ready", "");
    var tbody = table.tBodies[0];
    // Each row as the filters and the sort see it: the page's own rows now, and, on a split
    // index, every row of the published list once it is fetched.
    var own = Array.prototype.slice.call(tbody.rows).map(function (tr, i) {
      var cells = Array.prototype.slice.call(tr.cells);
      return { el: tr, index: i, values: cells.map(values), keys: cells.map(sortKey) };
    });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = heads.map(function (th) { return th.textContent.trim(); });
    var noun = box.getAttribute("data-tk-noun") || "rows";
    // The filtered columns' names, each between bars: "|Kind|Signed|In force on 7 June 2026|".
    var wanted = (box.getAttribute("data-tk-list") || "").split("|").map(function (n) { return n.trim(); }).filter(Boolean);
    var source = box.getAttribute("data-tk-source");
    var root = box.getAttribute("data-tk-root") || "";
    var total = Number(box.getAttribute("data-tk-total")) || own.length;
    var group = box.getAttribute("data-tk-group") || "";
    var options = {};
    if (source) {
      try { options = JSON.parse(box.getAttribute("data-tk-options") || "{}"); } catch { options = {}; }
    }
    var all = null;  // every row of the published list, once fetched
    var failed = false;
    var limit = LIMIT;
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
      var choices = options[name];
      if (!choices) {
        var seen = {};
        own.forEach(function (row) { row.values[col].forEach(function (v) { seen[v] = true; }); });
        choices = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
        var years = choices.filter(isYear);
        // A date column: its years, latest first, then any cell that is not a date ("undated").
        if (years.length) choices = years.reverse().concat(choices.filter(function (v) { return !isYear(v); }));
      }
      // One value is nothing to choose between (a year's page, filtered by its own year).
      if (choices.length < 2) return;
      var id = "tk-filter-" + index + "-" + slug(name);
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = choices.some(isYear) ? name + " (year)" : name;
      var select = document.createElement("select");
      select.id = id;
      select.name = slug(name);
      select.tkColumn = col;
      select.add(new Option("All", ""));
      choices.forEach(function (v) { select.add(new Option(v, v)); });
      var chosen = params.get(select.name);
      if (chosen && choices.indexOf(chosen) >= 0) select.value = chosen;
      select.addEventListener("change", function () { limit = LIMIT; update(); });
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
    reset.textContent = source ? "Reset" : "Show all";
    reset.addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      state.sort = "";
      state.order = "asc";
      limit = LIMIT;
      update();
    });
    form.appendChild(reset);
    var count = document.createElement("p");
    count.className = "tk-filters__count";
    count.setAttribute("role", "status");
    form.appendChild(count);
    box.parentNode.insertBefore(form, box);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "tk-button tk-more";
    more.hidden = true;
    more.addEventListener("click", function () { limit += LIMIT; update(); });
    box.parentNode.insertBefore(more, box.nextSibling);

    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tk-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.setAttribute("aria-label", "Sort by " + names[col]);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var name = slug(names[col]);
        state.order = state.sort === name && state.order === "asc" ? "desc" : "asc";
        state.sort = name;
        limit = LIMIT;
        update();
      });
    });

    function load() {
      var url = new URL(source, location.href).href;
      if (!fetched[url]) {
        fetched[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + url);
          return response.json();
        });
      }
      fetched[url].then(function (data) {
        all = data.rows.map(function (row, i) {
          return {
            data: row,
            index: i,
            values: row.c.map(function (c) { return dataValues(c, data.links); }),
            keys: row.c.map(function (c) { return dataKey(c, data.links); }),
            links: data.links
          };
        });
        update();
      }, function () {
        fetched[url] = null;
        failed = true;
        update();
      });
    }

    function update() {
      var col = names.map(slug).indexOf(state.sort);
      var active = col >= 0 || selects.some(function (s) { return s.value; });
      // A split index searches every row once a filter or a sort is chosen.
      var wide = Boolean(source) && active && !failed;
      if (wide && !all) {
        count.textContent = "Loading all " + num(total) + " " + noun + "…";
        load();
        return;
      }
      var rows = wide ? all : own;
      var matches = rows.filter(function (row) {
        return selects.every(function (s) { return !s.value || row.values[s.tkColumn].indexOf(s.value) >= 0; });
      });
      if (col >= 0) {
        var sign = state.order === "desc" ? -1 : 1;
        matches.sort(function (a, b) {
          var x = a.keys[col], y = b.keys[col];
          if (x === "" || y === "") return compare(x, y) || a.index - b.index;
          return sign * compare(x, y) || a.index - b.index;
        });
      }
      if (wide) {
        var shown = matches.slice(0, limit);
        tbody.replaceChildren.apply(tbody, shown.map(function (row) {
          if (!row.el) row.el = dataRow(row.data, row.links, root);
          return row.el;
        }));
        var left = matches.length - shown.length;
        more.hidden = left <= 0;
        more.textContent = "Show " + num(Math.min(left, LIMIT)) + " more";
        count.textContent = left > 0
          ? "Showing " + num(shown.length) + " of " + num(matches.length) + " matching " + noun + " (" + num(total) + " in all)."
          : "Showing " + num(matches.length) + " of " + num(total) + " " + noun + ".";
      } else {
        var keep = new Set(matches);
        own.forEach(function (row) { row.el.hidden = !keep.has(row); });
        tbody.replaceChildren.apply(tbody, (col >= 0 ? matches.concat(own.filter(function (row) {
          return !keep.has(row);
        })) : own).map(function (row) { return row.el; }));
        more.hidden = true;
        if (source) {
          count.textContent = failed && active
            ? "Could not load the list of all " + num(total) + " " + noun + ": showing those of " + group + " only (" + num(matches.length) + ")."
            : "Showing " + num(matches.length) + " of " + num(total) + " " + noun + " (" + group + ").";
        } else {
          count.textContent = "Showing " + num(matches.length) + " of " + num(own.length) + " " + noun + ".";
        }
      }
      heads.forEach(function (th, i) {
        if (i === col) th.setAttribute("aria-sort", state.order === "desc" ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      if (col >= 0) { query.set("sort", state.sort); query.set("order", state.order); }
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    update();
  }

  /* Citation marks ([1], filters.Citations.ref): the title of the source a mark cites, in a
     tooltip that looks like Material's, while the mark is hovered or focused; Escape hides it.
     The title is the text of the source's entry in the page's list of sources, which names
     the mark too (its aria-labelledby), and goes in as textContent: never a title attribute,
     whose text Material's own tooltips insert as HTML. Without this script, the mark leads to
     that entry. */
  var tip = null;  // { mark: the mark shown, el: the tooltip }

  function hideTip() {
    if (tip) tip.el.remove();
    tip = null;
  }

  function citedTitle(mark) {
    return (mark.getAttribute("aria-labelledby") || "").split(/\s+/).filter(function (id) {
      return id && id !== mark.id;
    }).map(function (id) {
      var named = document.getElementById(id);
      return named ? named.textContent.trim() : "";
    }).join(" ").trim();
  }

  function showTip(mark) {
    if (tip && tip.mark === mark) return;
    hideTip();
    var title = citedTitle(mark);
    if (!title) return;
    var el = document.createElement("div");
    var inner = document.createElement("div");
    el.className = "md-tooltip2 md-tooltip2--bottom tk-tooltip";
    el.setAttribute("role", "tooltip");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = title;
    el.appendChild(inner);
    document.body.appendChild(el);
    tip = { mark: mark, el: el };
    // Placed as Material places its tooltips (below the mark, centred, kept on screen).
    var box = mark.getBoundingClientRect();
    el.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    el.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    el.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    el.style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    el.style.setProperty("--md-tooltip-tail", "0px");
    el.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
    requestAnimationFrame(function () { el.classList.add("md-tooltip2--active"); });
  }

  function markOf(node) {
    return node instanceof Element ? node.closest("a.tk-cite") : null;
  }

  document.addEventListener("mouseover", function (e) {
    var mark = markOf(e.target);
    if (mark) showTip(mark);
  });
  document.addEventListener("mouseout", function (e) {
    var mark = markOf(e.target);
    if (mark && tip && tip.mark === mark && !mark.contains(e.relatedTarget) && document.activeElement !== mark) hideTip();
  });
  document.addEventListener("focusin", function (e) {
    var mark = markOf(e.target);
    if (mark) showTip(mark);
  });
  document.addEventListener("focusout", function (e) {
    var mark = markOf(e.target);
    if (mark && tip && tip.mark === mark && !mark.matches(":hover")) hideTip();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hideTip();
  });

  function run() {
    hideTip();  // a page instant navigation replaced
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
