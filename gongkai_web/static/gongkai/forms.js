// A form sent back with errors opens with its error summary focused, so a screen reader reads what
// to correct and the keyboard starts there; each entry links to its field (the server renders it all,
// this only moves the focus).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    var panel = summary.closest("details");
    if (panel) panel.open = true;
    summary.focus();
  });
})();
