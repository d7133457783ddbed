from .case import ACTIVE_STATES, Case, CaseEvent, CaseHandler, State
from .measures import AssistanceRequest, CorrectionOrder, EvidenceHold, Seizure
from .penalty import Appeal, Penalty
from .records import Evidence, Record, excess_of
from .transfers import JointOperation, Transfer

__all__ = [
    "ACTIVE_STATES",
    "Appeal",
    "AssistanceRequest",
    "Case",
    "CaseEvent",
    "CaseHandler",
    "CorrectionOrder",
    "Evidence",
    "EvidenceHold",
    "JointOperation",
    "Penalty",
    "Record",
    "Seizure",
    "State",
    "Transfer",
    "excess_of",
]
