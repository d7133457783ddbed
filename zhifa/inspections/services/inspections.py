"""One inspection on site: registered (drawn or for a cause), started (notice with its 检查码),
the checklist answered with notes and photos, finished with a result — compliant, corrected on
the spot, an order to correct (through ``cases`` services) or a suspected violation (a lead
through ``intake``) — and signed (the 检查笔录 issued through ``documents``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.articles import A55, short
from zhifa.core.errors import Conflict, DomainError, RuleViolation
from zhifa.core.models import Town
from zhifa.core.sequences import sequence_next
from zhifa.documents.services import document_draft, document_issue
from zhifa.grid.models import Subject
from zhifa.grid.photos import photo_check
from zhifa.team.models import Officer
from zhifa.team.rules import handlers_check

from .. import rules
from ..models import ChecklistAnswer, ChecklistItem, ChecklistPhoto, Inspection
from ..permissions import PLANNERS, require, require_inspector
from .common import actor_or_none, inspection_event, same_town, text
from .context import notice_context, record_context
from .outcomes import outcome_lead, outcome_order


def _lock(inspection: Inspection) -> Inspection:
    return Inspection.all_towns.select_for_update().get(pk=inspection.pk)


def _handlers(officers: list[Officer], on: dt.date, items: list[PowerItem]) -> list[dict[str, Any]]:
    """≥2 officers certified on ``on`` for every item; returns [{officer, name, cert_no}]."""
    found: dict[int, dict[str, Any]] = {}
    for item in items:
        for h in handlers_check(officers=officers, on=on, item=item):
            found.setdefault(
                h.officer.pk,
                {"officer": h.officer.pk, "name": h.officer.name, "cert_no": h.certificate_number},
            )
    return list(found.values())


def inspection_create(
    *,
    town: Town,
    actor: Any,
    subject: Subject,
    items: list[PowerItem],
    officers: list[Officer],
    origin: str,
    planned_on: dt.date,
    justification: str = "",
    justification_note: str = "",
) -> Inspection:
    """An inspection for a cause (a complaint, a lead, a re-inspection): outside any draw, still
    bound by the repeat window and the yearly cap unless its justification is recorded."""
    require(actor, PLANNERS, "登记检查任务")
    if origin not in Inspection.Origin.values or origin == Inspection.Origin.RANDOM:
        raise DomainError("检查来源应为投诉举报、线索核查或整改复查", code="bad_origin")
    if not items:
        raise DomainError("请至少选择一个检查事项", code="items_required")
    same_town(town.pk, subject, *items, *officers)
    if any(i.type != PowerItem.Type.INSPECTION for i in items):
        raise DomainError("所选事项应为行政检查事项", code="not_inspection_item")
    handlers = _handlers(officers, planned_on, items)
    rules.recusal_check(subject=subject, officers=officers)
    overridden = rules.limits_check(
        subject=subject, on=planned_on, justification=justification, note=justification_note
    )
    hints = rules.combine_hints(subject=subject, on=planned_on)
    with transaction.atomic():
        seq = sequence_next(town=town, kind="inspection", year=planned_on.year)
        inspection = Inspection.objects.create(
            town=town,
            number=f"JC{planned_on.year}{seq:05d}",
            origin=origin,
            subject=subject,
            planned_on=planned_on,
            handlers=handlers,
            justification=justification if overridden else "",
            justification_note=(justification_note or "").strip()[:300] if overridden else "",
            created_by=actor_or_none(actor),
        )
        inspection.items.set(items)
        inspection.officers.set(officers)
        inspection_event(
            inspection,
            actor,
            "registered",
            f"登记{inspection.get_origin_display()}，检查人员"
            + "、".join(h["name"] for h in handlers),
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            overridden=overridden,
            justification=justification,
            justification_note=justification_note,
            combine=hints,
        )
    return inspection


def inspection_start(
    *,
    inspection: Inspection,
    actor: Any,
    place: str,
    present: str = "",
    recorder: str = "",
    at: dt.datetime | None = None,
) -> Inspection:
    """On site: the drawn officers show their certificates and hand over the notice carrying the
    检查码; the checklist of every item is laid out to answer."""
    require_inspector(actor, inspection)
    place = text(place, label="检查地点", minimum=2, maximum=200)
    at = at or clock.now()
    day = timezone.localtime(at).date()
    with transaction.atomic():
        inspection = _lock(inspection)
        if inspection.status != Inspection.Status.DRAWN:
            raise Conflict(f"该检查{inspection.get_status_display()}，不能开始")
        items = list(inspection.items.all())
        officers = list(inspection.officers.all())
        handlers = _handlers(officers, day, items)
        rules.recusal_check(subject=inspection.subject, officers=officers)
        inspection.status = Inspection.Status.IN_PROGRESS
        inspection.started_at, inspection.done_on = at, day
        inspection.place, inspection.present = place, (present or "").strip()[:50]
        inspection.recorder = (recorder or "").strip()[:50]
        inspection.handlers = handlers
        lines = ChecklistItem.all_towns.filter(item__in=items, is_active=True).order_by(
            "item__sort", "sort", "pk"
        )
        for index, line in enumerate(lines, start=1):
            ChecklistAnswer.objects.create(
                town=inspection.town,
                inspection=inspection,
                checklist_item=line,
                item=line.item,
                violation_item=line.violation_item,
                sort=index,
                text=line.text,
                hint=line.hint,
            )
        if not lines:
            for index, item in enumerate(items, start=1):
                ChecklistAnswer.objects.create(
                    town=inspection.town,
                    inspection=inspection,
                    item=item,
                    sort=index,
                    text=f"是否遵守“{item.name}”所涉法律法规规定",
                )
        inspection.save()
        draft = document_draft(
            town=inspection.town,
            doc_type="inspection_notice",
            context=notice_context(inspection),
            owner=inspection,
            actor=actor,
        )
        inspection.notice_document = document_issue(document=draft, actor=actor, date=day)
        inspection.save(update_fields=["notice_document"])
        inspection_event(
            inspection,
            actor,
            "started",
            f"到达现场开始检查（{place}），出示执法证件，送达检查通知书 {inspection.notice_document.number}",
            place=place,
            present=inspection.present,
            notice=inspection.notice_document.number,
            code=inspection.code,
        )
    return inspection


def _require_in_progress(inspection: Inspection) -> None:
    if inspection.status != Inspection.Status.IN_PROGRESS:
        raise Conflict(f"该检查{inspection.get_status_display()}，不能修改检查记录")
    if inspection.finished_at is not None:
        raise Conflict("检查结论已作出，请签名确认笔录")


def inspection_answer(
    *, inspection: Inspection, actor: Any, answer_id: int, answer: str, note: str = ""
) -> ChecklistAnswer:
    require_inspector(actor, inspection)
    if answer not in ChecklistAnswer.Answer.values or not answer:
        raise DomainError("检查结论应为符合、不符合或不适用", code="bad_answer")
    note = (note or "").strip()
    if answer == ChecklistAnswer.Answer.FAIL and len(note) < 4:
        raise DomainError("不符合的条目请写明具体情况（至少 4 个字）", code="note_required")
    with transaction.atomic():
        inspection = _lock(inspection)
        _require_in_progress(inspection)
        row = inspection.answers.filter(pk=answer_id).first()
        if row is None:
            raise DomainError("清单条目不存在", code="not_found", status=404)
        old = row.answer
        row.answer, row.note = answer, note[:500]
        row.save(update_fields=["answer", "note"])
        inspection_event(
            inspection,
            actor,
            "answered",
            f"第 {row.sort} 项“{row.text[:40]}”：{row.get_answer_display()}",
            line=row.sort,
            old=old,
            answer=answer,
            note=row.note,
        )
    return row


def inspection_photo_add(
    *, inspection: Inspection, actor: Any, answer_id: int, upload: Any
) -> ChecklistPhoto:
    require_inspector(actor, inspection)
    ext = photo_check(upload)
    data = upload.read()
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        inspection = _lock(inspection)
        _require_in_progress(inspection)
        row = inspection.answers.filter(pk=answer_id).first()
        if row is None:
            raise DomainError("清单条目不存在", code="not_found", status=404)
        photo = ChecklistPhoto(
            town=inspection.town, answer=row, sha256=digest, taken_by=actor_or_none(actor)
        )
        photo.file.save(
            f"{inspection.number}-{row.sort}-{digest[:8]}.{ext}", ContentFile(data), save=True
        )
        inspection_event(
            inspection,
            actor,
            "photo_added",
            f"第 {row.sort} 项拍摄现场照片",
            line=row.sort,
            sha256=digest,
        )
    return photo


def inspection_finish(
    *,
    inspection: Inspection,
    actor: Any,
    result: str,
    findings: str,
    violation_item: PowerItem | None = None,
    requirements: str = "",
    days: int | None = None,
    at: dt.datetime | None = None,
) -> Inspection:
    """The conclusion. Every line must be answered; the result must fit the answers (no failed
    line → compliant; a failed line → corrected on the spot, an order, or a lead). An order goes
    through ``cases`` (a case registered for it), a suspected violation through ``intake``."""
    officer = require_inspector(actor, inspection)
    if result not in Inspection.Result.values or not result:
        raise DomainError("请选择检查结果", code="bad_result")
    findings = text(findings, label="检查情况", minimum=4, maximum=4000)
    at = at or clock.now()
    with transaction.atomic():
        inspection = _lock(inspection)
        _require_in_progress(inspection)
        answers = list(inspection.answers.all())
        pending = [a for a in answers if not a.answer]
        if pending:
            raise DomainError(
                f"检查清单还有 {len(pending)} 项未填写结论", code="checklist_incomplete"
            )
        failed = [a for a in answers if a.answer == ChecklistAnswer.Answer.FAIL]
        if result == Inspection.Result.COMPLIANT and failed:
            raise RuleViolation(
                f"检查清单有 {len(failed)} 项不符合，不能作出“未发现问题”的结论",
                article=short(A55),
                code="result_mismatch",
            )
        if result != Inspection.Result.COMPLIANT and not failed:
            raise DomainError(
                "检查清单没有不符合的条目，结论应为“未发现问题”", code="result_mismatch"
            )
        inspection.result, inspection.result_note = result, findings
        inspection.finished_at = at
        inspection.done_on = timezone.localtime(at).date()
        inspection.save(update_fields=["result", "result_note", "finished_at", "done_on"])
        if result == Inspection.Result.ORDER:
            outcome_order(
                inspection=inspection,
                actor=actor,
                failed=failed,
                violation_item=violation_item,
                requirements=requirements,
                days=days,
            )
        elif result == Inspection.Result.VIOLATION:
            outcome_lead(inspection=inspection, actor=actor, failed=failed, findings=findings)
        inspection_event(
            inspection,
            actor,
            "finished",
            f"检查结论：{inspection.get_result_display()}"
            + (f"，责令改正通知 {inspection.order.document.number}" if inspection.order_id else "")
            + (f"，转入线索 {inspection.lead.number}" if inspection.lead_id else ""),
            result=result,
            findings=findings,
            failed=[a.sort for a in failed],
            case=inspection.case.number if inspection.case_id else "",
            lead=inspection.lead.number if inspection.lead_id else "",
            by=officer.name,
        )
    return inspection


def inspection_sign(
    *,
    inspection: Inspection,
    actor: Any,
    party_signature: str = "",
    party_refused: bool = False,
    witness: str = "",
) -> Inspection:
    """The party signs the 检查笔录 (or refuses, noted with a witness); the record is issued and
    the inspection is complete. Its result must then be published within the working days of
    ``ZHIFA_INSPECTION_PUBLISH_WORKDAYS``."""
    from .publication import publish_clock_open

    require_inspector(actor, inspection)
    party_signature = (party_signature or "").strip()[:50]
    witness = (witness or "").strip()[:50]
    if party_refused:
        if len(witness) < 2:
            raise RuleViolation(
                "当事人拒绝签名的，应注明情况并由见证人签名",
                article=short(A55),
                code="witness_required",
            )
        party_signature = ""
    elif len(party_signature) < 2:
        raise DomainError("请当事人（现场负责人）签名确认笔录", code="signature_required")
    with transaction.atomic():
        inspection = _lock(inspection)
        if inspection.status != Inspection.Status.IN_PROGRESS or inspection.finished_at is None:
            raise Conflict("请先作出检查结论，再签名确认笔录")
        inspection.party_signature, inspection.party_refused = party_signature, party_refused
        inspection.witness = witness or inspection.witness
        inspection.signed_at = clock.now()
        inspection.status = Inspection.Status.COMPLETED
        draft = document_draft(
            town=inspection.town,
            doc_type="inspection_checklist_record",
            context=record_context(inspection),
            owner=inspection,
            actor=actor,
        )
        inspection.record_document = document_issue(
            document=draft, actor=actor, date=inspection.done_on
        )
        inspection.publish_deadline = publish_clock_open(inspection=inspection, actor=actor)
        inspection.save()
        inspection_event(
            inspection,
            actor,
            "signed",
            "当事人拒绝签名，见证人" + witness + "签名"
            if party_refused
            else f"当事人（现场负责人）{party_signature}签名确认检查笔录",
            party_signature=party_signature,
            party_refused=party_refused,
            witness=witness,
            record=inspection.record_document.pk,
            record_sha256=inspection.record_document.pdf_sha256,
            publish_due=inspection.publish_deadline.due_at,
        )
    return inspection


def inspection_cancel(*, inspection: Inspection, actor: Any, reason: str) -> Inspection:
    require(actor, PLANNERS, "取消检查")
    reason = text(reason, label="取消理由", minimum=4, maximum=300)
    with transaction.atomic():
        inspection = _lock(inspection)
        if inspection.status != Inspection.Status.DRAWN:
            raise Conflict("只有尚未开始的检查可以取消")
        inspection.status = Inspection.Status.CANCELLED
        inspection.save(update_fields=["status"])
        inspection_event(inspection, actor, "cancelled", f"取消检查：{reason}", reason=reason)
    return inspection
