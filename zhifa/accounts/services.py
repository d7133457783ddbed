from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.core.models import Town

from .models import ApiToken, User
from .roles import GROUP_NAMES, ROLES

TOKEN_PREFIX = "zf_"


def user_create(
    *,
    username: str,
    full_name: str,
    password: str,
    town: Town | None,
    roles: Iterable[str],
    supervised_towns: Iterable[Town] = (),
    phone: str = "",
    email: str = "",
    organisation: str = "",
    is_staff: bool = False,
) -> User:
    roles = list(roles)
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise DomainError(f"未知角色：{'、'.join(unknown)}", code="unknown_role")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名“{username}”已被使用", code="username_taken")
    user = User(
        username=username,
        full_name=full_name,
        town=town,
        phone=phone,
        email=email,
        organisation=organisation,
        is_staff=is_staff,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError("；".join(error.messages), code="weak_password") from error
    with transaction.atomic():
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=GROUP_NAMES[r])[0] for r in roles])
        user.supervised_towns.set(list(supervised_towns))
    return user


# What a token may do (ADR 0026): "read" every GET, "write" every other method, "12345" the
# 12345 bridge only; "<area>:read" / "<area>:write" limit either to one API area (/api/v1/<area>/).
SCOPES = {"read": "读取", "write": "办理（写入）", "12345": "12345 平台对接"}
_AREA_SCOPE = re.compile(r"^[a-z0-9]+:(read|write)$")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def token_create(
    *,
    user: User,
    name: str,
    scopes: Iterable[str] = ("read", "write"),
    expires_at: Any = None,
    days: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the raw token, which is never stored or shown again.

    It expires after ``days`` (default ``ZHIFA_TOKEN_DAYS``) unless ``expires_at`` is given."""
    scopes = sorted(set(scopes))
    unknown = [s for s in scopes if s not in SCOPES and not _AREA_SCOPE.match(s)]
    if unknown or not scopes:
        raise DomainError(
            f"未知的令牌权限范围：{'、'.join(unknown) or '（空）'}；可用 read、write、12345 或 "
            "“模块:read”“模块:write”",
            code="unknown_scope",
        )
    if expires_at is None:
        days = settings.ZHIFA_TOKEN_DAYS if days is None else days
        if days < 1:
            raise DomainError("令牌有效期至少 1 天", code="token_days")
        expires_at = clock.now() + dt.timedelta(days=days)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:10],
        key_hash=ApiToken.hash(raw),
        scopes=scopes,
        expires_at=expires_at,
    )
    return token, raw


def token_scope_require(token: ApiToken, *, method: str, path: str) -> None:
    """Refuse an operation the token's scopes do not cover (checked on every API request)."""
    need = "read" if method.upper() in SAFE_METHODS else "write"
    area = path.split("/api/v1/", 1)[-1].split("/", 1)[0]
    have = set(token.scopes or [])
    if need in have or f"{area}:{need}" in have or (area == "12345" and "12345" in have):
        return
    raise Forbidden(
        f"该令牌没有“{area}”的{SCOPES[need]}权限（令牌权限：{'、'.join(sorted(have)) or '无'}）",
        code="token_scope",
    )


def tokens_list(*, user: User | None = None) -> list[ApiToken]:
    rows = ApiToken.objects.select_related("user").order_by("-created_at")
    return list(rows.filter(user=user) if user is not None else rows)


def token_find(ref: str) -> ApiToken:
    """A token by its id or the prefix printed when it was made (``zf_xxxxxxx``)."""
    rows = (
        ApiToken.objects.filter(pk=int(ref))
        if ref.isdigit()
        else ApiToken.objects.filter(prefix__startswith=ref.removesuffix("…"))
    )
    found = list(rows[:2])
    if not found:
        raise NotFound(f"没有找到令牌“{ref}”")
    if len(found) > 1:
        raise DomainError(f"前缀“{ref}”对应多个令牌，请使用令牌编号", code="token_ambiguous")
    return found[0]


def token_authenticate(raw: str) -> ApiToken | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(raw)).first()
    if token is None or not token.is_valid or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke at once; the token's next request is refused. Revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_by_username(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"没有用户名为“{username}”的用户")
    return user
