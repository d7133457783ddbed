"""Benchmark: locate() over a county-sized grid of 100,000 generated cells.

Builds a jittered lattice of 100,000 polygons (~316 × 316 cells of ~150 m, about a county of
2,200 km²), loads it into the same ``GridIndex`` (shapely STRtree) that ``locate`` caches per town,
then answers random points, 85 % inside and 15 % outside, and prints points per second.
Needs ≥ 10,000 points/s. Run: ``.venv/bin/python bench/grid_locate.py [cells] [points]``.
"""

from __future__ import annotations

import os
import random
import sys
import time
from types import SimpleNamespace

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.conf import settings  # noqa: E402

from zhifa.grid import locate as locate_module  # noqa: E402
from zhifa.grid.locate import GridIndex, locate  # noqa: E402

LAT0, LNG0 = 39.30, 113.00
STEP_LAT, STEP_LNG = 0.00135, 0.00174  # ≈150 m at 39° N


def county_rows(n_cells: int, rng: random.Random) -> tuple[list[tuple], int]:
    side = int(n_cells**0.5) + 1
    pts = [
        [
            (
                LNG0
                + c * STEP_LNG
                + (rng.uniform(-0.2, 0.2) * STEP_LNG if 0 < r < side and 0 < c < side else 0),
                LAT0
                - r * STEP_LAT
                + (rng.uniform(-0.2, 0.2) * STEP_LAT if 0 < r < side and 0 < c < side else 0),
            )
            for c in range(side + 1)
        ]
        for r in range(side + 1)
    ]
    rows = []
    for k in range(n_cells):
        r, c = divmod(k, side)
        ring = [pts[r][c], pts[r][c + 1], pts[r + 1][c + 1], pts[r + 1][c], pts[r][c]]
        village = k // 400
        code = f"140924{100 + village // 999:03d}{village % 999 + 1:03d}{k % 400 + 1:03d}"
        rows.append(
            (
                k + 1,
                code,
                f"网格{k + 1}",
                {"type": "Polygon", "coordinates": [ring]},
                village,
                f"村{village}",
                village // 25,
                f"片区{village // 25}",
            )
        )
    return rows, side


def main() -> None:
    n_cells = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_points = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    rng = random.Random(42)
    rows, side = county_rows(n_cells, rng)
    t0 = time.perf_counter()
    index = GridIndex(rows)
    build = time.perf_counter() - t0
    full_rows = n_cells // side
    points = []
    for _ in range(n_points):
        if rng.random() < 0.85:
            points.append(
                (
                    LAT0 - rng.uniform(0.01, full_rows - 0.01) * STEP_LAT,
                    LNG0 + rng.uniform(0.01, side - 0.01) * STEP_LNG,
                )
            )
        else:
            points.append((LAT0 + rng.uniform(0.01, 0.5), LNG0 + rng.uniform(-0.5, 0.5)))
    # 1) the index alone
    t0 = time.perf_counter()
    inside = 0
    for lat, lng in points:
        i = index.find(lat, lng)
        if i is not None:
            index.location(i, lat, lng)
            inside += 1
    elapsed = time.perf_counter() - t0
    # 2) the public locate() with the town's index cached, as every request after the first sees it
    settings.ZHIFA_GRID_INDEX_TTL = 3600
    town = SimpleNamespace(pk=-1)
    locate_module._indexes[town.pk] = ((n_cells, None), time.monotonic(), index)
    t0 = time.perf_counter()
    for lat, lng in points:
        locate(town=town, lat=lat, lng=lng)  # type: ignore[arg-type]
    elapsed_api = time.perf_counter() - t0
    t0 = time.perf_counter()
    for lat, lng in points[:50_000]:
        locate(town=town, lat=lat, lng=lng, datum="gcj02")  # type: ignore[arg-type]
    elapsed_gcj = time.perf_counter() - t0
    print(f"cells: {len(index):,}  index build: {build:.2f} s")
    print(f"points: {n_points:,}  inside: {inside:,}")
    for label, count, seconds in (
        ("GridIndex.find", n_points, elapsed),
        ("locate() wgs84", n_points, elapsed_api),
        ("locate() gcj02", min(n_points, 50_000), elapsed_gcj),
    ):
        rate = count / seconds
        verdict = "OK" if rate >= 10_000 else "TOO SLOW"
        print(
            f"{label:16} {rate:>10,.0f} points/s  ({1e6 / rate:5.1f} µs/point)  target ≥ 10,000: {verdict}"
        )


if __name__ == "__main__":
    main()
