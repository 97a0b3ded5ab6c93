// Share buttons on the article page: copy the link, print. Bound here because the CSP forbids inline handlers.
(function () {
  "use strict";

  function copied(button) {
    var label = button.getAttribute("data-copied-label");
    if (!label) return;
    var original = button.textContent;
    button.textContent = label;
    window.setTimeout(function () { button.textContent = original; }, 2000);
  }

  function copyLink(button) {
    var url = button.getAttribute("data-url") || window.location.href;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { copied(button); }, function () {
        window.prompt(button.getAttribute("data-prompt-label") || "", url);
      });
    } else {
      // Plain-HTTP sites have no clipboard API: let the reader copy from a prompt.
      window.prompt(button.getAttribute("data-prompt-label") || "", url);
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var copy = target.closest("[data-copy-link]");
    if (copy) {
      event.preventDefault();
      copyLink(copy);
      return;
    }
    var print = target.closest("[data-print]");
    if (print) {
      event.preventDefault();
      window.print();
    }
  });

  // Buttons that need script stay hidden (the hidden attribute) until it runs.
  var buttons = document.querySelectorAll("[data-copy-link], [data-print]");
  for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
})();
