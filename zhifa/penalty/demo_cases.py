"""Demo cases for the demo town (idempotent): at least one case in every state this app reaches,
each with real documents issued through the same services a user calls. S2 (义兴寨马家坡) runs in
full: patrol → inspection (15.27 亩 over) → 责令停止违法行为通知书 → transfer → the bureau's receipt.

The states of the penalty procedure (notified … executing) are seeded by ``penalty.demo``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhifa.cases import services as case_services
from zhifa.cases.models import Case
from zhifa.catalog.models import Department, PowerItem
from zhifa.catalog.rules import item_held_by_town
from zhifa.coercion import services as coercion_services
from zhifa.core import clock
from zhifa.core.models import Town
from zhifa.grid.models import Subject
from zhifa.team.rules import eligible_handlers

from . import services as penalty_services

MAIN_CODE = "140924101"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _photo(
    color: tuple[int, int, int], when: dt.datetime, lat: float | None, lng: float | None
) -> bytes:
    """A small site photo with EXIF capture time and GPS, as a phone would take it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), color)
    draw = ImageDraw.Draw(image)
    for i in range(0, 640, 40):
        draw.line([(i, 300), (i + 60, 480)], fill=(90, 80, 60), width=3)
    exif = Image.Exif()
    exif[0x8769] = {36867: timezone.localtime(when).strftime("%Y:%m:%d %H:%M:%S")}
    if lat is not None and lng is not None:

        def dms(value: float) -> tuple[float, float, float]:
            d = int(value)
            m = int((value - d) * 60)
            return (float(d), float(m), round(((value - d) * 60 - m) * 60, 2))

        exif[0x8825] = {1: "N", 2: dms(lat), 3: "E", 4: dms(lng)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=80)
    return out.getvalue()


