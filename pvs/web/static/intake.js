// pvs web, page "Intake-overzicht": sort the table by a column and filter its rows. Without
// this script the whole table is shown as pvs made it (sorted by name), and readable.
"use strict";
(function () {
  var table = document.querySelector("table.intake-tabel");
  var filters = document.getElementById("intake-filters");
  if (!table || !filters) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = filters.querySelector(".intake-zichtbaar");
  var compare = new Intl.Collator("nl", { numeric: true, sensitivity: "base" }).compare;

  function has(row, attribute, value) {
    return (row.getAttribute(attribute) || "").split(attribute === "data-instellingen" ? "|" : " ")
      .indexOf(value) !== -1;
  }

  function choice(name) {
    return filters.querySelector("[data-filter=" + name + "]").value;
  }

  function filter() {
    var institution = choice("instelling");
    var complete = choice("compleet");
    var flag = choice("vlag");
    var words = choice("tekst").trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!institution || has(row, "data-instellingen", institution)) &&
        (!complete || has(row, "data-compleet", complete)) &&
        (!flag || has(row, "data-vlaggen", flag)) &&
        (!words || row.textContent.toLowerCase().indexOf(words) !== -1);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown === rows.length
      ? "Alle " + rows.length + " rijen zichtbaar."
      : shown + " van de " + rows.length + " rijen zichtbaar.";
  }

  // A cell sorts by its text, or by data-sort where the text does not (what is missing: by
  // how many items, not by the first one).
  function key(cell) {
    var given = cell.getAttribute("data-sort");
    return given === null ? cell.textContent.trim() : given;
  }

  function sortBy(header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var first = key(a.cells[index]);
      var second = key(b.cells[index]);
      if (!first !== !second) return first ? -1 : 1; // empty cells last, either way
      return ascending ? compare(first, second) : compare(second, first);
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "intake-sorteer";
    button.textContent = header.textContent;
    button.title = "Sorteer op " + header.textContent.toLowerCase();
    button.addEventListener("click", function () { sortBy(header, index); });
    header.textContent = "";
    header.appendChild(button);
  });
  Array.prototype.forEach.call(filters.querySelectorAll("[data-filter]"), function (control) {
    control.addEventListener(control.tagName === "SELECT" ? "change" : "input", filter);
  });
  filters.hidden = false;
  filter();
})();
