"""月度执法工作报告: each town's figures of a month, laid out by the documents engine (PDF and
DOCX) and sent to the county.

- On the 1st the sweep's hook (``tasks.monthly_reports_enqueue``, registered in ``apps.py``)
  enqueues ``tasks.monthly_reports_generate`` for last month when a town lacks it; the worker issues one
  report per town. Any later run finds the reports and does nothing (idempotent), so a missed 1st
  is made up on the next sweep.
- On demand a leader or the county supervisor generates a finished month (the same service) or
  previews the month so far (rendered, not stored).

The figures are the cockpit's (``cockpit.cockpit_figures``), with their definitions, so the
report, the cockpit and the drill-down lists agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from zhifa.core import clock
from zhifa.core.errors import DomainError
from zhifa.core.models import Town
from zhifa.documents import services as documents

from . import breakdowns as bd
from .cockpit import cockpit_figures, leads_by_source
from .metrics import METRICS, Period
from .models import MonthlyReport, SupervisionOpinion
from .templatetags.dashboard_tags import figure
from .warnings import RED, warnings_list

DOC_TYPE = "monthly_report"
# A claim older than this whose report never came (a worker killed mid-render) may be retaken.
STALE_CLAIM = dt.timedelta(minutes=15)


def month_first(year: int, month: int) -> dt.date:
    if not 1 <= month <= 12 or not clock.EARLIEST.year <= year <= clock.today().year:
        raise DomainError("报告月份无效，请选择 2000 年以来的月份")
    first = dt.date(year, month, 1)
    if first > clock.today():
        raise DomainError("不能生成尚未开始的月份的报告")
    return first


def month_period(first: dt.date) -> Period:
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return Period(first, following - dt.timedelta(days=1))


def month_label(first: dt.date) -> str:
    return f"{first.year}年{first.month}月"


def previous_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def is_finished(first: dt.date) -> bool:
    return month_period(first).until < clock.today()


def report_context(*, town: Town, first: dt.date, now: dt.datetime) -> dict[str, Any]:
    """The document's context: the month's figures (formatted as the cockpit shows them), leads
    by source, cases by village, warnings now and the county's opinions of the month."""
    period = month_period(first)
    figures = cockpit_figures(town_ids=[town.pk], period=period, now=now)[town.pk]
    sources = leads_by_source(town_ids=[town.pk], period=period).get(town.pk, {})
    warnings = warnings_list(town_ids=[town.pk], now=now)
    opinions = SupervisionOpinion.all_towns.filter(town=town).filter(period.times("issued_at"))
    local = clock.local(now)
    return {
        "report": {
            "month": first.isoformat(),
            "month_label": month_label(first),
            "period": period.label,
            "as_of": f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}",
            "addressee": f"{town.county_name}司法局",
            "figures": [
                {
                    "key": key,
                    "label": m.label,
                    "value": figure(figures.get(key)),
                    "unit": m.unit,
                    "definition": m.definition,
                }
                for key, m in METRICS.items()
            ],
            "sources": [{"label": label, "n": n} for label, n in sources.items()],
            "villages": bd.by_village(town_id=town.pk, period=period),
            "warnings_red": sum(w.level == RED for w in warnings),
            "warnings_yellow": sum(w.level != RED for w in warnings),
            "opinions": opinions.count(),
            "opinions_replied": opinions.filter(replied_at__isnull=False).count(),
        }
    }


def _claim(*, town: Town, first: dt.date, now: dt.datetime) -> MonthlyReport | None:
    """The row this run may fill, or None when the report exists or another run is making it."""
    try:
        with transaction.atomic():
            return MonthlyReport.all_towns.create(town=town, month=first, claimed_at=now)
    except IntegrityError:
        pass
    row = MonthlyReport.all_towns.get(town=town, month=first)
    if row.document_id is not None or row.claimed_at > now - STALE_CLAIM:
        return None
    # Compare-and-set: of two runs retaking a stale claim, one wins.
    taken = MonthlyReport.all_towns.filter(
        pk=row.pk, document__isnull=True, claimed_at=row.claimed_at
    ).update(claimed_at=now)
    return MonthlyReport.all_towns.get(pk=row.pk) if taken else None


def monthly_report_generate(
    *, town: Town, first: dt.date, actor: Any = None, now: dt.datetime | None = None
) -> MonthlyReport:
    """The month's report for the town, issued once: an existing report is returned as it is.
    Only a finished month is stored; ``actor`` None is the worker on the 1st."""
    now = now or clock.now()
    if not is_finished(first):
        raise DomainError(f"{month_label(first)}尚未结束，只能预览截至今日的报告")
    row = _claim(town=town, first=first, now=now)
    if row is None:
        existing = MonthlyReport.all_towns.select_related("document").get(town=town, month=first)
        if existing.document_id is None:
            raise DomainError(f"{town.name}{month_label(first)}的报告正在生成，请稍后刷新")
        return existing
    title = f"{town.name}{month_label(first)}行政执法工作报告"
    draft = documents.document_draft(
        town=town,
        doc_type=DOC_TYPE,
        context=report_context(town=town, first=first, now=now),
        owner=row,
        actor=actor,
        title=title,
    )
    issued = documents.document_issue(document=draft, actor=actor, date=clock.local(now).date())
    row.document = issued
    row.generated_at = clock.now()
    row.generated_by = actor if getattr(actor, "pk", None) else None
    row.save(update_fields=["document", "generated_at", "generated_by"])
    return row


def monthly_report_preview(*, town: Town, first: dt.date, kind: str) -> bytes:
    """The month so far (or any month, recomputed now), rendered and not stored."""
    now = clock.now()
    return documents.context_render(
        town=town,
        doc_type=DOC_TYPE,
        context=report_context(town=town, first=first, now=now),
        kind=kind,
    )


def monthly_report_file(*, report: MonthlyReport, kind: str) -> bytes:
    """The stored report: the PDF as issued (hash checked), or a DOCX of the same context."""
    if report.document is None:
        raise DomainError("该报告正在生成，请稍后刷新")
    if kind == "docx":
        return documents.document_render_docx(document=report.document)
    return documents.document_render_pdf(document=report.document)


def towns_missing(*, first: dt.date) -> list[int]:
    """Active towns without a finished report for the month."""
    done = MonthlyReport.all_towns.filter(month=first, document__isnull=False).values("town_id")
    return list(
        Town.objects.filter(is_active=True).exclude(pk__in=done).values_list("pk", flat=True)
    )


def monthly_reports_generate_due(*, first: dt.date, now: dt.datetime | None = None) -> int:
    """Issue the month's report of every active town that lacks it; returns how many were made."""
    made = 0
    for town in Town.objects.filter(pk__in=towns_missing(first=first)).order_by("code"):
        before = MonthlyReport.all_towns.filter(town=town, month=first, document__isnull=False)
        if before.exists():
            continue
        try:
            monthly_report_generate(town=town, first=first, now=now)
        except DomainError:
            continue  # another run is making it
        made += 1
    return made
