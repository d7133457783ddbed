// The cockpit's map heat: the town's grid cells filled by the cases registered in the period,
// per cell or per village (toggle), with a legend; a click opens the list of those cases.
// Data from data-url (GeoJSON of the cells with counts); the base map only when configured
// (maps.js). Labels are built with textContent, never from HTML strings.
(function () {
  const el = document.getElementById("heat-map");
  if (!el || !window.L || !window.ZhifaMap) return;
  const legend = document.getElementById("heat-legend");
  const info = document.getElementById("heat-info");
  const colors = ["#f1f3f5", "#ffe8cc", "#ffc078", "#ff922b", "#f76707", "#c92a2a"];
  let mode = "cell";
  let layer = null;
  let max = { cell: 0, village: 0 };

  const count = (p) => (mode === "cell" ? p.n : p.village_n);
  const openCount = (p) => (mode === "cell" ? p.open : p.village_open);
  function shade(n) {
    const top = max[mode];
    if (!n || !top) return colors[0];
    return colors[Math.min(colors.length - 1, 1 + Math.floor(((colors.length - 1) * (n - 1)) / top))];
  }
  const style = (f) => ({ color: "#495057", weight: 0.6, opacity: 0.7, fillColor: shade(count(f.properties)), fillOpacity: 0.8 });

  function drawLegend() {
    legend.replaceChildren();
    const top = max[mode];
    const steps = colors.length - 1;
    const parts = [["无", colors[0]]];
    for (let i = 1; i <= steps && top; i++) {
      const lo = Math.floor(((i - 1) * top) / steps) + 1;
      const hi = Math.max(lo, Math.floor((i * top) / steps));
      if (lo > top) break;
      parts.push([lo === hi ? String(lo) : `${lo}–${hi}`, colors[i]]);
    }
    parts.forEach(([label, color]) => {
      const item = document.createElement("span");
      item.className = "me-2 text-nowrap";
      const swatch = document.createElement("span");
      swatch.className = "zhifa-swatch";
      swatch.style.background = color;
      item.append(swatch, document.createTextNode(label));
      legend.append(item);
    });
  }

  function show(p) {
    info.replaceChildren();
    const title = document.createElement("div");
    title.className = "fw-bold";
    title.textContent = mode === "cell" ? `${p.village} · ${p.name || p.code}` : p.village;
    const line = document.createElement("div");
    line.className = "small";
    line.textContent = `期内登记案件 ${count(p)} 件，其中在办 ${openCount(p)} 件`;
    info.append(title, line);
    if (count(p)) {
      const link = document.createElement("a");
      const url = new URL(el.dataset.drill, window.location.origin);
      url.searchParams.set(mode === "cell" ? "cell" : "village", mode === "cell" ? p.code : p.village_code);
      link.href = url.pathname + url.search;
      link.className = "small";
      link.textContent = "查看案件清单";
      info.append(link);
    }
  }

  const made = window.ZhifaMap.create(el, {});
  const map = made.map;
  fetch(el.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : { features: [] }))
    .then((data) => {
      (data.features || []).forEach((f) => {
        max.cell = Math.max(max.cell, f.properties.n);
        max.village = Math.max(max.village, f.properties.village_n);
      });
      layer = L.geoJSON(data, {
        style: style,
        onEachFeature: (f, l) => {
          l.on("click", () => show(f.properties));
          l.bindTooltip(() => `${ZhifaMap.escape(mode === "cell" ? f.properties.name || f.properties.code : f.properties.village)}：${count(f.properties)} 件`, { sticky: true });
        },
      }).addTo(map);
      if (data.features && data.features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      else map.setView([39.18, 113.27], 12);
      const unplaced = document.getElementById("heat-unplaced");
      if (unplaced) unplaced.textContent = String(data.unplaced || 0);
      drawLegend();
      el.dataset.loaded = String((data.features || []).length);
    });

  document.querySelectorAll("[data-heat-mode]").forEach((button) =>
    button.addEventListener("click", () => {
      mode = button.dataset.heatMode;
      document.querySelectorAll("[data-heat-mode]").forEach((b) => b.classList.toggle("active", b === button));
      if (layer) layer.setStyle(style);
      drawLegend();
      info.replaceChildren();
    })
  );
})();
