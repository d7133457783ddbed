"""The one module through which the dashboard reads other apps' records.

Penalty and coercion models are moving out of ``cases`` into their own apps; every other module of
the dashboard imports them from here, so such a move changes these imports and nothing else.
"""

from __future__ import annotations

from zhifa.cases.models import (
    ACTIVE_STATES,
    Case,
    CaseHandler,
    CorrectionOrder,
    JointOperation,
    State,
    Transfer,
)
from zhifa.coercion.models import AssistanceRequest, EvidenceHold, Seizure
from zhifa.core.models import Deadline
from zhifa.inspections.models import Inspection
from zhifa.intake.models import Lead
from zhifa.penalty.models import Appeal, Penalty

__all__ = [
    "ACTIVE_STATES",
    "Appeal",
    "AssistanceRequest",
    "Case",
    "CaseHandler",
    "CorrectionOrder",
    "Deadline",
    "EvidenceHold",
    "Inspection",
    "JointOperation",
    "Lead",
    "Penalty",
    "Seizure",
    "State",
    "Transfer",
]
