"""Reads for documents, scoped to the request's towns by the default manager."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from zhifa.core.errors import NotFound
from zhifa.core.excel import workbook_build

from .definitions import doc_type_choices
from .models import Document, TemplateVersion


def document_list(
    *,
    town: Any,
    doc_type: str = "",
    status: str = "",
    q: str = "",
    year: int | None = None,
) -> QuerySet[Document]:
    qs = Document.objects.filter(town=town).select_related("template", "issued_by", "created_by")
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(number_year=year)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q))
    return qs.order_by("-created_at", "-pk")


def documents_of_owner(*, owner: Any) -> QuerySet[Document]:
    """Every document of a record (e.g. a case), in the order they were drafted."""
    kind = ContentType.objects.get_for_model(owner)
    return Document.objects.filter(owner_type=kind, owner_id=str(owner.pk)).order_by(
        "created_at", "pk"
    )


def documents_by_owner_key(*, town: Any, owner_type: str, owner_id: str) -> QuerySet[Document]:
    """By "app_label.model" and id, for pages and the API."""
    try:
        app_label, model = owner_type.split(".", 1)
        kind = ContentType.objects.get(app_label=app_label, model=model)
    except (ValueError, ContentType.DoesNotExist):
        return Document.objects.none()
    return Document.objects.filter(town=town, owner_type=kind, owner_id=owner_id).order_by(
        "created_at", "pk"
    )


def document_get(*, town: Any, pk: int) -> Document:
    """The only way pages and the API fetch a document: within the user's acting town."""
    document = Document.objects.filter(town=town, pk=pk).select_related("template", "town").first()
    if document is None:
        raise NotFound("未找到该文书")
    return document


def template_versions(*, town: Any, doc_type: str) -> QuerySet[TemplateVersion]:
    return TemplateVersion.objects.filter(town=town, doc_type=doc_type).select_related("created_by")


def document_file_problems(document: Document) -> list[str]:
    """What is wrong with an issued document's stored PDF, in Chinese (empty: it is the one
    whose SHA-256 was recorded at issue)."""
    if not document.pdf:
        return ["签发的文书没有存档文件"]
    try:
        with document.pdf.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ["存档文件缺失"]
    if digest != document.pdf_sha256:
        return ["存档文件与签发时记录的哈希不符（文件已被替换或损坏）"]
    return []


def documents_verify(options: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """Every issued or voided document of every town against its recorded hash."""
    issued = Document._base_manager.exclude(status=Document.Status.DRAFT).order_by("pk")
    for document in issued.iterator():
        yield document.number or f"#{document.pk}", document_file_problems(document)


REGISTER_HEADERS = ("文号", "标题", "文书类型", "文书日期", "状态", "模板版本", "拟稿人", "签发人")


def register_xlsx(rows: QuerySet[Document], *, filters: Any, owner: str = "") -> bytes:
    """The 文书台账 as filtered on the page (every row; the page shows the first 200)."""
    parts = []
    if filters.get("q"):
        parts.append(f"文号或标题：{filters['q']}")
    if filters.get("type"):
        parts.append(f"类型：{dict(doc_type_choices()).get(filters['type'], filters['type'])}")
    if filters.get("status"):
        parts.append(f"状态：{dict(Document.Status.choices).get(filters['status'], '')}")
    if owner:
        parts.append(f"所属记录：{owner}")
    return workbook_build(
        title="文书台账",
        filters="；".join(parts),
        headers=REGISTER_HEADERS,
        rows=(
            (
                d.number,
                d.title,
                d.get_doc_type_display(),
                d.doc_date,
                d.get_status_display(),
                f"第{d.template.version}版",
                str(d.created_by or ""),
                str(d.issued_by or ""),
            )
            for d in rows.select_related("template", "created_by", "issued_by").iterator(2000)
        ),
    )
