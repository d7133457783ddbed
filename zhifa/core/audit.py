"""Append to and verify a subject's hash-chained event record (全过程记录)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import transaction

from .models.audit import AuditEvent, normalise
from .record_keys import current_key_id

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
    recorded = tuple(getattr(type(subject), "RECORDED_FIELDS", ()))
    with transaction.atomic():
        locked = (
            type(subject)
            ._base_manager.select_for_update()
            .only("pk", "record_length", "record_head", *recorded)
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
            key_id=current_key_id(),
            row=row_snapshot(locked),
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


def row_snapshot(subject: Any) -> dict[str, Any]:
    """The subject's fields that derive from its events, as the row stands (canonical JSON)."""
    fields = getattr(type(subject), "RECORDED_FIELDS", ())
    return normalise({name: getattr(subject, name) for name in fields})


def chain_verify(*, event_model: type[AuditEvent], subject: Any) -> list[str]:
    """Problems found in a subject's record, in Chinese; an empty list means it is intact.

    Checks each event's keyed hash and link, the head kept on the subject row, and that the row's
    ``RECORDED_FIELDS`` are what the last event saw (a row edited behind the record's back)."""
    problems: list[str] = []
    events = event_model._base_manager.filter(**{event_model.SUBJECT_FIELD: subject}).order_by(
        "seq"
    )
    prev = ""
    expected = 1
    last = None
    for event in events:
        if event.seq != expected:
            problems.append(f"第 {expected} 条记录缺失")
            expected = event.seq
        if event.prev_hash != prev:
            problems.append(f"第 {event.seq} 条记录与前一条不衔接")
        if not event.key_id:
            problems.append(f"第 {event.seq} 条记录未以密钥签名，无法排除伪造")
        try:
            if event.compute_hash() != event.hash:
                problems.append(f"第 {event.seq} 条记录内容被改动")
        except KeyError:
            problems.append(f"第 {event.seq} 条记录的签名密钥“{event.key_id}”不在本机，无法核验")
        prev = event.hash
        expected += 1
        last = event
    subject_row = type(subject)._base_manager.get(pk=subject.pk)
    if subject_row.record_length != expected - 1 or subject_row.record_head != prev:
        problems.append("记录末尾被截断或链头不符")
    if last is not None and last.key_id:
        for name, value in row_snapshot(subject_row).items():
            if last.row.get(name) != value:
                field = type(subject_row)._meta.get_field(name)
                shown = dict(field.flatchoices) if field.choices else {}
                was, now = last.row.get(name), value
                problems.append(
                    f"“{field.verbose_name}”与记录不符"
                    f"（记录为“{shown.get(was, was)}”，现为“{shown.get(now, now)}”）"
                )
    return problems


# --- every record kind, for `zhifa verify-record` ------------------------------------------------

Verifier = Callable[[dict[str, Any]], Iterable[tuple[str, list[str]]]]
_verifiers: list[tuple[str, Verifier]] = []


def verifier_register(label: str, check: Verifier) -> None:
    """An app registers (in ``ready()``) a check yielding ``(subject label, problems)`` for each
    of its records; ``check`` gets the command's options (e.g. ``case``)."""
    if all(existing != label for existing, _ in _verifiers):
        _verifiers.append((label, check))


def verifiers() -> list[tuple[str, Verifier]]:
    return list(_verifiers)


def chain_checks(
    subject_model: Any, event_model: type[AuditEvent], label: Callable[[Any], str] = str
) -> Verifier:
    """A verifier over every subject of a model: its chain and its row (all towns)."""

    def check(options: dict[str, Any]) -> Iterable[tuple[str, list[str]]]:
        for subject in subject_model._base_manager.order_by("pk").iterator():
            yield label(subject), chain_verify(event_model=event_model, subject=subject)

    return check
