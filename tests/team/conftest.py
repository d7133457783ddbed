"""A small team for the demo town: two squadrons over the grid's zones, officers made through
the services. ``make_officer`` adds one with a certificate of the given dates and domains."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.grid import conftest as _grid

# the grid's fixtures, shared
cells, fresh_index, places = _grid.cells, _grid.fresh_index, _grid.places

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def domains(db):
    """The 11 domains (a data migration: a transactional test's flush loses them)."""
    from zhifa.catalog.demo import domains_ensure
    from zhifa.catalog.models import Domain

    domains_ensure()
    return {d.code: d for d in Domain.objects.all()}


@pytest.fixture
def departments(town):
    from zhifa.catalog.demo_departments import seed_departments

    return seed_departments(town)


@pytest.fixture
def squadrons(town, places):
    from zhifa.team.services import squadron_create

    return {
        "urban": squadron_create(town=town, name="镇区中队", zone=places["urban"]),
        "rural": squadron_create(town=town, name="镇区外中队", zone=places["rural"]),
    }


@pytest.fixture
def make_officer(town, make_user, squadrons):
    from zhifa.team.services import certificate_issue, officer_register

    counter = {"n": 0}

    def make(
        *,
        user: Any = None,
        employment: str = "full_time",
        valid: tuple[dt.date, dt.date] | None = (
            TODAY - dt.timedelta(days=100),
            TODAY + dt.timedelta(days=400),
        ),
        domains: list = (),
        name: str | None = None,
        **extra: Any,
    ):
        counter["n"] += 1
        n = counter["n"]
        user = user or make_user(roles=["officer"], town=town, full_name=name or f"队员{n}")
        officer = officer_register(
            town=town,
            user=user,
            employment=employment,
            squadron=extra.pop("squadron", squadrons["urban"]),
            **extra,
        )
        if valid is not None:
            certificate_issue(
                officer=officer,
                number=f"T{n:05d}",
                valid_from=valid[0],
                valid_to=valid[1],
                domains=domains,
            )
        return officer

    return make
