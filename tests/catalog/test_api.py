"""GET /api/v1/catalog/items (q, type, domain, department, held), detail, departments, summary."""

import pytest

pytestmark = pytest.mark.django_db


def test_items_filter_by_text_type_and_holding(catalog, api_client):
    client = api_client(catalog.officer)
    found = client.get("/api/v1/catalog/items", {"q": "扬尘", "held": "true"}).json()
    codes = {i["code"] for i in found["items"]}
    assert "SH-ZJ-001" in codes and all(i["held"] for i in found["items"])
    coercion = client.get("/api/v1/catalog/items", {"type": "coercion", "limit": 100}).json()[
        "items"
    ]
    assert coercion and all(i["type"] == "coercion" for i in coercion)
    not_held = client.get(
        "/api/v1/catalog/items", {"domain": "natural_resources", "held": "false"}
    ).json()["items"]
    assert {"SH-ZR-001", "SH-ZR-002"} <= {i["code"] for i in not_held}


def test_items_filter_by_department(catalog, api_client):
    client = api_client(catalog.officer)
    departments = client.get("/api/v1/catalog/departments").json()
    fire = next(d for d in departments if d["name"] == "繁峙县消防救援大队")
    items = client.get("/api/v1/catalog/items", {"department": fire["id"]}).json()
    assert items["count"] == fire["item_count"] == 6


def test_held_answers_for_the_day_asked(catalog, api_client, item_of):
    client = api_client(catalog.officer)
    pk = item_of(catalog.town, "SH-ST-005").pk  # 露天烧烤: withdrawn after 2024-06-30
    assert client.get(f"/api/v1/catalog/items/{pk}", {"on": "2024-06-30"}).json()["held"] is True
    assert client.get(f"/api/v1/catalog/items/{pk}", {"on": "2024-07-01"}).json()["held"] is False


def test_item_detail_carries_provisions_with_dates_and_fine_rules(catalog, api_client, item_of):
    detail = (
        api_client(catalog.officer)
        .get(f"/api/v1/catalog/items/{item_of(catalog.town, 'SH-ZR-002').pk}")
        .json()
    )
    assert detail["held"] is False
    assert any(p["effective_from"] == "2025-07-01" for p in detail["provisions"])
    assert any(p["effective_to"] == "2025-06-30" for p in detail["provisions"])
    assert any("矿产品价值的3-5倍" in r["text"] for r in detail["fine_rules"])
    assert "notes" not in detail


def test_the_summary_adds_up(catalog, api_client):
    summary = api_client(catalog.leader).get("/api/v1/catalog/summary").json()
    assert summary["held"] == sum(r["held"] for r in summary["by_type"])
    assert summary["equation"].startswith(f"{summary['held']} = ")


def test_a_county_liaison_reads_the_town_it_supervises(catalog, api_client):
    items = api_client(catalog.department).get("/api/v1/catalog/items").json()
    assert items["count"] > 60


def test_the_api_refuses_anonymous_callers(client):
    response = client.get("/api/v1/catalog/items")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_another_towns_item_is_not_found(catalog, api_client, item_of):
    response = api_client(catalog.outsider).get(
        f"/api/v1/catalog/items/{item_of(catalog.town, 'SH-ZJ-001').pk}"
    )
    assert response.status_code == 404
    assert response.json()["message"] == "未找到该事项"
