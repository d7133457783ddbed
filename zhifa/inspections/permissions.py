"""Who may do what in inspections. Each predicate is the one check pages and the API share."""

from __future__ import annotations

from typing import Any

from zhifa.accounts.roles import ADMIN, LEADER, OFFICER, SQUADRON_LEADER, has_role
from zhifa.core.errors import Forbidden

PLANNERS = (LEADER, SQUADRON_LEADER)
APPROVERS = (LEADER,)
DRAWERS = (LEADER, SQUADRON_LEADER)
PUBLISHERS = (LEADER, SQUADRON_LEADER)
RATERS = (LEADER, SQUADRON_LEADER, OFFICER)
REGISTRARS = (LEADER, SQUADRON_LEADER, ADMIN)  # 回避 links and checklists

ROLE_PERMISSIONS = {
    "leader": ["inspections.view_plan", "inspections.view_inspection"],
    "squadron_leader": ["inspections.view_plan", "inspections.view_inspection"],
    "officer": ["inspections.view_plan", "inspections.view_inspection"],
    "admin": ["inspections.view_plan", "inspections.change_checklistitem"],
}


def _superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def may(user: Any, roles: tuple[str, ...]) -> bool:
    return _superuser(user) or has_role(user, *roles)


def require(user: Any, roles: tuple[str, ...], what: str) -> None:
    if not may(user, roles):
        raise Forbidden(f"无权{what}")


def officer_of(user: Any) -> Any:
    """The user's Officer row, or None."""
    from zhifa.team.models import Officer

    if not getattr(user, "is_authenticated", False):
        return None
    return Officer.all_towns.filter(user_id=user.pk).select_related("user").first()


def require_inspector(user: Any, inspection: Any) -> Any:
    """Only an officer drawn (assigned) to this inspection records it on site."""
    officer = officer_of(user)
    if officer is None or not inspection.officers.filter(pk=officer.pk).exists():
        raise Forbidden("只有本次检查的执法人员可以记录检查")
    return officer
