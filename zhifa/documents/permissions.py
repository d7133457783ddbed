"""Who may do what with documents (role codes of accounts.roles)."""

from __future__ import annotations

from typing import Any

from zhifa.accounts.access import require_role

VIEW_ROLES = ("leader", "squadron_leader", "officer", "auxiliary", "legal_reviewer", "admin")
DRAFT_ROLES = ("leader", "squadron_leader", "officer", "auxiliary", "legal_reviewer")
ISSUE_ROLES = ("leader", "squadron_leader", "officer")  # an auxiliary never signs
VOID_ROLES = ("leader", "squadron_leader")
TEMPLATE_ROLES = ("leader", "admin")


def require_view(user: Any) -> None:
    require_role(user, *VIEW_ROLES)


def require_draft(user: Any) -> None:
    require_role(user, *DRAFT_ROLES)


def require_issue(user: Any) -> None:
    require_role(user, *ISSUE_ROLES)


def require_void(user: Any) -> None:
    require_role(user, *VOID_ROLES)


def require_template_edit(user: Any) -> None:
    require_role(user, *TEMPLATE_ROLES)


ROLE_PERMISSIONS = {
    "admin": [
        "documents.view_templateversion",
        "documents.add_templateversion",
        "documents.view_numberingrule",
        "documents.add_numberingrule",
        "documents.change_numberingrule",
        "documents.view_document",
    ],
}
