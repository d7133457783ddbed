"""Writes of the penalty procedure (行政处罚法). Every service is atomic, validates before saving,
changes the case's state only through the machine's verbs with the row locked, and appends its event
in the same transaction."""

from .appeal import appeal_decide, appeal_file
from .decision import decision_make, no_penalty_decide
from .disclosure import decision_disclose, decision_disclosure_withdraw
from .execution import enforcement_apply, penalty_close, reminder_serve
from .hearing import hearing_hold, hearing_request, hearing_schedule
from .notice import notice_serve, statement_record
from .on_the_spot import onthespot_decide, onthespot_hand_in
from .payment import payment_defer, payment_record
from .proposal import penalty_propose
from .review import discussion_record, legal_review_record
from .service import decision_serve

__all__ = [
    "appeal_decide",
    "appeal_file",
    "decision_disclose",
    "decision_disclosure_withdraw",
    "decision_make",
    "decision_serve",
    "discussion_record",
    "enforcement_apply",
    "hearing_hold",
    "hearing_request",
    "hearing_schedule",
    "legal_review_record",
    "no_penalty_decide",
    "notice_serve",
    "onthespot_decide",
    "onthespot_hand_in",
    "payment_defer",
    "payment_record",
    "penalty_close",
    "penalty_propose",
    "reminder_serve",
    "statement_record",
]
