"""Listen to documents: an issued or voided document owned by a case lands on the case record
in the issuing transaction (so the record and the document never disagree)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from zhifa.documents.models import Document

from . import events
from .models import Case


def _case_of(document: Document) -> Case | None:
    if not document.owner_type_id or not document.owner_id:
        return None
    if document.owner_type_id != ContentType.objects.get_for_model(Case).pk:
        return None
    return Case.all_towns.filter(pk=int(document.owner_id)).first()


def on_document_issued(sender: Any, document: Document, actor: Any, **kwargs: Any) -> None:
    case = _case_of(document)
    if case is not None:
        events.document_issued(case=case, actor=actor, document=document)


def on_document_voided(
    sender: Any, document: Document, actor: Any, reason: str = "", **kwargs: Any
) -> None:
    case = _case_of(document)
    if case is not None:
        events.document_voided(case=case, actor=actor, document=document, reason=reason)
