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
     filter by the columns data-tk-filters names, each by several values at once (any of the
     sectors chosen, any of the years) and a date column also by a range, count what is
     shown, and keep all of it in the address by stable keys, never labels
     (?sectors=energy&sectors=trade&year=2024&from=2024-03&sort=date&order=desc), to share.
     A value the address names that the list does not have is said, and kept. Without this
     script the whole table is there, in its own order.
     An index split by year (data-tk-source: tracker/views/lists.py) shows one year's rows;
     its filters offer the values of every row (data-tk-filters), and the first filter or sort
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

  // A cell's keys: its year, or those the page names (data-tk-keys: views/table.py's
  // Cell.values, ids rather than labels); a column without a filter has none.
  function values(cell) {
    var date = cell.querySelector("[data-sort]");
    if (date) return [date.getAttribute("data-sort").slice(0, 4)];
    try { return JSON.parse(cell.getAttribute("data-tk-keys") || "[]"); } catch { return []; }
  }

  function sortKey(cell) {
    var date = cell.querySelector("[data-sort]");
    return date ? date.getAttribute("data-sort") : plain(cell).textContent.trim().toLowerCase();
  }

  function dataText(cell, links) {
    if (typeof cell === "string") return cell;
    return cell.p.map(function (part) { return typeof part === "number" ? links[part][0] : part; }).join("");
  }

  function dataValues(cell, keys) {
    if (typeof cell !== "string" && cell.s) return [cell.s.slice(0, 4)];
    return keys || [];
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

  // A date as the address and the range fields take it, at its precision; and the first and
  // last day it may be (strings compare as dates: "2006" holds 2006-01-01 to 2006-12-31).
  var DAY = /^\d{4}(-\d\d(-\d\d)?)?$/;

  function first(iso) { return iso + "-01-01".slice(iso.length - 4); }

  function last(iso) { return iso + "-12-31".slice(iso.length - 4); }

  function list(box, index) {
    var table = box.querySelector("table");
    if (!table || !table.tHead || box.getAttribute("data-tk-ready")) return;
    box.setAttribute("data-tk-ready", "");
    var tbody = table.tBodies[0];
    var specs = [];
    try { specs = JSON.parse(box.getAttribute("data-tk-filters") || "[]"); } catch { specs = []; }
    // Each row as the filters and the sort see it: the page's own rows now, and, on a split
    // index, every row of the published list once it is fetched. A filter matches a row by
    // keys (ids, enumeration values, years), never by the labels it shows.
    var own = Array.prototype.slice.call(tbody.rows).map(function (tr, i) {
      var cells = Array.prototype.slice.call(tr.cells);
      return { el: tr, index: i, values: cells.map(values), keys: cells.map(sortKey) };
    });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = heads.map(function (th) { return th.textContent.trim(); });
    var noun = box.getAttribute("data-tk-noun") || "rows";
    var source = box.getAttribute("data-tk-source");
    var root = box.getAttribute("data-tk-root") || "";
    var total = Number(box.getAttribute("data-tk-total")) || own.length;
    var group = box.getAttribute("data-tk-group") || "";
    var all = null;  // every row of the published list, once fetched
    var failed = false;
    var limit = LIMIT;
    var focusFrom = -1;  // after "Show 200 more": the first new row takes the focus
    var params = new URLSearchParams(location.search);
    var state = { sort: params.get("sort") || "", order: params.get("order") === "desc" ? "desc" : "asc" };

    var form = document.createElement("form");
    form.className = "tk-filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the list of " + noun);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var fields = document.createElement("div");
    fields.className = "tk-filters__fields";
    form.appendChild(fields);
    // What the address asks for that the list does not have: said, and kept in the address.
    var notes = document.createElement("ul");
    notes.className = "tk-filters__unknown";
    notes.setAttribute("aria-live", "polite");
    var filters = [];
    specs.forEach(function (spec) {
      var col = spec.column;
      if (col < 0 || col >= names.length) return;
      var known = {};
      spec.options.forEach(function (o) { known[o[0]] = o[1]; });
      var asked = params.getAll(spec.param).filter(Boolean);
      var f = {
        spec: spec, col: col, known: known, boxes: [],
        chosen: asked.filter(function (v) { return v in known; }),
        unknown: asked.filter(function (v) { return !(v in known); }),
        from: null, to: null
      };
      // A page with no published list (a year's page) offers the values of its own rows, and
      // any the address chose.
      var choices = spec.options;
      if (!source) {
        var present = {};
        own.forEach(function (row) { row.values[col].forEach(function (v) { present[v] = true; }); });
        choices = choices.filter(function (o) { return present[o[0]] || f.chosen.indexOf(o[0]) >= 0; });
      }
      var range = Boolean(spec.date) && spec.range;
      // One value is nothing to choose between (a year's page, filtered by its own year: nor
      // a range within it).
      if (choices.length < 2 && !f.chosen.length && !f.unknown.length) return;
      filters.push(f);
      var id = "tk-filter-" + index + "-" + slug(spec.param);
      var field = document.createElement("div");
      field.className = "tk-filters__field";
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "tk-button tk-filters__toggle";
      toggle.id = id + "-button";
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", id);
      var panel = document.createElement("div");
      panel.className = "tk-filters__panel";
      panel.id = id;
      panel.hidden = true;
      var set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = spec.date ? names[col] + " (years, any of)" : names[col] + " (any of)";
      set.appendChild(legend);
      if (spec.note) {
        // How it matches: a wider sector includes its narrower ones.
        var note = document.createElement("p");
        note.className = "tk-filters__note";
        note.textContent = spec.note;
        set.appendChild(note);
      }
      choices.forEach(function (o, i) {
        var item = document.createElement("label");
        item.className = "tk-filters__choice";
        var check = document.createElement("input");
        check.type = "checkbox";
        check.id = id + "-" + i;
        check.value = o[0];
        check.checked = f.chosen.indexOf(o[0]) >= 0;
        check.addEventListener("change", function () {
          f.chosen = f.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
          f.unknown = [];  // the reader chose again: what the address asked for is replaced
          limit = LIMIT;
          update();
        });
        item.appendChild(check);
        item.appendChild(document.createTextNode(" " + o[1]));
        set.appendChild(item);
        f.boxes.push(check);
      });
      panel.appendChild(set);
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        panel.hidden = !open;
      });
      panel.addEventListener("keydown", function (e) {
        if (e.key !== "Escape") return;
        toggle.setAttribute("aria-expanded", "false");
        panel.hidden = true;
        toggle.focus();
      });
      f.toggle = toggle;
      field.appendChild(toggle);
      field.appendChild(panel);
      fields.appendChild(field);
      if (range) {
        // A date range: a year, a month or a day at either end (2024, 2024-03, 2024-03-14).
        [0, 1].forEach(function (end) {
          var name = spec.range[end];
          var span = document.createElement("span");
          span.className = "tk-filters__field tk-filters__date";
          var label = document.createElement("label");
          label.setAttribute("for", id + "-" + name);
          label.textContent = end ? "to" : names[col] + " from";
          var input = document.createElement("input");
          input.type = "text";
          input.id = id + "-" + name;
          input.name = name;
          input.size = 10;
          input.setAttribute("inputmode", "numeric");
          input.setAttribute("autocomplete", "off");
          input.setAttribute("placeholder", end ? "2025-12" : "2024");
          input.setAttribute("aria-describedby", id + "-hint");
          if (end) input.setAttribute("aria-label", names[col] + " to");  // its label says "to" alone
          input.value = params.get(name) || "";
          input.addEventListener("change", function () { limit = LIMIT; update(); });
          span.appendChild(label);
          span.appendChild(input);
          fields.appendChild(span);
          if (end) f.to = input; else f.from = input;
        });
        var hint = document.createElement("span");
        hint.className = "tk-filters__hint";
        hint.id = id + "-hint";
        hint.textContent = "(" + names[col].toLowerCase() + ": a year, 2024-03 or 2024-03-14)";
        fields.appendChild(hint);
      }
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "tk-button tk-filters__reset";
    reset.textContent = source ? "Reset" : "Show all";
    reset.addEventListener("click", function () {
      filters.forEach(function (f) {
        f.chosen = [];
        f.unknown = [];
        f.boxes.forEach(function (b) { b.checked = false; });
        if (f.from) f.from.value = "";
        if (f.to) f.to.value = "";
      });
      state.sort = "";
      state.order = "asc";
      limit = LIMIT;
      update();
    });
    fields.appendChild(reset);
    form.appendChild(notes);
    var count = document.createElement("p");
    count.className = "tk-filters__count";
    count.setAttribute("role", "status");
    form.appendChild(count);
    box.parentNode.insertBefore(form, box);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "tk-button tk-more";
    more.hidden = true;
    more.addEventListener("click", function () {
      focusFrom = limit;
      limit += LIMIT;
      update();
    });
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
            values: row.c.map(function (c, at) { return dataValues(c, row.k ? row.k[at] : null); }),
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

    // A bound of the date range, or null (none, or not a date: said in the notes); as
    // written, with ``any``, dates or not.
    function bound(input, any) {
      var v = input ? input.value.trim() : "";
      return any || DAY.test(v) ? v || null : null;
    }

    function matches(row) {
      return filters.every(function (f) {
        var wanted = f.chosen.concat(f.unknown);
        if (wanted.length && !row.values[f.col].some(function (v) { return wanted.indexOf(v) >= 0; })) return false;
        var from = bound(f.from), to = bound(f.to);
        if (!from && !to) return true;
        var when = row.keys[f.col];
        if (!DAY.test(when)) return false;  // no date: outside any range
        return (!from || last(when) >= first(from)) && (!to || first(when) <= last(to));
      });
    }

    function say() {
      var lines = [];
      filters.forEach(function (f) {
        f.unknown.forEach(function (v) {
          lines.push(f.spec.date
            ? "No " + noun + " of " + v + " here: nothing matches that year."
            : "No " + f.spec.one + " called “" + v + "”: nothing matches it.");
        });
        [f.from, f.to].forEach(function (input) {
          var v = bound(input, true);
          if (v && !DAY.test(v)) lines.push("“" + v + "” is not a date: write a year (2024), a month (2024-03) or a day (2024-03-14).");
        });
        if (f.toggle) {
          var picked = f.chosen.map(function (k) { return f.known[k]; }).concat(f.unknown.map(function (v) { return "“" + v + "”"; }));
          var name = names[f.col] + (f.spec.date ? " (year)" : "");
          f.toggle.textContent = name + ": " + (!picked.length ? "all" : picked.length <= 2 ? picked.join(", ") : picked.length + " chosen");
        }
      });
      notes.replaceChildren.apply(notes, lines.map(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        return li;
      }));
      notes.hidden = !lines.length;
    }

    function address() {
      var query = new URLSearchParams();
      filters.forEach(function (f) {
        f.chosen.concat(f.unknown).forEach(function (v) { query.append(f.spec.param, v); });
        [f.from, f.to].forEach(function (input) {
          if (bound(input, true)) query.set(input.name, bound(input, true));
        });
      });
      var col = names.map(slug).indexOf(state.sort);
      if (col >= 0) { query.set("sort", state.sort); query.set("order", state.order); }
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    function update() {
      say();
      var col = names.map(slug).indexOf(state.sort);
      var filtered = filters.some(function (f) {
        return f.chosen.length || f.unknown.length || bound(f.from, true) || bound(f.to, true);
      });
      var active = col >= 0 || filtered;
      // A split index searches every row once a filter or a sort is chosen.
      var wide = Boolean(source) && active && !failed;
      if (wide && !all) {
        count.textContent = "Loading all " + num(total) + " " + noun + "…";
        address();
        load();
        return;
      }
      var rows = wide ? all : own;
      var found = rows.filter(matches);
      if (col >= 0) {
        var sign = state.order === "desc" ? -1 : 1;
        found.sort(function (a, b) {
          var x = a.keys[col], y = b.keys[col];
          if (x === "" || y === "") return compare(x, y) || a.index - b.index;
          return sign * compare(x, y) || a.index - b.index;
        });
      }
      if (wide) {
        var shown = found.slice(0, limit);
        tbody.replaceChildren.apply(tbody, shown.map(function (row) {
          if (!row.el) row.el = dataRow(row.data, row.links, root);
          return row.el;
        }));
        var left = found.length - shown.length;
        more.hidden = left <= 0;
        more.textContent = "Show " + num(Math.min(left, LIMIT)) + " more";
        count.textContent = left > 0
          ? "Showing " + num(shown.length) + " of " + num(found.length) + " matching " + noun + " (" + num(total) + " in all)."
          : "Showing " + num(found.length) + " of " + num(total) + " " + noun + ".";
        if (focusFrom >= 0 && shown[focusFrom]) {
          // The first row "Show more" added: its first link, or the row itself.
          var tr = shown[focusFrom].el;
          var target = tr.querySelector("a");
          if (!target) { tr.setAttribute("tabindex", "-1"); target = tr; }
          target.focus();
        }
      } else {
        var keep = new Set(found);
        own.forEach(function (row) { row.el.hidden = !keep.has(row); });
        tbody.replaceChildren.apply(tbody, (col >= 0 ? found.concat(own.filter(function (row) {
          return !keep.has(row);
        })) : own).map(function (row) { return row.el; }));
        more.hidden = true;
        if (source) {
          count.textContent = failed && active
            ? "Could not load the list of all " + num(total) + " " + noun + ": showing those of " + group + " only (" + num(found.length) + ")."
            : "Showing " + num(found.length) + " of " + num(total) + " " + noun + " (" + group + ").";
        } else {
          count.textContent = "Showing " + num(found.length) + " of " + num(own.length) + " " + noun + ".";
        }
      }
      focusFrom = -1;
      heads.forEach(function (th, i) {
        if (i === col) th.setAttribute("aria-sort", state.order === "desc" ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      address();
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

  // A list filter's open panel closes when the reader clicks or moves the focus elsewhere.
  function closePanels(target) {
    document.querySelectorAll(".tk-filters__panel:not([hidden])").forEach(function (panel) {
      var field = panel.parentNode;
      if (target instanceof Node && field.contains(target)) return;
      panel.hidden = true;
      var toggle = field.querySelector(".tk-filters__toggle");
      if (toggle) toggle.setAttribute("aria-expanded", "false");
    });
  }
  document.addEventListener("click", function (e) { closePanels(e.target); });
  document.addEventListener("focusin", function (e) { closePanels(e.target); });

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
