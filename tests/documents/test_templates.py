"""Every template renders from its sample context: PDF with an embedded CJK font and the expected
Chinese in its text, DOCX that opens and holds the same text."""

import json

import pytest

from zhifa.documents import services
from zhifa.documents.definitions import doc_types

from .conftest import docx_text, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db
CODES = [t.code for t in doc_types()]


def printed_title(definition):
    """The title as printed: the seizure sample is an 扣押; the cover prints 行政处罚案卷."""
    special = {"seizure_decision": "扣押决定书", "dossier_cover": "行政处罚案卷"}
    return special.get(definition.code, definition.name.replace("（听证）", ""))


def printed_phrases(definition):
    """Sample values the template is known to print: the party and the agency."""
    blocks = json.dumps(definition.blocks, ensure_ascii=False)
    phrases = ["繁峙县砂河镇"]
    party = (definition.sample.get("party") or {}).get("name")
    if party and "party.name" in blocks:
        phrases.append(party)
    return phrases


def test_the_set_covers_every_document_the_workflow_needs():
    names = {t.name for t in doc_types()}
    for name in [
        "立案审批表",
        "现场检查（勘验）笔录",
        "询问笔录",
        "责令停止违法行为通知书",
        "责令（限期）改正通知书",
        "先行登记保存证据通知书",
        "查封（扣押）决定书",
        "协助函",
        "停止供电告知书",
        "停止供电协助函",
        "案件移送函",
        "涉嫌犯罪案件移送书",
        "行政处罚事先告知书",
        "行政处罚事先告知书（听证）",
        "听证通知书",
        "听证笔录",
        "法制审核意见书",
        "行政处罚决定书",
        "当场行政处罚决定书",
        "不予行政处罚决定书",
        "送达回证",
        "催告书",
        "强制执行决定书",
        "强制执行申请书",
        "结案报告",
        "卷宗封面",
        "卷内目录",
    ]:
        assert name in names


@pytest.mark.parametrize("code", CODES)
def test_each_template_renders_a_pdf_with_a_cjk_font_and_its_chinese_text(town, code):
    definition = next(t for t in doc_types() if t.code == code)
    pdf = services.sample_render_pdf(town=town, doc_type=code)
    assert pdf.startswith(b"%PDF")
    assert "Noto-Serif-CJK-SC" in pdf_fonts(pdf)
    text = pdf_text(pdf)
    assert printed_title(definition) in text
    for phrase in printed_phrases(definition):
        assert phrase in text


@pytest.mark.parametrize("code", CODES)
def test_each_template_renders_a_docx_that_opens_and_holds_the_same_words(town, code):
    definition = next(t for t in doc_types() if t.code == code)
    text = docx_text(services.sample_render_docx(town=town, doc_type=code))
    assert printed_title(definition) in text
    for phrase in printed_phrases(definition):
        assert phrase in text


def test_a_decision_prints_the_remedies_payment_and_surcharge_of_the_law(town):
    text = pdf_text(services.sample_render_pdf(town=town, doc_type="penalty_decision")).replace(
        " ", ""
    )
    for phrase in [
        "六十日内向繁峙县人民政府申请行政复议",
        "六个月内",
        "十五日内",
        "百分之三加处罚款",
        "二〇二",
    ]:
        assert phrase in text.replace("\n", "")


def test_an_on_the_spot_decision_says_reconsideration_comes_first(town):
    text = pdf_text(services.sample_render_pdf(town=town, doc_type="onthespot_decision"))
    assert "复议前置" in text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("code", ["transfer_department", "transfer_judicial"])
def test_a_transfer_prints_the_facts_once_as_typed_in_a_sentence_of_their_own(town, code):
    """Officers type the facts as a sentence — often naming the party, always ending in 。 — and
    the letter names the party itself and closes the sentence: neither is printed twice."""
    definition = next(t for t in doc_types() if t.code == code)
    context = {
        **definition.sample,
        "party": {"name": "同路村北山矿点"},
        "facts": "同路村北山矿点未取得采矿许可证开采铁矿石，本机关已责令停止开采。",
    }
    text = pdf_text(services.context_render(town=town, doc_type=code, context=context, kind="pdf"))
    assert "同路村北山矿点未取得采矿许可证开采铁矿石，本机关已责令停止开采。" in text, text
    assert "同路村北山矿点同路村北山矿点" not in text and "。。" not in text, text
