"""Cases API, 机制 III: one POST endpoint per step of the penalty procedure, the on-the-spot
decision, appeals, and the deadline board. Registered on the cases router (see the end of
``api.py``); every endpoint fetches its case through ``case_get_for_user``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from ninja import Router, Schema, Status

from zhifa.accounts.roles import LEGAL_REVIEWER, has_role
from zhifa.cases.access import api_actor as _actor
from zhifa.cases.access import api_approver as _approver
from zhifa.cases.access import api_case as _case
from zhifa.cases.access import api_officers as _officers
from zhifa.cases.access import api_subject as _subject
from zhifa.cases.api_schemas import BoardOut, CasePenaltyOut
from zhifa.cases.models import Case
from zhifa.cases.presenters import case_detail
from zhifa.catalog.models import PowerItem
from zhifa.core.api_fields import Amount, Day, Days, Id, Lat, Line, Lng, Text
from zhifa.core.errors import DomainError, Forbidden, NotFound

from . import board, services
from .models import Appeal, Penalty

API_PREFIX = "cases"
router = Router(tags=["案件"])


def penalty_data(case: Case) -> dict[str, Any] | None:
    p = Penalty.all_towns.filter(case=case).select_related("decision_doc", "notice_doc").first()
    if p is None:
        return None
    return {
        "procedure": p.procedure,
        "outcome": p.outcome,
        "status": p.status,
        "kinds": p.kinds,
        "amount": str(p.amount),
        "content": p.content,
        "level": p.level,
        "notice_served_on": p.notice_served_on,
        "hearing_offered": p.hearing_offered,
        "statement_due": p.statement_due,
        "hearing_request_due": p.hearing_request_due,
        "hearing_requested_on": p.hearing_requested_on,
        "hearing_held_on": p.hearing_held_on,
        "review_passed": p.review_passed,
        "decided_on": p.decided_on,
        "decision_number": p.decision_doc.number if p.decision_doc else "",
        "served_on": p.served_on,
        "service_method": p.service_method,
        # the day the service takes effect (公告 +30 days): payment and appeal periods count from it
        "effective_on": p.effective_on,
        "due_on": p.due_on,
        "paid_on": p.paid_on,
        "surcharge": str(p.surcharge),
        "receipt_no": p.receipt_no,
        "disclosed_on": p.disclosed_on,
        "disclosure_place": p.disclosure_place,
        "disclosure_withdrawn_on": p.disclosure_withdrawn_on,
        "appeals": [
            {
                "id": a.pk,
                "kind": a.kind,
                "body": a.body,
                "filed_on": a.filed_on,
                "outcome": a.outcome,
            }
            for a in Appeal.all_towns.filter(case=case)
        ],
    }


def _out(case: Case) -> dict[str, Any]:
    case = Case.all_towns.get(pk=case.pk)
    return {**case_detail(case), "penalty": penalty_data(case)}


@router.get(
    "/{int:case_id}/penalty",
    summary="处罚程序（告知、听证、审核、决定、送达、缴款）",
    response=CasePenaltyOut,
)
def penalty_get(request: Any, case_id: int) -> dict[str, Any]:
    return _out(_case(request, case_id))


class ProposalIn(Schema):
    proposal: Line
    reason: Text
    item_id: Id | None = None
    party_id: Id | None = None
    kinds: list[Text] = []
    amount: Amount = Decimal(0)
    level: Line = ""
    facts: Text = ""
    evidence: list[Text] = []
    violated: Text = ""
    basis: Text = ""
    fine_facts: dict[str, Any] = {}
    serious_harm: bool = False
    on: Day | None = None


@router.post(
    "/{int:case_id}/penalty-proposal",
    summary="拟处理意见（处罚含裁量 / 不予处罚 / 移送）",
    response=CasePenaltyOut,
)
def penalty_propose(request: Any, case_id: int, payload: ProposalIn) -> dict[str, Any]:
    case = _case(request, case_id)
    item = None
    if payload.item_id:
        item = case.items.filter(pk=payload.item_id).first()
        if item is None:
            raise DomainError("所选事项不是本案涉及的事项", code="bad_item")
    case = services.penalty_propose(
        case=case,
        actor=_actor(request),
        proposal=payload.proposal,
        reason=payload.reason,
        item=item,
        party=_subject(request, payload.party_id),
        kinds=payload.kinds,
        amount=payload.amount,
        level=payload.level,
        facts=payload.facts,
        evidence=payload.evidence,
        violated=payload.violated,
        basis=payload.basis,
        fine_facts=payload.fine_facts,
        serious_harm=payload.serious_harm,
        on=payload.on,
    )
    return _out(case)


class NoticeIn(Schema):
    served_on: Day
    hearing_offered: bool | None = None
    statement_days: Days | None = None


@router.post("/{int:case_id}/notice", summary="送达行政处罚事先告知书", response=CasePenaltyOut)
def notice_serve(request: Any, case_id: int, payload: NoticeIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.notice_serve(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class StatementIn(Schema):
    received_on: Day
    statement: Text = ""
    recheck: Text = ""
    adopted: bool = False
    waived: bool = False


@router.post(
    "/{int:case_id}/statement", summary="陈述申辩与复核（或放弃）", response=CasePenaltyOut
)
def statement_record(request: Any, case_id: int, payload: StatementIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.statement_record(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class HearingRequestIn(Schema):
    requested_on: Day


@router.post(
    "/{int:case_id}/hearing-request",
    summary="当事人申请听证（五个工作日内）",
    response=CasePenaltyOut,
)
def hearing_request(request: Any, case_id: int, payload: HearingRequestIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.hearing_request(case=case, actor=_actor(request), requested_on=payload.requested_on)
    return _out(case)


class HearingNoticeIn(Schema):
    notice_on: Day
    at: dt.datetime
    place: Text
    chair_id: Id
    members: list[Text] = []
    clerk: Text = ""
    public: bool = True


@router.post(
    "/{int:case_id}/hearing-notice",
    summary="听证通知（提前七个工作日；主持人非调查人员）",
    response=CasePenaltyOut,
)
def hearing_schedule(request: Any, case_id: int, payload: HearingNoticeIn) -> dict[str, Any]:
    case = _case(request, case_id)
    chair = (_officers(request, [payload.chair_id]) or [None])[0]
    data = payload.dict()
    data.pop("chair_id")
    services.hearing_schedule(case=case, actor=_actor(request), chair=chair, **data)
    return _out(case)


class HearingQA(Schema):
    q: Text
    a: Text = ""


class HearingRecordIn(Schema):
    held_on: Day
    proceedings: list[HearingQA]
    final_statement: Text = ""
    end: dt.datetime | None = None


@router.post("/{int:case_id}/hearing-record", summary="听证笔录", response=CasePenaltyOut)
def hearing_hold(request: Any, case_id: int, payload: HearingRecordIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.hearing_hold(
        case=case,
        actor=_actor(request),
        held_on=payload.held_on,
        proceedings=[r.dict() for r in payload.proceedings],
        final_statement=payload.final_statement,
        end=payload.end,
    )
    return _out(case)


class ReviewIn(Schema):
    passed: bool
    opinion: Text
    on: Day
    qualification: Text = ""


@router.post(
    "/{int:case_id}/legal-review", summary="法制审核（法制审核人员）", response=CasePenaltyOut
)
def legal_review(request: Any, case_id: int, payload: ReviewIn) -> dict[str, Any]:
    if not (has_role(request.user, LEGAL_REVIEWER) or request.user.is_superuser):
        raise Forbidden("法制审核仅限法制审核人员")
    case = _case(request, case_id)
    services.legal_review_record(
        case=case, actor=request.user, reviewer=request.user, **payload.dict()
    )
    return _out(case)


class DiscussionIn(Schema):
    on: Day
    members: list[Text]
    conclusion: Text


@router.post("/{int:case_id}/discussion", summary="负责人集体讨论", response=CasePenaltyOut)
def discussion(request: Any, case_id: int, payload: DiscussionIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.discussion_record(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class DecisionIn(Schema):
    on: Day
    amount: Amount | None = None
    kinds: list[Text] = []
    extension_days: Days = 0
    extension_approved_by: Id | None = None
    account: Text = ""


@router.post("/{int:case_id}/decision", summary="作出行政处罚决定", response=CasePenaltyOut)
def decision_make(request: Any, case_id: int, payload: DecisionIn) -> dict[str, Any]:
    case = _case(request, case_id)
    approver = _approver(request, payload.extension_approved_by) if payload.extension_days else None
    services.decision_make(
        case=case,
        actor=_actor(request),
        on=payload.on,
        amount=payload.amount,
        kinds=payload.kinds or None,
        extension_days=payload.extension_days,
        extension_approved_by=approver,
        account=payload.account,
    )
    return _out(case)


class NoPenaltyIn(Schema):
    on: Day
    reason: Text
    education_on: Day | None = None
    education_form: Text = ""


@router.post(
    "/{int:case_id}/no-penalty-decision",
    summary="不予行政处罚决定（含教育记录）",
    response=CasePenaltyOut,
)
def no_penalty(request: Any, case_id: int, payload: NoPenaltyIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.no_penalty_decide(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class ServiceIn(Schema):
    served_on: Day
    method: Text
    place: Text = ""
    party_present: bool = False
    consent: bool = False
    witness: Text = ""
    media: bool = False


@router.post("/{int:case_id}/service", summary="送达决定书", response=CasePenaltyOut)
def decision_serve(request: Any, case_id: int, payload: ServiceIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.decision_serve(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class PaymentIn(Schema):
    paid_on: Day
    amount: Amount
    receipt_no: Line = ""


@router.post(
    "/{int:case_id}/payment", summary="登记缴款（自动计算加处罚款）", response=CasePenaltyOut
)
def payment(request: Any, case_id: int, payload: PaymentIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.payment_record(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class DeferralIn(Schema):
    deferred_to: Day
    reason: Text
    approved_by: Id | None = None
    instalments: list[dict[str, str]] = []


@router.post(
    "/{int:case_id}/deferral", summary="延期或分期缴纳（负责人批准）", response=CasePenaltyOut
)
def deferral(request: Any, case_id: int, payload: DeferralIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.payment_defer(
        case=case,
        actor=_actor(request),
        deferred_to=payload.deferred_to,
        reason=payload.reason,
        approved_by=_approver(request, payload.approved_by),
        instalments=payload.instalments,
    )
    return _out(case)


class ReminderIn(Schema):
    served_on: Day


@router.post("/{int:case_id}/reminder", summary="催告", response=CasePenaltyOut)
def reminder(request: Any, case_id: int, payload: ReminderIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.reminder_serve(case=case, actor=_actor(request), served_on=payload.served_on)
    return _out(case)


class EnforcementIn(Schema):
    applied_on: Day
    court: Text = ""  # empty: the court the town entered (Town.court)
    head_id: Id | None = None


@router.post("/{int:case_id}/enforcement", summary="申请人民法院强制执行", response=CasePenaltyOut)
def enforcement(request: Any, case_id: int, payload: EnforcementIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.enforcement_apply(
        case=case,
        actor=_actor(request),
        applied_on=payload.applied_on,
        court=payload.court,
        head=_approver(request, payload.head_id),
    )
    return _out(case)


class PenaltyCloseIn(Schema):
    on: Day


@router.post(
    "/{int:case_id}/penalty-close", summary="处罚案件结案（执行完毕）", response=CasePenaltyOut
)
def penalty_close(request: Any, case_id: int, payload: PenaltyCloseIn) -> dict[str, Any]:
    case = _case(request, case_id)
    return _out(services.penalty_close(case=case, actor=_actor(request), on=payload.on))


class DisclosureIn(Schema):
    on: Day
    place: Text
    note: Text = ""


@router.post(
    "/{int:case_id}/disclosure", summary="登记处罚决定公示（七个工作日内）", response=CasePenaltyOut
)
def disclosure_record(request: Any, case_id: int, payload: DisclosureIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.decision_disclose(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class DisclosureWithdrawIn(Schema):
    on: Day
    reason: Text


@router.post(
    "/{int:case_id}/disclosure-withdrawal",
    summary="撤下已公示的处罚决定（变更、撤销后三个工作日内）",
    response=CasePenaltyOut,
)
def disclosure_withdraw(
    request: Any, case_id: int, payload: DisclosureWithdrawIn
) -> dict[str, Any]:
    case = _case(request, case_id)
    services.decision_disclosure_withdraw(case=case, actor=_actor(request), **payload.dict())
    return _out(case)


class AppealIn(Schema):
    kind: Line
    body: Text
    filed_on: Day


@router.post("/{int:case_id}/appeals", response={201: CasePenaltyOut}, summary="登记复议或诉讼")
def appeal_file(request: Any, case_id: int, payload: AppealIn) -> Status:
    case = _case(request, case_id)
    services.appeal_file(case=case, actor=_actor(request), **payload.dict())
    return Status(201, _out(case))


class AppealOutcomeIn(Schema):
    outcome: Text
    decided_on: Day
    new_amount: Amount | None = None
    note: Text = ""


@router.post(
    "/appeals/{int:appeal_id}/outcome", summary="登记复议或诉讼结果", response=CasePenaltyOut
)
def appeal_outcome(request: Any, appeal_id: int, payload: AppealOutcomeIn) -> dict[str, Any]:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        raise NotFound("未找到该复议或诉讼")
    case = _case(request, appeal.case_id)
    services.appeal_decide(appeal=appeal, actor=_actor(request), **payload.dict())
    return _out(case)


class OnTheSpotIn(Schema):
    officer_ids: list[Id]
    party_id: Id
    item_id: Id | None = None
    item_code: Line = ""
    cause: Text
    facts: Text
    place: Text
    act_at: dt.datetime
    violated: Text
    basis: Text
    kinds: list[Text] = ["fine"]
    amount: Amount = Decimal(0)
    collect_on_spot: bool = False
    hard_to_collect: bool = False
    # 第六十九条: a remote, water-borne or hard-to-reach area, and the party asks to pay on the spot
    remote_area_request: bool = False
    receipt_no: Line = ""
    lat: Lat | None = None
    lng: Lng | None = None


@router.post("/on-the-spot", response={201: CasePenaltyOut}, summary="当场行政处罚（简易程序）")
def onthespot(request: Any, payload: OnTheSpotIn) -> Status:
    actor = _actor(request)
    item = (
        PowerItem.objects.filter(town=request.town).filter(pk=payload.item_id).first()
        if payload.item_id
        else PowerItem.objects.filter(town=request.town, code=payload.item_code).first()
    )
    if item is None:
        raise DomainError("请选择清单事项", code="bad_item")
    party = _subject(request, payload.party_id)
    data = payload.dict()
    for key in ("officer_ids", "party_id", "item_id", "item_code"):
        data.pop(key)
    case = services.onthespot_decide(
        town=request.town,
        actor=actor,
        officers=_officers(request, payload.officer_ids) or [],
        party=party,
        item=item,
        **data,
    )
    return Status(201, _out(case))


class HandInIn(Schema):
    on: Day


@router.post(
    "/{int:case_id}/hand-in", summary="当场收缴罚款上缴银行（并结案）", response=CasePenaltyOut
)
def hand_in(request: Any, case_id: int, payload: HandInIn) -> dict[str, Any]:
    case = _case(request, case_id)
    return _out(services.onthespot_hand_in(case=case, actor=_actor(request), on=payload.on))


@router.get("/deadlines", summary="期限看板：所有案件的在途期限", response=BoardOut)
def deadline_board(
    request: Any, officer: Id | None = None, squadron: Id | None = None
) -> dict[str, Any]:
    rows = board.board_rows(user=request.user, officer=officer, squadron=squadron)
    return {"count": len(rows), "results": [r.as_dict() for r in rows]}


_ = get_user_model
