"""安全生产法第七十条第二款: the 停止供电告知书 is served on the business first, and the letter to the
power company goes out only 24 hours later on the house clock — unless an emergency is stated with
its reason. A dwelling's power is never cut. The notice prints the party, the place, the time of
the cut and the article."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.utils import timezone

from zhifa.cases import services
from zhifa.cases.models import ApprovalRequest
from zhifa.coercion import services as coercion_services
from zhifa.core.errors import RuleViolation
from zhifa.documents.services import document_render_pdf

from .conftest import ACT_DAY

SERVED = timezone.make_aware(dt.datetime.combine(ACT_DAY + dt.timedelta(days=3), dt.time(16, 0)))


def _ignored_stop_order(case, personas):
    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        facts="煤堆自燃，未设防火隔离带",
        violated="《中华人民共和国安全生产法》第四十一条",
        basis="《中华人民共和国安全生产法》第七十条",
        requirements="立即停止使用储煤场",
        days=2,
        issued_on=ACT_DAY,
        major_hazard=True,
    )
    return services.correction_order_reinspect(
        order=order,
        actor=personas.officer,
        complied=False,
        note="复查时仍在装卸煤炭",
        on=ACT_DAY + dt.timedelta(days=2),
    )


def _serve(case, personas, order, **over):
    values = dict(
        case=case,
        actor=personas.officer,
        stop_order=order,
        premises_use="business",
        premises="山会村储煤场生产经营用电",
        hazard="煤堆自燃、未设防火隔离带",
        cut_at=SERVED + dt.timedelta(hours=25),
        served_at=SERVED,
        served_to="韩示例（负责人）",
    )
    values.update(over)
    return coercion_services.power_cut_notice_serve(**values)


def _letter(case, personas, order, **over):
    values = dict(
        case=case,
        actor=personas.officer,
        kind="power_cut",
        recipient="国网繁峙县供电公司",
        matter="储煤场拒不执行停止使用决定",
        request="对储煤场生产经营用电停止供电",
        basis="《中华人民共和国安全生产法》第七十条",
        premises_use="business",
        premises="山会村储煤场生产经营用电",
        hazard="煤堆自燃、未设防火隔离带",
        stop_order=order,
        approved_by=personas.leader,
    )
    values.update(over)
    return coercion_services.assistance_request_send(**values)


def test_the_letter_is_refused_until_24_hours_after_the_notice_was_served(
    new_case, personas, clock
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    clock.freeze(SERVED + dt.timedelta(minutes=5))
    notice = _serve(case, personas, order)
    served = case.events.get(event_type="power_cut_notice_served")
    assert "停止供电告知书" in served.summary and "韩示例" in served.summary

    clock.freeze(SERVED + dt.timedelta(hours=23, minutes=59))
    with pytest.raises(RuleViolation) as refused:
        _letter(case, personas, order, notice=notice)
    message = refused.value.message
    assert refused.value.article.endswith("第七十条第二款") and "二十四小时" in message
    assert "2026年9月12日16时00分以后方可发出" in message, message
    assert not case.assistance.exists()

    clock.freeze(SERVED + dt.timedelta(hours=24))
    letter = _letter(case, personas, order, notice=notice)
    assert letter.notice == notice and letter.notice.served_at == SERVED
    assert letter.cut_at == notice.cut_at  # the time the business was told
    assert case.events.filter(event_type="assistance_sent").count() == 1


def test_without_a_served_notice_the_letter_is_refused(new_case, personas):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    with pytest.raises(RuleViolation, match="请先在「停止供电告知书」步骤"):
        _letter(case, personas, order, cut_at=SERVED)
    assert not case.assistance.exists()


def test_an_emergency_needs_its_reason_and_then_goes_without_the_24_hours(
    new_case, personas, clock
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    clock.freeze(SERVED)
    cut = SERVED + dt.timedelta(hours=1)
    with pytest.raises(RuleViolation, match="请写明危及生产安全的紧急情形"):
        _letter(case, personas, order, emergency=True, cut_at=cut)
    reason = "煤堆明火蔓延至相邻仓库，随时可能引发火灾"
    letter = _letter(case, personas, order, emergency=True, emergency_reason=reason, cut_at=cut)
    assert letter.emergency and letter.emergency_reason == reason and letter.notice is None
    event = case.events.get(event_type="assistance_sent")
    assert "紧急情形" in event.summary and "明火蔓延" in event.summary
    text = _pdf_text(letter.document)
    assert "明火蔓延" in text and "紧急情形" in text


def test_a_dwelling_is_refused_for_the_notice_and_the_letter_even_in_an_emergency(
    new_case, personas
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    with pytest.raises(RuleViolation, match="第四十三条"):
        _serve(case, personas, order, premises_use="dwelling")
    with pytest.raises(RuleViolation, match="第四十三条"):
        _letter(
            case,
            personas,
            order,
            premises_use="dwelling",
            emergency=True,
            emergency_reason="煤堆明火蔓延",
            cut_at=SERVED,
        )
    assert not case.power_notices.exists() and not case.assistance.exists()


def test_a_notice_announcing_a_cut_within_24_hours_is_refused(new_case, personas):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    with pytest.raises(RuleViolation, match="二十四小时以后"):
        _serve(case, personas, order, cut_at=SERVED + dt.timedelta(hours=20))
    assert not case.power_notices.exists()


def _pdf_text(document) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", "-", "-"],
        input=document_render_pdf(document=document),
        capture_output=True,
        check=True,
    )
    return "".join(out.stdout.decode("utf-8").split())


def test_the_notice_prints_the_party_the_place_the_time_of_the_cut_and_the_article(
    new_case, personas
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    notice = _serve(case, personas, order)
    assert notice.document.number.startswith("繁砂综执停告")
    text = _pdf_text(notice.document)
    assert "停止供电告知书" in text
    assert case.parties.first().name in text
    assert "山会村储煤场生产经营用电" in text
    assert "2026年9月12日17时" in text, text  # served 9-11 16:00, the cut 25 hours on
    assert "《中华人民共和国安全生产法》第七十条" in text
    assert "韩示例" in text


def test_the_officer_serves_the_notice_on_the_case_page_and_the_letter_waits_24_hours(
    new_case, personas, client, login, clock
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    login(client, personas.officer)
    clock.freeze(SERVED)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "停止供电告知书" in page
    response = client.post(
        f"/cases/{case.pk}/steps/power_notice/",
        {
            "stop_order": order.pk,
            "premises_use": "business",
            "premises": "山会村储煤场生产经营用电",
            "hazard": "煤堆自燃、未设防火隔离带",
            "cut_at": "2026-09-12T17:00",
            "served_at": "2026-09-11T16:00",
            "served_to": "韩示例（负责人）",
            "service_method": "直接送达",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = case.power_notices.get()
    letter = {
        "kind": "power_cut",
        "recipient": "示例供电公司繁峙县分公司",
        "matter": "储煤场拒不执行停止使用决定",
        "request": "对储煤场生产经营用电停止供电",
        "basis": "《中华人民共和国安全生产法》第七十条",
        "premises_use": "business",
        "premises": "山会村储煤场生产经营用电",
        "hazard": "煤堆自燃、未设防火隔离带",
        "stop_order": order.pk,
        "notice": notice.pk,
    }
    clock.freeze(SERVED + dt.timedelta(hours=2))
    early = client.post(f"/cases/{case.pk}/steps/assistance/", letter)
    page = early.content.decode()
    assert early.status_code == 400 and "第七十条第二款" in page and "以后方可发出" in page
    assert not ApprovalRequest.objects.exists()
    clock.freeze(SERVED + dt.timedelta(hours=24, minutes=30))
    asked = client.post(f"/cases/{case.pk}/steps/assistance/", letter)
    assert asked.status_code == 302
    assert "停止供电告知书：" in ApprovalRequest.objects.get().summary
