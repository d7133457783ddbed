"""Writes to the catalog. Every change to an item is one event on its hash-chained record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhifa.core.audit import event_append
from zhifa.core.errors import DomainError

from .cells import (
    STATUS_COUNTY,
    STATUS_WITHDRAWN,
    ItemRow,
    Lookups,
    latest_allocation,
    row_parse,
    row_snapshot,
    row_values,
)
from .models import (
    Allocation,
    DiscretionStandard,
    FineRule,
    LegalProvision,
    PowerItem,
    PowerItemEvent,
    Recognition,
    lexicon_split,
)

ITEM_PREFETCH = (
    "provisions",
    "fine_rules",
    "standards",
    "allocations",
    "recognitions__department",
)


def _snapshot(item: PowerItem) -> dict[str, Any]:
    return {k: v for k, v in row_values(item).items()}


def _changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict, dict]:
    keys = [k for k in new if old.get(k) != new[k]]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def _refresh(item: PowerItem) -> PowerItem:
    return (
        PowerItem.all_towns.select_related("department", "domain")
        .prefetch_related(*ITEM_PREFETCH)
        .get(pk=item.pk)
    )


def item_save(
    *,
    town: Any,
    actor: Any,
    row: ItemRow,
    item: PowerItem | None = None,
    old: dict[str, Any] | None = None,
    source: str = "编辑",
) -> PowerItem | None:
    """Create or update an item to match ``row``; returns the item, or None when nothing changed.

    The row has been validated (``row_parse``). Children (provisions, fine rules, standards,
    recognitions) are replaced; the allocation history is kept and only its latest period moves.
    """
    with transaction.atomic():
        creating = item is None
        if item is None:
            if PowerItem.all_towns.filter(town=town, code=row.code).exists():
                raise DomainError(f"事项编码“{row.code}”已存在")
            item = PowerItem(town=town, code=row.code)
            old = {}
        elif old is None:
            old = _snapshot(_refresh(item))
        if not creating and item.is_retired:
            raise DomainError("已停用的事项不能修改")
        before, after = _changes(old, row_snapshot(row))
        if not before and not after:
            return None
        for name in (
            "name",
            "type",
            "origin",
            "sort",
            "penalty_kinds",
            "exemption_conditions",
            "limits",
            "notes",
        ):
            setattr(item, name, getattr(row, name))
        item.code = row.code
        item.domain, item.department = row.domain, row.department
        item.first_offence_exempt, item.minor_exempt = row.first_offence_exempt, row.minor_exempt
        item.save()
        _replace_children(item, row, creating)
        _sync_allocation(item, row, creating)
        verb = "新增" if creating else "修改"
        event_append(
            event_model=PowerItemEvent,
            subject=item,
            actor=actor,
            event_type="created" if creating else "updated",
            summary=f"{source}{verb}事项：" + (item.name if creating else "、".join(after)),
            old=before,
            new=after,
        )
        return item


def _replace_children(item: PowerItem, row: ItemRow, creating: bool) -> None:
    town_id = item.town_id
    if not creating:
        for model in (LegalProvision, FineRule, DiscretionStandard, Recognition):
            model.all_towns.filter(item=item).delete()
    LegalProvision.all_towns.bulk_create(
        LegalProvision(town_id=town_id, item=item, **p) for p in row.provisions
    )
    FineRule.all_towns.bulk_create(
        FineRule(town_id=town_id, item=item, **r) for r in row.fine_rules
    )
    DiscretionStandard.all_towns.bulk_create(
        DiscretionStandard(town_id=town_id, item=item, **s) for s in row.standards
    )
    Recognition.all_towns.bulk_create(
        Recognition(town_id=town_id, item=item, **r) for r in row.recognitions
    )


def _sync_allocation(item: PowerItem, row: ItemRow, creating: bool) -> None:
    latest = (
        None
        if creating
        else Allocation.all_towns.filter(item=item).order_by("effective_from", "pk").last()
    )
    if row.status == STATUS_COUNTY:
        if latest is not None and latest.effective_to is None:
            raise DomainError(
                "该事项目前由本镇承接；如已收回，请将下放状态写为“收回”并填写收回日期"
            )
        return
    status = (
        Allocation.Status.WITHDRAWN
        if row.status == STATUS_WITHDRAWN
        else Allocation.Status.DELEGATED
    )
    wanted = {
        "status": status,
        "effective_from": row.held_from,
        "effective_to": row.held_to,
        "decision_ref": row.decision_ref,
    }
    if latest is None or (latest.effective_to and row.held_from > latest.effective_to):
        Allocation.all_towns.create(town_id=item.town_id, item=item, **wanted)
        return
    changed = [k for k, v in wanted.items() if getattr(latest, k) != v]
    if changed:
        for k in changed:
            setattr(latest, k, wanted[k])
        latest.save(update_fields=changed)


def item_create(*, town: Any, actor: Any, values: dict[str, Any]) -> PowerItem:
    """Create an item from the list's column values (the admin form posts these)."""
    row = _parse_or_raise(town, values)
    item = item_save(town=town, actor=actor, row=row)
    assert item is not None
    return item


