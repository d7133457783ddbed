"""行政执法数据年度报告 (118号: published by 31 January) per town and for the county, in the
usual layout: inspections, penalties by kind, coercive measures, amounts, hearings, appeals."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from zhifa.catalog.models import PenaltyKind

from .metrics import PENALISED, Period
from .sources import Appeal, AssistanceRequest, EvidenceHold, Inspection, Penalty, Seizure


@dataclass
class AnnualReport:
    year: int
    inspections: int = 0
    inspections_random: int = 0
    inspections_with_problems: int = 0
    penalties: int = 0
    penalties_simple: int = 0
    no_penalty: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    fines: Decimal = Decimal("0.00")
    collected: Decimal = Decimal("0.00")
    seals: int = 0
    seizures: int = 0
    evidence_holds: int = 0
    power_cuts: int = 0
    hearings: int = 0
    reconsiderations: int = 0
    lawsuits: int = 0
    appeals_changed: int = 0
    appeals_revoked: int = 0

    @property
    def coercive_measures(self) -> int:
        return self.seals + self.seizures

    def rows(self) -> list[tuple[str, str, object]]:
        """(section, item, value) in the published order; also the Excel layout."""
        out: list[tuple[str, str, object]] = [
            ("行政检查", "行政检查总数", self.inspections),
            ("行政检查", "其中：双随机抽查", self.inspections_random),
            ("行政检查", "其中：发现问题", self.inspections_with_problems),
            ("行政处罚", "行政处罚决定总数", self.penalties),
            ("行政处罚", "其中：简易程序", self.penalties_simple),
        ]
        out += [("行政处罚", f"处罚种类：{label}", n) for label, n in self.by_kind]
        out += [
            ("行政处罚", "不予行政处罚决定", self.no_penalty),
            ("行政处罚", "罚没金额（元）", self.fines),
            ("行政处罚", "已收缴罚款（元）", self.collected),
            ("行政强制", "查封", self.seals),
            ("行政强制", "扣押", self.seizures),
            ("行政强制", "先行登记保存（证据保全）", self.evidence_holds),
            ("行政强制", "停止供电协助", self.power_cuts),
            ("听证", "举行听证", self.hearings),
            ("复议诉讼", "行政复议", self.reconsiderations),
            ("复议诉讼", "行政诉讼", self.lawsuits),
            ("复议诉讼", "被变更", self.appeals_changed),
            ("复议诉讼", "被撤销", self.appeals_revoked),
        ]
        return out


def annual_report(*, town_ids: list[int], year: int) -> AnnualReport:
    """The report for these towns (one town, or a county's towns summed) for the calendar year."""
    p = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    r = AnnualReport(year=year)
    ins = (
        Inspection.all_towns.filter(town_id__in=town_ids, status=Inspection.Status.COMPLETED)
        .filter(p.days("done_on"))
        .aggregate(
            n=Count("pk"),
            random=Count("pk", filter=Q(origin=Inspection.Origin.RANDOM)),
            problems=Count(
                "pk",
                filter=Q(
                    result__in=[
                        Inspection.Result.CORRECTED,
                        Inspection.Result.ORDER,
                        Inspection.Result.VIOLATION,
                    ]
                ),
            ),
        )
    )
    r.inspections, r.inspections_random, r.inspections_with_problems = (
        ins["n"],
        ins["random"],
        ins["problems"],
    )
    decided = Penalty.all_towns.filter(town_id__in=town_ids, status__in=PENALISED).filter(
        p.days("decided_on")
    )
    pen = decided.filter(outcome=Penalty.Outcome.PENALTY)
    agg = pen.aggregate(
        n=Count("pk"),
        simple=Count("pk", filter=Q(procedure=Penalty.Procedure.SIMPLE)),
        fines=Sum("amount"),
        collected=Sum("paid_amount"),
    )
    r.penalties, r.penalties_simple = agg["n"], agg["simple"]
    r.fines = agg["fines"] or Decimal("0.00")
    r.collected = agg["collected"] or Decimal("0.00")
    r.no_penalty = decided.filter(outcome=Penalty.Outcome.NO_PENALTY).count()
    # Grouped by the kinds' combination in the database; a decision counts once under each kind.
    kinds: Counter[str] = Counter()
    for row in pen.values("kinds").annotate(n=Count("pk")).order_by():
        for kind in row["kinds"] or []:
            kinds[kind] += row["n"]
    r.by_kind = [(label, kinds[value]) for value, label in PenaltyKind.choices if kinds[value]]
    r.hearings = (
        Penalty.all_towns.filter(town_id__in=town_ids).filter(p.days("hearing_held_on")).count()
    )
    sz = (
        Seizure.all_towns.filter(town_id__in=town_ids)
        .filter(p.days("started_on"))
        .aggregate(
            seal=Count("pk", filter=Q(kind=Seizure.Kind.SEAL)),
            seize=Count("pk", filter=Q(kind=Seizure.Kind.SEIZE)),
        )
    )
    r.seals, r.seizures = sz["seal"], sz["seize"]
    r.evidence_holds = (
        EvidenceHold.all_towns.filter(town_id__in=town_ids).filter(p.times("started_at")).count()
    )
    r.power_cuts = (
        AssistanceRequest.all_towns.filter(
            town_id__in=town_ids, kind=AssistanceRequest.Kind.POWER_CUT
        )
        .filter(p.times("created_at"))
        .count()
    )
    ap = (
        Appeal.all_towns.filter(town_id__in=town_ids)
        .filter(p.days("filed_on"))
        .aggregate(
            rec=Count("pk", filter=Q(kind=Appeal.Kind.RECONSIDERATION)),
            law=Count("pk", filter=Q(kind=Appeal.Kind.LAWSUIT)),
            changed=Count("pk", filter=Q(outcome=Appeal.Outcome.CHANGED)),
            revoked=Count("pk", filter=Q(outcome=Appeal.Outcome.REVOKED)),
        )
    )
    r.reconsiderations, r.lawsuits = ap["rec"], ap["law"]
    r.appeals_changed, r.appeals_revoked = ap["changed"], ap["revoked"]
    return r
