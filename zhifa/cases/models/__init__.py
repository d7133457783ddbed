from .case import ACTIVE_STATES, Case, CaseEvent, CaseHandler, State
from .measures import AssistanceRequest, CorrectionOrder, EvidenceHold, Seizure
from .records import Evidence, Record, excess_of
from .transfers import JointOperation, Transfer

__all__ = [
    "ACTIVE_STATES",
    "AssistanceRequest",
    "Case",
    "CaseEvent",
    "CaseHandler",
    "CorrectionOrder",
    "Evidence",
    "EvidenceHold",
    "JointOperation",
    "Record",
    "Seizure",
    "State",
    "Transfer",
    "excess_of",
]
