"""Rate limits hold across workers (ADR 0026): each gunicorn worker has its own memory, so a
limit counted there resets from one worker to the next. Two clients stand for two workers;
clearing the process cache between their requests is what a request landing on another
worker sees."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from zhifa.intake.models import Lead

pytestmark = pytest.mark.django_db

BODY = {"text": "东街路口有人占道经营卖水果，影响通行", "address": "东街路口"}


def test_the_public_form_limit_is_shared_by_all_workers(town, settings, catalog, cells):
    settings.ZHIFA_INTAKE_PUBLIC_LIMIT = 2
    url = f"/intake/public/{town.code}/report/"
    worker_a, worker_b = Client(REMOTE_ADDR="10.1.1.1"), Client(REMOTE_ADDR="10.1.1.1")
    statuses = []
    for worker in (worker_a, worker_b, worker_a, worker_b):
        cache.clear()  # the next request lands on a worker with its own, empty memory
        statuses.append(worker.post(url, BODY).status_code)
    assert statuses == [200, 200, 429, 429]
    assert Lead.objects.filter(source="report").count() == 2
    assert "提交过于频繁" in worker_b.post(url, BODY).content.decode()


def test_the_public_form_limit_opens_again_in_the_next_hour(town, settings, catalog, cells, clock):
    settings.ZHIFA_INTAKE_PUBLIC_LIMIT = 1
    url = f"/intake/public/{town.code}/report/"
    import datetime as dt

    from django.utils import timezone

    start = timezone.now()
    clock.freeze(start, tick=True)
    assert Client(REMOTE_ADDR="10.1.1.2").post(url, BODY).status_code == 200
    assert Client(REMOTE_ADDR="10.1.1.2").post(url, BODY).status_code == 429
    clock.freeze(start + dt.timedelta(minutes=61), tick=True)
    assert Client(REMOTE_ADDR="10.1.1.2").post(url, BODY).status_code == 200


def test_login_lockout_counts_failures_from_every_worker(personas):
    wrong = {"username": "officer", "password": "错误的密码123"}
    workers = [Client(REMOTE_ADDR="10.2.2.2"), Client(REMOTE_ADDR="10.2.2.2")]
    for n in range(5):
        cache.clear()
        workers[n % 2].post("/accounts/login/", wrong)
    cache.clear()
    right = {"username": "officer", "password": "Zhifa@test2026"}
    response = workers[1].post("/accounts/login/", right)
    assert response.status_code == 429 and "锁定" in response.content.decode()
