"""Demo catalog for the demo towns (idempotent): departments, then the power list through the same
import path an admin uses (``catalog_import_rows``), so the demo list is valid by construction."""

from __future__ import annotations

from zhifa.core.models import Town

from .demo_departments import seed_departments
from .demo_items import ITEMS
from .excel import catalog_import_rows

# The second town holds a smaller list: enough to prove that each town has its own (一镇一清单).
SECOND_TOWN_CODES = {
    "SH-ZJ-001",
    "SH-ZJ-005",
    "SH-ZJ-004",
    "SH-ST-001",
    "SH-XF-001",
    "SH-ZR-001",
    "SH-ZR-006",
}


def demo_rows(codes: set[str] | None = None) -> list[tuple[int, dict]]:
    rows = [dict(r) for r in ITEMS if codes is None or r["事项编码"] in codes]
    for sort, values in enumerate(rows, start=1):
        values["序号"] = sort
    return [(n + 3, values) for n, values in enumerate(rows)]


def seed() -> None:
    for town in Town.objects.filter(code__in=["140924101", "140924103"]).order_by("code"):
        seed_departments(town)
        codes = None if town.code == "140924101" else SECOND_TOWN_CODES
        catalog_import_rows(town=town, actor=None, data=demo_rows(codes))
