import datetime as dt

import pytest

from zhifa.core.errors import RuleViolation
from zhifa.documents import services

from .conftest import docx_text, sample

pytestmark = pytest.mark.django_db


def test_an_officer_drafts_and_issues_a_free_document_through_the_api(personas, api_client):
    client = api_client(personas.officer)
    made = client.post(
        "/api/v1/documents/",
        {"doc_type": "dossier_cover", "context": sample("dossier_cover")},
        content_type="application/json",
    )
    assert made.status_code == 201
    body = made.json()
    assert body["problems"] == []
    issued = client.post(
        f"/api/v1/documents/{body['id']}/issue",
        {"date": "2026-11-02"},
        content_type="application/json",
    )
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
    pdf = client.get(f"/api/v1/documents/{body['id']}/pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_decision_issued_by_its_step_is_downloaded_and_found_through_the_api(
    personas, api_client
):
    draft = services.document_draft(
        town=personas.town,
        doc_type="penalty_decision",
        context=sample("penalty_decision"),
        actor=personas.officer,
    )
    document = services.document_issue(
        document=draft, actor=personas.officer, date=dt.date(2026, 11, 2)
    )
    assert document.number == "繁砂综执罚决〔2026〕1号"
    client = api_client(personas.officer)
    pdf = client.get(f"/api/v1/documents/{document.pk}/pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/api/v1/documents/{document.pk}/docx")
    assert "繁峙县示例建筑工程有限公司" in docx_text(docx.content)
    listed = client.get("/api/v1/documents/", {"q": "罚决〔2026〕1"}).json()
    assert [d["number"] for d in listed] == ["繁砂综执罚决〔2026〕1号"]


@pytest.mark.parametrize(
    "code", ["penalty_decision", "prior_notice", "seizure_decision", "stop_order", "reminder"]
)
def test_the_api_neither_drafts_nor_issues_a_document_that_belongs_to_a_step(
    personas, api_client, code
):
    client = api_client(personas.leader)
    made = client.post(
        "/api/v1/documents/",
        {"doc_type": code, "context": sample(code)},
        content_type="application/json",
    )
    assert made.status_code == 409 and made.json()["code"] == "procedure_step"
    assert "步骤中签发" in made.json()["message"]
    # a draft a step left behind is not issued or rewritten through the generic API either
    draft = services.document_draft(
        town=personas.town, doc_type=code, context=sample(code), actor=personas.officer
    )
    issued = client.post(f"/api/v1/documents/{draft.pk}/issue", {}, content_type="application/json")
    assert issued.status_code == 409 and issued.json()["code"] == "procedure_step"
    rewritten = client.put(
        f"/api/v1/documents/{draft.pk}/context", {"context": {}}, content_type="application/json"
    )
    assert rewritten.status_code == 409
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number == "" and draft.context == sample(code)


def test_the_pages_neither_draft_nor_issue_a_document_that_belongs_to_a_step(
    client, personas, login
):
    login(client, personas.leader)
    template = client.get("/documents/templates/penalty_decision/").content.decode()
    assert "在案件办理的「行政处罚决定」步骤中签发" in template
    assert "/documents/templates/penalty_decision/new/" not in template
    refused = client.post(
        "/documents/templates/penalty_decision/new/",
        {"title": "x", "context": "{}"},
    )
    assert refused.status_code == 409
    draft = services.document_draft(
        town=personas.town, doc_type="stop_order", context=sample("stop_order"), actor=None
    )
    page = client.post(f"/documents/{draft.pk}/issue/", follow=True).content.decode()
    assert "步骤中签发" in page
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number == ""


def test_a_drafts_detail_lists_the_missing_elements_and_it_is_not_issued(personas, api_client):
    context = sample("penalty_decision")
    context.pop("evidence")
    draft = services.document_draft(
        town=personas.town, doc_type="penalty_decision", context=context, actor=None
    )
    detail = api_client(personas.officer).get(f"/api/v1/documents/{draft.pk}").json()
    assert detail["problems"] == [
        {"label": "证据", "article": "《中华人民共和国行政处罚法》第五十九条"}
    ]
    with pytest.raises(RuleViolation) as refused:
        services.document_issue(document=draft, actor=None)
    assert refused.value.code == "document_incomplete"
    assert refused.value.details["missing"][0]["label"] == "证据"


