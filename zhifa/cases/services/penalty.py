"""机制 III: the penalty procedure of 行政处罚法 and 行政强制法, step by step.

Every service locks the case, checks the rules of ``cases.law`` before it writes anything, moves
the state only through the machine's verbs, issues its document through ``documents`` and appends
its event to the case record — all in one transaction, so a refusal changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.roles import LEGAL_REVIEWER, has_role
from zhifa.catalog.models import PowerItem
from zhifa.catalog.rules import fine_rule_check, money
from zhifa.core.deadlines import (
    deadline_cancel,
    deadline_complete,
    deadline_open,
    deadlines_for_subject,
)
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Deadline, Town
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from .. import events, law, signals
from ..context import case_context
from ..models import Appeal, Case, Penalty, State
from ..rules import require_open, transition_require
from .case import case_close, case_propose, case_register
from .common import case_url, clock_start, issue, lock, require_approval, text

U = Deadline.Unit
PAYMENT_BANK = "中国农业银行繁峙县支行"
PAYMENT_ONLINE = "山西省非税收入电子缴款系统"


def _clock(
    case: Case,
    *,
    kind: str,
    purpose: str,
    start: dt.date,
    amount: int,
    unit: str,
    article: str,
    actor: Any,
) -> Deadline:
    return deadline_open(
        town=case.town,
        subject=case,
        kind=kind,
        purpose=f"{purpose}（{case.number}）"[:100],
        start=clock_start(start),
        amount=amount,
        unit=unit,
        article=article[:100],
        responsible=actor if getattr(actor, "pk", None) else None,
        url=case_url(case),
    )


def _finish(case: Case, kind: str, on: dt.date) -> None:
    for deadline in deadlines_for_subject(case).filter(kind=kind, status=Deadline.Status.OPEN):
        deadline_complete(deadline=deadline, at=clock_start(on))


def _penalty(case: Case) -> Penalty:
    found = Penalty.all_towns.filter(case=case).first()
    if found is None:
        raise DomainError("本案尚未提出拟处罚意见", code="no_penalty_file", status=409)
    return found


def _investigators(case: Case) -> list[Officer]:
    return [row.officer for row in case.handler_rows.select_related("officer")]


def _context(case: Case, p: Penalty) -> dict[str, Any]:
    context = case_context(case, party=p.party)
    context.update(
        facts=p.facts,
        evidence=p.evidence,
        violated=p.violated,
        basis=p.basis,
        discretion=p.discretion_reason,
        penalty={
            "kind": "罚款" if "fine" in p.kinds else "警告",
            "amount": float(p.amount) if "fine" in p.kinds else None,
            "content": p.content,
        },
    )
    lead = case.handler_rows.select_related("officer__user").first()
    context["contact"] = {
        "name": lead.officer.name if lead else "",
        "phone": (lead.officer.phone or lead.officer.user.phone) if lead else "",
        "address": case.town.team_name or f"{case.town.name}综合行政执法队",
    }
    return context


def _event(
    case: Case, actor: Any, event_type: str, summary: str, old_state: str | None = None, **new: Any
) -> None:
    if old_state is not None and old_state != case.state:
        events.state_changed(
            case=case,
            actor=actor,
            event_type=event_type,
            old_state=old_state,
            summary=summary,
            **new,
        )
    else:
        events.measure_event(
            case=case, actor=actor, event_type=event_type, summary=summary, new=new
        )


# --- proposal with discretion ------------------------------------------------------------------


def penalty_propose(
    *,
    case: Case,
    actor: Any,
    proposal: str,
    reason: str,
    item: PowerItem | None = None,
    party: Subject | None = None,
    kinds: list[str] | None = None,
    amount: Decimal | int | str = 0,
    level: str = "",
    facts: str = "",
    evidence: list[str] | None = None,
    violated: str = "",
    basis: str = "",
    fine_facts: dict[str, Any] | None = None,
    serious_harm: bool = False,
    on: dt.date | None = None,
) -> Case:
    """The handlers' proposal (第五十七条): a penalty within the law's range and the chosen level of
    the item's 裁量基准 (reason recorded), no penalty (Art 33), or a transfer (Art 27)."""
    on = on or timezone.localdate()
    law.rule_limitation(
        act_date=case.act_date, discovered_on=case.discovered_on, serious_harm=serious_harm
    )
    if proposal == Case.Proposal.TRANSFER:
        law.rule_transfer_reason(reason=reason)
        return case_propose(case=case, actor=actor, proposal=proposal, text_=reason, on=on)
    items = list(case.items.all())
    item = item or (items[0] if items else None)
    if item is None or item.pk not in {i.pk for i in items}:
        raise DomainError("请选择本案涉及的清单事项", code="item_required")
    party = party or case.parties.first()
    if party is None:
        raise DomainError("请先确定当事人", code="party_required")
    party_kind = law.party_kind_of(party)
    kinds = list(kinds or (["fine"] if proposal == Case.Proposal.PENALTY else []))
    facts = text(facts, label="违法事实", minimum=4)
    violated = text(violated, label="违反的规定", minimum=4)
    basis = text(basis, label="处罚（不予处罚）依据", minimum=4)
    check = None
    act_on = case.act_date or case.discovered_on
    if proposal == Case.Proposal.PENALTY and "fine" in kinds:
        check = law.rule_discretion(
            item=item,
            level=level,
            amount=amount,
            facts={"party": party_kind, **(fine_facts or {})},
            on=act_on,
        )
        text(reason, label="裁量理由", minimum=4)
    with transaction.atomic():
        case = case_propose(case=case, actor=actor, proposal=proposal, text_=reason, on=on)
        Penalty.all_towns.filter(case=case).delete()
        p = Penalty.objects.create(
            town=case.town,
            case=case,
            procedure=Penalty.Procedure.ORDINARY,
            outcome=Penalty.Outcome.PENALTY
            if proposal == Case.Proposal.PENALTY
            else Penalty.Outcome.NO_PENALTY,
            item=item,
            party=party,
            party_kind=party_kind,
            kinds=kinds,
            amount=Decimal(str(amount or 0)) if "fine" in kinds else Decimal(0),
            level=level,
            discretion_reason=reason.strip(),
            facts=facts,
            evidence=[e for e in (evidence or []) if str(e).strip()],
            violated=violated,
            basis=basis,
            law_article=check.article if check else "",
        )
        if not deadlines_for_subject(case).filter(kind="decision_90").exists() and case.filed_at:
            _clock(
                case,
                kind="decision_90",
                purpose="作出处理决定",
                start=timezone.localtime(case.filed_at).date(),
                amount=law.DECISION_DAYS,
                unit=U.CALENDAR_DAYS,
                article=law.A60,
                actor=actor,
            )
        _event(
            case,
            actor,
            "penalty_proposed",
            f"拟{p.content}；裁量等级：{p.get_level_display() if level else '—'}；{reason.strip()[:60]}"
            if proposal == Case.Proposal.PENALTY
            else f"拟不予行政处罚：{reason.strip()[:60]}",
            amount=str(p.amount),
            level=level,
            kinds=kinds,
            law_range=[str(check.low), str(check.high)] if check else None,
        )
    return case


