"""Notifications: a row per user (the page header shows it) and delivery through the channels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from . import clock
from .models import Notification, Town


def notify(
    *,
    town: Town,
    users: Iterable[Any],
    title: str,
    body: str = "",
    url: str = "",
    level: str = Notification.Level.INFO,
) -> list[Notification]:
    rows = [
        Notification.all_towns.create(
            town=town, user=user, title=title, body=body, url=url, level=level
        )
        for user in users
    ]
    if rows:
        from .tasks import deliver_notifications

        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: deliver_notifications.enqueue(ids))
    return rows


def notification_mark_read(*, user: Any, notification_id: int | None = None) -> int:
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=clock.now())


def unread_for(user: Any) -> Any:
    return Notification.objects.filter(user=user, read_at__isnull=True)
