"""Hear the apps to the left: grid's patrol findings (inside the reporting transaction: the
lead is made there, so a refusal rolls both back) and cases' outcomes (sent on commit), passed
to the leads' sources."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .services import lead_outcome_from_case, lead_receive_finding


def on_finding_reported(sender: Any, finding: Any, actor: Any = None, **kwargs: Any) -> None:
    lead_receive_finding(finding=finding, actor=actor)


def on_case_closed(sender: Any, case: Any, outcome: str = "", **kwargs: Any) -> None:
    lead_outcome_from_case(case=case, outcome=f"已办结：{outcome or case.outcome}")


def on_case_transferred(sender: Any, case: Any, transfer: Any = None, **kwargs: Any) -> None:
    name = transfer.department.name if transfer is not None else "主管部门"
    lead_outcome_from_case(case=case, outcome=transfer_outcome(case=case, department=name))


def transfer_outcome(*, case: Any, department: str) -> str:
    """What a transferred case's reporter is told: what the town did on the spot before it
    handed the matter on (an order to stop, joint operations and their outcome), then where it
    went — a caller who asked for the digging to be stopped learns that it was."""
    done = []
    if case.orders.filter(kind="stop").exists():
        done.append("已责令当事人停止违法行为")
    for operation in case.joint_operations.prefetch_related("departments"):
        day = timezone.localtime(operation.started_at)
        names = "、".join(d.name for d in operation.departments.all())
        done.append(
            f"{day.month}月{day.day}日会同{names}联合执法：{operation.outcome.rstrip('。；;.')}"
        )
    head = "；".join(done)[:1800]
    return f"经核查，{head}{'；' if head else ''}该事项已依法移送{department}处理。"


def on_case_withdrawn(sender: Any, case: Any, reason: str = "", **kwargs: Any) -> None:
    lead_outcome_from_case(case=case, outcome=f"经调查，已撤销立案：{reason}")
