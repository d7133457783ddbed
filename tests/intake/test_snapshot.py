"""A lead's detail (API and page) never shows the "triaged" event without its suggestions.

The suggestions and the event are written in one transaction; the detail used to read the lead
and then its events in separate statements, so a triage committing in between showed the event
with empty suggestions. A slow reader here widens that gap while another thread triages. (Without ``one_snapshot``
this test fails: measured 4 of ~60 polls showed the event with empty suggestions.)"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from zhifa.intake import classify, selectors
from zhifa.intake.models import Lead
from zhifa.intake.services import lead_receive
from zhifa.intake.triage import lead_triage

LEADS = 6


@pytest.mark.django_db(transaction=True)
def test_polling_while_leads_are_triaged_never_sees_the_event_without_suggestions(
    catalog, town, cells, personas, api_client, login, monkeypatch
):
    classify.model_train(town_id=town.pk)
    leads = [
        lead_receive(
            town=town,
            source="grid",
            text=f"工地灰太大，第{n}次反映",
            address="同路村",
            triage=False,
        )[0]
        for n in range(LEADS)
    ]
    api = api_client(personas.squadron_leader)
    page = login(Client(), personas.squadron_leader)
    events = selectors.lead_events

    def slow_events(lead):
        time.sleep(0.05)  # between reading the lead and reading its record
        return events(lead)

    monkeypatch.setattr(selectors, "lead_events", slow_events)
    seen: list[tuple[bool, bool]] = []  # (triaged event shown, suggestions shown)
    errors: list[BaseException] = []

    def triage_later(lead, done):
        try:
            time.sleep(0.12)
            lead_triage(lead=Lead.all_towns.get(pk=lead.pk))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            done.set()
            connection.close()

    for n, lead in enumerate(leads):
        done = threading.Event()
        writer = threading.Thread(target=triage_later, args=(lead, done))
        writer.start()
        last_round = False
        while not last_round:
            last_round = done.is_set()
            if n % 2:
                html = page.get(f"/intake/{lead.pk}/").content.decode()
                seen.append(("自动分拣：" in html, "尚未分拣" not in html))
            else:
                body = api.get(f"/api/v1/intake/leads/{lead.pk}").json()
                types = {e["type"] for e in body["events"]}
                seen.append(("triaged" in types, bool(body["suggestions"])))
        writer.join()
    assert errors == []
    assert any(event for event, _ in seen) and any(not event for event, _ in seen)
    assert [s for s in seen if s[0] and not s[1]] == []
