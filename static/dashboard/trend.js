// The cockpit's monthly trend: cases registered and closed per month (data in #trend-data).
(function () {
  const el = document.getElementById("trend-chart");
  const data = JSON.parse(document.getElementById("trend-data").textContent);
  if (!el || !window.echarts) return;
  const chart = echarts.init(el, null, {locale: "ZH"});
  chart.setOption({
    tooltip: {trigger: "axis"}, legend: {top: 0},
    grid: {left: 36, right: 12, top: 30, bottom: 40},
    xAxis: {type: "category", data: data.labels},
    yAxis: {type: "value", minInterval: 1},
    series: [
      {name: "登记", type: "bar", data: data.registered},
      {name: "结案", type: "line", data: data.closed},
    ],
  });
  window.addEventListener("resize", () => chart.resize());
})();
