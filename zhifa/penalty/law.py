"""The penalty procedure's law, one named function per rule of DESIGN §Law 1–16.

Each ``rule_*`` either returns what the law computes (a due date, a surcharge, the handlers) or
raises ``RuleViolation`` naming its article; it writes nothing, so a refusal changes nothing. The
services call these before they save. Rules that other apps already enforce are called, not copied:
the two-officer rule (``team.rules.handlers_check``), authority on the act date
(``cases.rules.authority_check``), the law's fine ranges (``catalog.rules.fine_rule_check``), the
hearing thresholds (``catalog.rules.hearing_offer_required``) and the document elements
(``documents.services.document_problems``).

Provisional calendars (a year whose official holiday schedule is not entered yet) never make a
party's request late: the rule answers with a warning for staff instead (DESIGN, Known traps).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings

from zhifa.cases.models import Case
from zhifa.cases.rules import authority_check
from zhifa.catalog.models import PenaltyKind, PowerItem
from zhifa.catalog.rules import FineCheck, fine_rule_check, hearing_offer_required, money
from zhifa.core import clock
from zhifa.core.articles import (  # noqa: F401  (re-exported: the services cite ``law.A…``)
    A27,
    A33,
    A34,
    A36,
    A42,
    A44,
    A45,
    A48,
    A51,
    A57,
    A58,
    A59,
    A60,
    A61,
    A62,
    A63,
    A64,
    A66,
    A67,
    A68,
    A69,
    A70,
    A71,
    A72,
    A73,
    CITIZEN,
    GB118,
    HEARING_NOTICE,
    HEARING_REQUEST,
    MSS,
    ON_THE_SPOT_COLLECTION_LIMIT,
    ORGANISATION,
    PUBLIC_NOTICE,
    Q25,
    Q43,
    Q45,
    Q53,
    Q54,
    QZF,
    SERVICE,
    SIMPLE_LIMITS,
    SURCHARGE_RATE,
    XCF,
    cite,
)
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.team.models import Officer
from zhifa.team.rules import handlers_check

from .law_clocks import (  # noqa: F401  (re-exported: callers cite ``law.rule_*``)
    rule_decision_clock,
    rule_disclosure_clock,
    rule_enforcement_clock,
    rule_hand_in_clock,
    rule_hearing_request_clock,
    rule_payment_clock,
    rule_service_clock,
    rule_statement_clock,
)
from .law_common import Clock, _yuan, party_kind_of, period_clock  # noqa: F401  (re-exported)
from .law_execution import (  # noqa: F401  (re-exported: callers cite ``law.rule_*``)
    appeal_periods_end,
    rule_court_enforcement_window,
    rule_disclosure_allowed,
    rule_executed,
    rule_no_penalty_education,
    rule_transfer_reason,
)

# --- 1. two handlers ---------------------------------------------------------------------------


def rule_two_handlers(*, officers: list[Officer], on: dt.date, item: Any = None) -> list[Any]:
    """≥2 full-time officers with certificates valid on ``on`` (处罚法第四十二条、强制法第十八条)."""
    return handlers_check(officers=officers, on=on, item=item)


# --- 2. authority per act -----------------------------------------------------------------------


def rule_authority_on_act_date(*, case: Case, act: str, on: dt.date) -> PowerItem | None:
    """The case item the town held on the act date for ``act`` (处罚法第十七条、第二十四条)."""
    return authority_check(case=case, act=act, on=on)


# --- 3. simple procedure ------------------------------------------------------------------------


def rule_simple_procedure_limits(
    *, kinds: list[str], amount: Decimal | int | str, party: str
) -> None:
    """简易程序: a warning, or a fine ≤200 yuan (citizen) / ≤3,000 yuan (organisation) (第五十一条)."""
    allowed = {PenaltyKind.WARNING, PenaltyKind.FINE}
    other = [PenaltyKind(k).label for k in kinds if k not in allowed and k in PenaltyKind.values]
    if other or not kinds:
        raise RuleViolation(
            f"当场处罚只能给予警告或者罚款，{'、'.join(other) or '未选择处罚种类'}应适用普通程序",
            article=A51,
            code="simple_kind",
        )
    limit = SIMPLE_LIMITS[ORGANISATION if party == ORGANISATION else CITIZEN]
    fine = _yuan(amount)
    if PenaltyKind.FINE in kinds and fine <= 0:
        raise DomainError("请填写罚款金额", code="amount_required")
    if fine > limit:
        who = "法人或者其他组织" if party == ORGANISATION else "公民"
        raise RuleViolation(
            f"当场处罚对{who}的罚款不得超过{money(limit)}元（拟罚{money(fine)}元），本案应适用普通程序",
            article=A51,
            code="simple_over_limit",
            limit=str(limit),
        )


def rule_on_the_spot_collection(
    *, amount: Decimal | int | str, hard_to_collect: bool, remote_area_request: bool = False
) -> None:
    """当场收缴: only ≤100 yuan, or when collecting later would be hard (第六十八条), or — in a
    remote, water-borne or hard-to-reach area where paying at a bank or electronically is genuinely
    difficult — on the party's own request (第六十九条)."""
    if _yuan(amount) <= ON_THE_SPOT_COLLECTION_LIMIT or hard_to_collect or remote_area_request:
        return
    raise RuleViolation(
        "当场收缴罚款仅限一百元以下、不当场收缴事后难以执行的情形，或者在边远、水上、交通不便地区当事人到银行或者通过电子支付系统缴纳确有困难并提出当场缴纳的情形；请告知当事人到指定银行或电子缴纳",
        article=cite(A68, A69),
        code="collection_not_allowed",
    )