def item_update(*, item: PowerItem, actor: Any, values: dict[str, Any]) -> PowerItem:
    row = _parse_or_raise(item.town, values)
    if row.code != item.code and PowerItem.all_towns.filter(town=item.town, code=row.code).exists():
        raise DomainError(
            f"事项编码“{row.code}”已存在",
            details={"errors": [{"column": "事项编码", "message": "已存在"}]},
        )
    return item_save(town=item.town, actor=actor, row=row, item=item) or item


def _parse_or_raise(town: Any, values: dict[str, Any]) -> ItemRow:
    row, errors = row_parse(values, Lookups(town))
    if errors:
        raise DomainError(
            "；".join(f"「{c}」{m}" for c, m in errors),
            details={"errors": [{"column": c, "message": m} for c, m in errors]},
        )
    assert row is not None
    return row


@transaction.atomic
def allocation_delegate(
    *, item: PowerItem, actor: Any, effective_from: dt.date, decision_ref: str
) -> Allocation:
    """下放: the town holds the item from ``effective_from`` (inclusive)."""
    latest = latest_allocation(_refresh(item))
    if latest is not None and (
        latest.effective_to is None or latest.effective_to >= effective_from
    ):
        raise DomainError("该事项在此日期已由本镇承接，不能重复下放")
    if item.is_retired:
        raise DomainError("已停用的事项不能下放")
    allocation = Allocation.all_towns.create(
        town_id=item.town_id,
        item=item,
        status=Allocation.Status.DELEGATED,
        effective_from=effective_from,
        decision_ref=decision_ref,
    )
    if item.origin == PowerItem.Origin.COUNTY:
        item.origin = PowerItem.Origin.DELEGATED
        item.save(update_fields=["origin", "updated_at"])
    event_append(
        event_model=PowerItemEvent,
        subject=item,
        actor=actor,
        event_type="delegated",
        summary=f"下放至本镇，{effective_from:%Y-%m-%d}起承接（{decision_ref or '未填文件'}）",
        new={"下放日期": effective_from, "下放文件": decision_ref},
    )
    return allocation


@transaction.atomic
def allocation_withdraw(
    *, item: PowerItem, actor: Any, last_day: dt.date, decision_ref: str
) -> Allocation:
    """收回: the town holds the item through ``last_day`` and no longer after it."""
    latest = latest_allocation(_refresh(item))
    if latest is None or latest.effective_to is not None:
        raise DomainError("该事项目前未由本镇承接，无需收回")
    if last_day < latest.effective_from:
        raise DomainError("收回日期不能早于下放日期")
    latest.status, latest.effective_to = Allocation.Status.WITHDRAWN, last_day
    if decision_ref:
        latest.decision_ref = f"{latest.decision_ref}；收回：{decision_ref}".strip("；")
    latest.save(update_fields=["status", "effective_to", "decision_ref"])
    event_append(
        event_model=PowerItemEvent,
        subject=item,
        actor=actor,
        event_type="withdrawn",
        summary=f"收回，本镇承接至{last_day:%Y-%m-%d}（{decision_ref or '未填文件'}）",
        new={"收回日期": last_day, "收回文件": decision_ref},
    )
    return latest


