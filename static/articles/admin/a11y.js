// Names for the admin's widgets that have none, so a screen reader says what each one is:
// Select2's autocomplete boxes (their combobox, list and search field get the field's label)
// and the lead-story checkboxes of the article list (the column and the row's title).
// Select2 builds and rebuilds its markup after the page loads, so this runs again on changes.
(function () {
  "use strict";

  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/[:\s]+$/, "").trim() : "";
  }

  function nameSelect2(select) {
    var name = labelText(select.id);
    var container = select.nextElementSibling;
    if (!name || !container || !container.classList.contains("select2")) {
      return;
    }
    container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field')
      .forEach(function (element) {
        if (element.getAttribute("aria-label") !== name) {
          element.setAttribute("aria-label", name);
        }
      });
    // The chosen items of a multiple select are laid out as a list inside the combobox, which
    // has no list semantics to give: presentational, so the combobox's own name is what is read.
    container.querySelectorAll(".select2-selection__rendered, .select2-selection__rendered > li").forEach(
      function (element) {
        if (element.tagName === "UL" || element.tagName === "LI") {
          element.setAttribute("role", "none");
        }
      }
    );
  }

  function nameListCheckboxes() {
    var header = document.querySelector("#result_list thead th.column-is_featured");
    var column = header ? header.textContent.trim() : "";
    document.querySelectorAll('#result_list input[type="checkbox"][id$="-is_featured"]').forEach(function (box) {
      if (box.hasAttribute("aria-label")) {
        return;
      }
      var row = box.closest("tr");
      var title = row && row.querySelector("th a, td.field-title a");
      box.setAttribute("aria-label", column + (title ? ": " + title.textContent.trim() : ""));
    });
  }

  // A tabular inline (the byline's authors) labels its columns with header cells, not <label>s.
  function nameTabularInputs() {
    document.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            var name = headers[index] || "";
            if (name && !field.hasAttribute("aria-label") && !labelText(field.id)) {
              field.setAttribute("aria-label", name);
            }
          });
        });
      });
    });
  }

  function run() {
    document.querySelectorAll("select.admin-autocomplete").forEach(nameSelect2);
    nameListCheckboxes();
    nameTabularInputs();
  }

  var pending = false;
  function later() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        run();
      });
    }
  }

  window.addEventListener("load", function () {
    run();
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
  });
})();
