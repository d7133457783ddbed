"""Reads of the grid, filtered by what the user may see.

A grid member who holds no other role sees only the cells assigned to them (and what lies in them);
the team's staff see the whole town.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from zhifa.accounts.access import require_role
from zhifa.accounts.roles import (
    ADMIN,
    AUXILIARY,
    GRID_MEMBER,
    LEADER,
    LEGAL_REVIEWER,
    OFFICER,
    SQUADRON_LEADER,
    has_role,
)
from zhifa.core.errors import Forbidden, NotFound
from zhifa.core.excel import workbook_build
from zhifa.core.models import Town

from .models import GridCell, Patrol, PatrolFinding, Subject, Village, Zone

STAFF_ROLES = (LEADER, SQUADRON_LEADER, OFFICER, AUXILIARY, LEGAL_REVIEWER, ADMIN)
MANAGER_ROLES = (LEADER, ADMIN)
PLANNER_ROLES = (LEADER, SQUADRON_LEADER, ADMIN)


def is_grid_staff(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *STAFF_ROLES)


def require_grid_access(user: Any) -> None:
    """Staff and grid members use the grid pages; other roles (county departments) do not."""
    require_role(user, *STAFF_ROLES, GRID_MEMBER)


def require_staff(user: Any) -> None:
    require_role(user, *STAFF_ROLES)


def require_manager(user: Any) -> None:
    """Keeping the grid's places (cell import) is for leaders and the system admin."""
    require_role(user, *MANAGER_ROLES)


def require_patrol_planner(user: Any) -> None:
    require_role(user, *PLANNER_ROLES)


def town_required(request: Any) -> Town:
    town = getattr(request, "town", None)
    if town is None:
        raise Forbidden("请先选择所在乡镇")
    return town


def zones_for(town: Town) -> QuerySet[Zone]:
    return Zone.objects.filter(town=town).annotate(village_count=Count("villages"))


def villages_for(town: Town) -> QuerySet[Village]:
    return (
        Village.objects.filter(town=town)
        .select_related("zone")
        .annotate(cell_count=Count("cells"))
        .order_by("code")
    )


def cells_for_user(user: Any, town: Town) -> QuerySet[GridCell]:
    cells = GridCell.objects.filter(town=town).select_related("village__zone")
    if is_grid_staff(user):
        return cells
    if has_role(user, GRID_MEMBER):
        return cells.filter(members__user=user, members__is_active=True)
    return cells.none()


def cell_get_for_user(user: Any, town: Town, code: str) -> GridCell:
    cell = cells_for_user(user, town).filter(code=code).first()
    if cell is None:
        raise NotFound("未找到该网格，或该网格不由您负责")
    return cell


def subjects_for(town: Town, *, kind: str = "", q: str = "") -> QuerySet[Subject]:
    rows = Subject.objects.filter(town=town).select_related("cell__village", "operator")
    if kind:
        rows = rows.filter(kind=kind)
    if q:
        rows = rows.filter(name__icontains=q) | rows.filter(address__icontains=q)
    return rows


def subjects_pick(town: Town, *, q: str = "", kind: str = "") -> QuerySet[Subject]:
    """The subject picker's search: name, address or credit code (an ID number only whole, since
    it is never shown)."""
    rows = Subject.objects.filter(town=town).select_related("cell__village").order_by("name")
    if kind:
        rows = rows.filter(kind=kind)
    if q:
        rows = rows.filter(
            Q(name__icontains=q)
            | Q(address__icontains=q)
            | Q(credit_code__icontains=q)
            | Q(id_number=q.upper())
        )
    return rows


