import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from zhifa.accounts.roles import ROLES
from zhifa.accounts.services import token_create, token_revoke, user_create
from zhifa.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_chinese(client):
    page = client.get("/accounts/login/").content.decode()
    assert "登录" in page and "用户名" in page and "密码" in page


def test_a_wrong_password_is_refused_with_a_chinese_message(client, personas):
    response = client.post("/accounts/login/", {"username": "officer", "password": "错误的密码123"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_a_correct_password_opens_the_shell(client, personas):
    response = client.post(
        "/accounts/login/", {"username": "officer", "password": "Zhifa@test2026"}, follow=True
    )
    page = response.content.decode()
    assert "工作台" in page and "队员丙" in page
    for label in ("清单", "队伍", "网格", "线索", "案件", "文书", "公示"):
        assert label in page
    # 统计 (the cockpit) is for leaders, admins and county supervisors: not offered to an officer
    assert 'data-section="dashboard"' not in page


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, personas):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "officer", "password": "错误的密码123"})
    response = client.post(
        "/accounts/login/", {"username": "officer", "password": "Zhifa@test2026"}
    )
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_a_weak_password_is_refused_in_chinese(towns):
    with pytest.raises(DomainError) as error:
        user_create(
            username="weak",
            full_name="弱密码",
            password="12345678",
            town=towns["main"],
            roles=["officer"],
        )
    assert "密码" in error.value.message


def test_every_role_of_the_design_exists_as_a_group(db):
    from zhifa.accounts.roles import roles_sync

    roles_sync()
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES.values())


def test_a_bearer_token_opens_the_api_until_it_is_revoked(client, personas):
    token, raw = token_create(user=personas.officer, name="测试")
    headers = {"Authorization": f"Bearer {raw}"}
    me = client.get("/api/v1/accounts/me", headers=headers)
    assert me.status_code == 200 and me.json()["full_name"] == "队员丙"
    assert me.json()["roles"] == ["officer"]
    token_revoke(token=token)
    assert client.get("/api/v1/accounts/me", headers=headers).status_code == 401


def test_an_expired_or_made_up_token_is_refused(client, personas):
    _, raw = token_create(
        user=personas.officer, name="过期", expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert (
        client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 401
    )
    assert (
        client.get(
            "/api/v1/accounts/me", headers={"Authorization": "Bearer zf_made_up"}
        ).status_code
        == 401
    )


def test_only_the_hash_of_a_token_is_stored(personas):
    token, raw = token_create(user=personas.officer, name="测试")
    token.refresh_from_db()
    assert raw not in (token.key_hash, token.prefix) and len(token.key_hash) == 64


def test_the_cli_prints_a_token_that_works(client, personas, capsys):
    from zhifa.cli import main

    main(["token", "create", "--user", "officer"])
    raw = capsys.readouterr().out.strip()
    assert (
        client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 200
    )
