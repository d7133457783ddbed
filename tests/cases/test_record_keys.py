"""Tamper evidence an insider cannot forge (ADR 0026): keyed chains, rows checked against their
records, issued PDFs against their recorded hash, and `zhifa verify-record`'s report."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zhifa import cli
from zhifa.cases import services
from zhifa.cases.models import Case, CaseEvent
from zhifa.cases.selectors import record_problems
from zhifa.core import record_keys
from zhifa.documents.models import Document


@pytest.fixture
def filed(new_case, personas):
    case = new_case()
    return services.case_file(case=case, actor=personas.officer, approved_by=personas.leader)


@pytest.fixture
def own_keys(tmp_path, settings):
    """A key file of this test's own, so rotation does not touch the shared one."""
    settings.ZHIFA_RECORD_KEY_FILE = tmp_path / "keys.json"
    record_keys.reset()
    yield settings.ZHIFA_RECORD_KEY_FILE
    record_keys.reset()


def _rechain_with_sha256(case: Case) -> None:
    """What an insider could do to a plain hash chain: re-hash every event after an edit."""
    prev = ""
    for event in CaseEvent.objects.filter(case=case).order_by("seq"):
        event.prev_hash = prev
        event.key_id = ""
        event.hash = hashlib.sha256(event.canonical().encode()).hexdigest()
        event.save(update_fields=["prev_hash", "key_id", "hash"])
        prev = event.hash
    Case.objects.filter(pk=case.pk).update(record_head=prev)


def test_every_event_is_signed_with_the_current_key(own_keys, filed, personas):
    assert record_problems(filed) == []
    key_id = record_keys.current_key_id()
    services.case_note(case=filed, actor=personas.officer, text_="补充说明一")
    last = CaseEvent.objects.filter(case=filed).order_by("-seq").first()
    assert last.key_id == key_id and len(last.hash) == 64
    assert own_keys.stat().st_mode & 0o777 == 0o600


def test_an_event_edited_and_rechained_without_the_key_is_detected(filed):
    CaseEvent.objects.filter(case=filed, seq=2).update(summary="改过的摘要")
    _rechain_with_sha256(filed)
    problems = record_problems(filed)
    assert any("未以密钥签名" in p for p in problems), problems


def test_a_rechain_with_a_guessed_key_is_detected(filed):
    CaseEvent.objects.filter(case=filed, seq=2).update(summary="改过的摘要")
    import hmac

    prev = ""
    for event in CaseEvent.objects.filter(case=filed).order_by("seq"):
        event.prev_hash = prev
        event.hash = hmac.new(b"guess" * 8, event.canonical().encode(), "sha256").hexdigest()
        event.save(update_fields=["prev_hash", "hash"])
        prev = event.hash
    Case.objects.filter(pk=filed.pk).update(record_head=prev)
    assert any("被改动" in p for p in record_problems(filed))


def test_rotation_keeps_old_events_verifiable_and_signs_new_ones_with_the_new_key(
    own_keys, filed, personas
):
    services.case_note(case=filed, actor=personas.officer, text_="轮换前的说明")
    old_id = record_keys.current_key_id()
    call_command("record_key", "rotate")
    new_id = record_keys.current_key_id()
    assert new_id != old_id
    services.case_note(case=filed, actor=personas.officer, text_="轮换后的说明")
    ids = list(
        CaseEvent.objects.filter(case=filed).order_by("seq").values_list("key_id", flat=True)
    )
    assert ids[-2:] == [old_id, new_id]
    assert record_problems(filed) == []


def test_a_machine_without_the_key_cannot_vouch_for_the_record(own_keys, filed, personas):
    services.case_note(case=filed, actor=personas.officer, text_="补充回访说明")
    own_keys.unlink()
    record_keys.reset()  # a fresh key file is made: the old key is not there
    assert any("不在本机" in p for p in record_problems(filed))


@pytest.mark.parametrize(
    ("column", "value", "label"),
    [
        ("state", "closed", "状态"),
        ("cause", "改过的案由案", "案由"),
        ("outcome", "不予处罚", "处理结果"),
    ],
)
def test_a_case_row_edited_in_sql_is_detected(filed, column, value, label):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE cases_case SET {column} = %s WHERE id = %s", [value, filed.pk])
    problems = record_problems(filed)
    assert any(p.startswith(f"“{label}”与记录不符") for p in problems), problems
    with pytest.raises(CommandError, match="记录异常"):
        call_command("verify_record", "--case", filed.number)


def _issued(case: Case) -> Document:
    event = CaseEvent.objects.filter(case=case, event_type="document_issued").first()
    return Document.objects.get(pk=event.new["document"])


def test_a_swapped_pdf_is_not_served_and_verify_record_names_it(
    filed, personas, client, login, api_client
):
    document = _issued(filed)
    path = document.pdf.path
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7 a different file")
    login(client, personas.officer)
    page = client.get(f"/documents/{document.pk}/download.pdf")
    assert page.status_code == 409 and "哈希不符" in page.content.decode()
    api = api_client(personas.officer).get(f"/api/v1/documents/{document.pk}/pdf")
    assert api.status_code == 409 and api.json()["code"] == "document_tampered"
    assert any("存档文件与签发时记录的哈希不符" in p for p in record_problems(filed))


def test_a_swapped_pdf_with_its_hash_column_edited_too_is_detected(filed):
    document = _issued(filed)
    forged = b"%PDF-1.7 forged"
    with open(document.pdf.path, "wb") as handle:
        handle.write(forged)
    Document.objects.filter(pk=document.pk).update(pdf_sha256=hashlib.sha256(forged).hexdigest())
    assert any("文书哈希与案件记录不符" in p for p in record_problems(filed))


def test_the_cli_reports_in_chinese_with_a_non_zero_exit_and_no_traceback(filed, capsys):
    assert cli.main(["verify-record"]) == 0
    out = capsys.readouterr().out
    assert "✓ 案件：核验 1 件，异常 0 件" in out and "记录完整" in out
    Case.objects.filter(pk=filed.pk).update(record_length=1)
    assert cli.main(["verify-record", "--case", filed.number]) == 1
    captured = capsys.readouterr()
    assert "记录末尾被截断" in captured.out and "1 件记录异常" in captured.err
    assert "Traceback" not in captured.out + captured.err
    assert cli.main(["verify-record", "--case", "不存在的编号"]) == 1
    assert "未找到案件" in capsys.readouterr().err


def test_a_record_that_breaks_the_check_is_reported_not_thrown(filed, capsys, monkeypatch):
    from zhifa.cases import selectors

    def broken(case):
        raise ValueError("损坏的数据")

    monkeypatch.setattr(selectors, "record_problems", broken)
    assert cli.main(["verify-record"]) == 1
    captured = capsys.readouterr()
    assert "核验中断" in captured.out and "Traceback" not in captured.err
