"""Input at the edge (issue 13): lengths on both databases, NUL characters, pages and ranges,
malformed multipart, and production errors in the one JSON shape or the Chinese error page.

The suite runs on SQLite and, in CI, on PostgreSQL (DATABASE_URL): each test holds on both.
"""

from __future__ import annotations

import pytest
from django.test import Client

from zhifa.intake.models import Lead

LEADS = "/api/v1/intake/leads"


def _lead(api: Client, **extra: str) -> dict:
    data = {"source": "report", "text": "有人在同路村私挖铁矿", "address": "同路村", **extra}
    answer = api.post(LEADS, data)
    assert answer.status_code == 201, answer.content
    return answer.json()


def _refused(answer, status: int, code: str) -> dict:
    assert answer.status_code == status, answer.content
    body = answer.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    return body


# --- lengths -----------------------------------------------------------------------------------------


def test_a_201_character_address_is_refused_by_the_schema_and_nothing_is_stored(
    personas, api_client
):
    api = api_client(personas.leader)
    answer = api.post(LEADS, {"source": "report", "text": "私挖铁矿", "address": "村" * 201})
    body = _refused(answer, 422, "validation_error")
    assert body["details"]["errors"][0]["loc"][-1] == "address"
    assert not Lead.objects.filter(text="私挖铁矿").exists()


def test_the_schema_documents_the_columns_length(client):
    schema = client.get("/api/v1/openapi.json").json()
    register = schema["components"]["schemas"]["RegisterIn"]["properties"]
    assert register["cause"]["maxLength"] == 200
    assert register["address"]["maxLength"] == 200


@pytest.mark.parametrize("field, limit", [("source_ref", 60), ("address", 200)])
def test_a_text_longer_than_its_column_is_refused_in_chinese_on_every_save(personas, field, limit):
    """The floor under every path (services, commands, jobs, the admin): before the guard
    PostgreSQL raised a DataError (a 500) and SQLite stored the whole text."""
    from zhifa.core.errors import DomainError

    lead = Lead(town=personas.town, source="report", text="同路村有人私挖铁矿")
    setattr(lead, field, "村" * (limit + 1))
    with pytest.raises(DomainError) as refused:
        lead.save()
    assert refused.value.status == 422 and refused.value.code == "too_long"
    assert f"不能超过 {limit} 个字符" in refused.value.message
    assert refused.value.details["field"] == field
    assert Lead.objects.count() == 0


def test_a_350000_character_text_is_refused_not_stored(personas, api_client):
    api = api_client(personas.leader)
    answer = api.post(LEADS, {"source": "report", "text": "矿" * 350_000, "address": "同路村"})
    _refused(answer, 422, "validation_error")
    assert Lead.objects.count() == 0


# --- NUL characters -------------------------------------------------------------------------------------


def test_a_nul_in_a_query_is_refused_with_the_json_error_shape(personas, api_client):
    answer = api_client(personas.leader).get("/api/v1/cases/", {"q": "铁\x00矿"})
    assert "NUL" in _refused(answer, 400, "bad_request")["message"]


def test_a_nul_in_a_json_body_is_refused_and_nothing_changes(personas, api_client):
    api = api_client(personas.leader)
    lead = _lead(api)
    answer = api.post(
        f"{LEADS}/{lead['id']}/dismiss", {"reason": "重复\x00反映"}, content_type="application/json"
    )
    _refused(answer, 400, "bad_request")
    assert Lead.objects.get(pk=lead["id"]).status == lead["status"]


def test_a_nul_in_a_form_field_is_refused(personas, api_client):
    answer = api_client(personas.leader).post(
        LEADS, {"source": "report", "text": "私挖\x00铁矿", "address": "同路村"}
    )
    _refused(answer, 400, "bad_request")
    assert Lead.objects.count() == 0


def test_a_page_refuses_a_nul_with_the_chinese_error_page(personas, client, login):
    login(client, personas.leader)
    answer = client.get("/cases/", {"q": "\x00"})
    assert answer.status_code == 400
    assert "请求有误" in answer.content.decode()


# --- pages and ranges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"offset": -1},
        {"offset": 10**7},
        {"limit": 0},
        {"limit": 10_000},
        {"limit": -5},
    ],
)
def test_pages_out_of_range_are_refused(personas, api_client, query):
    api = api_client(personas.leader)
    _refused(api.get("/api/v1/cases/", query), 422, "validation_error")
    _refused(api.get("/api/v1/documents/", query), 422, "validation_error")


