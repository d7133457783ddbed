"""The audit-event base: an append-only, hash-chained record per subject (全过程记录).

A subject (a case, a lead, a catalog item) inherits ``ChainedRecord``; its events subclass
``AuditEvent`` with a foreign key named by ``SUBJECT_FIELD``. Only ``core.audit.event_append``
writes events, in the caller's transaction, locking the subject row so appends never fork.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models

from .. import clock
from ..tenancy import TownScopedModel


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text: the same bytes whatever the database reordered."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def normalise(value: Any) -> Any:
    """What a JSON column gives back: Decimals and dates become strings before hashing."""
    return json.loads(canonical_json(value))


class ChainedRecord(models.Model):
    """Keeps the head of a subject's event chain, so a cut-off tail shows.

    ``RECORDED_FIELDS`` name the row's fields that derive from its events: each event keeps them
    as the row stood when it was appended, so a row edited without an event shows.
    """

    RECORDED_FIELDS: tuple[str, ...] = ()

    record_length = models.PositiveIntegerField("记录条数", default=0, editable=False)
    record_head = models.CharField("记录链头", max_length=64, default="", editable=False)

    class Meta:
        abstract = True


class AuditEvent(TownScopedModel):
    SUBJECT_FIELD = "subject"

    seq = models.PositiveIntegerField("序号")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=50, blank=True)
    event_type = models.CharField("事件类型", max_length=50)
    summary = models.CharField("摘要", max_length=300)
    old = models.JSONField("原值", default=dict, blank=True)
    new = models.JSONField("新值", default=dict, blank=True)
    files = models.JSONField("附件摘要", default=list, blank=True)
    created_at = models.DateTimeField("时间", default=clock.now)
    prev_hash = models.CharField("前一条哈希", max_length=64, blank=True)
    hash = models.CharField("哈希", max_length=64)
    key_id = models.CharField("签名密钥", max_length=20, blank=True)
    row = models.JSONField("记录时的主记录", default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["seq"]

    def subject_pk(self) -> Any:
        return getattr(self, f"{self.SUBJECT_FIELD}_id")

    def canonical(self) -> str:
        extra = {"key_id": self.key_id, "row": self.row} if self.key_id else {}
        return canonical_json(
            {
                **extra,
                "subject": self.subject_pk(),
                "town": self.town_id,
                "seq": self.seq,
                "actor": self.actor_id,
                "actor_name": self.actor_name,
                "event_type": self.event_type,
                "summary": self.summary,
                "old": self.old,
                "new": self.new,
                "files": self.files,
                "created_at": self.created_at.astimezone(datetime.UTC).isoformat(),
                "prev_hash": self.prev_hash,
            }
        )

    def compute_hash(self) -> str:
        """HMAC with the event's key (ADR 0026); a plain SHA-256 for events from before keys.

        Raises KeyError when this machine does not hold the event's key."""
        if self.key_id:
            from ..record_keys import sign

            return sign(self.key_id, self.canonical())
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()
