import datetime as dt

import pytest

from zhifa.core.errors import Conflict, DomainError, RuleViolation
from zhifa.documents import services
from zhifa.documents.models import Document
from zhifa.documents.signals import document_issued

from .conftest import pdf_text, sample

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 2)


def draft(personas, code="penalty_decision", **changes):
    context = sample(code)
    context.update(changes)
    return services.document_draft(
        town=personas.town, doc_type=code, context=context, actor=personas.officer
    )


def test_a_draft_has_no_number_and_issuing_gives_the_towns_number(personas):
    document = draft(personas)
    assert document.number == ""
    issued = services.document_issue(document=document, actor=personas.officer, date=DAY)
    assert issued.number == "繁砂综执罚决〔2026〕1号"
    assert issued.status == Document.Status.ISSUED
    assert len(issued.pdf_sha256) == 64
    pdf = services.document_render_pdf(document=issued)
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == issued.pdf_sha256
    assert "繁砂综执罚决〔2026〕1号" in pdf_text(pdf).replace(" ", "")


def test_a_decision_missing_art_59_elements_is_refused_listing_them_and_keeps_no_number(personas):
    document = draft(personas, facts="", evidence=[], party={"name": "某公司"})
    with pytest.raises(RuleViolation) as caught:
        services.document_issue(document=document, actor=personas.officer, date=DAY)
    error = caught.value
    assert "第五十九条" in error.message
    labels = [m["label"] for m in error.details["missing"]]
    assert "当事人地址" in labels
    assert "违反法律、法规、规章的事实" in labels
    assert "证据" in labels
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT and document.number == ""
    ok = draft(personas)
    assert services.document_issue(document=ok, actor=personas.officer, date=DAY).number.endswith(
        "〔2026〕1号"
    )


@pytest.mark.parametrize(
    ("code", "change", "article", "label"),
    [
        ("prior_notice", {"penalty": {}}, "第四十四条", "拟作出的行政处罚内容"),
        ("prior_notice", {"statement_days": ""}, "第四十四条", "陈述、申辩的期限"),
        (
            "seizure_decision",
            {"items": []},
            "第二十四条",
            "查封、扣押场所、设施或者财物的名称、数量等",
        ),
        ("reminder", {"deadline": ""}, "第三十五条", "履行义务的期限"),
        ("enforcement_decision", {"enforcement": {}}, "第三十七条", "强制执行的方式"),
        ("onthespot_decision", {"act": {}}, "第五十二条", "违法时间"),
    ],
)
def test_each_document_is_refused_while_a_mandatory_element_is_missing(
    personas, code, change, article, label
):
    document = draft(personas, code, **change)
    with pytest.raises(RuleViolation) as caught:
        services.document_issue(document=document, actor=personas.officer, date=DAY)
    assert article in caught.value.message
    assert label in caught.value.message


def test_an_on_the_spot_fine_over_200_yuan_for_a_citizen_is_refused(personas):
    document = draft(
        personas,
        "onthespot_decision",
        penalty={"kind": "罚款", "amount": 500, "content": "罚款500元"},
    )
    with pytest.raises(RuleViolation, match="第五十一条"):
        services.document_issue(document=document, actor=personas.officer, date=DAY)


def test_a_power_cut_for_a_dwelling_is_refused(personas):
    document = draft(
        personas, "power_cut_letter", premises={"description": "住宅", "residential": True}
    )
    with pytest.raises(RuleViolation, match="第四十三条"):
        services.document_issue(document=document, actor=personas.officer, date=DAY)


def test_a_power_cut_without_24_hours_notice_is_refused(personas):
    document = draft(
        personas, "power_cut_letter", advance_notice={"served_at": "2026-09-20T08:00:00"}
    )
    with pytest.raises(RuleViolation, match="二十四小时"):
        services.document_issue(document=document, actor=personas.officer, date=DAY)


def test_an_emergency_power_cut_without_its_reason_is_refused(personas):
    document = draft(
        personas, "power_cut_letter", cut_off={"at": "2026-09-20T09:00:00", "emergency": True}
    )
    with pytest.raises(RuleViolation, match="紧急情形"):
        services.document_issue(document=document, actor=personas.officer, date=DAY)


def test_a_power_cut_notice_announcing_a_cut_within_24_hours_is_refused(personas):
    document = draft(personas, "power_cut_notice", cut_off={"at": "2026-09-19T08:00:00"})
    with pytest.raises(RuleViolation, match="第七十条第二款"):
        services.document_issue(document=document, actor=personas.officer, date=DAY)


def test_a_seizure_longer_than_30_days_is_refused(personas):
    context = sample("seizure_decision")
    context["seizure"]["days"] = 45
    document = services.document_issue
    d = services.document_draft(
        town=personas.town, doc_type="seizure_decision", context=context, actor=personas.officer
    )
    with pytest.raises(RuleViolation, match="第二十五条"):
        document(document=d, actor=personas.officer, date=DAY)


def test_a_voided_number_stays_recorded_and_is_never_reused(personas):
    first = services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    services.document_void(document=first, reason="当事人名称有误", actor=personas.leader)
    second = services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    first.refresh_from_db()
    assert first.status == Document.Status.VOIDED and first.number.endswith("〔2026〕1号")
    assert second.number.endswith("〔2026〕2号")
    with pytest.raises(Conflict):
        services.document_issue(document=first, actor=personas.officer)


