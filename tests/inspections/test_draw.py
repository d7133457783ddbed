"""The double random draw: reproducible from its recorded seed, sealed on the plan's record,
refusing a redo, honouring 回避, and only for an approved plan."""

from __future__ import annotations

import pytest

from tests.inspections.conftest import DAY

pytestmark = pytest.mark.django_db


def test_the_draw_is_reproducible_from_its_seed_and_sealed_on_the_plan_record(
    approved_plan, personas, subjects, officers
):
    from zhifa.core.audit import chain_verify
    from zhifa.inspections.draw import draw_run
    from zhifa.inspections.models import Inspection, PlanEvent
    from zhifa.inspections.services import draw_verify, plan_draw

    plan = approved_plan()
    draw = plan_draw(plan=plan, actor=personas.squadron_leader, seed="公开摇号-2026-09-08", on=DAY)

    assert len(draw.result["subjects"]) == 4
    assert draw_run(draw.inputs) == draw.result  # anyone with the inputs gets the same result
    assert draw_verify(draw=draw) == []
    sealed = PlanEvent.objects.get(plan=plan, event_type="drawn")
    assert sealed.new["seal"] == draw.seal and sealed.new["seed"] == "公开摇号-2026-09-08"
    assert chain_verify(event_model=PlanEvent, subject=plan) == []
    drawn = Inspection.objects.filter(draw=draw)
    assert sorted(drawn.values_list("subject_id", flat=True)) == sorted(
        r["subject"] for r in draw.result["subjects"]
    )
    for inspection in drawn:
        assert inspection.officers.count() == 2
        assert all(h["cert_no"] for h in inspection.handlers)


