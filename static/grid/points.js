// A map of points (cases, leads) over the grid's outlines: every div.zhifa-points-map with
// data-markers naming a json_script of [{lat, lng, title, url, lines: [..]}], or one point in
// data-lat / data-lng. Popups are built as DOM nodes with textContent, never from HTML strings,
// so nothing in the data can run.
(function () {
  if (!window.L || !window.ZhifaMap) return;

  function popup(m) {
    const box = document.createElement("div");
    box.className = "zhifa-popup";
    const title = document.createElement(m.url ? "a" : "strong");
    if (m.url && /^\/[^/]/.test(m.url)) title.href = m.url; // same-site paths only
    title.textContent = m.title || "";
    box.append(title);
    (m.lines || []).forEach((line) => {
      const div = document.createElement("div");
      div.className = "small text-secondary";
      div.textContent = line;
      box.append(div);
    });
    return box;
  }

  function setup(el) {
    const source = document.getElementById(el.dataset.markers);
    let markers = [];
    try { markers = source ? JSON.parse(source.textContent) : []; } catch (e) { markers = []; }
    if (el.dataset.lat && el.dataset.lng) markers.push({ lat: parseFloat(el.dataset.lat), lng: parseFloat(el.dataset.lng) });
    const made = ZhifaMap.create(el, {});
    const map = made.map;
    const pts = [];
    markers.forEach((m) => {
      if (m.lat == null || m.lng == null) return;
      const p = [m.lat, m.lng];
      pts.push(p);
      const marker = L.circleMarker(p, { radius: 8, color: el.dataset.color || "#206bc4", weight: 3, fillOpacity: 0.6 }).addTo(map);
      if (m.title) marker.bindPopup(() => popup(m));
    });
    if (pts.length) map.fitBounds(pts, { padding: [30, 30], maxZoom: 15 });
    made.ready.then((r) => {
      if (!pts.length) {
        if (r.grid) map.fitBounds(r.grid.getBounds(), { padding: [8, 8] });
        else if (!map._loaded) map.setView([39.18, 113.27], 12);
      }
      el.dataset.ready = String(pts.length);
    });
  }

  document.querySelectorAll(".zhifa-points-map").forEach(setup);
})();
