"""The inspection page: for the drawn officers the on-site flow on a phone (start → checklist with
notes and photos → result → signature), for staff the record; and registering an inspection for a
cause (complaint, lead, re-inspection)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.files import file_response

from . import rules, services
from . import selectors as sel
from .forms import (
    AnswerForm,
    FinishForm,
    InspectionForm,
    PhotoForm,
    ReasonForm,
    SignForm,
    StartForm,
)
from .models import ChecklistPhoto, Inspection, InspectionEvent
from .permissions import PLANNERS, PUBLISHERS, may, officer_of
from .views import attempt, town_of


def _is_inspector(user: Any, inspection: Inspection) -> bool:
    officer = officer_of(user)
    return officer is not None and inspection.officers.filter(pk=officer.pk).exists()


def _context(request: HttpRequest, inspection: Inspection, **forms: Any) -> dict[str, Any]:
    town = inspection.town
    answers = list(inspection.answers.prefetch_related("photos").order_by("sort"))
    failed_item = next(
        (a.violation_item_id for a in answers if a.answer == "fail" and a.violation_item_id), None
    )
    return {
        "i": inspection,
        "answers": answers,
        "pending": sum(1 for a in answers if not a.answer),
        "events": list(InspectionEvent.objects.filter(inspection=inspection).order_by("-seq")[:40]),
        "hints": rules.combine_hints(
            subject=inspection.subject, on=inspection.day, exclude_pk=inspection.pk
        )
        if inspection.is_open
        else [],
        "inspector": _is_inspector(request.user, inspection),
        "may_publish": may(request.user, PUBLISHERS),
        "may_cancel": may(request.user, PLANNERS),
        "start_form": forms.get("start")
        or StartForm(initial={"place": inspection.subject.address}),
        "finish_form": forms.get("finish")
        or FinishForm(town=town, initial={"violation_item": failed_item, "days": 7}),
        "sign_form": forms.get("sign") or SignForm(initial={"party_signature": inspection.present}),
        "cancel_form": forms.get("cancel") or ReasonForm(),
        "error": forms.get("error", ""),
        "failed": forms.get("failed", ""),
        "answer_error": forms.get("answer_error"),
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = sel.inspection_get_for_user(user=request.user, town=town_of(request), pk=pk)
    return render(request, "inspections/inspection.html", _context(request, inspection))


def photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    """A checklist photo, to those who may see the inspection (the gate checks town and role)."""
    inspection = sel.inspection_get_for_user(user=request.user, town=town_of(request), pk=pk)
    row = get_object_or_404(
        ChecklistPhoto.objects.filter(answer__inspection=inspection), pk=photo_id
    )
    return file_response(row.file, download_name=f"{inspection.pk}-{row.pk}")


def _call(
    request: HttpRequest, inspection: Inspection, action: str
) -> tuple[Any, str, dict[str, Any]]:
    """Bind the action's form and call its service: (done, error, forms to re-render)."""
    post, user, town = request.POST, request.user, inspection.town
    if action == "start":
        form = StartForm(post)
        if form.is_valid():
            d = form.cleaned_data
            return (
                *attempt(
                    request,
                    lambda: services.inspection_start(inspection=inspection, actor=user, **d),
                ),
                {"start": form},
            )
        return None, "请填写检查地点", {"start": form}
    if action == "answer":
        form = AnswerForm(post)
        if form.is_valid():
            d = form.cleaned_data
            done, error = attempt(
                request, lambda: services.inspection_answer(inspection=inspection, actor=user, **d)
            )
            return (
                done,
                error,
                {"answer_error": (d["answer_id"], error, d["note"]) if error else None},
            )
        return None, "请选择该项的结论", {}
    if action == "photo":
        form = PhotoForm(post, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            return (
                *attempt(
                    request,
                    lambda: services.inspection_photo_add(
                        inspection=inspection,
                        actor=user,
                        answer_id=d["answer_id"],
                        upload=d["photo"],
                    ),
                ),
                {},
            )
        return None, "上传的文件不是有效的图片（仅支持 JPEG、PNG、WebP）", {}
    if action == "finish":
        form = FinishForm(post, town=town)
        if form.is_valid():
            d = form.cleaned_data
            return (
                *attempt(
                    request,
                    lambda: services.inspection_finish(inspection=inspection, actor=user, **d),
                ),
                {"finish": form},
            )
        return None, "请选择检查结果并填写检查情况", {"finish": form}
    if action == "sign":
        form = SignForm(post)
        if form.is_valid():
            d = form.cleaned_data
            return (
                *attempt(
                    request,
                    lambda: services.inspection_sign(inspection=inspection, actor=user, **d),
                ),
                {"sign": form},
            )
        return None, "请填写签名", {"sign": form}
    if action == "publish":
        return (
            *attempt(
                request, lambda: services.inspection_publish(inspection=inspection, actor=user)
            ),
            {},
        )
    if action == "cancel":
        form = ReasonForm(post)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            return (
                *attempt(
                    request,
                    lambda: services.inspection_cancel(
                        inspection=inspection, actor=user, reason=reason
                    ),
                ),
                {"cancel": form},
            )
        return None, "请填写取消理由", {"cancel": form}
    raise DomainError("未知的操作", code="bad_action", status=404)


DONE = {
    "start": "已开始检查，检查通知书已生成",
    "answer": "",
    "photo": "已上传照片",
    "finish": "已作出检查结论，请当事人签名确认笔录",
    "sign": "检查笔录已签名确认，检查完成",
    "publish": "已公示检查结果",
    "cancel": "已取消检查",
}


@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    inspection = sel.inspection_get_for_user(user=request.user, town=town_of(request), pk=pk)
    done, error, forms = _call(request, inspection, action)
    if done is not None:
        if DONE.get(action):
            messages.success(request, DONE[action])
        anchor = f"#line-{request.POST.get('answer_id')}" if action in ("answer", "photo") else ""
        return redirect(reverse("inspections:detail", kwargs={"pk": inspection.pk}) + anchor)
    inspection.refresh_from_db()
    context = _context(request, inspection, **forms, error=error, failed=action)
    return render(request, "inspections/inspection.html", context, status=422)


def new(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    sel.inspections_visible(user=request.user, town=town)
    if not may(request.user, PLANNERS):
        raise Forbidden("无权登记检查任务")
    form = InspectionForm(request.POST or None, town=town, initial={"planned_on": clock.today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        inspection, error = attempt(
            request,
            lambda: services.inspection_create(
                town=town,
                actor=request.user,
                subject=d["subject"],
                items=list(d["items"]),
                officers=list(d["officers"]),
                origin=d["origin"],
                planned_on=d["planned_on"],
                justification=d["justification"],
                justification_note=d["justification_note"],
            ),
        )
        if inspection is not None:
            messages.success(request, f"已登记检查 {inspection.number}")
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/new.html", {"form": form, "error": error})