# --- prior notice, statement --------------------------------------------------------------------


def notice_serve(
    *,
    case: Case,
    actor: Any,
    served_on: dt.date,
    hearing_offered: bool | None = None,
    statement_days: int | None = None,
) -> Penalty:
    """事先告知书 served (第四十四条); the hearing variant when Art 63 applies. Opens the statement
    window and (when offered) the 5-working-day hearing-request window."""
    with transaction.atomic():
        case = lock(case)
        transition_require(case, "notify")
        p = _penalty(case)
        if p.outcome != Penalty.Outcome.PENALTY:
            raise DomainError(
                "拟不予处罚的案件无需事先告知，请作出不予行政处罚决定", code="no_notice_needed"
            )
        required = law.rule_hearing_offer(
            kinds=p.kinds, party=p.party_kind, amount=p.amount, offered=hearing_offered is not False
        )
        offered = required or bool(hearing_offered)
        days = int(statement_days or (5 if offered else 3))
        context = _context(case, p)
        context["statement_days"] = days
        doc = issue(
            case=case,
            doc_type="prior_notice_hearing" if offered else "prior_notice",
            context=context,
            actor=actor,
            date=served_on,
        )
        old = case.state
        case.notify()
        case.save()
        statement = _clock(
            case,
            kind="statement",
            purpose="当事人陈述、申辩期限",
            start=served_on,
            amount=days,
            unit=U.WORKING_DAYS,
            article=law.A44,
            actor=actor,
        )
        p.notice_doc, p.notice_served_on, p.hearing_offered = doc, served_on, offered
        p.statement_due = timezone.localtime(statement.due_at).date()
        if offered:
            hearing = _clock(
                case,
                kind="hearing_request",
                purpose="当事人申请听证期限",
                start=served_on,
                amount=5,
                unit=U.WORKING_DAYS,
                article=law.A64,
                actor=actor,
            )
            p.hearing_request_due = timezone.localtime(hearing.due_at).date()
        p.save()
        _event(
            case,
            actor,
            "notified",
            f"送达{doc.number}（拟{p.content}{'，告知听证权利' if offered else ''}），陈述申辩期限至{p.statement_due:%Y-%m-%d}",
            old_state=old,
            document=doc.number,
            hearing_offered=offered,
            statement_due=p.statement_due,
        )
    return p


def statement_record(
    *,
    case: Case,
    actor: Any,
    received_on: dt.date,
    statement: str = "",
    recheck: str = "",
    adopted: bool = False,
    waived: bool = False,
) -> Penalty:
    """陈述、申辩 and the handlers' 复核 (第四十五条); or the party's explicit waiver."""
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        p = _penalty(case)
        if p.notice_served_on is None:
            raise RuleViolation("尚未送达事先告知书", article=law.A44, code="notice_missing")
        if waived:
            p.statement_waived = True
            summary = "当事人明确表示放弃陈述、申辩"
        else:
            p.statement_text = text(statement, label="陈述申辩内容", minimum=4)
            p.statement_recheck = text(recheck, label="复核意见", minimum=4)
            p.statement_adopted = adopted
            summary = f"陈述申辩：{p.statement_text[:40]}；复核：{p.statement_recheck[:40]}"
        p.save()
        _finish(case, "statement", received_on)
        _event(
            case,
            actor,
            "statement",
            summary,
            waived=waived,
            adopted=adopted,
            received_on=received_on,
        )
    return p


# --- hearing ------------------------------------------------------------------------------------


def hearing_request(*, case: Case, actor: Any, requested_on: dt.date) -> Penalty:
    """A hearing request within 5 working days of the notice (第六十四条第一项)."""
    with transaction.atomic():
        case = lock(case)
        transition_require(case, "hear")
        p = _penalty(case)
        if not p.hearing_offered:
            raise RuleViolation(
                "本案未告知听证权利，不属于应当听证的情形", article=law.A63, code="no_hearing_right"
            )
        answer = law.rule_hearing_request_in_time(
            notice_served_on=p.notice_served_on, requested_on=requested_on
        )
        old = case.state
        case.hear()
        case.save()
        p.hearing_requested_on = requested_on
        p.save(update_fields=["hearing_requested_on"])
        _finish(case, "hearing_request", requested_on)
        _event(
            case,
            actor,
            "hearing_requested",
            f"当事人于{requested_on:%Y-%m-%d}申请听证{'（' + answer.warning + '）' if answer.warning else ''}",
            old_state=old,
            requested_on=requested_on,
            warning=answer.warning,
        )
    return p


