"""Deliver every due 12345 message now (for cron beside the worker, or after an outage)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from zhifa.intake.hotline import outbox_flush
from zhifa.intake.models import Outbox


class Command(BaseCommand):
    help = "向 12345 平台发送所有到期的待发消息（签收、退单、延期、答复、办结）"

    def handle(self, *args, **options):
        done = outbox_flush()
        left = Outbox.all_towns.filter(acked_at=None).count()
        self.stdout.write(f"已确认 {done} 条；仍待发送 {left} 条")
