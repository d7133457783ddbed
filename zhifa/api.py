"""API v1: django-ninja at /api/v1/, each app mounting its own router (zhifa/<app>/api.py)."""

from __future__ import annotations

import datetime as dt
import importlib

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.db import DataError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from zhifa.accounts.auth import api_auth
from zhifa.core import clock
from zhifa.core.errors import DomainError


class LocalTimeEncoder(NinjaJSONEncoder):
    """Times as the team reads them: every aware datetime in Asia/Shanghai (+08:00), not UTC."""

    def default(self, o):  # type: ignore[no-untyped-def]
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            o = timezone.localtime(o, clock.TZ)
        return super().default(o)


class ChineseJSONRenderer(JSONRenderer):
    """Chinese stays readable in the JSON (no \\u escapes); times in Shanghai time."""

    encoder_class = LocalTimeEncoder
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ChineseJSONRenderer(),
    title="执法平台 API",
    version="1",
    description="乡镇综合行政执法平台接口。认证：`Authorization: Bearer <令牌>`（`zhifa token create` 生成）"
    "或已登录的浏览器会话。错误统一为 `{code, message, details}`。",
    urls_namespace="api",
    auth=api_auth(),
)


# Each app's router lives in zhifa/<app>/api.py as ``router`` and is mounted at /api/v1/<prefix>/,
# in the dependency order of settings.ZHIFA_APPS. ``API_PREFIX`` in the module overrides the app name.
def _mount_routers() -> None:
    for app in settings.ZHIFA_APPS:
        try:
            module = importlib.import_module(f"{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.api":
                raise
            continue
        prefix = getattr(module, "API_PREFIX", app.rsplit(".", 1)[-1])
        api.add_router(f"/{prefix}/", module.router)


_mount_routers()


def _error(request, status: int, code: str, message: str, details: dict | None = None):
    return api.create_response(
        request, {"code": code, "message": message, "details": details or {}}, status=status
    )


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return _error(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    return _error(request, 422, "validation_error", "请求参数有误", {"errors": exc.errors})


@api.exception_handler(AuthenticationError)
def auth_error(request, exc: AuthenticationError):
    return _error(request, 401, "unauthorized", "未登录或令牌无效")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "invalid"), str(exc))


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return _error(request, 404, "not_found", "未找到该记录")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc: PermissionDenied):
    return _error(request, 403, "forbidden", str(exc) or "无权访问")


@api.exception_handler(MultiPartParserError)
@api.exception_handler(BadRequest)
@api.exception_handler(SuspiciousOperation)
def bad_request(request, exc: Exception):
    return _error(request, 400, "bad_request", "请求格式有误，无法解析")


# The floor under the schemas' ranges: a number or date the database or the calendar cannot hold
# (an id past 64 bits, a year 9999 plus a period) is the caller's mistake, not a server error.
@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc: Exception):
    return _error(request, 422, "out_of_range", "数值或日期超出允许范围")
