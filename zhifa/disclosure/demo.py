"""Demo of 公示 (idempotent): each town's public contacts, and one decision on a natural person
that a 行政复议 changed — published, withdrawn within 3 working days and published again as
changed — so the portal shows a masked person and a change. The other decisions are published by
the penalty procedure's demo (S5 and the others), through the step that records publication."""

from __future__ import annotations

from decimal import Decimal

from zhifa.core.models import Town
from zhifa.penalty.demo import STALL, WEBSITE, _Penalties

from .services import portal_save
from .sources import (
    Case,
    Penalty,
    appeal_decide,
    appeal_file,
    decision_disclose,
    decision_disclosure_withdraw,
)

CONTACTS = {
    "140924101": {
        "address": "繁峙县砂河镇人民政府一楼综合行政执法队（示例地址）",
        "phone": "0350-5000000",
        "hours": "工作日 上午8:00—12:00，下午14:30—17:30",
        "supervision": "繁峙县司法局（行政执法协调监督）",
    },
}
MAIN_CODE = "140924101"
CHANGED_CAUSE = "固定占道经营案（复议变更）"


def seed() -> None:
    for town in Town.objects.filter(is_active=True):
        values = CONTACTS.get(
            town.code,
            {
                "address": f"{town.agency_name}（示例地址）",
                "phone": "0350-5000001",
                "hours": "工作日 8:00—17:30",
                "supervision": f"{town.county_name}司法局（行政执法协调监督）",
            },
        )
        portal_save(town=town, **values)
    town = Town.objects.filter(code=MAIN_CODE).first()
    if town is not None:
        changed_by_reconsideration(town)


def changed_by_reconsideration(town: Town) -> Case | None:
    """A shopkeeper fined for trading on the pavement again and again; the county changes the
    fine on reconsideration."""
    from django.utils import timezone

    if Case.all_towns.filter(town=town, cause=CHANGED_CAUSE).exists():
        return None
    if not Penalty.all_towns.filter(town=town, procedure=Penalty.Procedure.SIMPLE).exists():
        return None  # the penalty procedure's demo (its staff and items) is not there
    seeder = _Penalties(town, timezone.localdate())
    name = "郑示户"
    party = seeder.person(name, "繁峙县砂河镇山会村三组12号")
    case = seeder.ordinary(
        party=party,
        item=seeder.stall,
        cause=CHANGED_CAUSE,
        summary="网格员多次上报：山会村路口人行道固定摆摊销售水果。",
        filed=seeder.day(75),
        proposed=seeder.day(65),
        amount=1500,
        level="serious",
        reason="固定占道经营，经两次劝阻仍未改正，属较重情形",
        facts=f"{name}（电话13912345678）在山会村路口人行道固定摆摊销售水果，占道约6平方米",
        law=STALL,
    )
    from zhifa.penalty import services

    services.notice_serve(case=case, actor=seeder.officer, served_on=seeder.day(60))
    services.statement_record(
        case=case, actor=seeder.officer, received_on=seeder.day(59), waived=True
    )
    seeder.review(case, seeder.day(55))
    services.decision_make(case=case, actor=seeder.officer, on=seeder.day(50))
    services.decision_serve(
        case=case,
        actor=seeder.officer,
        served_on=seeder.day(49),
        method="direct",
        place=party.address,
    )
    decision_disclose(case=case, actor=seeder.officer, on=seeder.day(48), place=WEBSITE)
    appeal = appeal_file(
        case=case,
        actor=seeder.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=seeder.day(45),
    )
    appeal_decide(
        appeal=appeal,
        actor=seeder.officer,
        outcome="changed",
        decided_on=seeder.day(12),
        new_amount=800,
        note=f"{name}已自行整改完毕，复议机关变更罚款数额",
    )
    decision_disclosure_withdraw(
        case=case, actor=seeder.officer, on=seeder.day(11), reason="行政复议决定变更罚款数额"
    )
    decision_disclose(case=case, actor=seeder.officer, on=seeder.day(10), place=WEBSITE)
    services.payment_record(
        case=case,
        actor=seeder.officer,
        paid_on=seeder.day(12),
        amount=Decimal(800),
        receipt_no="晋财缴示例0031",
    )
    return services.penalty_close(case=case, actor=seeder.officer, on=seeder.day(8))
