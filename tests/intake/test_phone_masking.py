"""Phones: roles without the reporter right see at most the last 4 digits, on every page and in
every API answer, also where a number stands in the report's own text; the reveal stays recorded."""

from __future__ import annotations

from zhifa.intake.models import LeadEvent, mask_phone, mask_text
from zhifa.intake.services import lead_receive

PHONE = "13800001234"
OTHER = "13912345678"


def _lead(town):
    lead, _ = lead_receive(
        town=town,
        source="hotline",
        source_ref="SX-PHONE-1",
        triage=False,
        text=f"同路村北山有人私自开采，请回电{PHONE}，或打邻居电话{OTHER}、座机0350-5123456",
        address="同路村北山",
        reporter_name="赵示例",
        reporter_phone=PHONE,
    )
    return lead


def _no_long_digit_runs(text: str) -> None:
    for number in (PHONE, OTHER, "138", "1391", "5123456", "0350-512"):
        assert number not in text, number


def test_a_phone_keeps_only_its_last_four_digits():
    assert mask_phone(PHONE) == "*******1234"
    assert mask_phone("0350-5123456") == "********3456"
    assert mask_phone("123") == "***"
    masked = mask_text(f"电话{PHONE}，身份证140924199001011234", phone=PHONE)
    assert masked.endswith("****1234") and "13800" not in masked and "19900101" not in masked


def test_an_officer_sees_no_more_than_four_digits_on_the_pages(client, login, personas):
    lead = _lead(personas.town)
    login(client, personas.officer)
    for url in ("/intake/", f"/intake/{lead.pk}/"):
        page = client.get(url).content.decode()
        _no_long_digit_runs(page)
    assert "*******1234" in client.get(f"/intake/{lead.pk}/").content.decode()


def test_the_api_shows_no_more_than_four_digits_to_an_officer(api_client, personas):
    lead = _lead(personas.town)
    api = api_client(personas.officer)
    for url in (f"/api/v1/intake/leads/{lead.pk}", "/api/v1/intake/leads"):
        body = api.get(url).content.decode()
        _no_long_digit_runs(body)
    assert api.get(f"/api/v1/intake/leads/{lead.pk}/reporter").status_code == 403


def test_a_leader_reveals_the_phone_and_the_look_is_recorded(api_client, personas):
    lead = _lead(personas.town)
    answer = api_client(personas.leader).get(f"/api/v1/intake/leads/{lead.pk}/reporter").json()
    assert answer["phone"] == PHONE
    assert LeadEvent.objects.filter(lead=lead, event_type="reporter_viewed").count() == 1
