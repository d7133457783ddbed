"""Lengths on both databases: a text longer than its column is refused with a Chinese message.

PostgreSQL raises on a value longer than ``varchar(n)`` (a 500 to the user) and SQLite stores it
whole, so the limit the model declares is checked before every save of every Zhifa model, on both.
Forms and API schemas check the same limits earlier with a message next to the field; this guard
is the floor under every path (services called from commands, jobs, the admin). NUL characters
are refused here too: PostgreSQL cannot store them in text.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import pre_save

from .errors import DomainError

NUL = "\x00"


def _label(field: models.Field) -> str:
    return str(field.verbose_name or field.name)


def text_fields_check(instance: models.Model) -> None:
    """Raise ``DomainError`` (422 ``too_long`` / 400 ``nul_character``) naming the first field of
    ``instance`` whose text is longer than its ``max_length`` or holds a NUL character."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            _field_check(field, getattr(instance, field.attname, None))


def text_check(model: type[models.Model], name: str, value: str) -> str:
    """``value`` for ``model.name`` if it fits the column; else the same ``DomainError`` as the
    guard. For services that read a value before saving it (a lookup by an order number, say):
    cutting it to the column would lose data silently and match the wrong row."""
    _field_check(model._meta.get_field(name), value)
    return value


def _field_check(field: Any, value: Any) -> None:
    if not isinstance(value, str):
        return
    if NUL in value:
        raise DomainError(
            f"「{_label(field)}」含有不允许的空字符（NUL）",
            code="nul_character",
            details={"field": field.name},
        )
    limit = field.max_length
    if limit and len(value) > limit:
        raise DomainError(
            f"「{_label(field)}」不能超过 {limit} 个字符（现为 {len(value)} 个）",
            code="too_long",
            status=422,
            details={"field": field.name, "max_length": limit, "length": len(value)},
        )


def _guard(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not sender.__module__.startswith("zhifa."):
        return
    text_fields_check(instance)


def lengths_connect() -> None:
    pre_save.connect(_guard, dispatch_uid="zhifa.core.lengths")
