"""Catalog API: items (filters q, type, domain, department, held), item detail, departments, summary."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zhifa.core import clock
from zhifa.core.picks import Pick, pick_limit, pick_town

from . import selectors
from .cells import format_fine_rule
from .models import PowerItem
from .permissions import require_catalog_reader
from .rules import item_held_by_town

router = Router(tags=["清单"])


class DomainOut(Schema):
    code: str
    name: str


class DepartmentOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    domains: list[str]
    item_count: int


class ItemOut(Schema):
    id: int
    code: str
    name: str
    type: str
    type_label: str
    domain: DomainOut
    department_id: int
    department: str
    held: bool
    origin: str
    is_retired: bool


class ProvisionOut(Schema):
    law: str
    article: str
    paragraph: str
    citation: str
    text: str
    effective_from: dt.date | None
    effective_to: dt.date | None


class FineRuleOut(Schema):
    id: int
    party: str
    form: str
    text: str
    article: str
    effective_from: dt.date | None
    effective_to: dt.date | None


class StandardOut(Schema):
    level: str
    level_label: str
    circumstances: str
    sanction: str
    published_on: dt.date | None


class AllocationOut(Schema):
    status: str
    status_label: str
    effective_from: dt.date
    effective_to: dt.date | None
    decision_ref: str


class RecognitionOut(Schema):
    department: str
    confirmed_on: dt.date
    letter_number: str


class ItemDetailOut(ItemOut):
    penalty_kinds: list[str]
    hearing_kinds: list[str]
    first_offence_exempt: bool
    minor_exempt: bool
    exemption_conditions: str
    provisions: list[ProvisionOut]
    fine_rules: list[FineRuleOut]
    standards: list[StandardOut]
    allocations: list[AllocationOut]
    recognitions: list[RecognitionOut]


class ItemQuery(Schema):
    q: str = ""
    type: str = ""
    domain: str = ""
    department: int | None = None
    held: bool | None = None
    on: dt.date | None = None


class SummaryRowOut(Schema):
    key: str
    label: str
    total: int
    held: int
    by_type: dict[str, int]


class SummaryOut(Schema):
    on: dt.date
    total: int
    held: int
    equation: str
    by_type: list[SummaryRowOut]
    by_domain: list[SummaryRowOut]
    by_department: list[SummaryRowOut]


def _town(request):
    """The town the caller acts for (a county user's token carries no own town: first supervised)."""
    if getattr(request, "town", None) is not None:
        return request.town
    from zhifa.core.models import Town

    return Town.objects.filter(pk__in=getattr(request, "town_ids", ())).order_by("code").first()


def _item(item: PowerItem, held: bool) -> dict:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.name,
        "type": item.type,
        "type_label": item.get_type_display(),
        "domain": {"code": item.domain.code, "name": item.domain.name},
        "department_id": item.department_id,
        "department": item.department.name,
        "held": held,
        "origin": item.origin,
        "is_retired": item.is_retired,
    }


@router.get("/items", response=list[ItemOut], summary="事项列表")
@paginate(LimitOffsetPagination)
def items(request, filters: Query[ItemQuery]):
    """`held`: whether the town holds the item on `on` (today by default)."""
    found = selectors.item_list(
        town=_town(request),
        filters=selectors.ItemFilters(
            q=filters.q,
            type=filters.type,
            domain=filters.domain,
            department=filters.department,
            held=filters.held,
        ),
        on=filters.on,
    )
    return [_item(item, item.held) for item in found]


@router.get("/items/{item_id}", response=ItemDetailOut, summary="事项详情")
def item_detail(request, item_id: int, on: dt.date | None = None):
    item = selectors.item_get(town=_town(request), pk=item_id)
    held = item_held_by_town(item=item, on=on) if on else item.held
    return {
        **_item(item, held),
        "penalty_kinds": item.penalty_kinds,
        "hearing_kinds": item.hearing_kind_labels(),
        "first_offence_exempt": item.first_offence_exempt,
        "minor_exempt": item.minor_exempt,
        "exemption_conditions": item.exemption_conditions,
        "provisions": [
            {
                "law": p.law,
                "article": p.article,
                "paragraph": p.paragraph,
                "citation": p.citation,
                "text": p.text,
                "effective_from": p.effective_from,
                "effective_to": p.effective_to,
            }
            for p in item.provisions.all()
        ],
        "fine_rules": [
            {
                "id": r.pk,
                "party": r.party,
                "form": r.form,
                "text": format_fine_rule(r),
                "article": r.article,
                "effective_from": r.effective_from,
                "effective_to": r.effective_to,
            }
            for r in item.fine_rules.all()
        ],
        "standards": [
            {
                "level": s.level,
                "level_label": s.get_level_display(),
                "circumstances": s.circumstances,
                "sanction": s.sanction,
                "published_on": s.published_on,
            }
            for s in item.standards.all()
        ],
        "allocations": [
            {
                "status": a.status,
                "status_label": a.get_status_display(),
                "effective_from": a.effective_from,
                "effective_to": a.effective_to,
                "decision_ref": a.decision_ref,
            }
            for a in item.allocations.all()
        ],
        "recognitions": [
            {
                "department": r.department.name,
                "confirmed_on": r.confirmed_on,
                "letter_number": r.letter_number,
            }
            for r in item.recognitions.all()
        ],
    }


@router.get("/departments", response=list[DepartmentOut], summary="部门与单位")
def departments(request):
    return [
        {
            "id": d.pk,
            "name": d.name,
            "short_name": d.short_name,
            "kind": d.kind,
            "kind_label": d.get_kind_display(),
            "domains": [x.name for x in d.domains.all()],
            "item_count": d.item_count,
        }
        for d in selectors.department_list(town=_town(request))
    ]


@router.get("/summary", response=SummaryOut, summary="清单统计")
def summary(request, on: dt.date | None = None):
    on = on or clock.today()
    result = selectors.catalog_summary(town=_town(request), on=on)
    return {
        "on": on,
        "total": result.total,
        "held": result.held,
        "equation": result.equation,
        "by_type": [vars(r) for r in result.by_type],
        "by_domain": [vars(r) for r in result.by_domain],
        "by_department": [vars(r) for r in result.by_department],
    }


class ItemPick(Pick):
    code: str
    held: bool


class ItemPicks(Schema):
    results: list[ItemPick]


@router.get(
    "/pick/items", response=ItemPicks, url_name="catalog_pick_items", summary="事项选择器搜索"
)
def pick_items(request, q: str = "", limit: int = 30):
    """按编码、名称或实施依据搜索本镇清单事项（不含已停用事项），供表单中的事项选择器使用。"""
    require_catalog_reader(request.user)
    found = selectors.item_list(
        town=pick_town(request), filters=selectors.ItemFilters(q=q.strip()[:100])
    )
    return {
        "results": [
            ItemPick(
                id=i.pk,
                code=i.code,
                held=i.held,
                label=f"{i.code} {i.name}",
                hint=f"{i.domain.name} · {'本镇承接' if i.held else '非本镇承接'}",
            )
            for i in found[: pick_limit(limit)]
        ]
    }
