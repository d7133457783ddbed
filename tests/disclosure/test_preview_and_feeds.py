"""The staff preview shows exactly what the public will see; a decision on a minor or one the
leader withholds is never public; the feeds and the JSON listing carry the public view."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from zhifa.cases.models import CaseEvent
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.models import Deadline
from zhifa.disclosure.models import Withholding
from zhifa.disclosure.services import decision_withhold
from zhifa.disclosure.sources import decision_disclose

from .conftest import decide

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def person(town, cells):
    from zhifa.grid.services import subject_register

    def make(name: str, id_number: str):
        return subject_register(
            town=town,
            kind="individual",
            name=name,
            id_number=id_number,
            phone="13912345678",
            address="繁峙县砂河镇山会村三组12号",
        )

    return make


@pytest.fixture
def person_case(new_case, personas, dust_rules, person):
    """S5's steps with a natural person as the party (the facts name him and his phone)."""
    from zhifa.cases.services import case_file, case_start_investigation
    from zhifa.penalty.services import notice_serve, penalty_propose

    def make(name: str, id_number: str):
        party = person(name, id_number)
        case = new_case(item_keys=("dust",), parties=[party], act_date=D(2026, 8, 18))
        case_file(case=case, actor=personas.officer, approved_by=personas.leader, on=D(2026, 9, 8))
        case_start_investigation(case=case, actor=personas.officer, on=D(2026, 9, 8))
        penalty_propose(
            case=case,
            actor=personas.officer,
            proposal="penalty",
            reason="属一般情形",
            amount=20000,
            level="ordinary",
            facts=f"{name}（电话13912345678）自建房施工未设置围挡，裸土未覆盖",
            evidence=["现场检查笔录1份"],
            violated="《中华人民共和国大气污染防治法》第六十九条第三款",
            basis="《中华人民共和国大气污染防治法》第一百一十五条第一款第一项",
            on=D(2026, 9, 25),
        )
        notice_serve(case=case, actor=personas.officer, served_on=D(2026, 9, 29))
        case.refresh_from_db()
        decide(case, personas)
        return case

    return make


def test_the_preview_shows_the_public_text_of_a_natural_persons_decision(
    client, login, clock, town, personas, person_case
):
    clock.freeze("2026-11-06 10:00")
    case = person_case("郑示民", "140924198803150019")
    login(client, personas.officer)
    preview = client.get(f"/disclosure/preview/{case.pk}/").content.decode()
    assert "尚未公示" in preview
    decision_disclose(case=case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏")
    client.logout()
    public = client.get(f"/gongshi/{town.code}/decisions/{case.penalty.pk}/").content.decode()
    for page in (preview, public):
        assert "郑某某" in page and "郑示民" not in page
        assert "13912345678" not in page and "140924198803150019" not in page
        assert "繁峙县砂河镇山会村" in page and "三组12号" not in page
        assert "自建房施工未设置围挡" in page


def test_a_decision_on_a_minor_is_never_public(client, login, clock, town, personas, person_case):
    clock.freeze("2026-11-06 10:00")
    case = person_case("冯示少", "140924201003150015")  # 16 on the act date
    decision_disclose(case=case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏")
    assert (
        case.penalty.decision_doc.number
        not in client.get(f"/gongshi/{town.code}/decisions/").content.decode()
    )
    assert client.get(f"/gongshi/{town.code}/decisions/{case.penalty.pk}/").status_code == 404
    login(client, personas.officer)
    assert "当事人为未成年人" in client.get(f"/disclosure/preview/{case.pk}/").content.decode()


def test_the_leader_withholds_a_decision_on_the_record_and_its_clock_stops(
    client, login, clock, town, personas, person_case
):
    clock.freeze("2026-11-06 10:00")
    case = person_case("郑示民", "140924198803150019")
    url = f"/disclosure/preview/{case.pk}/"
    login(client, personas.officer)
    assert client.post(url, {"reason": "privacy"}).status_code == 403
    login(client, personas.leader)
    response = client.post(url, {"reason": "other", "note": ""})
    assert "请写明不予公开所依据的法律、法规规定" in response.content.decode()
    assert not Withholding.objects.exists()
    response = client.post(url, {"reason": "privacy", "note": "涉及当事人家庭隐私"})
    assert response.status_code == 302
    assert Withholding.objects.get(case=case).reason == "privacy"
    assert Deadline.objects.get(kind="disclosure").status == "cancelled"
    event = CaseEvent.objects.filter(case=case).last()
    assert event.event_type == "disclosure_withheld" and "涉及个人隐私" in event.summary
    # even a publication recorded by mistake does not reach the public
    decision_disclose(case=case, actor=personas.officer, on=D(2026, 11, 6), place="镇政务公开栏")
    client.logout()
    assert client.get(f"/gongshi/{town.code}/decisions/{case.penalty.pk}/").status_code == 404


def test_a_published_decision_must_be_withdrawn_before_it_is_withheld(clock, personas, person_case):
    clock.freeze("2026-11-06 10:00")
    case = person_case("郑示民", "140924198803150019")
    decision_disclose(case=case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏")
    with pytest.raises(DomainError, match="请先登记撤下公示"):
        decision_withhold(case=case, actor=personas.leader, reason="privacy")
    with pytest.raises(Forbidden):
        decision_withhold(case=case, actor=personas.officer, reason="privacy")
    assert not Withholding.objects.exists()


def test_the_feeds_and_the_json_listing_carry_the_masked_decision(
    client, clock, town, personas, person_case
):
    clock.freeze("2026-11-06 10:00")
    case = person_case("郑示民", "140924198803150019")
    decision_disclose(case=case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏")
    number = case.penalty.decision_doc.number
    rss = client.get(f"/gongshi/{town.code}/decisions/rss.xml")
    assert rss["Content-Type"].startswith("application/rss+xml")
    atom = client.get(f"/gongshi/{town.code}/decisions/atom.xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for body in (rss.content.decode(), atom.content.decode()):
        assert number in body and "郑某某" in body and "郑示民" not in body
    data = json.loads(client.get(f"/gongshi/{town.code}/decisions.json").content)
    assert data["count"] == 1 and data["town"]["code"] == town.code
    row = data["decisions"][0]
    assert row["document_number"] == number and row["party"]["name"] == "郑某某"
    assert row["decided_on"] == "2026-11-02" and row["disclosed_on"] == "2026-11-05"
    assert "13912345678" not in json.dumps(data, ensure_ascii=False)
    assert client.get("/gongshi/999999999/decisions.json").status_code == 404
