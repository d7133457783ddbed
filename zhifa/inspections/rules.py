"""The limits on inspections, each a named function with its source, and the 回避 rule.

- Repeat window: the town does not inspect the same subject again within
  ``ZHIFA_INSPECTION_REPEAT_DAYS`` (default 30) days, unless a complaint, a lead or a
  re-inspection justifies it (recorded with the inspection).
- Yearly caps: at most ``ZHIFA_INSPECTION_YEARLY_CAPS[level]`` inspections of one subject per
  calendar year, by its risk level; the same justifications allow more.
- 综合查一次: another open inspection of the same subject is a warning to combine, not a refusal.
- 回避: an officer with a recorded link to the subject never inspects it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from zhifa.core.articles import A43, short
from zhifa.core.errors import RuleViolation
from zhifa.grid.models import Subject

from .models import DEFAULT_LEVEL, Inspection, OfficerConflict, SubjectRisk
from .models.register import RiskLevel

LIMITS_ARTICLE = "《国务院办公厅关于严格规范涉企行政检查的意见》（国办发〔2024〕54号）"
PUBLISH_ARTICLE = (
    "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）"
)
RECUSAL_ARTICLE = short(A43)
JUSTIFIED = tuple(Inspection.Justification.values[1:])  # complaint, lead, reinspection


def window_days() -> int:
    return int(settings.ZHIFA_INSPECTION_REPEAT_DAYS)


def yearly_cap(level: str) -> int:
    return int(settings.ZHIFA_INSPECTION_YEARLY_CAPS.get(level, 0))


def level_of(subject: Subject) -> str:
    row = SubjectRisk.all_towns.filter(subject_id=subject.pk).only("level").first()
    return row.level if row else DEFAULT_LEVEL


def level_label(level: str) -> str:
    return RiskLevel(level).label if level in RiskLevel.values else level


def _counted(town_id: int, exclude_pk: int | None = None) -> Any:
    """The town's inspections that count for the limits: every one not cancelled."""
    rows = Inspection.all_towns.filter(town_id=town_id).exclude(status=Inspection.Status.CANCELLED)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    return rows.annotate(visit_day=Coalesce("done_on", "planned_on"))


def repeat_inspections(
    *,
    town_id: int,
    on: dt.date,
    subject_ids: Iterable[int] | None = None,
    exclude_pk: int | None = None,
) -> dict[int, Inspection]:
    """Per subject, one inspection (done or planned) within the repeat window around ``on``."""
    span = dt.timedelta(days=window_days() - 1)
    rows = _counted(town_id, exclude_pk).filter(visit_day__gte=on - span, visit_day__lte=on + span)
    if subject_ids is not None:
        rows = rows.filter(subject_id__in=list(subject_ids))
    found: dict[int, Inspection] = {}
    for row in rows.order_by("-visit_day"):
        found.setdefault(row.subject_id, row)
    return found


def yearly_counts(
    *,
    town_id: int,
    year: int,
    subject_ids: Iterable[int] | None = None,
    exclude_pk: int | None = None,
) -> dict[int, int]:
    rows = _counted(town_id, exclude_pk).filter(visit_day__year=year)
    if subject_ids is not None:
        rows = rows.filter(subject_id__in=list(subject_ids))
    return {r["subject_id"]: r["n"] for r in rows.values("subject_id").annotate(n=Count("pk"))}


