"""行政检查 (inspections): subjects' risk levels, 回避 links, checklists, plans, sealed draws,
inspections with their checklist answers and photos, and their hash-chained records."""

from .inspection import ChecklistAnswer, ChecklistPhoto, Inspection, InspectionEvent
from .plan import Draw, Plan, PlanEvent
from .register import (
    DEFAULT_LEVEL,
    ChecklistItem,
    OfficerConflict,
    RiskLevel,
    SubjectRisk,
    SubjectRiskChange,
)

__all__ = [
    "DEFAULT_LEVEL",
    "ChecklistAnswer",
    "ChecklistItem",
    "ChecklistPhoto",
    "Draw",
    "Inspection",
    "InspectionEvent",
    "OfficerConflict",
    "Plan",
    "PlanEvent",
    "RiskLevel",
    "SubjectRisk",
    "SubjectRiskChange",
]