# --- 5. decision within 90 days -----------------------------------------------------------------


def decision_extension_days() -> int:
    """The configured extension (处罚法第六十条 "法律、法规、规章另有规定的"); 0 = none configured."""
    return int(getattr(settings, "ZHIFA_DECISION_EXTENSION_DAYS", 0) or 0)


def rule_decision_within_90_days(
    *,
    filed_on: dt.date,
    decided_on: dt.date,
    extension_days: int = 0,
    extension_approved: bool = False,
) -> dt.date:
    """Decide within 90 calendar days of filing; longer only under a configured rule with a
    recorded approval (第六十条). Returns the last allowed day."""
    if extension_days:
        if extension_days > decision_extension_days():
            raise RuleViolation(
                f"没有可适用的延长办案期限规定（本系统配置可延长 {decision_extension_days()} 日），不能延长{extension_days}日",
                article=A60,
                code="extension_not_configured",
            )
        if not extension_approved:
            raise RuleViolation(
                "延长办案期限须经批准并记录", article=A60, code="extension_unapproved"
            )
    period = rule_decision_clock(filed_on=filed_on).period
    last = period_clock(
        filed_on, dataclasses.replace(period, amount=period.amount + extension_days)
    ).due
    if decided_on > last:
        raise RuleViolation(
            f"应当自立案之日起九十日内作出处理决定（届满日{last:%Y年%m月%d日}），已超期",
            article=A60,
            code="decision_overdue",
        )
    return last


# --- 6. notice before decision; not heavier -------------------------------------------------------


def rule_notice_before_decision(
    *,
    notice_served_on: dt.date | None,
    statement_due: dt.date | None,
    on: dt.date,
    waived: bool = False,
    hearing_pending: bool = False,
) -> None:
    """No decision before the prior notice is served and the statement window has passed or been
    waived, nor while a requested hearing is pending (第四十四条、第六十二条、第六十四条)."""
    if notice_served_on is None:
        raise RuleViolation(
            "作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证等权利",
            article=f"{A44}、{A62}",
            code="notice_missing",
        )
    if hearing_pending:
        raise RuleViolation(
            "当事人已申请听证，听证结束前不能作出决定", article=A64, code="hearing_pending"
        )
    if not waived and statement_due is not None and on <= statement_due:
        raise RuleViolation(
            f"陈述、申辩期限至{statement_due:%Y年%m月%d日}届满，期满前（当事人明确放弃的除外）不能作出决定",
            article=f"{A44}、{A62}",
            code="statement_window_open",
        )


