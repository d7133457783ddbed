"""The register the draw reads: subjects' risk levels (with history and reasons), 回避 links,
and the checklist lines of each inspection item."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zhifa.core import clock
from zhifa.core.errors import NotFound
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.grid.models import Subject

from . import selectors as sel
from . import services
from .forms import ChecklistLineForm, ConflictForm, RiskForm, inspection_items
from .models import ChecklistItem, Inspection, OfficerConflict, RiskLevel, SubjectRiskChange
from .permissions import RATERS, REGISTRARS, may
from .views import attempt, town_of


def subjects(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    sel.inspections_visible(user=request.user, town=town)  # staff only
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    rows = (
        Subject.objects.filter(town=town).select_related("risk", "cell__village").order_by("name")
    )
    if q:
        rows = rows.filter(name__icontains=q)
    if level == RiskLevel.B:
        rows = rows.filter(risk__level=level) | rows.filter(risk__isnull=True)
    elif level:
        rows = rows.filter(risk__level=level)
    if wants_xlsx(request):
        content = sel.risk_register_xlsx(rows, q=q, level=level)
        return xlsx_response(content, f"监管对象风险等级-{clock.today():%Y%m%d}.xlsx")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/subjects.html",
        {"page": page, "q": q, "level": level, "levels": RiskLevel.choices},
    )


@require_http_methods(["GET", "POST"])
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    town = town_of(request)
    sel.inspections_visible(user=request.user, town=town)
    subject = Subject.objects.filter(town=town, pk=pk).select_related("risk").first()
    if subject is None:
        raise NotFound("未找到该监管对象")
    risk_form, conflict_form, error = RiskForm(), ConflictForm(town=town), ""
    if request.method == "POST":
        if request.POST.get("action") == "risk":
            risk_form = RiskForm(request.POST)
            if risk_form.is_valid():
                done, error = attempt(
                    request,
                    lambda: services.subject_risk_set(
                        subject=subject, actor=request.user, **risk_form.cleaned_data
                    ),
                )
                if done is not None:
                    messages.success(request, "已更新风险等级")
                    return redirect("inspections:subject", pk=subject.pk)
        else:
            conflict_form = ConflictForm(request.POST, town=town)
            if conflict_form.is_valid():
                done, error = attempt(
                    request,
                    lambda: services.officer_conflict_record(
                        subject=subject, actor=request.user, **conflict_form.cleaned_data
                    ),
                )
                if done is not None:
                    messages.success(request, "已登记回避关系")
                    return redirect("inspections:subject", pk=subject.pk)
        error = error or "请检查填写的内容"
    return render(
        request,
        "inspections/subject.html",
        {
            "subject": subject,
            "level": getattr(getattr(subject, "risk", None), "level", "") or "B",
            "risk": getattr(subject, "risk", None),
            "history": SubjectRiskChange.objects.filter(subject=subject).select_related("actor")[
                :50
            ],
            "conflicts": OfficerConflict.objects.filter(subject=subject).select_related(
                "officer__user"
            ),
            "inspections": Inspection.objects.filter(subject=subject).order_by("-planned_on")[:50],
            "risk_form": risk_form,
            "conflict_form": conflict_form,
            "may_rate": may(request.user, RATERS),
            "may_register": may(request.user, REGISTRARS),
            "error": error,
        },
        status=422 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def checklists(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    sel.inspections_visible(user=request.user, town=town)
    form, error = ChecklistLineForm(request.POST or None, town=town), ""
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            done, error = attempt(
                request,
                lambda: services.checklist_item_add(
                    item=d["item"],
                    text_=d["text"],
                    hint=d["hint"],
                    violation_item=d["violation_item"],
                    actor=request.user,
                ),
            )
            if done is not None:
                messages.success(request, "已添加检查内容")
                return redirect("inspections:checklists")
        error = error or "请检查填写的内容"
    items = list(inspection_items(town).select_related("department"))
    lines = (
        ChecklistItem.objects.filter(item__in=items)
        .select_related("violation_item")
        .order_by("sort", "pk")
    )
    by_item: dict[int, list[ChecklistItem]] = {}
    for line in lines:
        by_item.setdefault(line.item_id, []).append(line)
    return render(
        request,
        "inspections/checklists.html",
        {
            "items": [(item, by_item.get(item.pk, [])) for item in items],
            "form": form,
            "may_register": may(request.user, REGISTRARS),
            "error": error,
        },
        status=422 if error else 200,
    )
