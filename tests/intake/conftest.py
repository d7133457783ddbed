"""An intake-ready town: the tiny grid and team of the grid/team tests, the demo town's full
power list with its everyday words (so classification sees the real items), two certified officers, the 12345 simulator
on a free port, and a 12345 platform token."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from tests.cases import conftest as _cases

cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
squadrons, make_officer = _cases.squadrons, _cases.make_officer
handlers, party, _media = _cases.handlers, _cases.party, _cases._media

# 同路村's cell C spans 39.17–39.18 N, 113.26–113.27 E (WGS-84).
TONGLU = (39.175, 113.265)


@pytest.fixture
def domains(db):
    """The 11 domains (a data migration: a transactional test's flush loses them)."""
    from zhifa.catalog.demo import domains_ensure
    from zhifa.catalog.models import Domain

    domains_ensure()
    return {d.code: d for d in Domain.objects.all()}


@pytest.fixture
def departments(town, domains):
    from zhifa.catalog.demo_departments import seed_departments

    return seed_departments(town)


@pytest.fixture
def catalog(town, departments, domains):
    from zhifa.catalog.demo import demo_rows, lexicons_seed
    from zhifa.catalog.excel import catalog_import_rows
    from zhifa.catalog.models import PowerItem
    from zhifa.intake import classify

    classify.cache_clear()
    catalog_import_rows(town=town, actor=None, data=demo_rows())
    lexicons_seed(town)
    return {i.code: i for i in PowerItem.objects.filter(town=town)}


@pytest.fixture
def simulator(settings):
    from zhifa.intake.simulator import Simulator

    sim = Simulator(port=0).start()
    settings.ZHIFA_12345_URL = sim.url
    yield sim
    sim.stop()


@pytest.fixture
def platform(make_user, town, api_client):
    """The 12345 platform's client: a token scoped ``12345`` bound to the town."""
    from django.test import Client

    from zhifa.accounts.services import token_create

    user = make_user(roles=[], town=town, username="p12345", full_name="12345平台接口")
    _, raw = token_create(user=user, name="12345 平台", scopes=["12345"])
    return Client(headers={"Authorization": f"Bearer {raw}"})


def photo(name: str = "site.jpg", color: tuple[int, int, int] = (90, 120, 80)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(data, "JPEG")
    data.seek(0)
    data.name = name
    return data


def order(no: str, text: str, **extra: Any) -> dict[str, Any]:
    from zhifa.intake.simulator import order_payload

    return order_payload(order_no=no, text=text, **extra)
