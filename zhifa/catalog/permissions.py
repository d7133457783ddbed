"""Who may do what in the catalog. Everyone in the town reads the list; only 系统管理员 keeps it
(行政处罚法第二十四条: the list is the province's and county's decision, entered by the admin)."""

from __future__ import annotations

from typing import Any

from zhifa.accounts.access import require_role
from zhifa.accounts.roles import ADMIN
from zhifa.core.errors import Forbidden

_READ = [
    "catalog.view_poweritem",
    "catalog.view_legalprovision",
    "catalog.view_department",
    "catalog.view_domain",
]
_KEEP = [
    "catalog.add_poweritem",
    "catalog.change_poweritem",
    "catalog.view_poweritemevent",
    "catalog.add_department",
    "catalog.change_department",
]

ROLE_PERMISSIONS = {
    "leader": _READ,
    "squadron_leader": _READ,
    "officer": _READ,
    "auxiliary": _READ,
    "legal_reviewer": _READ,
    "grid_member": _READ,
    "department": _READ,
    "admin": _READ + _KEEP,
}


def can_edit_catalog(user: Any) -> bool:
    try:
        require_catalog_editor(user)
    except Forbidden:
        return False
    return True


def can_edit_lexicon(user: Any) -> bool:
    """The everyday words of an item are the team's knowledge of how people complain: the
    catalog keeper and the leaders who triage may keep them."""
    try:
        require_role(user, ADMIN, "leader", "squadron_leader")
    except Forbidden:
        return False
    return True


def require_catalog_reader(user: Any) -> None:
    """Raise ``Forbidden`` unless the user's roles grant reading the list (every role does)."""
    if not user.has_perm("catalog.view_poweritem"):
        raise Forbidden("无权查看权责清单")


def require_catalog_editor(user: Any) -> None:
    """Raise ``Forbidden`` unless the user keeps the catalog (系统管理员)."""
    require_role(user, ADMIN)
