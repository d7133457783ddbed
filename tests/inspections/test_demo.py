"""The demo town's inspections: an approved annual plan with a sealed draw whose batch stands in
every state, and a combined plan waiting for approval; seeding twice changes nothing."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_drawn_batch_in_every_state(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.seeding import seed_demo
    from zhifa.inspections.models import Draw, Inspection, Plan
    from zhifa.inspections.services import draw_verify

    seed_demo()
    annual = Plan.objects.get(kind="annual")
    draw = Draw.objects.get(plan=annual)
    assert annual.status == "approved" and draw_verify(draw=draw) == []
    batch = Inspection.objects.filter(draw=draw)
    assert {"drawn", "in_progress", "completed"} <= set(batch.values_list("status", flat=True))
    results = set(batch.filter(status="completed").values_list("result", flat=True))
    assert results == {"compliant", "corrected", "order", "violation"}
    assert batch.filter(published_at__isnull=False).count() == 1
    assert batch.get(result="order").order.document.number
    assert batch.get(result="violation").lead.source_ref
    combined = Plan.objects.get(kind="special")
    assert combined.status == "draft" and combined.items.count() == 2
    before = (Plan.objects.count(), Inspection.objects.count())
    seed_demo()
    assert (Plan.objects.count(), Inspection.objects.count()) == before
