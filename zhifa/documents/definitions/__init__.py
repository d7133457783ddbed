"""The document types: what each needs (and which elements the law makes mandatory), its default
wording as blocks, and a sample context that proves it renders.

A type is declared once, in one of the modules below, with ``register``. The stored, admin-edited
``TemplateVersion`` rows start from ``blocks``; ``needs`` and ``checks`` are law and stay in code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..engine import lookup


@dataclass(frozen=True)
class Need:
    """A mandatory element: a context value (any of ``paths`` non-empty) or a block in the
    template (``block``: a block kind or key), with the article that makes it mandatory."""

    label: str
    article: str
    paths: tuple[str, ...] = ()
    block: str = ""
    min_items: int = 0

    def missing(self, context: dict[str, Any], blocks: list[dict[str, Any]]) -> bool:
        if self.block:
            return not any(
                b.get("kind") == self.block or b.get("key") == self.block for b in blocks
            )
        for path in self.paths:
            value = lookup(context, path)
            if self.min_items:
                if isinstance(value, list | tuple) and len(value) >= self.min_items:
                    return False
            elif value not in (None, "", [], {}):
                return False
        return True


# A check returns the problems it finds as (message, article) pairs.
Check = Callable[[dict[str, Any]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class DocType:
    code: str
    name: str
    group: str
    abbr: str  # the type's word in the number: 罚决 → 繁砂综执罚决〔2026〕7号; "" = not numbered
    blocks: list[dict[str, Any]]
    sample: dict[str, Any]
    fields: tuple[Field, ...] = ()
    needs: tuple[Need, ...] = ()
    checks: tuple[Check, ...] = ()
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def numbered(self) -> bool:
        return bool(self.abbr)


REGISTRY: dict[str, DocType] = {}
GROUPS = [
    "行政检查",
    "立案与调查",
    "责令与强制措施",
    "协助与移送",
    "处罚程序",
    "处罚决定",
    "送达与执行",
    "结案与归档",
    "统计报告",
]


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
    """Refuse a type that a procedure step or another section issues: only free documents go
    through the generic drafts and the documents API (their callers must still check the role)."""
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


def register(doc_type: DocType) -> DocType:
    REGISTRY[doc_type.code] = doc_type
    return doc_type


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
        execution,
        inspection,
        measures,
        penalty,
        records,
        reports,
        transfer,
    )
