"""笔录: 现场检查（勘验）笔录 and 询问笔录, each issued as a document and put on the record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from zhifa.catalog.rules import fact_date_require
from zhifa.core import clock
from zhifa.core.articles import Q18, short
from zhifa.core.errors import DomainError
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from .. import events
from ..context import case_context
from ..models import Case, Record, excess_of
from ..rules import act_handlers, require_open
from .common import aware, issue, local_date, lock, officers_of, text


def _area(value: Any, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(f"{label}应为数字", code="bad_area") from None
    if number < 0 or not number.is_finite():
        raise DomainError(f"{label}不能为负数", code="bad_area")
    return number.quantize(Decimal("0.01"))


def record_create(
    *,
    case: Case,
    actor: Any,
    kind: str,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    place: str,
    signature: str,
    officers: list[Officer] | None = None,
    party: Subject | None = None,
    present: str = "",
    findings: str = "",
    interviewee: dict[str, Any] | None = None,
    qa: list[dict[str, str]] | None = None,
    permitted_area: Any = None,
    occupied_area: Any = None,
    area_unit: str = "亩",
    measurements: str = "",
    witness: str = "",
    recorder: str = "",
) -> Record:
    """Make a record on site. Inspection and questioning need no held item (属地管理), but always
    ≥2 officers certified that day (行政处罚法第四十二条、第五十五条). The excess area is computed
    in Decimal from the permitted and occupied areas."""
    if kind not in Record.Kind.values:
        raise DomainError("笔录类别不正确", code="bad_kind")
    started_at, ended_at = aware(started_at), aware(ended_at)
    if ended_at <= started_at:
        raise DomainError("结束时间应晚于开始时间", code="bad_time")
    fact_date_require(town=case.town, value=started_at, label="开始时间")
    fact_date_require(town=case.town, value=ended_at, label="结束时间")
    place = text(place, label="地点")
    if signature not in Record.Signature.values:
        raise DomainError("请注明当事人签名情况（签名、拒签或不在场）", code="signature")
    witness = (witness or "").strip()
    if signature == Record.Signature.ABSENT and not witness:
        raise DomainError(
            f"当事人不在场的，应由见证人签名，请填写见证人（{short(Q18)}）", code="witness"
        )
    permitted, occupied = _area(permitted_area, "批准面积"), _area(occupied_area, "实际占用面积")
    if kind == Record.Kind.INSPECTION:
        findings = text(findings, label="现场检查情况", minimum=4)
        qa, interviewee = [], {}
    else:
        interviewee = interviewee or {}
        if not (interviewee.get("name") or "").strip():
            raise DomainError("请填写被询问人姓名", code="interviewee")
        qa = [
            {"q": (x.get("q") or "").strip(), "a": (x.get("a") or "").strip()}
            for x in (qa or [])
            if (x.get("q") or "").strip()
        ]
        if not qa:
            raise DomainError("询问笔录应至少有一组问答", code="qa")
    if party is not None and party.town_id != case.town_id:
        raise DomainError("当事人不属于本镇", code="wrong_town")
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        on = local_date(started_at)
        handlers = act_handlers(officers=officers_of(case, officers), on=on)
        record = Record.objects.create(
            town=case.town,
            case=case,
            kind=kind,
            started_at=started_at,
            ended_at=ended_at,
            place=place,
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            party=party,
            present=present.strip(),
            interviewee=interviewee,
            findings=findings,
            qa=qa,
            area_unit=area_unit or "亩",
            permitted_area=permitted,
            occupied_area=occupied,
            excess_area=excess_of(permitted, occupied),
            measurements=measurements.strip(),
            signature=signature,
            witness=witness,
            recorder=recorder.strip(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        record.document = issue(
            case=case,
            doc_type="inspection_record" if kind == Record.Kind.INSPECTION else "interview_record",
            context=_context(case, record),
            actor=actor,
            date=on,
        )
        record.save(update_fields=["document"])
        events.record_made(case=case, actor=actor, record=record)
    return record


def _context(case: Case, record: Record) -> dict[str, Any]:
    context = case_context(case, party=record.party, handlers=record.officers)
    measured = record.measurements
    if record.excess_area is not None:
        unit = record.area_unit
        area = (
            f"批准（登记）面积{record.permitted_area}{unit}，实际占用{record.occupied_area}{unit}，"
            f"超出{record.excess_area}{unit}。"
        )
        measured = f"{area}{measured}"
    sign = record.get_signature_display()
    context["record"] = {
        "start": clock.iso(record.started_at),
        "end": clock.iso(record.ended_at),
        "place": record.place,
        "present": record.present,
        "witness": record.witness,
        "recorder": record.recorder,
        "findings": f"{record.findings}（{sign}）" if record.findings else "",
        "measurements": measured,
    }
    if record.kind == Record.Kind.INTERVIEW:
        context["interviewee"] = record.interviewee
        context["qa"] = record.qa
    return context
