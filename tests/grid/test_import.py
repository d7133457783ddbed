import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhifa.core.errors import DomainError
from zhifa.grid.datum import wgs84_to_gcj02
from zhifa.grid.models import GridCell
from zhifa.grid.services import cells_import

from .conftest import A, B, collection, feature, square

pytestmark = pytest.mark.django_db


def refused(town, data, **kwargs) -> str:
    with pytest.raises(DomainError) as error:
        cells_import(town=town, data=data, **kwargs)
    return error.value.message


def test_a_clean_file_is_imported_with_areas_and_centres(town, places):
    result = cells_import(town=town, data=collection(feature(A, square(113.26, 39.18), "东街一格")))
    cell = GridCell.objects.get(code=A)
    assert (result.created, result.updated) == (1, 0)
    assert cell.village == places["v1"]
    assert 740_000 < cell.area_m2 < 960_000  # 0.01° × 0.01° at 39° N ≈ 0.86 km²
    assert cell.center_lat == pytest.approx(39.185, abs=0.005)


def test_overlapping_cells_are_refused_naming_both_and_nothing_is_saved(town, places):
    message = refused(
        town,
        collection(feature(A, square(113.26, 39.18)), feature(B, square(113.265, 39.18))),
    )
    assert A in message and B in message and "重叠" in message
    assert GridCell.objects.count() == 0


def test_a_strip_wider_than_a_sliver_is_refused(town, places):
    message = refused(
        town,
        collection(feature(A, square(113.26, 39.18)), feature(B, square(113.27 - 0.00005, 39.18))),
    )
    assert "平均宽约 4" in message
    assert GridCell.objects.count() == 0


def test_a_cell_overlapping_a_stored_cell_is_refused(town, cells):
    message = refused(town, collection(feature("140924101001009", square(113.275, 39.185))))
    assert "140924101001009" in message and B in message
    assert GridCell.objects.count() == 3


def test_a_sliver_within_the_tolerance_is_accepted(town, places):
    sliver = 0.000005  # about 0.4 m wide along a 1.1 km edge: a drawing sliver, ~480 m²
    cells_import(
        town=town,
        data=collection(
            feature(A, square(113.26, 39.18)), feature(B, square(113.27 - sliver, 39.18))
        ),
    )
    assert GridCell.objects.count() == 2


def test_a_code_that_is_not_15_digits_is_refused(town, places):
    message = refused(town, collection(feature("14092410100101", square(113.26, 39.18))))
    assert "15 位数字" in message
    assert GridCell.objects.count() == 0


def test_a_code_of_another_town_is_refused(town, places):
    message = refused(town, collection(feature("140924103001001", square(113.26, 39.18))))
    assert "与本镇代码 140924101 不符" in message


def test_a_code_naming_an_unknown_village_is_refused(town, places):
    message = refused(town, collection(feature("140924101099001", square(113.26, 39.18))))
    assert "村（社区）代码 099" in message


def test_a_self_intersecting_polygon_is_refused(town, places):
    bow_tie = {
        "type": "Polygon",
        "coordinates": [
            [[113.26, 39.18], [113.27, 39.19], [113.27, 39.18], [113.26, 39.19], [113.26, 39.18]]
        ],
    }
    message = refused(town, collection(feature(A, bow_tie)))
    assert A in message and "自相交" in message


def test_a_point_instead_of_a_polygon_is_refused(town, places):
    message = refused(
        town, collection(feature(A, {"type": "Point", "coordinates": [113.26, 39.18]}))
    )
    assert "应为 Polygon" in message


def test_latitude_and_longitude_swapped_are_refused(town, places):
    message = refused(town, collection(feature(A, square(39.18, 113.26))))
    assert "超出经纬度范围" in message


def test_all_problems_are_listed_and_the_good_cells_are_not_saved_either(town, places):
    with pytest.raises(DomainError) as error:
        cells_import(
            town=town,
            data=collection(
                feature(A, square(113.26, 39.18)),
                feature("1", square(113.27, 39.18)),
                feature("140924101099001", square(113.28, 39.18)),
            ),
        )
    assert len(error.value.details["errors"]) == 2
    assert GridCell.objects.count() == 0


def test_a_file_that_is_not_json_is_refused(town, places):
    assert "不是有效的 GeoJSON" in refused(town, b"\x89PNG not json")


def test_reimporting_a_code_updates_its_boundary(town, cells):
    result = cells_import(town=town, data=collection(feature(A, square(113.26, 39.181, 0.009))))
    assert (result.created, result.updated) == (0, 1)
    assert GridCell.objects.get(code=A).geometry["coordinates"][0][0] == [113.26, 39.181]


def test_gcj02_boundaries_are_stored_in_wgs84(town, places):
    ring = [
        list(reversed(wgs84_to_gcj02(lat, lng)))
        for lng, lat in square(113.26, 39.18)["coordinates"][0]
    ]
    cells_import(
        town=town,
        data=collection(feature(A, {"type": "Polygon", "coordinates": [ring]})),
        datum="gcj02",
    )
    first = GridCell.objects.get(code=A).geometry["coordinates"][0][0]
    assert first == pytest.approx([113.26, 39.18], abs=1e-6)


def test_the_leader_imports_a_file_from_the_page(client, login, personas, places):
    data = json.dumps(collection(feature(A, square(113.26, 39.18)))).encode()
    upload = SimpleUploadedFile("cells.geojson", data, content_type="application/geo+json")
    response = login(client, personas.leader).post(
        "/grid/import/", {"file": upload, "datum": "wgs84"}, follow=True
    )
    assert "新增网格 1 个" in response.content.decode()


def test_a_refused_file_shows_the_reason_on_the_page(client, login, personas, places):
    data = json.dumps(collection(feature("123", square(113.26, 39.18)))).encode()
    upload = SimpleUploadedFile("cells.geojson", data)
    response = login(client, personas.leader).post(
        "/grid/import/", {"file": upload, "datum": "wgs84"}
    )
    assert response.status_code == 400
    assert "15 位数字" in response.content.decode()


def test_an_officer_may_not_import_cells(client, login, personas, places):
    assert login(client, personas.officer).get("/grid/import/").status_code == 403
