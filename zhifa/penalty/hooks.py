"""What the case file asks of the penalty procedure (registered in ``cases.extensions``)."""

from __future__ import annotations

from typing import Any

from zhifa.cases.models import State

from . import law
from .models import Penalty


def executed(case: Any) -> None:
    """A served or executing case closes only once its decision is executed (rule_executed)."""
    if case.state in (State.SERVED, State.EXECUTING):
        law.rule_executed(penalty=Penalty.all_towns.filter(case=case).first())


def page_section(case: Any) -> dict[str, Any] | None:
    penalty = (
        Penalty.objects.filter(case=case)
        .select_related("item", "party", "notice_doc", "decision_doc", "hearing_chair", "reviewer")
        .first()
    )
    if penalty is None:
        return None
    return {"penalty": penalty, "appeals": case.appeals.all()}


def urlpatterns() -> list[Any]:
    """The penalty pages keep their public paths under /cases/ and their ``cases:`` names."""
    from django.urls import path

    from . import views

    return [
        path("deadlines/", views.deadlines, name="deadlines"),
        path("on-the-spot/", views.on_the_spot, name="on_the_spot"),
    ]