def hearing_schedule(
    *,
    case: Case,
    actor: Any,
    notice_on: dt.date,
    at: dt.datetime,
    place: str,
    chair: Officer,
    members: list[str] | None = None,
    clerk: str = "",
    public: bool = True,
) -> Penalty:
    """听证通知书 ≥7 working days before; the chair is not an investigator (第六十四条)."""
    place = text(place, label="听证地点")
    with transaction.atomic():
        case = lock(case)
        if case.state != State.HEARING:
            raise RuleViolation(
                "当事人未申请听证，不能安排听证", article=law.A64, code="no_hearing"
            )
        p = _penalty(case)
        law.rule_chair_not_investigator(chair=chair, investigators=_investigators(case))
        local = timezone.localtime(at) if timezone.is_aware(at) else at
        law.rule_hearing_notice_7_workdays(notice_on=notice_on, hearing_on=local.date())
        context = _context(case, p)
        context["hearing"] = {
            "requested": p.hearing_requested_on.isoformat() if p.hearing_requested_on else "",
            "time": local.replace(tzinfo=None).isoformat(timespec="minutes"),
            "place": place,
            "public": public,
            "chair": chair.name,
            "members": members or [],
            "clerk": clerk,
        }
        doc = issue(
            case=case, doc_type="hearing_notice", context=context, actor=actor, date=notice_on
        )
        p.hearing_at, p.hearing_place, p.hearing_chair, p.hearing_notice_doc = at, place, chair, doc
        p.save()
        _event(
            case,
            actor,
            "hearing_scheduled",
            f"{doc.number}：定于{local:%Y-%m-%d %H:%M}在{place}举行听证，主持人{chair.name}",
            document=doc.number,
        )
    return p


def hearing_hold(
    *,
    case: Case,
    actor: Any,
    held_on: dt.date,
    proceedings: list[dict[str, str]],
    final_statement: str = "",
    end: dt.datetime | None = None,
) -> Penalty:
    """听证笔录 (第六十五条): the record of the hearing as held."""
    with transaction.atomic():
        case = lock(case)
        p = _penalty(case)
        if case.state != State.HEARING or p.hearing_notice_doc_id is None:
            raise RuleViolation("请先送达听证通知书", article=law.A64, code="hearing_not_scheduled")
        rows = [
            r for r in proceedings or [] if (r.get("q") or "").strip() or (r.get("a") or "").strip()
        ]
        if not rows:
            raise DomainError("请记录听证过程", code="field_required")
        start = timezone.localtime(p.hearing_at)
        context = _context(case, p)
        context["hearing"] = {
            "time": start.replace(tzinfo=None).isoformat(timespec="minutes"),
            "end": (timezone.localtime(end) if end else start + dt.timedelta(hours=1))
            .replace(tzinfo=None)
            .isoformat(timespec="minutes"),
            "place": p.hearing_place,
            "public": True,
            "chair": p.hearing_chair.name,
            "members": [],
            "clerk": "",
            "agents": [],
            "proceedings": rows,
            "final_statement": final_statement,
        }
        doc = issue(
            case=case, doc_type="hearing_record", context=context, actor=actor, date=held_on
        )
        p.hearing_held_on, p.hearing_record_doc = held_on, doc
        p.save()
        _event(
            case,
            actor,
            "hearing_held",
            f"{held_on:%Y-%m-%d}举行听证，制作听证笔录",
            held_on=held_on,
        )
    return p


# --- legal review, collective discussion --------------------------------------------------------


def legal_review_record(
    *,
    case: Case,
    actor: Any,
    reviewer: Any,
    passed: bool,
    opinion: str,
    on: dt.date,
    qualification: str = "",
) -> Penalty:
    """法制审核 (第五十八条) by a user holding the legal_reviewer role; pass or fail with opinion."""
    opinion = text(opinion, label="审核意见", minimum=4)
    if reviewer is None or not (has_role(reviewer, LEGAL_REVIEWER) or reviewer.is_superuser):
        raise RuleViolation(
            "法制审核应由取得法律职业资格的法制审核人员进行", article=law.A58, code="not_a_reviewer"
        )
    with transaction.atomic():
        case = lock(case)
        p = _penalty(case)
        if case.state not in (State.NOTIFIED, State.HEARING, State.UNDER_REVIEW):
            raise RuleViolation(
                "法制审核应在事先告知之后、作出决定之前", article=law.A58, code="review_out_of_step"
            )
        if case.state == State.HEARING and p.hearing_held_on is None:
            raise RuleViolation(
                "当事人申请了听证，应在听证结束后再送法制审核",
                article=law.A64,
                code="hearing_pending",
            )
        if case.state == State.NOTIFIED and p.hearing_request_due and on <= p.hearing_request_due:
            raise RuleViolation(
                f"听证申请期限至{p.hearing_request_due:%Y年%m月%d日}届满，期满前不能送法制审核",
                article=law.A64,
                code="hearing_window_open",
            )
        ground = law.legal_review_grounds(
            hearing_held=bool(p.hearing_held_on), party=p.party_kind, amount=p.amount, kinds=p.kinds
        )
        context = _context(case, p)
        context["review"] = {
            "submitted": on.isoformat(),
            "ground": ground or "承办机构送审",
            "proposal": f"对当事人{p.content}",
            "opinion": opinion,
            "conclusion": "通过" if passed else "不通过",
            "reviewer": reviewer.full_name or reviewer.username,
            "qualification": qualification or "—",
            "date": on.isoformat(),
        }
        doc = issue(case=case, doc_type="legal_review", context=context, actor=actor, date=on)
        old = case.state
        if case.state != State.UNDER_REVIEW:
            case.review()
            case.save()
        _finish(case, "statement", on)
        _finish(case, "hearing_request", on)
        p.review_ground, p.reviewer, p.review_passed, p.review_opinion, p.review_doc = (
            ground,
            reviewer,
            passed,
            opinion,
            doc,
        )
        p.save()
        _event(
            case,
            actor,
            "legal_review",
            f"法制审核{'通过' if passed else '未通过'}：{opinion[:60]}",
            old_state=old,
            passed=passed,
            reviewer=reviewer.pk,
        )
    return p