def limits_check(
    *,
    subject: Subject,
    on: dt.date,
    justification: str = "",
    note: str = "",
    exclude_pk: int | None = None,
) -> list[str]:
    """Raise ``RuleViolation`` when the visit breaks the repeat window or the yearly cap and no
    justification is given; with one, return what it overrides (for the record)."""
    justified = justification in JUSTIFIED and len((note or "").strip()) >= 4
    if justification and not justified:
        raise RuleViolation(
            "超出检查频次限制的事由应为投诉举报、线索核查或整改复查之一，并填写说明（至少 4 个字）",
            article=LIMITS_ARTICLE,
            code="justification_invalid",
        )
    overridden: list[str] = []
    recent = repeat_inspections(
        town_id=subject.town_id, on=on, subject_ids=[subject.pk], exclude_pk=exclude_pk
    ).get(subject.pk)
    if recent is not None:
        problem = (
            f"{subject.name}已于{recent.visit_day:%Y年%-m月%-d日}列入检查（{recent.number}），"
            f"{window_days()}日内不得重复检查"
        )
        if not justified:
            raise RuleViolation(
                problem + "；确因投诉举报、线索核查或整改复查需要检查的，应记录事由",
                article=LIMITS_ARTICLE,
                code="repeat_window",
                inspection=recent.number,
            )
        overridden.append(problem)
    level = level_of(subject)
    cap = yearly_cap(level)
    done = yearly_counts(
        town_id=subject.town_id, year=on.year, subject_ids=[subject.pk], exclude_pk=exclude_pk
    ).get(subject.pk, 0)
    if done >= cap:
        problem = (
            f"{subject.name}为{level_label(level)}，{on.year}年已检查 {done} 次，"
            f"达到年度检查频次上限 {cap} 次"
        )
        if not justified:
            raise RuleViolation(
                problem + "；确因投诉举报、线索核查或整改复查需要检查的，应记录事由",
                article=LIMITS_ARTICLE,
                code="yearly_cap",
                count=done,
                cap=cap,
            )
        overridden.append(problem)
    return overridden


def combine_hints(*, subject: Subject, on: dt.date, exclude_pk: int | None = None) -> list[str]:
    """Other open inspections of the subject this year: they could be one visit (综合查一次)."""
    rows = (
        _counted(subject.town_id, exclude_pk)
        .filter(subject_id=subject.pk, status__in=Inspection.OPEN_STATUSES)
        .filter(visit_day__year=on.year)
        .select_related("plan")
        .order_by("visit_day")
    )
    return [
        f"{subject.name}另有待办检查 {row.number}（{row.plan.name if row.plan_id else row.get_origin_display()}，"
        f"计划{row.visit_day:%-m月%-d日}），可合并为一次检查（综合查一次）"
        for row in rows
    ]


def conflicts_of(*, town_id: int, subject_ids: Iterable[int]) -> list[tuple[int, int]]:
    """Recorded 回避 links of the town's subjects in ``subject_ids``, as sorted (subject id,
    officer id) pairs. Read by town and filtered here: a 100,000-id IN list is slow everywhere."""
    wanted = set(subject_ids)
    rows = OfficerConflict.all_towns.filter(town_id=town_id).values_list("subject_id", "officer_id")
    return sorted({(s, o) for s, o in rows if s in wanted})


def recusal_check(*, subject: Subject, officers: Iterable[Any]) -> None:
    """Refuse an officer linked to the subject (近亲属、利害关系、包联等)."""
    ids = [o.pk for o in officers]
    rows = OfficerConflict.all_towns.filter(
        subject_id=subject.pk, officer_id__in=ids
    ).select_related("officer__user")
    found = [f"{row.officer.name}（{row.get_kind_display()}）" for row in rows]
    if found:
        raise RuleViolation(
            f"{'、'.join(found)}与{subject.name}存在应当回避的情形，不得参与检查",
            article=RECUSAL_ARTICLE,
            code="recusal",
        )


def subject_filter(
    *, villages: list[int], kinds: list[str], site_types: list[str], levels: list[str]
) -> Q:
    """The scope of a plan as a filter on subjects (an empty list does not restrict)."""
    q = Q()
    if villages:
        q &= Q(cell__village_id__in=villages)
    if kinds:
        q &= Q(kind__in=kinds)
    if site_types:
        q &= Q(site_type__in=site_types)
    if levels:
        level_q = Q(risk__level__in=levels)
        if DEFAULT_LEVEL in levels:
            level_q |= Q(risk__isnull=True)
        q &= level_q
    return q