def rule_not_heavier_than_notice(
    *,
    notified_amount: Decimal | int | str,
    decided_amount: Decimal | int | str,
    notified_kinds: list[str],
    decided_kinds: list[str],
) -> None:
    """The decision may not be heavier than the notified penalty (第四十五条; 重新告知 otherwise)."""
    extra = [
        PenaltyKind(k).label
        for k in decided_kinds
        if k not in notified_kinds and k in PenaltyKind.values
    ]
    if extra:
        raise RuleViolation(
            f"决定的处罚种类（{'、'.join(extra)}）未经事先告知，不得加重处罚；确需加重的应重新告知",
            article=A45,
            code="heavier_than_notice",
        )
    if _yuan(decided_amount) > _yuan(notified_amount):
        raise RuleViolation(
            f"决定罚款{money(_yuan(decided_amount))}元高于告知的{money(_yuan(notified_amount))}元，不得因当事人陈述申辩而加重处罚",
            article=A45,
            code="heavier_than_notice",
        )


# --- discretion (第三十四条) ----------------------------------------------------------------------


def rule_discretion(
    *, item: PowerItem, level: str, amount: Decimal | int | str, facts: dict[str, Any], on: dt.date
) -> FineCheck:
    """The fine stays within the law's range (``fine_rule_check``) and within the chosen level of
    the item's 裁量基准 (行政处罚法第三十四条)."""
    amount = _yuan(amount)
    check = fine_rule_check(item=item, amount=amount, facts=facts, on=on)
    standards = list(item.standards.all())
    if standards:
        chosen = [s for s in standards if s.level == level]
        if not chosen:
            raise RuleViolation(
                "请选择该事项裁量基准中的一个裁量等级",
                article=A34,
                code="level_required",
            )
        standard = chosen[0]
        low, high = standard.min_amount, standard.max_amount
        if (low is not None and amount < low) or (high is not None and amount > high):
            raise RuleViolation(
                f"拟罚款{money(amount)}元超出“{standard.get_level_display()}”裁量等级的幅度"
                f"（{money(low or 0)}至{money(high or 0)}元）",
                article=A34,
                code="outside_discretion",
            )
    return check


# --- 7. hearing ---------------------------------------------------------------------------------


def rule_hearing_offer(
    *, kinds: list[str], party: str, amount: Decimal | int | str, offered: bool
) -> bool:
    """Whether the notice must offer a hearing; refuse a notice that omits a required offer (第六十三条)."""
    required = hearing_offer_required(kinds=kinds, party=party, fine=_yuan(amount))
    if required and not offered:
        raise RuleViolation(
            "拟作出较大数额罚款等处罚的，应当告知当事人有要求听证的权利，请使用听证告知书",
            article=A63,
            code="hearing_offer_missing",
        )
    return required


def rule_hearing_request_in_time(*, notice_served_on: dt.date, requested_on: dt.date) -> Clock:
    """A hearing request counts within 5 working days of service (第六十四条第一项, 第八十五条).
    On a provisional calendar a late-looking request is accepted with a warning for staff."""
    last = period_clock(notice_served_on, HEARING_REQUEST)
    if requested_on > last.due:
        if last.provisional:
            return Clock(
                last.due,
                True,
                f"按暂定日历，听证申请期限至{last.due:%Y年%m月%d日}；正式放假安排未公布，已先行受理，请人工核实",
            )
        raise RuleViolation(
            f"当事人应当在告知后五个工作日内提出听证申请（至{last.due:%Y年%m月%d日}），{requested_on:%Y年%m月%d日}提出的申请已逾期",
            article=A64,
            code="hearing_request_late",
        )
    return last


def rule_hearing_notice_7_workdays(*, notice_on: dt.date, hearing_on: dt.date) -> Clock:
    """The hearing notice reaches the party ≥7 working days before the hearing (第六十四条第二项)."""
    earliest = period_clock(notice_on, HEARING_NOTICE)
    if hearing_on < earliest.due:
        if earliest.provisional:
            return Clock(earliest.due, True, "按暂定日历计算，请核实听证通知提前期")
        raise RuleViolation(
            f"听证通知应当在听证七个工作日前送达，本次听证最早可定于{earliest.due:%Y年%m月%d日}",
            article=A64,
            code="hearing_notice_short",
        )
    return earliest