def discussion_record(
    *, case: Case, actor: Any, on: dt.date, members: list[str], conclusion: str
) -> Penalty:
    """集体讨论 by the heads (第五十七条第二款)."""
    conclusion = text(conclusion, label="讨论结论", minimum=4)
    members = [m.strip() for m in members if m and m.strip()]
    if len(members) < 3:
        raise DomainError("集体讨论应记录至少三名参加的负责人", code="members_required")
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        p = _penalty(case)
        p.discussion_on, p.discussion_members, p.discussion_conclusion = on, members, conclusion
        p.save()
        _event(
            case, actor, "discussion", f"集体讨论（{'、'.join(members)}）：{conclusion[:60]}", on=on
        )
    return p


# --- decision -----------------------------------------------------------------------------------


def decision_make(
    *,
    case: Case,
    actor: Any,
    on: dt.date,
    amount: Decimal | int | str | None = None,
    kinds: list[str] | None = None,
    extension_days: int = 0,
    extension_approved_by: Any = None,
    bank: str = PAYMENT_BANK,
    account: str = "",
) -> Penalty:
    """行政处罚决定书 (第五十九条): after notice and windows, hearing, review and discussion when
    required; within 90 days of filing; not heavier than the notice."""
    with transaction.atomic():
        case = lock(case)
        transition_require(case, "decide")
        p = _penalty(case)
        if p.outcome != Penalty.Outcome.PENALTY:
            raise DomainError(
                "处理意见为不予处罚，请作出不予行政处罚决定", code="no_penalty_outcome"
            )
        amount = Decimal(str(amount)) if amount not in (None, "") else p.amount
        kinds = list(kinds or p.kinds)
        law.rule_notice_before_decision(
            notice_served_on=p.notice_served_on,
            statement_due=p.statement_due,
            on=on,
            waived=p.statement_waived,
            hearing_pending=bool(p.hearing_requested_on) and p.hearing_held_on is None,
        )
        law.rule_not_heavier_than_notice(
            notified_amount=p.amount,
            decided_amount=amount,
            notified_kinds=p.kinds,
            decided_kinds=kinds,
        )
        if extension_days:
            require_approval(extension_approved_by, what="延长办案期限", article=law.A60)
        law.rule_decision_within_90_days(
            filed_on=timezone.localtime(case.filed_at).date()
            if case.filed_at
            else case.discovered_on,
            decided_on=on,
            extension_days=extension_days,
            extension_approved=extension_approved_by is not None,
        )
        ground = law.legal_review_grounds(
            hearing_held=bool(p.hearing_held_on), party=p.party_kind, amount=amount, kinds=kinds
        )
        law.rule_legal_review_passed(required=bool(ground), passed=p.review_passed)
        law.rule_collective_discussion(
            required=law.collective_discussion_required(amount=amount, kinds=kinds),
            recorded=p.discussion_on is not None,
        )
        p.amount, p.kinds = amount, kinds
        context = _context(case, p)
        steps = [f"本机关于{p.notice_served_on:%Y年%-m月%-d日}向你（单位）送达了行政处罚事先告知书"]
        if p.hearing_held_on:
            steps.append(
                f"你（单位）于{p.hearing_requested_on:%Y年%-m月%-d日}提出听证申请，本机关于{p.hearing_held_on:%Y年%-m月%-d日}依法举行听证"
            )
        elif p.statement_text:
            steps.append("你（单位）提出了陈述、申辩，本机关已进行复核")
        if p.review_passed:
            steps.append("经法制审核")
        if p.discussion_on:
            if p.review_passed:
                steps[-1] += "并经本机关负责人集体讨论"
            else:
                steps.append("经本机关负责人集体讨论")
        context["procedure_note"] = "，".join(steps) + "。"
        context["payment"] = {"bank": bank, "account": account or "—", "online": PAYMENT_ONLINE}
        law.rule_decision_elements(town=case.town, context=context, on=on)
        doc = issue(case=case, doc_type="penalty_decision", context=context, actor=actor, date=on)
        old = case.state
        case.decide()
        case.outcome = f"{doc.number}：{p.content}"
        case.save()
        p.decided_on, p.decision_doc, p.status = on, doc, Penalty.Status.EFFECTIVE
        p.extension_days, p.extension_approved_by = extension_days, extension_approved_by
        p.save()
        for window in ("decision_90", "statement", "hearing_request"):
            _finish(case, window, on)  # the party's windows have ended by now
        _clock(
            case,
            kind="service",
            purpose="送达行政处罚决定书",
            start=on,
            amount=7,
            unit=U.WORKING_DAYS,
            article=law.A61,
            actor=actor,
        )
        _clock(
            case,
            kind="disclosure",
            purpose="公开行政处罚决定",
            start=on,
            amount=7,
            unit=U.WORKING_DAYS,
            article=f"{law.A48}、国办发〔2018〕118号",
            actor=actor,
        )
        transaction.on_commit(lambda: signals.case_decided.send(sender=Case, case=case, penalty=p))
        _event(
            case,
            actor,
            "decided",
            f"作出{doc.number}：{p.content}",
            old_state=old,
            document=doc.number,
            amount=str(amount),
        )
    return p


