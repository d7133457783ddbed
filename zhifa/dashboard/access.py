"""Who may open the dashboard, and which towns they see. Every view and endpoint calls these.

- 队长/副队长 and 系统管理员: their own town's cockpit, warnings, reports and exports;
- 县司法局执法监督员 (``jiandu``): the towns they supervise, side by side, read-only — the
  supervision pages (案卷评查, 监督意见) are theirs;
- everyone else: refused.
"""

from __future__ import annotations

from typing import Any

from zhifa.accounts.roles import ADMIN, LEADER, SUPERVISOR, has_role
from zhifa.core.errors import Forbidden, NotFound
from zhifa.core.models import Town


def _is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def is_supervisor(user: Any) -> bool:
    return has_role(user, SUPERVISOR)


def cockpit_check(user: Any) -> None:
    """Leaders, admins and county supervisors may read the cockpit."""
    if _is_superuser(user):
        return
    if not has_role(user, LEADER, ADMIN, SUPERVISOR):
        raise Forbidden("统计驾驶舱仅限队长、系统管理员和县司法局执法监督员查看")


def supervision_check(user: Any) -> None:
    """The county's supervision pages: 县司法局执法监督员 only."""
    if _is_superuser(user):
        return
    if not is_supervisor(user):
        raise Forbidden("该页面仅限县司法局执法监督员")


def dashboard_town_ids(user: Any) -> list[int]:
    """The towns whose figures this user may read (a leader: own town; a supervisor: supervised)."""
    cockpit_check(user)
    if is_supervisor(user) or _is_superuser(user):
        ids = set(user.supervised_towns.values_list("pk", flat=True))
        if _is_superuser(user) and not ids:
            ids = set(Town.objects.values_list("pk", flat=True))
        return sorted(ids)
    return [user.town_id] if user.town_id else []


def dashboard_towns(user: Any) -> list[Town]:
    return list(Town.objects.filter(pk__in=dashboard_town_ids(user)).order_by("code"))


def town_for_user(user: Any, code: str) -> Town:
    """The town by its code if this user may read it; otherwise NotFound (not revealed)."""
    town = Town.objects.filter(code=code, pk__in=dashboard_town_ids(user)).first()
    if town is None:
        raise NotFound("未找到该乡镇，或您无权查看")
    return town
