"""Each role's work queue from the cases (home page and 我的工作, through ``core.queues``):
an officer's cases and clocks as handler; a squadron leader's cases of the squadron without
handlers; a leader's approval inbox (ADR 0028). The legal reviewer's queue (待法制审核) is the
penalty procedure's own (``penalty.hooks.reviewer_queues``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from zhifa.accounts.roles import OFFICER, SQUADRON_LEADER, has_role
from zhifa.core import clock
from zhifa.core.deadlines import WINDOW_KINDS
from zhifa.core.models import Deadline
from zhifa.core.queues import Queue, QueueRow

from . import approvals
from .models import ACTIVE_STATES, Case, State


def clock_label(deadline: Any, now: dt.datetime | None = None) -> tuple[str, str]:
    """(words, colour) for an open clock: 还剩 N 天 / 今日到期 / 已超期 N 天 for the team's own
    clocks; a party's window that has passed is 已届满 (nobody is late), never 已超期."""
    due = deadline.due_at
    now = now or clock.now()
    if getattr(deadline, "kind", "") in WINDOW_KINDS and due < now:
        return "已届满", "secondary"
    days = (timezone.localtime(due).date() - timezone.localtime(now).date()).days
    if days > 0:
        return f"还剩 {days} 天", "warning" if days <= 3 else "success"
    if days == 0:
        return "今日到期", "warning"
    return f"已超期 {-days} 天", "danger"


def case_queue_row(case: Case) -> QueueRow:
    return QueueRow(
        title=case.cause,
        url=reverse("cases:detail", args=[case.pk]),
        hint=case.number,
        badge=State(case.state).label,
        level="blue",
    )


def _handled(user: Any) -> Any:
    officer = getattr(user, "officer", None)
    if officer is None:
        return Case.objects.none()
    return Case.objects.filter(state__in=ACTIVE_STATES, handler_rows__officer=officer).distinct()


def officer_queues(user: Any) -> list[Queue]:
    cases = list(_handled(user).order_by("discovered_on")[:50])
    if not cases and not has_role(user, OFFICER, SQUADRON_LEADER):
        return []
    ids = [c.pk for c in cases]
    clocks = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Case),
        subject_id__in=ids,
        status=Deadline.Status.OPEN,
    ).order_by("due_at")[:20]
    now = clock.now()
    clock_rows = []
    for d in clocks:
        words, level = clock_label(d, now)
        clock_rows.append(
            QueueRow(title=d.purpose, url=d.url or "#", hint=d.article, badge=words, level=level)
        )
    return [
        Queue(
            "my-cases",
            "我承办的案件",
            "briefcase",
            [case_queue_row(c) for c in cases],
            "暂无承办的案件",
            reverse("cases:mine"),
        ),
        Queue("my-clocks", "我承办案件的期限", "alarm", clock_rows, "暂无进行中的期限"),
    ]


def squadron_queues(user: Any) -> list[Queue]:
    officer = getattr(user, "officer", None)
    if not has_role(user, SQUADRON_LEADER) or officer is None or not officer.squadron_id:
        return []
    cases = (
        Case.objects.filter(state__in=ACTIVE_STATES, squadron_id=officer.squadron_id)
        .filter(handler_rows__isnull=True)
        .order_by("registered_at")
    )
    return [
        Queue(
            "squadron-unassigned",
            f"{officer.squadron.name}待指派承办人的案件",
            "users-plus",
            [case_queue_row(c) for c in cases[:20]],
            "本中队案件都已指派承办人",
            reverse("cases:index") + f"?squadron={officer.squadron_id}",
            cases.count(),
        )
    ]


def leader_queues(user: Any) -> list[Queue]:
    if not approvals.is_leader(user) or (
        getattr(user, "is_superuser", False) and not has_role(user, "leader")
    ):
        return []
    rows = [
        QueueRow(
            title=f"{a.label}：{a.case.cause}",
            url=reverse("cases:approvals"),
            hint=f"{a.case.number} · {a.requested_by.full_name or a.requested_by.username} 提请",
            badge="待审批",
            level="orange",
        )
        for a in approvals.inbox(user)
    ]
    return [
        Queue(
            "approvals", "待我审批", "stamp", rows, "没有待审批的事项", reverse("cases:approvals")
        )
    ]


def case_queues(user: Any) -> list[Queue]:
    return [
        *leader_queues(user),
        *squadron_queues(user),
        *officer_queues(user),
    ]
