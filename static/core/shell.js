// The page shell's small behaviours, without inline handlers (CSP): a select marked
// data-autosubmit sends its form when changed (the county user's town switch).
(function () {
  document.querySelectorAll("select[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.submit());
  });
})();
