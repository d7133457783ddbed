"""案卷评查 with a recorded seed and the configurable checklist; 监督意见 with a working-day reply
clock and the town's reply on the case's record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_sample_is_drawn_from_closed_cases_and_the_seed_redraws_it(county, supervisor):
    from zhifa.dashboard.services import sample_draw

    town = county["town"]
    first = sample_draw(actor=supervisor, town=town, year=2026, size=2, seed="繁峙2026")
    again = sample_draw(actor=supervisor, town=town, year=2026, size=2, seed="繁峙2026")
    picked = sorted(first.reviews.values_list("case_id", flat=True))
    assert picked == sorted(again.reviews.values_list("case_id", flat=True))
    assert first.population == 3  # A, B and D are closed; C is still open
    assert set(picked) <= {county["a"].pk, county["b"].pk, county["d"].pk}
    assert sample_draw(actor=supervisor, town=town, year=2026, size=1).seed  # a seed is made up


def test_a_leader_cannot_draw_a_sample(client, login, county, personas):
    from zhifa.dashboard.models import ReviewSample

    login(client, personas.leader)
    answer = client.post(reverse("dashboard:review_draw"), {"town": personas.town.code, "size": 2})
    assert answer.status_code == 403
    assert not ReviewSample.objects.exists()


def test_the_review_sheet_scores_each_checklist_line_and_reaches_the_town(
    client, login, county, supervisor, personas
):
    from zhifa.dashboard.models import ReviewCriterion
    from zhifa.dashboard.services import sample_draw

    sheet = sample_draw(
        actor=supervisor, town=county["town"], year=2026, size=1, seed="x"
    ).reviews.get()
    criteria = list(ReviewCriterion.objects.filter(active=True))
    assert [c.label for c in criteria] == [
        "主体",
        "事实",
        "证据",
        "依据",
        "程序",
        "裁量",
        "文书",
        "时限",
    ]
    login(client, supervisor)
    url = reverse("dashboard:review", args=[sheet.pk])
    too_high = {c.code: c.max_score for c in criteria} | {"facts": 99, "comments": "证据目录不全"}
    refused = client.post(url, too_high)
    assert (
        refused.status_code == 400 and "“事实”的得分应在 0 至 15 分之间" in refused.content.decode()
    )
    sheet.refresh_from_db()
    assert sheet.total is None
    scores = {c.code: c.max_score for c in criteria} | {"evidence": 10}
    client.post(url, {**scores, "comments": "证据目录不全"})
    sheet.refresh_from_db()
    assert (sheet.total, sheet.full_marks) == (95, 100)
    login(client, personas.leader)
    page = client.get(url).content.decode()
    assert "95/100" in page and "证据目录不全" in page and "保存评查表" not in page
    assert personas.leader.notifications.filter(title__contains="案卷评查结果").exists()
    assert client.post(url, scores).status_code == 403


def test_an_opinion_runs_a_working_day_clock_and_the_reply_goes_on_the_case_record(
    client, login, county, supervisor, personas, clock
):
    """Issued on 2026-09-29 with 5 working days: due 10-12 across National Day."""
    from zhifa.cases.models import CaseEvent
    from zhifa.dashboard.models import SupervisionOpinion

    clock.freeze("2026-09-29 10:00")
    case = county["c"]
    login(client, supervisor)
    client.post(
        reverse("dashboard:opinion_new"),
        {"case_number": case.number, "text": "请补充现场勘验笔录", "days": 5},
    )
    opinion = SupervisionOpinion.objects.get()
    assert opinion.deadline.due_at.date() == dt.date(2026, 10, 12)
    assert CaseEvent.objects.filter(case=case, summary__contains="请补充现场勘验笔录").exists()
    url = reverse("dashboard:opinion", args=[opinion.pk])
    assert client.post(url, {"reply": "监督员不能代答"}).status_code == 403
    login(client, personas.outsider)
    assert client.get(url).status_code == 404
    login(client, personas.leader)
    client.post(url, {"reply": "已补充勘验笔录并归卷"})
    opinion.refresh_from_db()
    assert opinion.replied_by == personas.leader and opinion.deadline.status == "done"
    last = CaseEvent.objects.filter(case=case).order_by("-seq").first()
    assert "已补充勘验笔录并归卷" in last.summary and last.actor_id == personas.leader.pk


def test_an_opinion_on_an_unsupervised_towns_case_is_refused(
    client, login, county, make_user, towns
):
    from zhifa.dashboard.models import SupervisionOpinion

    only_second = make_user(roles=["jiandu"], town=None, supervised_towns=[towns["second"]])
    login(client, only_second)
    answer = client.post(
        reverse("dashboard:opinion_new"),
        {"case_number": county["c"].number, "text": "越权意见"},
        follow=True,
    )
    assert "督导乡镇中没有案件编号" in answer.content.decode()
    assert not SupervisionOpinion.objects.exists()


def test_a_sheet_cannot_be_scored_without_a_checklist(county, supervisor):
    from zhifa.core.errors import DomainError
    from zhifa.dashboard.models import ReviewCriterion
    from zhifa.dashboard.services import review_score, sample_draw

    sheet = sample_draw(actor=supervisor, town=county["town"], year=2026, size=1).reviews.get()
    ReviewCriterion.objects.update(active=False)
    with pytest.raises(DomainError, match="尚未配置案卷评查项目"):
        review_score(actor=supervisor, review=sheet, scores={}, comments="")
    sheet.refresh_from_db()
    assert sheet.total is None
