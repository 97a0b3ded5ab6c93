// Posts a comment to the article's discussion without leaving the change form, so unsaved edits stay.
// Without this script the form posts normally and the server brings the person back to the thread.
(function () {
  "use strict";
  var form = document.getElementById("discussion-form");
  if (!form || !window.fetch) return;
  var thread = document.getElementById("discussion-thread");
  var empty = document.getElementById("discussion-empty");
  var error = document.getElementById("discussion-error");
  var button = document.getElementById("discussion-send");
  var text = form.querySelector("textarea");

  function fail(message) {
    error.textContent = message || form.dataset.failed;
    error.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    error.hidden = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        // Anything but our JSON (a login page after the session ended, a proxy's error) is a failure.
        if (!json) throw new Error("not json");
        return response.json().then(function (data) {
          if (!response.ok || !data.html) return fail(data.error);
          thread.insertAdjacentHTML("beforeend", data.html);
          empty.hidden = true;
          text.value = "";
          var added = document.getElementById(data.anchor);
          if (added && added.scrollIntoView) added.scrollIntoView({ block: "nearest" });
        });
      })
      .catch(function () { fail(); })
      .then(function () { button.disabled = false; });
  });
})();