def test_another_seed_gives_another_draw_and_the_same_seed_the_same(subjects):
    from zhifa.inspections.draw import draw_run

    inputs = {
        "algorithm": "zhifa-draw-v1",
        "seed": "a",
        "k": 5,
        "per": 2,
        "weights": {"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0},
        "candidates": [[i, "B"] for i in range(1, 201)],
        "officers": [1, 2, 3, 4],
        "conflicts": [],
    }
    first = draw_run(inputs)
    assert draw_run(dict(inputs)) == first
    assert draw_run({**inputs, "seed": "b"}) != first


def test_a_tampered_result_fails_verification(approved_plan, personas, subjects, officers):
    from zhifa.inspections.models import Draw
    from zhifa.inspections.services import draw_verify, plan_draw

    draw = plan_draw(plan=approved_plan(), actor=personas.leader, seed="s1", on=DAY)
    other = next(
        s.pk for s in subjects if s.pk not in {r["subject"] for r in draw.result["subjects"]}
    )
    result = {
        "subjects": [{**draw.result["subjects"][0], "subject": other}, *draw.result["subjects"][1:]]
    }
    Draw.objects.filter(pk=draw.pk).update(result=result)
    draw.refresh_from_db()
    problems = draw_verify(draw=draw)
    assert "按记录的种子和输入重新抽取，结果与封存结果不同" in problems
    assert "抽取结果与封存哈希不符" in problems


def test_a_second_draw_is_refused_and_changes_nothing(approved_plan, personas, subjects, officers):
    from zhifa.core.errors import RuleViolation
    from zhifa.inspections.models import Draw, Inspection
    from zhifa.inspections.services import plan_draw

    plan = approved_plan()
    plan_draw(plan=plan, actor=personas.leader, seed="s1", on=DAY)
    plan.refresh_from_db()
    before = (Draw.objects.count(), Inspection.objects.count(), plan.record_length)
    with pytest.raises(RuleViolation) as refused:
        plan_draw(plan=plan, actor=personas.leader, seed="s2", on=DAY)
    assert refused.value.code == "draw_sealed"
    plan.refresh_from_db()
    assert (Draw.objects.count(), Inspection.objects.count(), plan.record_length) == before


def test_a_redraw_needs_a_leaders_reason_and_keeps_the_first_on_record(
    approved_plan, personas, subjects, officers
):
    from zhifa.core.errors import DomainError, Forbidden
    from zhifa.inspections.models import Draw, Inspection, PlanEvent
    from zhifa.inspections.services import draw_verify, plan_draw, plan_redraw

    plan = approved_plan()
    first = plan_draw(plan=plan, actor=personas.leader, seed="s1", on=DAY)
    with pytest.raises(Forbidden):
        plan_redraw(
            plan=plan, actor=personas.squadron_leader, reason="抽取范围设置错误需重抽", on=DAY
        )
    with pytest.raises(DomainError):
        plan_redraw(plan=plan, actor=personas.leader, reason="错了", on=DAY)
    second = plan_redraw(
        plan=plan,
        actor=personas.leader,
        reason="抽取范围漏选两个村，经队长批准重新抽取",
        seed="s2",
        on=DAY,
    )
    first.refresh_from_db()
    assert first.status == Draw.Status.SUPERSEDED and second.supersedes == first
    assert set(Inspection.objects.filter(draw=first).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert (
        PlanEvent.objects.filter(plan=plan, event_type="redrawn")
        .get()
        .new["reason"]
        .startswith("抽取范围")
    )
    assert draw_verify(draw=first) == [] and draw_verify(draw=second) == []


def test_an_officer_linked_to_a_subject_is_never_drawn_for_it(
    approved_plan, personas, subjects, officers
):
    from zhifa.inspections.models import Inspection
    from zhifa.inspections.services import officer_conflict_record, plan_draw

    barred = officers[0]
    for subject in subjects:
        officer_conflict_record(
            officer=barred,
            subject=subject,
            kind="relative",
            reason="配偶系该公司股东",
            actor=personas.leader,
        )
    plan = approved_plan(sample_count=12)
    draw = plan_draw(plan=plan, actor=personas.leader, seed="回避", on=DAY)
    assert len(draw.result["subjects"]) == 12
    assert all(barred.pk not in row["officers"] for row in draw.result["subjects"])
    assert not Inspection.objects.filter(draw=draw, officers=barred).exists()


def test_a_subject_with_fewer_than_two_free_officers_is_left_out_with_the_reason(
    approved_plan, personas, subjects, officers
):
    from zhifa.inspections.services import officer_conflict_record, plan_draw

    target = subjects[0]
    for officer in officers[:2]:
        officer_conflict_record(
            officer=officer,
            subject=target,
            kind="interest",
            reason="曾在该公司任职",
            actor=personas.leader,
        )
    draw = plan_draw(plan=approved_plan(sample_count=12), actor=personas.leader, seed="x", on=DAY)
    assert [target.pk, "no_officers"] in draw.inputs["excluded"]
    assert target.pk not in [r["subject"] for r in draw.result["subjects"]]


def test_the_draw_refuses_a_plan_not_yet_approved_and_a_planner_cannot_approve(
    town, personas, inspection_item, subjects, officers
):
    import datetime as dt

    from zhifa.core.errors import Forbidden, RuleViolation
    from zhifa.inspections.services import plan_approve, plan_create, plan_draw

    plan = plan_create(
        town=town,
        actor=personas.squadron_leader,
        name="九月专项抽查计划",
        kind="special",
        year=2026,
        items=[inspection_item],
        period_start=dt.date(2026, 9, 1),
        period_end=dt.date(2026, 9, 30),
        sample_mode="ratio",
        sample_ratio=25,
    )
    with pytest.raises(RuleViolation):
        plan_draw(plan=plan, actor=personas.leader, on=DAY)
    with pytest.raises(Forbidden):
        plan_approve(plan=plan, actor=personas.squadron_leader)
    plan_approve(plan=plan, actor=personas.leader)
    draw = plan_draw(plan=plan, actor=personas.leader, on=DAY)
    assert draw.inputs["k"] == 3  # 25 % of 12, rounded up


def test_higher_risk_subjects_are_drawn_more_often():
    from zhifa.inspections.draw import subjects_draw

    weights = {"A": 1.0, "D": 4.0}
    candidates = [(i, "A") for i in range(1, 101)] + [(i, "D") for i in range(101, 201)]
    d_hits = sum(
        sum(
            1
            for s in subjects_draw(seed=f"w{n}", candidates=candidates, weights=weights, k=10)
            if s > 100
        )
        for n in range(200)
    )
    # expected share of D ≈ 4/5 of the first draws; far above the 1/2 of an unweighted draw
    assert d_hits / 2000 > 0.7
