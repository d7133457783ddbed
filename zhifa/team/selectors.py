"""Reads of the team: roster, expiring certificates, squadron workload, liaison matrix, duty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from zhifa.accounts.access import require_role
from zhifa.accounts.roles import (
    ADMIN,
    AUXILIARY,
    DEPARTMENT,
    LEADER,
    LEGAL_REVIEWER,
    OFFICER,
    SQUADRON_LEADER,
)
from zhifa.core import clock
from zhifa.core.errors import NotFound
from zhifa.core.excel import workbook_build
from zhifa.core.models import Town
from zhifa.grid.models import GridCell, Patrol, PatrolFinding, Subject

from .models import Certificate, DutyShift, Liaison, Officer, Squadron, Team

STAFF_ROLES = (LEADER, SQUADRON_LEADER, OFFICER, AUXILIARY, LEGAL_REVIEWER, ADMIN)
EXPIRY_WARNING_DAYS = 30


def require_team_access(user: Any) -> None:
    require_role(user, *STAFF_ROLES)


def require_liaison_access(user: Any) -> None:
    """County liaison staff may read the matrix of the towns they supervise."""
    require_role(user, *STAFF_ROLES, DEPARTMENT)


def team_for(town: Town) -> Team | None:
    return Team.objects.filter(town=town).select_related("leader", "deputy").first()


def _with_certificates(qs: QuerySet[Officer]) -> QuerySet[Officer]:
    return qs.select_related("user", "squadron").prefetch_related(
        Prefetch(
            "certificates",
            queryset=Certificate.objects.prefetch_related("domains").order_by("-valid_to"),
        )
    )


@dataclass
class RosterRow:
    officer: Officer
    certificate: Certificate | None
    status: str  # valid / expiring / expired / none
    days_left: int | None = None


def certificate_status(officer: Officer, today: dt.date) -> RosterRow:
    certs = list(officer.certificates.all())
    current = next((c for c in certs if c.is_valid_on(today)), None)
    if current is not None:
        days = (current.valid_to - today).days
        status = "expiring" if days <= EXPIRY_WARNING_DAYS else "valid"
        return RosterRow(officer, current, status, days)
    if certs:
        return RosterRow(officer, certs[0], "expired")
    return RosterRow(officer, None, "none")


def roster(town: Town, *, today: dt.date | None = None) -> list[RosterRow]:
    today = today or clock.today()
    officers = _with_certificates(Officer.objects.filter(town=town, is_active=True))
    return [certificate_status(o, today) for o in officers]


@dataclass(frozen=True)
class OfficerChoice:
    officer: Officer
    certificate_number: str  # the certificate valid on the day asked, else ""


def officers_pick(
    town: Town,
    *,
    q: str = "",
    employment: str = "",
    item: int | str | None = None,
    on: dt.date | None = None,
    limit: int = 30,
) -> list[OfficerChoice]:
    """The officer picker's search (name or certificate number). Given ``item`` (an item's id or
    code, or several joined by commas) or ``on``, only those who may act as handlers for every one
    of the items on that day — as the case services decide (``cases.handlers.eligible_ids``): 专职,
    in post, a certificate valid that day covering the domain of each item the town holds then
    (an item it does not hold is inspected and transferred, not acted on: any certificate) —
    otherwise the town's people in post, of one ``employment`` when given."""
    from zhifa.catalog.models import PowerItem
    from zhifa.catalog.rules import item_held_by_town
    from zhifa.core import clock

    from .rules import eligible_handlers

    day = on or clock.today()
    if item not in (None, "") or on is not None:
        tokens = [t.strip() for t in str(item or "").split(",") if t.strip()]
        items = []
        for token in tokens:
            lookup = {"pk": int(token)} if token.isdigit() else {"code": token}
            power = PowerItem.objects.filter(town=town, **lookup).select_related("domain").first()
            if power is None:
                return []
            items.append(power)
        held = [i for i in items if item_held_by_town(item=i, on=day)] or [None]
        ids: set[int] | None = None
        certificates: dict[int, str] = {}
        for power in held:
            found = eligible_handlers(town=town, on=day, item=power)
            certificates.update({h.officer.pk: h.certificate.number for h in found})
            these = {h.officer.pk for h in found}
            ids = these if ids is None else ids & these
        officers = Officer.all_towns.filter(pk__in=ids or set()).select_related("user", "squadron")
        choices = [OfficerChoice(o, certificates[o.pk]) for o in officers]
        if q:
            choices = [c for c in choices if q in c.officer.name or q in c.certificate_number]
        return sorted(choices, key=lambda c: (c.officer.sort, c.officer.pk))[:limit]
    rows = _with_certificates(Officer.objects.filter(town=town, is_active=True))
    if employment in Officer.Employment.values:
        rows = rows.filter(employment=employment)
    if q:
        rows = rows.filter(
            Q(user__full_name__icontains=q) | Q(certificates__number__icontains=q)
        ).distinct()
    chosen = []
    for officer in rows[:limit]:
        status = certificate_status(officer, day)
        valid = status.status in ("valid", "expiring") and status.certificate is not None
        chosen.append(OfficerChoice(officer, status.certificate.number if valid else ""))
    return chosen


