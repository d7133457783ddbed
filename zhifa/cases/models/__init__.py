from .approvals import ApprovalRequest
from .case import ACTIVE_STATES, Case, CaseEvent, CaseHandler, State
from .measures import CorrectionOrder
from .records import Evidence, Record, excess_of
from .transfers import JointOperation, Transfer

__all__ = [
    "ACTIVE_STATES",
    "ApprovalRequest",
    "Case",
    "CaseEvent",
    "CaseHandler",
    "CorrectionOrder",
    "Evidence",
    "JointOperation",
    "Record",
    "State",
    "Transfer",
    "excess_of",
]
