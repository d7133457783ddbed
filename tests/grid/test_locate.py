import pytest

from zhifa.grid.datum import gcj02_to_wgs84, wgs84_to_gcj02
from zhifa.grid.locate import locate

from .conftest import A, B, C

pytestmark = pytest.mark.django_db


def test_a_point_inside_a_cell_is_located_to_cell_village_and_zone(town, cells):
    found = locate(town=town, lat=39.185, lng=113.265)
    assert (found.cell_code, found.village_name, found.zone_name) == (A, "东街社区", "镇区")


def test_a_point_in_the_rural_village_is_located_to_the_rural_zone(town, cells):
    found = locate(town=town, lat=39.175, lng=113.265)
    assert (found.cell_code, found.village_name, found.zone_name) == (C, "同路村", "镇区外")


def test_a_point_on_the_shared_edge_belongs_to_the_cell_with_the_lower_code(town, cells):
    assert locate(town=town, lat=39.185, lng=113.27).cell_code == A
    assert locate(town=town, lat=39.18, lng=113.265).cell_code == A  # edge between A and C


def test_a_point_on_the_outer_boundary_is_still_inside(town, cells):
    assert locate(town=town, lat=39.19, lng=113.275).cell_code == B


def test_a_point_outside_every_cell_is_outside_the_jurisdiction(town, cells):
    assert locate(town=town, lat=39.175, lng=113.275) is None  # the notch beside C
    assert locate(town=town, lat=39.9, lng=116.4) is None


def test_a_gcj02_point_is_converted_before_it_is_located(town, cells):
    gcj_lat, gcj_lng = wgs84_to_gcj02(39.185, 113.2695)  # near A's east edge
    assert locate(town=town, lat=gcj_lat, lng=gcj_lng, datum="gcj02").cell_code == A
    # taken as WGS-84 the same numbers land ~600 m east, in the wrong cell
    assert locate(town=town, lat=gcj_lat, lng=gcj_lng).cell_code == B


def test_the_other_towns_cells_are_not_used(other_town, cells):
    assert locate(town=other_town, lat=39.185, lng=113.265) is None


def test_a_new_import_is_seen_by_the_next_locate(town, cells):
    from zhifa.grid.services import cells_import

    from .conftest import collection, feature, square

    assert locate(town=town, lat=39.195, lng=113.265) is None
    cells_import(town=town, data=collection(feature("140924101001003", square(113.26, 39.19))))
    assert locate(town=town, lat=39.195, lng=113.265).cell_code == "140924101001003"


def test_gcj02_matches_the_published_reference_value():
    # gcoord's test: GCJ-02 (45, 123) ↔ WGS-84 (44.99804071, 122.99395597)
    lat, lng = gcj02_to_wgs84(45.0, 123.0)
    assert lat == pytest.approx(44.99804071, abs=1e-5)
    assert lng == pytest.approx(122.99395597, abs=1e-5)


def test_gcj02_round_trip_is_within_a_centimetre():
    lat, lng = gcj02_to_wgs84(*wgs84_to_gcj02(39.1832, 113.2655))
    assert abs(lat - 39.1832) < 1e-7 and abs(lng - 113.2655) < 1e-7


def test_points_outside_china_are_not_shifted():
    assert wgs84_to_gcj02(48.8566, 2.3522) == (48.8566, 2.3522)


def test_the_locate_api_answers_cell_village_and_zone(personas, cells, api_client):
    answer = (
        api_client(personas.officer)
        .get("/api/v1/grid/locate", {"lat": 39.185, "lng": 113.265})
        .json()
    )
    assert answer["inside"] is True
    assert answer["cell_code"] == A
    assert answer["village"] == "东街社区"


def test_the_locate_api_says_outside_in_chinese(personas, cells, api_client):
    answer = (
        api_client(personas.officer).get("/api/v1/grid/locate", {"lat": 40.0, "lng": 114.0}).json()
    )
    assert answer == {**answer, "inside": False, "message": "不在本镇管辖范围内"}


def test_the_locate_api_takes_gcj02(personas, cells, api_client):
    lat, lng = wgs84_to_gcj02(39.185, 113.2695)
    answer = (
        api_client(personas.officer)
        .get("/api/v1/grid/locate", {"lat": lat, "lng": lng, "datum": "gcj02"})
        .json()
    )
    assert answer["cell_code"] == A


def test_the_locate_api_refuses_an_unknown_datum(personas, cells, api_client):
    response = api_client(personas.officer).get(
        "/api/v1/grid/locate", {"lat": 39.185, "lng": 113.265, "datum": "bd09"}
    )
    assert response.status_code == 422
    assert "gcj02" in response.json()["message"]


def test_the_locate_api_refuses_an_anonymous_caller(client, cells):
    assert client.get("/api/v1/grid/locate", {"lat": 39.185, "lng": 113.265}).status_code == 401
