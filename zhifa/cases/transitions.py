"""One shape for every change of state on a case: lock → check → change → save → event.

``case_transition`` is the only way a service changes a case's state (DESIGN, the case state
machine) or the state of a measure beside it (an order re-inspected, a seizure released…)::

    with case_transition(case, "file", actor=actor, event_type="filed") as step:
        ...                                   # checks of the step itself, documents, clocks
        step.change(filed_at=now)             # the machine's verb, these fields, save
        step.record("立案", item=item.code)   # the one event, written when the block ends

It locks the case row for the transaction (concurrent steps queue behind it), refuses a verb the
machine does not allow from the case's state — or whose condition fails — with the table's Chinese
message (``rules.transition_require``), and when the block ends without an error takes the step
(if the block did not) and appends exactly one event. An error inside the block rolls everything
back, so a refusal changes nothing. Without a verb the case keeps its state: the step changes a
measure's row (``row``, locked after the case) or the case's record only, on an open case unless
``closed_ok``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from . import events
from .models import Case
from .rules import require_open, transition_require


def lock(case: Case) -> Case:
    """The case row, locked for this transaction (concurrent steps queue behind it)."""
    return Case.all_towns.select_for_update().get(pk=case.pk)


@dataclass
class Step:
    """The step under way: the locked case (and row), the state it started from, its event."""

    case: Case
    verb: str | None
    event_type: str
    old_state: str
    row: Any = None
    summary: str = ""
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)
    changed: bool = False

    def change(self, **fields: Any) -> Case:
        """Take the machine's verb, set ``fields`` on the case and save it (once)."""
        if self.changed:
            raise RuntimeError(f"{self.verb}: the case has already changed in this step")
        if self.verb is not None:
            getattr(self.case, self.verb)()
        for name, value in fields.items():
            setattr(self.case, name, value)
        if self.verb is not None or fields:
            self.case.save()
        self.changed = True
        return self.case

    def record(self, summary: str, *, old: dict[str, Any] | None = None, **new: Any) -> None:
        """What the step's event says: a summary for the timeline and its old and new values."""
        self.summary, self.old, self.new = summary, old or {}, new


@contextmanager
def case_transition(
    case: Case,
    verb: str | None = None,
    *,
    actor: Any,
    event_type: str,
    row: Any = None,
    closed_ok: bool = False,
) -> Iterator[Step]:
    """Lock the case (and ``row``), check the step is allowed, yield it, then change and record.

    ``verb`` is a transition of ``Case`` (``file``, ``close``, ``execute``…); without one the
    case's state stays and the case must be open unless ``closed_ok``. ``row`` is a measure's model
    instance: it is re-read locked and given back as ``step.row``. The block must call
    ``step.record``; it may call ``step.change`` where the state must change before what follows
    (a document that shows the new dates), else the change happens when the block ends."""
    with transaction.atomic():
        locked = lock(case)
        if verb is not None:
            transition_require(locked, verb)
        elif not closed_ok:
            require_open(locked)
        if row is not None:
            row = type(row).all_towns.select_for_update().get(pk=row.pk)
        step = Step(case=locked, verb=verb, event_type=event_type, old_state=locked.state, row=row)
        yield step
        if not step.summary:
            raise RuntimeError(f"{event_type}: the step recorded no event")
        if not step.changed:
            step.change()
        if verb is not None:
            events.state_changed(
                case=locked,
                actor=actor,
                event_type=event_type,
                old_state=step.old_state,
                summary=step.summary,
                **step.new,
            )
        else:
            events.measure_event(
                case=locked,
                actor=actor,
                event_type=event_type,
                summary=step.summary,
                old=step.old,
                new=step.new,
            )
