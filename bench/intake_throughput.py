"""12345 intake acceptance throughput on PostgreSQL, beside a bare Django view inserting one row,
in the same run: gunicorn (2 workers, persistent DB connections) on a free loopback port and a
bounded Python load generator (keep-alive connections, fixed request count, time cap).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhifa_intake .venv/bin/python bench/intake_throughput.py
Env: BENCH_REQUESTS (per target, default 2000), BENCH_CLIENTS (default 8), BENCH_SECONDS (cap, 60).
Each accepted order is validated, located (GCJ-02 → WGS-84 → grid cell → squadron), numbered,
written with its first chained event and its 12345 clocks, and its triage task enqueued on commit.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")

import django  # noqa: E402

django.setup()

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))


def prepare() -> str:
    from django.core.management import call_command
    from django.db import connection

    from zhifa.accounts import demo as accounts_demo
    from zhifa.accounts.services import token_create, user_create
    from zhifa.catalog import demo as catalog_demo
    from zhifa.grid import demo as grid_demo
    from zhifa.team import demo as team_demo

    call_command("migrate", verbosity=0)
    for seed in (accounts_demo.seed, catalog_demo.seed, grid_demo.seed, team_demo.seed):
        seed()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_intake_bare (id bigserial PRIMARY KEY, "
            "order_no text, body text, at timestamptz)"
        )
    from django.contrib.auth import get_user_model

    from zhifa.core.models import Town

    town = Town.objects.get(code="140924101")
    user = get_user_model().objects.filter(username="bench12345").first() or user_create(
        username="bench12345",
        full_name="12345平台接口（压测）",
        password=uuid.uuid4().hex,
        town=town,
        roles=[],
    )
    _, raw = token_create(user=user, name="12345 压测", scopes=["12345"])
    return raw


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port: int, path: str, headers: dict[str, str], body_for) -> tuple[int, float, int]:
    """Send REQUESTS posts from CLIENTS keep-alive connections; returns (ok, seconds, errors)."""
    counter = iter(range(REQUESTS))
    lock = threading.Lock()
    ok = errors = 0
    deadline = time.perf_counter() + SECONDS

    def worker() -> None:
        nonlocal ok, errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            body, extra = body_for(n)
            conn.request("POST", path, body=body, headers={**headers, **extra})
            response = conn.getresponse()
            response.read()
            with lock:
                if response.status in (200, 201):
                    ok += 1
                else:
                    errors += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ok, time.perf_counter() - started, errors


def main() -> None:
    from zhifa.grid.datum import wgs84_to_gcj02

    token = prepare()
    run = uuid.uuid4().hex[:8]
    port = free_port()
    env = {**os.environ, "ZHIFA_DEBUG": "0", "ZHIFA_CONN_MAX_AGE": "600"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "bench.intake_bare_app:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--chdir",
            str(ROOT),
        ],
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        lat, lng = wgs84_to_gcj02(39.175, 113.265)
        text = "村民来电反映：同路村北山有人私自开采铁矿石，挖掘机昼夜作业，请尽快制止。"

        def order(n: int):
            body = {
                "gdbh": f"BENCH-{run}-{n}",
                "sqnr": text,
                "sfdz": "同路村北山",
                "zb": {"wd": lat, "jd": lng, "zbx": "gcj02"},
                "ldr": {"xm": "压测", "dh": "13800000000"},
            }
            return json.dumps(body, ensure_ascii=False).encode(), {}

        def bare(n: int):
            return order(n)[0], {"X-Order": f"BENCH-{run}-{n}"}

        json_headers = {"Content-Type": "application/json"}
        load(port, "/bench/bare", json_headers, bare)  # warm both workers
        b_ok, b_s, b_err = load(port, "/bench/bare", json_headers, bare)
        auth = {**json_headers, "Authorization": f"Bearer {token}"}
        load(port, "/api/v1/12345/orders", auth, lambda n: order(n + 10_000_000))  # warm
        i_ok, i_s, i_err = load(port, "/api/v1/12345/orders", auth, order)
    finally:
        server.terminate()
        server.wait(timeout=10)
    bare_rps, intake_rps = b_ok / b_s, i_ok / i_s
    print(f"gunicorn 2 workers, {CLIENTS} keep-alive clients, PostgreSQL, {os.cpu_count()} cores")
    print(
        f"bare Django insert view : {b_ok} requests in {b_s:.2f} s = {bare_rps:.0f} req/s ({b_err} errors)"
    )
    print(
        f"12345 order acceptance  : {i_ok} orders in {i_s:.2f} s = {intake_rps:.0f} orders/s ({i_err} errors)"
    )
    print(f"ratio acceptance / bare : {intake_rps / bare_rps:.2f}")


if __name__ == "__main__":
    main()