def certificates_expiring(
    town: Town, *, today: dt.date | None = None, days: int = EXPIRY_WARNING_DAYS
) -> QuerySet[Certificate]:
    """Certificates valid today that run out within ``days`` (the team page and cockpit flag them)."""
    today = today or clock.today()
    return (
        Certificate.objects.filter(
            town=town,
            officer__is_active=True,
            valid_from__lte=today,
            valid_to__gte=today,
            valid_to__lte=today + dt.timedelta(days=days),
        )
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=today))
        .select_related("officer__user")
        .order_by("valid_to")
    )


def officer_get(town: Town, pk: int) -> Officer:
    officer = _with_certificates(Officer.objects.filter(town=town)).filter(pk=pk).first()
    if officer is None:
        raise NotFound("未找到该执法队员")
    return officer


# Apps to the right (cases) add their counts to a squadron's workload: each counter takes a
# squadron and returns {label: number}. Until cases exist, the grid's own figures are shown.
workload_counters: list[Callable[[Squadron], dict[str, int]]] = []


@dataclass
class Workload:
    squadron: Squadron
    officers: int
    certified: int
    villages: int
    cells: int
    subjects: int
    patrols_open: int
    findings_untaken: int
    members: list[Officer] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)


def squadron_workloads(town: Town, *, today: dt.date | None = None) -> list[Workload]:
    today = today or clock.today()
    rows = []
    squadrons = (
        Squadron.objects.filter(town=town)
        .select_related("zone", "leader")
        .annotate(
            officer_count=Count("officers", filter=Q(officers__is_active=True), distinct=True),
            certified_count=Count(
                "officers",
                filter=Q(
                    officers__is_active=True,
                    officers__employment=Officer.Employment.FULL_TIME,
                    officers__certificates__valid_from__lte=today,
                    officers__certificates__valid_to__gte=today,
                ),
                distinct=True,
            ),
            village_count=Count("zone__villages", distinct=True),
        )
    )
    for sq in squadrons:
        cells = GridCell.objects.filter(village__zone=sq.zone)
        officer_users = Officer.objects.filter(squadron=sq).values("user_id")
        extra: dict[str, int] = {}
        for counter in workload_counters:
            extra.update(counter(sq))
        rows.append(
            Workload(
                squadron=sq,
                officers=sq.officer_count,
                certified=sq.certified_count,
                villages=sq.village_count,
                cells=cells.count(),
                subjects=Subject.objects.filter(cell__village__zone=sq.zone).count(),
                patrols_open=Patrol.objects.filter(patroller__in=officer_users)
                .exclude(status=Patrol.Status.DONE)
                .count(),
                findings_untaken=PatrolFinding.objects.filter(
                    cell__village__zone=sq.zone, taken_at__isnull=True
                ).count(),
                members=list(sq.officers.filter(is_active=True).select_related("user")),
                extra=extra,
            )
        )
    return rows


def liaison_matrix(town: Town) -> QuerySet[Liaison]:
    return (
        Liaison.objects.filter(town=town, officer__is_active=True)
        .select_related("officer__user", "officer__squadron", "domain", "department", "leader")
        .order_by("domain__sort", "officer__sort")
    )


def shifts_between(town: Town, start: dt.datetime, end: dt.datetime) -> QuerySet[DutyShift]:
    return (
        DutyShift.objects.filter(town=town, starts_at__lt=end, ends_at__gt=start)
        .select_related("officer__user", "squadron")
        .order_by("starts_at", "kind")
    )


def on_duty_at(town: Town, at: dt.datetime | None = None) -> QuerySet[DutyShift]:
    """Who is on duty (定点、巡逻) or on call (备勤) at ``at`` (default: now)."""
    at = at or clock.now()
    return shifts_between(town, at, at + dt.timedelta(microseconds=1))


def public_officers(town: Town, *, today: dt.date | None = None) -> list[RosterRow]:
    """执法人员公示: in-post 专职 officers with a certificate valid today. Name and certificate only."""
    today = today or clock.today()
    officers = _with_certificates(
        Officer.objects.filter(town=town, is_active=True, employment=Officer.Employment.FULL_TIME)
    )
    rows = [certificate_status(o, today) for o in officers]
    return [r for r in rows if r.status in ("valid", "expiring")]


ROSTER_HEADERS = (
    "姓名",
    "职务",
    "人员类别",
    "后备人员库",
    "中队",
    "执法证号",
    "有效期止",
    "执法证状态",
    "岗位",
)
CERT_STATUS = {"valid": "有效", "expiring": "即将到期", "expired": "已失效", "none": "无执法证"}


def roster_xlsx(town: Town, rows: list[RosterRow]) -> bytes:
    """The roster as the page lists it (core.excel); phone numbers stay out."""
    return workbook_build(
        title=f"{town.team_name}执法人员",
        filters="在岗人员",
        headers=ROSTER_HEADERS,
        rows=(
            (
                r.officer.name,
                r.officer.position,
                r.officer.get_employment_display(),
                "是" if r.officer.in_reserve_pool else "",
                r.officer.squadron.name if r.officer.squadron_id else "",
                r.certificate.number if r.certificate else "",
                r.certificate.valid_to if r.certificate else None,
                CERT_STATUS[r.status],
                "、".join(r.officer.duty_labels),
            )
            for r in rows
        ),
    )
