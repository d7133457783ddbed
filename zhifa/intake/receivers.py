"""Hear the apps to the left: grid's patrol findings (inside the reporting transaction: the
lead is made there, so a refusal rolls both back) and cases' outcomes (sent on commit), passed
to the leads' sources."""

from __future__ import annotations

from typing import Any

from .services import lead_outcome_from_case, lead_receive_finding


def on_finding_reported(sender: Any, finding: Any, actor: Any = None, **kwargs: Any) -> None:
    lead_receive_finding(finding=finding, actor=actor)


def on_case_closed(sender: Any, case: Any, outcome: str = "", **kwargs: Any) -> None:
    lead_outcome_from_case(case=case, outcome=f"已办结：{outcome or case.outcome}")


def on_case_transferred(sender: Any, case: Any, transfer: Any = None, **kwargs: Any) -> None:
    name = transfer.department.name if transfer is not None else "主管部门"
    lead_outcome_from_case(case=case, outcome=f"经核查，该事项已依法移送{name}处理。")


def on_case_withdrawn(sender: Any, case: Any, reason: str = "", **kwargs: Any) -> None:
    lead_outcome_from_case(case=case, outcome=f"经调查，已撤销立案：{reason}")
