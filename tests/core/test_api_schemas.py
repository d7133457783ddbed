"""The OpenAPI tells the truth: one schema per name, the documented body is the required one, and
the case and intake operations document what they answer (issue 13)."""

from __future__ import annotations

import importlib
import pkgutil

from django.conf import settings
from ninja import Schema

import zhifa


def _schema_classes() -> list[type]:
    for info in pkgutil.walk_packages(zhifa.__path__, "zhifa."):
        if info.name.rsplit(".", 1)[-1].startswith("api"):
            importlib.import_module(info.name)
    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("zhifa."):
            found.append(cls)
    return found


def test_no_two_api_schemas_share_a_name():
    """django-ninja names a component after its class: two classes of one name document one
    body and require the other."""
    seen: dict[str, str] = {}
    clashes = []
    for cls in _schema_classes():
        where = f"{cls.__module__}.{cls.__qualname__}"
        if cls.__name__ in seen and seen[cls.__name__] != where:
            clashes.append(f"{cls.__name__}: {seen[cls.__name__]} and {where}")
        seen.setdefault(cls.__name__, where)
    assert not clashes, clashes


def _operation(schema: dict, path: str, method: str = "post") -> dict:
    return schema["paths"][f"/api/v1{path}"][method]


def _body(schema: dict, op: dict) -> dict:
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_closing_a_case_documents_the_outcome_it_requires(client):
    schema = client.get("/api/v1/openapi.json").json()
    close = _body(schema, _operation(schema, "/cases/{case_id}/close"))
    assert close["required"] == ["outcome"] and "on" not in close["properties"]
    penalty_close = _body(schema, _operation(schema, "/cases/{case_id}/penalty-close"))
    assert penalty_close["required"] == ["on"]


def test_every_case_and_intake_operation_documents_its_answer(client):
    schema = client.get("/api/v1/openapi.json").json()
    untyped = []
    for path, item in schema["paths"].items():
        if not path.startswith(("/api/v1/cases", "/api/v1/intake", "/api/v1/12345")):
            continue
        for method, op in item.items():
            for code, answer in op["responses"].items():
                body = answer.get("content", {}).get("application/json", {}).get("schema")
                if code.startswith("2") and path.endswith("/dossier"):
                    continue  # a PDF
                if body and body.get("type") == "array":
                    body = body.get("items")  # a list answers with typed rows
                if not body or ("$ref" not in body and "properties" not in body):
                    untyped.append(f"{method.upper()} {path} {code}")
    assert not untyped, untyped
    assert settings.ROOT_URLCONF == "zhifa.urls"
