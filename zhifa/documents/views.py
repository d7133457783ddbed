"""Pages: the document list, the template gallery with previews, a document's page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import clock
from zhifa.core.errors import DomainError
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.core.navigation import guarded

from . import permissions, selectors, services
from .api import _file
from .definitions import (
    GROUPS,
    SECTION_ISSUED,
    STEP_ISSUED,
    doc_type_get,
    free_type_require,
    is_free,
)
from .forms import DraftForm, TemplateForm, VoidForm
from .models import Document


@guarded(permissions.require_view)
def index(request: HttpRequest) -> HttpResponse:
    g = request.GET
    owner = g.get("owner", "")
    if owner:
        owner_type, _, owner_id = owner.partition(":")
        rows = selectors.documents_by_owner_key(
            town=request.town, owner_type=owner_type, owner_id=owner_id
        )
    else:
        rows = selectors.document_list(
            town=request.town,
            doc_type=g.get("type", ""),
            status=g.get("status", ""),
            q=g.get("q", ""),
        )
    if wants_xlsx(request):
        content = selectors.register_xlsx(rows, filters=g, owner=owner)
        return xlsx_response(content, f"文书台账-{clock.today():%Y%m%d}.xlsx")
    return render(
        request,
        "documents/index.html",
        {
            "rows": rows[:200],
            "types": services.all_doc_types(),
            "statuses": Document.Status.choices,
            "filters": g,
            "owner": owner,
        },
    )


def gallery(request: HttpRequest) -> HttpResponse:
    permissions.require_view(request.user)
    types = services.all_doc_types()
    groups = [(g, [t for t in types if t.group == g]) for g in GROUPS]
    return render(request, "documents/gallery.html", {"groups": groups})


def template_detail(request: HttpRequest, code: str) -> HttpResponse:
    permissions.require_view(request.user)
    definition = doc_type_get(code)
    current = services.template_current(town=request.town, doc_type=code)
    form = TemplateForm(
        request.POST or None,
        initial={"blocks": json.dumps(current.blocks, ensure_ascii=False, indent=1)},
    )
    if request.method == "POST":
        permissions.require_template_edit(request.user)
        if form.is_valid():
            try:
                version = services.template_version_create(
                    town=request.town,
                    doc_type=code,
                    blocks=form.cleaned_data["blocks"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"已保存为第 {version.version} 版")
                return redirect("documents:template", code=code)
    return render(
        request,
        "documents/template.html",
        {
            "t": definition,
            "current": current,
            "form": form,
            "versions": selectors.template_versions(town=request.town, doc_type=code)[:20],
            "numbering": services.numbering_word(town=request.town, doc_type=code)
            if definition.numbered
            else "",
            "can_edit": _has(request, permissions.require_template_edit),
            "step": STEP_ISSUED.get(code, ""),
            "section": SECTION_ISSUED.get(code, ""),
        },
    )


def template_preview(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    permissions.require_view(request.user)
    name = f"样本-{doc_type_get(code).name}"
    if kind == "docx":
        return _file(services.sample_render_docx(town=request.town, doc_type=code), name, "docx")
    response = _file(services.sample_render_pdf(town=request.town, doc_type=code), name, "pdf")
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline"
    )
    return response


def draft_new(request: HttpRequest, code: str) -> HttpResponse:
    permissions.require_draft(request.user)
    definition = doc_type_get(code)
    free_type_require(code)
    form = DraftForm(
        request.POST or None,
        initial={"context": json.dumps(definition.sample, ensure_ascii=False, indent=1)},
    )
    if request.method == "POST" and form.is_valid():
        document = services.document_draft(
            town=request.town,
            doc_type=code,
            context=form.cleaned_data["context"],
            title=form.cleaned_data["title"],
            actor=request.user,
        )
        messages.success(request, "草稿已保存（签发时编文号）")
        return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/draft.html", {"t": definition, "form": form})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_view(request.user)
    document = selectors.document_get(town=request.town, pk=pk)
    problems = services.document_check(document=document) if document.is_draft else []
    return render(
        request,
        "documents/detail.html",
        {
            "d": document,
            "t": doc_type_get(document.doc_type),
            "problems": problems,
            "void_form": VoidForm(),
            "can_issue": _has(request, permissions.require_issue) and is_free(document.doc_type),
            "can_void": _has(request, permissions.require_void),
        },
    )


@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_issue(request.user)
    document = selectors.document_get(town=request.town, pk=pk)
    try:
        free_type_require(document.doc_type)
        document = services.document_issue(document=document, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已签发：{document.number or document.title}")
    return redirect("documents:detail", pk=pk)


@require_POST
def void(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_void(request.user)
    document = selectors.document_get(town=request.town, pk=pk)
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写作废原因（不少于4个字）")
    else:
        services.document_void(
            document=document, reason=form.cleaned_data["reason"], actor=request.user
        )
        messages.success(request, "文书已作废，文号保留备查")
    return redirect("documents:detail", pk=pk)


def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    permissions.require_view(request.user)
    document = selectors.document_get(town=request.town, pk=pk)
    if kind == "docx":
        return _file(services.document_render_docx(document=document), str(document), "docx")
    return _file(services.document_render_pdf(document=document), str(document), "pdf")


def _has(request: HttpRequest, check) -> bool:
    try:
        check(request.user)
    except DomainError:
        return False
    return True
