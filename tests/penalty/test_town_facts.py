"""The county's facts a document prints — the bank and account where a fine is paid, the court
asked to enforce, the county government that hears a reconsideration, the power supply company —
come from the case's town, as its admin entered them; a town that entered none still gets its
documents, with a blank line where the fact goes."""

from __future__ import annotations

import datetime as dt

from tests.documents.conftest import pdf_text
from zhifa.core.models import Town, TownEvent
from zhifa.core.models.town import BLANK
from zhifa.penalty import services as penalty_services
from zhifa.penalty.models import Penalty

from .conftest import decide

D = dt.date
FACTS = ("county_government", "court", "payment_bank", "payment_account", "payment_online")


def _decision_text(case) -> str:  # type: ignore[no-untyped-def]
    doc = Penalty.objects.get(case=case).decision_doc
    with doc.pdf.open("rb") as handle:
        return pdf_text(handle.read())


def test_the_decision_prints_where_to_pay_and_where_to_appeal_as_the_town_entered_them(
    notified_case, personas
):
    town = personas.town
    decide(notified_case, personas)

    text = _decision_text(notified_case)
    assert town.payment_bank in text and town.payment_account.replace(" ", "") in text
    assert f"或者通过{town.payment_online}电子缴纳" in text
    assert f"六十日内向{town.county_government}申请行政复议" in text


def test_a_town_that_entered_no_facts_gets_its_decision_with_blank_lines(notified_case, personas):
    Town.objects.filter(pk=personas.town.pk).update(**{name: "" for name in FACTS})
    notified_case.town.refresh_from_db()

    decide(notified_case, personas)

    text = _decision_text(notified_case)
    assert f"持本决定书到{BLANK}（账号：{BLANK}）缴纳罚款。" in text
    assert "电子缴纳" not in text
    assert f"六十日内向{BLANK}申请行政复议" in text


def test_the_court_asked_to_enforce_is_the_towns_unless_the_head_names_another(
    notified_case, personas
):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    penalty_services.reminder_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 12, 14)
    )
    reminder = Penalty.objects.get(case=notified_case).reminder_doc
    assert personas.town.payment_bank in reminder.context["payment"]["manner"]

    p = penalty_services.enforcement_apply(
        case=notified_case, actor=personas.officer, applied_on=D(2027, 5, 10), head=personas.leader
    )

    assert p.enforcement_doc.context["court"] == personas.town.court


def test_the_step_forms_offer_the_towns_court_government_and_power_company(notified_case, personas):
    from zhifa.coercion.forms import AssistanceStep
    from zhifa.penalty.forms import AppealStep, DisclosureStep, EnforcementStep

    town = personas.town

    def initial(form_class, name):  # type: ignore[no-untyped-def]
        return form_class(town=town, case=notified_case).fields[name].initial

    assert initial(EnforcementStep, "court") == town.court
    assert initial(AppealStep, "body") == town.county_government
    assert initial(DisclosureStep, "place") == f"{town.county_government}网站"
    assert initial(AssistanceStep, "recipient") == town.power_company


def test_the_towns_admin_enters_the_facts_and_the_towns_record_keeps_the_change(
    client, login, personas
):
    admin = personas.admin
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    town = personas.town
    url = f"/admin/core/town/{town.pk}/change/"
    login(client, admin)
    page = client.get(url).content.decode()
    assert 'name="payment_bank"' in page and 'name="court"' in page
    assert 'name="code"' not in page  # the grid's prefix stays the root's

    fields = [
        "name",
        "county_name",
        "agency_name",
        "team_name",
        "doc_prefix",
        "county_government",
        "court",
        "payment_bank",
        "payment_account",
        "payment_online",
        "power_company",
        "center_lat",
        "center_lng",
    ]
    data = {name: getattr(town, name) or "" for name in fields}
    answer = client.post(
        url, {**data, "court": "某某县人民法院", "payment_account": "6222 0000 01"}
    )

    assert answer.status_code == 302, answer.content.decode()[:2000]
    town.refresh_from_db()
    assert (town.court, town.payment_account) == ("某某县人民法院", "6222 0000 01")
    event = TownEvent.objects.filter(subject=town, event_type="settings_changed").get()
    assert event.new == {"court": "某某县人民法院", "payment_account": "6222 0000 01"}
    assert "申请强制执行的人民法院" in event.summary
