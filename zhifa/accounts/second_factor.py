"""The second factor (TOTP, django-otp) that leaders, admins and superusers must pass (ADR 0026).

After the password, ``SecondFactorMiddleware`` sends such a user to the verify page until the
session holds a verified device; a user without a device first enrols (QR code, then a code).
Demo users get fixed demo keys so the demo stays usable: `zhifa demo-code USER` prints the code.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhifa.core.errors import DomainError

from .roles import has_role

ROLES_WITH_SECOND_FACTOR = ("leader", "admin")
EXEMPT_PREFIXES = ("/accounts/second-factor/", "/accounts/logout/", "/static/")


def needs_second_factor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or has_role(user, *ROLES_WITH_SECOND_FACTOR))


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user: Any) -> TOTPDevice:
    """The unconfirmed device a user enrols with (made once, its key kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=False)


def demo_key(username: str) -> str:
    """A fixed key (hex) for a demo user, so `zhifa demo-code` and the demo's tests can sign in."""
    return hashlib.sha1(f"zhifa-demo-totp:{username}".encode()).hexdigest()


def demo_device_ensure(user: Any) -> TOTPDevice:
    """Give a demo user its fixed demo device (confirmed) unless it has one."""
    device = confirmed_device(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="演示验证器", key=demo_key(user.username), confirmed=True
        )
    return device


def current_code(device: TOTPDevice, *, fresh: bool = False) -> str:
    """The device's code now; ``fresh`` gives one past the last accepted (codes are single-use)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if fresh and device.last_t is not None and totp.t() <= device.last_t:
        totp.time = (device.last_t + 1) * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"


def code_check(device: TOTPDevice, code: str) -> None:
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == device.digits):
        raise DomainError(f"请输入验证器上的 {device.digits} 位数字验证码", code="otp_format")
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise DomainError("验证码错误次数过多，请稍后再试", code="otp_throttled", status=429)
    if not device.verify_token(code):
        raise DomainError("验证码不正确或已使用过，请输入验证器上最新的验证码", code="otp_wrong")


def safe_next(request: Any) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class SecondFactorMiddleware:
    """Holds a leader's or admin's session at the second factor until it is passed (pages and
    the session-authenticated API alike; bearer tokens are a separate credential)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        user = getattr(request, "user", None)
        if (
            needs_second_factor(user)
            and not user.is_verified()
            and not request.path_info.startswith(EXEMPT_PREFIXES)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"code": "second_factor", "message": "请先完成双因素验证", "details": {}},
                    status=401,
                    json_dumps_params={"ensure_ascii": False},
                )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:second_factor')}?{query}")
        return self.get_response(request)
