"""Login is required everywhere unless a view is declared public (STYLE.md §7).

Walks every URL pattern: an anonymous GET and POST must be refused (redirect to the login page,
401 or 403). Walks every API operation in the OpenAPI schema: anonymous calls get 401 in JSON.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
SKIP_PREFIXES = ("static/", "media/", "api/v1/")


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def concrete(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "1"), route)
    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route


def is_public(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "login_required", True) is False


def test_every_page_refuses_an_anonymous_visitor_unless_declared_public(client):
    checked = 0
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES):
            continue
        url = concrete(route)
        if is_public(pattern):
            admin_login = route.startswith("admin/")
            assert admin_login or getattr(pattern.callback, "zhifa_public", False), (
                f"{url} skips login without being declared with public_view"
            )
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            refused = response.status_code in (401, 403) or (
                response.status_code == 302 and "login" in response["Location"]
            )
            assert refused, (
                f"{method.upper()} {url} answered {response.status_code} to an anonymous visitor"
            )
        checked += 1
    assert checked >= 10


def test_every_api_operation_refuses_an_anonymous_caller(client):
    from zhifa.api import api

    schema = api.get_openapi_schema()
    checked = 0
    for path, operations in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method, operation in operations.items():
            if not operation.get("security"):
                assert operation.get("x-zhifa-public"), f"{method.upper()} {path} has no auth"
                continue
            response = getattr(client, method)(url, content_type="application/json")
            assert response.status_code == 401, f"{method.upper()} {path} → {response.status_code}"
            assert response.json()["code"] == "unauthorized"
            checked += 1
    assert checked >= 3


def test_the_openapi_schema_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "执法平台 API"


def test_the_browsers_favicon_request_finds_the_icon(client):
    """A feed opened in a browser has no <link rel=icon>: the browser asks /favicon.ico."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")
