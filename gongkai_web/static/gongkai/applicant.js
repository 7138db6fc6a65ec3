// Progressive enhancement of the application form: show only the fields of the chosen applicant
// type (公民: ID document; 法人或者其他组织: kind, credit code, legal representative). Without this
// script every field shows with a note saying who fills it in, and the server ignores the other
// type's fields, so the form works either way.
(function () {
  "use strict";
  function sync(form) {
    var chosen = form.querySelector('input[name="applicant_type"]:checked');
    form.querySelectorAll("[data-applicant]").forEach(function (field) {
      field.hidden = chosen !== null && field.dataset.applicant !== chosen.value;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "applicant_type" && event.target.form) sync(event.target.form);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector('input[name="applicant_type"]')) sync(form);
    });
  });
})();
