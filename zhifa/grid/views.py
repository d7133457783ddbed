"""Grid pages: the map, villages, cell import, subjects, patrols with phone check-in, findings.

Each view declares who may open it (``@guarded``): the same check refuses the view and decides
whether the navigation offers it. A refused form comes back bound, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import clock
from zhifa.core.errors import DomainError
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.core.files import file_response
from zhifa.core.navigation import guarded, may_open

from . import selectors as sel
from . import services
from .forms import CellImportForm, CheckInForm, FindingForm, PatrolPlanForm, SubjectForm
from .models import GridCell, Patrol, PatrolCheckIn


def _refused(form: Any, error: DomainError) -> None:
    """Put a service's refusal on the form: on its field when the error names one."""
    field = error.details.get("field")
    form.add_error(field if field in form.fields else None, error.message)


@guarded(sel.require_grid_access)
def index(request: HttpRequest) -> HttpResponse:
    town = sel.town_required(request)
    context = {
        "zones": sel.zones_for(town),
        "villages": sel.villages_for(town),
        "cell_count": sel.cells_for_user(request.user, town).count(),
        "is_staff": sel.is_grid_staff(request.user),
        "center": [float(town.center_lat or 0), float(town.center_lng or 0)],
    }
    return render(request, "grid/map.html", context)


@guarded(sel.require_staff)
def villages(request: HttpRequest) -> HttpResponse:
    town = sel.town_required(request)
    return render(
        request,
        "grid/villages.html",
        {"zones": sel.zones_for(town), "villages": sel.villages_for(town), "is_staff": True},
    )


@guarded(sel.require_manager)
def cell_import(request: HttpRequest) -> HttpResponse:
    town = sel.town_required(request)
    form = CellImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = services.cells_import(
            town=town, data=form.cleaned_data["file"].read(), datum=form.cleaned_data["datum"]
        )
        messages.success(request, result.message)
        return redirect("grid:index")
    return render(request, "grid/import.html", {"form": form, "town": town, "is_staff": True})


def _subjects_page(request: HttpRequest, form: SubjectForm, status: int = 200) -> HttpResponse:
    town = sel.town_required(request)
    kind, q = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    rows = sel.subjects_for(town, kind=kind, q=q)
    if wants_xlsx(request) and request.method == "GET":
        content = sel.subjects_xlsx(rows, kind=kind, q=q)
        return xlsx_response(content, f"监管对象-{clock.today():%Y%m%d}.xlsx")
    context = {"rows": rows, "kind": kind, "q": q, "form": form, "is_staff": True}
    return render(request, "grid/subjects.html", context, status=status)


@guarded(sel.require_staff)
def subjects(request: HttpRequest) -> HttpResponse:
    return _subjects_page(request, SubjectForm())


@require_POST
@guarded(sel.require_staff)
def subject_register(request: HttpRequest) -> HttpResponse:
    town = sel.town_required(request)
    form = SubjectForm(request.POST)
    if form.is_valid():
        try:
            subject = services.subject_register(town=town, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"已登记监管对象“{subject.name}”")
            return redirect("grid:subjects")
    return _subjects_page(request, form, status=422)


def _plan_form(town: Any, data: Any = None, initial: Any = None) -> PatrolPlanForm:
    return PatrolPlanForm(
        data, initial=initial, people=sel.patrollers_for(town), villages=sel.villages_for(town)
    )


def _patrols_page(
    request: HttpRequest, plan_form: PatrolPlanForm | None = None, status: int = 200
) -> HttpResponse:
    town = sel.town_required(request)
    context: dict[str, Any] = {
        "rows": sel.patrols_for_user(request.user, town)[:100],
        "findings": sel.findings_for_user(request.user, town)[:50],
        "is_staff": sel.is_grid_staff(request.user),
    }
    if may_open(request.user, "grid:patrol_new"):
        context["plan_form"] = plan_form or _plan_form(
            town, initial={"day": clock.today(), "start": "09:00", "end": "12:00"}
        )
    return render(request, "grid/patrols.html", context, status=status)


@guarded(sel.require_grid_access)
def patrols(request: HttpRequest) -> HttpResponse:
    return _patrols_page(request)


