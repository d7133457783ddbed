"""Reads for leads: the permission gate, the inbox, a reporter's own leads, a public status."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from zhifa.accounts.roles import has_role
from zhifa.cases.selectors import is_staff
from zhifa.core import clock
from zhifa.core.errors import NotFound

from .models import Lead, LeadEvent

STATUS_PUBLIC = {
    Lead.Status.NEW: "已受理，正在分拣",
    Lead.Status.CASE: "已立案办理",
    Lead.Status.TRANSFERRED: "已移送主管部门处理",
    Lead.Status.MERGED: "已并入同一事项办理",
    Lead.Status.DISMISSED: "不予受理",
    Lead.Status.SENT_BACK: "已退回",
    Lead.Status.ANSWERED: "已办结",
}


def leads_visible_to(user: Any) -> QuerySet[Lead]:
    """Team staff see their town's leads; a grid member sees the leads they reported; others none."""
    qs = Lead.objects.select_related("cell", "squadron", "case", "item")
    if getattr(user, "is_superuser", False) or is_staff(user):
        return qs
    if has_role(user, "grid_member"):
        return qs.filter(reported_by=user)
    return qs.none()


def hotline_order_lookup(*, town_id: int, order_no: str) -> QuerySet[Lead]:
    """The lead of a 12345 order number in a town (at most one): an index search on
    (town, order number), whatever the number of leads (unordered, so no sort either)."""
    return Lead.all_towns.filter(
        town_id=town_id, source=Lead.Source.HOTLINE, source_ref=order_no
    ).order_by()


def hotline_order_find(*, town_id: int, order_no: str) -> Lead | None:
    # [:1] rather than first(): first() would add ORDER BY id to the unique lookup.
    return next(iter(hotline_order_lookup(town_id=town_id, order_no=order_no)[:1]), None)


def lead_get_for_user(user: Any, pk: int) -> Lead:
    """The lead if this user may see it; otherwise NotFound (its existence is not revealed)."""
    lead = leads_visible_to(user).filter(pk=pk).first()
    if lead is None:
        raise NotFound("线索不存在或无权查看")
    return lead


def lead_inbox(
    *, user: Any, status: str = "new", source: str = "", squadron: int | None = None, q: str = ""
) -> QuerySet[Lead]:
    qs = leads_visible_to(user)
    if status and status != "all":
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    if squadron:
        qs = qs.filter(squadron_id=squadron)
    if q:
        qs = qs.filter(Q(text__icontains=q) | Q(number__icontains=q) | Q(source_ref__icontains=q))
    return qs.order_by("received_at", "pk") if status == "new" else qs


def lead_events(lead: Lead) -> QuerySet[LeadEvent]:
    return LeadEvent.objects.filter(lead=lead).order_by("seq")


@contextmanager
def one_snapshot() -> Iterator[None]:
    """Reads inside see one state of the database. Under READ COMMITTED each statement sees the
    commits made before it, so a lead read before triage committed and its events read after
    showed the "triaged" event without its suggestions; REPEATABLE READ (PostgreSQL) or one
    SQLite transaction fixes the state at the first read. Inside a caller's transaction the
    caller's isolation applies."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


@dataclass(frozen=True)
class LeadSnapshot:
    lead: Lead
    events: list[LeadEvent]
    photos: list[Any]


def lead_snapshot(user: Any, pk: int) -> LeadSnapshot:
    """A lead with its record and photos as of one moment (the detail page and API)."""
    with one_snapshot():
        lead = lead_get_for_user(user, pk)
        return LeadSnapshot(
            lead=lead, events=list(lead_events(lead)), photos=list(lead.photos.all())
        )


def lead_by_tracking_code(code: str) -> Lead | None:
    code = (code or "").strip().upper()
    if len(code) != 10:
        return None
    return Lead.all_towns.filter(tracking_code=code, source=Lead.Source.REPORT).first()


def public_status(lead: Lead) -> dict[str, str]:
    """What a citizen may see of their own report: no names, no internal numbers but the lead's."""
    return {
        "number": lead.number,
        "received": f"{clock.local(lead.received_at):%Y-%m-%d %H:%M}",
        "status": STATUS_PUBLIC[lead.status],
        "outcome": lead.outcome if lead.status != Lead.Status.NEW else "",
    }


def status_counts(user: Any) -> dict[str, int]:
    from django.db.models import Count

    rows = leads_visible_to(user).values("status").annotate(n=Count("pk"))
    return {r["status"]: r["n"] for r in rows}
