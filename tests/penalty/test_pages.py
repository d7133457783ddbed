"""The penalty procedure's pages: the on-the-spot form, the case page at the prior-notice step,
the step forms, and the deadline board."""

from __future__ import annotations

import datetime as dt

from zhifa.cases.models import Case
from zhifa.penalty.models import Penalty

from .conftest import decide


def _spot_form(handlers, stall, amount):
    return {
        "officers": [h.pk for h in handlers],
        "party": stall["keeper"].pk,
        "item": stall["item"].pk,
        "cause": "擅自占用人行道摆摊经营案",
        "act_at": "2026-09-05T10:20",
        "place": "砂河镇东街农贸市场北口人行道",
        "facts": "擅自占用人行道摆摊经营水果，经劝阻拒不改正",
        "violated": "《城市道路管理条例》第二十七条第（六）项",
        "basis": "《城市道路管理条例》第四十二条",
        "kind": "fine",
        "amount": amount,
    }


def test_the_on_the_spot_form_decides_100_yuan_and_refuses_500_keeping_what_was_typed(
    client, login, personas, handlers, stall
):
    login(client, personas.officer)
    page = client.get("/cases/on-the-spot/")
    assert page.status_code == 200 and "当场行政处罚决定" in page.content.decode()
    refused = client.post("/cases/on-the-spot/", _spot_form(handlers, stall, "500"))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "不得超过200元" in html and "第五十一条" in html
    assert "擅自占用人行道摆摊经营水果" in html  # nothing typed is lost
    assert Case.objects.count() == 0
    done = client.post("/cases/on-the-spot/", _spot_form(handlers, stall, "100"))
    assert done.status_code == 302
    case = Case.objects.get()
    assert case.state == "served" and Penalty.objects.get(case=case).due_on == dt.date(2026, 9, 20)


def test_the_case_page_at_the_prior_notice_step_shows_the_windows_and_offers_the_hearing_request(
    client, login, personas, notified_case
):
    login(client, personas.officer)
    html = client.get(f"/cases/{notified_case.pk}/").content.decode()
    assert "处罚程序" in html and "罚款人民币陆万元整" in html
    assert "听证申请至 2026-10-12" in html
    assert (
        "登记听证申请" in html and "法制审核" not in html.split("办理")[-1].split("全过程记录")[0]
    )
    late = client.post(
        f"/cases/{notified_case.pk}/steps/hearing_request/", {"requested_on": "2026-10-13"}
    )
    assert late.status_code == 400  # refused: the page again, the step open with what was typed
    notified_case.refresh_from_db()
    assert notified_case.state == "notified"
    follow = late.content.decode()
    assert "已逾期" in follow and 'value="2026-10-13"' in follow
    client.post(f"/cases/{notified_case.pk}/steps/hearing_request/", {"requested_on": "2026-10-12"})
    notified_case.refresh_from_db()
    assert notified_case.state == "hearing"


def test_only_a_legal_reviewer_records_the_legal_review_from_the_case_page(
    client, login, personas, notified_case
):
    data = {"on": "2026-10-20", "passed": "1", "opinion": "事实清楚，证据确实充分，程序合法。"}
    login(client, personas.officer)
    assert client.post(f"/cases/{notified_case.pk}/steps/legal_review/", data).status_code == 403
    login(client, personas.legal_reviewer)
    assert "法制审核" in client.get(f"/cases/{notified_case.pk}/").content.decode()
    assert client.post(f"/cases/{notified_case.pk}/steps/legal_review/", data).status_code == 302
    notified_case.refresh_from_db()
    assert notified_case.state == "under_review"
    assert Penalty.objects.get(case=notified_case).review_passed is True


def test_the_decision_is_disclosed_from_the_case_page_and_the_form_then_goes_away(
    client, login, personas, notified_case
):
    decide(notified_case, personas)
    login(client, personas.officer)
    html = client.get(f"/cases/{notified_case.pk}/").content.decode()
    url = f"/cases/{notified_case.pk}/steps/disclosure/"
    assert "待公示（决定后七个工作日内）" in html and url in html
    empty = client.post(url, {"on": "2026-11-06", "place": ""})
    assert empty.status_code == 400 and 'value="2026-11-06"' in empty.content.decode()
    assert Penalty.objects.get(case=notified_case).disclosed_on is None
    client.post(url, {"on": "2026-11-06", "place": "繁峙县人民政府网站"})
    html = client.get(f"/cases/{notified_case.pk}/").content.decode()
    assert "已办理：登记决定公示" in html and "2026-11-06 于繁峙县人民政府网站公示" in html
    assert url not in html  # the form is no longer offered
    assert f"/cases/{notified_case.pk}/steps/disclosure_withdraw/" in html


def test_the_deadline_board_lists_every_running_clock_with_its_unit_and_filters_by_officer(
    client, login, personas, notified_case, handlers
):
    login(client, personas.leader)
    html = client.get("/cases/deadlines/").content.decode()
    assert "当事人申请听证期限" in html and "当事人陈述、申辩期限" in html
    assert "作出处理决定" in html
    assert "5工作日" in html and "90自然日" in html
    # the notice's windows (2026-10) have passed: shown as elapsed, not as the team being late
    assert "已届满" in html and "另有当事人期限已届满 2 项" in html
    none = client.get("/cases/deadlines/?officer=999999").content.decode()
    assert "没有在途期限" in none
    mine = client.get(f"/cases/deadlines/?officer={handlers[0].pk}").content.decode()
    assert "当事人申请听证期限" in mine


def test_a_partys_window_that_closed_is_shown_as_elapsed_not_overdue_and_the_sweep_closes_it(
    personas, notified_case
):
    from django.utils import timezone

    from zhifa.core.deadlines import deadline_sweep, deadlines_for_subject
    from zhifa.penalty.board import board_rows, board_summary

    during = timezone.make_aware(dt.datetime(2026, 10, 9, 9))
    after = timezone.make_aware(dt.datetime(2026, 10, 13, 9))
    status = {r.deadline.kind: r.status for r in board_rows(user=personas.leader, now=during)}
    assert status["hearing_request"] in ("running", "due_soon")
    rows = board_rows(user=personas.leader, now=after)
    status = {r.deadline.kind: r.status for r in rows}
    assert status["statement"] == status["hearing_request"] == "elapsed"
    assert status["decision_90"] == "running"
    assert board_summary(rows)["totals"]["overdue"] == 0

    result = deadline_sweep(now=after)
    assert result.elapsed == 2 and result.overdue == 0
    windows = deadlines_for_subject(notified_case).filter(kind__in=["statement", "hearing_request"])
    assert set(windows.values_list("status", flat=True)) == {"done"}
    assert not personas.officer.notifications.filter(title__startswith="已超期").exists()


def test_the_deadline_board_api_reports_working_and_calendar_clocks(
    api_client, personas, notified_case
):
    rows = api_client(personas.leader).get("/api/v1/cases/deadlines").json()["results"]
    kinds = {r["kind"]: r for r in rows}
    assert kinds["hearing_request"]["unit"] == "working_days"
    assert kinds["decision_90"]["unit"] == "calendar_days"
    assert kinds["hearing_request"]["provisional"] is False
