"""Demo leads (idempotent): S1, S2 and S3 from their sources, linked to the cases the cases demo
seeded — S1's 12345 order is answered and closed when its case is transferred to the county
team, its reply delivered to an in-process 12345 simulator — plus an inbox of open leads (a 12345
order, a grid report with a photo, a citizen report, a likely duplicate, a vague report the model
is not sure about, a request from a third-party app through Open311, and a finding on the grid
member's patrol, which became a lead when it was reported) for the squadron leader to triage.

The demo's Open311 client 示例城市服务App (town 140924101) has the api_key ``DEMO_OPEN311_KEY``
below, so /open311/v2/ can be tried by hand; a real client gets a random key
(`zhifa open311_client create`)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone
from PIL import Image

from zhifa.cases.models import Case
from zhifa.core.models import Town
from zhifa.grid.datum import wgs84_to_gcj02
from zhifa.grid.demo import tonglu_north
from zhifa.grid.models import GridCell, Patrol
from zhifa.grid.services import patrol_finding_report

from . import hotline, services, triage
from .models import Lead
from .receivers import transfer_outcome
from .simulator import Simulator

# S1: the villager's call the simulated 12345 platform pushes (``manage.py simulate_12345``).
S1_CALL: dict[str, Any] = {
    "text": "村民来电反映：同路村北山有人私自开采铁矿石，挖掘机昼夜作业，请尽快制止。",
    "address": "繁峙县砂河镇同路村北山",
    "caller": ("赵示例", "13800001234"),
}

MAIN_CODE = "140924101"
S1_ORDER = "12345-示例-0923"
S3_LETTER = "繁生环执移〔2026〕示例号"
DEMO_OPEN311_KEY = "demo-open311-140924101"


def _photo(color: tuple[int, int, int]) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (480, 360), color).save(data, "JPEG", quality=80)
    return SimpleUploadedFile("report.jpg", data.getvalue(), content_type="image/jpeg")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class _Seeder:
    def __init__(self, town: Town) -> None:
        User = get_user_model()
        self.town = town
        self.leader = User.objects.get(username="duizhang")
        self.squadron_leader = User.objects.get(username="zhongduizhang")
        # 同路村, 义兴寨村 and 山会村 lie outside the town centre: S1–S3 are the villages' squadron's
        self.village_leader = User.objects.filter(username="zhifa3").first() or self.squadron_leader
        self.officer = User.objects.get(username="zhifa1")
        self.grid_member = User.objects.filter(username="wangge").first()
        self.today = timezone.localdate()

    def receive(self, **values: Any) -> Lead:
        lead, _ = services.lead_receive(town=self.town, triage=False, **values)
        return triage.lead_triage(lead=lead)

    def s1(self, case: Case) -> None:
        """The 12345 order about mining at 同路村: signed, linked; its case transferred to the county
        team, the reply (what was stopped, where it went) delivered."""
        lat, lng = wgs84_to_gcj02(case.lat, case.lng) if case.lat else (None, None)
        lead = self.receive(
            source="hotline",
            source_ref=S1_ORDER,
            text="村民来电反映：同路村北山有人私自开采铁矿石，挖掘机昼夜作业，请尽快制止。",
            address="繁峙县砂河镇同路村北山",
            lat=lat,
            lng=lng,
            datum="gcj02",
            reporter_name="赵示例",
            reporter_phone="13800001234",
            received_at=_at(case.discovered_on, 8, 40),
        )
        hotline.order_sign(lead=lead, actor=self.village_leader)
        services.lead_attach_case(lead=lead, case=case, actor=self.village_leader)
        transfer = case.transfers.select_related("department").first()
        if transfer is not None:
            services.lead_outcome_from_case(
                case=case,
                outcome=transfer_outcome(case=case, department=transfer.department.name),
            )
        simulator = Simulator(port=0).start()
        try:
            with override_settings(ZHIFA_12345_URL=simulator.url):
                hotline.outbox_flush(now=timezone.now() + dt.timedelta(hours=2))
        finally:
            simulator.stop()

    def s2(self, case: Case) -> None:
        lead = self.receive(
            source="patrol",
            text="巡查发现义兴寨村马家坡职工宿舍建设项目围挡范围明显超出批准用地，疑似超占土地。",
            address=case.address,
            lat=case.lat,
            lng=case.lng,
            reported_by=self.officer,
            received_at=_at(case.discovered_on, 9, 10),
        )
        services.lead_attach_case(lead=lead, case=case, actor=self.village_leader)
        if case.state == "transferred":
            transfer = case.transfers.select_related("department").first()
            services.lead_outcome_from_case(
                case=case,
                outcome=transfer_outcome(case=case, department=transfer.department.name),
            )

    def s3(self, case: Case) -> None:
        lead = self.receive(
            source="transfer_in",
            source_ref=S3_LETTER,
            text="繁峙县生态环境保护综合行政执法队移送函：山会村煤场未办理用地和环评手续，"
            "煤堆未采取防燃措施，存在自燃隐患，请依法处理。",
            address=case.address,
            lat=case.lat,
            lng=case.lng,
            subject=case.parties.first(),
            received_at=_at(case.discovered_on, 10, 0),
        )
        services.lead_attach_case(lead=lead, case=case, actor=self.village_leader)

    def point(self, village: str) -> dict[str, float]:
        cell = GridCell.all_towns.filter(town=self.town, village__name__contains=village).first()
        return {"lat": cell.center_lat, "lng": cell.center_lng} if cell else {}

    def inbox(self) -> None:
        now = timezone.now()
        self.receive(
            source="hotline",
            source_ref="12345-示例-1126",
            text="市民来电反映：东街农贸市场门口有商贩占道摆摊卖水果，早上高峰时车辆无法通行。",
            address="繁峙县砂河镇东街农贸市场门口",
            **self.point("东街"),
            reporter_name="孙示例",
            reporter_phone="13900005678",
            received_at=now - dt.timedelta(hours=3),
        )
        near = self.receive(
            source="grid",
            text="山会村储煤场东侧新到一批煤炭，露天堆放没有苫盖，刮风时煤尘很大。",
            address="砂河镇山会村储煤场东侧",
            **self.point("山会"),
            reported_by=self.grid_member,
            photos=[_photo((70, 70, 70))],
            received_at=now - dt.timedelta(hours=5),
        )
        self.receive(
            source="report",
            text="同路村村口有人夜里焚烧废旧轮胎和塑料，气味刺鼻，希望管一管。",
            address="繁峙县砂河镇同路村村口",
            **self.point("同路"),
            reporter_name="",
            reporter_phone="13700009999",
            received_at=now - dt.timedelta(hours=20),
        )
        self.receive(
            source="grid",
            text="村西头那家又开始折腾了，一天到晚叮叮当当的，也不知道在弄啥。",
            address="砂河镇同路村西头",
            **self.point("同路"),
            reported_by=self.grid_member,
            received_at=now - dt.timedelta(hours=1),
        )
        self.open311()
        self.receive(
            source="assignment",
            text="镇长交办：山会村煤场东侧新到煤炭未覆盖，请中队核查处理。",
            address=near.address,
            lat=near.lat,
            lng=near.lng,
            reported_by=self.leader,
            received_at=now - dt.timedelta(hours=2),
        )
        self.patrol_finding()

    def patrol_finding(self) -> None:
        """The grid member reports digging on the 同路村 patrol: the lead is made in the same step."""
        patrol = Patrol.all_towns.filter(
            town=self.town, patroller=self.grid_member, title__contains="同路"
        ).first()
        if patrol is None:
            return
        lat, lng = tonglu_north(self.town)
        patrol_finding_report(
            town=self.town,
            user=self.grid_member,
            patrol=patrol,
            lat=lat,
            lng=lng,
            description="同路村北山发现新挖土坑和运矿车辆痕迹，疑似私挖铁矿",
            photo=_photo((120, 95, 60)),
        )

    def open311(self) -> None:
        from django.http import QueryDict

        from .open311.filing import request_file
        from .open311.models import Open311Client, key_hash

        Open311Client.all_towns.get_or_create(
            key_hash=key_hash(DEMO_OPEN311_KEY),
            defaults={
                "town": self.town,
                "name": "示例城市服务App",
                "key_prefix": DEMO_OPEN311_KEY[:8],
                "scopes": ["requests", "updates"],
            },
        )
        form = QueryDict(mutable=True)
        point = self.point("东街")
        form.update(
            {
                "api_key": DEMO_OPEN311_KEY,
                "service_code": "housing",
                "address_string": "砂河镇东街十字路口南",
                "lat": str(point.get("lat", "")),
                "long": str(point.get("lng", "")),
                "description": "东街十字路口南边的工地没有围挡，土堆也不盖，一刮风满街都是灰。",
                "attribute[ongoing]": "yes",
                "last_name": "钱",
                "phone": "13600002222",
            }
        )
        lead = request_file(town=self.town, form=form).lead
        triage.lead_triage(lead=lead)


def seed() -> None:
    town = Town.objects.filter(code=MAIN_CODE).first()
    if town is None or Lead.all_towns.filter(town=town).exists():
        return
    if not get_user_model().objects.filter(username="zhongduizhang").exists():
        return
    seeder = _Seeder(town)
    cases = Case.all_towns.filter(town=town)
    s1 = cases.filter(source_ref=S1_ORDER).first()
    s2 = cases.filter(cause__contains="职工宿舍").first()
    s3 = cases.filter(source_ref=S3_LETTER).first()
    for case, story in ((s1, seeder.s1), (s2, seeder.s2), (s3, seeder.s3)):
        if case is not None:
            story(case)
    seeder.inbox()
