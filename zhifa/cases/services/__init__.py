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
from .orders import correction_order_issue, correction_order_reinspect
from .records import record_create
from .transfers import case_transfer, joint_operation_record, transfer_receipt_record

__all__ = [
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
    "joint_operation_record",
    "record_create",
    "transfer_receipt_record",
]
