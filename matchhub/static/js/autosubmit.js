// Controls marked data-autosubmit submit their form when changed (the sort order of the
// search results): a static script, as the Content-Security-Policy allows no inline handlers.
(function () {
  document.querySelectorAll("[data-autosubmit]").forEach(function (control) {
    control.addEventListener("change", function () { control.form.submit(); });
  });
})();