def no_penalty_decide(
    *,
    case: Case,
    actor: Any,
    on: dt.date,
    reason: str,
    education_on: dt.date | None,
    education_form: str,
) -> Penalty:
    """不予行政处罚决定 (第三十三条) with the education of the party on record."""
    reason = text(reason, label="不予处罚的情形", minimum=4)
    law.rule_no_penalty_education(education_on=education_on, education_form=education_form)
    with transaction.atomic():
        case = lock(case)
        transition_require(case, "decide")
        p = _penalty(case)
        if p.outcome != Penalty.Outcome.NO_PENALTY:
            raise DomainError("处理意见不是不予处罚", code="not_no_penalty")
        context = _context(case, p)
        context.update(
            reason=reason, education={"date": education_on.isoformat(), "form": education_form}
        )
        doc = issue(
            case=case, doc_type="no_penalty_decision", context=context, actor=actor, date=on
        )
        old = case.state
        case.decide()
        case.outcome = f"{doc.number}：不予行政处罚"
        case.save()
        p.decided_on, p.decision_doc, p.status = on, doc, Penalty.Status.EFFECTIVE
        p.education_on, p.education_form = education_on, education_form
        p.save()
        for window in ("decision_90", "statement", "hearing_request"):
            _finish(case, window, on)
        _clock(
            case,
            kind="service",
            purpose="送达不予行政处罚决定书",
            start=on,
            amount=7,
            unit=U.WORKING_DAYS,
            article=law.A61,
            actor=actor,
        )
        _event(
            case,
            actor,
            "decided",
            f"作出{doc.number}：不予行政处罚（已{education_form}）",
            old_state=old,
            document=doc.number,
        )
    return p


# --- service and payment ------------------------------------------------------------------------


def decision_serve(
    *,
    case: Case,
    actor: Any,
    served_on: dt.date,
    method: str,
    place: str = "",
    party_present: bool = False,
    consent: bool = False,
    witness: str = "",
    media: bool = False,
) -> Penalty:
    """送达 (第六十一条; 民诉法): methods, the 7-working-day clock and 公告 after 30 days; the
    payment clock (15 days, 第六十七条) starts from the day service takes effect."""
    with transaction.atomic():
        case = lock(case)
        transition_require(case, "serve")
        p = _penalty(case)
        answer = law.rule_service_deadline(
            decided_on=p.decided_on,
            served_on=served_on,
            method=method,
            party_present=party_present,
            consent=consent,
            witness=witness,
            media=media,
        )
        context = case_context(case, party=p.party)
        context["recipient"] = {"name": p.party.name}
        context["service"] = {
            "documents": [
                {
                    "name": p.decision_doc.get_doc_type_display()
                    if hasattr(p.decision_doc, "get_doc_type_display")
                    else "决定书",
                    "number": p.decision_doc.number,
                }
            ],
            "place": place or p.party.address or case.address,
            "method": law.SERVICE_METHODS[method],
            "time": f"{served_on.isoformat()}T10:00:00",
            "servers": [h["name"] for h in context["handlers"]],
            "witness": witness,
            "media": "已拍照、录像" if media else "",
        }
        doc = issue(
            case=case, doc_type="service_receipt", context=context, actor=actor, date=served_on
        )
        old = case.state
        case.serve()
        case.save()
        p.served_on, p.effective_on, p.service_method, p.service_doc = (
            served_on,
            answer.due,
            method,
            doc,
        )
        _finish(case, "service", served_on)
        if p.outcome == Penalty.Outcome.PENALTY and "fine" in p.kinds and not p.paid_on:
            pay = _clock(
                case,
                kind="payment",
                purpose="当事人缴纳罚款期限",
                start=answer.due,
                amount=law.PAYMENT_DAYS,
                unit=U.CALENDAR_DAYS,
                article=law.A67,
                actor=actor,
            )
            p.due_on = timezone.localtime(pay.due_at).date()
        p.save()
        _event(
            case,
            actor,
            "served",
            f"{law.SERVICE_METHODS[method]}决定书（{served_on:%Y-%m-%d}）{'，公告期满生效日' + str(answer.due) if method == 'public' else ''}{'，缴款期限至' + str(p.due_on) if p.due_on else ''}",
            old_state=old,
            method=method,
            effective_on=answer.due,
        )
    return p


def _paused_days(case: Case, until: dt.date) -> int:
    return sum(a.paused_days(until) for a in Appeal.all_towns.filter(case=case))


def payment_record(
    *, case: Case, actor: Any, paid_on: dt.date, amount: Decimal | int | str, receipt_no: str = ""
) -> Penalty:
    """缴款: the fine plus the surcharge computed by law (3%/day after the due date, capped at
    the fine, paused while 复议/诉讼 was pending)."""
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        p = _penalty(case)
        if case.state not in (State.SERVED, State.EXECUTING) or p.due_on is None:
            raise DomainError("决定书送达后方可登记缴款", code="not_served", status=409)
        if p.paid_on:
            raise DomainError("罚款已缴清", code="already_paid", status=409)
        answer = law.rule_payment_due_and_surcharge(
            fine=p.amount,
            served_on=p.effective_on or p.served_on,
            paid_on=paid_on,
            paused_days=_paused_days(case, paid_on),
            deferred_to=p.deferred_to,
        )
        total = p.amount + answer.surcharge
        paid = Decimal(str(amount))
        if paid < total:
            raise DomainError(
                f"应缴罚款{money(p.amount)}元及加处罚款{money(answer.surcharge)}元，合计{money(total)}元，登记的缴款金额不足",
                code="underpaid",
            )
        old = case.state
        if case.state == State.SERVED:
            case.execute()
            case.save()
        p.paid_on, p.paid_amount, p.surcharge, p.receipt_no = (
            paid_on,
            paid,
            answer.surcharge,
            receipt_no or p.receipt_no,
        )
        p.save()
        _finish(case, "payment", paid_on)
        _finish(case, "enforcement", paid_on)
        cap = "（已达罚款本数上限）" if answer.capped else ""
        _event(
            case,
            actor,
            "payment",
            f"{paid_on:%Y-%m-%d}缴纳罚款{money(p.amount)}元，加处罚款{money(answer.surcharge)}元{cap}（逾期{answer.late_days}日）",
            old_state=old,
            fine=str(p.amount),
            surcharge=str(answer.surcharge),
            late_days=answer.late_days,
        )
    return p


