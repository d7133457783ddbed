"""What the case file asks of the coercive measures (registered in ``cases.extensions``)."""

from __future__ import annotations

from typing import Any

from zhifa.core.articles import A56, Q28
from zhifa.core.errors import RuleViolation

from .models import EvidenceHold, Seizure


def measures_ended(case: Any) -> None:
    """A case ends (closed or withdrawn) only once its seizures are released and its held
    evidence has a disposal decision."""
    if Seizure.all_towns.filter(case=case, status=Seizure.Status.ACTIVE).exists():
        raise RuleViolation(
            "查封、扣押尚未解除，不能结案或撤销",
            article=Q28,
            code="seizure_active",
        )
    if EvidenceHold.all_towns.filter(case=case, status=EvidenceHold.Status.HELD).exists():
        raise RuleViolation(
            "先行登记保存的物品尚未作出处理决定，不能结案或撤销",
            article=A56,
            code="hold_active",
        )


def seizure_attachments(case: Any) -> list[dict[str, str]]:
    rows = []
    for seizure in Seizure.all_towns.filter(case=case).select_related("document"):
        number = seizure.document.number if seizure.document else ""
        rows.append(
            {"name": f"{seizure.get_kind_display()}决定书及清单（{number}）", "pages": "1份"}
        )
    return rows
