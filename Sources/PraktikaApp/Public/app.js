// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Bring keyboard and screen-reader focus to the list of problems after a failed save.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) { summary.focus(); }
  // Filters apply as soon as a select changes.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Enter in a field that names a button presses that button (the partner search searches)
  // instead of the form's default Save.
  document.querySelectorAll("input[data-enter-button]").forEach(function (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing) { return; }
      var button = input.form && input.form.querySelector("button[name='" + input.getAttribute("data-enter-button") + "']");
      if (button) {
        event.preventDefault();
        button.click();
      }
    });
  });

  // Rows of a block form: add a line in place instead of asking the server, hide removed lines.
  document.querySelectorAll(".rows[data-prefix]").forEach(function (rows) {
    var prefix = rows.getAttribute("data-prefix");
    var button = rows.querySelector(".add-row");
    // The server always ends the list with an empty row holding the usual choices: new rows copy it.
    var all = rows.querySelectorAll("fieldset.row");
    var template = all.length ? all[all.length - 1].cloneNode(true) : null;
    if (button && template) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var next = rows.querySelectorAll("fieldset.row").length;
        var copy = template.cloneNode(true);
        var from = new RegExp("(^|field-)" + prefix + "-\\d+-");
        copy.setAttribute("data-row", String(next));
        copy.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
          ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
            var value = el.getAttribute(attr);
            if (value) { el.setAttribute(attr, value.replace(from, "$1" + prefix + "-" + next + "-")); }
          });
        });
        copy.querySelectorAll(".error").forEach(function (el) { el.remove(); });
        copy.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
        copy.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
        copy.querySelectorAll("input:not([type=checkbox])").forEach(function (el) { el.value = ""; });
        copy.querySelectorAll("input[type=checkbox]").forEach(function (el) { el.checked = false; });
        // In a list that needs only its first row (libraries), a further row can stay empty.
        if (rows.hasAttribute("data-first-required")) {
          copy.querySelectorAll(".required").forEach(function (el) { el.remove(); });
          copy.querySelectorAll("[required]").forEach(function (el) { el.removeAttribute("required"); });
        }
        var legend = copy.querySelector("legend");
        if (legend) { legend.textContent = legend.textContent.replace(/\d+$/, String(next + 1)); }
        rows.insertBefore(copy, button);
        var first = copy.querySelector("input:not([type=checkbox]), select");
        if (first) { first.focus(); }
      });
    }
    rows.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type === "checkbox" && /-remove$/.test(box.name)) {
        box.closest("fieldset.row").classList.toggle("removed", box.checked);
      }
    });
  });

  // Running totals of the budget while it is typed (the server computes the real ones).
  var output = document.querySelector(".running-total");
  if (output) {
    var form = output.closest("form");
    var bg = document.documentElement.lang === "bg";
    var number = function (text) {
      var s = String(text || "").replace(/[\s\u00a0\u202f]/g, "").replace(/(лв\.?|€|BGN|EUR)$/i, "");
      var marks = s.match(/[.,]/g) || [];
      if (marks.length === 1) { s = s.replace(",", "."); } else if (marks.length > 1) {
        var last = Math.max(s.lastIndexOf(","), s.lastIndexOf("."));
        s = s.slice(0, last).replace(/[.,]/g, "") + "." + s.slice(last + 1);
      }
      var n = parseFloat(s);
      return isNaN(n) ? null : n;
    };
    var money = function (cents, currency) {
      var whole = Math.floor(Math.abs(cents) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, bg ? "\u00a0" : ",");
      var text = (cents < 0 ? "-" : "") + whole + (bg ? "," : ".") + String(Math.abs(cents) % 100).padStart(2, "0");
      if (currency === "BGN") { return bg ? text + " лв." : "BGN " + text; }
      return bg ? text + " €" : "€" + text;
    };
    var update = function () {
      var sums = {};
      form.querySelectorAll("fieldset.row").forEach(function (row) {
        var i = row.getAttribute("data-row");
        var removed = form.querySelector("[name='budget-" + i + "-remove']");
        if (removed && removed.checked) { return; }
        var cost = number((form.querySelector("[name='budget-" + i + "-unit_cost']") || {}).value);
        if (cost === null) { return; }
        var q = number((form.querySelector("[name='budget-" + i + "-quantity']") || {}).value);
        var currency = (form.querySelector("[name='budget-" + i + "-currency']") || {}).value || "EUR";
        sums[currency] = (sums[currency] || 0) + Math.round(cost * 100 * (q === null ? 1 : q));
      });
      var parts = Object.keys(sums).sort().map(function (c) { return money(sums[c], c); });
      output.textContent = parts.length ? (bg ? "Общо: " : "Total: ") + parts.join(" + ") : "";
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  // Small destructive forms (a table, a session) ask first; without JavaScript they go straight on.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // "Print" on the pages made for paper.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Typing in paper forms: a digit from 1 to 5 moves on to the next statement.
  document.querySelectorAll(".entry-form input.digit").forEach(function (input, index, all) {
    input.addEventListener("input", function () {
      if (!/^[1-5]$/.test(input.value)) { return; }
      var next = all[index + 1] || input.form.querySelector("input[type=text]:not(.digit), textarea");
      if (next) { next.focus(); }
    });
  });

  // Check-in: the list narrows as a name is typed (the server's search works without this).
  document.querySelectorAll("input[data-filter-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filter-list"));
    if (!list) { return; }
    var key = function (text) {
      return text.toLocaleLowerCase("bg").replace(/[^0-9a-zа-яѐ-ӿ]+/g, " ").trim();
    };
    input.addEventListener("input", function () {
      var wanted = key(input.value);
      list.querySelectorAll("li[data-search]").forEach(function (row) {
        row.hidden = wanted !== "" && row.getAttribute("data-search").indexOf(wanted) === -1;
      });
    });
  });

  // The feedback form builder: add a question in place, move questions up and down. The
  // position fields carry the order to the server, so the page works the same without this.
  document.querySelectorAll("[data-question-rows]").forEach(function (container) {
    var form = container.closest("form");
    var add = form.querySelector("[data-add-question]");
    var rows = function () { return Array.prototype.slice.call(container.querySelectorAll("fieldset.row")); };
    var renumber = function () {
      rows().forEach(function (row, index) {
        var position = row.querySelector("input[name$='-position']");
        if (position) { position.value = String(index + 1); }
      });
    };
    var arrows = function (row) {
      var bar = document.createElement("div");
      bar.className = "row-move";
      [["up", "\u2191"], ["down", "\u2193"]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.textContent = pair[1];
        button.setAttribute("aria-label", container.getAttribute("data-" + pair[0] + "-label") || pair[0]);
        button.addEventListener("click", function () {
          if (pair[0] === "up" && row.previousElementSibling) { container.insertBefore(row, row.previousElementSibling); }
          if (pair[0] === "down" && row.nextElementSibling) { container.insertBefore(row.nextElementSibling, row); }
          renumber();
          button.focus();
        });
        bar.appendChild(button);
      });
      row.insertBefore(bar, row.children[1] || null);
    };
    rows().forEach(arrows);
    if (!add) { return; }
    add.hidden = false;
    add.addEventListener("click", function () {
      var all = rows();
      var last = all[all.length - 1];
      var next = all.reduce(function (max, row) {
        var match = /^question-(\d+)-/.exec((row.querySelector("[name^='question-']") || {}).name || "");
        return Math.max(max, match ? parseInt(match[1], 10) : 0);
      }, 0) + 1;
      var copy = last.cloneNode(true);
      copy.querySelectorAll(".row-move").forEach(function (bar) { bar.remove(); });
      copy.querySelectorAll("[name], [id], [for]").forEach(function (element) {
        ["name", "id", "for"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) { element.setAttribute(attribute, value.replace(/question-\d+-/, "question-" + next + "-")); }
        });
        if (element.type === "checkbox") { element.checked = false; }
        else if (element.tagName === "SELECT") { element.selectedIndex = 0; }
        else if (element.name) { element.value = ""; }
      });
      var legend = copy.querySelector("legend");
      if (legend) { legend.textContent = legend.textContent.replace(/\d+/, String(all.length + 1)); }
      container.appendChild(copy);
      arrows(copy);
      renumber();
      var prompt = copy.querySelector("input[name$='-prompt']");
      if (prompt) { prompt.focus(); }
    });
  });

  // The seating plan: a person dragged onto another table is moved by the page's own move form.
  var moveForm = document.querySelector("form.move-form");
  if (moveForm) {
    document.querySelectorAll("li[data-participant]").forEach(function (person) {
      person.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("text/plain", person.getAttribute("data-participant"));
      });
    });
    document.querySelectorAll(".work-table[data-table]").forEach(function (table) {
      table.addEventListener("dragover", function (event) { event.preventDefault(); table.classList.add("drop-target"); });
      table.addEventListener("dragleave", function () { table.classList.remove("drop-target"); });
      table.addEventListener("drop", function (event) {
        event.preventDefault();
        var who = event.dataTransfer.getData("text/plain");
        if (!who) { return; }
        moveForm.querySelector("[name=participant]").value = who;
        moveForm.querySelector("[name=table]").value = table.getAttribute("data-table");
        moveForm.submit();
      });
    });
  }
});
