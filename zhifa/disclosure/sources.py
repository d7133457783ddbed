"""Everything the disclosure app reads from the penalty procedure, imported in this one place.

The penalty file (``Penalty``, ``Appeal``) and the steps that publish and withdraw a decision
belong to the penalty procedure; when that moves between apps only these imports change.
"""

from __future__ import annotations

from zhifa.cases.events import EVENT_LABELS, measure_event
from zhifa.cases.models import Case
from zhifa.cases.selectors import case_get_for_user
from zhifa.penalty.models import Appeal, Penalty
from zhifa.penalty.services import (
    appeal_decide,
    appeal_file,
    decision_disclose,
    decision_disclosure_withdraw,
)

__all__ = [
    "EVENT_LABELS",
    "Appeal",
    "Case",
    "Penalty",
    "appeal_decide",
    "appeal_file",
    "case_get_for_user",
    "decision_disclose",
    "decision_disclosure_withdraw",
    "measure_event",
]
