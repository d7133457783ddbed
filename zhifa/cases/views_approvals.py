"""待我审批: the leaders' approval inbox, and their decision on each request (ADR 0028)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.navigation import guarded

from . import approvals
from .models import ApprovalRequest


def _require_leader(user) -> None:  # type: ignore[no-untyped-def]
    if not approvals.is_leader(user):
        raise Forbidden("审批仅限负责人")


@guarded(_require_leader)
def inbox(request: HttpRequest) -> HttpResponse:
    recent = ApprovalRequest.objects.exclude(status="pending").select_related(
        "case", "requested_by", "decided_by"
    )
    return render(
        request,
        "cases/approvals.html",
        {"pending": approvals.inbox(request.user), "recent": recent.order_by("-decided_at")[:20]},
    )


@guarded(_require_leader)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    req = get_object_or_404(ApprovalRequest.objects.select_related("case"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        approvals.approval_decide(
            request=req,
            actor=request.user,
            approve=approve,
            opinion=request.POST.get("opinion", ""),
            forms_by_verb=approvals.step_forms(),
        )
    except DomainError as error:
        messages.error(request, f"{req.label}（{req.case.number}）未审批：{error.message}")
        return redirect("cases:approvals")
    messages.success(
        request, f"{'已批准并办理' if approve else '不予批准'}：{req.label}（{req.case.number}）"
    )
    return redirect("cases:approvals")
