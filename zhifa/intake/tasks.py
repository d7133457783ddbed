"""Jobs of intake, run by `zhifa worker`: triage a new lead; retrain a town's triage model;
deliver 12345 messages with retries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import Lead, Outbox


@task()
def triage_lead(lead_id: int) -> None:
    from .triage import lead_triage

    lead = Lead.all_towns.filter(pk=lead_id).first()
    if lead is not None:
        lead_triage(lead=lead)


@task()
def retrain_classifier(town_id: int) -> int | None:
    """Train the town's triage model on its current data (a no-op when nothing changed since the
    latest version); returns the version number."""
    from .classify import model_train

    row = model_train(town_id=town_id)
    return row.version if row is not None else None


@task()
def deliver_outbox(message_id: int) -> bool:
    """Deliver one message; when the platform is down, re-enqueue it for its next try (backoff)
    where the backend can defer; ``flush_outbox`` (periodic) is the safety net."""
    from .hotline import outbox_attempt

    message = Outbox.all_towns.filter(pk=message_id).first()
    if message is None:
        return False
    if outbox_attempt(message=message):
        # A later message of the same order may have waited for this one.
        for later in Outbox.all_towns.filter(
            lead_id=message.lead_id, acked_at=None, pk__gt=message.pk
        ):
            if not outbox_attempt(message=later):
                break
        return True
    message.refresh_from_db()
    if getattr(default_task_backend, "supports_defer", False):
        deliver_outbox.using(run_after=message.next_try).enqueue(message_id)
    return False


@task()
def flush_outbox() -> int:
    from .hotline import outbox_flush

    return outbox_flush(now=timezone.now() + dt.timedelta(seconds=1))
