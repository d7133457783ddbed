"""Triage: classification quality on the labelled set, retraining when the catalog changes,
routing advice by what the town holds, duplicates, and the route actions' refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.core.errors import DomainError, Forbidden, RuleViolation
from zhifa.intake import classify
from zhifa.intake.hotline import lead_send_back
from zhifa.intake.models import Lead, LeadEvent
from zhifa.intake.services import lead_dismiss, lead_merge, lead_receive, lead_transfer
from zhifa.intake.triage import lead_duplicates, lead_triage, route_advice

from .labelled import LABELLED

MINING = "村民反映同路村北山有人私自开采铁矿石，没有采矿手续"


def _lead(town, text=MINING, **extra):
    values = {
        "town": town,
        "source": "grid",
        "text": text,
        "lat": 39.175,
        "lng": 113.265,
        "address": "同路村北山",
        "triage": False,
    }
    values.update(extra)
    lead, _ = lead_receive(**values)
    return lead_triage(lead=lead)


def test_the_labelled_set_covers_every_domain_with_at_least_sixty_texts(catalog, town):
    assert len(LABELLED) >= 60
    assert len({d for _, d in LABELLED}) == 11


def test_the_classifier_puts_the_right_domain_first_for_most_of_the_labelled_set(catalog, town):
    top1 = top3 = 0
    for text, domain in LABELLED:
        got = classify.suggest(town_id=town.pk, text=text).suggestions
        top1 += got[0].domain == domain
        top3 += domain in {s.domain for s in got}
    assert top1 / len(LABELLED) >= 0.75
    assert top3 / len(LABELLED) >= 0.88


def test_a_new_catalog_item_makes_a_new_model_version_that_knows_it(
    catalog, town, domains, departments
):
    from zhifa.catalog.models import PowerItem

    first = classify.model_train(town_id=town.pk)
    assert classify.model_train(town_id=town.pk).pk == first.pk  # same data: no new version
    PowerItem.objects.create(
        town=town,
        code="T-NEW-1",
        name="对在河道内电鱼的行政处罚",
        type="penalty",
        origin="county",
        domain=domains["agriculture"],
        department=catalog["SH-NL-001"].department,
    )
    got = classify.suggest(town_id=town.pk, text="有人在河道内电鱼")
    assert got.model == first.version + 1
    assert "T-NEW-1" in classify.model_for(town.pk)[1].classes


def test_triage_records_the_suggestions_on_the_lead_record(catalog, town, cells, squadrons):
    lead = _lead(town)
    assert lead.suggestions[0]["code"] == "SH-ZR-002"
    assert LeadEvent.objects.filter(lead=lead, event_type="triaged").count() == 1
    assert lead_triage(lead=lead).triaged_at == lead.triaged_at  # idempotent


def test_past_cases_teach_the_model_the_towns_own_words(catalog, town, cells, personas):
    from zhifa.cases.services import case_register

    colloquial = "哐哐队又在黑石岭开工了"
    before = classify.suggest(town_id=town.pk, text=colloquial).top.code
    case_register(
        town=town,
        actor=personas.officer,
        cause="未取得采矿许可证擅自采矿案",
        source="grid",
        summary="哐哐队又在黑石岭开工了，是一伙偷挖铁矿的。",
        address="同路村北山",
        items=[catalog["SH-ZR-002"]],
    )
    after = classify.suggest(town_id=town.pk, text=colloquial).top.code
    assert before != "SH-ZR-002" and after == "SH-ZR-002"


def test_advice_is_a_case_for_a_held_item_and_a_transfer_for_the_countys(catalog, town, cells):
    lead = _lead(town, text="储煤场煤堆没有苫盖也没有防燃措施，一直冒烟")
    assert route_advice(lead=lead, item=catalog["SH-ST-004"])["action"] == "case"
    advice = route_advice(lead=lead, item=catalog["SH-ZR-002"])
    # since the county reform its natural-resources team enforces, not the bureau (S1)
    assert advice["action"] == "transfer"
    assert advice["label"].startswith("非本镇承接事项：建议移送繁峙县规划和自然资源综合行政执法队")
    assert "原实施部门繁峙县规划和自然资源局" in advice["label"]


def test_a_nearby_lead_about_the_same_matter_is_offered_as_a_duplicate(catalog, town, cells):
    first = _lead(town)
    second = _lead(town, text="同路村北山又有人开采铁矿，拉矿的车很多", lat=39.1752, lng=113.2652)
    far = _lead(town, text="东街有人在路边乱倒生活垃圾", lat=39.185, lng=113.275)
    found = {d["number"]: d for d in lead_duplicates(lead=second)}
    assert first.number in found and "相距约" in found[first.number]["reason"]
    assert far.number not in found


def test_the_same_subject_makes_a_duplicate_however_far(catalog, town, cells):
    from zhifa.grid.services import subject_register

    yard = subject_register(
        town=town, kind="site", site_type="coal_yard", name="示例煤场", address="山会村"
    )
    a = _lead(town, text="煤场煤堆冒烟", subject=yard)
    b = _lead(town, text="煤场晚上装卸噪声很大", subject=yard, lat=39.185, lng=113.275)
    assert [d["number"] for d in lead_duplicates(lead=b)] == [a.number]


def test_merging_links_the_duplicate_to_the_first_lead_and_closes_it(
    catalog, town, cells, personas
):
    first, second = _lead(town), _lead(town)
    lead_merge(lead=second, actor=personas.squadron_leader, into_lead=first)
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into == first
    with pytest.raises(DomainError, match="已处理"):
        lead_dismiss(lead=second, actor=personas.squadron_leader, reason="重复反映同一事项")


def test_a_lead_the_town_does_not_hold_is_transferred_to_the_items_department(
    catalog, town, cells, personas
):
    lead = _lead(town)
    with pytest.raises(DomainError, match="应立案办理"):
        lead_transfer(
            lead=lead,
            actor=personas.squadron_leader,
            item=catalog["SH-ST-004"],
            reason="不属于本镇职责",
        )
    done = lead_transfer(
        lead=lead,
        actor=personas.squadron_leader,
        item=catalog["SH-ZR-002"],
        reason="未取得采矿许可擅自采矿属县自然资源局职责",
    )
    assert done.status == "transferred" and done.department.name == "繁峙县规划和自然资源局"


def test_an_officer_may_not_route_a_lead(catalog, town, cells, personas):
    lead = _lead(town)
    with pytest.raises(Forbidden):
        lead_dismiss(lead=lead, actor=personas.officer, reason="不属实的反映")
    lead.refresh_from_db()
    assert lead.status == "new"


def test_a_dismissal_needs_a_reason_and_changes_nothing_without_one(catalog, town, cells, personas):
    lead = _lead(town)
    with pytest.raises(DomainError, match="理由"):
        lead_dismiss(lead=lead, actor=personas.leader, reason=" ")
    lead.refresh_from_db()
    assert lead.status == "new" and lead.record_length == 2


def test_a_send_back_after_the_window_is_refused_naming_the_rule(catalog, town, cells, personas):
    lead, _ = lead_receive(
        town=town,
        source="hotline",
        source_ref="SX-LATE-1",
        triage=False,
        text="有人在北山私挖铁矿",
        address="同路村",
    )
    late = lead.send_back_due + dt.timedelta(minutes=1)
    with pytest.raises(RuleViolation, match="首办责任单位"):
        lead_send_back(lead=lead, actor=personas.leader, reason="不属于本镇管辖范围", now=late)
    assert Lead.objects.get(pk=lead.pk).status == "new"
    done = lead_send_back(
        lead=lead,
        actor=personas.leader,
        reason="该地点属于大营镇管辖范围",
        now=lead.received_at + dt.timedelta(hours=1),
    )
    assert done.status == "sent_back" and done.outbox.get().kind == "send_back"


def test_a_merged_duplicate_hears_the_outcome_of_the_case_opened_later(
    catalog, town, cells, personas, django_capture_on_commit_callbacks
):
    from zhifa.cases.services import case_close
    from zhifa.intake.services import lead_open_case

    first = _lead(town, reported_by=personas.grid_member)
    second = _lead(town, source="report", reporter_phone="13700001111")
    lead_merge(lead=second, actor=personas.squadron_leader, into_lead=first)
    case = lead_open_case(
        lead=first,
        actor=personas.squadron_leader,
        items=[catalog["SH-ZR-002"]],
        cause="未取得采矿许可证擅自采矿案",
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_close(case=case, actor=personas.officer, outcome="开采已制止，移交县自然资源部门查处")
    second.refresh_from_db()
    assert second.case == case and "开采已制止" in second.outcome
