"""The keys that sign record chains (全过程记录), kept outside the database.

An event's hash is an HMAC-SHA256 over its canonical form with the key named by its ``key_id``,
so someone who can write the database but cannot read the key cannot forge or re-chain events.
Keys come from ``ZHIFA_RECORD_KEYS`` (``id:hex,id:hex``, the first is current) or from the key
file ``ZHIFA_RECORD_KEY_FILE`` (JSON ``{"current": id, "keys": {id: hex}}``, mode 0600). With
neither, the file is created with one fresh key (the demo's, under ``var/``). Rotation adds a
key and makes it current; old keys stay to verify the events they signed. See ADR 0026.
"""

from __future__ import annotations

import datetime
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from django.conf import settings

from .errors import DomainError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]
    source: str


_ring: KeyRing | None = None


def key_file() -> Path:
    return Path(settings.ZHIFA_RECORD_KEY_FILE)


def _from_env(value: str) -> KeyRing:
    keys: dict[str, bytes] = {}
    for part in value.split(","):
        key_id, _, hex_key = part.strip().partition(":")
        if not key_id or len(hex_key) < 32:
            raise DomainError(
                "ZHIFA_RECORD_KEYS 格式应为“密钥编号:十六进制密钥,…”，密钥至少 16 字节",
                code="record_key_invalid",
            )
        keys[key_id] = bytes.fromhex(hex_key)
    return KeyRing(current=next(iter(keys)), keys=keys, source="env")


def _new_key_id() -> str:
    return f"k{datetime.date.today():%Y%m%d}{secrets.token_hex(2)}"


def _write(path: Path, current: str, keys: dict[str, bytes], *, replace: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"current": current, "keys": {k: v.hex() for k, v in keys.items()}}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    if replace:
        os.replace(tmp, path)
        return
    try:  # a first key: never overwrite one another process just made
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def _from_file(path: Path) -> KeyRing:
    if not path.exists():
        if not settings.DEBUG:
            log.warning("record key file %s missing: created a new key; keep it safe", path)
        _write(path, (key_id := _new_key_id()), {key_id: secrets.token_bytes(32)}, replace=False)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {k: bytes.fromhex(v) for k, v in data["keys"].items()}
        current = data["current"]
    except (ValueError, KeyError, TypeError) as error:
        raise DomainError(f"记录密钥文件无法读取：{error}", code="record_key_invalid") from error
    if current not in keys:
        raise DomainError("记录密钥文件中没有当前密钥", code="record_key_invalid")
    return KeyRing(current=current, keys=keys, source=str(path))


def ring() -> KeyRing:
    global _ring
    if _ring is None:
        env = os.environ.get("ZHIFA_RECORD_KEYS", "").strip()
        _ring = _from_env(env) if env else _from_file(key_file())
    return _ring


def reset() -> None:
    """Forget the loaded keys (after a rotation, or in tests)."""
    global _ring
    _ring = None


def current_key_id() -> str:
    return ring().current


def sign(key_id: str, text: str) -> str:
    """HMAC-SHA256 of ``text`` with key ``key_id``; KeyError when this machine lacks that key."""
    key = ring().keys[key_id]
    return hmac.new(key, text.encode("utf-8"), sha256).hexdigest()


def key_rotate() -> str:
    """Add a fresh key to the key file and make it current; returns its id."""
    if os.environ.get("ZHIFA_RECORD_KEYS", "").strip():
        raise DomainError(
            "密钥由环境变量 ZHIFA_RECORD_KEYS 提供：请在其开头加入新密钥以轮换",
            code="record_key_env",
        )
    now = ring()
    key_id = _new_key_id()
    while key_id in now.keys:
        key_id = _new_key_id()
    _write(key_file(), key_id, {**now.keys, key_id: secrets.token_bytes(32)}, replace=True)
    reset()
    return key_id
