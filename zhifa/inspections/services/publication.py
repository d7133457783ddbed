"""一公开: the result of a completed inspection is published within
``ZHIFA_INSPECTION_PUBLISH_WORKDAYS`` working days (a core Deadline on the working-day calendar).
Staff publish it; ``inspections_publish_due`` publishes, on its last day, any result nobody did,
so none is ever late."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhifa.core import clock
from zhifa.core.deadlines import deadline_complete, deadline_open
from zhifa.core.errors import Conflict
from zhifa.core.models import Deadline

from ..models import Inspection
from ..permissions import PUBLISHERS, require
from ..rules import PUBLISH_ARTICLE
from .common import inspection_event


def publish_clock_open(*, inspection: Inspection, actor: Any) -> Deadline:
    return deadline_open(
        town=inspection.town,
        subject=inspection,
        kind="inspection_publish",
        purpose=f"公示检查结果（{inspection.number}）",
        start=inspection.finished_at or clock.now(),
        amount=settings.ZHIFA_INSPECTION_PUBLISH_WORKDAYS,
        unit=Deadline.Unit.WORKING_DAYS,
        article=PUBLISH_ARTICLE,
        responsible=actor if getattr(actor, "pk", None) else None,
        url=f"/inspections/{inspection.pk}/",
    )


def _publish(inspection: Inspection, actor: Any, at: dt.datetime, summary: str) -> Inspection:
    inspection.published_at = at
    inspection.save(update_fields=["published_at"])
    if (
        inspection.publish_deadline_id
        and inspection.publish_deadline.status == Deadline.Status.OPEN
    ):
        deadline_complete(deadline=inspection.publish_deadline, at=at)
    inspection_event(inspection, actor, "published", summary, at=at)
    return inspection


def inspection_publish(
    *, inspection: Inspection, actor: Any, at: dt.datetime | None = None
) -> Inspection:
    require(actor, PUBLISHERS, "公示检查结果")
    with transaction.atomic():
        inspection = Inspection.all_towns.select_for_update().get(pk=inspection.pk)
        if inspection.status != Inspection.Status.COMPLETED:
            raise Conflict("检查完成并签名确认后方可公示结果")
        if inspection.published_at is not None:
            raise Conflict("该检查结果已公示")
        return _publish(inspection, actor, at or clock.now(), "公示检查结果")


def inspections_publish_due(*, now: dt.datetime | None = None) -> list[Inspection]:
    """Publish every completed, unpublished result whose publication deadline falls today (or has
    passed): the last working day of the window. Idempotent; run with the deadline sweep."""
    now = now or clock.now()
    end_of_today = timezone.make_aware(
        dt.datetime.combine(timezone.localtime(now).date(), dt.time.max)
    )
    published = []
    rows = Inspection.all_towns.filter(
        status=Inspection.Status.COMPLETED,
        published_at__isnull=True,
        publish_deadline__due_at__lte=end_of_today,
    ).select_related("publish_deadline")
    with transaction.atomic():
        for inspection in rows.select_for_update(of=("self",)):
            published.append(
                _publish(inspection, None, now, "公示期限届满当日，系统自动公示检查结果")
            )
    return published
