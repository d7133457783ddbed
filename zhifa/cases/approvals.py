"""Approvals as the approver's own act (ADR 0028).

A step that needs the head's approval (行政机关负责人批准) never takes the approver from the
request: a leader who does the step approves it by doing it; anyone else's step becomes an
``ApprovalRequest`` that waits in the leaders' inbox (待我审批) with what was typed, and runs
— through the same step form and service — only when a leader approves it. Asking, approving
and refusing are each an event on the case record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import transaction
from django.http import QueryDict

from zhifa.accounts.roles import LEADER, has_role
from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden

from . import extensions
from .events import _append
from .forms import STEP_FORMS
from .models import ApprovalRequest, Case

# verbs whose step needs the head's approval; 协助函 only when it asks to cut power
APPROVAL_VERBS = (
    "file",
    "withdraw",
    "hold",
    "seizure",
    "extend",
    "assistance",
    "deferral",
    "enforcement",
    "decision",
)


def step_forms() -> dict[str, type]:
    """Every step form by verb: the case file's own and those the apps to the right register
    (penalty and coercion, ``extensions``)."""
    return {**STEP_FORMS, **extensions.step_forms()}


def is_leader(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or has_role(user, LEADER))


def strip_approver(form: Any) -> Any:
    """No form names its approver any more: the approver is whoever approves."""
    form.fields.pop("approver", None)
    return form


def gated(verb: str, form: Any) -> bool:
    if verb not in APPROVAL_VERBS:
        return False
    if verb == "assistance":
        return form.cleaned_data.get("kind") == "power_cut"
    return True


def perform(form: Any, *, actor: Any, approver: Any) -> Any:
    """Run a (valid) step form with ``approver`` as the head who approved it."""
    if "approver" in type(form).base_fields:
        form.cleaned_data["approver"] = approver
    return form.perform(actor=actor)


def _shown(field: Any, value: Any) -> str:
    """A value as the form showed it to the person who typed it: a choice by its label (停止供电,
    not power_cut), a time in Shanghai to the minute, a list joined with 、."""
    if hasattr(value, "all"):
        return "、".join(str(v) for v in value.all())
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return f"{clock.local(value):%Y-%m-%d %H:%M}"
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): v for k, v in field.choices}
        return str(labels.get(str(value), value))
    return str(value)


def _summary(form: Any) -> str:
    parts = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()) or name not in form.fields:
            continue
        parts.append(f"{form.fields[name].label}：{_shown(form.fields[name], value)}")
    return "；".join(parts)


def approval_request(*, case: Case, verb: str, form: Any, data: QueryDict, actor: Any) -> Any:
    """An officer's step that needs approval: kept with what was typed, waiting for a leader."""
    if case.approvals.filter(verb=verb, status=ApprovalRequest.Status.PENDING).exists():
        raise DomainError(f"“{form.label}”已提交负责人审批，请等待审批结果", code="pending")
    stored = {k: data.getlist(k) for k in data if k != "csrfmiddlewaretoken"}
    with transaction.atomic():
        req = ApprovalRequest.objects.create(
            town=case.town,
            case=case,
            verb=verb,
            label=form.label,
            data=stored,
            summary=_summary(form),
            requested_by=actor,
        )
        _append(
            case,
            actor,
            "approval_requested",
            f"提请负责人批准：{form.label}",
            new={"approval": req.pk, "verb": verb, "summary": req.summary},
        )
    return req


def approval_decide(
    *, request: ApprovalRequest, actor: Any, approve: bool, opinion: str = "", forms_by_verb: dict
) -> ApprovalRequest:
    """A leader approves (the step runs now, with them as approver) or refuses (a reason is
    required). Either is the leader's own act, recorded on the case."""
    if not is_leader(actor):
        raise Forbidden("审批仅限负责人本人")
    opinion = (opinion or "").strip()
    if not approve and len(opinion) < 2:
        raise DomainError("不予批准的，请写明理由", code="opinion_required")
    with transaction.atomic():
        req = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
        if req.status != ApprovalRequest.Status.PENDING:
            raise DomainError(f"该申请已{req.get_status_display()}", code="decided", status=409)
        case = req.case
        if approve:
            data = QueryDict(mutable=True)
            for key, values in req.data.items():
                data.setlist(key, values)
            form = strip_approver(forms_by_verb[req.verb](data, town=case.town, case=case))
            if not form.is_valid():
                problems = "；".join(" ".join(e) for e in form.errors.values())
                raise DomainError(
                    f"申请内容已不符合办理条件（{problems}），请不予批准并退回", code="stale"
                )
            perform(form, actor=req.requested_by, approver=actor)
        req.status = ApprovalRequest.Status.APPROVED if approve else ApprovalRequest.Status.REFUSED
        req.decided_by, req.decided_at, req.opinion = actor, clock.now(), opinion
        req.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
        _append(
            case,
            actor,
            "approval_decided",
            f"{req.get_status_display()}：{req.label}" + (f"（{opinion}）" if opinion else ""),
            new={"approval": req.pk, "status": req.status, "opinion": opinion},
        )
    return req


def inbox(user: Any) -> list[ApprovalRequest]:
    """待我审批: the town's pending requests, for a leader (nobody else approves)."""
    if not is_leader(user):
        return []
    return list(
        ApprovalRequest.objects.filter(status=ApprovalRequest.Status.PENDING).select_related(
            "case", "requested_by"
        )
    )
