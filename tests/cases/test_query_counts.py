"""Query-count pins: a list page or list API must not grow its number of database queries with
its rows (an N+1 shows to a person as a page that gets slower every week). Each list is asked
once with a few rows and again after more were added, by the same user; the counts must match.
A detail page is pinned by the same rule over the case's own rows (events, handlers, documents)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/cases/",
    "/cases/mine/",
    "/cases/deadlines/",
    "/intake/",
    "/documents/",
    "/cases/?export=xlsx",
    "/intake/?export=xlsx",
    "/cases/deadlines/?export=xlsx",
]
APIS = [
    "/api/v1/cases/",
    "/api/v1/cases/?active=true&q=煤",
    "/api/v1/cases/mine",
    "/api/v1/cases/deadlines",
    "/api/v1/intake/leads",
    "/api/v1/documents/",
]


def queries(client: Any, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def grow(new_case, town, personas):
    """Add ``n`` cases (with their handlers, party, events, clocks) and ``n`` leads."""
    from zhifa.intake.services import lead_receive

    made = {"n": 0}

    def add(n: int) -> None:
        for _ in range(n):
            made["n"] += 1
            new_case(cause=f"贮存煤炭未采取防燃措施案（{made['n']}）")
            lead_receive(
                town=town,
                source="report",
                text=f"山会村储煤场煤堆冒烟，第{made['n']}次反映",
                actor=personas.squadron_leader,
                address="繁峙县砂河镇山会村",
                reporter_name="王某",
                reporter_phone="13900000000",
                triage=False,
            )

    return add


def _diff(client: Any, few: dict[str, int], many: dict[str, int]) -> str:
    """The queries of the lists that grew, for the failure message."""
    grown = [url for url in few if few[url] != many[url]]
    return "\n\n".join(f"{url}:\n" + "\n".join(queries(client, url)[1]) for url in grown)


def _counts(client: Any, urls: list[str]) -> dict[str, int]:
    return {url: queries(client, url)[0] for url in urls}


@pytest.mark.parametrize("who", ["leader", "squadron_leader", "officer"])
def test_list_pages_ask_the_database_as_often_for_eight_rows_as_for_two(
    who, grow, personas, client, login
):
    login(client, getattr(personas, who))
    pages = PAGES + (["/cases/approvals/"] if who == "leader" else [])  # the leader's inbox
    grow(2)
    _counts(client, pages)  # caches (calendar, roles, templates) filled once
    few = _counts(client, pages)
    grow(6)
    many = _counts(client, pages)
    assert many == few, _diff(client, few, many)


def test_list_apis_ask_the_database_as_often_for_eight_rows_as_for_two(grow, personas, api_client):
    api = api_client(personas.leader)
    grow(2)
    _counts(api, APIS)
    few = _counts(api, APIS)
    grow(6)
    many = _counts(api, APIS)
    assert many == few, _diff(api, few, many)


def test_a_subjects_case_list_does_not_grow_with_its_cases(grow, party, personas, client, login):
    login(client, personas.officer)
    url = f"/cases/subjects/{party.pk}/"
    grow(2)
    queries(client, url)
    few, _ = queries(client, url)
    grow(6)
    many, sql = queries(client, url)
    assert many == few, "\n".join(sql)


def test_the_case_page_does_not_grow_with_its_record(new_case, personas, client, login):
    from zhifa.cases import services

    case = new_case()
    login(client, personas.officer)
    url = f"/cases/{case.pk}/"
    queries(client, url)
    few, _ = queries(client, url)
    for n in range(6):
        services.case_note(case=case, actor=personas.officer, text_=f"电话联系当事人，第{n + 1}次")
    many, sql = queries(client, url)
    assert many == few, "\n".join(sql)
