// Phone check-in: the browser's geolocation (WGS-84) fills the hidden fields; no position, no check-in.
(function () {
  const status = document.getElementById("geo-status");
  if (!status) return;
  const submit = document.getElementById("ci-submit");
  if (!navigator.geolocation) { status.textContent = "此浏览器不支持定位，无法签到"; return; }
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      const { latitude, longitude, accuracy } = pos.coords;
      document.getElementById("ci-lat").value = latitude;
      document.getElementById("ci-lng").value = longitude;
      document.getElementById("ci-acc").value = accuracy;
      document.querySelectorAll(".geo-lat").forEach((e) => (e.value = latitude));
      document.querySelectorAll(".geo-lng").forEach((e) => (e.value = longitude));
      status.textContent = `已定位：${latitude.toFixed(5)}, ${longitude.toFixed(5)}（精度约 ${Math.round(accuracy)} 米）`;
      status.classList.add("text-success");
      submit.disabled = false;
    },
    (err) => { status.textContent = "未能获取位置：" + (err.code === 1 ? "请在浏览器中允许定位" : "请到室外或稍后重试"); status.classList.add("text-danger"); },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 }
  );
})();
