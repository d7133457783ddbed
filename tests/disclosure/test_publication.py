"""A decision on the public portal follows the penalty procedure's publication step: absent before,
masked while published, gone on the withdrawal date, back as its changed version; the leader sees
a decision not published within 7 working days among the warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.disclosure.sources import (
    appeal_decide,
    appeal_file,
    decision_disclose,
    decision_disclosure_withdraw,
)

from .conftest import decide

pytestmark = pytest.mark.django_db
D = dt.date


def _list(client, town, **query):
    return client.get(f"/gongshi/{town.code}/decisions/", query).content.decode()


def test_s5_appears_on_publication_disappears_on_withdrawal_and_returns_changed(
    client, clock, town, notified_case, personas
):
    clock.freeze("2026-11-03 10:00")
    decide(notified_case, personas)
    number = notified_case.penalty.decision_doc.number
    assert number not in _list(client, town)

    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 5), place="繁峙县人民政府网站"
    )
    assert number not in _list(client, town)  # public from its publication date, not before
    clock.freeze("2026-11-05 09:00")
    page = _list(client, town)
    assert number in page and "繁峙县示例建筑工程有限公司" in page
    assert "91140924MA0L8K702X" in page  # business names and codes are public by law
    assert "周某某" in page and "周示例" not in page  # the legal representative is a person
    assert "罚款人民币陆万元整（¥60,000.00）" in page
    pk = notified_case.penalty.pk
    assert client.get(f"/gongshi/{town.code}/decisions/{pk}/").status_code == 200

    clock.freeze("2026-11-20 10:00")
    appeal = appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 10),
    )
    appeal_decide(
        appeal=appeal,
        actor=personas.officer,
        outcome="changed",
        decided_on=D(2026, 11, 18),
        new_amount=40000,
        note="复议决定变更罚款数额",
    )
    decision_disclosure_withdraw(
        case=notified_case,
        actor=personas.officer,
        on=D(2026, 11, 20),
        reason="复议决定变更罚款数额",
    )
    assert number not in _list(client, town)  # gone on the withdrawal date
    assert number not in _list(client, town, q="示例建筑")  # and from the search
    assert client.get(f"/gongshi/{town.code}/decisions/{pk}/").status_code == 404
    assert number not in client.get(f"/gongshi/{town.code}/").content.decode()  # latest
    for feed in ("decisions/rss.xml", "decisions/atom.xml", "decisions.json"):
        assert number not in client.get(f"/gongshi/{town.code}/{feed}").content.decode(), feed

    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 20), place="繁峙县人民政府网站"
    )
    page = _list(client, town)
    assert number in page and "已变更" in page
    # the change as the public reads it: who changed it, when, the fine before and after
    assert "本决定已于2026年11月18日经繁峙县人民政府行政复议变更" in page
    assert '原决定罚款</dt><dd data-testid="old-amount"><del>人民币60,000.00元' in page
    assert '变更后罚款</dt><dd data-testid="new-amount">人民币40,000.00元' in page
    assert "罚款人民币肆万元整（¥40,000.00）" in page
    detail = client.get(f"/gongshi/{town.code}/decisions/{pk}/").content.decode()
    assert "人民币60,000.00元" in detail and "人民币40,000.00元" in detail
    rss = client.get(f"/gongshi/{town.code}/decisions/rss.xml").content.decode()
    assert (
        "本决定于2026-11-18经繁峙县人民政府行政复议变更，罚款由60,000.00元变更为40,000.00元" in rss
    )
    listing = client.get(f"/gongshi/{town.code}/decisions.json").json()
    (change,) = listing["decisions"][0]["changes"]
    assert change["original_amount"] == "60,000.00" and change["new_amount"] == "40,000.00"
    assert change["decided_on"] == "2026-11-18"


def test_the_list_is_searched_and_filtered_by_year_domain_and_item(
    client, clock, town, notified_case, personas, items
):
    clock.freeze("2026-11-06 10:00")
    decide(notified_case, personas)
    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏"
    )
    number = notified_case.penalty.decision_doc.number
    assert number in _list(client, town, year="2026")
    assert number not in _list(client, town, year="2025")
    assert number in _list(client, town, domain="ecology")
    assert number not in _list(client, town, domain="natural_resources")
    assert number in _list(client, town, item=str(items["dust"].pk))
    assert number not in _list(client, town, item=str(items["coal"].pk))
    assert number in _list(client, town, q="扬尘")
    assert number not in _list(client, town, q="占道")
    # the legal representative's name finds nothing: a masked person stays unknown
    assert number not in _list(client, town, q="周示例")


def test_the_leader_sees_a_decision_not_published_in_7_working_days(
    client, login, clock, town, notified_case, personas
):
    clock.freeze("2026-11-03 10:00")
    decide(notified_case, personas)  # Mon 11-02: 7 working days end Wed 11-11
    login(client, personas.leader)
    assert "warning-danger" not in client.get("/disclosure/").content.decode()
    clock.freeze("2026-11-10 10:00")
    page = client.get("/disclosure/").content.decode()
    assert "warning-warning" in page and "即将到期" in page
    clock.freeze("2026-11-12 10:00")
    page = client.get("/disclosure/").content.decode()
    assert "warning-danger" in page and "已超期" in page and notified_case.number in page
    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 12), place="镇政务公开栏"
    )
    assert "warning-danger" not in client.get("/disclosure/").content.decode()


def test_the_publication_board_is_for_the_team_only(client, login, personas):
    login(client, personas.grid_member)
    assert client.get("/disclosure/").status_code == 403
    client.logout()
    assert client.get("/disclosure/").status_code == 302


def _changed(case, personas, *, kind, body, filed_on, decided_on, new_amount):
    appeal = appeal_file(case=case, actor=personas.officer, kind=kind, body=body, filed_on=filed_on)
    return appeal_decide(
        appeal=appeal,
        actor=personas.officer,
        outcome="changed",
        decided_on=decided_on,
        new_amount=new_amount,
    )


def test_a_withdrawal_recorded_ahead_takes_the_decision_down_on_its_date(
    client, clock, town, notified_case, personas
):
    clock.freeze("2026-11-19 10:00")
    decide(notified_case, personas)
    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏"
    )
    _changed(
        notified_case,
        personas,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 10),
        decided_on=D(2026, 11, 18),
        new_amount=40000,
    )
    decision_disclosure_withdraw(
        case=notified_case,
        actor=personas.officer,
        on=D(2026, 11, 20),
        reason="复议决定变更罚款数额",
    )
    number = notified_case.penalty.decision_doc.number
    pages = {
        "list": f"/gongshi/{town.code}/decisions/",
        "search": f"/gongshi/{town.code}/decisions/?q=扬尘",
        "portal": f"/gongshi/{town.code}/",
        "rss": f"/gongshi/{town.code}/decisions/rss.xml",
        "atom": f"/gongshi/{town.code}/decisions/atom.xml",
        "json": f"/gongshi/{town.code}/decisions.json",
    }
    for name, url in pages.items():  # the day before: still public
        assert number in client.get(url).content.decode(), name
    clock.freeze("2026-11-20 08:00")
    for name, url in pages.items():  # on the withdrawal date: gone everywhere
        assert number not in client.get(url).content.decode(), name


def test_a_decision_changed_twice_shows_each_fine_it_replaced(
    client, clock, town, notified_case, personas
):
    clock.freeze("2026-12-20 10:00")
    decide(notified_case, personas)
    _changed(
        notified_case,
        personas,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 10),
        decided_on=D(2026, 11, 18),
        new_amount=40000,
    )
    _changed(
        notified_case,
        personas,
        kind="lawsuit",
        body="繁峙县人民法院",
        filed_on=D(2026, 11, 25),
        decided_on=D(2026, 12, 15),
        new_amount=30000,
    )
    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 12, 16), place="镇政务公开栏"
    )
    page = client.get(f"/gongshi/{town.code}/decisions/{notified_case.penalty.pk}/")
    text = page.content.decode()
    first, second = text.split('data-testid="change"')[1:]
    assert "2026年11月18日" in first and "人民币60,000.00元" in first
    assert "人民币40,000.00元" in first
    assert "2026年12月15日" in second and "繁峙县人民法院行政诉讼" in second
    assert "<del>人民币40,000.00元</del>" in second and "人民币30,000.00元" in second
    assert "罚款人民币叁万元整（¥30,000.00）" in text
