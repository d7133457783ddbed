// The grid member's phone report: "获取当前位置" fills the hidden lat/lng (GPS, WGS-84).
(function () {
  const button = document.getElementById("locate-btn");
  if (!button) return;
  button.addEventListener("click", function () {
    const status = document.getElementById("locate-status");
    if (!navigator.geolocation) { status.textContent = "此浏览器不支持定位，请填写地点"; return; }
    status.textContent = "正在定位…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_lat").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_lng").value = pos.coords.longitude.toFixed(6);
      status.textContent = "已定位：" + pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5) + "（精度约 " + Math.round(pos.coords.accuracy) + " 米，WGS-84）";
    }, function () { status.textContent = "定位失败，请填写地点"; }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
