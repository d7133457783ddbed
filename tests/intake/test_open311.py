"""Open311 GeoReport v2 at /open311/v2/: an independent client (the ``georeport`` package) reads
discovery, services, definitions and requests in XML and JSON; a plain form POST files a request
that becomes a lead, is triaged and routed to a case, and the case's closure reaches the client
through requests/{id} and servicerequestupdates. Errors come in the spec's shape and codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests as http
import xmltodict
from django.core.management import call_command
from django.utils import timezone
from georeport import GeoReport

from zhifa.intake.models import Lead, LeadEvent
from zhifa.intake.open311.clients import client_create
from zhifa.intake.open311.models import Open311Client, Open311Request

from .conftest import TONGLU

BASE = "/open311/v2"
MINING = "同路村北山半夜有车拉矿，挖掘机一直在挖，联系电话13912345678"


@pytest.fixture
def key(town):
    _, raw = client_create(town=town, name="城市服务App", scopes=["requests", "updates"])
    return raw


def _form(town, key, **extra):
    form = {
        "jurisdiction_id": town.code,
        "api_key": key,
        "service_code": "natural_resources",
        "lat": str(TONGLU[0]),
        "long": str(TONGLU[1]),
        "address_string": "同路村北山",
        "description": MINING,
        "first_name": "示例",
        "last_name": "赵",
        "phone": "13800001234",
        "email": "reporter@example.com",
        "attribute[ongoing]": "yes",
        "attribute[when][]": "night",
        "media_url": "https://img.example.com/p/1.jpg",
    }
    form.update(extra)
    return {k: v for k, v in form.items() if v is not None}


def _xml_errors(response):
    return xmltodict.parse(response.content, force_list=("error",))["errors"]["error"]


@pytest.mark.django_db(transaction=True)
def test_an_independent_client_reads_discovery_services_definitions_and_requests(
    live_server, town, catalog, cells, key
):
    filed = http.post(f"{live_server.url}{BASE}/requests.xml", data=_form(town, key))
    assert filed.status_code == 201
    number = xmltodict.parse(filed.content)["service_requests"]["request"]["service_request_id"]
    for fmt in ("xml", "json"):
        found = http.get(f"{live_server.url}/open311/discovery.{fmt}")
        assert found.headers["Content-Type"].startswith(
            "text/xml" if fmt == "xml" else "application/json"
        )
        if fmt == "xml":
            assert found.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
            endpoint = xmltodict.parse(found.content)["discovery"]["endpoints"]["endpoint"]
        else:
            endpoint = found.json()["endpoints"][0]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == f"{live_server.url}/open311/v2/"

        client = GeoReport(f"{live_server.url}{BASE}", jurisdiction=town.code, output_format=fmt)
        services = {s["service_code"]: s for s in client.get_service_list()}
        assert len(services) == 11
        housing = services["housing"]
        assert housing["service_name"] == "市容环境、占道经营与施工扬尘"
        assert "占道经营" in housing["keywords"] and housing["type"] == "realtime"
        assert housing["metadata"] in (True, "true")
        assert services["religion"]["metadata"] in (False, "false")

        fire = client.get_service_definition("fire")
        attributes = fire["attributes"]
        attribute = attributes[0] if fmt == "json" else attributes["attribute"]
        assert attribute["code"] == "danger_now" and attribute["required"] in (True, "true")
        assert attribute["datatype"] == "singlevaluelist"

        listed = client.get_service_requests(status="open")
        listed = listed if isinstance(listed, list) else [listed]
        assert [r["service_request_id"] for r in listed] == [number]
        one = client.get_service_request(number)
        assert one["status"] == "open" and one["service_code"] == "natural_resources"
        assert one["requested_datetime"].endswith("+08:00")
        assert float(one["lat"]) == TONGLU[0] and float(one["long"]) == TONGLU[1]
        assert one["media_url"] == "https://img.example.com/p/1.jpg"
        assert "*******5678" in one["description"] and "13912345678" not in one["description"]


@pytest.mark.django_db(transaction=True)
def test_a_form_post_becomes_a_triaged_lead_its_case_closes_and_the_client_learns_it(
    live_server, town, catalog, cells, personas, key
):
    from zhifa.cases.services import case_close
    from zhifa.intake.services import lead_open_case

    filed = http.post(f"{live_server.url}{BASE}/requests.json", data=_form(town, key))
    assert filed.status_code == 201
    number = filed.json()[0]["service_request_id"]
    lead = Lead.objects.get(number=number)
    assert lead.source == "open311" and lead.get_source_display() == "第三方平台（Open311）"
    assert lead.cell is not None and lead.reporter_masked == "赵**"
    assert "仍在发生" in lead.text and "夜间" in lead.text
    assert lead.open311.client.name == "城市服务App" and lead.open311.email
    # Triage ran in the task backend once the request committed.
    assert lead.triaged_at is not None and lead.suggestions[0]["code"] == "SH-ZR-002"
    item = catalog[lead.suggestions[0]["code"]]
    case = lead_open_case(
        lead=lead, actor=personas.squadron_leader, items=[item], cause="未取得采矿许可证擅自采矿案"
    )
    client = GeoReport(f"{live_server.url}{BASE}", jurisdiction=town.code, output_format="xml")
    assert client.get_service_request(number)["status_notes"] == "已立案办理"
    case_close(
        case=case, actor=personas.officer, outcome="开采已制止，矿洞已封堵，移送县自然资源局"
    )

    for fmt in ("xml", "json"):
        client = GeoReport(f"{live_server.url}{BASE}", jurisdiction=town.code, output_format=fmt)
        one = client.get_service_request(number)
        assert one["status"] == "closed"
        assert "矿洞已封堵" in one["status_notes"] and one["updated_datetime"].endswith("+08:00")
        still_open = http.get(
            f"{live_server.url}{BASE}/requests.{fmt}",
            params={"jurisdiction_id": town.code, "status": "open"},
        )
        # An empty list is <service_requests/>, which georeport's XML path cannot read.
        assert (
            still_open.json() == []
            if fmt == "json"
            else xmltodict.parse(still_open.content)["service_requests"] is None
        )
        got = http.get(
            f"{live_server.url}{BASE}/servicerequestupdates.{fmt}",
            params={"jurisdiction_id": town.code},
        )
        if fmt == "xml":
            updates = xmltodict.parse(got.content, force_list=("request_update",))[
                "service_request_updates"
            ]["request_update"]
        else:
            updates = got.json()
        mine = [u for u in updates if u["service_request_id"] == number]
        assert [u["status"] for u in mine] == ["open", "open", "closed"]
        assert "矿洞已封堵" in mine[-1]["description"]
        assert mine[-1]["updated_datetime"].endswith("+08:00")


def test_a_bad_api_key_is_refused_with_403_in_the_specs_shape(client, town, catalog, key):
    for fmt in ("xml", "json"):
        response = client.post(f"{BASE}/requests.{fmt}", _form(town, "not-a-key"))
        assert response.status_code == 403
        errors = _xml_errors(response) if fmt == "xml" else response.json()
        assert errors[0]["code"] == "403" and "api_key" in errors[0]["description"]
    assert client.post(f"{BASE}/requests.xml", _form(town, None)).status_code == 403
    assert not Lead.objects.exists()


def test_a_key_without_the_scope_or_for_another_town_is_refused(
    client, town, other_town, catalog, key
):
    _, read_only = client_create(town=town, name="只补充", scopes=["updates"])
    assert client.post(f"{BASE}/requests.xml", _form(town, read_only)).status_code == 403
    _, elsewhere = client_create(town=other_town, name="邻镇App", scopes=["requests"])
    response = client.post(f"{BASE}/requests.xml", _form(town, elsewhere))
    assert (
        response.status_code == 403 and "jurisdiction_id" in _xml_errors(response)[0]["description"]
    )
    Open311Client.objects.update(is_active=False)
    assert client.post(f"{BASE}/requests.xml", _form(town, key)).status_code == 403
    assert not Lead.objects.exists()


def test_an_unknown_service_or_jurisdiction_is_404(client, town, catalog, key):
    response = client.post(f"{BASE}/requests.json", _form(town, key, service_code="potholes"))
    assert response.status_code == 404 and response.json()[0]["code"] == "404"
    assert (
        client.get(f"{BASE}/services/potholes.xml", {"jurisdiction_id": town.code}).status_code
        == 404
    )
    assert client.get(f"{BASE}/services.xml", {"jurisdiction_id": "999999999"}).status_code == 404
    assert (
        client.get(f"{BASE}/requests/XS2026999999.json", {"jurisdiction_id": town.code}).status_code
        == 404
    )
    assert not Lead.objects.exists()


def test_a_request_without_a_location_is_400_and_nothing_is_saved(client, town, catalog, key):
    form = _form(town, key, lat=None, long=None, address_string=None)
    response = client.post(f"{BASE}/requests.xml", form)
    assert response.status_code == 400
    errors = _xml_errors(response)
    assert errors[0]["code"] == "400" and "缺少位置" in errors[0]["description"]
    only_lat = client.post(
        f"{BASE}/requests.json", _form(town, key, long=None, address_string=None)
    )
    assert only_lat.status_code == 400
    assert not Lead.objects.exists() and not Open311Request.objects.exists()


def test_every_problem_of_a_request_is_named_at_once(client, town, catalog, key):
    form = _form(
        town,
        key,
        service_code="fire",
        description="楼" * 4001,
        media_url="javascript:alert(1)",
        email="not-an-email",
    )
    response = client.post(f"{BASE}/requests.json", form)
    assert response.status_code == 400
    text = " ".join(e["description"] for e in response.json())
    for expected in ("4000", "media_url", "email", "attribute[danger_now]"):
        assert expected in text
    assert not Lead.objects.exists()


def test_an_emergency_answer_gets_the_119_notice(client, town, catalog, key):
    form = _form(
        town,
        key,
        service_code="fire",
        description="商场楼梯间堆满纸箱，安全出口锁着",
        **{"attribute[danger_now]": "yes", "attribute[ongoing]": None, "attribute[when][]": None},
    )
    response = client.post(f"{BASE}/requests.json", form)
    assert response.status_code == 201 and "119" in response.json()[0]["service_notice"]


def test_jurisdiction_is_required_when_several_towns_are_served(client, town, other_town, catalog):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 400 and "jurisdiction_id" in response.json()[0]["description"]


def test_no_reporter_detail_leaves_through_the_requests(client, town, catalog, key):
    client.post(
        f"{BASE}/requests.json",
        _form(town, key, description="我是赵示例，电话13800001234，工地灰太大"),
    )
    body = client.get(f"{BASE}/requests.json", {"jurisdiction_id": town.code}).content.decode()
    for secret in ("赵示例", "13800001234", "reporter@example.com", "示例", "first_name", "phone"):
        assert secret not in body
    assert "赵**" in body and "*******1234" in body


def test_the_query_filters_and_the_ninety_day_window(client, town, catalog, key):
    first = client.post(f"{BASE}/requests.json", _form(town, key)).json()[0]["service_request_id"]
    second = client.post(
        f"{BASE}/requests.json",
        _form(town, key, service_code="housing", description="工地没有围挡，尘土飞扬"),
    ).json()[0]["service_request_id"]
    old = Lead.objects.get(number=first)
    old.received_at = timezone.now() - dt.timedelta(days=100)
    old.save(update_fields=["received_at"])

    def numbers(**params):
        response = client.get(f"{BASE}/requests.json", {"jurisdiction_id": town.code, **params})
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in response.json()]

    assert numbers() == [second]  # the last 90 days by default
    start = (timezone.localtime() - dt.timedelta(days=120)).isoformat(timespec="seconds")
    end = (timezone.localtime() - dt.timedelta(days=40)).isoformat(timespec="seconds")
    assert numbers(start_date=start, end_date=end) == [first]
    assert numbers(service_request_id=f"{first},{second}") == [second, first]
    assert numbers(service_code="housing") == [second]
    assert numbers(status="closed") == []
    wide = client.get(
        f"{BASE}/requests.xml",
        {
            "jurisdiction_id": town.code,
            "start_date": "2026-01-01T00:00:00Z",
            "end_date": "2026-06-01T00:00:00Z",
        },
    )
    assert wide.status_code == 400 and "90" in _xml_errors(wide)[0]["description"]
    assert (
        client.get(
            f"{BASE}/requests.json", {"jurisdiction_id": town.code, "status": "done"}
        ).status_code
        == 400
    )


def test_a_client_adds_to_its_own_request_and_it_joins_the_record(client, town, catalog, key):
    number = client.post(f"{BASE}/requests.json", _form(town, key)).json()[0]["service_request_id"]
    response = client.post(
        f"{BASE}/servicerequestupdates.json",
        {
            "jurisdiction_id": town.code,
            "api_key": key,
            "service_request_id": number,
            "description": "今晚又来了三辆车",
        },
    )
    assert response.status_code == 200 and response.json()[0]["update_id"].startswith(number)
    event = LeadEvent.objects.get(lead__number=number, event_type="reporter_update")
    assert "今晚又来了三辆车" in event.summary
    _, other = client_create(town=town, name="另一个App", scopes=["updates"])
    refused = client.post(
        f"{BASE}/servicerequestupdates.json",
        {
            "jurisdiction_id": town.code,
            "api_key": other,
            "service_request_id": number,
            "description": "冒充补充",
        },
    )
    assert refused.status_code == 404


def test_the_command_creates_a_client_and_shows_its_key_once(town, capsys):
    call_command(
        "open311_client", "create", "--town", town.code, "--name", "县级平台", "--scope", "requests"
    )
    out = capsys.readouterr().out
    raw = out.strip().splitlines()[-1].split("：")[-1]
    client = Open311Client.objects.get(name="县级平台")
    assert client.scopes == ["requests"] and raw not in json.dumps(client.key_hash)
    call_command("open311_client", "revoke", "--prefix", client.key_prefix)
    client.refresh_from_db()
    assert client.is_active is False


def test_a_format_other_than_xml_or_json_is_refused(client, town, catalog):
    response = client.get(f"{BASE}/services.csv", {"jurisdiction_id": town.code})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/xml")
