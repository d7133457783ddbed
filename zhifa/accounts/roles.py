"""The roles of DESIGN.md as Django groups, and the permissions each app grants them.

Each app may hold a ``permissions.py`` with ``ROLE_PERMISSIONS = {role_code: ["app.codename", ...]}``;
``roles_sync`` (run after every migrate) gives the groups exactly the permissions declared.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission

LEADER = "leader"
SQUADRON_LEADER = "squadron_leader"
OFFICER = "officer"
AUXILIARY = "auxiliary"
LEGAL_REVIEWER = "legal_reviewer"
GRID_MEMBER = "grid_member"
DEPARTMENT = "department"
ADMIN = "admin"
# 县司法局执法监督员: supervises several towns read-only (cockpit, warnings, 案卷评查, opinions).
SUPERVISOR = "jiandu"

ROLES: dict[str, str] = {
    LEADER: "队长/副队长",
    SQUADRON_LEADER: "中队长",
    OFFICER: "执法队员",
    AUXILIARY: "辅助人员",
    LEGAL_REVIEWER: "法制审核员",
    GRID_MEMBER: "网格员",
    DEPARTMENT: "县直部门联络员",
    ADMIN: "系统管理员",
    SUPERVISOR: "县司法局执法监督员",
}
# Group names are the Chinese labels, so the Django admin reads naturally.
GROUP_NAMES = {code: label for code, label in ROLES.items()}
_CODE_BY_GROUP = {label: code for code, label in GROUP_NAMES.items()}


def declared_permissions() -> dict[str, set[str]]:
    declared: dict[str, set[str]] = {code: set() for code in ROLES}
    for config in apps.get_app_configs():
        if not config.name.startswith("zhifa."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.permissions")
        except ModuleNotFoundError:
            continue
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            declared[role].update(perms)
    return declared


def roles_sync() -> None:
    for code, perms in declared_permissions().items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[code])
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found:
                wanted.append(found)
        group.permissions.set(wanted)


def user_roles(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_zhifa_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = {_CODE_BY_GROUP[name] for name in names if name in _CODE_BY_GROUP}
        user._zhifa_roles = cached
    return cached


def has_role(user: Any, *codes: str) -> bool:
    return bool(user_roles(user) & set(codes))


def role_labels(user: Any) -> list[str]:
    return [ROLES[code] for code in ROLES if code in user_roles(user)]
