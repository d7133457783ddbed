"""网上预警: clocks due within two working days (yellow) or overdue (red), and cases showing a legal
risk signal. Each kind is one query over the towns asked for; the list is ordered red first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q

from zhifa.catalog.models import DiscretionStandard
from zhifa.catalog.rules import hearing_thresholds
from zhifa.core import workdays
from zhifa.core.articles import A60, A63, DECISION, Q25, Q43, short
from zhifa.core.clock import TZ

from .sources import AssistanceRequest, Case, Deadline, Penalty, Seizure, State

RED, YELLOW = "red", "yellow"
# 行政处罚法第六十条: a decision within 90 days of filing; warn from 10 days before.
DECISION_WARN_DAYS = DECISION.amount - 10
BEFORE_DECISION = [
    State.FILED,
    State.INVESTIGATING,
    State.PROPOSED,
    State.NOTIFIED,
    State.HEARING,
    State.UNDER_REVIEW,
]
LIMIT = 200  # rows per kind on the page; the counts are exact


@dataclass
class Warning:
    level: str
    kind: str
    town_id: int
    title: str
    detail: str
    due_at: dt.datetime | None
    url: str


def yellow_until(now: dt.datetime) -> dt.datetime:
    """The end of the second working day after today: a clock due by then is yellow."""
    day = workdays.workdays_add(now.astimezone(TZ).date(), 2).date
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=TZ)


def clock_warnings(*, town_ids: list[int], now: dt.datetime) -> Any:
    """Open clocks overdue or due within two working days (a queryset, ordered by due time)."""
    return (
        Deadline.all_towns.filter(
            town_id__in=town_ids, status=Deadline.Status.OPEN, due_at__lt=yellow_until(now)
        )
        .select_related("subject_type")
        .order_by("due_at")
    )


def decision_near_limit(*, town_ids: list[int], now: dt.datetime) -> Any:
    return Case.all_towns.filter(
        town_id__in=town_ids,
        state__in=BEFORE_DECISION,
        filed_at__lt=now - dt.timedelta(days=DECISION_WARN_DAYS),
    ).order_by("filed_at")


def penalty_above_level(*, town_ids: list[int]) -> Any:
    """Decided penalties whose fine exceeds the top of the discretion level they cite."""
    above = DiscretionStandard.all_towns.filter(
        item_id=OuterRef("item_id"), level=OuterRef("level"), max_amount__lt=OuterRef("amount")
    )
    return (
        Penalty.all_towns.filter(town_id__in=town_ids, decided_on__isnull=False)
        .exclude(level="")
        .filter(Exists(above))
        .select_related("case")
    )


def hearing_not_offered(*, town_ids: list[int]) -> Any:
    """Prior notices that proposed a fine at or above the hearing threshold without offering one."""
    t = hearing_thresholds()
    large = Q(party_kind="organisation", amount__gte=t["organisation"]) | (
        ~Q(party_kind="organisation") & Q(amount__gte=t["citizen"])
    )
    return (
        Penalty.all_towns.filter(
            town_id__in=town_ids,
            procedure=Penalty.Procedure.ORDINARY,
            notice_served_on__isnull=False,
            hearing_offered=False,
        )
        .filter(large)
        .select_related("case")
    )


def power_cuts(*, town_ids: list[int], now: dt.datetime) -> Any:
    """停止供电 letters of the last 30 days: each one is checked by the county (强制法第四十三条)."""
    return AssistanceRequest.all_towns.filter(
        town_id__in=town_ids,
        kind=AssistanceRequest.Kind.POWER_CUT,
        created_at__gte=now - dt.timedelta(days=30),
    ).select_related("case")


def seizures_near_expiry(*, town_ids: list[int], now: dt.datetime) -> Any:
    return Seizure.all_towns.filter(
        town_id__in=town_ids,
        status=Seizure.Status.ACTIVE,
        deadline__due_at__lt=yellow_until(now),
    ).select_related("case", "deadline")


def warnings_list(*, town_ids: list[int], now: dt.datetime) -> list[Warning]:
    """Every warning for these towns, red first, then by due time."""
    from django.urls import reverse

    # One reverse() for the list, not one per row (a page of 200 rows spent ~15 ms on them).
    marker = 987654321
    case_path = reverse("cases:detail", args=[marker])

    def case_url(case_id: int) -> str:
        return case_path.replace(str(marker), str(case_id))

    out: list[Warning] = []
    clocks = clock_warnings(town_ids=town_ids, now=now).select_related(None)
    for d in clocks.only("town_id", "purpose", "article", "due_at", "provisional", "url")[:LIMIT]:
        out.append(
            Warning(
                RED if d.due_at < now else YELLOW,
                "clock",
                d.town_id,
                d.purpose,
                f"{d.article} 届满 {d.due_at.astimezone(TZ):%Y-%m-%d %H:%M}"
                + ("（暂定）" if d.provisional else ""),
                d.due_at,
                d.url,
            )
        )
    near = decision_near_limit(town_ids=town_ids, now=now)
    for c in near.only("town_id", "state", "number", "filed_at")[:LIMIT]:
        limit = c.filed_at + dt.timedelta(days=DECISION.amount)
        out.append(
            Warning(
                RED if limit < now else YELLOW,
                "decision_limit",
                c.town_id,
                f"{c.number} 处罚决定期限将满",
                f"立案于 {c.filed_at.astimezone(TZ):%Y-%m-%d}，应在 {DECISION.amount} 日内作出决定（{short(A60)}）",
                limit,
                case_url(c.pk),
            )
        )
    above = penalty_above_level(town_ids=town_ids)
    for p in above.only("town_id", "case_id", "amount", "level", "case__state", "case__number")[
        :LIMIT
    ]:
        out.append(
            Warning(
                RED,
                "above_level",
                p.town_id,
                f"{p.case.number} 罚款超出所选裁量等级",
                f"罚款 {p.amount} 元，超出“{p.get_level_display()}”裁量等级的上限",
                None,
                case_url(p.case_id),
            )
        )
    no_hearing = hearing_not_offered(town_ids=town_ids)
    for p in no_hearing.only("town_id", "case_id", "amount", "case__state", "case__number")[:LIMIT]:
        out.append(
            Warning(
                RED,
                "hearing",
                p.town_id,
                f"{p.case.number} 未告知听证权利",
                f"拟罚款 {p.amount} 元达到听证标准，事先告知未告知听证权利（{short(A63)}）",
                None,
                case_url(p.case_id),
            )
        )
    for a in power_cuts(town_ids=town_ids, now=now)[:LIMIT]:
        out.append(
            Warning(
                YELLOW,
                "power_cut",
                a.town_id,
                f"{a.case.number} 停止供电协助函",
                f"致{a.recipient}，{a.premises or ''}（{short(Q43)}）",
                None,
                case_url(a.case_id),
            )
        )
    for s in seizures_near_expiry(town_ids=town_ids, now=now)[:LIMIT]:
        due = s.deadline.due_at
        out.append(
            Warning(
                RED if due < now else YELLOW,
                "seizure",
                s.town_id,
                f"{s.case.number} {s.get_kind_display()}期限将满",
                f"届满 {due.astimezone(TZ):%Y-%m-%d}（{short(Q25)}）",
                due,
                case_url(s.case_id),
            )
        )
    far = dt.datetime.max.replace(tzinfo=TZ)
    out.sort(key=lambda w: (w.level != RED, w.due_at or far))
    return out


__all__ = ["RED", "YELLOW", "Warning", "warnings_list", "yellow_until"]
