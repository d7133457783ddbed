"""停止供电 under 安全生产法第七十条: the law's grounds (a business, never a dwelling; an ignored
order to stop over a major accident hazard), the 停止供电告知书 served on the business, and the
twenty-four hours that must pass after its service before the power company is told to cut —
unless there is an emergency, whose reason is recorded. Times are read on the house clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.cases.context import case_context
from zhifa.cases.models import Case, CorrectionOrder
from zhifa.cases.rules import act_handlers, authority_check
from zhifa.cases.services.common import aware, issue, officers_of, text
from zhifa.cases.services.common import party_of as _party
from zhifa.cases.transitions import case_transition
from zhifa.core import clock
from zhifa.core.articles import AQ70, AQ70_2, Q43, cite
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.documents.formatting import plain_datetime as _minute
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from .law import rule_no_residential_cutoff
from .models import AssistanceRequest, PowerCutNotice

NOTICE_HOURS = 24


def _naive_local(at: dt.datetime | None) -> str:
    return clock.local(at).replace(tzinfo=None).isoformat() if at else ""


def power_cut_grounds(
    *, case: Case, premises_use: str, basis: str, stop_order: CorrectionOrder | None, hazard: str
) -> None:
    """What the law asks before a power cut is even announced, in order; the first unmet one
    refuses: a business (never a dwelling), the authorising article, the hazard, an ignored order."""
    rule_no_residential_cutoff(premises_use=premises_use)
    if premises_use != AssistanceRequest.Use.BUSINESS:
        raise DomainError("请注明停电场所是生产经营场所还是居民生活用电", code="premises_use")
    if "安全生产法" not in basis or "第七十条" not in basis:
        raise RuleViolation(
            f"通知停止供电须有法律明确授权，请引用授权条款{AQ70}",
            article=cite(Q43, AQ70),
            code="power_cut_no_basis",
        )
    if not hazard.strip():
        raise RuleViolation("请写明存在的重大事故隐患", article=AQ70, code="power_cut_no_hazard")
    if stop_order is not None:  # judge the order as recorded, not as the caller last saw it
        stop_order = CorrectionOrder.all_towns.get(pk=stop_order.pk)
    if (
        stop_order is None
        or stop_order.case_id != case.pk
        or stop_order.kind != CorrectionOrder.Kind.STOP
        or not stop_order.major_hazard
        or stop_order.status != CorrectionOrder.Status.IGNORED
    ):
        raise RuleViolation(
            "只有生产经营单位拒不执行针对重大事故隐患作出的停产停业、停止施工或停止使用决定，"
            "且复查确认仍拒不执行的，方可通知停止供电",
            article=AQ70,
            code="power_cut_no_ignored_order",
        )


def notice_ready_at(notice: PowerCutNotice) -> dt.datetime:
    """The first moment the power company may be told: 24 hours after the notice was served."""
    return clock.local(notice.served_at) + dt.timedelta(hours=NOTICE_HOURS)


def power_cut_conditions(
    *,
    case: Case,
    premises_use: str,
    basis: str,
    stop_order: CorrectionOrder | None,
    hazard: str,
    notice: PowerCutNotice | None = None,
    cut_at: dt.datetime | None = None,
    emergency: bool = False,
    emergency_reason: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Each condition of the law for the letter but the head's approval, in order; the first
    unmet one refuses it. ``at`` is when the letter would go out (the house clock's now): at least
    24 hours after the 停止供电告知书 was served on the business, unless an emergency is stated."""
    power_cut_grounds(
        case=case, premises_use=premises_use, basis=basis, stop_order=stop_order, hazard=hazard
    )
    if emergency:
        if len((emergency_reason or "").strip()) < 4:
            raise RuleViolation(
                "按紧急情形不经提前二十四小时通知即停止供电的，请写明危及生产安全的紧急情形",
                article=AQ70_2,
                code="power_cut_emergency_reason",
            )
        return
    if notice is not None:
        notice = PowerCutNotice.all_towns.get(pk=notice.pk)
    if notice is None or notice.case_id != case.pk or notice.stop_order_id != stop_order.pk:
        raise RuleViolation(
            "停止供电应当提前二十四小时书面通知生产经营单位：请先在「停止供电告知书」步骤"
            "向当事人送达告知书（有危及生产安全的紧急情形的除外）",
            article=AQ70_2,
            code="power_cut_no_notice",
        )
    ready = notice_ready_at(notice)
    now = clock.local(at or clock.now())
    if now < ready:
        raise RuleViolation(
            f"停止供电告知书于{_minute(notice.served_at)}送达当事人，停止供电应当提前二十四小时"
            f"通知生产经营单位，{_minute(ready)}以后方可发出停止供电协助函"
            "（有危及生产安全的紧急情形的除外）",
            article=AQ70_2,
            code="power_cut_notice_short",
        )
    if cut_at is not None and clock.local(cut_at) < ready:
        raise RuleViolation(
            f"停电时间不得早于告知书送达后二十四小时（{_minute(ready)}）",
            article=AQ70_2,
            code="power_cut_notice_short",
        )


