"""Intake's model permissions per role (the services check roles themselves), and the checks
that guard its pages (the navigation asks the same ones)."""

from __future__ import annotations

from typing import Any

from zhifa.accounts.access import require_role
from zhifa.accounts.roles import has_role
from zhifa.cases.selectors import is_staff
from zhifa.core.errors import Forbidden

ROLE_PERMISSIONS = {
    "leader": ["intake.view_lead", "intake.change_lead"],
    "squadron_leader": ["intake.view_lead", "intake.change_lead"],
    "officer": ["intake.view_lead", "intake.add_lead"],
    "auxiliary": ["intake.view_lead", "intake.add_lead"],
    "grid_member": ["intake.add_lead"],
    "admin": ["intake.view_lead", "intake.view_outbox"],
}


def require_inbox_access(user: Any) -> None:
    """The lead inbox: the team's staff (a grid member is sent to their own reports)."""
    if not (is_staff(user) or has_role(user, "grid_member")):
        raise Forbidden("线索收件箱仅限执法队伍人员")


def require_intake(user: Any) -> None:
    """Registering a lead by hand (a letter, a call, an assignment)."""
    from .services import INTAKE_ROLES

    require_role(user, *INTAKE_ROLES)


def require_reporter(user: Any) -> None:
    """The phone report form: grid members and the team's field staff."""
    from .services import INTAKE_ROLES

    require_role(user, "grid_member", *INTAKE_ROLES)
