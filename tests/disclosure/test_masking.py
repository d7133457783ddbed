"""The masking rules, one by one: what a public page may say about a party."""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.disclosure import masking


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("张三丰", "张某某"),
        ("王五", "王某某"),
        ("欧阳娜娜", "欧阳某某"),
        ("司马光", "司马某某"),
        ("", ""),
    ],
)
def test_a_natural_person_is_shown_as_surname_and_mou(name, shown):
    assert masking.person_mask(name) == shown


def test_id_numbers_and_phones_are_removed_from_a_text_and_names_masked():
    text = (
        "当事人郑示民（身份证号码140924198803150011，电话13912345678、0350-5123456）"
        "在山会村堆放煤炭，郑示民称不知情。"
    )
    shown = masking.text_scrub(text, names=["郑示民"])
    assert "郑示民" not in shown and shown.count("郑某某") == 2
    assert "140924198803150011" not in shown and masking.REMOVED_ID in shown
    assert "13912345678" not in shown and "5123456" not in shown
    assert "山会村堆放煤炭" in shown


def test_an_id_number_ending_in_x_and_a_15_digit_one_are_removed():
    shown = masking.text_scrub("号码14092419880315001X，旧证140924880315001")
    assert "1409241988" not in shown and "140924880315001" not in shown


def test_a_credit_code_is_kept_in_a_text():
    assert "91140924MA0L8K702X" in masking.text_scrub("统一社会信用代码91140924MA0L8K702X")


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("繁峙县砂河镇山会村三组12号", "繁峙县砂河镇山会村"),
        ("繁峙县砂河镇东街8号（电话13912345678）", "繁峙县砂河镇"),
        ("繁峙县砂河镇滨河社区5号楼2单元", "繁峙县砂河镇滨河社区"),
        ("东街8号", ""),
    ],
)
def test_an_address_is_cut_to_its_village(address, shown):
    assert masking.address_cut(address) == shown


def test_a_minor_is_recognised_from_the_id_number_on_the_act_date():
    number = "140924200903150013"  # born 2009-03-15
    assert masking.minor_on(number, dt.date(2027, 3, 14)) is True
    assert masking.minor_on(number, dt.date(2027, 3, 15)) is False
    assert masking.minor_on("", dt.date(2026, 1, 1)) is False
    assert masking.minor_on("14092420091399001X", dt.date(2026, 1, 1)) is False  # no such date


def test_a_person_party_is_masked_and_a_company_keeps_its_name_and_code():
    person = masking.party_public(
        kind="individual", name="郑示民", address="繁峙县砂河镇山会村三组12号"
    )
    assert (person.kind, person.name, person.address) == ("自然人", "郑某某", "繁峙县砂河镇山会村")
    assert person.credit_code == "" and person.is_person
    company = masking.party_public(
        kind="enterprise",
        name="繁峙县示例建筑工程有限公司",
        credit_code="91140924MA0L8K702X",
        representative="周示例",
        address="繁峙县砂河镇示范路18号",
    )
    assert company.name == "繁峙县示例建筑工程有限公司"
    assert company.credit_code == "91140924MA0L8K702X"
    assert company.representative == "周某某"
