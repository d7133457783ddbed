"""Team pages: roster, officer detail, squadrons, liaison matrix, duty calendar, public 公示."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zhifa.accounts.access import public_view
from zhifa.core import clock
from zhifa.core.errors import Forbidden
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.core.files import file_response
from zhifa.core.models import Town
from zhifa.core.navigation import guarded
from zhifa.core.tenancy import public_town_scope

from . import selectors as sel
from .models import DutyShift, Officer


def _town(request: HttpRequest) -> Town:
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town  # type: ignore[attr-defined]


@guarded(sel.require_team_access)
def index(request: HttpRequest) -> HttpResponse:
    town = _town(request)
    today = clock.today()
    rows = sel.roster(town, today=today)
    if wants_xlsx(request):
        return xlsx_response(sel.roster_xlsx(town, rows), f"执法人员-{today:%Y%m%d}.xlsx")
    context = {
        "team": sel.team_for(town),
        "rows": rows,
        "expiring": sel.certificates_expiring(town, today=today),
        "certified": sum(
            1
            for r in rows
            if r.status in ("valid", "expiring")
            and r.officer.employment == Officer.Employment.FULL_TIME
        ),
        "on_duty": sel.on_duty_at(town),
        "reserve": [r.officer for r in rows if r.officer.in_reserve_pool],
        "tab": "roster",
    }
    return render(request, "team/roster.html", context)


@guarded(sel.require_team_access)
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    town = _town(request)
    officer = sel.officer_get(town, pk)
    today = clock.today()
    context = {
        "row": sel.certificate_status(officer, today),
        "officer": officer,
        "today": today,
        "liaison": getattr(officer, "liaison", None),
        "shifts": officer.shifts.filter(ends_at__gte=clock.now()).order_by("starts_at")[:10],
        "tab": "roster",
    }
    return render(request, "team/officer.html", context)


@guarded(sel.require_team_access)
def squadrons(request: HttpRequest) -> HttpResponse:
    town = _town(request)
    rows = sel.squadron_workloads(town)
    return render(request, "team/squadrons.html", {"rows": rows, "tab": "squadrons"})


@guarded(sel.require_liaison_access)
def liaison(request: HttpRequest) -> HttpResponse:
    town = _town(request)
    return render(
        request,
        "team/liaison.html",
        {"rows": sel.liaison_matrix(town), "team": sel.team_for(town), "tab": "liaison"},
    )


@guarded(sel.require_team_access)
def duty(request: HttpRequest) -> HttpResponse:
    town = _town(request)
    try:
        start = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = clock.today()
    start -= dt.timedelta(days=start.weekday())
    days = [start + dt.timedelta(days=i) for i in range(7)]
    tz = timezone.get_current_timezone()
    shifts = list(
        sel.shifts_between(
            town,
            dt.datetime.combine(start, dt.time.min, tz),
            dt.datetime.combine(start + dt.timedelta(days=7), dt.time.min, tz),
        )
    )
    grid = [
        {"day": d, "shifts": [s for s in shifts if timezone.localtime(s.starts_at).date() == d]}
        for d in days
    ]
    context = {
        "grid": grid,
        "start": start,
        "today": clock.today(),
        "kinds": DutyShift.Kind.choices,
        "prev": start - dt.timedelta(days=7),
        "next": start + dt.timedelta(days=7),
        "on_duty": sel.on_duty_at(town),
        "tab": "duty",
    }
    return render(request, "team/duty.html", context)


@public_view
def public_list(request: HttpRequest, town_code: str) -> HttpResponse:
    """执法人员公示 (行政执法公示制度): name, certificate number and domains; nothing private."""
    town = get_object_or_404(Town, code=town_code, is_active=True)
    with public_town_scope(town):
        rows = sel.public_officers(town)
    return render(request, "team/public.html", {"town": town, "rows": rows})


@public_view
def public_photo(request: HttpRequest, town_code: str, pk: int) -> HttpResponse:
    town = get_object_or_404(Town, code=town_code, is_active=True)
    with public_town_scope(town):
        row = next((r for r in sel.public_officers(town) if r.officer.pk == pk), None)
    if row is None or not row.officer.photo:
        raise Http404
    return file_response(row.officer.photo)
