import datetime as dt

import pytest
from django.utils import timezone

from zhifa.core.errors import DomainError
from zhifa.team.selectors import certificates_expiring, on_duty_at
from zhifa.team.services import duty_shift_add, liaison_set, officer_register

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_certificate_expiring_within_30_days_is_flagged(town, make_officer):
    make_officer(
        name="将到期", valid=(TODAY - dt.timedelta(days=700), TODAY + dt.timedelta(days=30))
    )
    make_officer(name="还早", valid=(TODAY - dt.timedelta(days=700), TODAY + dt.timedelta(days=31)))
    assert [c.officer.name for c in certificates_expiring(town, today=TODAY)] == ["将到期"]


def test_the_roster_page_warns_of_an_expiring_certificate(client, login, personas, make_officer):
    today = timezone.localdate()
    make_officer(
        name="将到期", valid=(today - dt.timedelta(days=700), today + dt.timedelta(days=12))
    )
    page = login(client, personas.leader).get("/team/").content.decode()
    assert "1 本执法证将在 30 日内到期" in page
    assert "12 天后到期" in page


def test_duties_of_an_auxiliary_are_several(town, make_user, squadrons):
    user = make_user(roles=["auxiliary"], town=town, full_name="辅助甲")
    officer = officer_register(
        town=town, user=user, employment="auxiliary", duties=["patrol", "recorder", "patrol"]
    )
    assert officer.duty_labels == ["巡查员", "记录员"]


def test_an_unknown_duty_is_refused(town, make_user, squadrons):
    user = make_user(roles=["auxiliary"], town=town)
    with pytest.raises(DomainError, match="未知的辅助岗位"):
        officer_register(town=town, user=user, employment="auxiliary", duties=["driver"])


def test_a_liaison_links_an_officer_to_a_county_body_and_a_leader(
    personas, make_officer, departments, domains
):
    officer = make_officer(name="甲")
    liaison = liaison_set(
        officer=officer,
        domain=domains["natural_resources"],
        department=departments["繁峙县规划和自然资源综合行政执法队"],
        leader=personas.leader,
    )
    assert liaison.officer.liaison == liaison


def test_a_liaison_to_a_department_of_another_domain_is_refused(
    personas, make_officer, departments, domains
):
    with pytest.raises(DomainError, match="不负责“自然资源”领域"):
        liaison_set(
            officer=make_officer(),
            domain=domains["natural_resources"],
            department=departments["繁峙县市场监督管理局"],
            leader=personas.leader,
        )


def test_a_liaison_to_the_court_is_refused(personas, make_officer, departments, domains):
    with pytest.raises(DomainError, match="只能对接县直部门或县级综合行政执法队"):
        liaison_set(
            officer=make_officer(),
            domain=domains["market"],
            department=departments["繁峙县人民法院"],
            leader=personas.leader,
        )


def test_a_liaison_leader_must_be_a_town_leader(personas, make_officer, departments, domains):
    with pytest.raises(DomainError, match="镇领导"):
        liaison_set(
            officer=make_officer(),
            domain=domains["market"],
            department=departments["繁峙县市场监督管理局"],
            leader=personas.officer,
        )


def test_the_liaison_matrix_shows_officer_department_and_leader(
    client, login, personas, make_officer, departments, domains
):
    liaison_set(
        officer=make_officer(name="甲队员"),
        domain=domains["market"],
        department=departments["繁峙县市场监管综合行政执法队"],
        leader=personas.leader,
        leader_title="镇长",
    )
    page = login(client, personas.department).get("/team/liaison/").content.decode()
    assert "甲队员" in page and "繁峙县市场监管综合行政执法队" in page and "队长甲" in page


def shift(officer, kind, start_hour, hours, day=TODAY):
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time(start_hour), tz)
    return duty_shift_add(
        officer=officer, kind=kind, starts_at=start, ends_at=start + dt.timedelta(hours=hours)
    )


def test_who_is_on_duty_and_on_call_at_a_moment(town, make_officer):
    a, b, c = make_officer(name="定点"), make_officer(name="备勤"), make_officer(name="下午")
    shift(a, "fixed", 8, 10)
    shift(b, "on_call", 0, 24)
    shift(c, "patrol", 14, 4)
    at = dt.datetime.combine(TODAY, dt.time(10), timezone.get_current_timezone())
    assert sorted(s.officer.name for s in on_duty_at(town, at)) == ["备勤", "定点"]


def test_overlapping_shifts_of_one_officer_are_refused(make_officer):
    a = make_officer(name="甲")
    shift(a, "fixed", 8, 10)
    with pytest.raises(DomainError, match="已有班次"):
        shift(a, "patrol", 14, 4)


def test_the_duty_api_answers_who_is_on_duty_now(personas, make_officer, api_client):
    a = make_officer(name="当班")
    now = timezone.now()
    duty_shift_add(
        officer=a,
        kind="fixed",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
    )
    answer = api_client(personas.officer).get("/api/v1/team/duty/now").json()
    assert [(r["officer"], r["kind_label"]) for r in answer] == [("当班", "定点值守")]


def test_the_locate_api_names_the_squadron_of_the_zone(personas, squadrons, cells, api_client):
    answer = (
        api_client(personas.officer)
        .get("/api/v1/grid/locate", {"lat": 39.175, "lng": 113.265})
        .json()
    )
    assert (answer["zone"], answer["squadron"]) == ("镇区外", "镇区外中队")


def test_the_squadron_page_counts_villages_cells_and_officers(
    client, login, personas, squadrons, cells, make_officer
):
    officer = make_officer(name="外勤甲", squadron=squadrons["rural"])
    page = login(client, personas.leader).get("/team/squadrons/").content.decode()
    assert "镇区外中队" in page
    assert f'href="/team/officers/{officer.pk}/">外勤甲</a>' in page


def test_the_public_page_shows_names_and_certificate_numbers_without_login(
    client, personas, make_officer
):
    make_officer(name="公示甲", phone="13912345678")
    make_officer(
        name="过期乙",
        valid=(TODAY - dt.timedelta(days=900), timezone.localdate() - dt.timedelta(days=1)),
    )
    make_officer(name="辅助丙", employment="auxiliary", valid=None)
    page = client.get(f"/team/public/{personas.town.code}/").content.decode()
    assert "公示甲" in page and "T00001" in page
    assert "13912345678" not in page
    assert "过期乙" not in page and "辅助丙" not in page


def test_the_public_page_of_an_unknown_town_is_not_found(client, db):
    assert client.get("/team/public/999999999/").status_code == 404


@pytest.mark.parametrize("url", ["/team/", "/team/squadrons/", "/team/duty/", "/team/liaison/"])
def test_a_grid_member_may_not_open_the_team_pages(client, login, personas, url):
    assert login(client, personas.grid_member).get(url).status_code == 403


@pytest.mark.parametrize("url", ["/team/", "/team/squadrons/", "/team/duty/", "/team/liaison/"])
def test_team_pages_need_a_login(client, db, url):
    assert client.get(url).status_code == 302


def test_another_towns_leader_does_not_see_this_towns_officers(personas, make_officer, api_client):
    make_officer(name="本镇甲")
    assert api_client(personas.outsider).get("/api/v1/team/officers").json() == []


def test_the_officer_api_lists_certificates_and_status(personas, make_officer, api_client):
    make_officer(name="甲")
    [row] = api_client(personas.officer).get("/api/v1/team/officers").json()
    assert row["certificate_status"] == "valid" and row["certificates"][0]["number"] == "T00001"
