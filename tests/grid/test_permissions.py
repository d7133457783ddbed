import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from zhifa.core.errors import DomainError, Forbidden
from zhifa.grid.models import PatrolCheckIn, PatrolFinding
from zhifa.grid.services import (
    grid_member_assign,
    patrol_check_in,
    patrol_finding_report,
    patrol_plan,
)

from .conftest import A, B, C

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(personas, cells):
    grid_member_assign(town=personas.town, user=personas.grid_member, cells=[cells[C]])
    return personas.grid_member


@pytest.fixture
def patrol(personas, cells, member):
    now = timezone.now()
    return patrol_plan(
        town=personas.town,
        patroller=member,
        title="同路村巡查",
        starts_at=now,
        ends_at=now + timezone.timedelta(hours=3),
        cells=[cells[C]],
    )


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("现场.png", buffer.getvalue(), content_type="image/png")


def test_a_grid_member_sees_only_their_own_cells_in_the_api(member, api_client):
    features = api_client(member).get("/api/v1/grid/cells").json()["features"]
    assert [f["properties"]["code"] for f in features] == [C]


def test_an_officer_sees_every_cell_of_the_town(personas, cells, api_client):
    features = api_client(personas.officer).get("/api/v1/grid/cells").json()["features"]
    assert sorted(f["properties"]["code"] for f in features) == sorted([A, B, C])


def test_another_towns_leader_sees_none_of_these_cells(personas, cells, api_client):
    assert api_client(personas.outsider).get("/api/v1/grid/cells").json()["features"] == []


def test_a_grid_member_may_not_read_the_subject_list(member, client, login, api_client):
    assert login(client, member).get("/grid/subjects/").status_code == 403
    assert api_client(member).get("/api/v1/grid/subjects").status_code == 403


def test_a_county_department_may_not_open_the_grid_map(personas, client, login):
    assert login(client, personas.department).get("/grid/").status_code == 403


def test_the_map_page_tells_a_grid_member_how_many_cells_are_theirs(member, client, login):
    page = login(client, member).get("/grid/").content.decode()
    assert "共 1 个网格" in page


def test_a_check_in_is_placed_in_its_cell_with_its_photo(patrol, member, client, login):
    response = login(client, member).post(
        f"/grid/patrols/{patrol.pk}/check-in/",
        {"lat": 39.175, "lng": 113.265, "photo": png()},
        follow=True,
    )
    checkin = PatrolCheckIn.objects.get()
    assert checkin.cell.code == C and checkin.photo.name.endswith(".png")
    assert f"签到成功（网格 {C}）" in response.content.decode()


def test_a_file_that_only_claims_to_be_a_photo_is_refused(patrol, member):
    fake = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(DomainError, match="不是有效的图片"):
        patrol_check_in(patrol=patrol, user=member, lat=39.175, lng=113.265, photo=fake)
    assert PatrolCheckIn.objects.count() == 0


def test_only_the_patroller_may_check_in(patrol, personas):
    with pytest.raises(Forbidden):
        patrol_check_in(patrol=patrol, user=personas.officer, lat=39.175, lng=113.265)


def test_another_patrollers_patrol_page_is_not_found_for_an_officer(
    patrol, personas, client, login
):
    assert login(client, personas.officer).get(f"/grid/patrols/{patrol.pk}/").status_code == 404


def test_a_finding_is_located_to_its_cell_and_taken_as_a_lead_at_once(patrol, member, personas):
    finding = patrol_finding_report(
        town=personas.town,
        user=member,
        patrol=patrol,
        lat=39.175,
        lng=113.265,
        description="北山发现新挖土坑，疑似私挖铁矿",
    )
    from zhifa.grid.selectors import findings_untaken

    assert finding.cell.code == C
    assert finding.taken_ref.startswith("XS") and finding.taken_at is not None
    assert list(findings_untaken(personas.town)) == []


def test_an_empty_finding_is_refused(patrol, member, personas):
    with pytest.raises(DomainError, match="写明发现的情况"):
        patrol_finding_report(town=personas.town, user=member, patrol=patrol, description=" ")
    assert PatrolFinding.objects.count() == 0


def test_a_grid_member_sees_only_their_own_findings(patrol, member, personas, api_client):
    patrol_finding_report(
        town=personas.town, user=member, patrol=patrol, description="村口有暴露垃圾"
    )
    patrol_finding_report(town=personas.town, user=personas.officer, description="振华街占道经营")
    mine = api_client(member).get("/api/v1/grid/findings").json()
    assert [f["description"] for f in mine] == ["村口有暴露垃圾"]


def test_a_squadron_leader_plans_a_patrol_for_a_grid_member(
    personas, member, client, login, places, clock
):
    clock.freeze("2026-11-26 16:00")
    response = login(client, personas.squadron_leader).post(
        "/grid/patrols/new/",
        {
            "patroller": member.pk,
            "title": "同路村夜间巡查",
            "kind": "area",
            "day": "2026-11-27",
            "start": "19:00",
            "end": "22:00",
            "villages": ["002"],
        },
        follow=True,
    )
    assert "已安排巡查任务“同路村夜间巡查”" in response.content.decode()
    from zhifa.grid.models import Patrol

    patrol = Patrol.objects.get(title="同路村夜间巡查")
    assert [c.code for c in patrol.cells.all()] == [C]


def test_a_patrol_ending_before_it_starts_is_refused(personas, member, client, login, clock):
    clock.freeze("2026-11-26 16:00")
    response = login(client, personas.squadron_leader).post(
        "/grid/patrols/new/",
        {
            "patroller": member.pk,
            "title": "颠倒",
            "kind": "area",
            "day": "2026-11-27",
            "start": "19:00",
            "end": "18:00",
        },
    )
    page = response.content.decode()
    assert response.status_code == 422 and "结束时间应晚于开始时间" in page
    assert 'value="颠倒"' in page and 'value="2026-11-27"' in page  # what was typed is kept


def test_an_officer_may_not_plan_patrols(personas, member, client, login):
    assert login(client, personas.officer).post("/grid/patrols/new/", {}).status_code == 403
