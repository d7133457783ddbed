"""Inspections API, on-site part (mounted by api.py under /api/v1/inspections/inspections):
register an inspection for a cause, read, start, answer, add a photo, finish, sign, publish and
cancel. Each write calls one service; the services and the selectors check who may."""

from __future__ import annotations

from typing import Any

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from zhifa.catalog.models import PowerItem
from zhifa.core.api_fields import Day, Days, Id, Text
from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.core.models import Town
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from . import selectors as sel
from . import services
from .models import Inspection

router = Router(tags=["行政检查"])


def _town(request: Any) -> Town:
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town


def inspection_out(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "number": i.number,
        "code": i.code,
        "origin": i.origin,
        "plan": i.plan.number if i.plan_id else "",
        "subject": {"id": i.subject_id, "name": i.subject.name},
        "items": [it.code for it in i.items.all()],
        "officers": [{"name": h["name"], "cert_no": h["cert_no"]} for h in i.handlers],
        "status": i.status,
        "status_label": i.get_status_display(),
        "planned_on": i.planned_on.isoformat(),
        "done_on": i.done_on.isoformat() if i.done_on else None,
        "result": i.result,
        "result_label": i.get_result_display() if i.result else "",
        "findings": i.result_note,
        "checklist": [
            {
                "id": a.pk,
                "text": a.text,
                "answer": a.answer,
                "note": a.note,
                "photos": a.photos.count(),
            }
            for a in i.answers.order_by("sort")
        ],
        "case": i.case.number if i.case_id else "",
        "order": i.order.document.number if i.order_id and i.order.document_id else "",
        "lead": i.lead.number if i.lead_id else "",
        "publish_due": i.publish_deadline.due_at.isoformat() if i.publish_deadline_id else None,
        "published_at": i.published_at.isoformat() if i.published_at else None,
    }


class InspectionIn(Schema):
    subject_id: Id
    items: list[Text]
    officer_ids: list[Id]
    origin: Text
    planned_on: Day
    justification: Text = ""
    justification_note: Text = ""


class StartIn(Schema):
    place: Text
    present: Text = ""
    recorder: Text = ""


class AnswerIn(Schema):
    answer: Text
    note: Text = ""


class FinishIn(Schema):
    result: Text
    findings: Text
    violation_item: Text = ""
    requirements: Text = ""
    days: Days | None = None


class SignIn(Schema):
    party_signature: Text = ""
    party_refused: bool = False
    witness: Text = ""


class InspectionReasonIn(Schema):
    reason: Text


@router.get("")
def inspections_list(
    request: Any, status: str = "", mine: bool = False, q: str = ""
) -> list[dict[str, Any]]:
    town = _town(request)
    if mine:
        rows = sel.officer_queue(user=request.user, town=town)
    else:
        rows = sel.inspections_filtered(user=request.user, town=town, status=status, q=q)
    return [inspection_out(i) for i in rows[:200]]


@router.post("")
def inspections_create(request: Any, payload: InspectionIn) -> dict[str, Any]:
    town = _town(request)
    sel.inspections_visible(user=request.user, town=town)
    subject = Subject.objects.filter(town=town, pk=payload.subject_id).first()
    if subject is None:
        raise NotFound("未找到该监管对象")
    items = list(PowerItem.objects.filter(town=town, code__in=payload.items))
    officers = list(Officer.objects.filter(town=town, pk__in=payload.officer_ids))
    inspection = services.inspection_create(
        town=town,
        actor=request.user,
        subject=subject,
        items=items,
        officers=officers,
        origin=payload.origin,
        planned_on=payload.planned_on,
        justification=payload.justification,
        justification_note=payload.justification_note,
    )
    return inspection_out(inspection)


def _get(request: Any, pk: int) -> Inspection:
    return sel.inspection_get_for_user(user=request.user, town=_town(request), pk=pk)


@router.get("/{int:pk}")
def inspections_get(request: Any, pk: int) -> dict[str, Any]:
    return inspection_out(_get(request, pk))


@router.post("/{int:pk}/start")
def inspections_start(request: Any, pk: int, payload: StartIn) -> dict[str, Any]:
    done = services.inspection_start(
        inspection=_get(request, pk), actor=request.user, **payload.dict()
    )
    return inspection_out(done)


@router.post("/{int:pk}/answers/{int:answer_id}")
def inspections_answer(request: Any, pk: int, answer_id: int, payload: AnswerIn) -> dict[str, Any]:
    inspection = _get(request, pk)
    services.inspection_answer(
        inspection=inspection,
        actor=request.user,
        answer_id=answer_id,
        answer=payload.answer,
        note=payload.note,
    )
    return inspection_out(inspection)


@router.post("/{int:pk}/answers/{int:answer_id}/photos")
def inspections_photo(
    request: Any, pk: int, answer_id: int, photo: File[UploadedFile], note: Form[str] = ""
) -> dict[str, Any]:
    inspection = _get(request, pk)
    added = services.inspection_photo_add(
        inspection=inspection, actor=request.user, answer_id=answer_id, upload=photo
    )
    return {"id": added.pk, "sha256": added.sha256}


@router.post("/{int:pk}/finish")
def inspections_finish(request: Any, pk: int, payload: FinishIn) -> dict[str, Any]:
    inspection = _get(request, pk)
    item = None
    if payload.violation_item:
        item = PowerItem.objects.filter(town=inspection.town, code=payload.violation_item).first()
        if item is None:
            raise DomainError("事项编码有误", code="bad_item")
    done = services.inspection_finish(
        inspection=inspection,
        actor=request.user,
        result=payload.result,
        findings=payload.findings,
        violation_item=item,
        requirements=payload.requirements,
        days=payload.days,
    )
    return inspection_out(done)


@router.post("/{int:pk}/sign")
def inspections_sign(request: Any, pk: int, payload: SignIn) -> dict[str, Any]:
    done = services.inspection_sign(
        inspection=_get(request, pk), actor=request.user, **payload.dict()
    )
    return inspection_out(done)


@router.post("/{int:pk}/publish")
def inspections_publish(request: Any, pk: int) -> dict[str, Any]:
    return inspection_out(
        services.inspection_publish(inspection=_get(request, pk), actor=request.user)
    )


@router.post("/{int:pk}/cancel")
def inspections_cancel(request: Any, pk: int, payload: InspectionReasonIn) -> dict[str, Any]:
    done = services.inspection_cancel(
        inspection=_get(request, pk), actor=request.user, reason=payload.reason
    )
    return inspection_out(done)
