"""行政强制法's rules on the coercive measures; each raises ``RuleViolation`` naming its article."""

from __future__ import annotations

from zhifa.core.articles import Q25, Q43, SEIZURE, SEIZURE_EXTENSION
from zhifa.core.errors import RuleViolation

# --- 12. seizure term ---------------------------------------------------------------------------


def rule_seizure_term(*, days: int, extension: bool = False, extended_before: bool = False) -> int:
    """查封、扣押 ≤30 days; one extension of ≤30 days (行政强制法第二十五条)."""
    if extension and extended_before:
        raise RuleViolation(
            "查封、扣押的期限只能延长一次", article=Q25, code="seizure_extended_once"
        )
    if not 1 <= int(days) <= (SEIZURE_EXTENSION if extension else SEIZURE).amount:
        what = "延长期限" if extension else "查封、扣押的期限"
        raise RuleViolation(
            f"{what}不得超过三十日（申请 {days} 日）"
            + ("" if extension else "；情况复杂的，经批准可延长一次，延长不超过三十日"),
            article=Q25,
            code="seizure_too_long",
        )
    return int(days)


# --- 13. no cut-off for residents ---------------------------------------------------------------


def rule_no_residential_cutoff(*, premises_use: str) -> None:
    """No water/power/heat/gas cut-off against residents' daily life (行政强制法第四十三条)."""
    if premises_use == "dwelling":
        raise RuleViolation(
            "不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行相关行政决定",
            article=Q43,
            code="dwelling_power_cut",
        )
