"""A local 12345 platform for the tests and the demo: a small stand-alone HTTP server.

It speaks the Shanxi wire format (``bridge.ShanxiAdapter``): it pushes orders to Zhifa
(``push_order``), receives sign-for / send-back / extension / reply / close messages at
``POST /gd/<order>/<action>`` and acknowledges them with ``{"code": "0"}``, and can be told to be
down (``POST /control/down`` → every message gets HTTP 503) and up again (``/control/up``).
``GET /messages`` lists what it received. Run it with ``manage.py simulate_12345``.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote


class PlatformState:
    def __init__(self) -> None:
        self.down = False
        self.messages: list[dict[str, Any]] = []
        self.refused = 0
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server: Simulator

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        state = self.server.state
        if self.path == "/messages":
            with state.lock:
                self._answer(200, {"down": state.down, "messages": state.messages})
            return
        self._answer(404, {"code": "404", "msg": "not found"})

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path in ("/control/down", "/control/up"):
            state.down = self.path.endswith("down")
            self._answer(200, {"code": "0", "down": state.down})
            return
        if state.down:
            with state.lock:
                state.refused += 1
            self._answer(503, {"code": "503", "msg": "平台维护中"})
            return
        parts = [unquote(p) for p in self.path.strip("/").split("/")]
        if len(parts) != 3 or parts[0] != "gd":
            self._answer(404, {"code": "404", "msg": "未知接口"})
            return
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            self._answer(400, {"code": "400", "msg": "报文格式错误"})
            return
        with state.lock:
            duplicate = any(m["body"].get("xxid") == body.get("xxid") for m in state.messages)
            if not duplicate:
                state.messages.append({"order": parts[1], "action": parts[2], "body": body})
        self._answer(200, {"code": "0", "msg": "成功"})


class Simulator(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__((host, port), Handler)
        self.state = PlatformState()
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Simulator:
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def set_down(self, down: bool) -> None:
        self.state.down = down

    def received(self, order_no: str | None = None) -> list[dict[str, Any]]:
        with self.state.lock:
            return [m for m in self.state.messages if order_no in (None, m["order"])]


def order_payload(
    *,
    order_no: str,
    text: str,
    address: str = "",
    lat: float | None = None,
    lng: float | None = None,
    datum: str = "gcj02",
    caller: tuple[str, str] = ("", ""),
    due: str = "",
) -> dict[str, Any]:
    """An order as the platform sends it (Shanxi wire format)."""
    body: dict[str, Any] = {"gdbh": order_no, "sqnr": text, "sfdz": address}
    if lat is not None and lng is not None:
        body["zb"] = {"wd": lat, "jd": lng, "zbx": datum}
    if caller[0] or caller[1]:
        body["ldr"] = {"xm": caller[0], "dh": caller[1]}
    if due:
        body["blsx"] = due
    return body


def push_order(*, zhifa_url: str, token: str, order: dict[str, Any]) -> dict[str, Any]:
    """Push one order to Zhifa's bridge as the platform does; returns Zhifa's answer."""
    request = urllib.request.Request(
        zhifa_url.rstrip("/") + "/api/v1/12345/orders",
        data=json.dumps(order, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))
