"""Benchmark: import a generated 1,000-row power list into a fresh town; prints seconds (< 10 s).

Run: .venv/bin/python bench/catalog_import.py   (uses a throwaway SQLite database unless
DATABASE_URL is set, in which case it uses a temporary town in that database and removes nothing).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["ZHIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="zhifa-bench-")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "1000"))


def main() -> None:
    call_command("migrate", verbosity=0)
    from zhifa.catalog.demo_departments import seed_departments
    from zhifa.catalog.demo_items import ITEMS
    from zhifa.catalog.excel import catalog_export, catalog_import
    from zhifa.catalog.models import PowerItem
    from zhifa.core.models import Town

    town, _ = Town.objects.update_or_create(
        code="140924199",
        defaults={
            "name": "压测镇",
            "county_name": "繁峙县",
            "agency_name": "繁峙县压测镇人民政府",
            "team_name": "压测镇综合行政执法队",
            "doc_prefix": "繁测",
            "county_government": "繁峙县人民政府",
        },
    )
    seed_departments(town)
    from tests.catalog.conftest import workbook

    rows = []
    for n in range(ROWS):
        row = dict(ITEMS[n % len(ITEMS)])
        row["序号"] = n + 1
        row["事项编码"] = f"BENCH-{n + 1:04d}"
        rows.append(row)
    content = workbook(rows)
    started = time.perf_counter()
    result = catalog_import(town=town, actor=None, content=content)
    elapsed = time.perf_counter() - started
    print(f"import {ROWS} rows ({len(content) // 1024} KB): {elapsed:.2f} s — {result.message}")
    started = time.perf_counter()
    catalog_import(town=town, actor=None, content=content)
    print(f"re-import unchanged {ROWS} rows: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    exported = catalog_export(town=town)
    print(
        f"export {PowerItem.all_towns.filter(town=town).count()} items: {time.perf_counter() - started:.2f} s ({len(exported) // 1024} KB)"
    )


if __name__ == "__main__":
    main()
