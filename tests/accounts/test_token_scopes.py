"""API tokens expire, are listed and revoked from the command line, and carry scopes that every
operation checks (ADR 0026)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from zhifa import cli
from zhifa.accounts.models import ApiToken
from zhifa.accounts.services import token_create
from zhifa.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _client(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_new_token_expires_after_the_configured_days(personas, settings):
    settings.ZHIFA_TOKEN_DAYS = 30
    token, _ = token_create(user=personas.officer, name="对接")
    left = token.expires_at - timezone.now()
    assert dt.timedelta(days=29, hours=23) < left <= dt.timedelta(days=30)
    token, _ = token_create(user=personas.officer, name="短期", days=1)
    assert token.expires_at - timezone.now() <= dt.timedelta(days=1)


def test_a_token_past_its_term_is_refused(personas, clock):
    _, raw = token_create(user=personas.officer, name="对接", days=1)
    assert _client(raw).get("/api/v1/accounts/me").status_code == 200
    clock.freeze(timezone.now() + dt.timedelta(days=2))
    assert _client(raw).get("/api/v1/accounts/me").status_code == 401


def test_a_read_token_reads_but_cannot_write(personas):
    _, raw = token_create(user=personas.leader, name="只读", scopes=["read"])
    reader = _client(raw)
    assert reader.get("/api/v1/cases/").status_code == 200
    response = reader.post("/api/v1/intake/leads", {}, content_type="application/json")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "token_scope" and "写入" in body["message"]


def test_an_area_scope_opens_only_its_area(personas):
    _, raw = token_create(user=personas.leader, name="只读案件", scopes=["cases:read"])
    reader = _client(raw)
    assert reader.get("/api/v1/cases/").status_code == 200
    refused = reader.get("/api/v1/intake/leads")
    assert refused.status_code == 403 and "intake" in refused.json()["message"]


def test_a_12345_token_reaches_only_the_bridge(personas):
    _, raw = token_create(user=personas.leader, name="12345 平台", scopes=["12345"])
    platform = _client(raw)
    assert platform.get("/api/v1/cases/").status_code == 403
    assert platform.get("/api/v1/12345/orders/NOPE").status_code != 403


def test_unknown_scopes_are_refused_in_chinese(personas):
    with pytest.raises(DomainError, match="未知的令牌权限范围"):
        token_create(user=personas.officer, name="错", scopes=["admin"])


def test_tokens_are_listed_and_revoked_from_the_command_line(personas, capsys):
    token, raw = token_create(user=personas.officer, name="巡查 App", scopes=["read"])
    token_create(user=personas.leader, name="驾驶舱", days=1)
    call_command("token", "list")
    out = capsys.readouterr().out
    assert f"{token.prefix}…" in out and "巡查 App" in out and "有效" in out and "权限 read" in out
    assert raw not in out  # the secret itself is never shown again
    call_command("token", "list", "--user", "officer")
    assert "驾驶舱" not in capsys.readouterr().out
    assert cli.main(["token", "revoke", token.prefix]) == 0
    assert "已吊销令牌" in capsys.readouterr().out
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert _client(raw).get("/api/v1/accounts/me").status_code == 401
    call_command("token", "list")
    assert "已吊销" in capsys.readouterr().out
    with pytest.raises(CommandError, match="没有找到令牌"):
        call_command("token", "revoke", "zf_nothere")


def test_the_cli_creates_a_scoped_token_with_a_term(personas, capsys):
    assert cli.main(["token", "create", "--user", "officer", "--scope", "read", "--days", "7"]) == 0
    captured = capsys.readouterr()
    raw = captured.out.strip()
    token = ApiToken.objects.get(key_hash=ApiToken.hash(raw))
    assert token.scopes == ["read"] and "有效期至" in captured.err
    assert cli.main(["token", "create", "--user", "nobody"]) == 1
    assert "没有用户名" in capsys.readouterr().err
