"""A user of the second demo town sees none of the first town's rows, in pages or the API.

Seeds the whole demo (every app's seeder), then walks every page and every API read without path
parameters as the second town's leader, looking for names that exist only in the first town.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

FIRST_TOWN_ONLY = ("砂河镇", "同路村", "山会村", "义兴寨", "马家坡", "李示范", "张演练")


def _pages():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry

    for route, pattern in walk(get_resolver().url_patterns):
        if (
            "<" in route
            or "(" in route
            or route.startswith(("admin/", "api/", "static/", "media/"))
        ):
            continue
        if getattr(pattern.callback, "login_required", True) is False:
            continue
        yield "/" + route


@pytest.fixture
def demo(db):
    from zhifa.accounts.models import User
    from zhifa.core.seeding import seed_demo

    seed_demo()
    return User.objects.get(username="dy_duizhang")


def _leaks(text: str) -> list[str]:
    return [name for name in FIRST_TOWN_ONLY if name in text]


def test_pages_show_the_second_town_nothing_of_the_first(client, login, demo):
    login(client, demo)
    seen = 0
    for url in _pages():
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        assert _leaks(response.content.decode()) == [], f"{url} shows the first town's data"
        seen += 1
    assert seen >= 5


def test_the_api_shows_the_second_town_nothing_of_the_first(client, api_client, demo):
    from zhifa.api import api

    caller = api_client(demo)
    seen = 0
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations or "{" in path:
            continue
        response = caller.get(path)
        if response.status_code != 200:
            continue
        text = response.content.decode()
        assert _leaks(text) == [], f"GET {path} shows the first town's data"
        seen += 1
    assert seen >= 1


def test_the_first_towns_own_leader_does_see_its_data(client, login, db):
    from zhifa.accounts.models import User
    from zhifa.core.seeding import seed_demo

    seed_demo()
    login(client, User.objects.get(username="duizhang"))
    assert "砂河镇" in client.get("/").content.decode()
