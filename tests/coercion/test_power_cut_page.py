"""The power-cut letter asked from the case page by an officer: a letter the law forbids is
refused on the page at once (never sent to the leader's inbox), and the one that waits for the
leader reads in words there, as the officer typed it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhifa.cases import services
from zhifa.cases.models import ApprovalRequest
from zhifa.coercion import services as coercion_services

from .conftest import ACT_DAY


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


def _notice(case, personas, order):
    """The 停止供电告知书 served on the yard on the third day (安全生产法第七十条第二款)."""
    served = timezone.make_aware(dt.datetime.combine(ACT_DAY + dt.timedelta(days=3), dt.time(16)))
    return coercion_services.power_cut_notice_serve(
        case=case,
        actor=personas.officer,
        stop_order=order,
        premises_use="business",
        premises="山会村储煤场生产经营用电",
        hazard="煤堆自燃、未设防火隔离带",
        cut_at=served + dt.timedelta(days=1, hours=1),
        served_at=served,
        served_to="韩示例（负责人）",
    )


def _letter(order, notice=None, **over):
    day = ACT_DAY + dt.timedelta(days=3)
    data = {
        "kind": "power_cut",
        "recipient": "示例供电公司繁峙县分公司",
        "matter": "储煤场拒不执行停止使用决定",
        "request": "对储煤场生产经营用电停止供电",
        "basis": "《中华人民共和国安全生产法》第七十条",
        "premises_use": "business",
        "premises": "山会村储煤场生产经营用电",
        "hazard": "煤堆自燃、未设防火隔离带",
        "stop_order": order.pk,
        "notice": notice.pk if notice else "",
        "cut_at": f"{day + dt.timedelta(days=1):%Y-%m-%d}T17:00",
    }
    data.update(over)
    return data


def test_an_officers_power_cut_for_a_dwelling_is_refused_on_the_page_not_sent_for_approval(
    new_case, personas, client, login
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    login(client, personas.officer)
    response = client.post(
        f"/cases/{case.pk}/steps/assistance/", _letter(order, premises_use="dwelling")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "协助函未办理" in page and "不得对居民生活采取停止供水、供电" in page
    assert "第四十三条" in page
    assert 'value="山会村储煤场生产经营用电"' in page  # what was typed stays
    assert not ApprovalRequest.objects.exists() and not case.assistance.exists()

    # a letter for a business with its stop order not yet found ignored: refused just the same
    other = new_case()
    response = client.post(f"/cases/{other.pk}/steps/assistance/", _letter(order, stop_order=""))
    assert response.status_code == 400 and "拒不执行" in response.content.decode()
    assert not ApprovalRequest.objects.exists()


def test_the_power_cut_waiting_for_the_leader_reads_as_the_officer_typed_it(
    new_case, personas, client, login
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    login(client, personas.officer)
    notice = _notice(case, personas, order)
    response = client.post(f"/cases/{case.pk}/steps/assistance/", _letter(order, notice))
    assert response.status_code == 302
    request = ApprovalRequest.objects.get()
    day = ACT_DAY + dt.timedelta(days=3)
    assert "类别：停止供电" in request.summary and "用电场所性质：生产经营" in request.summary
    assert f"已送达的停止供电告知书：{notice.document.number}（{day:%Y-%m-%d} 16:00送达）" in (
        request.summary
    )
    assert "power_cut" not in request.summary and "business" not in request.summary
    login(client, personas.leader)
    inbox = client.get("/cases/approvals/").content.decode()
    assert "类别：停止供电" in inbox and "+08:00" not in inbox
    client.post(f"/cases/approvals/{request.pk}/decide/", {"decision": "approve"})
    letter = case.assistance.get()
    assert letter.approved_by == personas.leader and letter.premises_use == "business"
