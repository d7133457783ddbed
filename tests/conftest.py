"""Shared fixtures: the demo towns and one persona per role, made through our own services.

Personas: 队长 leader, 中队长 squadron_leader, 执法队员 officer (two: officer, officer2), 辅助人员
auxiliary, 法制审核员 legal_reviewer, 网格员 grid_member, 县直部门 department, 管理员 admin, and 外人
outsider (the second town's leader). ``login(client, persona)`` signs a test client in;
``api_client(persona)`` gives a client carrying a bearer token. ``login`` also passes a leader's
or admin's second factor (their demo TOTP device), as the pages demand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright runs a loop in-thread

import pytest
from django.test import Client

PASSWORD = "Zhifa@test2026"


@dataclass
class Personas:
    town: Any
    other_town: Any
    leader: Any
    squadron_leader: Any
    officer: Any
    officer2: Any
    auxiliary: Any
    legal_reviewer: Any
    grid_member: Any
    department: Any
    admin: Any
    outsider: Any


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Each test starts from the calendar tables, and the content types, as its own transaction
    sees them: an id cached by an earlier test may name a row that test's rollback (or flush)
    took away, and a later case event would then fail its foreign key at commit."""
    from django.contrib.contenttypes.models import ContentType

    from zhifa.core import workdays

    workdays.clear_cache()
    ContentType.objects.clear_cache()
    yield
    workdays.clear_cache()
    ContentType.objects.clear_cache()


class _Clock:
    """The house clock for one test: ``clock.freeze("2026-09-29 10:00")`` (Shanghai time) or a
    date or datetime; ``tick=True`` lets it run on. Undone when the test ends."""

    def __init__(self) -> None:
        import contextlib

        self._stack = contextlib.ExitStack()

    def freeze(self, at: Any, *, tick: bool = False) -> Any:
        import datetime as dt

        from zhifa.core import clock

        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at) if len(at) > 10 else dt.date.fromisoformat(at)
        return self._stack.enter_context(clock.frozen(at, tick=tick))

    def close(self) -> None:
        self._stack.close()


@pytest.fixture
def clock():
    frozen = _Clock()
    yield frozen
    frozen.close()


@pytest.fixture
def towns(db):
    from zhifa.accounts.demo import demo_towns

    return demo_towns()


@pytest.fixture
def town(towns):
    return towns["main"]


@pytest.fixture
def other_town(towns):
    return towns["second"]


@pytest.fixture
def make_user(db) -> Callable[..., Any]:
    from zhifa.accounts.services import user_create

    counter = {"n": 0}

    def make(*, roles: list[str], town: Any, username: str | None = None, **extra: Any) -> Any:
        counter["n"] += 1
        return user_create(
            username=username or f"user{counter['n']}",
            full_name=extra.pop("full_name", f"测试用户{counter['n']}"),
            password=PASSWORD,
            town=town,
            roles=roles,
            **extra,
        )

    return make


@pytest.fixture
def personas(towns, make_user) -> Personas:
    main, second = towns["main"], towns["second"]
    return Personas(
        town=main,
        other_town=second,
        leader=make_user(roles=["leader"], town=main, username="leader", full_name="队长甲"),
        squadron_leader=make_user(
            roles=["squadron_leader", "officer"],
            town=main,
            username="sqleader",
            full_name="中队长乙",
        ),
        officer=make_user(roles=["officer"], town=main, username="officer", full_name="队员丙"),
        officer2=make_user(roles=["officer"], town=main, username="officer2", full_name="队员丁"),
        auxiliary=make_user(roles=["auxiliary"], town=main, username="aux", full_name="辅助戊"),
        legal_reviewer=make_user(
            roles=["legal_reviewer"], town=main, username="reviewer", full_name="审核己"
        ),
        grid_member=make_user(
            roles=["grid_member"], town=main, username="grid", full_name="网格庚"
        ),
        department=make_user(
            roles=["department"],
            town=None,
            username="dept",
            full_name="部门辛",
            supervised_towns=[main],
            organisation="繁峙县规划和自然资源综合行政执法队",
        ),
        admin=make_user(roles=["admin"], town=main, username="sysadmin", full_name="管理壬"),
        outsider=make_user(roles=["leader"], town=second, username="outsider", full_name="外人癸"),
    )


@pytest.fixture
def login() -> Callable[[Client, Any], Client]:
    def do(client: Client, user: Any) -> Client:
        from django_otp import DEVICE_ID_SESSION_KEY

        from zhifa.accounts.second_factor import demo_device_ensure, needs_second_factor

        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if needs_second_factor(user):  # leaders and admins also pass the second factor
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = demo_device_ensure(user).persistent_id
            session.save()
        return client

    return do


@pytest.fixture
def api_client(db) -> Callable[[Any], Client]:
    from zhifa.accounts.services import token_create

    def make(user: Any) -> Client:
        _, raw = token_create(user=user, name="测试")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make
