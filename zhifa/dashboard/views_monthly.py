"""The 月度执法工作报告 pages: a town's reports (kept as issued), generating a finished month on
demand, and a live preview of any month (the current one so far). Leaders of the town and the
county supervisors of it only (``access``)."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import clock
from zhifa.core.errors import DomainError, NotFound
from zhifa.core.navigation import guarded

from . import monthly
from .access import cockpit_check, town_for_user
from .models import MonthlyReport

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _month(value: str | None) -> tuple[int, int] | None:
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    return (int(found[1]), int(found[2])) if found else None


def _file(content: bytes, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=TYPES[kind])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{kind}"
    return response


def _kind(kind: str) -> str:
    if kind not in TYPES:
        raise NotFound("只提供 PDF 或 DOCX 格式")
    return kind


@guarded(cockpit_check)
def reports(request: HttpRequest, code: str) -> HttpResponse:
    town = town_for_user(request.user, code)
    rows = MonthlyReport.all_towns.filter(town=town).select_related("document", "generated_by")
    today = clock.today()
    context = {
        "town": town,
        "rows": rows[:36],
        "last_month": f"{monthly.previous_month(today):%Y-%m}",
        "this_month": f"{today:%Y-%m}",
    }
    return render(request, "dashboard/monthly.html", context)


@require_POST
@guarded(cockpit_check)
def generate(request: HttpRequest, code: str) -> HttpResponse:
    town = town_for_user(request.user, code)
    month = _month(request.POST.get("month"))
    try:
        if month is None:
            raise DomainError("请选择报告月份（年-月）")
        first = monthly.month_first(*month)
        existed = MonthlyReport.all_towns.filter(
            town=town, month=first, document__isnull=False
        ).exists()
        monthly.monthly_report_generate(town=town, first=first, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        label = monthly.month_label(first)
        if existed:
            messages.info(request, f"{label}的报告已于此前生成，可直接下载")
        else:
            messages.success(request, f"已生成{town.name}{label}行政执法工作报告")
    return redirect("dashboard:monthly", town.code)


@guarded(cockpit_check)
def download(request: HttpRequest, code: str, pk: int, kind: str) -> HttpResponse:
    town = town_for_user(request.user, code)
    report = MonthlyReport.all_towns.filter(town=town, pk=pk).select_related("document").first()
    if report is None:
        raise NotFound("未找到该报告")
    content = monthly.monthly_report_file(report=report, kind=_kind(kind))
    name = f"{town.name}{monthly.month_label(report.month)}行政执法工作报告"
    return _file(content, name, kind)


@guarded(cockpit_check)
def preview(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    town = town_for_user(request.user, code)
    month = _month(request.GET.get("month"))
    if month is None:
        raise DomainError("请选择报告月份（年-月）")
    first = monthly.month_first(*month)
    content = monthly.monthly_report_preview(town=town, first=first, kind=_kind(kind))
    name = f"{town.name}{monthly.month_label(first)}行政执法工作报告（预览）"
    return _file(content, name, kind)
