"""Grid pages: the map, villages, cell import, subjects, patrols with phone check-in, findings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.accounts.access import require_role

from . import selectors as sel
from . import services
from .forms import CellImportForm, CheckInForm, FindingForm, PatrolPlanForm, SubjectForm
from .models import GridCell, PatrolCheckIn


def index(request: HttpRequest) -> HttpResponse:
    sel.require_grid_access(request.user)
    town = sel.town_required(request)
    context = {
        "tile_url": settings.ZHIFA_TILE_URL,
        "zones": sel.zones_for(town),
        "villages": sel.villages_for(town),
        "cell_count": sel.cells_for_user(request.user, town).count(),
        "is_staff": sel.is_grid_staff(request.user),
        "can_import": sel.can_manage(request.user),
        "center": [float(town.center_lat or 0), float(town.center_lng or 0)],
    }
    return render(request, "grid/map.html", context)


def villages(request: HttpRequest) -> HttpResponse:
    sel.require_staff(request.user)
    town = sel.town_required(request)
    return render(
        request,
        "grid/villages.html",
        {"zones": sel.zones_for(town), "villages": sel.villages_for(town), "is_staff": True},
    )


def cell_import(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *sel.MANAGER_ROLES)
    town = sel.town_required(request)
    form = CellImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = services.cells_import(
            town=town, data=form.cleaned_data["file"].read(), datum=form.cleaned_data["datum"]
        )
        messages.success(request, result.message)
        return redirect("grid:index")
    return render(request, "grid/import.html", {"form": form, "town": town, "is_staff": True})


def subjects(request: HttpRequest) -> HttpResponse:
    sel.require_staff(request.user)
    town = sel.town_required(request)
    kind, q = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    rows = sel.subjects_for(town, kind=kind, q=q)
    context = {"rows": rows, "kind": kind, "q": q, "form": SubjectForm(), "is_staff": True}
    return render(request, "grid/subjects.html", context)


@require_POST
def subject_register(request: HttpRequest) -> HttpResponse:
    sel.require_staff(request.user)
    town = sel.town_required(request)
    form = SubjectForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "请检查填写内容："
            + "；".join(f"{form.fields[k].label}{v[0]}" for k, v in form.errors.items()),
        )
        return redirect("grid:subjects")
    subject = services.subject_register(town=town, **form.cleaned_data)
    messages.success(request, f"已登记监管对象“{subject.name}”")
    return redirect("grid:subjects")


def patrols(request: HttpRequest) -> HttpResponse:
    sel.require_grid_access(request.user)
    town = sel.town_required(request)
    rows = sel.patrols_for_user(request.user, town)[:100]
    findings = sel.findings_for_user(request.user, town)[:50]
    context = {"rows": rows, "findings": findings, "is_staff": sel.is_grid_staff(request.user)}
    if sel.can_plan_patrols(request.user):
        context["plan_form"] = _plan_form(town, initial={"day": timezone.localdate()})
    return render(request, "grid/patrols.html", context)


def _plan_form(town, data=None, initial=None) -> PatrolPlanForm:
    return PatrolPlanForm(
        data, initial=initial, people=sel.patrollers_for(town), villages=sel.villages_for(town)
    )


@require_POST
def patrol_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, "leader", "squadron_leader", "admin")
    town = sel.town_required(request)
    form = _plan_form(town, request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "请完整填写巡查任务："
            + "；".join(f"{form.fields[k].label}{v[0]}" for k, v in form.errors.items()),
        )
        return redirect("grid:patrols")
    data = form.cleaned_data
    tz = timezone.get_current_timezone()
    patrol = services.patrol_plan(
        town=town,
        patroller=sel.patrollers_for(town).get(pk=data["patroller"]),
        title=data["title"],
        kind=data["kind"],
        starts_at=dt.datetime.combine(data["day"], data["start"], tz),
        ends_at=dt.datetime.combine(data["day"], data["end"], tz),
        cells=GridCell.objects.filter(town=town, village__code__in=data["villages"]),
        note=data["note"],
    )
    messages.success(request, f"已安排巡查任务“{patrol.title}”")
    return redirect("grid:patrols")


def patrol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sel.require_grid_access(request.user)
    patrol = sel.patrol_get_for_user(request.user, sel.town_required(request), pk)
    context = {
        "patrol": patrol,
        "checkins": patrol.checkins.select_related("cell")[:50],
        "findings": patrol.findings.select_related("cell")[:50],
        "checkin_form": CheckInForm(),
        "finding_form": FindingForm(),
        "mine": patrol.patroller_id == request.user.pk,
        "is_staff": sel.is_grid_staff(request.user),
    }
    return render(request, "grid/patrol.html", context)


@require_POST
def patrol_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    sel.require_grid_access(request.user)
    patrol = sel.patrol_get_for_user(request.user, sel.town_required(request), pk)
    form = CheckInForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "未取得定位，请允许浏览器获取位置后重试")
        return redirect("grid:patrol", pk=pk)
    checkin = services.patrol_check_in(patrol=patrol, user=request.user, **form.cleaned_data)
    where = f"网格 {checkin.cell.code}" if checkin.cell else "本镇网格范围外"
    messages.success(request, f"签到成功（{where}）")
    return redirect("grid:patrol", pk=pk)


@require_POST
def patrol_finding(request: HttpRequest, pk: int) -> HttpResponse:
    sel.require_grid_access(request.user)
    town = sel.town_required(request)
    patrol = sel.patrol_get_for_user(request.user, town, pk)
    form = FindingForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请写明发现的情况")
        return redirect("grid:patrol", pk=pk)
    services.patrol_finding_report(town=town, user=request.user, patrol=patrol, **form.cleaned_data)
    messages.success(request, "巡查发现已上报，将转入线索分拨")
    return redirect("grid:patrol", pk=pk)


@require_POST
def patrol_finish(request: HttpRequest, pk: int) -> HttpResponse:
    sel.require_grid_access(request.user)
    patrol = sel.patrol_get_for_user(request.user, sel.town_required(request), pk)
    services.patrol_finish(patrol=patrol, user=request.user)
    messages.success(request, "巡查已结束")
    return redirect("grid:patrols")


def checkin_photo(request: HttpRequest, pk: int) -> HttpResponse:
    sel.require_grid_access(request.user)
    town = sel.town_required(request)
    patrol_ids = sel.patrols_for_user(request.user, town).values("pk")
    checkin = PatrolCheckIn.objects.filter(pk=pk, patrol__in=patrol_ids).first()
    if checkin is None or not checkin.photo:
        raise Http404
    return FileResponse(checkin.photo.open("rb"))


def finding_photo(request: HttpRequest, pk: int) -> HttpResponse:
    sel.require_grid_access(request.user)
    finding = sel.findings_for_user(request.user, sel.town_required(request)).filter(pk=pk).first()
    if finding is None or not finding.photo:
        raise Http404
    return FileResponse(finding.photo.open("rb"))