def places_search(town: Town, *, q: str = "", limit: int = 20) -> list[dict[str, Any]]:
    """Where a point may be set from words: the town's villages (at the middle of their cells)
    and its registered subjects (at their own point, else their cell's). Villages first."""
    villages = Village.objects.filter(town=town).select_related("zone").order_by("code")
    if q:
        villages = villages.filter(Q(name__icontains=q) | Q(alias__icontains=q))
    centres = {
        row["village"]: row
        for row in GridCell.objects.filter(town=town, village__in=villages)
        .values("village")
        .annotate(lat=Avg("center_lat"), lng=Avg("center_lng"))
    }
    found: list[dict[str, Any]] = []
    for v in villages[:limit]:
        centre = centres.get(v.pk, {})
        found.append(
            {
                "id": v.pk,
                "kind": "village",
                "label": str(v),
                "hint": f"村（社区） · {v.zone.name}",
                "address": f"{town.county_name}{town.name}{v.name}",
                "lat": centre.get("lat"),
                "lng": centre.get("lng"),
            }
        )
    if not q or len(found) >= limit:
        return found
    for s in subjects_pick(town, q=q)[: limit - len(found)]:
        lat, lng = s.lat, s.lng
        if lat is None and s.cell is not None:
            lat, lng = s.cell.center_lat, s.cell.center_lng
        found.append(
            {
                "id": s.pk,
                "kind": "subject",
                "label": s.name,
                "hint": " · ".join(x for x in (s.kind_label, s.address) if x),
                "address": s.address or (s.cell.village.name if s.cell else ""),
                "lat": lat,
                "lng": lng,
            }
        )
    return found


def patrols_for_user(user: Any, town: Town) -> QuerySet[Patrol]:
    rows = (
        Patrol.objects.filter(town=town)
        .select_related("patroller")
        .annotate(
            checkin_count=Count("checkins", distinct=True),
            finding_count=Count("findings", distinct=True),
        )
    )
    if is_grid_staff(user) and has_role(user, *PLANNER_ROLES):
        return rows
    return rows.filter(patroller=user)


def patrol_get_for_user(user: Any, town: Town, pk: int) -> Patrol:
    patrol = patrols_for_user(user, town).filter(pk=pk).first()
    if patrol is None:
        raise NotFound("未找到该巡查任务，或它不是您的任务")
    return patrol


def findings_for_user(user: Any, town: Town) -> QuerySet[PatrolFinding]:
    rows = PatrolFinding.objects.filter(town=town).select_related(
        "reported_by", "cell__village", "subject"
    )
    if is_grid_staff(user):
        return rows
    return rows.filter(reported_by=user)


def patrollers_for(town: Town) -> QuerySet[Any]:
    """People who may be sent on patrol: the team's staff and grid members of the town."""
    from zhifa.accounts.models import User
    from zhifa.accounts.roles import GROUP_NAMES

    names = [GROUP_NAMES[r] for r in (SQUADRON_LEADER, OFFICER, AUXILIARY, GRID_MEMBER)]
    return (
        User.objects.filter(town=town, is_active=True, groups__name__in=names)
        .distinct()
        .order_by("full_name")
    )


def findings_untaken(town: Town) -> QuerySet[PatrolFinding]:
    """For intake: findings not yet turned into leads, oldest first."""
    return PatrolFinding.all_towns.filter(town=town, taken_at__isnull=True).order_by("at")


SUBJECT_HEADERS = ("名称或姓名", "类别", "经营主体", "证件号码", "地址", "村（社区）", "网格编码")
KIND_LABELS = {"enterprise": "企业及其他组织", "individual": "个人", "site": "场所"}


def subjects_xlsx(rows: QuerySet[Subject], *, kind: str = "", q: str = "") -> bytes:
    """The 监管对象 list as filtered on the page (core.excel); an individual's ID number is
    masked as on the page."""
    parts = []
    if q:
        parts.append(f"名称或地址：{q}")
    if kind:
        parts.append(f"类别：{KIND_LABELS.get(kind, kind)}")
    return workbook_build(
        title="监管对象",
        filters="；".join(parts),
        headers=SUBJECT_HEADERS,
        rows=(
            (
                s.name,
                s.kind_label,
                s.operator.name if s.operator_id else "",
                s.credit_code or s.id_number_masked,
                s.address,
                s.cell.village.name if s.cell_id else "",
                s.cell.code if s.cell_id else "",
            )
            for s in rows.iterator(chunk_size=2000)
        ),
    )
