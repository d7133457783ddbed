"""The limits on inspections: the repeat window and the yearly caps refuse with a reason naming the
opinion, allow a visit with a recorded justification, and keep such subjects out of a draw."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.inspections.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(town, personas, inspection_item, officers):
    from zhifa.inspections.services import inspection_create

    def make(subject, on, **extra):
        return inspection_create(
            town=town,
            actor=personas.squadron_leader,
            subject=subject,
            items=[inspection_item],
            officers=officers[:2],
            origin=extra.pop("origin", "complaint"),
            planned_on=on,
            **extra,
        )

    return make


def test_a_second_visit_within_the_window_is_refused_with_the_reason(visit, subjects):
    from zhifa.core.errors import RuleViolation
    from zhifa.inspections.models import Inspection

    first = visit(subjects[0], DAY)
    with pytest.raises(RuleViolation) as refused:
        visit(subjects[0], DAY + dt.timedelta(days=29))
    assert refused.value.code == "repeat_window"
    assert first.number in refused.value.message and "30日内不得重复检查" in refused.value.message
    assert "国办发〔2024〕54号" in refused.value.message
    assert Inspection.objects.count() == 1
    assert visit(subjects[0], DAY + dt.timedelta(days=30)).pk  # the window has passed


def test_a_complaint_justifies_a_visit_inside_the_window_and_is_recorded(visit, subjects):
    from zhifa.core.errors import RuleViolation
    from zhifa.inspections.models import InspectionEvent

    visit(subjects[0], DAY)
    with pytest.raises(RuleViolation) as refused:
        visit(
            subjects[0],
            DAY + dt.timedelta(days=3),
            justification="complaint",
            justification_note="",
        )
    assert refused.value.code == "justification_invalid"
    second = visit(
        subjects[0],
        DAY + dt.timedelta(days=3),
        justification="complaint",
        justification_note="12345 工单反映该工地夜间扬尘严重",
    )
    assert second.justification == "complaint"
    event = InspectionEvent.objects.get(inspection=second, event_type="registered")
    assert "30日内不得重复检查" in event.new["overridden"][0]
    assert event.new["justification_note"] == "12345 工单反映该工地夜间扬尘严重"


def test_the_yearly_cap_follows_the_risk_level(visit, subjects, personas, settings):
    from zhifa.core.errors import RuleViolation
    from zhifa.inspections.services import subject_risk_set

    settings.ZHIFA_INSPECTION_YEARLY_CAPS = {"A": 1, "B": 2, "C": 4, "D": 6}
    subject = subjects[0]
    subject_risk_set(subject=subject, level="A", reason="连续三年无违法记录", actor=personas.leader)
    visit(subject, dt.date(2026, 3, 2))
    with pytest.raises(RuleViolation) as refused:
        visit(subject, dt.date(2026, 9, 8))
    assert refused.value.code == "yearly_cap"
    assert "A类（低风险）" in refused.value.message and "上限 1 次" in refused.value.message
    allowed = visit(
        subject,
        dt.date(2026, 9, 8),
        origin="reinspection",
        justification="reinspection",
        justification_note="复查三月份责令整改事项",
    )
    assert allowed.justification == "reinspection"
    subject_risk_set(subject=subjects[1], level="D", reason="一年内两次违法", actor=personas.leader)
    for month in (1, 3, 5, 7, 9, 11):
        visit(subjects[1], dt.date(2026, month, 2))
    with pytest.raises(RuleViolation):
        visit(subjects[1], dt.date(2026, 12, 20))


def test_the_window_is_a_setting(visit, subjects, settings):
    settings.ZHIFA_INSPECTION_REPEAT_DAYS = 7
    visit(subjects[0], DAY)
    assert visit(subjects[0], DAY + dt.timedelta(days=7)).pk


def test_a_draw_leaves_out_subjects_inside_the_window_or_over_the_cap(
    visit, approved_plan, subjects, personas
):
    from zhifa.inspections.services import plan_draw, subject_risk_set

    visit(subjects[0], DAY - dt.timedelta(days=10))
    subject_risk_set(subject=subjects[1], level="A", reason="信用良好", actor=personas.leader)
    visit(subjects[1], dt.date(2026, 2, 2))
    draw = plan_draw(plan=approved_plan(sample_count=12), actor=personas.leader, seed="s", on=DAY)
    assert [subjects[0].pk, "repeat_window"] in draw.inputs["excluded"]
    assert [subjects[1].pk, "yearly_cap"] in draw.inputs["excluded"]
    drawn = {r["subject"] for r in draw.result["subjects"]}
    assert subjects[0].pk not in drawn and subjects[1].pk not in drawn
    assert len(drawn) == 10


def test_an_open_inspection_of_the_same_subject_is_a_warning_to_combine(visit, subjects):
    from zhifa.inspections.models import InspectionEvent
    from zhifa.inspections.rules import combine_hints

    first = visit(subjects[0], dt.date(2026, 6, 1))
    second = visit(subjects[0], dt.date(2026, 9, 8))
    hints = combine_hints(subject=subjects[0], on=dt.date(2026, 9, 8), exclude_pk=second.pk)
    assert len(hints) == 1 and first.number in hints[0] and "综合查一次" in hints[0]
    assert (
        first.number
        in InspectionEvent.objects.get(inspection=second, event_type="registered").new["combine"][0]
    )


def test_risk_levels_keep_their_history_and_need_a_reason(subjects, personas):
    from zhifa.core.errors import DomainError, Forbidden
    from zhifa.inspections.models import SubjectRisk, SubjectRiskChange
    from zhifa.inspections.services import subject_risk_set

    subject = subjects[0]
    with pytest.raises(DomainError):
        subject_risk_set(subject=subject, level="C", reason="", actor=personas.officer)
    with pytest.raises(Forbidden):
        subject_risk_set(subject=subject, level="C", reason="多次投诉", actor=personas.grid_member)
    subject_risk_set(subject=subject, level="C", reason="半年内被投诉三次", actor=personas.officer)
    subject_risk_set(subject=subject, level="B", reason="整改到位，复评", actor=personas.leader)
    assert SubjectRisk.objects.get(subject=subject).level == "B"
    history = list(SubjectRiskChange.objects.filter(subject=subject).order_by("at", "pk"))
    assert [(h.old_level, h.new_level) for h in history] == [("", "C"), ("C", "B")]


def test_an_ad_hoc_inspection_refuses_an_officer_who_must_withdraw(
    visit, subjects, officers, personas
):
    from zhifa.core.errors import RuleViolation
    from zhifa.inspections.services import officer_conflict_record

    officer_conflict_record(
        officer=officers[0],
        subject=subjects[0],
        kind="liaison",
        reason="该企业包联责任人",
        actor=personas.leader,
    )
    with pytest.raises(RuleViolation) as refused:
        visit(subjects[0], DAY)
    assert refused.value.code == "recusal" and "第四十三条" in refused.value.message
