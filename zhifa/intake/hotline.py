"""The 12345 order's own steps (sign for, send back, extension, reply) and the delivery of their
messages to the platform through the bridge, with retries (ADR 0016)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.core import clock
from zhifa.core.deadlines import deadline_cancel, deadline_complete
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Deadline
from zhifa.core.workdays import end_of_day, workdays_add

from .models import Lead, Outbox
from .services import (
    SEND_BACK_ARTICLE,
    _event,
    _finish,
    _lock,
    _require_open,
    _require_triager,
    _text,
    windows,
)

# --- 12345 order steps --------------------------------------------------------------------------


def _require_order(lead: Lead) -> None:
    if lead.source != Lead.Source.HOTLINE:
        raise DomainError("仅 12345 工单可以执行该操作", code="not_an_order")


def _queue(lead: Lead, kind: str, **payload: Any) -> Outbox:
    from .tasks import deliver_outbox

    message = Outbox.objects.create(
        town=lead.town,
        lead=lead,
        kind=kind,
        payload={"order_no": lead.source_ref, **payload},
    )
    message_id = message.pk
    transaction.on_commit(lambda: deliver_outbox.enqueue(message_id))
    return message


def order_sign(*, lead: Lead, actor: Any) -> Lead:
    """签收: acknowledge the order to the platform (within the dispatch window, else noted late)."""
    _require_order(lead)
    with transaction.atomic():
        lead = _lock(lead)
        if lead.signed_at is not None:
            raise DomainError("该工单已签收", code="already_signed")
        lead.signed_at = clock.now()
        lead.save(update_fields=["signed_at"])
        late = lead.dispatch_due is not None and lead.signed_at > lead.dispatch_due
        _queue(lead, Outbox.Kind.SIGN, at=clock.iso(lead.signed_at))
        _event(
            lead,
            actor,
            "order_signed",
            "签收工单" + ("（已超签收时限）" if late else ""),
            late=late,
        )
    return lead


def lead_send_back(*, lead: Lead, actor: Any, reason: str, now: dt.datetime | None = None) -> Lead:
    """退单: return a wrongly assigned order with reasons, inside the send-back window."""
    _require_triager(actor)
    _require_order(lead)
    _require_open(lead)
    reason = _text(reason, label="退单理由", minimum=6, maximum=300)
    now = now or clock.now()
    if lead.send_back_due and now > lead.send_back_due:
        raise RuleViolation(
            f"已超过退单时限（{timezone.localtime(lead.send_back_due):%Y-%m-%d %H:%M}），"
            "本单位为首办责任单位，应办理并答复",
            article=SEND_BACK_ARTICLE,
        )
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        lead.reason, lead.outcome, lead.outcome_at = reason, f"已退单：{reason}", now
        if lead.reply_deadline_id:
            deadline_cancel(deadline=lead.reply_deadline)
        _queue(lead, Outbox.Kind.SEND_BACK, reason=reason)
        _finish(
            lead,
            status=Lead.Status.SENT_BACK,
            actor=actor,
            event_type="sent_back",
            summary=f"退单：{reason[:60]}",
            fields=["reason", "outcome", "outcome_at"],
        )
    return lead


def order_extend(*, lead: Lead, actor: Any, days: int, reason: str) -> Lead:
    """延期申请: at most N times of at most M working days each (configuration)."""
    _require_order(lead)
    w = windows()
    reason = _text(reason, label="延期理由", minimum=4, maximum=300)
    if not 1 <= int(days) <= w["extension_max_days"]:
        raise DomainError(f"每次延期不超过 {w['extension_max_days']} 个工作日", code="bad_days")
    with transaction.atomic():
        lead = _lock(lead)
        if lead.status not in (Lead.Status.NEW, Lead.Status.CASE, Lead.Status.MERGED):
            raise DomainError("该工单已办结或已退单，不能申请延期", code="order_closed")
        if lead.extensions >= w["extension_max_times"]:
            raise DomainError(f"延期不能超过 {w['extension_max_times']} 次", code="too_many")
        base = timezone.localtime(lead.reply_due or clock.now()).date()
        lead.reply_due = end_of_day(workdays_add(base, int(days)).date)
        lead.extensions += 1
        lead.save(update_fields=["reply_due", "extensions"])
        if lead.reply_deadline_id:
            Deadline.all_towns.filter(pk=lead.reply_deadline_id).update(due_at=lead.reply_due)
        _queue(
            lead,
            Outbox.Kind.EXTENSION,
            days=int(days),
            reason=reason,
            new_due=clock.iso(lead.reply_due),
        )
        _event(
            lead,
            actor,
            "order_extended",
            f"申请延期 {days} 个工作日：{reason[:60]}",
            days=int(days),
        )
    return lead


def order_reply(*, lead: Lead, actor: Any, text: str, close: bool = True) -> Lead:
    """答复 (and 办结): queued for the platform; retried until acknowledged."""
    _require_order(lead)
    text = _text(text, label="答复内容", minimum=6, maximum=2000)
    with transaction.atomic():
        lead = _lock(lead)
        if lead.status in (Lead.Status.SENT_BACK, Lead.Status.ANSWERED):
            raise DomainError("该工单已退单或已答复", code="order_closed")
        lead.outcome, lead.outcome_at = text, clock.now()
        lead.status = Lead.Status.ANSWERED
        lead.save(update_fields=["outcome", "outcome_at", "status"])
        if lead.reply_deadline_id:
            deadline_complete(deadline=lead.reply_deadline)
        _queue(lead, Outbox.Kind.REPLY, text=text)
        if close:
            _queue(lead, Outbox.Kind.CLOSE)
        _event(lead, actor, "order_replied", f"答复工单：{text[:60]}", close=close)
    return lead


# --- delivery -----------------------------------------------------------------------------------

BACKOFF = [30, 60, 120, 300, 600, 1800, 3600]


def outbox_attempt(*, message: Outbox, now: dt.datetime | None = None) -> bool:
    """Try to deliver one message through the adapter; on failure schedule the next try."""
    from .bridge import adapter

    now = now or clock.now()
    with transaction.atomic():
        message = Outbox.all_towns.select_for_update().select_related("lead").get(pk=message.pk)
        if message.acked_at is not None:
            return True
        # Messages of one order go out in order: an earlier unacknowledged one goes first.
        earlier = Outbox.all_towns.filter(lead=message.lead, pk__lt=message.pk, acked_at=None)
        if earlier.exists():
            message.next_try = now + dt.timedelta(seconds=BACKOFF[0])
            message.save(update_fields=["next_try"])
            return False
        message.attempts += 1
        try:
            adapter().send(message)
        except Exception as error:  # any failure of the wire is retried
            message.last_error = str(error)[:300]
            delay = BACKOFF[min(message.attempts - 1, len(BACKOFF) - 1)]
            message.next_try = now + dt.timedelta(seconds=delay)
            message.save(update_fields=["attempts", "last_error", "next_try"])
            return False
        message.acked_at = clock.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "acked_at", "last_error"])
        _event(
            message.lead,
            None,
            "outbox_acked",
            f"12345 平台已确认{message.get_kind_display()}",
            message=message.pk,
        )
    return True


def outbox_flush(*, now: dt.datetime | None = None) -> int:
    """Deliver every due message (the worker's sweep); returns how many were acknowledged."""
    now = now or clock.now()
    done = 0
    for message in Outbox.all_towns.filter(acked_at=None, next_try__lte=now).order_by("pk"):
        done += outbox_attempt(message=message, now=now)
    return done