def power_cut_notice_serve(
    *,
    case: Case,
    actor: Any,
    stop_order: CorrectionOrder | None,
    premises_use: str,
    premises: str,
    hazard: str,
    cut_at: dt.datetime | None,
    served_at: dt.datetime | None = None,
    served_to: str,
    service_method: str = "直接送达",
    officers: list[Officer] | None = None,
    party: Subject | None = None,
) -> PowerCutNotice:
    """Issue the 停止供电告知书 and record its service on the business: the planned cut is at
    least 24 hours after the service, and the service is not in the future."""
    premises = text(premises, label="停电范围")
    served_to = text(served_to, label="受送达人")
    service_method = text(service_method, label="送达方式")
    now = clock.now()
    served_at = aware(served_at) if served_at else now
    if served_at > now + dt.timedelta(minutes=5):
        raise DomainError("送达时间不能晚于当前时间", code="served_in_future")
    if cut_at is None:
        raise DomainError("请填写拟停电时间", code="field_required")
    cut_at = aware(cut_at)
    with case_transition(case, actor=actor, event_type="power_cut_notice_served") as step:
        case = step.case
        power_cut_grounds(
            case=case,
            premises_use=premises_use,
            basis=AQ70,
            stop_order=stop_order,
            hazard=hazard,
        )
        if cut_at - served_at < dt.timedelta(hours=NOTICE_HOURS):
            raise RuleViolation(
                f"拟停电时间应在告知书送达二十四小时以后（不早于"
                f"{_minute(served_at + dt.timedelta(hours=NOTICE_HOURS))}）",
                article=AQ70_2,
                code="power_cut_notice_short",
            )
        on = clock.local(served_at).date()
        item = authority_check(case=case, act="power_cut", on=on)
        handlers = act_handlers(officers=officers_of(case, officers), on=on, item=item)
        party = _party(case, party)
        notice = PowerCutNotice.objects.create(
            town=case.town,
            case=case,
            party=party,
            stop_order=stop_order,
            premises=premises,
            hazard=hazard.strip(),
            cut_at=cut_at,
            served_at=served_at,
            served_to=served_to,
            service_method=service_method,
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        context = case_context(case, party=party, handlers=notice.officers)
        context.update(
            hazard=notice.hazard,
            premises={"description": premises, "residential": False},
            cut_off={"at": _naive_local(cut_at)},
            service={
                "served_at": _naive_local(served_at),
                "served_to": served_to,
                "method": service_method,
            },
            stop_order={
                "number": stop_order.document.number if stop_order.document else "",
                "date": stop_order.issued_on.isoformat(),
            },
        )
        notice.document = issue(
            case=case, doc_type="power_cut_notice", context=context, actor=actor, date=on
        )
        notice.save(update_fields=["document"])
        step.record(
            f"停止供电告知书（{notice.document.number}）{_minute(served_at)}{service_method}"
            f"{served_to}，拟于{_minute(cut_at)}停止供电",
            notice=notice.pk,
            number=notice.document.number,
            served_at=clock.iso(served_at),
            served_to=served_to,
            method=service_method,
            cut_at=clock.iso(cut_at),
        )
    return notice
