"""Each legal guard of the case: two handlers, certificates valid on the act date, authority per
act, power cuts, seizure 30 + 30, evidence hold 7 working days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhifa.cases import services
from zhifa.cases.models import Case, CorrectionOrder
from zhifa.coercion import services as coercion_services
from zhifa.coercion.models import Seizure
from zhifa.core.errors import DomainError, RuleViolation

from .conftest import ACT_DAY


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def test_it_refuses_a_single_officer_as_handlers(new_case, handlers):
    with pytest.raises(RuleViolation, match="不得少于两人") as refused:
        new_case(handlers=handlers[:1])
    assert "第四十二条" in refused.value.message
    assert not Case.objects.exists()


def test_it_refuses_an_inspection_by_an_officer_whose_certificate_expired(
    new_case, make_officer, handlers, personas
):
    expired = make_officer(valid=(dt.date(2020, 1, 1), dt.date(2026, 6, 30)), name="过期队员")
    case = new_case()
    with pytest.raises(RuleViolation, match="已于2026年6月30日到期"):
        services.record_create(
            case=case,
            actor=personas.officer,
            kind="inspection",
            officers=[handlers[0], expired],
            started_at=at(ACT_DAY),
            ended_at=at(ACT_DAY, 10),
            place="现场",
            findings="煤堆冒烟",
            signature="signed",
        )
    assert not case.records.exists()


def test_an_item_the_town_does_not_hold_allows_an_order_to_stop_but_not_a_penalty_step(
    new_case, personas
):
    case = new_case(item_keys=("land",), cause="非法占用土地建设宿舍案")
    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        facts="超出登记面积占地建设宿舍",
        violated="《中华人民共和国土地管理法》第四十四条",
        basis="属地管理职责",
        requirements="立即停止施工",
        days=3,
        issued_on=ACT_DAY,
    )
    assert order.document.number.startswith("繁砂综执责停")

    with pytest.raises(RuleViolation, match="本镇未承接") as refused:
        services.correction_order_issue(
            case=case,
            actor=personas.officer,
            kind="correct",
            facts="超出登记面积占地建设宿舍",
            violated="《中华人民共和国土地管理法》第四十四条",
            basis="《中华人民共和国土地管理法》第七十七条",
            requirements="限期退还土地",
            days=30,
            issued_on=ACT_DAY,
        )
    assert "繁峙县规划和自然资源局" in refused.value.message
    with pytest.raises(RuleViolation, match="第十七条"):
        services.case_file(case=case, actor=personas.officer, approved_by=personas.leader)
    assert CorrectionOrder.objects.filter(case=case).count() == 1


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


def _notice(case, personas, order, served_at):
    return coercion_services.power_cut_notice_serve(
        case=case,
        actor=personas.officer,
        stop_order=order,
        premises_use="business",
        premises="储煤场生产经营用电",
        hazard="煤堆自燃、未设防火隔离带",
        cut_at=served_at + dt.timedelta(days=1, hours=1),
        served_at=served_at,
        served_to="韩示例（负责人）",
    )


def _power_cut(case, personas, **over):
    if "notice" not in over and over.get("stop_order") is not None:
        over["notice"] = _notice(
            case, personas, over["stop_order"], at(ACT_DAY + dt.timedelta(days=3))
        )
    values = dict(
        case=case,
        actor=personas.officer,
        kind="power_cut",
        recipient="国网繁峙县供电公司",
        matter="储煤场拒不执行停止使用决定",
        request="对储煤场生产经营用电停止供电",
        basis="《中华人民共和国安全生产法》第七十条",
        premises_use="business",
        premises="储煤场生产经营用电",
        hazard="煤堆自燃、未设防火隔离带",
        approved_by=personas.leader,
        cut_at=at(ACT_DAY + dt.timedelta(days=4), 10),
        on=ACT_DAY + dt.timedelta(days=3),
    )
    values.update(over)
    return coercion_services.assistance_request_send(**values)


def test_a_power_cut_for_a_dwelling_is_refused(new_case, personas):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    with pytest.raises(RuleViolation, match="第四十三条"):
        _power_cut(case, personas, stop_order=order, premises_use="dwelling")
    assert not case.assistance.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"approved_by": None}, "负责人批准"),
        ({"notice": None}, "二十四小时"),
        ({"cut_at": "short"}, "二十四小时"),
        ({"basis": "《中华人民共和国行政强制法》第二十八条"}, "第七十条"),
        ({"stop_order": None}, "拒不执行"),
    ],
    ids=[
        "no approval",
        "no notice",
        "notice under 24 hours",
        "no authorising provision",
        "no ignored order",
    ],
)
def test_a_business_power_cut_is_refused_unless_every_condition_holds(
    new_case, personas, change, message
):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    if change.get("cut_at") == "short":
        change = {"cut_at": at(ACT_DAY + dt.timedelta(days=3), 20)}
    change.setdefault("stop_order", order) if "stop_order" not in change else None
    with pytest.raises(RuleViolation, match=message):
        _power_cut(case, personas, **{"stop_order": order, **change})
    assert not case.assistance.exists()


def test_a_business_power_cut_with_every_condition_met_issues_the_letter(new_case, personas):
    case = new_case()
    order = _ignored_stop_order(case, personas)
    letter = _power_cut(case, personas, stop_order=order)
    assert letter.document.number.startswith("繁砂综执停电")
    assert case.events.filter(event_type="assistance_sent").exists()


def test_a_power_cut_under_a_complied_order_is_refused(new_case, personas):
    case = new_case()
    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        facts="煤堆自燃隐患",
        violated="安全生产法第四十一条",
        basis="《中华人民共和国安全生产法》第七十条",
        requirements="立即停止使用",
        days=2,
        issued_on=ACT_DAY,
        major_hazard=True,
    )
    services.correction_order_reinspect(
        order=order, actor=personas.officer, complied=True, note="已停止使用并清理"
    )
    with pytest.raises(RuleViolation, match="拒不执行"):
        _power_cut(case, personas, stop_order=CorrectionOrder.objects.get(pk=order.pk))


def _seize(case, personas, **over):
    values = dict(
        case=case,
        actor=personas.officer,
        kind="seize",
        facts="储煤场存在火灾隐患的设备",
        basis="《中华人民共和国行政强制法》第二十二条",
        items=[{"name": "装载机", "quantity": "1台"}],
        custody="砂河镇暂扣物品存放场",
        approved_by=personas.leader,
        started_on=dt.date(2026, 9, 10),
    )
    values.update(over)
    return coercion_services.seizure_start(**values)


def test_a_seizure_runs_30_days_and_extends_once_by_at_most_30(new_case, personas):
    case = new_case()
    with pytest.raises(RuleViolation, match="不得超过三十日"):
        _seize(case, personas, days=31)
    seizure = _seize(case, personas)
    assert timezone.localtime(seizure.deadline.due_at).date() == dt.date(2026, 10, 9)

    with pytest.raises(RuleViolation, match="延长期限不得超过三十日"):
        coercion_services.seizure_extend(
            seizure=seizure,
            actor=personas.officer,
            days=31,
            reason="需要鉴定",
            approved_by=personas.leader,
            on=dt.date(2026, 10, 1),
        )
    with pytest.raises(RuleViolation, match="负责人批准"):
        coercion_services.seizure_extend(
            seizure=seizure,
            actor=personas.officer,
            days=30,
            reason="需要鉴定",
            approved_by=personas.officer,
            on=dt.date(2026, 10, 1),
        )
    seizure = coercion_services.seizure_extend(
        seizure=seizure,
        actor=personas.officer,
        days=30,
        reason="情况复杂，需要鉴定",
        approved_by=personas.leader,
        on=dt.date(2026, 10, 1),
    )
    # 30 + 30 days end on Sun 2026-11-08; a period ending on a rest day runs to the next working day.
    assert timezone.localtime(seizure.deadline.due_at).date() == dt.date(2026, 11, 9)
    with pytest.raises(RuleViolation, match="只能延长一次"):
        coercion_services.seizure_extend(
            seizure=seizure,
            actor=personas.officer,
            days=5,
            reason="再延长几天",
            approved_by=personas.leader,
            on=dt.date(2026, 10, 20),
        )
    with pytest.raises(RuleViolation, match="查封、扣押尚未解除"):
        services.case_close(case=case, actor=personas.officer, outcome="不予立案的处理")
    coercion_services.seizure_release(
        seizure=seizure, actor=personas.officer, reason="违法行为已查清，解除扣押"
    )
    assert Seizure.objects.get(pk=seizure.pk).status == "released"


def test_a_seizure_cannot_be_extended_after_its_term_ended(new_case, personas):
    seizure = _seize(new_case(), personas)
    with pytest.raises(RuleViolation, match="已届满"):
        coercion_services.seizure_extend(
            seizure=seizure,
            actor=personas.officer,
            days=10,
            reason="补办延长",
            approved_by=personas.leader,
            on=dt.date(2026, 10, 10),
        )


def test_an_evidence_hold_must_be_disposed_of_within_7_working_days_over_national_day(
    new_case, personas
):
    case = new_case()
    hold = coercion_services.evidence_hold_start(
        case=case,
        actor=personas.officer,
        items=[{"name": "账本", "quantity": "2本"}],
        place="执法队物品保管室",
        approved_by=personas.leader,
        started_at=at(dt.date(2026, 9, 28)),
    )
    # 2026-09-28 + 7 working days = 2026-10-13 (National Day and Mid-Autumn are not counted).
    assert timezone.localtime(hold.deadline.due_at).date() == dt.date(2026, 10, 13)
    assert hold.deadline.article == "行政处罚法第五十六条"
    assert hold.document.number.startswith("繁砂综执登存")


def test_an_evidence_hold_without_the_heads_approval_is_refused(new_case, personas):
    case = new_case()
    with pytest.raises(RuleViolation, match="负责人批准"):
        coercion_services.evidence_hold_start(
            case=case,
            actor=personas.officer,
            items=[{"name": "账本"}],
            place="保管室",
            approved_by=None,
        )
    assert not case.holds.exists()


def test_filing_needs_the_heads_approval(new_case, personas):
    case = new_case()
    with pytest.raises(RuleViolation, match="负责人批准"):
        services.case_file(case=case, actor=personas.officer, approved_by=personas.officer)
    assert Case.objects.get(pk=case.pk).state == "registered"


def test_bad_input_gets_a_chinese_error_and_keeps_nothing(new_case, personas):
    case = new_case()
    with pytest.raises(DomainError, match="见证人"):
        services.record_create(
            case=case,
            actor=personas.officer,
            kind="inspection",
            started_at=at(ACT_DAY),
            ended_at=at(ACT_DAY, 10),
            place="现场",
            findings="无人在场",
            signature="absent",
        )
    with pytest.raises(DomainError, match="应为数字"):
        services.record_create(
            case=case,
            actor=personas.officer,
            kind="inspection",
            started_at=at(ACT_DAY),
            ended_at=at(ACT_DAY, 10),
            place="现场",
            findings="测量面积",
            signature="signed",
            permitted_area="十四亩",
            occupied_area="29.7",
        )
    assert not case.records.exists()


def test_a_withdrawn_case_stops_its_clocks_and_its_orders_reinspection(new_case, personas):
    from zhifa.core.deadlines import deadlines_for_subject

    case = new_case()
    services.case_file(case=case, actor=personas.officer, approved_by=personas.leader)
    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        facts="煤堆未覆盖，扬尘明显",
        violated="《中华人民共和国大气污染防治法》第七十二条",
        basis="《中华人民共和国大气污染防治法》第一百一十七条",
        requirements="立即停止露天装卸作业",
        days=3,
        issued_on=ACT_DAY,
    )
    assert deadlines_for_subject(case).get(kind="decision_90").status == "open"
    services.case_withdraw(
        case=case,
        actor=personas.officer,
        reason="经核查违法事实不能成立",
        approved_by=personas.leader,
    )
    assert deadlines_for_subject(case).get(kind="decision_90").status == "cancelled"
    order.refresh_from_db()
    assert order.deadline.status == "cancelled"
