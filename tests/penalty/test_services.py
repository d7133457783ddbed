"""The penalty procedure's services: each refusal names its article and changes nothing; the
clocks, the surcharge pause and the execution steps behave as the law says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhifa.cases import services
from zhifa.cases.models import Case, CaseEvent
from zhifa.core.deadlines import deadlines_for_subject
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Deadline
from zhifa.penalty import services as penalty_services
from zhifa.penalty.models import Penalty

from .conftest import decide

D = dt.date


def _events(case):
    return CaseEvent.objects.filter(case=case).count()


def test_legal_review_inside_the_hearing_window_is_refused_and_changes_nothing(
    notified_case, personas
):
    before = _events(notified_case)
    with pytest.raises(RuleViolation, match="听证申请期限") as info:
        penalty_services.legal_review_record(
            case=notified_case,
            actor=personas.legal_reviewer,
            reviewer=personas.legal_reviewer,
            passed=True,
            opinion="同意拟处罚意见。",
            on=D(2026, 10, 9),
        )
    assert "第六十四条" in str(info.value)
    notified_case.refresh_from_db()
    assert notified_case.state == "notified" and _events(notified_case) == before
    assert Penalty.objects.get(case=notified_case).review_passed is None


def test_a_reviewer_without_the_legal_reviewer_role_is_refused(notified_case, personas):
    with pytest.raises(RuleViolation, match="法制审核人员"):
        penalty_services.legal_review_record(
            case=notified_case,
            actor=personas.officer,
            reviewer=personas.officer,
            passed=True,
            opinion="同意拟处罚意见。",
            on=D(2026, 10, 20),
        )


def test_a_decided_case_cannot_be_closed_before_the_fine_is_paid(notified_case, personas):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    with pytest.raises(RuleViolation, match="罚款尚未缴清") as info:
        services.case_close(case=notified_case, actor=personas.officer, outcome="执行完毕结案")
    assert "第六十六条" in str(info.value)
    assert Case.objects.get(pk=notified_case.pk).state == "served"


def test_a_reconsideration_pauses_the_surcharge_while_pending(notified_case, personas):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    appeal = penalty_services.appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 20),
    )
    penalty_services.appeal_decide(
        appeal=appeal, actor=personas.officer, outcome="upheld", decided_on=D(2026, 11, 29)
    )
    # due 11-18; paid 11-30 = 12 days late, of which 11-20…11-29 (10 days) were paused → 2 days
    p = penalty_services.payment_record(
        case=notified_case, actor=personas.officer, paid_on=D(2026, 11, 30), amount=Decimal(63600)
    )
    assert p.surcharge == Decimal("3600.00")
    assert not Deadline.objects.filter(kind="disclosure_withdraw").exists()


def test_a_revoked_decision_opens_the_3_working_day_withdrawal_clock(notified_case, personas):
    decide(notified_case, personas)
    penalty_services.decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 5), place="繁峙县人民政府网站"
    )
    appeal = penalty_services.appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="lawsuit",
        body="繁峙县人民法院",
        filed_on=D(2026, 11, 10),
    )
    penalty_services.appeal_decide(
        appeal=appeal, actor=personas.officer, outcome="revoked", decided_on=D(2027, 3, 1)
    )
    assert Penalty.objects.get(case=notified_case).status == "revoked"
    clock = Deadline.objects.get(kind="disclosure_withdraw")
    assert clock.amount == 3 and clock.unit == "working_days"
    assert clock.due_at.date() == D(2027, 3, 4)

    # taken down within the 3 working days; a revoked decision is never published again
    p = penalty_services.decision_disclosure_withdraw(
        case=notified_case,
        actor=personas.officer,
        on=D(2027, 3, 3),
        reason="行政诉讼判决撤销原处罚决定",
    )
    assert p.disclosure_withdrawn_on == D(2027, 3, 3)
    clock.refresh_from_db()
    assert clock.status == "done"
    before = _events(notified_case)
    with pytest.raises(RuleViolation, match="不得公开"):
        penalty_services.decision_disclose(
            case=notified_case, actor=personas.officer, on=D(2027, 3, 5), place="繁峙县人民政府网站"
        )
    assert _events(notified_case) == before
    assert Penalty.objects.get(case=notified_case).disclosed_on == D(2026, 11, 5)


def test_a_decision_is_disclosed_once_within_7_working_days_completing_its_clock(
    notified_case, personas
):
    decide(notified_case, personas)
    clock = Deadline.objects.get(kind="disclosure")
    assert clock.due_at.date() == D(2026, 11, 11)  # decided Mon 11-02 + 7 working days

    before = _events(notified_case)
    with pytest.raises(DomainError, match="公示载体"):
        penalty_services.decision_disclose(
            case=notified_case, actor=personas.officer, on=D(2026, 11, 10), place=" "
        )
    with pytest.raises(DomainError, match="不能早于决定日期"):
        penalty_services.decision_disclose(
            case=notified_case, actor=personas.officer, on=D(2026, 11, 1), place="镇政务公开栏"
        )
    assert _events(notified_case) == before
    assert Penalty.objects.get(case=notified_case).disclosed_on is None

    p = penalty_services.decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 10), place="繁峙县人民政府网站"
    )
    assert (p.disclosed_on, p.disclosure_place) == (D(2026, 11, 10), "繁峙县人民政府网站")
    clock.refresh_from_db()
    assert clock.status == "done"
    event = CaseEvent.objects.filter(case=notified_case).last()
    assert event.event_type == "disclosed" and "超过" not in event.summary
    with pytest.raises(DomainError, match="已于2026年11月10日公示"):
        penalty_services.decision_disclose(
            case=notified_case, actor=personas.officer, on=D(2026, 11, 12), place="镇政务公开栏"
        )


def test_a_late_disclosure_is_recorded_as_late(notified_case, personas):
    decide(notified_case, personas)
    penalty_services.decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 13), place="镇政务公开栏"
    )
    event = CaseEvent.objects.filter(case=notified_case).last()
    assert "已超过七个工作日" in event.summary and event.new["late"] is True


def test_a_decision_revoked_before_publication_is_never_published(notified_case, personas):
    decide(notified_case, personas)
    appeal = penalty_services.appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 3),
    )
    penalty_services.appeal_decide(
        appeal=appeal, actor=personas.officer, outcome="revoked", decided_on=D(2026, 11, 6)
    )
    assert Deadline.objects.get(kind="disclosure").status == "cancelled"
    assert not Deadline.objects.filter(kind="disclosure_withdraw").exists()
    with pytest.raises(DomainError, match="没有处于公示中"):
        penalty_services.decision_disclosure_withdraw(
            case=notified_case, actor=personas.officer, on=D(2026, 11, 9), reason="决定已被撤销"
        )


def test_public_notice_service_takes_effect_after_30_days_and_payment_counts_from_then(
    notified_case, personas
):
    decide(notified_case, personas)
    p = penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 5), method="public"
    )
    # 12-05 is a Saturday: the period ends on the next working day
    assert p.effective_on == D(2026, 12, 7) and p.due_on == D(2026, 12, 22)


def test_left_service_without_a_witness_or_recording_is_refused(notified_case, personas):
    decide(notified_case, personas)
    with pytest.raises(RuleViolation, match="见证人"):
        penalty_services.decision_serve(
            case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="left"
        )
    assert Case.objects.get(pk=notified_case.pk).state == "decided"


def test_court_enforcement_follows_the_reminder_and_the_appeal_periods(notified_case, personas):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    with pytest.raises(DomainError, match="届满后方可催告"):
        penalty_services.reminder_serve(
            case=notified_case, actor=personas.officer, served_on=D(2026, 11, 18)
        )
    penalty_services.reminder_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 12, 14)
    )
    assert Case.objects.get(pk=notified_case.pk).state == "executing"
    with pytest.raises(RuleViolation, match="复议、诉讼期限"):
        penalty_services.enforcement_apply(
            case=notified_case,
            actor=personas.officer,
            applied_on=D(2027, 1, 5),
            court="繁峙县人民法院",
            head=personas.leader,
        )
    p = penalty_services.enforcement_apply(
        case=notified_case,
        actor=personas.officer,
        applied_on=D(2027, 5, 10),
        court="繁峙县人民法院",
        head=personas.leader,
    )
    assert p.enforcement_doc.number.startswith("繁砂综执执申")
    closed = penalty_services.penalty_close(
        case=notified_case, actor=personas.officer, on=D(2027, 5, 11)
    )
    assert closed.state == "closed" and "强制执行" in closed.outcome


def test_a_deferral_needs_the_heads_approval(notified_case, personas):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    with pytest.raises(RuleViolation, match="负责人批准"):
        penalty_services.payment_defer(
            case=notified_case,
            actor=personas.officer,
            deferred_to=D(2027, 1, 31),
            approved_by=personas.officer,
            reason="经营困难申请延期",
        )
    p = penalty_services.payment_defer(
        case=notified_case,
        actor=personas.officer,
        deferred_to=D(2027, 1, 31),
        approved_by=personas.leader,
        reason="经营困难申请延期",
    )
    paid = penalty_services.payment_record(
        case=notified_case, actor=personas.officer, paid_on=D(2027, 1, 30), amount=Decimal(60000)
    )
    assert p.deferred_to == D(2027, 1, 31) and paid.surcharge == 0


def test_filing_beyond_the_limitation_period_is_refused_and_changes_nothing(new_case, personas):
    case = new_case(act_date=D(2024, 9, 1))
    with pytest.raises(RuleViolation, match="已超过2年") as info:
        services.case_file(
            case=case, actor=personas.officer, approved_by=personas.leader, on=D(2026, 9, 8)
        )
    assert "第三十六条" in str(info.value)
    case.refresh_from_db()
    assert case.state == "registered" and not Deadline.objects.filter(kind="decision_90").exists()


def test_a_proposal_outside_the_chosen_discretion_level_is_refused_and_changes_nothing(
    new_case, personas, dust_rules, company
):
    case = new_case(item_keys=("dust",), parties=[company])
    services.case_file(
        case=case, actor=personas.officer, approved_by=personas.leader, on=D(2026, 9, 8)
    )
    services.case_start_investigation(case=case, actor=personas.officer, on=D(2026, 9, 8))
    with pytest.raises(RuleViolation, match="一般"):
        penalty_services.penalty_propose(
            case=case,
            actor=personas.officer,
            proposal="penalty",
            reason="情节一般",
            amount=50000,
            level="ordinary",
            facts="工地未设置围挡",
            violated="《中华人民共和国大气污染防治法》第六十九条",
            basis="《中华人民共和国大气污染防治法》第一百一十五条",
        )
    case.refresh_from_db()
    assert case.state == "investigating" and not Penalty.objects.filter(case=case).exists()


def test_a_decision_later_than_90_days_after_filing_is_refused(notified_case, personas):
    with pytest.raises(RuleViolation, match="九十日内"):
        decide(notified_case, personas, on=D(2026, 12, 8))
    assert Case.objects.get(pk=notified_case.pk).state == "under_review"


def _no_penalty_proposed(new_case, personas):
    case = new_case(item_keys=("coal",))
    services.case_file(
        case=case, actor=personas.officer, approved_by=personas.leader, on=D(2026, 9, 8)
    )
    services.case_start_investigation(case=case, actor=personas.officer, on=D(2026, 9, 8))
    penalty_services.penalty_propose(
        case=case,
        actor=personas.officer,
        proposal="no_penalty",
        reason="初次违法且危害后果轻微，当场改正",
        facts="煤堆局部未覆盖，当场覆盖",
        violated="《中华人民共和国大气污染防治法》第七十二条",
        basis="《中华人民共和国行政处罚法》第三十三条第一款",
    )
    return case


def test_no_penalty_is_decided_only_with_an_education_record(new_case, personas, stall):
    case = _no_penalty_proposed(new_case, personas)
    with pytest.raises(RuleViolation, match="进行教育"):
        penalty_services.no_penalty_decide(
            case=case,
            actor=personas.officer,
            on=D(2026, 9, 10),
            reason="初次违法且危害后果轻微",
            education_on=None,
            education_form="",
        )
    assert Case.objects.get(pk=case.pk).state == "proposed"
    penalty_services.no_penalty_decide(
        case=case,
        actor=personas.officer,
        on=D(2026, 9, 10),
        reason="初次违法且危害后果轻微",
        education_on=D(2026, 9, 10),
        education_form="当面批评教育",
    )
    penalty_services.decision_serve(
        case=case,
        actor=personas.officer,
        served_on=D(2026, 9, 10),
        method="direct",
        party_present=True,
    )
    assert (
        penalty_services.penalty_close(case=case, actor=personas.officer, on=D(2026, 9, 11)).state
        == "closed"
    )


def test_on_the_spot_collection_of_150_yuan_is_refused_unless_hard_to_collect(
    personas, handlers, stall
):
    values = dict(
        town=personas.town,
        actor=personas.officer,
        officers=handlers,
        party=stall["keeper"],
        item=stall["item"],
        cause="擅自占用人行道摆摊经营案",
        facts="占道经营",
        place="东街",
        act_at=timezone.make_aware(dt.datetime(2026, 9, 5, 10)),
        violated="《城市道路管理条例》第二十七条",
        basis="《城市道路管理条例》第四十二条",
        kinds=["fine"],
        amount=150,
        collect_on_spot=True,
        receipt_no="晋财罚示例0000999",
    )
    with pytest.raises(RuleViolation, match="一百元以下") as info:
        penalty_services.onthespot_decide(**values)
    assert "第六十八条" in str(info.value) and Case.objects.count() == 0
    case = penalty_services.onthespot_decide(**{**values, "hard_to_collect": True})
    assert case.state == "executing"


def test_the_sweep_warns_the_handler_before_the_hearing_window_closes(notified_case, personas):
    from django.utils import timezone

    from zhifa.core.deadlines import deadline_sweep

    at = timezone.make_aware(dt.datetime(2026, 10, 9, 9))
    assert deadline_sweep(now=at).due_soon >= 1
    clock = Deadline.objects.get(kind="hearing_request")
    assert clock.alarm == "due_soon" and clock.responsible == personas.officer


def test_a_late_decision_needs_a_configured_extension_and_the_heads_approval(
    notified_case, personas, settings
):
    on = D(2026, 12, 20)  # 103 days after filing on 2026-09-08
    with pytest.raises(RuleViolation, match="没有可适用的延长"):
        penalty_services.statement_record(
            case=notified_case, actor=personas.officer, received_on=D(2026, 10, 9), waived=True
        )
        penalty_services.legal_review_record(
            case=notified_case,
            actor=personas.legal_reviewer,
            reviewer=personas.legal_reviewer,
            passed=True,
            opinion="事实清楚，程序合法。",
            on=D(2026, 10, 28),
        )
        penalty_services.discussion_record(
            case=notified_case,
            actor=personas.leader,
            on=D(2026, 10, 29),
            members=["甲", "乙", "丙"],
            conclusion="同意拟处罚意见。",
        )
        penalty_services.decision_make(
            case=notified_case,
            actor=personas.officer,
            on=on,
            extension_days=30,
            extension_approved_by=personas.leader,
        )
    settings.ZHIFA_DECISION_EXTENSION_DAYS = 30
    with pytest.raises(RuleViolation, match="负责人批准"):
        penalty_services.decision_make(
            case=notified_case,
            actor=personas.officer,
            on=on,
            extension_days=30,
            extension_approved_by=personas.officer,
        )
    p = penalty_services.decision_make(
        case=notified_case,
        actor=personas.officer,
        on=on,
        extension_days=30,
        extension_approved_by=personas.leader,
    )
    assert p.extension_days == 30 and p.extension_approved_by == personas.leader


def test_a_decision_and_its_revocation_are_signalled_for_disclosure(
    notified_case, personas, django_capture_on_commit_callbacks
):
    from zhifa.cases import signals

    heard = []

    def decided(sender, case, penalty, **kw):
        heard.append(("decided", penalty.amount))

    def changed(sender, case, penalty, appeal, **kw):
        heard.append(("changed", appeal.outcome))

    signals.case_decided.connect(decided)
    signals.case_decision_changed.connect(changed)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            decide(notified_case, personas)
        appeal = penalty_services.appeal_file(
            case=notified_case,
            actor=personas.officer,
            kind="lawsuit",
            body="繁峙县人民法院",
            filed_on=D(2026, 11, 10),
        )
        with django_capture_on_commit_callbacks(execute=True):
            penalty_services.appeal_decide(
                appeal=appeal, actor=personas.officer, outcome="revoked", decided_on=D(2027, 3, 1)
            )
    finally:
        signals.case_decided.disconnect(decided)
        signals.case_decision_changed.disconnect(changed)
    assert heard == [("decided", Decimal(60000)), ("changed", "revoked")]


def test_closing_settles_the_cases_clocks_but_the_disclosure_clock_outlives_it(
    notified_case, personas
):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case,
        actor=personas.officer,
        served_on=D(2026, 11, 3),
        method="direct",
        place="公司办公室",
    )
    penalty_services.payment_record(
        case=notified_case, actor=personas.officer, paid_on=D(2026, 11, 4), amount=Decimal(60000)
    )
    penalty_services.penalty_close(case=notified_case, actor=personas.officer, on=D(2026, 11, 5))
    clocks = deadlines_for_subject(notified_case)
    assert list(clocks.filter(status="open").values_list("kind", flat=True)) == ["disclosure"]
    assert clocks.get(kind="decision_90").status == "done"
    penalty_services.decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 6), place="镇政务公开栏"
    )
    assert not clocks.filter(status="open").exists()


def test_a_no_penalty_decision_ends_the_90_day_window(new_case, personas):
    case = _no_penalty_proposed(new_case, personas)
    penalty_services.no_penalty_decide(
        case=case,
        actor=personas.officer,
        on=D(2026, 9, 10),
        reason="初次违法且危害后果轻微",
        education_on=D(2026, 9, 10),
        education_form="当面批评教育",
    )
    clocks = deadlines_for_subject(case)
    assert clocks.get(kind="decision_90").status == "done"
    assert not clocks.filter(kind="disclosure").exists()


def test_an_appeal_decided_before_the_due_date_does_not_pause_the_surcharge(
    notified_case, personas
):
    # 行政处罚法第七十三条: only days after the due date while the appeal is pending pause it
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    appeal = penalty_services.appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 4),
    )
    penalty_services.appeal_decide(
        appeal=appeal, actor=personas.officer, outcome="upheld", decided_on=D(2026, 11, 10)
    )
    # due 11-18; paid 11-30 = 12 days late, none of them inside the appeal → 3% × 12 × 60,000
    with pytest.raises(DomainError, match="合计81,600元"):
        penalty_services.payment_record(
            case=notified_case, actor=personas.officer, paid_on=D(2026, 11, 30), amount=63600
        )
    p = penalty_services.payment_record(
        case=notified_case, actor=personas.officer, paid_on=D(2026, 11, 30), amount=81600
    )
    assert p.surcharge == Decimal("21600.00")
