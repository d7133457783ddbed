// The triage page's small map of the lead's point (data-lat/data-lng on #lead-map).
(function () {
  const el = document.getElementById('lead-map');
  if (!el || typeof L === 'undefined') return;
  const p = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)];
  const map = L.map(el, {attributionControl: false}).setView(p, 15);
  L.circleMarker(p, {radius: 9, color: '#d63939', weight: 3, fillOpacity: .5}).addTo(map);
})();
