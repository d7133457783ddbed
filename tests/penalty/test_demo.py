"""The seeded demo town holds cases at each step of both penalty procedures, and its ended cases
carry no running clocks but the publication of their decisions."""

from __future__ import annotations

import pytest
from django.db.models import Count

from zhifa.cases.models import Case
from zhifa.core.deadlines import deadlines_for_subject
from zhifa.core.seeding import seed_demo
from zhifa.penalty.models import Penalty

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    return Case.all_towns.filter(town__code="140924101")


def test_the_demo_has_a_case_at_each_step_of_both_procedures_and_no_stray_clock(demo):
    ordinary = set(
        demo.filter(penalty__procedure=Penalty.Procedure.ORDINARY).values_list("state", flat=True)
    )
    assert {
        "proposed",
        "notified",
        "hearing",
        "under_review",
        "decided",
        "served",
        "executing",
        "closed",
    } <= ordinary
    simple = set(
        demo.filter(penalty__procedure=Penalty.Procedure.SIMPLE).values_list("state", flat=True)
    )
    assert {"served", "executing", "closed"} <= simple
    assert {"registered", "filed", "investigating", "transferred", "withdrawn"} <= set(
        demo.values_list("state", flat=True)
    )
    # every no-penalty outcome went through its decision with the education on record (rule 16)
    no_penalty = Penalty.all_towns.filter(case__in=demo, outcome=Penalty.Outcome.NO_PENALTY)
    assert no_penalty.count() >= 2
    assert all(p.education_on and p.education_form for p in no_penalty)

    # ended cases run no clock but the publication of their decision
    for case in demo.filter(state__in=["closed", "withdrawn", "transferred"]):
        running = set(
            deadlines_for_subject(case).filter(status="open").values_list("kind", flat=True)
        )
        assert running <= {"disclosure", "disclosure_withdraw"}, (case.number, running)

    # seeding again adds nothing
    before = dict(demo.values_list("state").annotate(n=Count("id")))
    seed_demo()
    assert dict(demo.values_list("state").annotate(n=Count("id"))) == before
