"""Pages of 统计: the cockpit (one town), the county view, drill-down lists and their Excel
export, warnings. Every view checks ``access`` on the server before it reads anything."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from zhifa.core import clock
from zhifa.core.errors import NotFound
from zhifa.core.excel import workbook_build, xlsx_response
from zhifa.core.navigation import guarded

from . import breakdowns as bd
from .access import (
    cockpit_check,
    dashboard_town_ids,
    dashboard_towns,
    is_supervisor,
    supervision_check,
    town_for_user,
)
from .cockpit import cockpit_figures, leads_by_source
from .forms import PeriodForm
from .heat import heat_geojson
from .lists import COLUMNS, cockpit_sheets, drillable, metric_rows, place_filter
from .metrics import METRICS
from .sources import Case
from .warnings import RED, warnings_list


def _period(request: HttpRequest) -> tuple[PeriodForm, Any]:
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


@guarded(cockpit_check)
def index(request: HttpRequest) -> HttpResponse:
    if is_supervisor(request.user):
        return redirect("dashboard:county")
    town = request.town  # type: ignore[attr-defined]
    if town is None or town.pk not in dashboard_town_ids(request.user):
        raise NotFound("请先选择所在乡镇")
    return redirect("dashboard:town", town.code)


@guarded(cockpit_check)
def town(request: HttpRequest, code: str) -> HttpResponse:
    t = town_for_user(request.user, code)
    form, period = _period(request)
    now = clock.now()
    figures = cockpit_figures(town_ids=[t.pk], period=period, now=now)[t.pk]
    context = {
        "town": t,
        "form": form,
        "period": period,
        "cards": [(m, figures.get(k)) for k, m in METRICS.items()],
        "by_source": leads_by_source(town_ids=[t.pk], period=period).get(t.pk, {}),
        "villages": bd.by_village(town_id=t.pk, period=period),
        "squadrons": bd.by_squadron(town_id=t.pk, period=period),
        "domains": bd.by_domain(town_id=t.pk, period=period),
        "usage": bd.item_usage(town_id=t.pk, period=period),
        "workload": bd.officer_workload(town_id=t.pk, now=now),
        "trend": bd.monthly_trend(town_ids=[t.pk], months=12, until=period.until),
        "multi": len(dashboard_town_ids(request.user)) > 1,
    }
    if _wants_xlsx(request):
        rows = [(m.label, figures.get(k), m.unit, m.definition) for k, m in METRICS.items()]
        content = workbook_build(
            title=f"{t.name}执法驾驶舱",
            filters=period.label,
            headers=("指标", "数值", "单位", "口径"),
            rows=rows,
            sheets=cockpit_sheets(context),
        )
        return xlsx_response(content, f"{t.name}驾驶舱-{period.since}-{period.until}.xlsx")
    return render(request, "dashboard/town.html", context)


@guarded(supervision_check)
def county(request: HttpRequest) -> HttpResponse:
    towns = dashboard_towns(request.user)
    form, period = _period(request)
    figures = cockpit_figures(town_ids=[t.pk for t in towns], period=period, now=clock.now())
    table = [(m, [figures[t.pk].get(k) for t in towns]) for k, m in METRICS.items()]
    if _wants_xlsx(request):
        content = workbook_build(
            title="全县执法数据对比",
            filters=period.label,
            headers=("指标", "单位", *[t.name for t in towns]),
            rows=[(m.label, m.unit, *values) for m, values in table],
        )
        return xlsx_response(content, f"全县执法数据-{period.since}-{period.until}.xlsx")
    trend = bd.monthly_trend(town_ids=[t.pk for t in towns], months=12, until=period.until)
    return render(
        request,
        "dashboard/county.html",
        {"towns": towns, "form": form, "period": period, "table": table, "trend": trend},
    )


@guarded(cockpit_check)
def drill(request: HttpRequest, code: str, key: str) -> HttpResponse:
    t = town_for_user(request.user, code)
    metric = drillable(key)
    if metric is None:
        raise NotFound("该指标没有明细清单")
    form, period = _period(request)
    qs = metric_rows(metric=metric, town_id=t.pk, period=period, now=clock.now())
    place = place_filter(request.GET, town_id=t.pk) if metric.model is Case else None
    if place is not None:
        qs = qs.filter(place.q)
    cols = COLUMNS[metric.model]  # type: ignore[index]
    if _wants_xlsx(request):
        content = workbook_build(
            title=f"{t.name}{metric.label}",
            filters=period.label + (f"；{place.label}" if place else ""),
            headers=cols.headers,
            rows=(cols.values(o) for o in qs.iterator(chunk_size=2000)),
        )
        return xlsx_response(content, f"{t.name}{metric.label}-{period.since}-{period.until}.xlsx")
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    rows = [(o, cols.values(o)) for o in page]
    context = {
        "town": t,
        "metric": metric,
        "form": form,
        "period": period,
        "page": page,
        "headers": cols.headers,
        "rows": rows,
        "is_case": metric.model is Case,
        "place": place,
    }
    return render(request, "dashboard/drill.html", context)


@guarded(cockpit_check)
def heat(request: HttpRequest, code: str) -> JsonResponse:
    """The map heat of the cockpit (GeoJSON of the town's cells with their case counts)."""
    t = town_for_user(request.user, code)
    _, period = _period(request)
    return JsonResponse(heat_geojson(town_id=t.pk, period=period))


@guarded(cockpit_check)
def warnings(request: HttpRequest) -> HttpResponse:
    towns = {t.pk: t for t in dashboard_towns(request.user)}
    items = warnings_list(town_ids=list(towns), now=clock.now())
    if _wants_xlsx(request):
        content = workbook_build(
            title="网上预警",
            filters="、".join(t.name for t in towns.values()),
            headers=("等级", "乡镇", "预警", "说明", "届满时间"),
            rows=(
                (
                    "红色" if w.level == RED else "黄色",
                    towns[w.town_id].name,
                    w.title,
                    w.detail,
                    w.due_at,
                )
                for w in items
            ),
        )
        return xlsx_response(content, "网上预警.xlsx")
    context = {
        "items": items,
        "towns": towns,
        "now": clock.now(),
        "reds": sum(w.level == RED for w in items),
    }
    template = "dashboard/_warnings.html" if request.htmx else "dashboard/warnings.html"  # type: ignore[attr-defined]
    return render(request, template, context)
