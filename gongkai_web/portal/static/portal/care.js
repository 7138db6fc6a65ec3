// The 适老化 switch (ecosystem §5.3): larger text and high contrast, kept in a cookie so the server
// renders every later page that way (base.html reads it). Without this script the switch is a plain
// link (/care/?on=1) that sets the same cookie and comes back; with it, the page changes in place.
(function () {
  "use strict";
  var COOKIE = "gk_care";
  var YEAR = 365 * 24 * 3600;
  function set(on, link) {
    document.documentElement.classList.toggle("care", on);
    document.cookie = COOKIE + "=" + (on ? "1" : "") + "; path=/; max-age=" + (on ? YEAR : 0) + "; samesite=lax";
    link.textContent = on ? link.dataset.offText : link.dataset.onText;
    link.href = link.href.replace(/([?&])on=[01]/, "$1on=" + (on ? "0" : "1"));
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-care-switch]");
    if (!link) return;
    event.preventDefault();
    set(!document.documentElement.classList.contains("care"), link);
  });
})();
