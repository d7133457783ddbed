from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import clock, workdays
from .deadlines import Deadline
from .navigation import SECTIONS
from .notifications import notification_mark_read
from .queues import queues_for


def home(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    my_deadlines = Deadline.objects.filter(
        responsible=request.user, status=Deadline.Status.OPEN
    ).order_by("due_at")[:10]
    return render(
        request,
        "core/home.html",
        {
            "today": day_label(today),
            "deadlines": my_deadlines,
            "queues": queues_for(request.user),
        },
    )


def day_label(day: dt.date) -> dict[str, object]:
    info = workdays.day_info(day)
    return {"date": day, "info": info}


def section_placeholder(request: HttpRequest, *, key: str) -> HttpResponse:
    section = next(s for s in SECTIONS if s.key == key)
    return render(request, "core/section_placeholder.html", {"section": section})


class WorkdayForm(forms.Form):
    start = forms.DateField(
        label="起算日", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    days = forms.IntegerField(
        label="期限（日）",
        min_value=0,
        max_value=365,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    unit = forms.ChoiceField(
        label="计算方式",
        choices=[("working", "工作日"), ("calendar", "自然日")],
        initial="working",
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def workday_calculator(request: HttpRequest) -> HttpResponse:
    form = WorkdayForm(request.GET or None)
    answer = None
    if form.is_valid():
        start, days = form.cleaned_data["start"], form.cleaned_data["days"]
        if form.cleaned_data["unit"] == "working":
            answer = workdays.workdays_add(start, days)
        else:
            answer = workdays.calendar_days_add(start, days)
    template = "core/_workday_answer.html" if request.htmx else "core/workdays.html"
    return render(request, template, {"form": form, "answer": answer})


def notifications(request: HttpRequest) -> HttpResponse:
    rows = request.user.notifications.all()[:100]
    return render(request, "core/notifications.html", {"rows": rows})


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notification_mark_read(user=request.user)
    messages.success(request, "通知已全部标为已读")
    return redirect("core:notifications")


@require_POST
def town_switch(request: HttpRequest) -> HttpResponse:
    """County users who supervise several towns choose the one they act for."""
    try:
        town_id = int(request.POST.get("town_id", ""))
    except ValueError:
        town_id = 0
    if town_id not in request.town_ids:
        raise PermissionDenied("无权进入该乡镇")
    request.session["town_id"] = town_id
    return redirect("core:home")