def rule_chair_not_investigator(*, chair: Officer, investigators: list[Officer]) -> None:
    """The chair is designated from outside the case's investigators (第六十四条第四项)."""
    if chair.pk in {o.pk for o in investigators}:
        raise RuleViolation(
            f"{chair.name}是本案调查人员，不能主持听证；听证由非本案调查人员主持",
            article=A64,
            code="chair_is_investigator",
        )


# --- 8. legal review, collective discussion -------------------------------------------------------


def legal_review_grounds(
    *, hearing_held: bool, party: str, amount: Decimal | int | str, kinds: list[str]
) -> str:
    """Why the case needs 法制审核 (第五十八条), or "" when it does not. Beyond the article's own
    grounds, the town's list (``ZHIFA_LEGAL_REVIEW``: a fine threshold per party kind) applies."""
    if hearing_held:
        return "经过听证程序（第五十八条第一款第三项）"
    listed = getattr(settings, "ZHIFA_LEGAL_REVIEW", None) or {CITIZEN: 5000, ORGANISATION: 20000}
    threshold = _yuan(listed.get(party, listed.get(CITIZEN)))
    if _yuan(amount) >= threshold:
        return f"罚款数额达到本镇重大执法决定法制审核目录标准（{money(threshold)}元以上）"
    heavy = {PenaltyKind.REVOKE_LICENCE, PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.CLOSE}
    if any(k in heavy for k in kinds):
        return "直接关系当事人重大权益（第五十八条第一款第二项）"
    return ""


def rule_legal_review_passed(*, required: bool, passed: bool | None) -> None:
    """A case that needs 法制审核 is decided only after it passed (第五十八条)."""
    if required and passed is not True:
        state = "未通过" if passed is False else "尚未进行"
        raise RuleViolation(
            f"本案属于应当法制审核的情形，法制审核{state}，不能作出决定",
            article=A58,
            code="legal_review_missing",
        )


def collective_discussion_required(*, amount: Decimal | int | str, kinds: list[str]) -> bool:
    """情节复杂或重大违法行为 (第五十七条第二款): the configured fine threshold or heavy kinds."""
    threshold = _yuan(getattr(settings, "ZHIFA_COLLECTIVE_DISCUSSION_FINE", 50000))
    heavy = {PenaltyKind.REVOKE_LICENCE, PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.CLOSE}
    return _yuan(amount) >= threshold or any(k in heavy for k in kinds)


def rule_collective_discussion(*, required: bool, recorded: bool) -> None:
    if required and not recorded:
        raise RuleViolation(
            "对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定，请先记录集体讨论",
            article=f"{A57}第二款",
            code="discussion_missing",
        )


# --- 9. decision elements -----------------------------------------------------------------------


def rule_decision_elements(
    *,
    town: Any,
    context: dict[str, Any],
    doc_type: str = "penalty_decision",
    on: dt.date | None = None,
) -> None:
    """The decision carries every Art 59 element and its remedies — the documents app's own list."""
    from zhifa.documents.definitions import doc_type_get
    from zhifa.documents.services import document_problems, full_context, template_current

    definition = doc_type_get(doc_type)
    template = template_current(town=town, doc_type=doc_type)
    full = full_context(town=town, definition=definition, context=context, date=on or clock.today())
    problems = document_problems(definition=definition, context=full, blocks=template.blocks)
    if problems:
        raise RuleViolation(
            f"{definition.name}缺少法定要素：{'；'.join(p['label'] for p in problems)}",
            article="、".join(dict.fromkeys(p["article"] for p in problems)) or A59,
            code="decision_incomplete",
        )


# --- 10. service --------------------------------------------------------------------------------

SERVICE_METHODS = {
    "direct": "直接送达",
    "left": "留置送达",
    "post": "邮寄送达",
    "electronic": "电子送达",
    "public": "公告送达",
    "on_the_spot": "当场交付",
}