def payment_defer(
    *,
    case: Case,
    actor: Any,
    deferred_to: dt.date,
    approved_by: Any,
    reason: str,
    instalments: list[dict[str, str]] | None = None,
) -> Penalty:
    """暂缓或者分期缴纳 on the party's application, approved by the head (第六十六条第二款)."""
    reason = text(reason, label="延期（分期）理由", minimum=4)
    require_approval(approved_by, what="延期或者分期缴纳罚款", article=f"{law.XCF}第六十六条")
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        p = _penalty(case)
        if p.due_on is None or p.paid_on:
            raise DomainError("只有已送达、尚未缴清的罚款可以延期或分期", code="not_due")
        if deferred_to <= p.due_on:
            raise DomainError("延期后的缴款日期应晚于原缴款期限", code="bad_date")
        p.deferred_to, p.instalments, p.deferral_approved_by = (
            deferred_to,
            instalments or [],
            approved_by,
        )
        p.save()
        _event(
            case,
            actor,
            "payment_deferred",
            f"经批准延期缴纳至{deferred_to:%Y-%m-%d}：{reason[:40]}",
            deferred_to=deferred_to,
        )
    return p


def reminder_serve(*, case: Case, actor: Any, served_on: dt.date) -> Penalty:
    """催告书 (行政强制法第三十五条) after the due date; the court window opens 10 working days later."""
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        p = _penalty(case)
        if p.due_on is None or p.paid_on:
            raise DomainError("罚款已缴清或尚未到期，无需催告", code="no_reminder_needed")
        due = p.deferred_to or p.due_on
        if served_on <= due:
            raise DomainError(f"缴款期限{due:%Y-%m-%d}届满后方可催告", code="too_early")
        answer = law.rule_payment_due_and_surcharge(
            fine=p.amount,
            served_on=p.effective_on or p.served_on,
            paid_on=served_on,
            paused_days=_paused_days(case, served_on),
            deferred_to=p.deferred_to,
        )
        context = case_context(case, party=p.party)
        context.update(
            decision={
                "number": p.decision_doc.number,
                "name": "行政处罚决定书",
                "date": p.decided_on.isoformat(),
                "served": p.served_on.isoformat(),
                "content": p.content,
            },
            obligation="缴纳罚款及加处罚款",
            deadline=(served_on + dt.timedelta(days=10)).isoformat(),
            amount={
                "fine": float(p.amount),
                "surcharge": float(answer.surcharge),
                "total": float(p.amount + answer.surcharge),
            },
            payment={"manner": f"到{PAYMENT_BANK}缴纳，或通过{PAYMENT_ONLINE}缴纳"},
            contact=_context(case, p)["contact"],
        )
        doc = issue(case=case, doc_type="reminder", context=context, actor=actor, date=served_on)
        old = case.state
        if case.state == State.SERVED:
            case.execute()
            case.save()
        p.reminder_doc, p.reminder_served_on = doc, served_on
        p.save()
        _clock(
            case,
            kind="enforcement",
            purpose="催告期满，可申请人民法院强制执行",
            start=served_on,
            amount=10,
            unit=U.WORKING_DAYS,
            article=law.Q54,
            actor=actor,
        )
        _event(
            case,
            actor,
            "reminder",
            f"送达{doc.number}（罚款{money(p.amount)}元，加处罚款暂计{money(answer.surcharge)}元）",
            old_state=old,
            document=doc.number,
        )
    return p


def enforcement_apply(
    *, case: Case, actor: Any, applied_on: dt.date, court: str, head: Any
) -> Penalty:
    """申请人民法院强制执行 (行政强制法第五十三条、第五十四条)."""
    court = text(court, label="受理法院")
    require_approval(head, what="申请人民法院强制执行", article=law.Q53)
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        p = _penalty(case)
        pending = Appeal.all_towns.filter(case=case, outcome="").exists()
        periods_end = law.appeal_periods_end(served_on=p.served_on) + dt.timedelta(
            days=_paused_days(case, applied_on)
        )
        law.rule_court_enforcement_window(
            reminder_served_on=p.reminder_served_on,
            applied_on=applied_on,
            periods_end=periods_end,
            appeal_pending=pending,
        )
        context = case_context(case, party=p.party)
        context.update(
            head={"name": head.full_name or head.username, "title": "负责人"},
            applicant={"address": case.town.name},
            decision={
                "number": p.decision_doc.number,
                "date": p.decided_on.isoformat(),
                "served": p.served_on.isoformat(),
                "content": p.content,
            },
            request=f"{p.content}及加处罚款",
            reminder={"served": p.reminder_served_on.isoformat()},
            court=court,
            attachments=[
                {"name": "行政处罚决定书及送达回证", "pages": ""},
                {"name": "催告书及送达回证", "pages": ""},
            ],
        )
        doc = issue(
            case=case,
            doc_type="enforcement_application",
            context=context,
            actor=actor,
            date=applied_on,
        )
        p.enforcement_doc, p.enforcement_applied_on = doc, applied_on
        p.save()
        _finish(case, "enforcement", applied_on)
        _event(
            case,
            actor,
            "enforcement_applied",
            f"向{court}申请强制执行（{doc.number}）",
            court=court,
            document=doc.number,
        )
    return p


