"""The county supervisor (县司法局执法监督员) sees only the towns supervised, read-only; the
dashboard is refused to everyone but leaders, admins and supervisors."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_supervisor_sees_each_supervised_town_side_by_side(client, login, county, supervisor):
    page = login(client, supervisor).get(reverse("dashboard:county"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "砂河镇" in text and "大营镇" in text


def test_a_supervisor_of_one_town_cannot_open_another_towns_cockpit(
    client, login, county, make_user, towns
):
    only_main = make_user(roles=["jiandu"], town=None, supervised_towns=[towns["main"]])
    login(client, only_main)
    assert client.get(reverse("dashboard:town", args=[towns["main"].code])).status_code == 200
    refused = client.get(reverse("dashboard:town", args=[towns["second"].code]))
    assert refused.status_code == 404
    county_page = client.get(reverse("dashboard:county")).content.decode()
    assert "大营镇" not in county_page


def test_a_leader_sees_only_their_own_town_and_not_the_county_view(client, login, county, personas):
    login(client, personas.leader)
    assert client.get(reverse("dashboard:town", args=[personas.town.code])).status_code == 200
    assert client.get(reverse("dashboard:town", args=[personas.other_town.code])).status_code == 404
    assert client.get(reverse("dashboard:county")).status_code == 403


@pytest.mark.parametrize("role", ["officer", "auxiliary", "grid_member", "department"])
def test_other_roles_are_refused_the_cockpit(client, login, county, personas, role):
    login(client, getattr(personas, role))
    assert client.get(reverse("dashboard:town", args=[personas.town.code])).status_code == 403
    assert client.get(reverse("dashboard:warnings")).status_code == 403


def test_the_supervisor_reads_a_case_but_cannot_change_it(client, login, county, supervisor):
    """Read-only: the case page opens; a step posted by hand is refused and changes nothing."""
    from zhifa.cases.models import CaseEvent

    case = county["c"]
    login(client, supervisor)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    events = CaseEvent.objects.filter(case=case).count()
    for verb in ("propose", "withdraw", "close"):
        answer = client.post(
            reverse("cases:step", args=[case.pk, verb]), {"reason": "监督员试图修改"}
        )
        assert answer.status_code == 403
    refused = client.post(reverse("cases:record_new", args=[case.pk]), {})
    assert refused.status_code == 403
    case.refresh_from_db()
    assert case.state == "investigating"
    assert CaseEvent.objects.filter(case=case).count() == events


def test_the_supervisor_cannot_change_a_case_through_the_api(county, supervisor, api_client):
    from zhifa.cases.models import Case

    case = county["c"]
    api = api_client(supervisor)
    answer = api.post(
        f"/api/v1/cases/{case.pk}/withdraw",
        {"reason": "监督员试图撤销"},
        content_type="application/json",
    )
    assert answer.status_code in (403, 404, 405)
    assert Case.objects.get(pk=case.pk).state == "investigating"


def test_the_supervisor_is_offered_the_county_view_in_the_dashboard(
    client, login, supervisor, county
):
    answer = login(client, supervisor).get(reverse("dashboard:index"))
    assert answer.status_code == 302 and answer.url == reverse("dashboard:county")
