"""Reads of the 公示 section: what is public today for a town, and what staff must still publish.

A decision is public from its publication date (recorded by the penalty procedure's step) until
the day its withdrawal is recorded: on the withdrawal date it leaves the list, the search and the
feeds. A revoked decision, a decision withheld from publication and a decision on a minor are
never public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.catalog.models import Domain, PowerItem
from zhifa.core import clock, workdays
from zhifa.core.models import Deadline, Town

from . import masking
from .models import Portal
from .presenters import PublicDecision, decision_present
from .sources import Case, Penalty

PUBLICATION_CLOCKS = ("disclosure", "disclosure_withdraw")


@dataclass
class DecisionFilters:
    q: str = ""
    year: int | None = None
    domain: str = ""
    item: int | None = None

    @classmethod
    def from_query(cls, data: Any) -> DecisionFilters:
        year, item = data.get("year", ""), data.get("item", "")
        return cls(
            q=(data.get("q") or "").strip()[:50],
            year=int(year) if year.isdigit() else None,
            domain=(data.get("domain") or "").strip()[:30],
            item=int(item) if item.isdigit() else None,
        )


def _decided(town: Town) -> QuerySet[Penalty]:
    return (
        Penalty.all_towns.filter(
            town=town, outcome=Penalty.Outcome.PENALTY, decision_doc__isnull=False
        )
        .select_related("town", "party", "item__domain", "decision_doc", "case")
        .prefetch_related("case__parties", "case__appeals")
    )


def _public_on(qs: QuerySet[Penalty], today: dt.date) -> QuerySet[Penalty]:
    return (
        qs.filter(disclosed_on__isnull=False, disclosed_on__lte=today)
        .filter(Q(disclosure_withdrawn_on__isnull=True) | Q(disclosure_withdrawn_on__gt=today))
        .exclude(status=Penalty.Status.REVOKED)
        .filter(case__withholding__isnull=True)
    )


def town_portal(town: Town) -> Portal | None:
    """The town's public contacts (the public pages' frame shows them, through core.public)."""
    return Portal.all_towns.filter(town=town).first()


def minor_party(p: Penalty) -> bool:
    """未成年人保护法第一百一十条: a decision on a minor is never published."""
    on = p.case.act_date or p.decided_on or clock.today()
    return any(
        s.kind == "individual" and masking.minor_on(s.id_number, on)
        for s in [p.party, *p.case.parties.all()]
    )


def public_decisions(
    *, town: Town, filters: DecisionFilters | None = None, today: dt.date | None = None
) -> list[PublicDecision]:
    """The town's decisions public today, newest publication first, filtered and searched.
    The search never matches a natural person's name (it would reveal who a masked party is)."""
    today = today or clock.today()
    f = filters or DecisionFilters()
    qs = _public_on(_decided(town), today)
    if f.year:
        qs = qs.filter(decided_on__year=f.year)
    if f.domain:
        qs = qs.filter(item__domain__code=f.domain)
    if f.item:
        qs = qs.filter(item_id=f.item)
    if f.q:
        qs = qs.filter(
            Q(decision_doc__number__icontains=f.q)
            | Q(item__name__icontains=f.q)
            | Q(facts__icontains=f.q)
            | (Q(party__name__icontains=f.q) & ~Q(party__kind="individual"))
        )
    rows = qs.order_by("-disclosed_on", "-decided_on", "-pk")
    return [
        decision_present(p)
        for p in rows
        if not minor_party(p) and not (f.q and _hits_only_a_person(p, f.q))
    ]


def _hits_only_a_person(p: Penalty, q: str) -> bool:
    """The facts may name a natural person: a search for that name must not find the decision."""
    shown = decision_present(p)
    haystack = " ".join([shown.number, shown.item, shown.facts, shown.party.name])
    return q not in haystack


def public_decision_get(*, town: Town, pk: int, today: dt.date | None = None) -> PublicDecision:
    from zhifa.core.errors import NotFound

    p = _public_on(_decided(town), today or clock.today()).filter(pk=pk).first()
    if p is None or minor_party(p):
        raise NotFound("该处罚决定未公示或已撤下")
    return decision_present(p)


def filter_choices(*, town: Town) -> dict[str, Any]:
    years = _public_on(_decided(town), clock.today()).dates("decided_on", "year", order="DESC")
    item_ids = _public_on(_decided(town), clock.today()).values_list("item_id", flat=True)
    return {
        "years": [d.year for d in years],
        "domains": Domain.objects.filter(
            pk__in=PowerItem.all_towns.filter(pk__in=item_ids).values("domain_id")
        ).order_by("sort", "pk"),
        "items": PowerItem.all_towns.filter(pk__in=item_ids).order_by("sort", "pk"),
    }


# --- staff ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    case: Case
    clock: Deadline
    overdue: bool

    @property
    def level(self) -> str:
        return "danger" if self.overdue else "warning"


def publication_warnings(*, town: Town, soon_workdays: int = 2) -> list[Warning]:
    """Decisions not published within 7 working days (red), or whose clock ends within
    ``soon_workdays`` working days (yellow); the same for withdrawals (3 working days)."""
    now = clock.now()
    soon = workdays.end_of_day(workdays.workdays_add(clock.today(), soon_workdays).date)
    clocks = Deadline.all_towns.filter(
        town=town,
        kind__in=PUBLICATION_CLOCKS,
        status=Deadline.Status.OPEN,
        subject_type=ContentType.objects.get_for_model(Case),
        due_at__lte=soon,
    ).order_by("due_at")
    cases = Case.all_towns.in_bulk([c.subject_id for c in clocks])
    return [
        Warning(case=cases[c.subject_id], clock=c, overdue=c.due_at < now)
        for c in clocks
        if c.subject_id in cases
    ]


@dataclass(frozen=True)
class StaffRow:
    penalty: Penalty
    state: str
    public: bool


def staff_decisions(*, town: Town) -> list[StaffRow]:
    """Every decided penalty of the town with where it stands on publication."""
    today = clock.today()
    public_ids = set(_public_on(_decided(town), today).values_list("pk", flat=True))
    rows = []
    for p in _decided(town).select_related("case__withholding").order_by("-decided_on", "-pk"):
        withheld = getattr(p.case, "withholding", None)
        if withheld is not None:
            state = f"不予公开（{withheld.get_reason_display()}）"
        elif p.pk in public_ids and minor_party(p):
            state = "不予公开（当事人为未成年人）"
        elif p.pk in public_ids:
            state = "公示中"
        elif p.disclosure_withdrawn_on:
            state = f"已于{p.disclosure_withdrawn_on:%Y-%m-%d}撤下"
        elif p.status == Penalty.Status.REVOKED:
            state = "已撤销，不公开"
        else:
            state = "待公示"
        rows.append(StaffRow(penalty=p, state=state, public=state == "公示中"))
    return rows


def feed_updated(rows: list[PublicDecision]) -> dt.datetime:
    day = max((r.disclosed_on for r in rows if r.disclosed_on), default=clock.today())
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