def penalty_close(*, case: Case, actor: Any, on: dt.date) -> Case:
    """结案 after execution: paid (or on-the-spot collection handed in), enforcement applied, or a
    no-penalty decision served."""
    p = _penalty(case)
    law.rule_executed(penalty=p)
    if p.outcome == Penalty.Outcome.PENALTY and "fine" in p.kinds:
        if p.paid_on:
            outcome = f"{p.decision_doc.number}：{p.content}，已于{p.paid_on:%Y年%-m月%-d日}缴清（加处罚款{money(p.surcharge)}元）"
            execution = f"当事人已缴纳罚款{money(p.amount)}元、加处罚款{money(p.surcharge)}元。"
        else:
            outcome = f"{p.decision_doc.number}：{p.content}，已申请人民法院强制执行"
            execution = f"已于{p.enforcement_applied_on:%Y年%-m月%-d日}申请人民法院强制执行。"
    else:
        outcome = f"{p.decision_doc.number if p.decision_doc else ''}：{p.content if p.outcome == Penalty.Outcome.PENALTY else '不予行政处罚'}"
        execution = "决定已送达并履行完毕。"
    with transaction.atomic():
        case = lock(case)
        if (
            case.state == State.SERVED
            and p.outcome == Penalty.Outcome.PENALTY
            and "fine" in p.kinds
        ):
            case.execute()
            case.save()
        return case_close(case=case, actor=actor, outcome=outcome, execution=execution, on=on)


# --- appeals ------------------------------------------------------------------------------------


def appeal_file(*, case: Case, actor: Any, kind: str, body: str, filed_on: dt.date) -> Appeal:
    """复议/诉讼 filed: the surcharge pauses and the court window moves (第七十三条)."""
    if kind not in Appeal.Kind.values:
        raise DomainError("请选择行政复议或行政诉讼", code="bad_kind")
    body = text(body, label="复议机关或法院")
    with transaction.atomic():
        case = lock(case)
        p = _penalty(case)
        if p.decided_on is None:
            raise DomainError("尚未作出决定", code="not_decided", status=409)
        if filed_on < p.decided_on:
            raise DomainError("申请日期不能早于决定日期", code="bad_date")
        appeal = Appeal.objects.create(
            town=case.town, case=case, kind=kind, body=body, filed_on=filed_on
        )
        _event(
            case,
            actor,
            "appeal_filed",
            f"当事人于{filed_on:%Y-%m-%d}向{body}提起{appeal.get_kind_display()}，加处罚款暂停计算",
            appeal=appeal.pk,
        )
    return appeal


def appeal_decide(
    *,
    appeal: Appeal,
    actor: Any,
    outcome: str,
    decided_on: dt.date,
    new_amount: Decimal | int | str | None = None,
    note: str = "",
) -> Appeal:
    """The outcome; a change or revocation updates the decision and opens the 3-working-day
    clock to withdraw the disclosure. Appended even when the case is closed."""
    if outcome not in {o for o in Appeal.Outcome.values if o}:
        raise DomainError("请选择复议或诉讼结果", code="bad_outcome")
    with transaction.atomic():
        case = lock(appeal.case)
        appeal = Appeal.all_towns.select_for_update().get(pk=appeal.pk)
        if appeal.outcome:
            raise DomainError("该复议/诉讼已登记结果", code="already_decided", status=409)
        if decided_on < appeal.filed_on:
            raise DomainError("结果日期不能早于申请日期", code="bad_date")
        p = _penalty(case)
        appeal.outcome, appeal.decided_on, appeal.note = outcome, decided_on, note
        if outcome == Appeal.Outcome.CHANGED:
            if new_amount in (None, ""):
                raise DomainError("请填写变更后的罚款金额", code="amount_required")
            appeal.new_amount = Decimal(str(new_amount))
            p.status, p.amount = Penalty.Status.CHANGED, appeal.new_amount
        elif outcome == Appeal.Outcome.REVOKED:
            p.status = Penalty.Status.REVOKED
        appeal.save()
        p.save()
        if outcome in (Appeal.Outcome.CHANGED, Appeal.Outcome.REVOKED):
            transaction.on_commit(
                lambda: signals.case_decision_changed.send(
                    sender=Case, case=case, penalty=p, appeal=appeal
                )
            )
            if p.disclosed_on and not p.disclosure_withdrawn_on:
                _clock(
                    case,
                    kind="disclosure_withdraw",
                    purpose="撤下或更正已公开的处罚决定",
                    start=decided_on,
                    amount=3,
                    unit=U.WORKING_DAYS,
                    article=f"{law.A48}、国办发〔2018〕118号",
                    actor=actor,
                )
            elif outcome == Appeal.Outcome.REVOKED:
                # not yet published: a revoked decision is never published (rule 15)
                for clock in deadlines_for_subject(case).filter(
                    kind="disclosure", status=Deadline.Status.OPEN
                ):
                    deadline_cancel(deadline=clock)
            # changed before publication: the open clock now publishes the changed decision
        _event(
            case,
            actor,
            "appeal_decided",
            f"{appeal.get_kind_display()}结果：{appeal.get_outcome_display()}{'，罚款变更为' + money(appeal.new_amount) + '元' if appeal.new_amount is not None else ''}",
            appeal=appeal.pk,
            outcome=outcome,
        )
    return appeal


# --- simple procedure ---------------------------------------------------------------------------


