// The searchable picker (zhifa/core/widgets.py): every select[data-picker] becomes a tom-select
// control. Options come from the page or, with data-picker-url, from a search endpoint answering
// {"results": [{id, label, hint, ...}]}. Keyboard: Tab to focus, type to search, arrows and Enter
// to choose, Backspace to remove the last chosen one.
(function () {
  if (!window.TomSelect) return;

  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const json = (text, fallback) => { try { return text ? JSON.parse(text) : fallback; } catch (e) { return fallback; } };

  // namedItem, not elements[name]: a field named "item" would be the collection's item() method
  const field = (form, name) => (form ? form.elements.namedItem(name) : null);

  function fieldValue(form, name) {
    const el = field(form, name);
    if (!el) return "";
    if (el instanceof RadioNodeList) return Array.from(el).filter((e) => e.checked).map((e) => e.value).join(",");
    if (el.multiple) return Array.from(el.selectedOptions).map((o) => o.value).join(",");
    return el.value;
  }

  function query(el, q) {
    const params = new URLSearchParams({ q: q, limit: "30", ...json(el.dataset.pickerParams, {}) });
    const depends = json(el.dataset.pickerDepends, {});
    Object.entries(depends).forEach(([param, name]) => {
      const v = fieldValue(el.form, name);
      if (v) params.set(param, v);
    });
    return el.dataset.pickerUrl + (el.dataset.pickerUrl.includes("?") ? "&" : "?") + params.toString();
  }

  function init(el) {
    if (el.tomselect) return;
    const multiple = el.dataset.picker === "multiple";
    const remote = Boolean(el.dataset.pickerUrl);
    const valueField = remote ? el.dataset.pickerValue || "id" : "value";
    const labelField = remote ? "label" : "text";
    let choices = 0; // how many choices were made: a search asked before the last one is stale
    const options = {
      maxOptions: 200,
      placeholder: el.dataset.placeholder || "输入文字搜索",
      hidePlaceholder: !multiple,
      // a filter's "全部…" choice stays choosable (data-picker-empty="keep"); a form field's
      // empty choice is the placeholder instead
      allowEmptyOption: el.dataset.pickerEmpty === "keep",
      // closed after each choice (on a phone an open list covers the form); typing reopens it
      closeAfterSelect: true,
      plugins: multiple ? { remove_button: { title: "移除" } } : {},
      render: {
        option: (d, e) => `<div><div>${e(d[labelField])}</div>${d.hint ? `<div class="small text-secondary">${e(d.hint)}</div>` : ""}</div>`,
        item: (d, e) => `<div>${e(d[labelField])}</div>`,
        no_results: () => '<div class="no-results">没有找到符合的选项</div>',
        loading: () => '<div class="no-results">正在搜索…</div>',
      },
    };
    if (remote) {
      Object.assign(options, {
        valueField: valueField,
        labelField: "label",
        searchField: ["label", "hint"],
        preload: "focus",
        shouldLoad: () => true,
        load: function (q, callback) {
          const ts = this;
          const asked = choices;
          // A late answer — asked for before the person's last choice, or for what the box no
          // longer holds (on a busy server the list of everyone, or the name typed, comes back
          // after the name was chosen) — keeps its options but must not open the list the choice
          // closed over the form.
          const answer = (results) => {
            if (ts.isOpen || (choices === asked && q === ts.inputValue())) {
              callback(results);
              return;
            }
            ts.open = () => {}; // tom-select opens the list for any answer while it has the focus
            try {
              callback(results);
            } finally {
              delete ts.open;
            }
          };
          fetch(query(el, q), { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then((r) => (r.ok ? r.json() : { results: [] }))
            .then((data) => answer(data.results || []))
            .catch(() => answer(undefined));
        },
      });
    }
    const ts = new TomSelect(el, options);
    el.dataset.pickerReady = "1";
    // tom-select runs a search 300 ms after the last keystroke, and that search reopens the list
    // and takes the focus — even after a choice was made (Enter) or the person moved on (Tab).
    // It also ignores a blur while the document has no focus (another window, a headless
    // browser). So: a choice or focus moving elsewhere cancels the pending search and ends it.
    const settle = () => {
      if (ts.refreshTimeout) {
        window.clearTimeout(ts.refreshTimeout);
        ts.refreshTimeout = null;
      }
    };
    ts.on("item_add", () => {
      choices += 1;
      settle();
    });
    document.addEventListener("focusin", (e) => {
      if (ts.wrapper.contains(e.target)) return;
      settle();
      if (ts.isFocused) {
        ts.isFocused = false;
        ts.close();
        ts.refreshState();
      }
    });
    // A dependency changed (another field of the form): forget what was loaded for the old value.
    Object.values(json(el.dataset.pickerDepends, {})).forEach((name) => {
      const other = field(el.form, name);
      if (!other || !other.addEventListener) return;
      other.addEventListener("change", () => {
        ts.clearOptions();
        ts.loadedSearches = {};
        ts.load("");
      });
    });
  }

  function initAll(root) {
    (root || document).querySelectorAll("select[data-picker]").forEach(init);
  }

  initAll(document);
  // htmx swaps in new forms: enhance their pickers too.
  document.addEventListener("htmx:afterSwap", (e) => initAll(e.target));
  window.ZhifaPicker = { init: init, initAll: initAll, escape: esc };
})();
