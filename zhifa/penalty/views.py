"""Pages of the penalty procedure: the deadline board and the phone-friendly on-the-spot form.
The step forms of each case live on the case page (``views.detail``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zhifa.cases.access import actor_require as _require_actor
from zhifa.cases.access import form_perform as _perform
from zhifa.cases.access import page_actor as _actor
from zhifa.cases.access import page_town as _town
from zhifa.cases.forms import now_local
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.core.navigation import guarded
from zhifa.team.models import Officer, Squadron

from . import board
from .forms_on_the_spot import OnTheSpotForm


def deadlines(request: HttpRequest) -> HttpResponse:
    _town(request)
    g = request.GET
    officer = int(g["officer"]) if g.get("officer", "").isdigit() else None
    squadron = int(g["squadron"]) if g.get("squadron", "").isdigit() else None
    status = g.get("status", "") if g.get("status") in ("running", "due_soon", "overdue") else ""
    rows = board.board_rows(user=request.user, officer=officer, squadron=squadron, status=status)
    if wants_xlsx(request):
        content = board.board_xlsx(rows, officer=officer, squadron=squadron, status=status)
        return xlsx_response(content, f"期限看板-{now_local():%Y%m%d}.xlsx")
    everything = board.board_rows(user=request.user, officer=officer, squadron=squadron)
    return render(
        request,
        "penalty/deadlines.html",
        {
            "rows": rows,
            "running": sum(1 for r in rows if r.status != "elapsed"),
            "elapsed": sum(1 for r in rows if r.status == "elapsed"),
            "summary": board.board_summary(everything),
            "officers": Officer.objects.filter(is_active=True).select_related("user"),
            "squadrons": Squadron.objects.all(),
            "officer": officer,
            "squadron": squadron,
            "status": status,
            "title": "期限看板",
            "tab": "deadlines",
        },
    )


@guarded(_require_actor)
def on_the_spot(request: HttpRequest) -> HttpResponse:
    town, actor = _town(request), _actor(request)
    officer = getattr(actor, "officer", None)
    initial = {"act_at": now_local(), "kind": "fine", "officers": [officer.pk] if officer else []}
    form = OnTheSpotForm(request.POST or None, town=town, initial=initial)
    if request.method == "POST" and form.is_valid() and (case := _perform(form, actor)):
        messages.success(request, f"已当场作出处罚决定：{case.outcome}")
        return redirect("cases:detail", case.pk)
    return render(
        request, "penalty/on_the_spot.html", {"form": form}, status=400 if form.errors else 200
    )
