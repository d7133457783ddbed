from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core.errors import DomainError, NotFound
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


def token_create(
    *, user: User, name: str, scopes: Iterable[str] = (), expires_at: Any = None
) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the raw token, which is never stored or shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:10],
        key_hash=ApiToken.hash(raw),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    return token, raw


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


def token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def user_by_username(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"没有用户名为“{username}”的用户")
    return user
