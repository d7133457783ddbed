"""Catalog pages: the list, an item, the summary, admin edit, import/export, and the public list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhifa.accounts.access import public_view
from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope

from . import selectors, services
from .excel import ImportRejected, catalog_export, catalog_import, export_filename
from .forms import AllocationForm, ImportForm, ItemForm, LexiconForm, RecognitionForm, RetireForm
from .models import Domain, PowerItem
from .permissions import can_edit_catalog, can_edit_lexicon, require_catalog_editor

DEMO_FILE = Path(settings.BASE_DIR) / "demo" / "砂河镇权责清单.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> selectors.ItemFilters:
    get = request.GET
    held = {"1": True, "0": False}.get(get.get("held", ""))
    department = get.get("department", "")
    return selectors.ItemFilters(
        q=get.get("q", "").strip()[:100],
        type=get.get("type", "") if get.get("type") in PowerItem.Type.values else "",
        domain=get.get("domain", ""),
        department=int(department) if department.isdigit() else None,
        held=held,
        include_retired=get.get("retired") == "1",
    )


def _list_context(request: HttpRequest, town: Town, *, public: bool = False) -> dict:
    filters = _filters(request)
    if public:
        filters.include_retired, filters.held = False, True
    items = selectors.item_list(town=town, filters=filters)
    if public:
        items = items.prefetch_related("provisions", "standards", "fine_rules")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "types": PowerItem.Type.choices,
        "domains": Domain.objects.all(),
        "departments": selectors.department_list(town=town),
    }


def index(request: HttpRequest) -> HttpResponse:
    context = _list_context(request, request.town)
    context.update(
        summary=selectors.catalog_summary(town=request.town),
        can_edit=can_edit_catalog(request.user),
    )
    template = "catalog/_items.html" if request.htmx else "catalog/index.html"
    return render(request, template, context)


def _item_context(request: HttpRequest, item: PowerItem, lexicon_form: Any = None) -> dict:
    context = {
        "item": item,
        "can_edit": can_edit_catalog(request.user),
        "today": clock.today(),
        "can_edit_lexicon": can_edit_lexicon(request.user),
        "lexicon_form": lexicon_form or LexiconForm(initial={"lexicon": item.lexicon}),
    }
    if context["can_edit"]:
        context.update(
            events=item.events.order_by("-seq")[:50],
            allocation_form=AllocationForm(),
            recognition_form=RecognitionForm(town=request.town),
            retire_form=RetireForm(),
        )
    return context


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(town=request.town, pk=pk)
    return render(request, "catalog/item_detail.html", _item_context(request, item))


def _summary_context(summary: Any) -> dict[str, Any]:
    """The summary and its chart's rows (sent as JSON data, never as code: CSP)."""
    rows = [{"name": row.label, **{k: row.by_type[k] for k in TYPES}} for row in summary.by_domain]
    return {"summary": summary, "chart_rows": rows}


TYPES = ("penalty", "inspection", "coercion", "other")


def summary(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/summary.html",
        _summary_context(selectors.catalog_summary(town=request.town)),
    )


def item_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_catalog_editor(request.user)
    item = selectors.item_get(town=request.town, pk=pk) if pk else None
    initial = ItemForm.initial_for(item) if item else {"status": "下放"}
    form = ItemForm(request.POST or None, town=request.town, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                item = services.item_create(
                    town=request.town, actor=request.user, values=form.values()
                )
            else:
                item = services.item_update(item=item, actor=request.user, values=form.values())
        except DomainError as error:
            form.add_domain_errors(
                error.details.get("errors") or [{"column": "", "message": error.message}]
            )
        else:
            messages.success(request, f"已保存事项“{item.name}”")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "item": item})


@require_POST
def item_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    require_catalog_editor(request.user)
    item = selectors.item_get(town=request.town, pk=pk)
    form = AllocationForm(request.POST)
    if not form.is_valid():
        raise DomainError("请填写日期")
    data = form.cleaned_data
    if data["action"] == "delegate":
        services.allocation_delegate(
            item=item,
            actor=request.user,
            effective_from=data["day"],
            decision_ref=data["decision_ref"],
        )
        messages.success(request, "已登记下放")
    else:
        services.allocation_withdraw(
            item=item, actor=request.user, last_day=data["day"], decision_ref=data["decision_ref"]
        )
        messages.success(request, "已登记收回")
    return redirect("catalog:item", pk=pk)


@require_POST
def item_recognition(request: HttpRequest, pk: int) -> HttpResponse:
    require_catalog_editor(request.user)
    item = selectors.item_get(town=request.town, pk=pk)
    form = RecognitionForm(request.POST, town=request.town)
    if not form.is_valid():
        raise DomainError("请完整填写确认部门、确认日期和函号")
    services.recognition_record(item=item, actor=request.user, **form.cleaned_data)
    messages.success(request, "已登记清单互认")
    return redirect("catalog:item", pk=pk)


@require_POST
def item_retire(request: HttpRequest, pk: int) -> HttpResponse:
    require_catalog_editor(request.user)
    item = selectors.item_get(town=request.town, pk=pk)
    form = RetireForm(request.POST)
    if not form.is_valid():
        raise DomainError("请填写停用日期和原因")
    services.item_retire(
        item=item,
        actor=request.user,
        on=form.cleaned_data["day"],
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, "事项已停用，历史记录保留")
    return redirect("catalog:item", pk=pk)


@require_POST
def item_lexicon(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_edit_lexicon(request.user):
        raise Forbidden("群众常用说法仅限系统管理员、队长、中队长修改")
    item = selectors.item_get(town=request.town, pk=pk)
    form = LexiconForm(request.POST)
    form.is_valid()
    try:
        services.item_lexicon_update(
            item=item, actor=request.user, text=form.cleaned_data.get("lexicon", "")
        )
    except DomainError as error:
        form.add_error("lexicon", error.message)
        context = _item_context(request, item, lexicon_form=form)
        return render(request, "catalog/item_detail.html", context, status=422)
    messages.success(request, "已保存群众常用说法，线索分拣模型将在后台更新")
    return redirect("catalog:item", pk=pk)


def import_page(request: HttpRequest) -> HttpResponse:
    require_catalog_editor(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():
        try:
            result = catalog_import(
                town=request.town, actor=request.user, content=form.cleaned_data["file"].read()
            )
        except ImportRejected as rejected:
            messages.error(request, rejected.message)
            errors = rejected.details.get("errors", [])
        else:
            messages.success(request, result.message)
            return redirect("catalog:index")
    return render(
        request,
        "catalog/import.html",
        {"form": form, "errors": errors, "has_demo": DEMO_FILE.exists()},
    )


def export(request: HttpRequest) -> HttpResponse:
    items = selectors.item_list(town=request.town, filters=_filters(request))
    response = HttpResponse(catalog_export(town=request.town, items=items), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{_quote(export_filename(request.town))}"
    )
    return response


def demo_file(request: HttpRequest) -> FileResponse:
    if not DEMO_FILE.exists():
        raise Http404("示例清单不存在")
    return FileResponse(
        DEMO_FILE.open("rb"), as_attachment=True, filename=DEMO_FILE.name, content_type=XLSX
    )


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@public_view
def public_list(request: HttpRequest, town_code: str) -> HttpResponse:
    """权责清单公示 (行政处罚法第二十四条、第三十九条): no login; no internal notes."""
    town = get_object_or_404(Town, code=town_code, is_active=True)
    with public_town_scope(town):
        context = _list_context(request, town, public=True)
        context.update(town=town, summary=selectors.catalog_summary(town=town))
        return render(request, "catalog/public.html", context)
