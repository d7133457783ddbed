"""The squadron leader's queue from intake (through ``core.queues``): the squadron's leads not
yet triaged (待分拣), oldest first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from zhifa.accounts.roles import SQUADRON_LEADER, has_role
from zhifa.core.queues import Queue, QueueRow

from .models import Lead


def lead_queues(user: Any) -> list[Queue]:
    officer = getattr(user, "officer", None)
    if not has_role(user, SQUADRON_LEADER) or officer is None or not officer.squadron_id:
        return []
    leads = Lead.objects.filter(status=Lead.Status.NEW, squadron_id=officer.squadron_id).order_by(
        "received_at", "pk"
    )
    rows = [
        QueueRow(
            title=(lead.text or "")[:40] or lead.number,
            url=reverse("intake:detail", args=[lead.pk]),
            hint=f"{lead.number} · {lead.get_source_display()}",
            badge=lead.get_status_display(),
            level="orange",
        )
        for lead in leads[:20]
    ]
    return [
        Queue(
            "squadron-leads",
            f"{officer.squadron.name}待分拣的线索",
            "inbox",
            rows,
            "本中队没有待分拣的线索",
            reverse("intake:index") + f"?squadron={officer.squadron_id}",
            leads.count(),
        )
    ]