@require_POST
@guarded(sel.require_patrol_planner)
def patrol_new(request: HttpRequest) -> HttpResponse:
    town = sel.town_required(request)
    form = _plan_form(town, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            patrol = services.patrol_plan(
                town=town,
                patroller=sel.patrollers_for(town).get(pk=data["patroller"]),
                title=data["title"],
                kind=data["kind"],
                starts_at=dt.datetime.combine(data["day"], data["start"], clock.TZ),
                ends_at=dt.datetime.combine(data["day"], data["end"], clock.TZ),
                cells=GridCell.objects.filter(town=town, village__code__in=data["villages"]),
                note=data["note"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"已安排巡查任务“{patrol.title}”")
            return redirect("grid:patrols")
    messages.error(request, "巡查任务未安排，请按提示修改后重新提交")
    return _patrols_page(request, plan_form=form, status=422)


def _patrol_page(
    request: HttpRequest,
    patrol: Patrol,
    *,
    checkin_form: CheckInForm | None = None,
    finding_form: FindingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "patrol": patrol,
        "checkins": patrol.checkins.select_related("cell")[:50],
        "findings": patrol.findings.select_related("cell")[:50],
        "checkin_form": checkin_form or CheckInForm(),
        "finding_form": finding_form or FindingForm(),
        "mine": patrol.patroller_id == request.user.pk,
        "is_staff": sel.is_grid_staff(request.user),
    }
    return render(request, "grid/patrol.html", context, status=status)


@guarded(sel.require_grid_access)
def patrol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patrol = sel.patrol_get_for_user(request.user, sel.town_required(request), pk)
    return _patrol_page(request, patrol)


@require_POST
@guarded(sel.require_grid_access)
def patrol_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    patrol = sel.patrol_get_for_user(request.user, sel.town_required(request), pk)
    form = CheckInForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "未取得定位，请允许浏览器获取位置后重试")
        return _patrol_page(request, patrol, checkin_form=form, status=422)
    checkin = services.patrol_check_in(patrol=patrol, user=request.user, **form.cleaned_data)
    where = f"网格 {checkin.cell.code}" if checkin.cell else "本镇网格范围外"
    messages.success(request, f"签到成功（{where}）")
    return redirect("grid:patrol", pk=pk)


@require_POST
@guarded(sel.require_grid_access)
def patrol_finding(request: HttpRequest, pk: int) -> HttpResponse:
    town = sel.town_required(request)
    patrol = sel.patrol_get_for_user(request.user, town, pk)
    form = FindingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            finding = services.patrol_finding_report(
                town=town, user=request.user, patrol=patrol, **form.cleaned_data
            )
        except DomainError as error:
            _refused(form, error)
        else:
            if finding.taken_ref:
                messages.success(
                    request, f"巡查发现已上报，已转入线索分拨：线索编号 {finding.taken_ref}"
                )
            else:
                messages.success(request, "巡查发现已上报，将转入线索分拨")
            return redirect("grid:patrol", pk=pk)
    messages.error(request, "巡查发现未上报，请按提示修改后重新提交（照片需重新选择）")
    return _patrol_page(request, patrol, finding_form=form, status=422)


@require_POST
@guarded(sel.require_grid_access)
def patrol_finish(request: HttpRequest, pk: int) -> HttpResponse:
    patrol = sel.patrol_get_for_user(request.user, sel.town_required(request), pk)
    services.patrol_finish(patrol=patrol, user=request.user)
    messages.success(request, "巡查已结束")
    return redirect("grid:patrols")


@guarded(sel.require_grid_access)
def checkin_photo(request: HttpRequest, pk: int) -> HttpResponse:
    town = sel.town_required(request)
    patrol_ids = sel.patrols_for_user(request.user, town).values("pk")
    checkin = PatrolCheckIn.objects.filter(pk=pk, patrol__in=patrol_ids).first()
    if checkin is None or not checkin.photo:
        raise Http404
    return file_response(checkin.photo)


@guarded(sel.require_grid_access)
def finding_photo(request: HttpRequest, pk: int) -> HttpResponse:
    finding = sel.findings_for_user(request.user, sel.town_required(request)).filter(pk=pk).first()
    if finding is None or not finding.photo:
        raise Http404
    return file_response(finding.photo)