@transaction.atomic
def recognition_record(
    *, item: PowerItem, actor: Any, department: Any, confirmed_on: dt.date, letter_number: str
) -> Recognition:
    """清单互认: the department confirmed the item by letter."""
    if department.town_id != item.town_id:
        raise DomainError("确认部门不属于本镇部门名录")
    if not letter_number.strip():
        raise DomainError("请填写互认函号")
    recognition = Recognition.all_towns.create(
        town_id=item.town_id,
        item=item,
        department=department,
        confirmed_on=confirmed_on,
        letter_number=letter_number.strip(),
    )
    event_append(
        event_model=PowerItemEvent,
        subject=item,
        actor=actor,
        event_type="recognised",
        summary=f"{department.name}确认互认（{letter_number}）",
        new={"清单互认": f"{department.name}｜{confirmed_on:%Y-%m-%d}｜{letter_number}"},
    )
    return recognition


@transaction.atomic
def item_retire(*, item: PowerItem, actor: Any, on: dt.date, reason: str) -> PowerItem:
    """停用: an item is never deleted once listed; it leaves the list from ``on`` and the town no
    longer holds it from that day, while cases already citing it keep their basis."""
    if item.is_retired:
        raise DomainError("该事项已停用")
    if not reason.strip():
        raise DomainError("请填写停用原因")
    open_allocation = Allocation.all_towns.filter(item=item, effective_to__isnull=True).first()
    if open_allocation is not None:
        if on <= open_allocation.effective_from:
            raise DomainError("停用日期应晚于下放日期")
        open_allocation.effective_to = on - dt.timedelta(days=1)
        open_allocation.status = Allocation.Status.WITHDRAWN
        open_allocation.save(update_fields=["effective_to", "status"])
    item.is_retired, item.retired_on, item.retire_reason = True, on, reason.strip()
    item.save(update_fields=["is_retired", "retired_on", "retire_reason", "updated_at"])
    event_append(
        event_model=PowerItemEvent,
        subject=item,
        actor=actor,
        event_type="retired",
        summary=f"停用事项（{reason.strip()}），{on:%Y-%m-%d}起不再列入清单",
        new={"停用日期": on, "停用原因": reason.strip()},
    )
    return item


LEXICON_MAX_TERMS = 80
LEXICON_MAX_TERM = 20


def item_lexicon_update(*, item: PowerItem, actor: Any, text: str) -> PowerItem:
    """Replace the item's everyday words (群众常用说法); triage retrains on them in the background.

    Terms are split on 、，; and line breaks; each at most 20 characters, at most 80 terms."""
    terms = lexicon_split(text)
    if len(terms) > LEXICON_MAX_TERMS:
        raise DomainError(f"常用说法最多 {LEXICON_MAX_TERMS} 个，当前 {len(terms)} 个")
    long_terms = [t for t in terms if len(t) > LEXICON_MAX_TERM]
    if long_terms:
        raise DomainError(
            f"每个说法不超过 {LEXICON_MAX_TERM} 个字：“{long_terms[0][:30]}”，请用顿号分开"
        )
    new = "、".join(terms)
    if new == item.lexicon:
        return item
    with transaction.atomic():
        old = item.lexicon
        item.lexicon = new
        item.save(update_fields=["lexicon", "updated_at"])
        event_append(
            event_model=PowerItemEvent,
            subject=item,
            actor=actor,
            event_type="lexicon_updated",
            summary=f"修改群众常用说法（{len(terms)} 个）",
            old={"群众常用说法": old},
            new={"群众常用说法": new},
        )
    return item
