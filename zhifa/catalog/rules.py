"""The catalog's legal rules, each a named function that callers (routing, case filing, penalty
proposals) use: is the item held on the act date, does a proposed fine fit the law, must a hearing
be offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings

from zhifa.core.articles import A17, A24, cite, short
from zhifa.core.clock import fact_date_check
from zhifa.core.errors import DomainError, RuleViolation

from .facts import FACTS, fact_label
from .models import HEARING_KINDS, Allocation, FineRule, PenaltyKind, PowerItem

HELD_ARTICLE = short(cite(A17, A24))


def item_held_by_town(*, item: PowerItem, on: date) -> bool:
    """THE rule: the town may penalise or coerce under ``item`` for an act on ``on`` only if the
    item was allocated to it (下放, or a statutory township power) on that day.

    Allocation periods are inclusive of both ends; a 收回 closes a period, so the day after it the
    item is no longer held, while acts before it stay covered.
    """
    return (
        Allocation.all_towns.filter(item_id=item.pk, effective_from__lte=on)
        .filter(_open_or_after(on))
        .exists()
    )


def town_powers_since(town: Any) -> date | None:
    """The day the town first held any power of its list (its first allocation), if any."""
    from django.db.models import Min

    return Allocation.all_towns.filter(town=town).aggregate(first=Min("effective_from"))["first"]


def fact_date_require(*, town: Any, value: Any, label: str) -> None:
    """The fact-date rule for a town's records: a fact (a finding, a lead's receipt, a discovery,
    an inspection …) is dated neither in the future nor before the town first held a power of
    its list (or 2000). Raises DomainError with a Chinese message naming ``label``."""
    fact_date_check(
        value,
        label=label,
        floor=town_powers_since(town),
        floor_reason="本镇首次承接执法事项之日，此前不可能有本镇的执法记录",
    )


def _open_or_after(on: date) -> Any:
    from django.db.models import Q

    return Q(effective_to__isnull=True) | Q(effective_to__gte=on)


def item_require_held(*, item: PowerItem, on: date) -> None:
    """Raise ``RuleViolation`` unless the town held the item on ``on`` (for case filing)."""
    if not item_held_by_town(item=item, on=on):
        raise RuleViolation(
            f"{on:%Y年%m月%d日}本镇未承接“{item.name}”，不能以本镇名义处罚或采取强制措施，"
            f"应移送{item.department.name}",
            article=HELD_ARTICLE,
            code="item_not_held",
            item=item.code,
            department=item.department.name,
        )


@dataclass(frozen=True)
class FineRange:
    low: Decimal
    high: Decimal
    rule: FineRule

    @property
    def label(self) -> str:
        return f"{money(self.low)}至{money(self.high)}元"


@dataclass(frozen=True)
class FineCheck:
    """A proposal that passed: the range it fell in, and the article that allows it."""

    amount: Decimal
    low: Decimal
    high: Decimal
    article: str
    rule_id: int


def money(value: Decimal) -> str:
    value = Decimal(value).quantize(Decimal("0.01"))
    text = f"{value:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def fine_ranges(*, item: PowerItem, facts: dict[str, Any], on: date) -> list[FineRange]:
    """The fine ranges the item's rules allow for these facts on this day.

    ``facts``: ``party`` ("citizen"/"organisation", optional) and measured values by key
    (``area_m2``, ``ore_value``, ``investment`` …, see ``facts.FACTS``). Raises ``DomainError`` when
    a rule needs a value that is missing.
    """
    party = facts.get("party")
    found: list[FineRange] = []
    for rule in item.fine_rules.all():
        if not rule.in_force_on(on):
            continue
        if party and rule.party not in (FineRule.Party.ANY, party):
            continue
        if not _condition_holds(rule, facts):
            continue
        found.append(_range_of(rule, facts))
    return found


def _number(facts: dict[str, Any], key: str) -> Decimal | None:
    value = facts.get(key)
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError as error:
        raise DomainError(f"“{fact_label(key)}”应为数字") from error


def _condition_holds(rule: FineRule, facts: dict[str, Any]) -> bool:
    if not rule.condition_fact:
        return True
    value = _number(facts, rule.condition_fact)
    if rule.condition_min is not None and (value is None or value < rule.condition_min):
        return False
    return not (
        rule.condition_max is not None and value is not None and value >= rule.condition_max
    )


def _range_of(rule: FineRule, facts: dict[str, Any]) -> FineRange:
    if rule.form == FineRule.Form.FIXED:
        return FineRange(rule.min_amount or Decimal(0), rule.max_amount or Decimal(0), rule)
    base = _number(facts, rule.fact)
    if base is None:
        raise DomainError(
            f"按{rule.article}计算罚款需要“{fact_label(rule.fact)}”，请先在案件中记录",
            code="fact_missing",
            details={"fact": rule.fact},
        )
    low, high = rule.min_rate or Decimal(0), rule.max_rate or Decimal(0)
    if rule.form == FineRule.Form.PERCENTAGE:
        low, high = low / 100, high / 100
    return FineRange(
        (base * low).quantize(Decimal("0.01")), (base * high).quantize(Decimal("0.01")), rule
    )


def fine_rule_check(
    *, item: PowerItem, amount: Decimal | int | str, facts: dict[str, Any], on: date
) -> FineCheck:
    """Check a proposed fine against the item's fine rules in force on ``on`` (the act date; the
    caller applies 从旧兼从轻 by also checking the later rule, 行政处罚法第三十七条).

    Returns the matching range; raises ``RuleViolation`` naming the article when the amount lies
    outside every range the law allows, or when the item allows no fine at all.
    """
    amount = Decimal(str(amount))
    if amount <= 0:
        raise DomainError("罚款金额应大于零")
    ranges = fine_ranges(item=item, facts=facts, on=on)
    if not ranges:
        basis = (
            "、".join(p.citation for p in item.provisions.all() if p.in_force_on(on)) or "实施依据"
        )
        raise RuleViolation(
            f"“{item.name}”在{on:%Y年%m月%d日}没有可适用的罚款规定，不能处以罚款",
            article=basis,
            code="no_fine_rule",
        )
    for fine_range in ranges:
        if fine_range.low <= amount <= fine_range.high:
            return FineCheck(
                amount, fine_range.low, fine_range.high, fine_range.rule.article, fine_range.rule.pk
            )
    allowed = "；".join(
        f"{r.rule.get_party_display()}{r.label}" if r.rule.party != "any" else r.label
        for r in ranges
    )
    first = ranges[0].rule.article
    raise RuleViolation(
        f"拟罚款{money(amount)}元不在法定幅度内（{allowed}）",
        article=first,
        code="fine_out_of_range",
        allowed=[[str(r.low), str(r.high)] for r in ranges],
    )


def hearing_thresholds() -> dict[str, Decimal]:
    """较大数额 (行政处罚法第六十三条): set by province or sector; configurable, demo defaults."""
    configured = getattr(settings, "ZHIFA_HEARING_THRESHOLDS", None) or {}
    return {
        "citizen": Decimal(str(configured.get("citizen", 10000))),
        "organisation": Decimal(str(configured.get("organisation", 50000))),
    }


def hearing_offer_required(
    *, kinds: list[str], party: str, fine: Decimal | int = 0, confiscated_value: Decimal | int = 0
) -> bool:
    """Whether a proposal must offer a hearing (行政处罚法第六十三条)."""
    threshold = hearing_thresholds()["organisation" if party == "organisation" else "citizen"]
    for kind in kinds:
        if kind not in HEARING_KINDS:
            continue
        if kind == PenaltyKind.FINE:
            if Decimal(fine) >= threshold:
                return True
        elif kind in (PenaltyKind.CONFISCATE_GAINS, PenaltyKind.CONFISCATE_PROPERTY):
            if Decimal(confiscated_value) >= threshold:
                return True
        else:
            return True
    return False


__all__ = [
    "FACTS",
    "FineCheck",
    "fine_rule_check",
    "hearing_offer_required",
    "item_held_by_town",
    "item_require_held",
]
