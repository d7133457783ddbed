"""Leaders and admins sign in with a second factor (TOTP, django-otp), enforced by role; demo
users keep working with fixed demo keys and `zhifa demo-code` (ADR 0026)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhifa import cli
from zhifa.accounts.second_factor import current_code, demo_device_ensure

pytestmark = pytest.mark.django_db

PASSWORD = "Zhifa@test2026"


def _sign_in(client: Client, username: str):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_a_leaders_password_alone_opens_nothing(client, personas):
    response = _sign_in(client, "leader")
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and "/accounts/second-factor/" in home["Location"]
    assert client.get("/cases/").status_code == 302
    api = client.get("/api/v1/cases/")
    assert api.status_code == 401 and api.json()["code"] == "second_factor"


def test_a_leader_without_a_device_enrols_with_a_qr_code_then_a_code(client, personas):
    _sign_in(client, "leader")
    page = client.get("/accounts/second-factor/?next=/cases/")
    text = page.content.decode()
    assert "绑定手机验证器" in text and "<svg" in text
    # not through the door yet: no sidebar leading to pages that would only bounce back here
    assert 'id="sidebar-menu"' not in text and "工作台" not in text
    device = TOTPDevice.objects.get(user=personas.leader, confirmed=False)
    wrong = client.post("/accounts/second-factor/", {"otp_token": "000000", "next": "/cases/"})
    assert wrong.status_code == 422 and "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code holds the next try back a second (django-otp)
    code = f"{TOTP(device.bin_key).token():06d}"
    done = client.post("/accounts/second-factor/", {"otp_token": code, "next": "/cases/"})
    assert done.status_code == 302 and done["Location"] == "/cases/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/cases/").status_code == 200


def test_an_enrolled_admin_verifies_and_a_code_is_used_once(personas):
    device = demo_device_ensure(personas.admin)
    first, second = Client(), Client()
    _sign_in(first, "sysadmin")
    page = first.get("/accounts/second-factor/").content.decode()
    assert "双因素验证" in page and "<svg" not in page
    code = current_code(device)
    assert first.post("/accounts/second-factor/", {"otp_token": code}).status_code == 302
    assert first.get("/").status_code == 200
    _sign_in(second, "sysadmin")
    replay = second.post("/accounts/second-factor/", {"otp_token": code})
    assert replay.status_code == 422 and "已使用过" in replay.content.decode()


def test_an_officer_is_not_asked_for_a_second_factor(client, personas):
    _sign_in(client, "officer")
    assert client.get("/").status_code == 200


def test_a_next_address_off_the_site_is_ignored(client, personas):
    device = demo_device_ensure(personas.leader)
    _sign_in(client, "leader")
    response = client.post(
        "/accounts/second-factor/",
        {"otp_token": current_code(device), "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_demo_leaders_and_admin_get_fixed_demo_keys_and_demo_code_prints_the_code(capsys):
    from zhifa.accounts import demo
    from zhifa.accounts.models import User

    demo.seed()
    for username in ("duizhang", "admin", "dy_duizhang"):
        assert TOTPDevice.objects.filter(user__username=username, confirmed=True).exists()
    assert not TOTPDevice.objects.filter(user__username="zhifa1").exists()
    assert cli.main(["demo-code", "duizhang"]) == 0
    code = capsys.readouterr().out.strip()
    client = Client()
    from django.conf import settings

    client.post(
        "/accounts/login/", {"username": "duizhang", "password": settings.ZHIFA_DEMO_PASSWORD}
    )
    assert client.post("/accounts/second-factor/", {"otp_token": code}).status_code == 302
    assert client.get("/").status_code == 200
    assert User.objects.get(username="duizhang").totpdevice_set.count() == 1
    assert cli.main(["demo-code", "zhifa1"]) == 1
    assert "不是使用演示验证器的演示账号" in capsys.readouterr().err
