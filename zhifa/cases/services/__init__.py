"""Writes for cases. Every service is atomic, validates before saving, changes the state only
through the machine's verbs with the row locked, and appends its event in the same transaction."""

from .case import (
    case_assign_handlers,
    case_close,
    case_dossier_pdf,
    case_file,
    case_note,
    case_propose,
    case_register,
    case_reinvestigate,
    case_share,
    case_start_investigation,
    case_withdraw,
)
from .evidence import evidence_add
from .measures import (
    assistance_request_send,
    correction_order_issue,
    correction_order_reinspect,
    evidence_hold_dispose,
    evidence_hold_start,
    seizure_extend,
    seizure_release,
    seizure_start,
)
from .records import record_create
from .transfers import case_transfer, joint_operation_record, transfer_receipt_record

__all__ = [
    "assistance_request_send",
    "case_assign_handlers",
    "case_close",
    "case_dossier_pdf",
    "case_file",
    "case_note",
    "case_propose",
    "case_register",
    "case_reinvestigate",
    "case_share",
    "case_start_investigation",
    "case_transfer",
    "case_withdraw",
    "correction_order_issue",
    "correction_order_reinspect",
    "evidence_add",
    "evidence_hold_dispose",
    "evidence_hold_start",
    "joint_operation_record",
    "record_create",
    "seizure_extend",
    "seizure_release",
    "seizure_start",
    "transfer_receipt_record",
]
