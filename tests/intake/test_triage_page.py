"""The triage page and API never default an item silently: a confident suggestion is
preselected, an uncertain one reads 不确定 and the forms read 请选择事项; the squadron leader
confirms or corrects the item there."""

from __future__ import annotations

import re

from zhifa.intake.classify.models import TriageLabel
from zhifa.intake.services import lead_receive
from zhifa.intake.triage import lead_triage

UNCLEAR = "哐哐队又在黑石岭开工了"


def _lead(town, text):
    lead, _ = lead_receive(town=town, source="grid", text=text, address="同路村", triage=False)
    return lead_triage(lead=lead)


def _selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


def test_an_uncertain_lead_reads_uncertain_and_no_item_is_preselected(
    client, login, personas, catalog, cells
):
    lead = _lead(town=personas.town, text=UNCLEAR)
    login(client, personas.squadron_leader)
    html = client.get(f"/intake/{lead.pk}/").content.decode()
    assert 'data-testid="uncertain"' in html and "请选择事项" in html
    forms = re.findall(r'<form method="post" action="([^"]+)".*?</form>', html, re.S)
    assert any("/act/case/" in f for f in forms)
    for section in re.findall(r"<form .*?</form>", html, re.S):
        if 'name="item"' in section:
            assert _selected(section, "item") in ([], [""])


def test_a_confident_lead_preselects_its_suggested_item(client, login, personas, catalog, cells):
    lead = _lead(town=personas.town, text="工地没有围挡也不洒水，一刮风尘土满天飞")
    assert lead.triage_confident
    login(client, personas.squadron_leader)
    html = client.get(f"/intake/{lead.pk}/").content.decode()
    case_form = re.search(r'<form [^>]*data-testid="open-case".*?</form>', html, re.S).group(0)
    assert _selected(case_form, "item") == ["SH-ZJ-001"]
    assert f"模型 v{lead.triage_model}" in html


def test_the_squadron_leader_corrects_the_item_on_the_page(client, login, personas, catalog, cells):
    lead = _lead(town=personas.town, text=UNCLEAR)
    login(client, personas.squadron_leader)
    refused = client.post(f"/intake/{lead.pk}/act/item/", {"item": ""})
    assert refused.status_code == 422 and "请选择事项" in refused.content.decode()
    assert not TriageLabel.objects.exists()
    done = client.post(f"/intake/{lead.pk}/act/item/", {"item": "SH-ZR-002"})
    assert done.status_code == 302
    lead.refresh_from_db()
    assert lead.item.code == "SH-ZR-002" and lead.triage_label.verdict == "corrected"
    html = client.get(f"/intake/{lead.pk}/").content.decode()
    assert "已认定事项：SH-ZR-002" in html and "更正事项：建议" in html


def test_the_api_says_uncertain_and_takes_the_item(api_client, personas, catalog, cells):
    lead = _lead(town=personas.town, text=UNCLEAR)
    api = api_client(personas.squadron_leader)
    body = api.get(f"/api/v1/intake/leads/{lead.pk}").json()
    assert body["triage_label"] == "不确定" and body["triage_confident"] is False
    assert body["triage_model"] == lead.triage_model and body["advice"]["action"] == "review"
    done = api.post(
        f"/api/v1/intake/leads/{lead.pk}/item",
        {"item_code": "SH-ZR-002"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["item"] == "SH-ZR-002"
    after = api.get(f"/api/v1/intake/leads/{lead.pk}").json()["advice"]
    assert after["action"] == "transfer" and after["item"] == "SH-ZR-002"
    officer = api_client(personas.officer)
    refused = officer.post(
        f"/api/v1/intake/leads/{lead.pk}/item",
        {"item_code": "SH-ZJ-001"},
        content_type="application/json",
    )
    assert refused.status_code == 403
