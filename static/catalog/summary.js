// The catalog summary's chart: items per domain, stacked by type. The rows come from a
// json_script block (data, never code).
(function () {
  const el = document.getElementById("domain-chart");
  const source = document.getElementById("domain-rows");
  if (!el || !source || !window.echarts) return;
  const rows = JSON.parse(source.textContent);
  const chart = echarts.init(el, null, { locale: "ZH" });
  const series = [["penalty", "行政处罚"], ["inspection", "行政检查"], ["coercion", "行政强制"], ["other", "其他"]]
    .map(([key, name]) => ({ name, type: "bar", stack: "n", data: rows.map((r) => r[key]) }));
  chart.setOption({
    tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 30, right: 10, top: 30, bottom: 50 },
    xAxis: { type: "category", data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 40 } },
    yAxis: { type: "value", minInterval: 1 }, series,
  });
  window.addEventListener("resize", () => chart.resize());
})();
