"""Inspection pages for staff: the overview with the officer's queue, plans (create, approve,
draw, redraw) and sealed draws. On-site pages are in views_site.py, the public ones in
views_public.py, risk levels, 回避 and checklists in views_register.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.navigation import guarded

from . import selectors as sel
from . import services
from .forms import ApproveForm, DrawForm, PlanForm, RedrawForm
from .models import Inspection, PlanEvent
from .permissions import APPROVERS, DRAWERS, PLANNERS, may


def town_of(request: HttpRequest) -> Any:
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town  # type: ignore[attr-defined]


def attempt(request: HttpRequest, action: Callable[[], Any]) -> tuple[Any, str]:
    """Run a service; a refusal comes back as its Chinese message (the page re-renders the bound
    form with it, so nothing typed is lost)."""
    try:
        return action(), ""
    except DomainError as error:
        return None, error.message


@guarded(sel.require_staff)
def index(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "inspections/index.html",
        {
            "queue": list(sel.officer_queue(user=request.user, town=town)[:50]),
            "inspections": list(
                sel.inspections_filtered(user=request.user, town=town, status=status, q=q)[:200]
            ),
            "plans": list(sel.plans_visible(user=request.user, town=town)[:20]),
            "counts": sel.counts(town=town),
            "statuses": Inspection.Status.choices,
            "status": status,
            "q": q,
            "may_plan": may(request.user, PLANNERS),
        },
    )


def plan_new(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    sel.plans_visible(user=request.user, town=town)  # staff only
    if not may(request.user, PLANNERS):
        raise Forbidden("无权拟定检查计划")
    today = clock.today()
    form = PlanForm(request.POST or None, town=town, initial={"year": today.year, "kind": "annual"})
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan, error = attempt(
            request,
            lambda: services.plan_create(
                town=town,
                actor=request.user,
                name=d["name"],
                kind=d["kind"],
                year=d["year"],
                items=list(d["items"]),
                villages=list(d["villages"]),
                subject_kinds=d["subject_kinds"],
                site_types=d["site_types"],
                risk_levels=d["risk_levels"],
                sample_mode=d["sample_mode"],
                sample_ratio=d["sample_ratio"],
                sample_count=d["sample_count"],
                period_start=d["period_start"],
                period_end=d["period_end"],
                note=d["note"],
            ),
        )
        if plan is not None:
            messages.success(request, f"已拟定计划 {plan.number}，待队长审批")
            return redirect("inspections:plan", pk=plan.pk)
    return render(request, "inspections/plan_new.html", {"form": form, "error": error})


def _plan_context(request: HttpRequest, plan: Any, **extra: Any) -> dict[str, Any]:
    today = clock.today()
    on = min(max(today, plan.period_start), plan.period_end)
    return {
        "plan": plan,
        "draws": list(plan.draws.select_related("drawn_by").order_by("seq")),
        "inspections": list(plan.inspections.select_related("subject").order_by("pk")[:500]),
        "events": list(PlanEvent.objects.filter(plan=plan).order_by("-seq")[:50]),
        "approve_form": extra.pop("approve_form", None) or ApproveForm(),
        "draw_form": extra.pop("draw_form", None) or DrawForm(initial={"on": on}),
        "redraw_form": extra.pop("redraw_form", None) or RedrawForm(initial={"on": on}),
        "may_approve": may(request.user, APPROVERS),
        "may_draw": may(request.user, DRAWERS),
        **extra,
    }


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = sel.plan_get_for_user(user=request.user, town=town_of(request), pk=pk)
    return render(request, "inspections/plan.html", _plan_context(request, plan))


@require_POST
def plan_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = sel.plan_get_for_user(user=request.user, town=town_of(request), pk=pk)
    forms_ = {"approve": ApproveForm, "draw": DrawForm, "redraw": RedrawForm}
    if action not in forms_:
        raise DomainError("未知的操作", code="bad_action", status=404)
    form = forms_[action](request.POST)
    error = "请检查填写的内容"
    if form.is_valid():
        d = form.cleaned_data
        calls = {
            "approve": lambda: services.plan_approve(
                plan=plan, actor=request.user, opinion=d["opinion"]
            ),
            "draw": lambda: services.plan_draw(
                plan=plan, actor=request.user, seed=d["seed"], on=d["on"]
            ),
            "redraw": lambda: services.plan_redraw(
                plan=plan,
                actor=request.user,
                reason=d.get("reason", ""),
                seed=d["seed"],
                on=d["on"],
            ),
        }
        done, error = attempt(request, calls[action])
        if done is not None:
            messages.success(
                request,
                {"approve": "已批准计划", "draw": "已随机抽取并封存", "redraw": "已重新抽取"}[
                    action
                ],
            )
            return redirect("inspections:plan", pk=plan.pk)
    plan.refresh_from_db()
    context = _plan_context(request, plan, **{f"{action}_form": form}, error=error, failed=action)
    return render(request, "inspections/plan.html", context, status=422)


def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = sel.draw_get_for_user(user=request.user, town=town_of(request), pk=pk)
    if request.GET.get("format") == "json":
        body = json.dumps(
            {
                "algorithm": draw.algorithm,
                "seed": draw.seed,
                "inputs": draw.inputs,
                "result": draw.result,
                "inputs_sha256": draw.inputs_sha256,
                "result_sha256": draw.result_sha256,
                "seal": draw.seal,
            },
            ensure_ascii=False,
            sort_keys=True,
            indent=1,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="draw-{draw.plan.number}-{draw.seq}.json"'
        )
        return response
    subjects = {
        i.subject_id: i for i in Inspection.objects.filter(draw=draw).select_related("subject")
    }
    rows = [
        {
            "n": n,
            "inspection": subjects.get(r["subject"]),
            "officers": [draw.inputs["officer_certs"][str(o)] for o in r["officers"]],
        }
        for n, r in enumerate(draw.result["subjects"], start=1)
    ]
    excluded: dict[str, int] = {}
    for _, reason in draw.inputs.get("excluded", []):
        excluded[reason] = excluded.get(reason, 0) + 1
    return render(
        request,
        "inspections/draw.html",
        {
            "draw": draw,
            "rows": rows,
            "problems": services.draw_verify(draw=draw),
            "excluded": excluded,
            "candidates": len(draw.inputs["candidates"]),
        },
    )
