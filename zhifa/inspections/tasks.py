"""Jobs of inspections, run by `zhifa worker`: publish results on the last day of their window."""

from __future__ import annotations

from django_tasks import task


@task()
def publish_due() -> int:
    from .services import inspections_publish_due

    return len(inspections_publish_due())
