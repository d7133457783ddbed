// The conclusion form: the order fields (item, requirements, days) show only for "责令限期改正".
(function () {
  const form = document.querySelector('[data-testid="finish"]');
  if (!form) return;
  const orderFields = ['violation_item', 'requirements', 'days']
    .map(function (name) { return form.querySelector('[data-field="' + name + '"]'); })
    .filter(Boolean);
  function sync() {
    const chosen = form.querySelector('input[name="result"]:checked');
    const show = chosen && chosen.value === 'order';
    orderFields.forEach(function (el) { el.hidden = !show; });
  }
  form.addEventListener('change', sync);
  sync();
})();
