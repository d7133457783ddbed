"""The document types: what each needs (and which elements the law makes mandatory), its default
wording as blocks, and a sample context that proves it renders.

A type is declared once, in one of the modules below, with ``register``. The stored, admin-edited
``TemplateVersion`` rows start from ``blocks``; ``needs`` and ``checks`` are law and stay in code.
"""

from __future__ import annotations

from .registry import (  # noqa: F401  (re-exported: the type's parts)
    GROUPS,
    REGISTRY,
    Check,
    DocType,
    Field,
    Need,
    register,
)

# Types that belong to a step of a procedure, with the step that issues them: the step checks its
# own conditions (state, approvals, deadlines) and writes the record, so the generic drafts and the
# documents API never draft or issue these (issue 13: the API must not bypass the procedure).
STEP_ISSUED: dict[str, str] = {
    "case_filing": "立案",
    "inspection_record": "现场检查（勘验）笔录",
    "interview_record": "询问笔录",
    "stop_order": "责令停止违法行为",
    "correction_order": "责令改正",
    "evidence_hold": "先行登记保存证据",
    "seizure_decision": "查封、扣押",
    "assistance_letter": "协助函",
    "power_cut_notice": "停止供电告知书",
    "power_cut_letter": "停止供电、供水协助函",
    "prior_notice": "行政处罚事先告知",
    "prior_notice_hearing": "行政处罚事先告知（听证）",
    "hearing_notice": "听证通知",
    "hearing_record": "听证笔录",
    "legal_review": "法制审核",
    "penalty_decision": "行政处罚决定",
    "no_penalty_decision": "不予行政处罚决定",
    "onthespot_decision": "当场行政处罚",
    "service_receipt": "送达",
    "reminder": "催告",
    "enforcement_decision": "行政强制执行决定",
    "enforcement_application": "申请人民法院强制执行",
    "transfer_department": "案件移送",
    "transfer_judicial": "涉嫌犯罪案件移送",
    "closing_report": "结案",
    "inspection_notice": "行政检查（检查通知）",
    "inspection_checklist_record": "行政检查（检查记录）",
}


# Types another section of the product issues itself (not a case step), with that section.
SECTION_ISSUED: dict[str, str] = {
    "monthly_report": "统计",
}


def free_type_require(code: str) -> None:
    """Refuse a type that a procedure step issues: only free documents go through the generic
    drafts and the documents API (their callers must still check the user's role)."""
    from zhifa.core.errors import DomainError

    section = SECTION_ISSUED.get(code)
    if section:
        name = doc_type_get(code).name
        raise DomainError(
            f"《{name}》由「{section}」栏目生成，不能通过通用文书拟稿或签发",
            code="section_issued",
            status=409,
        )
    step = STEP_ISSUED.get(code)
    if step:
        name = doc_type_get(code).name
        raise DomainError(
            f"《{name}》只能在案件办理的「{step}」步骤中签发，不能通过通用文书拟稿或签发",
            code="procedure_step",
            status=409,
        )


def is_free(code: str) -> bool:
    return code not in STEP_ISSUED and code not in SECTION_ISSUED


def doc_type_get(code: str) -> DocType:
    from zhifa.core.errors import DomainError

    _load()
    try:
        return REGISTRY[code]
    except KeyError:
        raise DomainError(f"未知的文书类型：{code}", code="unknown_doc_type") from None


def doc_types() -> list[DocType]:
    _load()
    order = {g: i for i, g in enumerate(GROUPS)}
    return sorted(REGISTRY.values(), key=lambda t: order.get(t.group, 99))


def doc_type_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in doc_types()]


def _load() -> None:
    if REGISTRY:
        return
    from . import (  # noqa: F401
        closing,
        decisions,
        execution,
        inspection,
        measures,
        penalty,
        records,
        reports,
        transfer,
    )
