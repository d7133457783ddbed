"""Signals other apps (intake, disclosure) listen to; sent on commit of the step that causes them.

Each is sent with ``sender=Case`` and ``case``; ``case_transferred`` adds ``transfer``,
``case_closed`` adds ``outcome``, ``case_withdrawn`` adds ``reason``. The penalty procedure
sends ``case_decided`` (adds ``penalty``: the decision to disclose within 7 working days) and
``case_decision_changed`` (adds ``penalty`` and ``appeal``: withdraw or correct the disclosure
within 3 working days).
"""

from django.dispatch import Signal

case_registered = Signal()
case_filed = Signal()
case_transferred = Signal()
case_transfer_received = Signal()
case_withdrawn = Signal()
case_closed = Signal()
case_decided = Signal()
case_decision_changed = Signal()
