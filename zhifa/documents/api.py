"""/api/v1/documents/: types and previews, drafts, issue, void, downloads, lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from ninja import Router, Schema, Status

from zhifa.core.api_fields import Day, Id, Text, Year, limit_param, offset_param
from zhifa.core.errors import DomainError

from . import permissions, selectors, services
from .definitions import doc_type_get, free_type_require
from .models import Document

router = Router(tags=["文书"])


def _town(request: Any) -> Any:
    town = getattr(request, "town", None)
    if town is None:
        raise DomainError("当前账号未归属乡镇", code="no_town", status=403)
    return town


class NeedOut(Schema):
    label: str
    article: str


class FieldOut(Schema):
    path: str
    label: str


class TypeOut(Schema):
    code: str
    name: str
    group: str
    numbered: bool
    description: str
    fields: list[FieldOut]
    mandatory: list[NeedOut]


class DocumentOut(Schema):
    id: int
    doc_type: str
    type_name: str
    title: str
    status: str
    number: str
    doc_date: dt.date | None
    template_version: int
    pdf_sha256: str
    owner: str
    created_at: dt.datetime
    issued_at: dt.datetime | None
    void_reason: str


class DocumentDetailOut(DocumentOut):
    context: dict
    problems: list[NeedOut]


class DraftIn(Schema):
    doc_type: Text
    context: dict
    title: Text = ""


class ContextIn(Schema):
    context: dict


class IssueIn(Schema):
    date: Day | None = None


class VoidIn(Schema):
    reason: Text


class DossierIn(Schema):
    cover: dict
    document_ids: list[Id]
    evidence_listing: list[dict] = []


def _type_out(t: Any) -> dict[str, Any]:
    return {
        "code": t.code,
        "name": t.name,
        "group": t.group,
        "numbered": t.numbered,
        "description": t.description,
        "fields": [{"path": f.path, "label": f.label} for f in t.fields],
        "mandatory": [{"label": n.label, "article": n.article} for n in t.needs],
    }


def _out(d: Document, detail: bool = False) -> dict[str, Any]:
    data = {
        "id": d.pk,
        "doc_type": d.doc_type,
        "type_name": d.get_doc_type_display(),
        "title": d.title,
        "status": d.status,
        "number": d.number,
        "doc_date": d.doc_date,
        "template_version": d.template.version,
        "pdf_sha256": d.pdf_sha256,
        "owner": f"{d.owner_type.app_label}.{d.owner_type.model}:{d.owner_id}"
        if d.owner_type_id
        else "",
        "created_at": d.created_at,
        "issued_at": d.issued_at,
        "void_reason": d.void_reason,
    }
    if detail:
        data["context"] = d.context
        data["problems"] = services.document_check(document=d) if d.is_draft else []
    return data


def _file(content: bytes, name: str, kind: str) -> HttpResponse:
    types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    response = HttpResponse(content, content_type=types[kind])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}.{kind}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@router.get("/types", response=list[TypeOut], summary="文书类型及其法定要素")
def types_list(request):
    permissions.require_view(request.user)
    return [_type_out(t) for t in services.all_doc_types()]


@router.get("/types/{code}/preview.pdf", summary="用样例内容预览文书（PDF）")
def type_preview_pdf(request, code: str):
    permissions.require_view(request.user)
    pdf = services.sample_render_pdf(town=_town(request), doc_type=code)
    return _file(pdf, f"样本-{doc_type_get(code).name}", "pdf")


@router.get("/types/{code}/preview.docx", summary="用样例内容预览文书（DOCX）")
def type_preview_docx(request, code: str):
    permissions.require_view(request.user)
    docx = services.sample_render_docx(town=_town(request), doc_type=code)
    return _file(docx, f"样本-{doc_type_get(code).name}", "docx")


@router.get("/", response=list[DocumentOut], summary="文书列表（按类型、状态、文号、所属记录）")
def documents_list(
    request,
    doc_type: str = "",
    status: str = "",
    q: str = "",
    year: Year | None = None,
    owner: str = "",
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    permissions.require_view(request.user)
    town = _town(request)
    if owner:
        owner_type, _, owner_id = owner.partition(":")
        qs = selectors.documents_by_owner_key(town=town, owner_type=owner_type, owner_id=owner_id)
    else:
        qs = selectors.document_list(town=town, doc_type=doc_type, status=status, q=q, year=year)
    return [_out(d) for d in qs.select_related("template", "owner_type")[offset : offset + limit]]


@router.post("/", response={201: DocumentDetailOut}, summary="拟稿（不编号）")
def document_create(request, payload: DraftIn):
    permissions.require_draft(request.user)
    free_type_require(payload.doc_type)
    document = services.document_draft(
        town=_town(request),
        doc_type=payload.doc_type,
        context=payload.context,
        title=payload.title,
        actor=request.user,
    )
    return Status(201, _out(document, detail=True))


@router.get("/{int:pk}", response=DocumentDetailOut, summary="文书详情（草稿附缺少的法定要素）")
def document_detail(request, pk: int):
    permissions.require_view(request.user)
    return _out(selectors.document_get(town=_town(request), pk=pk), detail=True)


@router.put("/{int:pk}/context", response=DocumentDetailOut, summary="修改草稿内容")
def document_context(request, pk: int, payload: ContextIn):
    permissions.require_draft(request.user)
    document = selectors.document_get(town=_town(request), pk=pk)
    free_type_require(document.doc_type)
    return _out(
        services.document_update(document=document, context=payload.context, actor=request.user),
        detail=True,
    )


@router.post(
    "/{int:pk}/issue", response=DocumentOut, summary="签发：校验法定要素、编文号、生成 PDF"
)
def document_issue(request, pk: int, payload: IssueIn):
    permissions.require_issue(request.user)
    document = selectors.document_get(town=_town(request), pk=pk)
    free_type_require(document.doc_type)
    return _out(services.document_issue(document=document, actor=request.user, date=payload.date))


@router.post("/{int:pk}/void", response=DocumentOut, summary="作废（文号保留，不再使用）")
def document_void(request, pk: int, payload: VoidIn):
    permissions.require_void(request.user)
    document = selectors.document_get(town=_town(request), pk=pk)
    return _out(
        services.document_void(document=document, reason=payload.reason, actor=request.user)
    )


@router.get("/{int:pk}/pdf", summary="下载 PDF（已签发的为签发时存档的文件）")
def document_pdf(request, pk: int):
    permissions.require_view(request.user)
    document = selectors.document_get(town=_town(request), pk=pk)
    return _file(services.document_render_pdf(document=document), str(document), "pdf")


@router.get("/{int:pk}/docx", summary="下载 DOCX（供编辑）")
def document_docx(request, pk: int):
    permissions.require_view(request.user)
    document = selectors.document_get(town=_town(request), pk=pk)
    return _file(services.document_render_docx(document=document), str(document), "docx")


@router.post(
    "/dossier.pdf", summary="组卷：封面、卷内目录（含页号）、文书与证据材料目录合成一个 PDF"
)
def dossier_pdf(request, payload: DossierIn):
    permissions.require_view(request.user)
    town = _town(request)
    documents = [selectors.document_get(town=town, pk=pk) for pk in payload.document_ids]
    pdf = services.dossier_build(
        town=town,
        cover=payload.cover,
        documents=documents,
        evidence_listing=payload.evidence_listing,
    )
    return _file(pdf, f"卷宗-{(payload.cover.get('case') or {}).get('number', '')}", "pdf")
