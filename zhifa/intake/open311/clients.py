"""Open311 clients: a per-town api_key with scopes, shown once and kept as its hash."""

from __future__ import annotations

from django.utils import timezone

from zhifa.core.errors import DomainError
from zhifa.core.models import Town

from .errors import Open311Error
from .models import SCOPES, Open311Client, key_hash, key_new


def client_create(
    *, town: Town, name: str, scopes: list[str], contact: str = ""
) -> tuple[Open311Client, str]:
    """A new client and its api_key (shown once; only its hash is kept)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写客户端名称")
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise DomainError(f"权限范围应为 {'、'.join(SCOPES)} 中的一项或几项")
    raw = key_new()
    client = Open311Client.all_towns.create(
        town=town,
        name=name[:100],
        contact=contact[:100],
        key_prefix=raw[:8],
        key_hash=key_hash(raw),
        scopes=list(dict.fromkeys(scopes)),
    )
    return client, raw


def client_for_key(*, api_key: str, town: Town, scope: str) -> Open311Client:
    if not api_key:
        raise Open311Error(403, "缺少 api_key")
    client = (
        Open311Client.all_towns.filter(key_hash=key_hash(api_key), is_active=True)
        .select_related("town")
        .first()
    )
    if client is None:
        raise Open311Error(403, "api_key 无效或已停用")
    if client.town_id != town.pk:
        raise Open311Error(403, "该 api_key 未获准向此辖区（jurisdiction_id）提交")
    if not client.allows(scope):
        raise Open311Error(403, f"该 api_key 无“{SCOPES[scope]}”权限")
    Open311Client.all_towns.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client
