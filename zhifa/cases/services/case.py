"""The case's main line: register, assign handlers, file, investigate, propose, withdraw, close."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.catalog.models import Department, PowerItem
from zhifa.catalog.rules import fact_date_require, item_held_by_town
from zhifa.core import clock
from zhifa.core.articles import A42, A54, A57, DECISION, short
from zhifa.core.deadlines import deadline_open
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Town
from zhifa.core.sequences import sequence_next
from zhifa.documents.models import Document
from zhifa.documents.selectors import documents_of_owner
from zhifa.documents.services import dossier_build
from zhifa.grid.locate import locate, location_describe
from zhifa.grid.models import GridCell, Subject
from zhifa.team.models import Officer, Squadron

from .. import events, extensions, signals
from ..context import case_context
from ..law import rule_limitation
from ..models import Case, CaseHandler, State
from ..rules import act_handlers, authority_check, require_open
from ..transitions import case_transition
from .common import clocks_settle, issue, local_date, lock, require_approval, text

FILING_ARTICLE = short(A54)


def case_number(*, town: Town, year: int, seq: int) -> str:
    """繁砂综执〔2026〕案字第12号: one gapless series per town and year (ADR 0013)."""
    return f"{town.doc_prefix}综执〔{year}〕案字第{seq}号"


def case_register(
    *,
    town: Town,
    actor: Any,
    cause: str,
    source: str,
    summary: str,
    address: str,
    items: list[PowerItem],
    parties: list[Subject] | None = None,
    discovered_on: dt.date | None = None,
    act_date: dt.date | None = None,
    serious_harm: bool = False,
    lat: float | None = None,
    lng: float | None = None,
    source_ref: str = "",
    reported_by: Any = None,
    handlers: list[Officer] | None = None,
) -> Case:
    """Open a case (a patrol finding, a leader's assignment, or a lead from intake).

    The point, if given, is located to its grid cell and the zone's squadron. Handlers are
    optional here (assigned before filing) but, when given, must be ≥2 certified officers."""
    cause = text(cause, label="案由", minimum=4)
    summary = text(summary, label="基本案情", minimum=4)
    address = text(address, label="地点")
    if source not in Case.Source.values:
        raise DomainError("案件来源不正确", code="bad_source")
    if not items:
        raise DomainError("请至少选择一个涉及的清单事项", code="items_required")
    parties = list(parties or [])
    for obj in [*items, *parties]:
        if obj.town_id != town.pk:
            raise DomainError("所选事项或当事人不属于本镇", code="wrong_town")
    discovered_on = discovered_on or clock.today()
    fact_date_require(town=town, value=discovered_on, label="发现日期")
    fact_date_require(town=town, value=act_date, label="违法行为发生日期")
    if act_date and act_date > discovered_on:
        raise DomainError("违法行为发生日期不能晚于发现日期", code="bad_date")
    cell = squadron = None
    if lat is not None and lng is not None:
        found = locate(town=town, lat=lat, lng=lng)
        if found is not None:
            cell = GridCell.all_towns.get(pk=found.cell_id)
            squadron_id = location_describe(found).get("squadron_id")
            squadron = Squadron.all_towns.filter(pk=squadron_id).first() if squadron_id else None
    # the number's year is the year the case is opened, from the clock, never a typed date's
    year = clock.today().year
    with transaction.atomic():
        seq = sequence_next(town=town, kind="case", year=year)
        case = Case.objects.create(
            town=town,
            number=case_number(town=town, year=year, seq=seq),
            year=year,
            seq=seq,
            cause=cause,
            source=source,
            source_ref=source_ref[:60],
            summary=summary,
            discovered_on=discovered_on,
            act_date=act_date,
            serious_harm=serious_harm,
            address=address,
            lat=lat,
            lng=lng,
            cell=cell,
            squadron=squadron,
            reported_by=reported_by,
            registered_by=actor if getattr(actor, "pk", None) else None,
        )
        case.items.set(items)
        case.parties.set(parties)
        events.registered(case=case, actor=actor)
        if handlers:
            case = case_assign_handlers(case=case, officers=handlers, actor=actor)
        transaction.on_commit(lambda: signals.case_registered.send(sender=Case, case=case))
    return case


def case_assign_handlers(
    *, case: Case, officers: list[Officer], actor: Any, on: dt.date | None = None
) -> Case:
    """承办人: ≥2 full-time officers with certificates valid on ``on`` (行政处罚法第四十二条)."""
    on = on or clock.today()
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        for officer in officers:
            if officer.town_id != case.town_id:
                raise DomainError("执法人员不属于本镇", code="wrong_town")
        # refused here, at assignment, when someone may not act for one of the case's items
        # (an item the town does not hold is transferred, not acted on: no domain to cover)
        items = [i for i in case.items.all() if item_held_by_town(item=i, on=on)] or [None]
        for item in items[1:]:
            act_handlers(officers=officers, on=on, item=item)
        handlers = act_handlers(officers=officers, on=on, item=items[0])
        old = [
            {"name": r.officer.name, "cert_no": r.certificate_number}
            for r in case.handler_rows.select_related("officer__user")
        ]
        case.handler_rows.all().delete()
        for index, h in enumerate(handlers):
            CaseHandler.objects.create(
                town=case.town,
                case=case,
                officer_id=h["officer"],
                certificate_number=h["cert_no"],
                assigned_on=on,
                is_lead=index == 0,
            )
        new = [{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers]
        events.handlers_assigned(case=case, actor=actor, old=old, new=new)
    return case


def _current_handlers(case: Case, on: dt.date, item: Any = None) -> list[dict[str, str]]:
    officers = [r.officer for r in case.handler_rows.select_related("officer")]
    if len(officers) < 2:
        raise RuleViolation(
            "请先指派两名以上持有效执法证的承办人",
            article=short(A42),
            code="too_few_handlers",
        )
    return act_handlers(officers=officers, on=on, item=item)


def case_file(
    *,
    case: Case,
    actor: Any,
    approved_by: Any,
    opinion: str = "",
    on: dt.date | None = None,
    serious_harm: bool | None = None,
) -> Case:
    """立案: the head approves; the town must hold an item of the case on the act date; the
    handlers must be certified on the filing date; the act within the limitation period (five
    years when ``serious_harm`` — given here or recorded at registration — else two). Issues the
    立案审批表."""
    on = on or clock.today()
    with case_transition(case, "file", actor=actor, event_type="filed") as step:
        case = step.case
        require_approval(approved_by, what="立案", article=FILING_ARTICLE)
        item = authority_check(case=case, act="file", on=case.act_date or case.discovered_on)
        handlers = _current_handlers(case, on)
        if serious_harm is not None:
            case.serious_harm = serious_harm
        rule_limitation(
            act_date=case.act_date,
            discovered_on=case.discovered_on,
            serious_harm=case.serious_harm,
        )
        step.change(
            # A filing entered on a later day keeps the approval's date (the clocks count from it).
            filed_at=clock.now()
            if on == clock.today()
            else timezone.make_aware(dt.datetime.combine(on, dt.time(9))),
            filing_approved_by=approved_by,
        )
        context = case_context(case, handlers=handlers)
        context["opinion"] = {
            "handler": opinion
            or f"当事人涉嫌{case.cause.removesuffix('案')}，属本镇承接事项“{item.name}”，符合立案条件，建议立案调查。",
            "handler_date": on.isoformat(),
            "head": "同意立案。",
            "head_signer": approved_by.full_name or approved_by.username,
            "head_date": on.isoformat(),
        }
        issue(case=case, doc_type="case_filing", context=context, actor=actor, date=on)
        step.record(
            f"立案（批准人：{approved_by.full_name or approved_by.username}）",
            item=item.code,
            approved_by=approved_by.pk,
        )
        deadline_open(
            town=case.town,
            subject=case,
            kind="decision_90",
            purpose=f"作出处理决定（{case.number}）",
            start=timezone.make_aware(dt.datetime.combine(on, dt.time(12))),
            amount=DECISION.amount,
            unit=DECISION.unit,
            article=DECISION.article,
            responsible=actor if getattr(actor, "pk", None) else None,
            url=f"/cases/{case.pk}/",
        )
        transaction.on_commit(lambda: signals.case_filed.send(sender=Case, case=case))
    return case


def case_start_investigation(*, case: Case, actor: Any, on: dt.date | None = None) -> Case:
    on = on or clock.today()
    with case_transition(
        case, "investigate", actor=actor, event_type="investigation_started"
    ) as step:
        handlers = _current_handlers(step.case, on)
        step.record("开始调查取证", handlers=[h["name"] for h in handlers])
    return step.case


def case_propose(
    *, case: Case, actor: Any, proposal: str, text_: str = "", on: dt.date | None = None
) -> Case:
    """The handlers' proposal (行政处罚法第五十七条). A penalty needs an item the town held on the
    act date; a transfer proposal leads to ``case_transfer``."""
    on = on or clock.today()
    with case_transition(case, "propose", actor=actor, event_type="proposed") as step:
        case = step.case
        if proposal not in (
            Case.Proposal.PENALTY,
            Case.Proposal.NO_PENALTY,
            Case.Proposal.TRANSFER,
        ):
            raise DomainError("请选择处理意见：拟处罚、拟不予处罚或拟移送", code="bad_proposal")
        reason = text(text_, label="处理意见说明", minimum=4)
        if proposal == Case.Proposal.PENALTY:
            authority_check(case=case, act="penalty", on=case.act_date or case.discovered_on)
        _current_handlers(case, on)
        step.change(proposal=proposal, proposal_text=reason)
        step.record(
            f"{Case.Proposal(proposal).label}：{reason[:80]}", proposal=proposal, text=reason
        )
    return case


def case_reinvestigate(*, case: Case, actor: Any, reason: str) -> Case:
    with case_transition(case, "reinvestigate", actor=actor, event_type="reinvestigation") as step:
        reason = text(reason, label="补充调查理由", minimum=4)
        step.change(proposal="", proposal_text="")
        step.record(f"退回补充调查：{reason[:80]}", reason=reason)
    return step.case


def case_withdraw(*, case: Case, actor: Any, reason: str, approved_by: Any) -> Case:
    """撤销立案 with a reason and the head's approval; open measures must be ended first."""
    with case_transition(case, "withdraw", actor=actor, event_type="withdrawn") as step:
        case = step.case
        reason = text(reason, label="撤销立案理由", minimum=4)
        require_approval(approved_by, what="撤销立案", article=short(A57))
        extensions.ends_check(case, closing=False)
        clocks_settle(case)
        step.change(outcome=f"撤销立案：{reason}", closed_at=clock.now())
        step.record(f"撤销立案：{reason[:80]}", reason=reason, approved_by=approved_by.pk)
        transaction.on_commit(
            lambda: signals.case_withdrawn.send(sender=Case, case=case, reason=reason)
        )
    return case


def case_close(
    *, case: Case, actor: Any, outcome: str, execution: str = "", on: dt.date | None = None
) -> Case:
    """结案: a registered matter not filed (不予立案), or a decision served and executed (a
    no-penalty proposal first gets its 不予行政处罚决定 with the education on record, rule 16).
    Issues the 结案报告; afterwards the case takes no edits, only appended notes."""
    on = on or clock.today()
    with case_transition(case, "close", actor=actor, event_type="closed") as step:
        case = step.case
        outcome = text(outcome, label="处理结果", minimum=4)
        extensions.ends_check(case, closing=True)
        clocks_settle(case)
        step.change(outcome=outcome, closed_at=clock.now())
        context = case_context(case)
        context["outcome"] = {"date": on.isoformat(), "text": outcome}
        context["execution"] = execution.strip() or "本案无需执行。"
        context["opinion"] = {"handler": "建议结案归档。", "handler_date": on.isoformat()}
        issue(case=case, doc_type="closing_report", context=context, actor=actor, date=on)
        step.record(f"结案：{outcome[:80]}", outcome=outcome)
        transaction.on_commit(
            lambda: signals.case_closed.send(sender=Case, case=case, outcome=outcome)
        )
    return case


def case_share(*, case: Case, actor: Any, department: Department) -> Case:
    """Share a case with a county department (it then sees the case, read-only)."""
    with transaction.atomic():
        case = lock(case)
        if department.town_id != case.town_id:
            raise DomainError("部门不属于本镇清单", code="wrong_town")
        case.shared_with.add(department)
        events.shared(case=case, actor=actor, department=department)
    return case


def case_note(*, case: Case, actor: Any, text_: str) -> Case:
    """Append a later outcome (复议、诉讼、回访) — allowed on closed cases too."""
    value = text(text_, label="补记内容", minimum=4)
    with transaction.atomic():
        case = lock(case)
        events.note(case=case, actor=actor, text=value)
    return case


def case_dossier_pdf(*, case: Case) -> bytes:
    """卷宗: cover, index, every issued document (voided ones marked), and the evidence list."""
    documents = [
        d
        for d in documents_of_owner(owner=case).order_by("issued_at", "pk")
        if d.status != Document.Status.DRAFT
    ]
    evidence = [
        {
            "name": f"{e.get_kind_display()}：{e.original_name}",
            "source": e.uploaded_by.full_name if e.uploaded_by else "",
            "description": f"{e.description}（SHA-256 {e.sha256[:16]}…）",
            "date": local_date(e.captured_at or e.uploaded_at).isoformat(),
        }
        for e in case.evidence.select_related("uploaded_by")
    ]
    if not documents and not evidence:
        # a new case: the dossier is its cover and index, saying plainly that nothing is in yet
        evidence = [
            {"name": "（尚无已签发的文书和证据材料）", "source": "", "description": "", "date": ""}
        ]
    cover = case_context(case)
    cover["case"]["closed"] = local_date(case.closed_at).isoformat() if case.closed_at else ""
    cover["outcome"] = {"text": case.outcome or State(case.state).label}
    cover["archive"] = {"retention": "长期", "number": case.number}
    return dossier_build(
        town=case.town, cover=cover, documents=documents, evidence_listing=evidence
    )