def rule_service_deadline(
    *,
    decided_on: dt.date,
    served_on: dt.date,
    method: str,
    party_present: bool = False,
    consent: bool = False,
    witness: str = "",
    media: bool = False,
) -> Clock:
    """Service (第六十一条, 民诉法): handed over on the spot when the party is present, otherwise
    within 7 working days; 留置 needs a witness or photo/video; e-service needs consent; public
    notice takes effect 30 days after publication. Returns the day service takes effect."""
    if method not in SERVICE_METHODS:
        raise DomainError("请选择送达方式", code="bad_method")
    if served_on < decided_on:
        raise DomainError("送达日期不能早于决定日期", code="bad_date")
    if method == "left" and not (witness.strip() or media):
        raise RuleViolation(
            "留置送达应当有见证人签名，或者以拍照、录像等方式记录送达过程",
            article=MSS,
            code="left_no_witness",
        )
    if method == "electronic" and not consent:
        raise RuleViolation(
            "电子送达须经受送达人同意", article=cite(A61, MSS), code="electronic_no_consent"
        )
    if party_present and served_on != decided_on:
        raise RuleViolation(
            "当事人在场的，行政处罚决定书应当在宣告后当场交付",
            article=A61,
            code="present_not_handed",
        )
    last = period_clock(decided_on, SERVICE)
    if not party_present and served_on > last.due and not last.provisional:
        raise RuleViolation(
            f"当事人不在场的，应当在七日内（工作日，至{last.due:%Y年%m月%d日}）依照民事诉讼法送达，已逾期",
            article=A61,
            code="service_late",
        )
    effective = period_clock(served_on, PUBLIC_NOTICE).due if method == "public" else served_on
    return Clock(effective, last.provisional)


# --- 11. payment and surcharge ------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentAnswer:
    due: dt.date
    late_days: int
    surcharge: Decimal
    capped: bool
    provisional: bool = False


def rule_payment_due_and_surcharge(
    *,
    fine: Decimal | int | str,
    served_on: dt.date,
    paid_on: dt.date,
    paused_days: int = 0,
    deferred_to: dt.date | None = None,
    pauses: Iterable[tuple[dt.date, dt.date | None]] = (),
) -> PaymentAnswer:
    """Payment due 15 days after service (第六十七条) or on an approved deferral; from the next day
    3% of the fine per day, never more than the fine (第七十二条; 强制法第四十五条), not counting
    days when 复议/诉讼 was pending (第七十三条). Decimal throughout."""
    fine = _yuan(fine)
    answer = rule_payment_clock(effective_on=served_on)
    due = max(answer.due, deferred_to) if deferred_to else answer.due
    paused = max(0, paused_days) + surcharge_paused_days(due=due, paid_on=paid_on, pauses=pauses)
    late = max(0, (paid_on - due).days - paused)
    raw = (fine * SURCHARGE_RATE * late).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    surcharge = min(raw, fine)
    rule_surcharge_cap(fine=fine, surcharge=surcharge)
    return PaymentAnswer(due, late, surcharge, raw > fine, answer.provisional)


def surcharge_paused_days(
    *, due: dt.date, paid_on: dt.date, pauses: Iterable[tuple[dt.date, dt.date | None]]
) -> int:
    """Days that pause the surcharge (第七十三条): only a day both after the due date and inside a
    pending 复议/诉讼 (from its filing to its decision, or to the payment while still pending). An
    appeal decided before the due date pauses nothing; overlapping appeals count a day once."""
    days: set[dt.date] = set()
    for filed_on, decided_on in pauses:
        first = max(filed_on, due + dt.timedelta(days=1))
        last = min(decided_on or paid_on, paid_on)
        days.update(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return len(days)


def rule_surcharge_cap(*, fine: Decimal | int | str, surcharge: Decimal | int | str) -> None:
    """加处罚款 may not exceed the fine itself (行政强制法第四十五条)."""
    if _yuan(surcharge) > _yuan(fine):
        raise RuleViolation(
            f"加处罚款{money(_yuan(surcharge))}元超过罚款本数{money(_yuan(fine))}元",
            article=cite(A72, Q45),
            code="surcharge_over_cap",
        )
