"""The case record is hash-chained: an edited, deleted or cut-off event is detected, by the
selector and by ``manage.py verify_record``."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from zhifa.cases import services
from zhifa.cases.models import Case, CaseEvent
from zhifa.cases.selectors import record_problems


@pytest.fixture
def filed(new_case, personas):
    case = new_case()
    return services.case_file(case=case, actor=personas.officer, approved_by=personas.leader)


def test_an_intact_record_verifies(filed, capsys):
    assert record_problems(filed) == []
    call_command("verify_record", "--case", str(filed.pk))
    assert "记录完整" in capsys.readouterr().out


def test_an_edited_event_is_detected(filed):
    CaseEvent.objects.filter(case=filed, seq=2).update(summary="改过的摘要")
    assert any("被改动" in p for p in record_problems(filed))
    with pytest.raises(CommandError, match="1 件记录异常"):
        call_command("verify_record")


def test_a_deleted_event_is_detected(filed):
    CaseEvent.objects.filter(case=filed, seq=2).delete()
    problems = record_problems(filed)
    assert any("缺失" in p for p in problems)


def test_a_cut_off_tail_is_detected(filed):
    last = Case.objects.get(pk=filed.pk).record_length
    CaseEvent.objects.filter(case=filed, seq=last).delete()
    assert any("截断" in p for p in record_problems(filed))
    with pytest.raises(CommandError):
        call_command("verify_record", "--case", filed.number)
