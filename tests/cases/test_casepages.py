"""Issue 12, the case page: the party set from the page (and refused after the prior notice),
handlers only who may act, refused steps keep what was typed, fact dates, each role's queue,
approvals as the leader's own act (page and API), 已届满, documents and evidence opened."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from zhifa.cases.models import ApprovalRequest, CaseEvent


@pytest.fixture
def case(new_case):
    return new_case()


@pytest.fixture
def bare_case(new_case):
    """A case opened from a 12345 order: party 待查, no handlers yet."""
    return new_case(parties=[], with_handlers=False, source="hotline")


# --- the party ---------------------------------------------------------------------------------


def test_an_officer_sets_the_party_of_a_case_from_its_page_and_the_record_keeps_it(
    bare_case, party, personas, client, login
):
    login(client, personas.officer)
    page = client.get(f"/cases/{bare_case.pk}/").content.decode()
    assert "待查" in page and f"/cases/{bare_case.pk}/party/" in page
    # the order step says it needs a party and links to the form
    assert "本步骤需要先确定当事人" in page
    response = client.post(f"/cases/{bare_case.pk}/party/", {"subject": party.pk})
    assert response.status_code == 302
    assert list(bare_case.parties.all()) == [party]
    event = CaseEvent.objects.filter(case=bare_case, event_type="party_set").get()
    assert event.new["parties"] == [party.name] and event.actor_id == personas.officer.pk


def test_a_new_party_registered_inline_is_checked_and_a_bad_code_loses_nothing(
    bare_case, personas, client, login
):
    login(client, personas.officer)
    typed = {
        "kind": "enterprise",
        "name": "繁峙县示例煤炭经销有限公司",
        "credit_code": "91140924MA0L8K7021",  # wrong check character
        "address": "繁峙县砂河镇新街8号",
        "phone": "0350-5000000",
    }
    refused = client.post(f"/cases/{bare_case.pk}/party/", typed)
    body = refused.content.decode()
    assert refused.status_code == 400 and "统一社会信用代码" in body
    assert "繁峙县示例煤炭经销有限公司" in body and "繁峙县砂河镇新街8号" in body
    assert not bare_case.parties.exists()
    done = client.post(
        f"/cases/{bare_case.pk}/party/", {**typed, "credit_code": "91140924MA0L8K702X"}
    )
    assert done.status_code == 302
    assert bare_case.parties.get().credit_code == "91140924MA0L8K702X"


def test_the_party_cannot_change_after_the_prior_notice(
    notified_case, stall, personas, client, login
):
    login(client, personas.officer)
    before = list(notified_case.parties.all())
    response = client.post(f"/cases/{notified_case.pk}/party/", {"subject": stall["keeper"].pk})
    assert response.status_code == 400
    assert "已向“繁峙县示例建筑工程有限公司”送达事先告知书，不能再更换当事人" in (
        response.content.decode()
    )
    assert list(notified_case.parties.all()) == before


# --- handlers ----------------------------------------------------------------------------------


def test_an_auxiliary_or_an_officer_without_the_items_domain_is_not_offered_and_is_refused(
    bare_case, handlers, make_officer, domains, personas, client, login, api_client
):
    outside = make_officer(name="队员甲乙", domains=[domains["natural_resources"]])
    auxiliary = make_officer(name="辅助甲丙", employment="auxiliary", valid=None)
    item = bare_case.items.get()
    picks = api_client(personas.squadron_leader).get(
        "/api/v1/team/pick/officers",
        {"employment": "full_time", "item": item.pk, "on": dt.date.today().isoformat()},
    )
    offered = {r["id"] for r in picks.json()["results"]}
    assert {h.pk for h in handlers} <= offered
    assert outside.pk not in offered and auxiliary.pk not in offered
    login(client, personas.squadron_leader)
    refused = client.post(
        f"/cases/{bare_case.pk}/steps/handlers/", {"handlers": [handlers[0].pk, outside.pk]}
    )
    body = refused.content.decode()
    assert refused.status_code == 400 and "队员甲乙今日不能担任本案承办人" in body
    assert not bare_case.handler_rows.exists()
    done = client.post(
        f"/cases/{bare_case.pk}/steps/handlers/", {"handlers": [h.pk for h in handlers]}
    )
    assert done.status_code == 302 and bare_case.handler_rows.count() == 2


# --- a refused step keeps what was typed --------------------------------------------------------


def test_a_refused_step_shows_the_page_again_with_the_step_open_and_what_was_typed(
    bare_case, handlers, personas, client, login
):
    from zhifa.cases import services

    services.case_assign_handlers(case=bare_case, officers=handlers, actor=personas.leader)
    login(client, personas.officer)
    typed = {
        "kind": "correct",
        "facts": "储煤场煤堆未覆盖，局部冒烟（示例）",
        "violated": "《示例条例》第十条",
        "basis": "《示例条例》第三十条",
        "requirements": "三日内覆盖全部煤堆",
        "days": "3",
    }
    response = client.post(f"/cases/{bare_case.pk}/steps/order/", typed)
    body = response.content.decode()
    assert response.status_code == 400
    assert "请先确定当事人" in body
    assert "储煤场煤堆未覆盖，局部冒烟（示例）" in body and "三日内覆盖全部煤堆" in body
    assert 'class="accordion-collapse collapse show"' in body


# --- dates of facts -----------------------------------------------------------------------------


def test_a_case_cannot_be_discovered_tomorrow_nor_in_1999_and_its_number_has_this_years_year(
    town, items, personas, client, login, clock
):
    clock.freeze("2026-11-30 10:00")
    login(client, personas.officer)
    form = {
        "cause": "贮存煤炭未采取防燃措施案",
        "source": "patrol",
        "items": [items["coal"].pk],
        "address": "繁峙县砂河镇山会村储煤场",
        "summary": "巡查发现煤堆未覆盖。",
    }
    future = client.post("/cases/new/", {**form, "discovered_on": "2026-12-01"})
    assert future.status_code == 400 and "已发生的事实不能登记为将来的日期" in (
        future.content.decode()
    )
    assert "巡查发现煤堆未覆盖。" in future.content.decode()
    absurd = client.post("/cases/new/", {**form, "discovered_on": "1999-12-31"})
    assert absurd.status_code == 400 and "发现日期" in absurd.content.decode()
    done = client.post("/cases/new/", {**form, "discovered_on": "2025-12-30"})
    assert done.status_code == 302
    from zhifa.cases.models import Case

    assert "〔2026〕" in Case.objects.get().number  # the year it is opened, not the typed one


def test_a_record_cannot_start_in_the_future(case, personas, clock):
    from zhifa.cases import services
    from zhifa.core.errors import DomainError

    clock.freeze("2026-11-30 10:00")
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with pytest.raises(DomainError, match="晚于当前时间"):
        services.record_create(
            case=case,
            actor=personas.officer,
            kind="inspection",
            started_at=start,
            ended_at=start + dt.timedelta(hours=1),
            place="山会村储煤场",
            signature="signed",
            findings="煤堆未覆盖，局部冒烟",
        )


# --- approvals are the leader's own act ----------------------------------------------------------


def test_filing_asked_by_an_officer_waits_in_the_leaders_inbox_until_the_leader_approves(
    case, personas, client, login
):
    login(client, personas.officer)
    asked = client.post(
        f"/cases/{case.pk}/steps/file/", {"approver": personas.leader.pk, "opinion": "建议立案"}
    )
    assert asked.status_code == 302
    case.refresh_from_db()
    assert case.state == "registered" and case.filing_approved_by is None
    # the officer's home page does not show an approval inbox; the leader's does
    assert "待我审批" not in client.get("/").content.decode()
    login(client, personas.leader)
    home = client.get("/").content.decode()
    assert 'data-testid="queue-approvals"' in home and "立案：贮存煤炭未采取防燃措施案" in home
    inbox = client.get("/cases/approvals/").content.decode()
    assert "承办人意见：建议立案" in inbox
    request = ApprovalRequest.objects.get()
    client.post(f"/cases/approvals/{request.pk}/decide/", {"decision": "approve"})
    case.refresh_from_db()
    assert case.state == "filed" and case.filing_approved_by == personas.leader
    kinds = list(CaseEvent.objects.filter(case=case).values_list("event_type", "actor_id"))
    assert ("approval_requested", personas.officer.pk) in kinds
    assert ("approval_decided", personas.leader.pk) in kinds


def test_a_leader_refuses_with_a_reason_and_nothing_is_done(case, personas, client, login):
    login(client, personas.officer)
    client.post(f"/cases/{case.pk}/steps/file/", {"opinion": "建议立案"})
    request = ApprovalRequest.objects.get()
    login(client, personas.leader)
    client.post(f"/cases/approvals/{request.pk}/decide/", {"decision": "refuse"})
    request.refresh_from_db()
    assert request.status == "pending"  # no reason given: refused back to the leader
    client.post(
        f"/cases/approvals/{request.pk}/decide/", {"decision": "refuse", "opinion": "证据不足"}
    )
    request.refresh_from_db()
    case.refresh_from_db()
    assert request.status == "refused" and request.decided_by == personas.leader
    assert case.state == "registered"
    # an officer cannot open the inbox nor decide
    login(client, personas.officer)
    assert client.get("/cases/approvals/").status_code == 403


def test_the_api_refuses_a_body_that_names_another_user_as_approver(case, personas, api_client):
    officer = api_client(personas.officer)
    named = officer.post(
        f"/api/v1/cases/{case.pk}/file",
        {"approver_id": personas.leader.pk},
        content_type="application/json",
    )
    assert named.status_code == 403 and "批准须由负责人本人作出" in named.json()["message"]
    case.refresh_from_db()
    assert case.state == "registered"
    asked = officer.post(
        f"/api/v1/cases/{case.pk}/approvals",
        {"verb": "file", "fields": {"opinion": "建议立案"}},
        content_type="application/json",
    )
    assert asked.status_code == 201, asked.content
    leader = api_client(personas.leader)
    inbox = leader.get("/api/v1/cases/approvals").json()
    assert [a["label"] for a in inbox] == ["立案"]
    assert officer.get("/api/v1/cases/approvals").json() == []
    refused = officer.post(
        f"/api/v1/cases/approvals/{inbox[0]['id']}/decide",
        {"approve": True},
        content_type="application/json",
    )
    assert refused.status_code == 403
    approved = leader.post(
        f"/api/v1/cases/approvals/{inbox[0]['id']}/decide",
        {"approve": True},
        content_type="application/json",
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    case.refresh_from_db()
    assert case.state == "filed" and case.filing_approved_by == personas.leader


# --- queues -------------------------------------------------------------------------------------


def test_each_role_sees_its_own_queue_on_the_home_page(
    case, bare_case, personas, client, login, make_officer
):
    login(client, personas.officer)
    home = client.get("/").content.decode()
    assert 'data-testid="queue-my-cases"' in home and case.number in home
    assert 'data-testid="queue-approvals"' not in home
    login(client, personas.legal_reviewer)
    assert 'data-testid="queue-legal-review"' in client.get("/").content.decode()
    assert bare_case.squadron_id  # located to the squadron of its point
    make_officer(user=personas.squadron_leader, squadron=bare_case.squadron)
    login(client, personas.squadron_leader)
    mine = client.get("/cases/mine/").content.decode()
    unassigned = mine.split('data-testid="queue-squadron-unassigned"')[1]
    unassigned = unassigned.split('data-testid="queue-')[0]
    assert bare_case.number in unassigned and case.number not in unassigned


# --- 已届满 --------------------------------------------------------------------------------------


def test_a_partys_window_that_has_passed_reads_elapsed_never_overdue(
    notified_case, personas, client, login, clock
):
    clock.freeze("2026-10-20 10:00")  # both windows (statement, hearing) have passed
    login(client, personas.officer)
    for url in (f"/cases/{notified_case.pk}/", "/cases/deadlines/", "/cases/mine/", "/"):
        body = client.get(url).content.decode()
        windows = [line for line in body.splitlines() if "陈述" in line or "听证" in line]
        assert not any("已超期" in line for line in windows), url
    assert "已届满" in client.get(f"/cases/{notified_case.pk}/").content.decode()


# --- times and files ----------------------------------------------------------------------------


def test_a_record_reads_its_time_in_shanghai(case, personas):
    from zhifa.cases import services

    start = dt.datetime(2026, 9, 8, 23, 30, tzinfo=dt.UTC)  # 9 September, 07:30 in Shanghai
    record = services.record_create(
        case=case,
        actor=personas.officer,
        kind="inspection",
        started_at=start,
        ended_at=start + dt.timedelta(hours=1),
        place="山会村储煤场",
        signature="signed",
        findings="煤堆未覆盖，局部冒烟",
    )
    assert str(record) == "现场检查（勘验）笔录（2026-09-09 07:30）"


def test_every_document_opens_and_evidence_shows_as_a_thumbnail_and_the_dossier_of_a_new_case(
    case, bare_case, personas, client, login
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from zhifa.cases import services

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    services.evidence_add(
        case=case,
        actor=personas.officer,
        upload=SimpleUploadedFile("coal.jpg", buffer.getvalue(), content_type="image/jpeg"),
        description="煤堆未覆盖",
    )
    services.case_file(case=case, actor=personas.officer, approved_by=personas.leader)
    login(client, personas.auxiliary)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="evidence-thumb"' in page
    evidence = case.evidence.get()
    image = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/file")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    document = case.__class__.objects.get(pk=case.pk)
    from zhifa.cases.selectors import case_documents

    for doc in case_documents(document):
        pdf = client.get(f"/cases/{case.pk}/documents/{doc.pk}.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        docx = client.get(f"/cases/{case.pk}/documents/{doc.pk}.docx")
        assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert f"/cases/{case.pk}/documents/" in page
    dossier = client.get(f"/cases/{bare_case.pk}/dossier.pdf")
    assert dossier.status_code == 200 and dossier.content.startswith(b"%PDF")
    # another town's leader opens nothing
    login(client, personas.outsider)
    assert client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/file").status_code == 404


# --- documents read right -----------------------------------------------------------------------


def test_the_facts_sentence_names_the_party_once_and_ends_with_one_full_stop(case, personas):
    import shutil
    import subprocess

    from zhifa.cases import services
    from zhifa.documents.services import document_render_pdf

    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="correct",
        facts="山会村示例储煤场煤堆未覆盖、未采取防燃措施。",
        violated="《示例条例》第十条",
        basis="《示例条例》第三十条",
        requirements="三日内覆盖全部煤堆",
        days=3,
    )
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = document_render_pdf(document=order.document)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = "".join(text.split())
    assert "经查，你（单位）煤堆未覆盖、未采取防燃措施。" in flat
    assert "。。" not in flat


def test_the_docx_names_office_fonts_at_gb_9704_sizes(case, personas):
    from docx import Document as Docx
    from docx.oxml.ns import qn

    from zhifa.cases import services
    from zhifa.documents.services import document_render_docx

    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="correct",
        facts="煤堆未覆盖",
        violated="《示例条例》第十条",
        basis="《示例条例》第三十条",
        requirements="三日内覆盖全部煤堆",
        days=3,
    )
    doc = Docx(io.BytesIO(document_render_docx(document=order.document)))
    fonts = {
        r._element.rPr.rFonts.get(qn("w:eastAsia"))
        for p in doc.paragraphs
        for r in p.runs
        if r._element.rPr is not None
    }
    assert fonts == {"仿宋_GB2312", "方正小标宋简体"}
    title = next(p for p in doc.paragraphs if "通知书" in p.text)
    assert title.runs[0].font.size.pt == 22
    assert doc.styles["Normal"].font.size.pt == 16
