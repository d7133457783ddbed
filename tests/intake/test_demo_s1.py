"""The demo town's S1 is the story of DESIGN and of the S1 walk: the 12345 order about mining at
同路村 is signed by the villages' squadron leader, its case is ordered stopped, jointly stopped
with the county natural-resources enforcement team, re-inspected and transferred to that team —
and the caller's reply says so."""

from __future__ import annotations

import pytest

from zhifa.cases.models import Case, CaseEvent
from zhifa.core.audit import chain_verify
from zhifa.core.seeding import seed_demo
from zhifa.intake.demo import S1_ORDER
from zhifa.intake.models import Lead, LeadEvent

pytestmark = pytest.mark.django_db

TEAM = "繁峙县规划和自然资源综合行政执法队"


def test_the_demo_s1_ends_transferred_to_the_county_team_with_the_order_answered(
    tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    case = Case.all_towns.get(source_ref=S1_ORDER)
    assert case.state == "transferred"
    assert [t.department.name for t in case.transfers.all()] == [TEAM]
    assert {h.user.username for h in case.handlers.all()} == {"zhifa2", "zhifa3"}
    order = case.orders.get(kind="stop")
    assert order.status == "complied"
    assert [d.name for op in case.joint_operations.all() for d in op.departments.all()] == [TEAM]
    assert chain_verify(event_model=CaseEvent, subject=case) == []

    lead = Lead.all_towns.get(source_ref=S1_ORDER)
    assert lead.case_id == case.pk and lead.status == Lead.Status.ANSWERED
    signed = LeadEvent.all_towns.get(lead=lead, event_type="order_signed")
    assert signed.actor.username == "zhifa3"
    assert "已责令当事人停止违法行为" in lead.outcome and "开采已停止" in lead.outcome
    assert lead.outcome.endswith(f"该事项已依法移送{TEAM}处理。")
