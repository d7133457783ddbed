"""No way up through /admin/: a town's 系统管理员 manages the users and rows of their own town only,
cannot grant superuser, permissions, supervised towns or groups other than the roles, and edits no
group; every model admin is confined to the user's towns."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory

from zhifa.accounts.admin_site import TownScopedAdmin
from zhifa.accounts.models import ApiToken, User
from zhifa.accounts.services import token_create
from zhifa.core.models import Sequence

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin(personas):
    personas.admin.is_staff = True
    personas.admin.save(update_fields=["is_staff"])
    return personas.admin


@pytest.fixture
def root(towns):
    return User.objects.create_superuser("root", "root@zhifa.invalid", "Zhifa@test2026")


def _change_url(user):
    return f"/admin/accounts/user/{user.pk}/change/"


def _form_data(page: str, user: User, **extra):
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "phone": user.phone,
        "town": user.town_id or "",
        "organisation": user.organisation,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-09-01",
        "date_joined_1": "08:00:00",
        "groups": [g.pk for g in user.groups.all()],
        **extra,
    }
    return data


def test_the_user_list_holds_only_the_admins_own_town(client, login, sysadmin, personas, root):
    login(client, sysadmin)
    page = client.get("/admin/accounts/user/").content.decode()
    assert "officer" in page and "sysadmin" in page
    assert "outsider" not in page  # the other town's leader
    assert ">root<" not in page  # a superuser


def test_a_user_of_another_town_cannot_be_opened_or_changed(client, login, sysadmin, personas):
    login(client, sysadmin)
    outsider = personas.outsider
    assert client.get(_change_url(outsider)).status_code in (302, 404)
    client.post(_change_url(outsider), _form_data("", outsider, full_name="改名"))
    outsider.refresh_from_db()
    assert outsider.full_name == "外人癸"
    page = client.get(f"/admin/accounts/user/{outsider.pk}/password/")
    assert page.status_code in (302, 404)


def test_superuser_only_fields_are_not_on_the_form(client, login, sysadmin, personas, root):
    login(client, sysadmin)
    page = client.get(_change_url(personas.officer)).content.decode()
    for name in ("is_superuser", "user_permissions", "supervised_towns"):
        assert f'name="{name}"' not in page
    assert 'name="is_staff"' in page  # the admin has it, so may grant it
    login(client, root)
    page = client.get(_change_url(personas.officer)).content.decode()
    assert 'name="is_superuser"' in page and 'name="supervised_towns"' in page


def test_posting_superuser_permissions_or_supervised_towns_changes_nothing(
    client, login, sysadmin, personas
):
    login(client, sysadmin)
    officer = personas.officer
    answer = client.post(
        _change_url(officer),
        _form_data(
            "",
            officer,
            full_name="队员丙新",
            is_superuser="on",
            user_permissions=["1", "2"],
            supervised_towns=[personas.other_town.pk],
        ),
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    officer.refresh_from_db()
    assert officer.full_name == "队员丙新"
    assert not officer.is_superuser
    assert not officer.user_permissions.exists()
    assert not officer.supervised_towns.exists()


def test_only_role_groups_and_the_own_town_are_offered(client, login, sysadmin, personas):
    secret = Group.objects.create(name="全部权限")
    login(client, sysadmin)
    page = client.get(_change_url(personas.officer)).content.decode()
    groups = re.search(r'<select name="groups".*?</select>', page, re.S).group(0)
    assert "执法队员" in groups and "全部权限" not in groups
    towns = re.search(r'<select name="town".*?</select>', page, re.S).group(0)
    assert personas.town.name in towns and personas.other_town.name not in towns
    officer = personas.officer
    for bad in ({"groups": [secret.pk]}, {"town": personas.other_town.pk}):
        page = client.post(_change_url(officer), _form_data("", officer, **bad))
        assert page.status_code == 200 and "errorlist" in page.content.decode()
    officer.refresh_from_db()
    assert officer.town == personas.town and not officer.groups.filter(pk=secret.pk).exists()


def test_a_user_added_by_the_town_admin_works_in_that_town(client, login, sysadmin, personas):
    login(client, sysadmin)
    answer = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "Zhifa@test2026x",
            "password2": "Zhifa@test2026x",
        },
    )
    assert answer.status_code == 302
    assert User.objects.get(username="newcomer").town == personas.town


def test_groups_are_changed_by_superusers_only(client, login, sysadmin, root):
    group = Group.objects.get(name="系统管理员")
    login(client, sysadmin)
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code in (302, 403)
    client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "系统管理员", "permissions": []})
    assert group.permissions.exists()
    login(client, root)
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 200


def test_every_model_admin_is_confined_to_the_users_towns(sysadmin, personas, root):
    Sequence.all_towns.create(town=personas.town, kind="mine", year=2026, last_value=1)
    Sequence.all_towns.create(town=personas.other_town, kind="theirs", year=2026, last_value=1)
    token_create(user=personas.outsider, name="外镇")
    token_create(user=personas.officer, name="本镇")
    request = RequestFactory().get("/admin/")
    request.user = sysadmin
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, TownScopedAdmin), model
    rows = admin.site._registry[Sequence].get_queryset(request)
    assert {r.kind for r in rows} == {"mine"}
    tokens = admin.site._registry[ApiToken].get_queryset(request)
    assert {t.name for t in tokens} == {"本镇"}
    users = admin.site._registry[User].get_queryset(request)
    assert personas.outsider not in users and root not in users
    request.user = root
    assert {r.kind for r in admin.site._registry[Sequence].get_queryset(request)} == {
        "mine",
        "theirs",
    }
