"""Writes of the grid's people at work: grid members, patrols, check-ins and findings (a finding
becomes a lead in the same transaction, through ``signals.finding_reported``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from zhifa.catalog.rules import fact_date_require
from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.models import Town

from .. import geometry as geo
from ..datum import WGS84, to_wgs84
from ..locate import locate
from ..models import GridCell, GridMember, Patrol, PatrolCheckIn, PatrolFinding, Subject
from ..photos import photo_check
from ..signals import finding_reported


def grid_member_assign(
    *, town: Town, user: Any, cells: Iterable[GridCell], phone: str = ""
) -> GridMember:
    """Make the user a grid member of the town watching exactly these cells."""
    if user.town_id != town.pk:
        raise DomainError("网格员应为本镇人员", code="wrong_town")
    cells = list(cells)
    if any(c.town_id != town.pk for c in cells):
        raise DomainError("只能分配本镇的网格", code="wrong_town")
    with transaction.atomic():
        member, _ = GridMember.all_towns.get_or_create(
            town=town, user=user, defaults={"phone": phone}
        )
        if phone and member.phone != phone:
            member.phone = phone
            member.save(update_fields=["phone"])
        member.cells.set(cells)
    return member


PLAN_AHEAD_DAYS = 366


def patrol_day_check(day: dt.date) -> None:
    """A patrol is planned for today or a later day, at most a year ahead."""
    today = clock.today()
    if day < today:
        raise DomainError(
            f"巡查日期（{day:%Y年%-m月%-d日}）已经过去，只能安排今天或以后的巡查",
            code="patrol_in_past",
            details={"field": "day"},
        )
    if (day - today).days > PLAN_AHEAD_DAYS:
        raise DomainError(
            f"巡查日期（{day:%Y年%-m月%-d日}）超过一年以后，请核对日期",
            code="patrol_too_far",
            details={"field": "day"},
        )


def patrol_plan(
    *,
    town: Town,
    patroller: Any,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    kind: str = Patrol.Kind.AREA,
    plan: dict[str, Any] | None = None,
    cells: Iterable[GridCell] = (),
    note: str = "",
) -> Patrol:
    if ends_at <= starts_at:
        raise DomainError("巡查结束时间应晚于开始时间", code="bad_shift")
    patrol_day_check(clock.local(starts_at).date())
    if patroller.town_id != town.pk:
        raise DomainError("巡查人应为本镇人员", code="wrong_town")
    if plan is not None:
        try:
            shape = geo.geojson_to_shape(plan)
        except (ValueError, TypeError, AttributeError, IndexError) as error:
            raise DomainError("巡查路线或区域无法解析", code="bad_plan") from error
        if not shape.is_valid:
            raise DomainError("巡查路线或区域不是有效图形", code="bad_plan")
    with transaction.atomic():
        patrol = Patrol.objects.create(
            town=town,
            patroller=patroller,
            title=title,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            plan=plan,
            note=note,
        )
        patrol.cells.set(list(cells))
    return patrol


def _photo_name(upload: Any) -> Any:
    ext = photo_check(upload)
    upload.name = f"{uuid.uuid4().hex}.{ext}"
    return upload


def patrol_check_in(
    *,
    patrol: Patrol,
    user: Any,
    lat: float,
    lng: float,
    datum: str = WGS84,
    accuracy_m: float | None = None,
    photo: Any = None,
    note: str = "",
) -> PatrolCheckIn:
    """Record the patroller's position (and photo) now; only the patroller checks in."""
    if patrol.patroller_id != user.pk:
        raise Forbidden("只有该巡查任务的巡查人可以签到")
    if patrol.status == Patrol.Status.DONE:
        raise DomainError("该巡查任务已完成，不能再签到", code="patrol_done")
    w_lat, w_lng = to_wgs84(float(lat), float(lng), datum)
    if photo is not None:
        photo = _photo_name(photo)
    found = locate(town=patrol.town, lat=w_lat, lng=w_lng)
    with transaction.atomic():
        checkin = PatrolCheckIn(
            town=patrol.town,
            patrol=patrol,
            user=user,
            at=clock.now(),
            lat=w_lat,
            lng=w_lng,
            accuracy_m=accuracy_m,
            cell_id=found.cell_id if found else None,
            note=note,
        )
        if photo is not None:
            checkin.photo = photo
        checkin.save()
        if patrol.status == Patrol.Status.PLANNED:
            patrol.status = Patrol.Status.ACTIVE
            patrol.save(update_fields=["status"])
    return checkin


def patrol_finish(*, patrol: Patrol, user: Any) -> Patrol:
    if patrol.patroller_id != user.pk:
        raise Forbidden("只有该巡查任务的巡查人可以结束巡查")
    patrol.status = Patrol.Status.DONE
    patrol.save(update_fields=["status"])
    return patrol


FINDING_MIN_CHARS = 5


def patrol_finding_report(
    *,
    town: Town,
    user: Any,
    description: str,
    lat: float | None = None,
    lng: float | None = None,
    datum: str = WGS84,
    patrol: Patrol | None = None,
    subject: Subject | None = None,
    photo: Any = None,
    at: dt.datetime | None = None,
) -> PatrolFinding:
    """A patroller or grid member records what they found. In the same transaction the finding
    is announced (``signals.finding_reported``): intake turns it into a lead there, so either
    both are saved or neither is."""
    description = (description or "").strip()
    if len(description) < FINDING_MIN_CHARS:
        raise DomainError(
            f"请写明发现的情况（至少 {FINDING_MIN_CHARS} 个字）",
            code="finding_empty",
            details={"field": "description"},
        )
    if patrol is not None and patrol.patroller_id != user.pk:
        raise Forbidden("只能在本人的巡查任务中上报发现")
    if subject is not None and subject.town_id != town.pk:
        raise DomainError("涉及对象不属于本镇", code="wrong_town")
    at = at or clock.now()
    fact_date_require(town=town, value=at, label="发现时间")
    cell_id = None
    if lat is not None and lng is not None:
        lat, lng = to_wgs84(float(lat), float(lng), datum)
        found = locate(town=town, lat=lat, lng=lng)
        cell_id = found.cell_id if found else None
    if photo is not None:
        photo = _photo_name(photo)
    with transaction.atomic():
        finding = PatrolFinding(
            town=town,
            patrol=patrol,
            reported_by=user,
            at=at,
            description=description,
            lat=lat,
            lng=lng,
            cell_id=cell_id,
            subject=subject,
        )
        if photo is not None:
            finding.photo = photo
        finding.save()
        finding_reported.send(sender=PatrolFinding, finding=finding, actor=user)
    return finding


def patrol_finding_take(*, finding: PatrolFinding, ref: str) -> PatrolFinding:
    """Called by intake when it makes a lead from the finding (once per finding)."""
    if finding.taken_at is not None:
        raise DomainError(f"该巡查发现已转为线索 {finding.taken_ref}", code="finding_taken")
    finding.taken_at = clock.now()
    finding.taken_ref = ref
    finding.save(update_fields=["taken_at", "taken_ref"])
    return finding
