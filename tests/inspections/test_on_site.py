"""On site: the notice with its 检查码, the checklist, the result through the other apps' services
(an order through ``cases``, a lead through ``intake``), the signed 检查笔录, and publication on
time on the working-day calendar."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def drawn(approved_plan, personas, subjects, officers):
    """One drawn inspection whose officers include the persona 队员丙 (officer)."""
    from zhifa.inspections.models import Inspection
    from zhifa.inspections.services import plan_draw

    plan_draw(
        plan=approved_plan(sample_count=12),
        actor=personas.leader,
        seed="现场",
        on=dt.date(2026, 9, 8),
    )
    return Inspection.objects.filter(officers=officers[0]).order_by("pk").first()


def _answer_all(inspection, actor, failing: int | None = None):
    from zhifa.inspections.services import inspection_answer

    for row in inspection.answers.order_by("sort"):
        if row.sort == failing:
            inspection_answer(
                inspection=inspection,
                actor=actor,
                answer_id=row.pk,
                answer="fail",
                note="北侧裸土约300平方米未覆盖",
            )
        else:
            inspection_answer(inspection=inspection, actor=actor, answer_id=row.pk, answer="pass")


def test_only_the_drawn_officers_record_the_inspection(drawn, personas):
    from zhifa.core.errors import Forbidden
    from zhifa.inspections.services import inspection_start

    outsider = personas.leader
    with pytest.raises(Forbidden):
        inspection_start(inspection=drawn, actor=outsider, place="示范路工地")


def test_starting_issues_the_notice_with_its_inspection_code_and_qr(drawn, personas):
    from pypdf import PdfReader

    from zhifa.inspections.services import inspection_start

    inspection = inspection_start(
        inspection=drawn,
        actor=personas.officer,
        place="砂河镇示范路工地",
        present="项目经理",
        at=at(dt.date(2026, 9, 15)),
    )
    notice = inspection.notice_document
    assert notice.status == "issued" and notice.number and notice.pdf_sha256
    assert notice.context["inspection"]["code"] == inspection.code
    assert (
        f"/inspections/verify/{inspection.town.code}/{inspection.code}/"
        in notice.context["inspection"]["verify_url"]
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(notice.pdf.read())).pages)
    assert inspection.code in text
    assert inspection.answers.count() == 3


def test_a_compliant_result_is_refused_while_a_line_failed(drawn, personas):
    from zhifa.core.errors import DomainError, RuleViolation
    from zhifa.inspections.services import inspection_finish, inspection_start

    inspection_start(
        inspection=drawn, actor=personas.officer, place="示范路工地", at=at(dt.date(2026, 9, 15))
    )
    with pytest.raises(DomainError) as incomplete:
        inspection_finish(
            inspection=drawn, actor=personas.officer, result="compliant", findings="未发现问题"
        )
    assert incomplete.value.code == "checklist_incomplete"
    _answer_all(drawn, personas.officer, failing=2)
    with pytest.raises(RuleViolation):
        inspection_finish(
            inspection=drawn, actor=personas.officer, result="compliant", findings="未发现问题"
        )
    drawn.refresh_from_db()
    assert drawn.result == "" and drawn.finished_at is None


def test_a_failed_checklist_orders_correction_through_the_case_services(drawn, personas, items):
    from zhifa.cases.models import Case, CorrectionOrder
    from zhifa.inspections.services import inspection_finish, inspection_sign, inspection_start

    inspection_start(
        inspection=drawn, actor=personas.officer, place="示范路工地", at=at(dt.date(2026, 9, 15))
    )
    _answer_all(drawn, personas.officer, failing=2)
    inspection_finish(
        inspection=drawn,
        actor=personas.officer,
        result="order",
        findings="裸露土方未覆盖，责令限期改正",
        requirements="七日内对裸露土方全部覆盖防尘网",
        days=7,
        at=at(dt.date(2026, 9, 15), 10),
    )
    drawn.refresh_from_db()
    order = CorrectionOrder.objects.get(pk=drawn.order_id)
    case = Case.objects.get(pk=drawn.case_id)
    assert order.case == case and order.party == drawn.subject and order.item == items["dust"]
    assert order.document.number and order.days == 7
    assert case.source == "other" and case.source_ref == drawn.number
    assert list(case.parties.all()) == [drawn.subject]
    inspection = inspection_sign(inspection=drawn, actor=personas.officer, party_signature="褚示例")
    record = inspection.record_document
    assert inspection.status == "completed" and record.status == "issued"
    assert record.context["record"]["order"] == order.document.number
    assert record.context["checklist"][1]["answer"] == "不符合"


def test_a_suspected_violation_becomes_a_lead_through_intake(drawn, personas):
    from zhifa.inspections.services import inspection_finish, inspection_start
    from zhifa.intake.models import Lead

    inspection_start(
        inspection=drawn, actor=personas.officer, place="示范路工地", at=at(dt.date(2026, 9, 15))
    )
    _answer_all(drawn, personas.officer, failing=1)
    inspection_finish(
        inspection=drawn,
        actor=personas.officer2,
        result="violation",
        findings="未设置围挡且拒不配合，涉嫌违法",
        at=at(dt.date(2026, 9, 15), 10),
    )
    drawn.refresh_from_db()
    lead = Lead.objects.get(pk=drawn.lead_id)
    assert lead.source == "patrol" and lead.source_ref == drawn.number
    assert lead.subject == drawn.subject and drawn.number in lead.text
    assert lead.events.filter(event_type="received").exists()


def test_refusing_to_sign_needs_a_witness(drawn, personas):
    from zhifa.core.errors import RuleViolation
    from zhifa.inspections.services import inspection_finish, inspection_sign, inspection_start

    inspection_start(
        inspection=drawn, actor=personas.officer, place="示范路工地", at=at(dt.date(2026, 9, 15))
    )
    _answer_all(drawn, personas.officer)
    inspection_finish(
        inspection=drawn, actor=personas.officer, result="compliant", findings="各项均符合要求"
    )
    with pytest.raises(RuleViolation):
        inspection_sign(inspection=drawn, actor=personas.officer, party_refused=True)
    signed = inspection_sign(
        inspection=drawn, actor=personas.officer, party_refused=True, witness="村委委员卫示例"
    )
    assert signed.record_document.context["record"]["party_refused"] is True


def test_the_result_is_published_on_time_across_national_day(drawn, personas, client):
    from zhifa.inspections.services import (
        inspection_finish,
        inspection_sign,
        inspection_start,
        inspections_publish_due,
    )

    finished = at(dt.date(2026, 9, 28), 10)
    inspection_start(
        inspection=drawn, actor=personas.officer, place="示范路工地", at=at(dt.date(2026, 9, 28), 9)
    )
    _answer_all(drawn, personas.officer)
    inspection_finish(
        inspection=drawn,
        actor=personas.officer,
        result="compliant",
        findings="各项均符合要求",
        at=finished,
    )
    inspection = inspection_sign(inspection=drawn, actor=personas.officer, party_signature="褚示例")
    due = timezone.localtime(inspection.publish_deadline.due_at).date()
    # Sep 29, 30, Oct 8, 9, 10 (调休), 12–16, 19–23, 26–30: the 20th working day is Oct 30
    assert due == dt.date(2026, 10, 30)
    public = f"/inspections/public/{inspection.town.code}/"
    assert inspection.number not in client.get(public).content.decode()
    assert inspections_publish_due(now=at(dt.date(2026, 10, 29), 18)) == []
    assert [i.pk for i in inspections_publish_due(now=at(dt.date(2026, 10, 30), 8))] == [
        inspection.pk
    ]
    inspection.refresh_from_db()
    assert inspection.published_at is not None
    assert inspection.publish_deadline.status == "done"
    page = client.get(public).content.decode()
    assert inspection.number in page and inspection.subject.name in page


def test_staff_publish_before_the_deadline_and_only_once(drawn, personas):
    from zhifa.core.errors import Conflict, Forbidden
    from zhifa.inspections.services import (
        inspection_finish,
        inspection_publish,
        inspection_sign,
        inspection_start,
    )

    with pytest.raises(Conflict):
        inspection_publish(inspection=drawn, actor=personas.leader)
    inspection_start(
        inspection=drawn, actor=personas.officer, place="示范路工地", at=at(dt.date(2026, 9, 15))
    )
    _answer_all(drawn, personas.officer)
    inspection_finish(
        inspection=drawn, actor=personas.officer, result="compliant", findings="各项均符合要求"
    )
    inspection_sign(inspection=drawn, actor=personas.officer, party_signature="褚示例")
    with pytest.raises(Forbidden):
        inspection_publish(inspection=drawn, actor=personas.officer)
    inspection_publish(inspection=drawn, actor=personas.squadron_leader)
    with pytest.raises(Conflict):
        inspection_publish(inspection=drawn, actor=personas.leader)
