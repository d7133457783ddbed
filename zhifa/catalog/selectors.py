"""Reads of the catalog: filtered lists, the held annotation, the summary by type/domain/department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from zhifa.core import clock
from zhifa.core.errors import NotFound

from .models import Allocation, Department, Domain, PowerItem


def held_on_q(on: dt.date) -> Any:
    """Annotation: the item is allocated to its town on ``on`` (same rule as item_held_by_town)."""
    return Exists(
        Allocation.all_towns.filter(item=OuterRef("pk"), effective_from__lte=on).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on)
        )
    )


@dataclass
class ItemFilters:
    q: str = ""
    type: str = ""
    domain: str = ""
    department: int | None = None
    held: bool | None = None
    include_retired: bool = False


def item_list(
    *, town: Any, filters: ItemFilters | None = None, on: dt.date | None = None
) -> QuerySet[PowerItem]:
    """The town's items with ``held`` annotated for ``on`` (today by default).

    ``q`` searches the name, code and legal basis (law, article, text) with icontains: lists are a
    few hundred items per town, so no segmentation is needed (DESIGN: Chinese search).
    """
    filters = filters or ItemFilters()
    on = on or clock.today()
    qs = (
        PowerItem.objects.filter(town=town)
        .select_related("department", "domain")
        .annotate(held=held_on_q(on))
        .order_by("sort", "code")
    )
    if not filters.include_retired:
        qs = qs.filter(is_retired=False)
    if filters.q:
        for word in filters.q.split():
            basis = PowerItem.objects.filter(
                Q(provisions__law__icontains=word)
                | Q(provisions__text__icontains=word)
                | Q(provisions__article__icontains=word)
            ).values("pk")
            qs = qs.filter(Q(name__icontains=word) | Q(code__icontains=word) | Q(pk__in=basis))
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.domain:
        qs = qs.filter(domain__code=filters.domain)
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    if filters.held is not None:
        qs = qs.filter(held=filters.held)
    return qs


def item_get(*, town: Any, pk: int) -> PowerItem:
    item = (
        PowerItem.objects.filter(town=town, pk=pk)
        .select_related("department", "domain")
        .prefetch_related(
            "provisions", "fine_rules", "standards", "allocations", "recognitions__department"
        )
        .annotate(held=held_on_q(clock.today()))
        .first()
    )
    if item is None:
        raise NotFound("未找到该事项")
    return item


def item_by_code(*, town: Any, code: str) -> PowerItem | None:
    return PowerItem.objects.filter(town=town, code=code).first()


def department_list(*, town: Any) -> QuerySet[Department]:
    return (
        Department.objects.filter(town=town)
        .prefetch_related("domains")
        .annotate(item_count=Count("items", filter=Q(items__is_retired=False)))
        .order_by("kind", "name")
    )


def domain_list() -> QuerySet[Domain]:
    return Domain.objects.all()


@dataclass
class SummaryRow:
    key: str
    label: str
    total: int
    held: int
    by_type: dict[str, int]


@dataclass
class Summary:
    total: int
    held: int
    by_type: list[SummaryRow]
    by_domain: list[SummaryRow]
    by_department: list[SummaryRow]

    @property
    def equation(self) -> str:
        """“236 = 195 + 20 + 14 + 7”: the held items by type."""
        held = [row.held for row in self.by_type]
        return f"{self.held} = " + " + ".join(str(n) for n in held)


def catalog_summary(*, town: Any, on: dt.date | None = None) -> Summary:
    """Counts of the town's listed items by type, domain and department; ``held`` = held on ``on``."""
    on = on or clock.today()
    rows = list(
        PowerItem.objects.filter(town=town, is_retired=False)
        .annotate(held=held_on_q(on))
        .values(
            "type",
            "domain__code",
            "domain__name",
            "domain__sort",
            "department_id",
            "department__name",
            "held",
        )
        .annotate(n=Count("pk"))
    )
    types = list(PowerItem.Type.choices)

    def group(key: str, label: str, order: list[tuple[str, str]] | None = None) -> list[SummaryRow]:
        found: dict[Any, SummaryRow] = {}
        for value, text in order or []:
            found[value] = SummaryRow(str(value), text, 0, 0, {t: 0 for t, _ in types})
        for row in rows:
            entry = found.setdefault(
                row[key], SummaryRow(str(row[key]), row[label], 0, 0, {t: 0 for t, _ in types})
            )
            entry.total += row["n"]
            entry.held += row["n"] if row["held"] else 0
            if row["held"]:
                entry.by_type[row["type"]] += row["n"]
        return list(found.values())

    by_type = group("type", "type", types)
    for entry in by_type:
        entry.label = PowerItem.Type(entry.key).label
    by_domain = group(
        "domain__code", "domain__name", [(d.code, d.name) for d in Domain.objects.all()]
    )
    by_department = sorted(
        group("department_id", "department__name"), key=lambda r: (-r.total, r.label)
    )
    total = sum(r["n"] for r in rows)
    held = sum(r["n"] for r in rows if r["held"])
    return Summary(total, held, by_type, by_domain, by_department)
