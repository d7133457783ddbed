"""Demo cases of the penalty procedure (机制 III), idempotent: S4 and S5 completed on their story
dates, and cases at each running step of both procedures relative to today, so the deadline board
shows clocks due soon, running and overdue. Everything goes through the same services a user calls."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhifa.cases import services as case_services
from zhifa.cases.models import Case
from zhifa.catalog.models import PowerItem
from zhifa.core.models import Town
from zhifa.grid.models import Subject
from zhifa.grid.services import subject_register
from zhifa.team.rules import eligible_handlers

from . import demo_cases, services
from .models import Penalty

DQ = "《中华人民共和国大气污染防治法》"
DL = "《城市道路管理条例》"
DUST = {
    "violated": f"{DQ}第六十九条第三款",
    "basis": f"{DQ}第一百一十五条第一款第一项",
}
STALL = {"violated": f"{DL}第二十七条第（六）项", "basis": f"{DL}第四十二条"}


WEBSITE = "繁峙县人民政府网站“行政执法公示”专栏"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class _Penalties:
    def __init__(self, town: Town, today: dt.date) -> None:
        User = get_user_model()
        self.town, self.today = town, today
        self.leader = User.objects.get(username="duizhang")
        self.officer = User.objects.get(username="zhifa1")
        self.reviewer = User.objects.filter(username="fazhi").first()
        self.dust = PowerItem.all_towns.get(town=town, code="SH-ZJ-001")
        self.stall = PowerItem.all_towns.get(town=town, code="SH-ZJ-005")

    def day(self, n: int) -> dt.date:
        return self.today - dt.timedelta(days=n)

    def handlers(self, on: dt.date, item: PowerItem, count: int = 2) -> list[Any]:
        found = eligible_handlers(town=self.town, on=on, item=item)
        return [h.officer for h in found[:count]]

    def chair(self, on: dt.date, item: PowerItem, handlers: list[Any]) -> Any:
        """A certified officer who did not investigate (any domain: the chair presides, not acts)."""
        ids = {h.pk for h in handlers}
        found = [h.officer for h in eligible_handlers(town=self.town, on=on)]
        return next(o for o in found if o.pk not in ids)

    def subject(self, name: str, **values: Any) -> Subject:
        found = Subject.all_towns.filter(town=self.town, name=name).first()
        return found or subject_register(town=self.town, name=name, **values)

    def site(self, name: str, address: str) -> Subject:
        return self.subject(
            name, kind="site", site_type="construction", address=address, lat=39.1905, lng=113.2642
        )

    def person(self, name: str, address: str) -> Subject:
        return self.subject(name, kind="individual", address=address, lat=39.1893, lng=113.2611)

    # --- the ordinary procedure up to a step -------------------------------------------------------

    def ordinary(
        self,
        *,
        party: Subject,
        cause: str,
        summary: str,
        filed: dt.date,
        proposed: dt.date,
        amount: int,
        level: str,
        reason: str,
        facts: str,
        item: PowerItem | None = None,
        proposal: str = "penalty",
        law: dict[str, str] | None = None,
    ) -> Case:
        item = item or self.dust
        handlers = self.handlers(filed, item)
        case = case_services.case_register(
            town=self.town,
            actor=self.officer,
            cause=cause,
            source="patrol",
            summary=summary,
            address=party.address,
            items=[item],
            parties=[party],
            discovered_on=filed,
            act_date=filed - dt.timedelta(days=3),
            lat=party.lat,
            lng=party.lng,
            handlers=handlers,
        )
        case_services.case_file(case=case, actor=self.officer, approved_by=self.leader, on=filed)
        case_services.case_start_investigation(case=case, actor=self.officer, on=filed)
        case_services.record_create(
            case=case,
            actor=self.officer,
            kind="inspection",
            started_at=_at(filed, 9, 30),
            ended_at=_at(filed, 10, 20),
            place=party.address,
            party=party,
            present="现场负责人（示例）",
            findings=facts,
            signature="signed",
        )
        return services.penalty_propose(
            case=case,
            actor=self.officer,
            proposal=proposal,
            reason=reason,
            item=item,
            kinds=["fine"] if proposal == "penalty" else [],
            amount=amount,
            level=level,
            facts=facts,
            evidence=["现场检查（勘验）笔录1份", "现场照片6张"],
            on=proposed,
            **(law or DUST),
        )

    def review(self, case: Case, on: dt.date) -> None:
        if self.reviewer is not None:
            services.legal_review_record(
                case=case,
                actor=self.reviewer,
                reviewer=self.reviewer,
                passed=True,
                opinion="执法主体合法，事实清楚，证据确实充分，适用法律正确，裁量适当，程序合法。",
                on=on,
                qualification="A2026140000000001",
            )

    # --- S5 and S4, completed ------------------------------------------------------------------------

    def s5(self) -> Case | None:
        if len(eligible_handlers(town=self.town, on=dt.date(2026, 9, 8))) < 3:
            return None  # the demo team's certificates do not reach back to the story's dates
        party = Subject.all_towns.get(town=self.town, name="山西示例建筑工程有限公司")
        filed = dt.date(2026, 9, 8)
        case = self.ordinary(
            party=party,
            cause="施工工地未采取扬尘污染防治措施案（S5）",
            summary="巡查发现示范路东段住宅楼建设工地未设置硬质围挡，裸露土方未覆盖，车辆未冲洗驶出，扬尘明显。",
            filed=filed,
            proposed=dt.date(2026, 9, 25),
            amount=60000,
            level="serious",
            reason="责令改正后仍未全面落实防尘措施，未围挡长度超过100米，属较重情形",
            facts="2026年8月18日起在示范路东段住宅楼建设工地施工，未设置硬质围挡（未围挡长度180米），裸露土方约1200平方米未覆盖，造成扬尘污染",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=dt.date(2026, 9, 29))
        services.hearing_request(case=case, actor=self.officer, requested_on=dt.date(2026, 10, 12))
        handlers = [r.officer for r in case.handler_rows.all()]
        services.hearing_schedule(
            case=case,
            actor=self.officer,
            notice_on=dt.date(2026, 10, 13),
            at=_at(dt.date(2026, 10, 23), 9),
            place="砂河镇人民政府三楼会议室",
            chair=self.chair(dt.date(2026, 10, 13), self.dust, handlers),
            members=["听证员（示例）"],
            clerk="记录员（示例）",
        )
        services.hearing_hold(
            case=case,
            actor=self.officer,
            held_on=dt.date(2026, 10, 23),
            proceedings=[
                {
                    "q": "（调查人员）陈述案件事实、证据、处罚依据及拟处罚意见。",
                    "a": "（当事人代理人）对现场检查笔录记载的事实无异议。",
                },
                {
                    "q": "（主持人）当事人对拟处罚数额有何意见？",
                    "a": "当事人已于8月25日完成整改，系初次违法，请求从轻处罚。",
                },
            ],
            final_statement="请求综合考虑整改情况从轻处罚。",
        )
        self.review(case, dt.date(2026, 10, 28))
        services.discussion_record(
            case=case,
            actor=self.leader,
            on=dt.date(2026, 10, 29),
            members=["队长（示例）", "副镇长（示例）", "法制审核员（示例）"],
            conclusion="当事人虽已整改，但违法持续时间较长，维持罚款人民币陆万元。",
        )
        services.decision_make(
            case=case,
            actor=self.officer,
            on=dt.date(2026, 11, 2),
            account="1409 2400 0000 0000 001",
        )
        services.decision_disclose(
            case=case, actor=self.officer, on=dt.date(2026, 11, 6), place=WEBSITE
        )
        services.decision_serve(
            case=case,
            actor=self.officer,
            served_on=dt.date(2026, 11, 3),
            method="direct",
            place="公司办公室",
        )
        services.payment_record(
            case=case,
            actor=self.officer,
            paid_on=dt.date(2026, 12, 28),
            amount=Decimal(120000),
            receipt_no="晋财缴示例0001",
        )
        return services.penalty_close(case=case, actor=self.officer, on=dt.date(2026, 12, 29))

    def s4(self) -> Case | None:
        if len(self.handlers(dt.date(2026, 9, 5), self.stall)) < 2:
            return None
        keeper = Subject.all_towns.get(town=self.town, name="贾示摊")
        on = dt.date(2026, 9, 5)
        case = services.onthespot_decide(
            town=self.town,
            actor=self.officer,
            officers=self.handlers(on, self.stall),
            party=keeper,
            item=self.stall,
            cause="擅自占用人行道摆摊经营案（S4）",
            facts="擅自占用人行道摆摊经营水果，经劝阻拒不改正",
            place="砂河镇东街农贸市场北口人行道",
            act_at=_at(on, 10, 20),
            kinds=["fine"],
            amount=100,
            collect_on_spot=True,
            receipt_no="晋财罚示例0000123",
            lat=keeper.lat,
            lng=keeper.lng,
            **STALL,
        )
        return services.onthespot_hand_in(case=case, actor=self.officer, on=dt.date(2026, 9, 7))

    # --- running steps (relative to today) -----------------------------------------------------------

    def proposed(self) -> Case:
        party = self.site("示例华庭小区三期工地", "繁峙县砂河镇振华街北段")
        return self.ordinary(
            party=party,
            cause="施工工地裸土未覆盖案",
            summary="巡查发现小区三期工地裸土未覆盖，现场扬尘。",
            filed=self.day(12),
            proposed=self.day(1),
            amount=20000,
            level="ordinary",
            reason="责令后及时改正，防尘措施不全，属一般情形",
            facts="工地东侧约400平方米裸土未覆盖，未采取洒水抑尘措施",
        )

    def notified(self) -> Case:
        party = self.site("示例商贸城建设工地", "繁峙县砂河镇滹沱路东段")
        case = self.ordinary(
            party=party,
            cause="施工工地未设置硬质围挡案",
            summary="巡查发现商贸城建设工地南侧未设置硬质围挡，运输车辆未冲洗驶出。",
            filed=self.day(20),
            proposed=self.day(5),
            amount=50000,
            level="serious",
            reason="责令改正后仍未全面落实防尘措施，属较重情形",
            facts="工地南侧约120米未设置硬质围挡，运输车辆未冲洗即驶出工地，带泥上路",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=self.day(2))
        return case

    def hearing(self) -> Case:
        party = self.site("示例职教中心扩建工地", "繁峙县砂河镇文化路")
        case = self.ordinary(
            party=party,
            cause="建筑土方未及时清运案",
            summary="巡查发现职教中心扩建工地建筑土方未清运、未遮盖。",
            filed=self.day(30),
            proposed=self.day(12),
            amount=55000,
            level="serious",
            reason="土方堆放量大、持续时间长，属较重情形",
            facts="约800立方米建筑土方堆放于工地西侧，未及时清运，未采用密闭式防尘网遮盖",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=self.day(9))
        services.hearing_request(case=case, actor=self.officer, requested_on=self.day(6))
        handlers = [r.officer for r in case.handler_rows.all()]
        services.hearing_schedule(
            case=case,
            actor=self.officer,
            notice_on=self.day(5),
            at=_at(self.today + dt.timedelta(days=20), 9),
            place="砂河镇人民政府三楼会议室",
            chair=self.chair(self.day(5), self.dust, handlers),
            clerk="记录员（示例）",
        )
        return case

    def under_review(self) -> Case:
        party = self.site("示例水厂改造工地", "繁峙县砂河镇西关村")
        case = self.ordinary(
            party=party,
            cause="施工工地未采取洒水抑尘措施案",
            summary="网格员上报水厂改造工地扬尘，执法队核查属实。",
            filed=self.day(28),
            proposed=self.day(18),
            amount=25000,
            level="ordinary",
            reason="防尘措施不全，责令后改正，属一般情形",
            facts="工地出入口未设置车辆冲洗设施，场内道路未洒水抑尘",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=self.day(15))
        services.statement_record(
            case=case,
            actor=self.officer,
            received_on=self.day(13),
            statement="已安装冲洗设施，请求从轻处罚。",
            recheck="当事人已整改属实，但违法事实清楚，维持拟处罚意见。",
        )
        self.review(case, self.day(2))
        return case

    def decided(self) -> Case:
        party = self.site("示例供热站扩容工地", "繁峙县砂河镇东关村")
        case = self.ordinary(
            party=party,
            cause="施工扬尘污染案",
            summary="巡查发现供热站扩容工地裸土未覆盖、车辆带泥上路。",
            filed=self.day(40),
            proposed=self.day(24),
            amount=30000,
            level="ordinary",
            reason="防尘措施不全，属一般情形",
            facts="工地裸土约600平方米未覆盖，运输车辆带泥驶出",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=self.day(20))
        services.statement_record(
            case=case, actor=self.officer, received_on=self.day(19), waived=True
        )
        self.review(case, self.day(8))
        services.decision_make(case=case, actor=self.officer, on=self.day(3))
        return case

    def served(self) -> Case:
        party = self.site("示例物流园工地", "繁峙县砂河镇108国道旁")
        case = self.ordinary(
            party=party,
            cause="施工工地未设置围挡案",
            summary="巡查发现物流园工地北侧围挡缺失。",
            filed=self.day(45),
            proposed=self.day(30),
            amount=12000,
            level="ordinary",
            reason="围挡缺失长度较短，责令后及时改正，属一般情形",
            facts="工地北侧约30米未设置硬质围挡",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=self.day(25))
        services.decision_make(case=case, actor=self.officer, on=self.day(15))
        services.decision_disclose(case=case, actor=self.officer, on=self.day(12), place=WEBSITE)
        services.decision_serve(
            case=case,
            actor=self.officer,
            served_on=self.day(13),
            method="post",
            place=party.address,
        )
        return case

    def executing(self) -> Case:
        party = self.site("示例加油站改建工地", "繁峙县砂河镇南环路")
        case = self.ordinary(
            party=party,
            cause="施工工地扬尘污染案",
            summary="巡查发现加油站改建工地扬尘，责令改正后复查仍未整改。",
            filed=self.day(120),
            proposed=self.day(100),
            amount=15000,
            level="ordinary",
            reason="属一般情形",
            facts="工地裸土未覆盖、未设置围挡，责令改正后仍未整改",
        )
        services.notice_serve(case=case, actor=self.officer, served_on=self.day(95))
        services.decision_make(case=case, actor=self.officer, on=self.day(85))
        services.decision_disclose(case=case, actor=self.officer, on=self.day(80), place=WEBSITE)
        services.decision_serve(
            case=case,
            actor=self.officer,
            served_on=self.day(84),
            method="direct",
            place=party.address,
        )
        services.reminder_serve(case=case, actor=self.officer, served_on=self.day(8))
        return case

    def no_penalty(self) -> Case:
        party = self.person("孙示贩", "繁峙县砂河镇东街")
        case = self.ordinary(
            party=party,
            item=self.stall,
            cause="占道经营案（首违不罚）",
            summary="网格员上报：当事人在东街人行道摆摊销售蔬菜。",
            filed=self.day(10),
            proposed=self.day(9),
            amount=0,
            level="",
            proposal="no_penalty",
            reason="当事人系初次违法，危害后果轻微，并当场改正",
            facts="在东街人行道摆摊销售蔬菜约2平方米，经指出后当场撤离",
            law=STALL,
        )
        services.no_penalty_decide(
            case=case,
            actor=self.officer,
            on=self.day(8),
            reason="你系初次违法，危害后果轻微，且在执法人员指出后当场改正",
            education_on=self.day(9),
            education_form="当面批评教育并签署《依法经营承诺书》",
        )
        services.decision_serve(
            case=case,
            actor=self.officer,
            served_on=self.day(8),
            method="direct",
            party_present=True,
        )
        return services.penalty_close(case=case, actor=self.officer, on=self.day(7))

    def onthespot_unpaid(self) -> Case:
        party = self.person("周示摊", "繁峙县砂河镇振华街")
        on = self.day(4)
        return services.onthespot_decide(
            town=self.town,
            actor=self.officer,
            officers=self.handlers(on, self.stall),
            party=party,
            item=self.stall,
            cause="占道经营案",
            facts="在振华街人行道摆摊经营小吃，经劝阻后仍未撤离",
            place="砂河镇振华街人行道",
            act_at=_at(on, 16, 40),
            kinds=["fine"],
            amount=150,
            **STALL,
        )

    def onthespot_collected(self) -> Case:
        party = self.person("吴示贩", "繁峙县砂河镇西街")
        on = self.day(1)
        return services.onthespot_decide(
            town=self.town,
            actor=self.officer,
            officers=self.handlers(on, self.stall),
            party=party,
            item=self.stall,
            cause="占道经营案",
            facts="在西街路口占道摆放货物经营，经劝阻拒不改正",
            place="砂河镇西街路口",
            act_at=_at(on, 10, 5),
            kinds=["fine"],
            amount=50,
            collect_on_spot=True,
            receipt_no="晋财罚示例0000456",
            **STALL,
        )


def seed() -> None:
    """The case-file stories first (``demo_cases``), then the penalty procedure's own."""
    demo_cases.seed()
    town = Town.objects.filter(code=demo_cases.MAIN_CODE).first()
    if town is not None:
        seed_town(town)


def seed_town(town: Town) -> None:
    # The on-the-spot stories always run (the base demo's no-penalty case has a Penalty too).
    if Penalty.all_towns.filter(town=town, procedure=Penalty.Procedure.SIMPLE).exists():
        return
    if PowerItem.all_towns.filter(town=town, code__in=["SH-ZJ-001", "SH-ZJ-005"]).count() != 2:
        return
    seeder = _Penalties(town, timezone.localdate())
    for story in (
        seeder.s5,
        seeder.s4,
        seeder.proposed,
        seeder.notified,
        seeder.hearing,
        seeder.under_review,
        seeder.decided,
        seeder.served,
        seeder.executing,
        seeder.no_penalty,
        seeder.onthespot_unpaid,
        seeder.onthespot_collected,
    ):
        story()
