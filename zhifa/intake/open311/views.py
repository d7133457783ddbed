"""/open311/v2/: GeoReport v2 (discovery, services, service definitions, requests, one request)
and FixMyStreet's servicerequestupdates, in XML and JSON. Public like the citizen form: reads need
no key; filing needs an api_key with its scope. Every error comes in the spec's shape."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from zhifa.accounts.access import public_view
from zhifa.core.errors import DomainError

from . import services as o
from .catalog import Service, service_get, services_for
from .errors import Open311Error
from .filing import request_file, update_post
from .render import document, errors

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-30T00:00:00+08:00"


def endpoint(*methods: str) -> Callable:
    """Public, CSRF-exempt (clients post forms without a session), and answering errors — ours
    and the services' — as the spec's error list in the requested format."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in ("xml", "json"):
                return errors("xml", 400, [("400", "格式应为 xml 或 json")])
            if request.method not in methods:
                response = errors(fmt, 405, [("405", f"不支持 {request.method} 方法")])
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, fmt, **kwargs)
            except Open311Error as error:
                return errors(fmt, error.status, error.problems)
            except DomainError as error:
                return errors(fmt, 400, [("400", error.message)])

        return public_view(csrf_exempt(wrapper))

    return decorator


def _params(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else request.GET


def _town(request: HttpRequest) -> Any:
    return o.jurisdiction(_params(request).get("jurisdiction_id", "").strip())


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    return document(
        fmt,
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": "请联系所在乡镇综合行政执法队",
            "key_service": "提交诉求需要 api_key：由乡镇综合行政执法队为每个第三方平台开通",
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def _service_out(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": service.metadata,
        "type": "realtime",
        "keywords": ", ".join(service.keywords),
        "group": service.group,
    }


@endpoint("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return document(fmt, "services", [_service_out(s) for s in services_for(_town(request))])


@endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    service = service_get(_town(request), code)
    if service is None:
        raise Open311Error(404, f"未知的 service_code：{code[:40]}")
    attributes = [
        {
            "variable": True,
            "code": a["code"],
            "datatype": a["datatype"],
            "required": a["required"],
            "datatype_description": a["datatype_description"],
            "order": n,
            "description": a["description"],
            "values": [{"key": k, "name": v} for k, v in a["values"]],
        }
        for n, a in enumerate(service.attributes, start=1)
    ]
    return document(
        fmt, "service_definition", {"service_code": service.code, "attributes": attributes}
    )


@endpoint("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    town = _town(request)
    if request.method == "POST":
        filed = request_file(town=town, form=request.POST)
        answer = {"service_request_id": filed.lead.number, "service_notice": filed.notice}
        if filed.account_id:
            answer["account_id"] = filed.account_id
        return document(fmt, "service_requests", [answer], status=201)
    names = o.service_names(town)
    leads = o.requests_query(town=town, params=request.GET)
    return document(fmt, "service_requests", [o.request_out(lead, names) for lead in leads])


@endpoint("GET")
def request_detail(request: HttpRequest, fmt: str, number: str) -> HttpResponse:
    town = _town(request)
    lead = o.request_get(town=town, number=number)
    return document(fmt, "service_requests", [o.request_out(lead, o.service_names(town))])


@endpoint("GET", "POST")
def updates(request: HttpRequest, fmt: str) -> HttpResponse:
    town = _town(request)
    if request.method == "POST":
        return document(fmt, "service_request_updates", [update_post(town=town, form=request.POST)])
    return document(fmt, "service_request_updates", o.updates_query(town=town, params=request.GET))