def test_an_auxiliary_may_draft_but_not_issue(personas, api_client):
    client = api_client(personas.auxiliary)
    made = client.post(
        "/api/v1/documents/",
        {"doc_type": "dossier_cover", "context": sample("dossier_cover")},
        content_type="application/json",
    ).json()
    answer = client.post(
        f"/api/v1/documents/{made['id']}/issue", {}, content_type="application/json"
    )
    assert answer.status_code == 403


def test_another_towns_document_is_not_found(personas, api_client):
    document = services.document_draft(
        town=personas.town,
        doc_type="stop_order",
        context=sample("stop_order"),
        actor=personas.officer,
    )
    answer = api_client(personas.outsider).get(f"/api/v1/documents/{document.pk}")
    assert answer.status_code == 404


def test_anonymous_and_grid_members_are_refused(client, personas, api_client, login):
    assert client.get("/api/v1/documents/types").status_code == 401
    assert client.get("/documents/").status_code == 302
    assert api_client(personas.grid_member).get("/api/v1/documents/").status_code == 403


def test_the_gallery_lists_every_template_and_previews_one(client, personas, login):
    login(client, personas.officer)
    page = client.get("/documents/templates/")
    assert page.status_code == 200
    assert "当场行政处罚决定书" in page.content.decode()
    preview = client.get("/documents/templates/reminder/preview.pdf")
    assert preview["Content-Type"] == "application/pdf"


def test_a_leader_voids_an_issued_document_on_the_pages(client, personas, login):
    document = services.document_draft(
        town=personas.town,
        doc_type="stop_order",
        context=sample("stop_order"),
        actor=personas.officer,
    )
    document = services.document_issue(document=document, actor=personas.officer)
    assert document.number == f"繁砂综执责停〔{document.doc_date.year}〕1号"
    login(client, personas.leader)
    client.post(f"/documents/{document.pk}/void/", {"reason": ""})
    document.refresh_from_db()
    assert document.status == "issued"
    page = client.post(f"/documents/{document.pk}/void/", {"reason": "送达对象有误"}, follow=True)
    assert "文号保留备查" in page.content.decode()
    document.refresh_from_db()
    assert document.status == "voided" and document.number.endswith("1号")


def test_a_draft_page_shows_what_is_missing_before_issue(client, personas, login):
    document = services.document_draft(
        town=personas.town,
        doc_type="reminder",
        context={"party": {"name": "某公司"}},
        actor=personas.officer,
    )
    login(client, personas.officer)
    html = client.get(f"/documents/{document.pk}/").content.decode()
    assert "履行义务的期限" in html and "第三十五条" in html


def test_a_leader_edits_the_wording_as_a_new_version_and_bad_json_keeps_the_old(
    client, personas, login
):
    login(client, personas.leader)
    answer = client.post("/documents/templates/stop_order/", {"blocks": "[{", "note": "试改"})
    assert "JSON 格式有误" in answer.content.decode()
    assert services.template_current(town=personas.town, doc_type="stop_order").version == 1
    import json

    blocks = services.template_current(town=personas.town, doc_type="stop_order").blocks
    blocks.append({"kind": "note", "text": "本通知书一式两份。"})
    client.post(
        "/documents/templates/stop_order/",
        {"blocks": json.dumps(blocks, ensure_ascii=False), "note": "加附注"},
    )
    assert services.template_current(town=personas.town, doc_type="stop_order").version == 2


def test_an_officer_may_not_edit_the_wording(client, personas, login):
    login(client, personas.officer)
    answer = client.post("/documents/templates/stop_order/", {"blocks": "[]", "note": "x"})
    assert answer.status_code == 403


def test_the_api_builds_a_dossier_of_issued_documents_only(personas, api_client):
    import datetime as dt

    client = api_client(personas.officer)
    issued = services.document_issue(
        document=services.document_draft(
            town=personas.town,
            doc_type="stop_order",
            context=sample("stop_order"),
            actor=personas.officer,
        ),
        actor=personas.officer,
        date=dt.date(2026, 9, 8),
    )
    draft = services.document_draft(
        town=personas.town, doc_type="reminder", context={}, actor=personas.officer
    )
    payload = {
        "cover": sample("dossier_cover"),
        "document_ids": [issued.pk],
        "evidence_listing": [],
    }
    answer = client.post("/api/v1/documents/dossier.pdf", payload, content_type="application/json")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    payload["document_ids"].append(draft.pk)
    refused = client.post("/api/v1/documents/dossier.pdf", payload, content_type="application/json")
    assert refused.status_code == 400
    assert "已签发" in refused.json()["message"]
