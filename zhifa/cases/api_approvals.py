"""Approvals through the API (ADR 0028): an officer asks for a step that needs the head's
approval with the same fields as the step's page form; a leader lists the town's pending requests
and approves or refuses each as their own act. Nobody names an approver in a body."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import QueryDict
from ninja import Router, Schema, Status

from zhifa.core.errors import DomainError, NotFound

from . import approvals
from .access import api_actor as _actor
from .access import api_case as _case
from .models import ApprovalRequest

# mounted on the cases router (``cases.api``): the paths stay under /api/v1/cases/
router = Router(tags=["案件"])


class ApprovalAskIn(Schema):
    verb: str
    fields: dict[str, Any] = {}


class ApprovalDecideIn(Schema):
    approve: bool
    opinion: str = ""


class ApprovalOut(Schema):
    id: int
    case: int
    case_number: str
    verb: str
    label: str
    summary: str
    status: str
    status_label: str
    requested_by: str
    requested_at: datetime
    decided_by: str
    decided_at: datetime | None
    opinion: str


def _out(a: ApprovalRequest) -> dict[str, Any]:
    return {
        "id": a.pk,
        "case": a.case_id,
        "case_number": a.case.number,
        "verb": a.verb,
        "label": a.label,
        "summary": a.summary,
        "status": a.status,
        "status_label": a.get_status_display(),
        "requested_by": a.requested_by.full_name or a.requested_by.username,
        "requested_at": a.requested_at,
        "decided_by": (a.decided_by.full_name or a.decided_by.username) if a.decided_by else "",
        "decided_at": a.decided_at,
        "opinion": a.opinion,
    }


@router.post(
    "/{int:case_id}/approvals",
    response={201: ApprovalOut},
    summary="提请负责人批准（立案、撤销、强制措施、停电、决定等）",
)
def approval_ask(request: Any, case_id: int, payload: ApprovalAskIn) -> Any:
    case, actor = _case(request, case_id), _actor(request)
    if payload.verb not in approvals.APPROVAL_VERBS:
        raise DomainError("该步骤无需负责人批准，请直接办理", code="not_gated")
    data = QueryDict(mutable=True)
    for key, value in payload.fields.items():
        data.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    form = approvals.strip_approver(
        approvals.step_forms()[payload.verb](data, town=case.town, case=case)
    )
    if not form.is_valid():
        raise DomainError(
            "；".join(f"{k}：{' '.join(v)}" for k, v in form.errors.items()), code="invalid"
        )
    req = approvals.approval_request(
        case=case, verb=payload.verb, form=form, data=data, actor=actor
    )
    return Status(201, _out(req))


@router.get("/approvals", response=list[ApprovalOut], summary="待我审批（负责人）")
def approval_inbox(request: Any) -> list[dict[str, Any]]:
    return [_out(a) for a in approvals.inbox(request.user)]


@router.post("/approvals/{int:pk}/decide", response=ApprovalOut, summary="负责人批准或不予批准")
def approval_decide(request: Any, pk: int, payload: ApprovalDecideIn) -> dict[str, Any]:
    req = ApprovalRequest.objects.select_related("case").filter(pk=pk).first()
    if req is None:
        raise NotFound("未找到该审批申请")
    req = approvals.approval_decide(
        request=req,
        actor=request.user,
        approve=payload.approve,
        opinion=payload.opinion,
        forms_by_verb=approvals.step_forms(),
    )
    return _out(
        ApprovalRequest.objects.select_related("case", "requested_by", "decided_by").get(pk=req.pk)
    )
