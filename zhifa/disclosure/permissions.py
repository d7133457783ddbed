"""Who may do what in 公示: the one check the pages share. The public pages need none."""

from __future__ import annotations

from typing import Any

from zhifa.accounts.roles import ADMIN, LEADER, LEGAL_REVIEWER, OFFICER, SQUADRON_LEADER, has_role
from zhifa.core.errors import Forbidden

READERS = (LEADER, SQUADRON_LEADER, OFFICER, LEGAL_REVIEWER, ADMIN)
WITHHOLDERS = (LEADER,)

ROLE_PERMISSIONS = {
    "leader": ["disclosure.view_withholding", "disclosure.view_portal"],
    "admin": ["disclosure.view_withholding", "disclosure.view_portal", "disclosure.change_portal"],
}


def require_reader(user: Any) -> None:
    """The team's publication board and previews: the team's staff."""
    if not (getattr(user, "is_superuser", False) or has_role(user, *READERS)):
        raise Forbidden("公示管理仅限执法队工作人员")


def may_withhold(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or has_role(user, *WITHHOLDERS))
