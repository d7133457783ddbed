// What every Leaflet map of the house shares: the base map when one is configured
// (ZHIFA_TILE_URL / _KEY / _ATTRIBUTION / _SUBDOMAINS, passed as data-tiles) and the grid's cell
// outlines from the grid API (data-cells-url), which are the base when there is none.
(function () {
  if (!window.L) return;
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const config = (el) => { try { return JSON.parse(el.dataset.tiles || "{}"); } catch (e) { return {}; } };

  function tiles(map, el) {
    const cfg = config(el);
    if (!cfg.url) return false;
    L.tileLayer(cfg.url, {
      maxZoom: 19,
      subdomains: cfg.subdomains || "abc",
      tk: cfg.key || "",
      key: cfg.key || "",
      attribution: esc(cfg.attribution || ""),
    }).addTo(map);
    return true;
  }

  // The cells as thin outlines (not clickable: a click goes to the map underneath).
  function outlines(map, url, options) {
    const opts = options || {};
    if (!url) return Promise.resolve(null);
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : { features: [] }))
      .then((data) => {
        if (!data.features || !data.features.length) return null;
        const layer = L.geoJSON(data, {
          interactive: false,
          style: (f) => ({ color: f.properties.color || "#206bc4", weight: 1, opacity: 0.55, fillColor: f.properties.color || "#206bc4", fillOpacity: opts.fill ?? 0.05 }),
        }).addTo(map);
        layer.bringToBack();
        return layer;
      })
      .catch(() => null);
  }

  // A map on `el` with its base and the grid drawn; resolves with {map, grid} once the grid is in.
  function create(el, options) {
    const opts = options || {};
    const cfg = config(el);
    const map = L.map(el, { attributionControl: Boolean(cfg.attribution), zoomSnap: 0.25, keyboard: true });
    if (map.attributionControl) map.attributionControl.setPrefix(false);
    tiles(map, el);
    const center = (el.dataset.center || "").split(",").map(Number);
    if (opts.center) map.setView(opts.center, opts.zoom || 15);
    else if (center.length === 2 && center[0]) map.setView(center, opts.zoom || 12);
    const ready = outlines(map, el.dataset.cellsUrl, opts).then((grid) => {
      el.dataset.gridLoaded = grid ? String(grid.getLayers().length) : "0";
      return { map: map, grid: grid };
    });
    return { map: map, ready: ready };
  }

  window.ZhifaMap = { create: create, tiles: tiles, outlines: outlines, escape: esc };
})();
