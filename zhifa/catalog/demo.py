"""Demo catalog for the demo towns (idempotent): departments, then the power list through the same
import path an admin uses (``catalog_import_rows``), so the demo list is valid by construction."""

from __future__ import annotations

import importlib

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


def domains_ensure() -> None:
    """The 11 domains of migration 0002 (a flushed test database loses migration data)."""
    from .models import Domain

    for sort, (code, name) in enumerate(
        importlib.import_module("zhifa.catalog.migrations.0002_domains").DOMAINS, 1
    ):
        Domain.objects.get_or_create(code=code, defaults={"name": name, "sort": sort})


def seed() -> None:
    domains_ensure()
    for town in Town.objects.filter(code__in=["140924101", "140924103"]).order_by("code"):
        seed_departments(town)
        codes = None if town.code == "140924101" else SECOND_TOWN_CODES
        catalog_import_rows(town=town, actor=None, data=demo_rows(codes))
        lexicons_seed(town)


def lexicons_seed(town: Town) -> None:
    """The demo items' everyday words (idempotent: an item keeps words staff already changed)."""
    from .demo_lexicons import LEXICONS
    from .models import PowerItem
    from .services import item_lexicon_update

    for item in PowerItem.all_towns.filter(town=town, code__in=LEXICONS, lexicon=""):
        item_lexicon_update(item=item, actor=None, text=LEXICONS[item.code])