def test_voiding_needs_a_reason(personas):
    issued = services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    with pytest.raises(DomainError, match="作废原因"):
        services.document_void(document=issued, reason="", actor=personas.leader)
    issued.refresh_from_db()
    assert issued.status == Document.Status.ISSUED


def test_issuing_sends_the_signal_the_case_timeline_listens_to(personas):
    heard = []

    def receiver(sender, document, actor, **kwargs):
        heard.append((document.number, actor))

    document_issued.connect(receiver)
    try:
        services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    finally:
        document_issued.disconnect(receiver)
    assert heard == [("繁砂综执罚决〔2026〕1号", personas.officer)]


def test_a_failing_listener_rolls_the_issue_back_and_gives_the_number_back(personas):
    def receiver(**kwargs):
        raise DomainError("案件已结案")

    document = draft(personas)
    document_issued.connect(receiver)
    try:
        with pytest.raises(DomainError):
            services.document_issue(document=document, actor=personas.officer, date=DAY)
    finally:
        document_issued.disconnect(receiver)
    document.refresh_from_db()
    assert document.number == "" and document.is_draft
    assert services.document_issue(
        document=document, actor=personas.officer, date=DAY
    ).number.endswith("1号")


def test_a_document_keeps_the_template_version_that_made_it(personas):
    issued = services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    blocks = [dict(b) for b in issued.template.blocks]
    blocks[0] = {**blocks[0], "title": "行政处罚决定书（新格式）"}
    version = services.template_version_create(
        town=personas.town,
        doc_type="penalty_decision",
        blocks=blocks,
        note="调整标题",
        actor=personas.admin,
    )
    assert version.version == 2
    later = draft(personas)
    assert later.template.version == 2
    issued.refresh_from_db()
    assert issued.template.version == 1
    assert "新格式" in pdf_text(services.document_render_pdf(document=later))


def test_an_edit_that_removes_the_seal_or_breaks_the_syntax_is_refused(personas):
    current = services.template_current(town=personas.town, doc_type="penalty_decision")
    without_seal = [b for b in current.blocks if b.get("kind") != "seal"]
    with pytest.raises(DomainError, match="印章"):
        services.template_version_create(
            town=personas.town,
            doc_type="penalty_decision",
            blocks=without_seal,
            note="x",
            actor=None,
        )
    broken = [*current.blocks, {"kind": "para", "text": "{% if %}"}]
    with pytest.raises(DomainError, match="模板"):
        services.template_version_create(
            town=personas.town, doc_type="penalty_decision", blocks=broken, note="x", actor=None
        )
    assert services.template_current(town=personas.town, doc_type="penalty_decision").version == 1


def test_the_numbering_word_is_configurable_per_town_and_type(personas):
    services.numbering_rule_set(
        town=personas.town, doc_type="penalty_decision", word="繁砂政罚决", actor=personas.admin
    )
    issued = services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    assert issued.number == "繁砂政罚决〔2026〕1号"


def test_numbers_run_per_town_and_year(personas):
    a = services.document_issue(document=draft(personas), actor=personas.officer, date=DAY)
    other = services.document_draft(
        town=personas.other_town,
        doc_type="penalty_decision",
        context=sample("penalty_decision"),
        actor=None,
    )
    b = services.document_issue(document=other, actor=None, date=DAY)
    c = services.document_issue(
        document=draft(personas), actor=personas.officer, date=dt.date(2027, 1, 5)
    )
    assert a.number == "繁砂综执罚决〔2026〕1号"
    assert b.number == "繁营综执罚决〔2026〕1号"
    assert c.number == "繁砂综执罚决〔2027〕1号"


def test_the_dossier_has_a_cover_a_table_of_contents_and_numbered_pages(personas):
    docs = [
        services.document_issue(
            document=draft(personas, "case_filing"), actor=personas.officer, date=DAY
        ),
        services.document_issue(document=draft(personas), actor=personas.officer, date=DAY),
    ]
    cover = sample("dossier_cover")
    pdf = services.dossier_build(
        town=personas.town,
        cover=cover,
        documents=docs,
        evidence_listing=[
            {
                "name": "现场照片",
                "source": "执法人员拍摄",
                "description": "工地未围挡",
                "date": "2026-08-21",
            }
        ],
    )
    text = pdf_text(pdf).replace(" ", "")
    assert "行政处罚案卷" in text and "卷内目录" in text
    assert "繁砂综执罚决〔2026〕1号" in text
    assert "证据材料目录" in text
    assert "第1页" in text
    import io

    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 5


def test_a_dossier_refuses_drafts(personas):
    with pytest.raises(DomainError, match="已签发"):
        services.dossier_build(
            town=personas.town, cover={}, documents=[draft(personas)], evidence_listing=[]
        )


def test_a_hearing_notice_must_come_seven_working_days_before_the_hearing(personas):
    late = draft(personas, "hearing_notice")
    with pytest.raises(RuleViolation, match="七个工作日"):
        services.document_issue(document=late, actor=personas.officer, date=dt.date(2026, 10, 20))
    in_time = services.document_issue(
        document=draft(personas, "hearing_notice"),
        actor=personas.officer,
        date=dt.date(2026, 10, 12),
    )
    assert in_time.number == "繁砂综执听通〔2026〕1号"
