"""Signals other apps hear, and documents landing on (and leaving) the case record."""

from __future__ import annotations

from zhifa.cases import services, signals
from zhifa.cases.models import CaseEvent
from zhifa.documents.services import document_void


def test_closing_sends_case_closed_once_the_transaction_commits(
    new_case, personas, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, case, outcome, **kw):
        heard.append((case.pk, outcome))

    signals.case_closed.connect(listener)
    try:
        case = new_case()
        with django_capture_on_commit_callbacks(execute=True):
            services.case_close(
                case=case, actor=personas.officer, outcome="经初步核查不符合立案条件"
            )
        assert heard == [(case.pk, "经初步核查不符合立案条件")]
    finally:
        signals.case_closed.disconnect(listener)


def test_a_voided_document_is_appended_to_the_case_record(new_case, personas):
    case = new_case()
    order = services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        facts="煤堆冒烟未处置",
        violated="安全生产法第四十一条",
        basis="属地管理职责",
        requirements="立即停止装卸",
        days=2,
    )
    document_void(document=order.document, reason="当事人名称写错，重新制作", actor=personas.leader)
    last = CaseEvent.objects.filter(case=case).order_by("-seq").first()
    assert last.event_type == "document_voided"
    assert "当事人名称写错" in last.summary