class _Seeder:
    def __init__(self, town: Town, today: dt.date) -> None:
        User = get_user_model()
        self.town, self.today = town, today
        self.leader = User.objects.get(username="duizhang")
        self.officer = User.objects.get(username="zhifa1")
        # S1 happens in the villages: their squadron's leader and the officer who walks it
        self.village_leader = User.objects.filter(username="zhifa3").first() or self.officer
        self.village_officer = User.objects.filter(username="zhifa2").first() or self.officer
        self.grid_member = User.objects.filter(username="wangge").first()

    def item(self, code: str) -> PowerItem:
        return PowerItem.all_towns.get(town=self.town, code=code)

    def subject(self, name: str) -> Subject:
        return Subject.all_towns.get(town=self.town, name=name)

    def dept(self, name: str) -> Department:
        return Department.all_towns.get(town=self.town, name=name)

    def handlers(self, on: dt.date, item: PowerItem | None) -> list[Any]:
        found = eligible_handlers(town=self.town, on=on, item=item) or eligible_handlers(
            town=self.town, on=on
        )
        return [h.officer for h in found[:2]]

    def handlers_named(self, on: dt.date, *usernames: str) -> list[Any]:
        """The named users' officer records, in that order, if they may handle a case that day."""
        found = {
            h.officer.user.username: h.officer for h in eligible_handlers(town=self.town, on=on)
        }
        return [found[name] for name in usernames if name in found]

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def register(
        self,
        *,
        code: str,
        subject: str,
        days_ago: int,
        held_item: bool = True,
        actor: Any = None,
        handlers: list[Any] | None = None,
        **values: Any,
    ) -> Case:
        item = self.item(code)
        on = self.day(days_ago)
        party = self.subject(subject)
        return case_services.case_register(
            town=self.town,
            actor=actor or self.officer,
            items=[item],
            parties=[party],
            discovered_on=on,
            lat=party.lat,
            lng=party.lng,
            address=party.address,
            handlers=handlers or self.handlers(on, item if held_item else None),
            **values,
        )

    def photo(
        self, case: Case, name: str, description: str, at: dt.datetime, color: tuple[int, int, int]
    ) -> Any:
        data = _photo(color, at, case.lat, case.lng)
        return case_services.evidence_add(
            case=case,
            actor=self.officer,
            upload=SimpleUploadedFile(name, data),
            description=description,
        )

    # --- the stories ------------------------------------------------------------------------------

    def s2_dormitory(self) -> Case:
        """S2: patrol at 义兴寨马家坡 → inspection → order to stop → transfer with receipt."""
        on = self.day(20)
        case = self.register(
            code="SH-ZR-001",
            subject="马家坡宿舍区工地",
            days_ago=20,
            held_item=False,
            cause="超出批准面积占用土地建设职工宿舍案",
            source="patrol",
            summary="日常巡查至义兴寨村马家坡，发现山西示例建筑工程有限公司职工宿舍建设项目"
            "实际占地明显超出不动产权证书登记范围，现场仍在施工。",
        )
        case_services.record_create(
            case=case,
            actor=self.officer,
            kind="inspection",
            started_at=_at(on, 9, 30),
            ended_at=_at(on, 10, 40),
            place="繁峙县砂河镇义兴寨村马家坡职工宿舍建设工地",
            party=case.parties.first(),
            present="贺样本（项目负责人）",
            findings="现场正在建设职工宿舍，已完成地基及部分墙体，"
            "东侧、南侧围挡外另有硬化场地和材料堆场。",
            permitted_area="14.43",
            occupied_area="29.7",
            measurements="手持GPS沿围挡及硬化场地外沿实测，不动产权证书载明面积14.43亩。",
            signature="signed",
            witness="义兴寨村村委会委员（示例）",
            recorder="赵辅例",
        )
        self.photo(
            case, "mjp-01.jpg", "马家坡宿舍工地全景（东南角拍摄）", _at(on, 9, 45), (150, 140, 110)
        )
        self.photo(
            case, "mjp-02.jpg", "超出证载范围的硬化场地和材料堆场", _at(on, 10, 5), (130, 120, 100)
        )
        case_services.correction_order_issue(
            case=case,
            actor=self.officer,
            kind="stop",
            issued_on=on,
            days=3,
            facts="在砂河镇义兴寨村马家坡建设职工宿舍，实际占用土地29.7亩，超出《不动产权证书》登记面积"
            "14.43亩达15.27亩",
            violated="《中华人民共和国土地管理法》第四十四条",
            basis="《中华人民共和国土地管理法》第七十七条及乡镇属地管理职责",
            requirements="立即停止施工，不得新建、续建；保持现场原状，等待有关部门处理。",
        )
        transfer = case_services.case_transfer(
            case=case,
            actor=self.officer,
            kind="department",
            department=self.dept("繁峙县规划和自然资源局"),
            reason="非法占用土地的行政处罚不属于本镇承接的下放事项，依法移送有管辖权的部门。",
            facts="超出不动产权证书登记面积15.27亩占用土地建设职工宿舍，本机关已责令其停止施工。",
            evidence=list(case.evidence.all()),
            on=self.day(19),
        )
        case_services.transfer_receipt_record(
            transfer=transfer,
            actor=self.officer,
            receiver_name="自然资源局收件人（示例）",
            received_at=_at(self.day(18), 15),
            note="材料齐全，已签收",
        )
        return case

    def s3_coal_yard(self) -> Case:
        """S3 (to the power-cut letter): filed, investigating, correction order, ignored stop order,
        power cut with approval and 24 hours' notice, an evidence hold still running."""
        case = self.register(
            code="SH-ST-004",
            subject="山会村煤场",
            days_ago=12,
            cause="贮存煤炭未采取防燃措施案",
            source="transfer_in",
            source_ref="繁生环执移〔2026〕示例号",
            summary="县生态环境保护综合行政执法队来函移送：山会村煤场未办理用地和环评手续，煤堆未采取防燃措施，存在自燃隐患。",
        )
        case = case_services.case_file(
            case=case, actor=self.officer, approved_by=self.leader, on=self.day(12)
        )
        case = case_services.case_start_investigation(
            case=case, actor=self.officer, on=self.day(11)
        )
        on = self.day(11)
        case_services.record_create(
            case=case,
            actor=self.officer,
            kind="inspection",
            started_at=_at(on, 9),
            ended_at=_at(on, 10, 20),
            place="繁峙县砂河镇山会村村西储煤场",
            party=case.parties.first(),
            present="韩示例（负责人）",
            findings="场内露天堆放原煤约3000吨，未苫盖，未设防火隔离带和测温设施，东北角煤堆表面冒烟。",
            measurements="储煤场占地约8亩（皮尺丈量）。",
            signature="refused",
            witness="山会村村委会主任（示例）",
        )
        self.photo(case, "shc-01.jpg", "东北角煤堆冒烟", _at(on, 9, 20), (60, 60, 60))
        case_services.correction_order_issue(
            case=case,
            actor=self.officer,
            kind="correct",
            issued_on=on,
            days=30,
            facts="贮存煤炭未采取防燃措施，煤堆未苫盖",
            violated="《中华人民共和国大气污染防治法》第四十八条",
            basis="《中华人民共和国大气污染防治法》第一百一十七条",
            requirements="30日内对煤堆全部苫盖，设置防火隔离带和测温设施。",
        )
        stop = case_services.correction_order_issue(
            case=case,
            actor=self.officer,
            kind="stop",
            issued_on=on,
            days=2,
            major_hazard=True,
            facts="储煤场煤堆自燃，未设防火隔离带及消防设施，存在重大事故隐患",
            violated="《中华人民共和国安全生产法》第四十一条",
            basis="《中华人民共和国安全生产法》第七十条",
            requirements="立即停止储煤场装卸作业，消除自燃隐患。",
        )
        case_services.correction_order_reinspect(
            order=stop,
            actor=self.officer,
            complied=False,
            note="复查时仍在装卸煤炭，冒烟未处置，拒不执行。",
            on=self.day(9),
        )
        # the notice served on the yard at 16:00, the letter the next afternoon (≥ 24 hours on)
        with clock.frozen(_at(self.day(9), 16)):
            notice = coercion_services.power_cut_notice_serve(
                case=case,
                actor=self.officer,
                stop_order=stop,
                premises_use="business",
                premises="山会村储煤场生产经营用电（户号示例0001）",
                hazard="煤堆自燃、未设防火隔离带及消防设施",
                cut_at=_at(self.day(7), 9),
                served_to="韩示例（负责人）",
            )
        with clock.frozen(_at(self.day(8), 17)):
            coercion_services.assistance_request_send(
                case=case,
                actor=self.officer,
                kind="power_cut",
                recipient="国网繁峙县供电公司",
                matter="储煤场拒不执行针对重大事故隐患作出的停止使用决定，有发生火灾的现实危险",
                request="对储煤场生产经营用电停止供电，隐患消除后另行通知恢复。",
                basis="《中华人民共和国安全生产法》第七十条",
                premises_use="business",
                premises="山会村储煤场生产经营用电（户号示例0001）",
                hazard="煤堆自燃、未设防火隔离带及消防设施",
                stop_order=stop,
                approved_by=self.leader,
                notice=notice,
                on=self.day(8),
            )
        coercion_services.evidence_hold_start(
            case=case,
            actor=self.officer,
            items=[
                {"name": "煤炭购销台账", "quantity": "2本"},
                {"name": "过磅单", "quantity": "37张"},
            ],
            place="砂河镇综合行政执法队物品保管室",
            approved_by=self.leader,
            started_at=_at(self.day(8), 10),
        )
        return case

    def s1_mining(self) -> Case:
        """S1: the 12345 order about mining at 同路村 — opened by the villages' squadron leader,
        inspected (no permit), ordered stopped, a joint operation with the county
        natural-resources enforcement team, re-inspected (obeyed), transferred to that team."""
        officer, team = self.village_officer, self.dept("繁峙县规划和自然资源综合行政执法队")
        case = self.register(
            code="SH-ZR-002",
            subject="同路村北山矿点",
            days_ago=5,
            held_item=False,
            actor=self.village_leader,
            handlers=self.handlers_named(self.day(5), "zhifa2", "zhifa3"),
            cause="未取得采矿许可证擅自采矿案",
            source="hotline",
            source_ref="12345-示例-0923",
            reported_by=self.grid_member,
            summary="12345工单：同路村村民反映北山有人私挖铁矿；网格员核实发现新挖土坑和运矿车辆痕迹。",
        )
        on = self.day(5)
        case_services.record_create(
            case=case,
            actor=officer,
            kind="inspection",
            started_at=_at(on, 14),
            ended_at=_at(on, 15),
            place="繁峙县砂河镇同路村北山南坡",
            findings="北山南坡新挖矿坑2处，坑边堆放铁矿石约30吨，现场有挖掘机1台正在作业；"
            "现场作业人员不能出示采矿许可证，称未办理任何采矿手续。",
            present="挖掘机司机（示例）",
            signature="absent",
            witness="同路村网格员钱网例",
        )
        self.photo(
            case,
            "tonglu-01.jpg",
            "北山南坡新挖矿坑及作业中的挖掘机",
            _at(on, 14, 20),
            (110, 90, 70),
        )
        order = case_services.correction_order_issue(
            case=case,
            actor=officer,
            kind="stop",
            issued_on=on,
            days=1,
            facts="未取得采矿许可证，在砂河镇同路村北山南坡使用挖掘机开采铁矿石",
            violated="《中华人民共和国矿产资源法》第三条",
            basis="乡镇属地管理职责",
            requirements="立即停止开采，撤离挖掘机等机械设备，不得再次开挖。",
        )
        next_day = self.day(4)
        case_services.joint_operation_record(
            case=case,
            actor=officer,
            departments=[team],
            participants=[
                "刘测试（镇执法队）",
                "周模例（镇执法队）",
                "县自然资源执法队队员（示例）",
            ],
            started_at=_at(next_day, 9),
            place="繁峙县砂河镇同路村北山南坡",
            outcome="联合检查，开采已停止，挖掘机撤离现场，矿坑设置警示标志，已开采矿石就地封存。",
        )
        case_services.correction_order_reinspect(
            order=order,
            actor=officer,
            complied=True,
            note="复查时现场已停止开采，挖掘机已撤离，未见新的开挖痕迹。",
            on=next_day,
        )
        case_services.case_transfer(
            case=case,
            actor=officer,
            kind="department",
            department=team,
            reason="未取得采矿许可证擅自采矿的行政处罚不属于本镇承接的下放事项，"
            "依法移送有管辖权的执法队。",
            facts="未取得采矿许可证在同路村北山南坡开采铁矿石，本机关已责令停止开采，"
            "并会同县自然资源执法队联合检查制止。",
            evidence=list(case.evidence.all()),
            on=next_day,
        )
        case.refresh_from_db()
        return case

    def dust_site_filed(self) -> Case:
        case = self.register(
            code="SH-ZJ-001",
            subject="山西示例建筑工程有限公司",
            days_ago=2,
            cause="施工工地未采取扬尘防治措施案",
            source="patrol",
            summary="巡查发现振华街东段建设工地裸土未覆盖、未设置硬质围挡，现场扬尘明显。",
        )
        return case_services.case_file(
            case=case, actor=self.officer, approved_by=self.leader, on=self.day(1)
        )

    def stall_proposed(self) -> Case:
        case = self.register(
            code="SH-ZJ-005",
            subject="贾示摊",
            days_ago=6,
            cause="占道经营案",
            source="patrol",
            summary="当事人在振华街人行道上摆摊经营水果，经劝阻后次日再次占道。",
        )
        case = case_services.case_file(
            case=case, actor=self.officer, approved_by=self.leader, on=self.day(6)
        )
        case = case_services.case_start_investigation(case=case, actor=self.officer, on=self.day(6))
        on = self.day(5)
        case_services.record_create(
            case=case,
            actor=self.officer,
            kind="interview",
            started_at=_at(on, 10),
            ended_at=_at(on, 10, 30),
            place="砂河镇综合行政执法队询问室",
            party=case.parties.first(),
            interviewee={"name": "贾示摊", "gender": "男", "address": "砂河镇西街社区"},
            qa=[
                {"q": "你在振华街人行道上摆摊多长时间了？", "a": "大概一个月，每天下午。"},
                {"q": "执法人员劝阻后你为什么又来摆摊？", "a": "这里人多，生意好，以后不摆了。"},
            ],
            signature="signed",
        )
        return case_services.case_propose(
            case=case,
            actor=self.officer,
            proposal="penalty",
            text_="经劝阻后再次占道经营，拟处罚款一百元。",
        )

    def closed_no_penalty(self) -> Case:
        case = self.register(
            code="SH-ZJ-004",
            subject="示例便民超市（门店）",
            days_ago=15,
            cause="随意堆放生活垃圾案",
            source="grid",
            summary="网格员上报：超市门前堆放纸箱和生活垃圾。",
            reported_by=self.grid_member,
        )
        case = case_services.case_file(
            case=case, actor=self.officer, approved_by=self.leader, on=self.day(15)
        )
        case = case_services.case_start_investigation(
            case=case, actor=self.officer, on=self.day(15)
        )
        penalty_services.penalty_propose(
            case=case,
            actor=self.officer,
            proposal="no_penalty",
            reason="首次违法，当场清理完毕，危害后果轻微，依法不予处罚并进行教育。",
            facts="在超市门前人行道堆放纸箱和生活垃圾约1立方米，经指出后当场清理完毕",
            violated="《中华人民共和国固体废物污染环境防治法》第一百一十一条第一款第一项",
            basis="《中华人民共和国行政处罚法》第三十三条第一款",
            on=self.day(15),
        )
        penalty_services.no_penalty_decide(
            case=case,
            actor=self.officer,
            on=self.day(14),
            reason="你单位系初次违法，危害后果轻微，且在执法人员指出后当场改正",
            education_on=self.day(15),
            education_form="当面批评教育并告知垃圾分类投放要求",
        )
        penalty_services.decision_serve(
            case=case,
            actor=self.officer,
            served_on=self.day(14),
            method="direct",
            party_present=True,
        )
        return penalty_services.penalty_close(case=case, actor=self.officer, on=self.day(14))

    def withdrawn(self) -> Case:
        case = self.register(
            code="SH-ST-001",
            subject="同路村北山矿点",
            days_ago=9,
            cause="露天焚烧秸秆案",
            source="report",
            summary="群众举报北山脚下有人焚烧秸秆。",
        )
        case = case_services.case_file(
            case=case, actor=self.officer, approved_by=self.leader, on=self.day(9)
        )
        return case_services.case_withdraw(
            case=case,
            actor=self.officer,
            reason="经核查为村民烧荒祭扫的零星火点，当事人无法确认，违法事实不能成立。",
            approved_by=self.leader,
        )

    def registered_only(self) -> Case:
        return self.register(
            code="SH-ST-003",
            subject="山会村煤场",
            days_ago=1,
            cause="煤炭物料未覆盖案",
            source="assignment",
            summary="队长交办：山会村煤场东侧新到煤炭未覆盖，请核查。",
        )


def seed() -> None:
    town = Town.objects.filter(code=MAIN_CODE).first()
    if town is None:
        return
    if Case.all_towns.filter(town=town).exists():
        return
    User = get_user_model()
    if not User.objects.filter(username="duizhang").exists():
        return
    if not PowerItem.all_towns.filter(town=town, code="SH-ZR-001").exists():
        return
    seeder = _Seeder(town, timezone.localdate())
    assert not item_held_by_town(item=seeder.item("SH-ZR-001"), on=seeder.day(20)), (
        "S2 needs the land item unheld"
    )
    for story in (
        seeder.s2_dormitory,
        seeder.s3_coal_yard,
        seeder.s1_mining,
        seeder.dust_site_filed,
        seeder.stall_proposed,
        seeder.closed_no_penalty,
        seeder.withdrawn,
        seeder.registered_only,
    ):
        story()
