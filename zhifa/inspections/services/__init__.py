"""Writes for inspections: atomic, validated before saving, each with its event on the plan's or
the inspection's hash-chained record in the same transaction."""

from .draws import draw_inputs, draw_verify, plan_draw, plan_redraw
from .inspections import (
    inspection_answer,
    inspection_cancel,
    inspection_create,
    inspection_finish,
    inspection_photo_add,
    inspection_sign,
    inspection_start,
)
from .plans import plan_approve, plan_create
from .publication import inspection_publish, inspections_publish_due
from .register import checklist_item_add, officer_conflict_record, subject_risk_set

__all__ = [
    "checklist_item_add",
    "draw_inputs",
    "draw_verify",
    "inspection_answer",
    "inspection_cancel",
    "inspection_create",
    "inspection_finish",
    "inspection_photo_add",
    "inspection_publish",
    "inspection_sign",
    "inspection_start",
    "inspections_publish_due",
    "officer_conflict_record",
    "plan_approve",
    "plan_create",
    "plan_draw",
    "plan_redraw",
    "subject_risk_set",
]
