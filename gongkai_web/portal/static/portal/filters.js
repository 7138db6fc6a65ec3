// The search filters of the public column (portal/column/_filters.html) are a <details>: closed on a
// phone, so that the results are in view under the search box, and opened here on a wide screen, where
// they fit in rows beside each other. Without this script they stay closed; the summary says how many
// are chosen, and one click opens them.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    var found = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < found.length; i++) found[i].open = wide.matches;
  }
  apply(); // deferred: the page is parsed
  if (wide.addEventListener) wide.addEventListener("change", apply);
})();
