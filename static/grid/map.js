// Grid map: cells as vector layers (WGS-84, as stored), filled per village, outlined per zone, with
// village names. Base tiles only when a tile URL is configured (maps.js), so it works on a closed
// network.
(function () {
  const el = document.getElementById("grid-map");
  if (!el || !window.L || !window.ZhifaMap) return;
  const center = el.dataset.center.split(",").map(Number);
  const map = L.map(el, { zoomControl: true, attributionControl: true, zoomSnap: 0.25 }).setView(center, 13);
  map.attributionControl.setPrefix(false);
  window.ZhifaMap.tiles(map, el);
  const info = document.getElementById("cell-info");
  const esc = window.ZhifaMap.escape;
  const palette = ["#a5d8ff", "#b2f2bb", "#ffec99", "#ffc9c9", "#d0bfff", "#99e9f2", "#ffd8a8", "#eebefa", "#c3fae8", "#d8f5a2"];
  const fill = (code) => palette[parseInt(code, 10) % palette.length];
  const byVillage = {};
  let selected = null;
  const baseStyle = (f) => ({ color: f.properties.color, weight: 1, opacity: 0.7, fillColor: fill(f.properties.village_code), fillOpacity: 0.55 });
  function show(layer) {
    const p = layer.feature.properties;
    if (selected) selected.setStyle(baseStyle(selected.feature));
    selected = layer;
    layer.setStyle({ weight: 3, opacity: 1, fillOpacity: 0.85 });
    layer.bringToFront();
    info.innerHTML = `<div class="fw-bold mb-1">${esc(p.name)}</div>
      <dl class="row mb-0 small"><dt class="col-5">网格编码</dt><dd class="col-7 font-monospace">${esc(p.code)}</dd>
      <dt class="col-5">村（社区）</dt><dd class="col-7">${esc(p.village)}</dd>
      <dt class="col-5">片区</dt><dd class="col-7">${esc(p.zone)}</dd>
      <dt class="col-5">面积</dt><dd class="col-7">${(p.area_m2 / 10000).toFixed(1)} 公顷</dd></dl>`;
  }
  fetch(el.dataset.cellsUrl, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((data) => {
      const layer = L.geoJSON(data, {
        style: baseStyle,
        onEachFeature: (f, l) => {
          (byVillage[f.properties.village_code] ||= []).push(l);
          l.on("click", () => show(l));
        },
      }).addTo(map);
      const labels = L.layerGroup().addTo(map);
      Object.values(byVillage).forEach((layers) => {
        const name = layers[0].feature.properties.village.replace(/（.*）/, "");
        const at = L.featureGroup(layers).getBounds().getCenter();
        L.marker(at, { interactive: false, icon: L.divIcon({ className: "zhifa-village-label", html: esc(name), iconSize: null }) }).addTo(labels);
      });
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      el.dataset.loaded = String(data.features.length);
    });
  document.querySelectorAll("[data-village]").forEach((b) =>
    b.addEventListener("click", () => {
      const layers = byVillage[b.dataset.village] || [];
      if (!layers.length) return;
      map.fitBounds(L.featureGroup(layers).getBounds(), { padding: [20, 20] });
      show(layers[0]);
    })
  );
  map.on("contextmenu", (e) => {
    fetch(`${el.dataset.locateUrl}?lat=${e.latlng.lat}&lng=${e.latlng.lng}`, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((a) => L.popup().setLatLng(e.latlng).setContent(a.inside ? `${esc(a.village)} · ${esc(a.cell_code)}<br>${esc(a.zone)}片区 ${esc(a.squadron || "")}` : esc(a.message)).openOn(map));
  });
})();
