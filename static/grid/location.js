// The location picker (grid/widgets.py LocationInput): a map with the grid's outlines where a
// click or tap sets the point, a search over the town's villages and subjects, and "my location"
// from the browser. It fills the form's lat/lng fields in WGS-84 and says so.
(function () {
  if (!window.L || !window.ZhifaMap) return;

  function setup(box) {
    const form = box.closest("form");
    const field = (name) => (form && name ? form.elements[name] : null);
    const lat = field(box.dataset.latField);
    const lng = field(box.dataset.lngField);
    const datum = field(box.dataset.datumField);
    const address = box.querySelector("input.zhifa-location-address");
    const search = box.querySelector(".zhifa-location-search");
    const results = box.querySelector(".zhifa-location-results");
    const status = box.querySelector(".zhifa-location-status");
    const mapEl = box.querySelector(".zhifa-location-map");
    if (!lat || !lng || !mapEl) return;

    const start = [parseFloat(lat.value), parseFloat(lng.value)];
    const hasStart = !isNaN(start[0]) && !isNaN(start[1]) && (!datum || datum.value === "wgs84");
    const made = ZhifaMap.create(mapEl, hasStart ? { center: start, zoom: 15 } : {});
    const map = made.map;
    let marker = null;

    function describe(p) {
      status.textContent = `已选点：纬度 ${p[0].toFixed(6)}，经度 ${p[1].toFixed(6)}（WGS-84）`;
      if (!box.dataset.locateUrl) return;
      fetch(`${box.dataset.locateUrl}?lat=${p[0]}&lng=${p[1]}`, { credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : null))
        .then((a) => {
          if (!a) return;
          const where = a.inside ? `${a.village} · ${a.cell_name}（${a.cell_code}）` : a.message;
          status.textContent = `已选点：纬度 ${p[0].toFixed(6)}，经度 ${p[1].toFixed(6)}（WGS-84） · ${where}`;
        })
        .catch(() => {});
    }

    function place(p, options) {
      const o = options || {};
      if (marker) marker.setLatLng(p);
      else marker = L.marker(p, { keyboard: false, title: "选定的位置" }).addTo(map);
      if (o.fill !== false) {
        lat.value = p[0].toFixed(6);
        lng.value = p[1].toFixed(6);
        if (datum) datum.value = "wgs84";
        lat.dispatchEvent(new Event("change", { bubbles: true }));
      }
      if (o.pan !== false) map.setView(p, Math.max(map.getZoom() || 0, 15));
      box.dataset.point = `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
      describe(p);
    }

    made.ready.then((r) => {
      if (hasStart) place(start, { fill: false });
      else if (r.grid) map.fitBounds(r.grid.getBounds(), { padding: [8, 8] });
      else if (!map._loaded) map.setView([39.18, 113.27], 12);
      box.dataset.ready = "1";
    });

    map.on("click", (e) => place([e.latlng.lat, e.latlng.lng], { pan: false }));
    // Without a pointer: Enter on the focused map sets the point at its centre.
    mapEl.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      const c = map.getCenter();
      place([c.lat, c.lng], { pan: false });
    });

    box.querySelector(".zhifa-location-here")?.addEventListener("click", () => {
      if (!navigator.geolocation) { status.textContent = "此浏览器不支持定位，请在地图上点选或搜索地点"; return; }
      status.textContent = "正在获取位置…";
      navigator.geolocation.getCurrentPosition(
        (pos) => place([pos.coords.latitude, pos.coords.longitude]),
        (err) => { status.textContent = "未能获取位置：" + (err.code === 1 ? "请在浏览器中允许定位" : "请稍后重试或在地图上点选"); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 }
      );
    });

    box.querySelector(".zhifa-location-clear")?.addEventListener("click", () => {
      if (marker) { map.removeLayer(marker); marker = null; }
      lat.value = ""; lng.value = "";
      delete box.dataset.point;
      status.textContent = "未选点：在地图上点击或轻触设置位置";
    });

    // Typed coordinates (WGS-84) move the marker too.
    [lat, lng].forEach((input) => input.addEventListener("input", () => {
      const p = [parseFloat(lat.value), parseFloat(lng.value)];
      if (isNaN(p[0]) || isNaN(p[1]) || (datum && datum.value !== "wgs84")) return;
      place(p, { fill: false });
    }));

    // Address search: villages and subjects of the town; a choice fills the address and the point.
    let timer = null;
    let found = [];
    function show(rows) {
      found = rows;
      results.replaceChildren();
      rows.forEach((row, i) => {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "list-group-item list-group-item-action";
        b.setAttribute("role", "option");
        b.dataset.index = String(i);
        const name = document.createElement("div");
        name.textContent = row.label;
        const hint = document.createElement("div");
        hint.className = "small text-secondary";
        hint.textContent = row.hint + (row.lat == null ? "（无坐标）" : "");
        b.append(name, hint);
        b.addEventListener("click", () => choose(i));
        results.append(b);
      });
      if (!rows.length && search.value.trim()) {
        const none = document.createElement("div");
        none.className = "list-group-item text-secondary";
        none.textContent = "没有找到，请在地图上点选";
        results.append(none);
      }
    }
    function choose(i) {
      const row = found[i];
      if (!row) return;
      if (address && row.address) address.value = row.address;
      if (row.lat != null && row.lng != null) place([row.lat, row.lng]);
      results.replaceChildren();
      search.value = row.label;
    }
    search?.addEventListener("input", () => {
      clearTimeout(timer);
      const q = search.value.trim();
      if (!q) { show([]); return; }
      timer = setTimeout(() => {
        fetch(`${box.dataset.placesUrl}?q=${encodeURIComponent(q)}`, { credentials: "same-origin" })
          .then((r) => (r.ok ? r.json() : { results: [] }))
          .then((d) => show(d.results || []))
          .catch(() => show([]));
      }, 250);
    });
    search?.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); if (found.length) choose(0); }
      if (e.key === "ArrowDown") { e.preventDefault(); results.querySelector("button")?.focus(); }
    });
    results.addEventListener("keydown", (e) => {
      const items = Array.from(results.querySelectorAll("button"));
      const i = items.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i < items.length - 1) { e.preventDefault(); items[i + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? items[i - 1] : search).focus(); }
    });
  }

  document.querySelectorAll(".zhifa-location").forEach(setup);
})();
