"""Background jobs of core, run by `zhifa worker` (django-tasks database backend)."""

from __future__ import annotations

from django_tasks import task

from .channels import configured_channels
from .models import Notification


@task()
def deliver_notifications(notification_ids: list[int]) -> None:
    for notification in Notification.all_towns.filter(pk__in=notification_ids).select_related(
        "user"
    ):
        record = dict(notification.delivered)
        for channel in configured_channels():
            if record.get(channel.name) == "sent":
                continue
            try:
                record[channel.name] = channel.send(notification)
            except Exception as exc:  # a channel failure must not lose the in-page notice
                record[channel.name] = f"failed: {exc}"[:200]
        notification.delivered = record
        notification.save(update_fields=["delivered"])


@task()
def sweep_deadlines() -> dict[str, int]:
    from .deadlines import deadline_sweep
    from .sweeps import sweep_hooks_run

    result = deadline_sweep()
    sweep_hooks_run()
    return {"due_soon": result.due_soon, "overdue": result.overdue, "elapsed": result.elapsed}
