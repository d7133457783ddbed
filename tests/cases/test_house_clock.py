"""Record times follow the house clock: a step taken on a frozen day is dated that day on the
case page (timeline, pending approval, the leader's inbox), and the record still verifies."""

from __future__ import annotations

from zhifa.core import clock as house_clock


def _timeline(body: str) -> str:
    return body.split('data-testid="timeline"', 1)[1]


def test_a_step_on_a_frozen_past_day_is_recorded_on_that_day_and_the_case_page_shows_it(
    new_case, personas, client, login, clock
):
    real_day = house_clock.now().strftime("%Y-%m-%d")
    clock.freeze("2026-09-23 10:00")
    case = new_case()
    login(client, personas.officer)
    asked = client.post(
        f"/cases/{case.pk}/steps/file/", {"approver": personas.leader.pk, "opinion": "建议立案"}
    )
    assert asked.status_code == 302

    body = client.get(f"/cases/{case.pk}/").content.decode()
    timeline = _timeline(body)
    assert timeline.count("2026-09-23 10:00") >= 2  # registered, then filing asked
    assert real_day not in timeline
    assert "已于 2026-09-23 10:00 由" in body  # the pending approval's 提请 time
    assert "哈希链完整" in body

    login(client, personas.leader)
    inbox = client.get("/cases/approvals/").content.decode()
    assert "提请 · 2026-09-23 10:00" in inbox

    from zhifa.cases.models import CaseEvent
    from zhifa.core.audit import chain_verify

    assert chain_verify(event_model=CaseEvent, subject=case) == []
