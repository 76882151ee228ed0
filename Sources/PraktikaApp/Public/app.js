// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Bring keyboard and screen-reader focus to the list of problems after a failed save.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) { summary.focus(); }
  // Filters apply as soon as a select changes.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