def onthespot_decide(
    *,
    town: Town,
    actor: Any,
    officers: list[Officer],
    party: Subject,
    item: PowerItem,
    cause: str,
    facts: str,
    place: str,
    act_at: dt.datetime,
    violated: str,
    basis: str,
    kinds: list[str],
    amount: Decimal | int | str = 0,
    collect_on_spot: bool = False,
    hard_to_collect: bool = False,
    receipt_no: str = "",
    lat: float | None = None,
    lng: float | None = None,
) -> Case:
    """当场处罚 (第五十一条、第五十二条): two officers, a warning or a small fine, the numbered form
    handed over on the spot, on-the-spot collection only where Art 68 allows (with the finance
    receipt), the hand-in clock (2 working days, 第七十一条) and 备案 with the team."""
    party_kind = law.party_kind_of(party)
    kinds = [k for k in kinds if k]
    law.rule_simple_procedure_limits(kinds=kinds, amount=amount, party=party_kind)
    amount = Decimal(str(amount or 0)) if "fine" in kinds else Decimal(0)
    facts = text(facts, label="违法事实", minimum=4)
    violated, basis = (
        text(violated, label="违反的规定", minimum=4),
        text(basis, label="处罚依据", minimum=4),
    )
    place = text(place, label="违法地点")
    if collect_on_spot:
        law.rule_on_the_spot_collection(amount=amount, hard_to_collect=hard_to_collect)
        if len(receipt_no.strip()) < 4:
            raise RuleViolation(
                "当场收缴罚款应当出具财政部门统一制发的专用票据，请填写票据号",
                article=f"{law.XCF}第七十条",
                code="receipt_required",
            )
    local = timezone.localtime(act_at) if timezone.is_aware(act_at) else act_at
    on = local.date()
    law.rule_two_handlers(officers=officers, on=on, item=item)
    if "fine" in kinds:  # the law's own range applies under the simple procedure too
        fine_rule_check(item=item, amount=amount, facts={"party": party_kind}, on=on)
    with transaction.atomic():
        case = case_register(
            town=town,
            actor=actor,
            cause=text(cause, label="案由", minimum=4),
            source=Case.Source.PATROL,
            summary=facts,
            address=place,
            items=[item],
            parties=[party],
            discovered_on=on,
            act_date=on,
            lat=lat,
            lng=lng,
            handlers=officers,
        )
        case = lock(case)
        transition_require(case, "decide_on_the_spot")
        law.rule_authority_on_act_date(case=case, act="penalty", on=on)
        p = Penalty.objects.create(
            town=town,
            case=case,
            procedure=Penalty.Procedure.SIMPLE,
            item=item,
            party=party,
            party_kind=party_kind,
            kinds=kinds,
            amount=amount,
            facts=facts,
            violated=violated,
            basis=basis,
            act_at=act_at,
            act_place=place,
            collected_on_spot=collect_on_spot,
            receipt_no=receipt_no.strip(),
        )
        context = case_context(case, party=party)
        context.update(
            act={"time": local.replace(tzinfo=None).isoformat(timespec="minutes"), "place": place},
            facts=facts,
            violated=violated,
            basis=basis,
            penalty={
                "kind": "罚款" if "fine" in kinds else "警告",
                "amount": float(amount) if "fine" in kinds else None,
                "content": p.content,
            },
            payment={
                "on_the_spot": collect_on_spot,
                "receipt_no": receipt_no.strip(),
                "bank": PAYMENT_BANK,
            },
        )
        doc = issue(case=case, doc_type="onthespot_decision", context=context, actor=actor, date=on)
        old = case.state
        case.decide_on_the_spot()
        case.serve()
        case.outcome = f"{doc.number}：{p.content}"
        case.save()
        p.decided_on, p.decision_doc, p.status = on, doc, Penalty.Status.EFFECTIVE
        p.served_on, p.effective_on, p.service_method = on, on, "on_the_spot"
        p.filed_with_team_on = on
        if "fine" in kinds:
            if collect_on_spot:
                case.execute()
                case.save()
                p.paid_on, p.paid_amount = on, amount
                _clock(
                    case,
                    kind="hand_in",
                    purpose="当场收缴罚款交至指定银行",
                    start=on,
                    amount=2,
                    unit=U.WORKING_DAYS,
                    article=law.A71,
                    actor=actor,
                )
            else:
                pay = _clock(
                    case,
                    kind="payment",
                    purpose="当事人缴纳罚款期限",
                    start=on,
                    amount=law.PAYMENT_DAYS,
                    unit=U.CALENDAR_DAYS,
                    article=law.A67,
                    actor=actor,
                )
                p.due_on = timezone.localtime(pay.due_at).date()
        p.save()
        _event(
            case,
            actor,
            "decided_on_the_spot",
            f"当场作出{doc.number}：{p.content}，当场交付当事人并报队部备案{'；当场收缴，票据号' + p.receipt_no if collect_on_spot else ''}",
            old_state=old,
            document=doc.number,
            amount=str(amount),
        )
    return case


def onthespot_hand_in(*, case: Case, actor: Any, on: dt.date, close: bool = True) -> Case:
    """当场收缴的罚款 handed in to the bank within 2 working days (第七十一条); then the case closes."""
    with transaction.atomic():
        case = lock(case)
        p = _penalty(case)
        if not p.collected_on_spot:
            raise DomainError("本案罚款不是当场收缴", code="not_collected")
        if p.handed_in_on:
            raise DomainError("罚款已上缴", code="already_handed_in", status=409)
        p.handed_in_on = on
        p.save(update_fields=["handed_in_on"])
        _finish(case, "hand_in", on)
        _event(case, actor, "handed_in", f"{on:%Y-%m-%d}将当场收缴的罚款交至{PAYMENT_BANK}", on=on)
    if close:
        case = penalty_close(case=case, actor=actor, on=on)
    return case