def test_an_id_past_64_bits_is_not_found_not_a_crash(personas, api_client):
    api = api_client(personas.leader)
    _refused(api.get(f"/api/v1/cases/{2**70}"), 404, "not_found")
    _refused(api.get(f"{LEADS}/{2**70}"), 404, "not_found")


def test_ids_and_day_counts_in_a_body_are_range_checked(personas, api_client):
    api = api_client(personas.leader)
    lead = _lead(api)
    answer = api.post(
        f"{LEADS}/{lead['id']}/case",
        {"item_codes": ["X"], "cause": "私挖铁矿案", "handler_ids": [2**70]},
        content_type="application/json",
    )
    _refused(answer, 422, "validation_error")
    answer = api.post(
        "/api/v1/12345/orders/A001/extension",
        {"days": 10**9, "reason": "需现场核实"},
        content_type="application/json",
    )
    _refused(answer, 422, "validation_error")


@pytest.mark.parametrize(
    "query",
    [
        {"start": "9999-12-31", "days": 3650},
        {"start": "0001-01-01", "days": 5},
        {"start": "2026-13-01", "days": 5},
    ],
)
def test_dates_the_calendar_cannot_hold_are_refused_not_crashed(personas, api_client, query):
    answer = api_client(personas.leader).get("/api/v1/workdays/add", query)
    assert answer.status_code == 422, answer.content
    assert answer.json()["code"] in {"validation_error", "out_of_range", "invalid"}


# --- malformed multipart ----------------------------------------------------------------------------------


BODY = b'--B\r\nContent-Disposition: form-data; name="text"\r\n\r\nsiwa\r\n--B--\r\n'


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=" + "B" * 300],
)
def test_a_malformed_multipart_body_is_a_400_in_the_api(personas, api_client, content_type):
    """No boundary, or one longer than RFC 2046 allows: the body cannot be parsed."""
    answer = api_client(personas.leader).generic("POST", LEADS, BODY, content_type=content_type)
    _refused(answer, 400, "bad_request")
    assert Lead.objects.count() == 0


def test_a_malformed_multipart_body_is_a_400_page(personas, client, login):
    login(client, personas.leader)
    answer = client.generic("POST", "/intake/new/", b"x", content_type="multipart/form-data")
    assert answer.status_code == 400
    assert "请求有误" in answer.content.decode()


# --- production errors (DEBUG off) ---------------------------------------------------------------------------


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_an_unknown_api_path_answers_the_json_shape(production):
    answer = production.get("/api/v1/no-such-thing")
    _refused(answer, 404, "not_found")


def test_an_unknown_page_answers_the_chinese_error_page(production, personas, login):
    login(production, personas.leader)
    answer = production.get("/no-such-page/")
    assert answer.status_code == 404
    assert "页面不存在" in answer.content.decode()


def test_a_server_error_in_the_api_answers_the_json_shape(production, personas, monkeypatch):
    from zhifa.accounts.services import token_create
    from zhifa.cases import selectors

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "case_list", broken)
    _, raw = token_create(user=personas.leader, name="测试")
    answer = production.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = _refused(answer, 500, "server_error")
    assert "boom" not in body["message"]


def test_a_server_error_on_a_page_answers_the_chinese_error_page(
    production, personas, login, monkeypatch
):
    from zhifa.cases import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.sel, "case_list", broken)
    login(production, personas.leader)
    answer = production.get("/cases/")
    assert answer.status_code == 500
    text = answer.content.decode()
    assert "服务器内部错误" in text and "boom" not in text and "Traceback" not in text


def test_a_forbidden_api_call_answers_the_json_shape(production, personas):
    from zhifa.accounts.services import token_create

    _, raw = token_create(user=personas.grid_member, name="测试")
    answer = production.post(
        "/api/v1/cases/",
        {"cause": "案", "summary": "案", "address": "村"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    _refused(answer, 403, "forbidden")


@pytest.mark.parametrize("year", [-57, 0, 10**6])
def test_a_year_out_of_range_in_a_filter_is_refused_not_crashed(personas, api_client, year):
    """Found by schemathesis: ``year=-57`` on the public inspection results was a 500."""
    answer = Client().get(
        f"/api/v1/inspections/public/{personas.town.code}/results", {"year": year}
    )
    _refused(answer, 422, "validation_error")
    answer = api_client(personas.leader).get("/api/v1/documents/", {"year": year})
    _refused(answer, 422, "validation_error")
