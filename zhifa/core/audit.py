"""Append to and verify a subject's hash-chained event record (全过程记录)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import transaction

from .models.audit import AuditEvent, normalise

E = TypeVar("E", bound=AuditEvent)


def event_append(
    *,
    event_model: type[E],
    subject: Any,
    actor: Any,
    event_type: str,
    summary: str,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    files: Iterable[dict[str, str]] = (),
) -> E:
    """Append one event; runs in the caller's transaction and locks the subject row.

    The subject's ``record_length``/``record_head`` move with it, so a deleted or cut-off tail
    shows in ``chain_verify``.
    """
    with transaction.atomic():
        locked = (
            type(subject)
            ._base_manager.select_for_update()
            .only("pk", "record_length", "record_head")
            .get(pk=subject.pk)
        )
        event = event_model(
            **{event_model.SUBJECT_FIELD: subject},
            town_id=_town_id(subject),
            seq=locked.record_length + 1,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=_actor_name(actor),
            event_type=event_type,
            summary=summary[:300],
            old=normalise(old or {}),
            new=normalise(new or {}),
            files=normalise(list(files)),
            prev_hash=locked.record_head,
        )
        event.hash = event.compute_hash()
        event.save()
        type(subject)._base_manager.filter(pk=subject.pk).update(
            record_length=event.seq, record_head=event.hash
        )
        subject.record_length, subject.record_head = event.seq, event.hash
        return event


def _town_id(subject: Any) -> int:
    """The subject's town; a Town is its own (its record holds town-level events)."""
    from .models import Town

    return subject.pk if isinstance(subject, Town) else subject.town_id


def _actor_name(actor: Any) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "系统"
    return getattr(actor, "full_name", "") or actor.get_username()


def chain_verify(*, event_model: type[AuditEvent], subject: Any) -> list[str]:
    """Problems found in a subject's record, in Chinese; an empty list means it is intact."""
    problems: list[str] = []
    events = event_model._base_manager.filter(**{event_model.SUBJECT_FIELD: subject}).order_by(
        "seq"
    )
    prev = ""
    expected = 1
    for event in events:
        if event.seq != expected:
            problems.append(f"第 {expected} 条记录缺失")
            expected = event.seq
        if event.prev_hash != prev:
            problems.append(f"第 {event.seq} 条记录与前一条不衔接")
        if event.compute_hash() != event.hash:
            problems.append(f"第 {event.seq} 条记录内容被改动")
        prev = event.hash
        expected += 1
    subject_row = type(subject)._base_manager.get(pk=subject.pk)
    if subject_row.record_length != expected - 1 or subject_row.record_head != prev:
        problems.append("记录末尾被截断或链头不符")
    return problems
