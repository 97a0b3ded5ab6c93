// Keeps this user's "has the article open" mark fresh and shows who else has it open.
(function () {
  "use strict";
  var box = document.getElementById("editing-others");
  if (!box || !box.dataset.url) return;
  function refresh() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { others: [] }; })
      .then(function (data) {
        if (data.others && data.others.length) {
          box.textContent = box.dataset.template.replace("%(names)s", data.others.join(", "));
          box.hidden = false;
        } else {
          box.hidden = true;
        }
      })
      .catch(function () {});
  }
  setInterval(refresh, 30000);
})();
