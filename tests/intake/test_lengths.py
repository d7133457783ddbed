"""Intake never cuts what a reporter or the 12345 platform sent to fit a column: a value longer
than its column is refused with a Chinese message naming the field, and nothing is saved."""

from __future__ import annotations

import pytest

from zhifa.intake.models import Lead
from zhifa.intake.open311.clients import client_create

from .conftest import order
from .test_open311 import BASE, _form

TEXT = "村民来电反映：同路村北山有人私自开采铁矿石，挖掘机昼夜作业，请尽快制止。"


@pytest.fixture
def key(town):
    _, raw = client_create(town=town, name="城市服务App", scopes=["requests"])
    return raw


def _push(platform, body):
    return platform.post("/api/v1/12345/orders", body, content_type="application/json")


def test_a_12345_order_number_longer_than_its_column_is_refused_not_matched_by_its_prefix(
    platform, town
):
    first = "SX12345-" + "0" * 52  # 60 characters: fits
    assert _push(platform, order(first, TEXT, address="同路村北山")).status_code == 201
    longer = first + "7"  # another order whose first 60 characters are the same
    answer = _push(platform, order(longer, TEXT + "另一张工单。", address="同路村南坡"))
    assert answer.status_code == 422, answer.content
    body = answer.json()
    assert body["code"] == "too_long"
    assert "来源编号" in body["message"] and "60" in body["message"]
    # before: the number was cut to 60 characters and answered as the first order (created=False)
    assert list(Lead.objects.values_list("source_ref", flat=True)) == [first]


@pytest.mark.parametrize(
    ("extra", "label", "limit"),
    [
        ({"address": "同路村" * 67}, "地址", 200),
        ({"address": "同路村北山", "caller": ("赵" * 51, "13800001234")}, "反映人", 50),
        ({"address": "同路村北山", "caller": ("赵示例", "1" * 31)}, "联系电话", 30),
    ],
)
def test_a_12345_order_with_a_too_long_address_or_caller_is_refused_whole(
    platform, town, extra, label, limit
):
    answer = _push(platform, order("SX12345-20260923-0099", TEXT, **extra))
    assert answer.status_code == 422, answer.content
    body = answer.json()
    assert body["code"] == "too_long" and label in body["message"] and str(limit) in body["message"]
    assert not Lead.objects.exists()


def test_an_open311_request_with_a_too_long_name_phone_or_address_names_each(
    client, town, catalog, key
):
    form = _form(
        town,
        key,
        first_name="示" * 30,
        last_name="赵" * 30,
        phone="1" * 31,
        address_string="村" * 201,
    )
    response = client.post(f"{BASE}/requests.json", form)
    assert response.status_code == 400
    text = " ".join(e["description"] for e in response.json())
    for expected in (
        "address_string 不能超过 200",
        "first_name 合计不能超过 50",
        "phone 不能超过 30",
    ):
        assert expected in text
    assert not Lead.objects.exists()
