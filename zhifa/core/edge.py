"""Input at the edge: what no view should ever see, refused before any view runs.

A NUL character is never part of what a person types, PostgreSQL refuses it in text (a 500 there)
while SQLite stores it, so one is refused in the path, the query, a form field or an uploaded
file's name, and anywhere in a JSON body. A multipart body that cannot be parsed is a 400, not a
crash. The API answers in its one JSON error shape, pages with the Chinese error page
(``http_error``); the same function answers Django's 400/403/404/500 handlers (``zhifa.urls``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader

logger = logging.getLogger(__name__)

NUL = "\x00"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

TITLES = {
    400: "请求有误",
    403: "无权访问",
    404: "页面不存在",
    413: "上传内容过大",
    500: "服务器内部错误",
}
MESSAGES = {
    400: "请求格式有误，请检查后重试",
    403: "您没有权限访问该页面",
    404: "未找到您要访问的页面或记录",
    500: "服务器处理时出现错误，已记录，请稍后重试",
}
CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    413: "too_large",
    500: "server_error",
}


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def http_error(
    request: HttpRequest, status: int, message: str = "", *, code: str = ""
) -> HttpResponse:
    """The one answer to a refused request: JSON ``{code, message, details}`` for the API, the
    Chinese error page (standalone: it must render even when the database is down) for pages."""
    message = message or MESSAGES.get(status, MESSAGES[400])
    code = code or CODES.get(status, "bad_request")
    if is_api(request):
        return JsonResponse(
            {"code": code, "message": message, "details": {}},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    html = loader.render_to_string(
        "core/http_error.html",
        {"status": status, "title": TITLES.get(status, TITLES[400]), "message": message},
    )
    return HttpResponse(html, status=status)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _refusal(request: HttpRequest) -> str | None:
    """Why the request is refused at the edge, or None."""
    if NUL in request.path or _has_nul(dict(request.GET.lists())):
        return "请求中含有不允许的空字符（NUL）"
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        try:
            fields = dict(request.POST.lists())
            names = [f.name for files in request.FILES.lists() for f in files[1]]
        except MultiPartParserError:
            return "上传的表单格式有误，无法解析"
        if _has_nul(fields) or _has_nul(names):
            return "提交的内容中含有不允许的空字符（NUL）"
    elif content_type == "application/json" and request.body:
        try:
            data = json.loads(request.body)
        except ValueError:
            return None  # the API answers malformed JSON itself, in its own shape
        if _has_nul(data):
            return "提交的内容中含有不允许的空字符（NUL）"
    return None


class InputEdgeMiddleware:
    """Refuses NUL characters and unparseable multipart bodies with a 400 (see module doc)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        reason = _refusal(request)
        if reason is not None:
            return http_error(request, 400, reason)
        return self.get_response(request)


# Django's error handlers (set in zhifa.urls): the same answers with DEBUG off.
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return http_error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return http_error(request, 403, message)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return http_error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return http_error(request, 500)
