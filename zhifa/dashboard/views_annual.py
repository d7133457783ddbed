"""The annual enforcement statistics report: for staff (a town, or the county's towns summed),
exported to Excel, and the public page the 公示 section links to (no login)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zhifa.accounts.access import public_view
from zhifa.core import clock
from zhifa.core.excel import workbook_build, xlsx_response
from zhifa.core.models import Town
from zhifa.core.navigation import guarded
from zhifa.core.tenancy import public_town_scope

from .access import cockpit_check, dashboard_towns, supervision_check, town_for_user
from .annual import annual_report

FIRST_YEAR = 2000


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= clock.today().year:
        raise Http404("没有该年度的报告")
    return year


def _render(request: HttpRequest, *, title: str, report, public: bool, extra: dict) -> HttpResponse:  # type: ignore[no-untyped-def]
    if request.GET.get("export") == "xlsx":
        content = workbook_build(
            title=title,
            filters=f"{report.year} 年度",
            headers=("类别", "项目", "数量/金额"),
            rows=report.rows(),
        )
        return xlsx_response(content, f"{title}.xlsx")
    context = {"title": title, "report": report, "public": public, **extra}
    return render(request, "dashboard/annual.html", context)


@guarded(cockpit_check)
def annual_town(request: HttpRequest, code: str, year: int) -> HttpResponse:
    town = town_for_user(request.user, code)
    report = annual_report(town_ids=[town.pk], year=_year(year))
    title = f"{town.team_name}{year}年度行政执法数据报告"
    return _render(request, title=title, report=report, public=False, extra={"town": town})


@guarded(supervision_check)
def annual_county(request: HttpRequest, year: int) -> HttpResponse:
    towns = dashboard_towns(request.user)
    report = annual_report(town_ids=[t.pk for t in towns], year=_year(year))
    county = towns[0].county_name if towns else ""
    title = f"{county}督导乡镇{year}年度行政执法数据报告"
    return _render(request, title=title, report=report, public=False, extra={"towns": towns})


@public_view
def annual_public(request: HttpRequest, town_code: str, year: int) -> HttpResponse:
    """Public (118号): a town's annual figures; no names, no case numbers — counts only."""
    town = Town.objects.filter(code=town_code, is_active=True).first()
    if town is None:
        raise Http404("未找到该乡镇")
    with public_town_scope(town):
        report = annual_report(town_ids=[town.pk], year=_year(year))
    title = f"{town.team_name}{year}年度行政执法数据报告"
    return _render(request, title=title, report=report, public=True, extra={"town": town})
