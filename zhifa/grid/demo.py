"""Demo grid (idempotent): zones, ~20 villages, a few hundred cells around the town centre, grid
members, patrols and regulated subjects. Geometry and names of people and firms are invented.
The finding on the grid member's patrol is reported by the intake demo (it becomes a lead)."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import ric, uscc

from zhifa.accounts.models import User
from zhifa.core import clock
from zhifa.core.models import Town

from .demo_layout import cell_point, layout
from .models import GridCell, Patrol, Subject, Village, Zone
from .services import (
    cells_import,
    grid_member_assign,
    patrol_check_in,
    patrol_plan,
    subject_register,
    village_create,
    zone_create,
)

MAIN_CODE, SECOND_CODE = "140924101", "140924103"

# code, name, alias, urban, (dx, dy) in 400 m units east/north of the centre
MAIN_VILLAGES = [
    ("001", "东街社区", "", True, (0.8, 0.4)),
    ("002", "西街社区", "", True, (-0.8, 0.4)),
    ("003", "砂河村", "", True, (0.0, -0.9)),
    ("004", "南关村", "", True, (-1.2, -1.2)),
    ("005", "北关村", "", True, (1.2, -1.2)),
    ("006", "同路村", "", False, (-7.0, 4.0)),
    ("007", "义兴寨村", "马家坡", False, (6.5, 4.5)),
    ("008", "山会村", "", False, (8.5, -2.5)),
    ("009", "茶坊村", "", False, (-3.5, 5.5)),
    ("010", "上永兴村", "", False, (0.5, 6.0)),
    ("011", "下永兴村", "", False, (3.0, 3.0)),
    ("012", "东沿村", "", False, (9.0, 1.5)),
    ("013", "西沿村", "", False, (-9.0, -0.5)),
    ("014", "大寨口村", "", False, (-5.5, -4.5)),
    ("015", "小寨村", "", False, (-2.5, -6.0)),
    ("016", "岭底村", "", False, (2.0, -6.0)),
    ("017", "河湾村", "", False, (5.5, -4.5)),
    ("018", "赵庄村", "", False, (-5.0, 1.0)),
    ("019", "新庄村", "", False, (4.0, 0.0)),
    ("020", "柳林村", "", False, (-2.8, 2.8)),
]
SECOND_VILLAGES = [
    ("001", "大营村", "", True, (-0.5, 0.0)),
    ("002", "东庄村", "", False, (0.8, 0.0)),
]


def _credit_code(body: str) -> str:
    """An invented 统一社会信用代码 with its correct GB 32100 check character."""
    return body + uscc.calc_check_digit(body)


def _id_number(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")  # the function expects a placeholder digit


def seed_places(
    town: Town, villages: list[tuple], *, cols: int, rows: int, urban_block: int
) -> None:
    zones = {}
    for kind, name, color, description in (
        (Zone.Kind.URBAN, "镇区", "#206bc4", "镇区中队负责：集镇街道、社区和城郊村"),
        (Zone.Kind.RURAL, "镇区外", "#2fb344", "镇区外中队负责：镇区以外各行政村、矿区和山区"),
    ):
        zone = Zone.all_towns.filter(town=town, kind=kind).first()
        zones[kind] = zone or zone_create(
            town=town, name=name, kind=kind, color=color, description=description
        )
    for code, name, alias, urban, _ in villages:
        if not Village.all_towns.filter(town=town, code=code).exists():
            zone = zones[Zone.Kind.URBAN if urban else Zone.Kind.RURAL]
            village_create(town=town, zone=zone, code=code, name=name, alias=alias)
    if not GridCell.all_towns.filter(town=town).exists():
        data = layout(
            town_code=town.code,
            center_lat=float(town.center_lat),
            center_lng=float(town.center_lng),
            villages=[{"code": c, "name": n, "urban": u, "at": at} for c, n, _, u, at in villages],
            cols=cols,
            rows=rows,
            urban_block=urban_block,
        )
        cells_import(town=town, data=data)


def _point(town: Town, dx: float, dy: float) -> tuple[float, float]:
    return cell_point(float(town.center_lat), float(town.center_lng), dx, dy)


def seed_subjects(town: Town) -> None:
    if Subject.all_towns.filter(town=town).exists():
        return
    lat, lng = _point(town, 8.4, -2.6)
    coal_firm = subject_register(
        town=town,
        kind=Subject.Kind.ENTERPRISE,
        name="繁峙县示例煤炭经销有限公司",
        credit_code=_credit_code("91140924MA0K7EXA1"),
        legal_representative="韩示例",
        address="繁峙县砂河镇山会村",
        phone="0350-0000101",
    )
    subject_register(
        town=town,
        kind=Subject.Kind.SITE,
        site_type=Subject.SiteType.COAL_YARD,
        name="山会村煤场",
        operator=coal_firm,
        address="砂河镇山会村村西",
        lat=lat,
        lng=lng,
        note="县生态环境执法队移送：未取得用地和环评手续",
    )
    lat, lng = _point(town, 6.6, 4.3)
    builder = subject_register(
        town=town,
        kind=Subject.Kind.ENTERPRISE,
        name="山西示例建筑工程有限公司",
        credit_code=_credit_code("91140900MA0H2DEM8"),
        legal_representative="贺样本",
        address="忻州市忻府区示例路 8 号",
    )
    subject_register(
        town=town,
        kind=Subject.Kind.SITE,
        site_type=Subject.SiteType.DORMITORY,
        name="马家坡宿舍区工地",
        operator=builder,
        address="砂河镇义兴寨村马家坡",
        lat=lat,
        lng=lng,
        note="用地证载面积 14.43 亩，现场占地约 29.7 亩",
    )
    shops = [
        ("示例便民超市", "91140924MA0K8DHA3", -0.9),
        ("演示五金建材店", "92140924MA0K9DHB5", -0.3),
        ("样例餐馆", "92140924MA0KADHC6", 0.3),
        ("示范烟酒副食店", "92140924MA0KBDHD7", 0.9),
    ]
    for name, body, dx in shops:
        lat, lng = _point(town, dx, 0.05)
        operator = subject_register(
            town=town,
            kind=Subject.Kind.ENTERPRISE,
            name=name,
            credit_code=_credit_code(body),
            address=f"砂河镇振华街{int(50 + dx * 40)}号",
        )
        subject_register(
            town=town,
            kind=Subject.Kind.SITE,
            site_type=Subject.SiteType.SHOP,
            name=f"{name}（门店）",
            operator=operator,
            address=operator.address,
            lat=lat,
            lng=lng,
        )
    lat, lng = _point(town, -7.1, 4.2)
    subject_register(
        town=town,
        kind=Subject.Kind.SITE,
        site_type=Subject.SiteType.MINE,
        name="同路村北山矿点",
        address="砂河镇同路村北山",
        lat=lat,
        lng=lng,
        note="群众反映有人私挖铁矿",
    )
    subject_register(
        town=town,
        kind=Subject.Kind.INDIVIDUAL,
        name="贾示摊",
        id_number=_id_number("14092419800101123"),
        address="砂河镇西街社区",
        phone="13800000000",
        note="振华街流动摊点",
    )


def seed_grid_members(town: Town) -> None:
    user = User.objects.filter(username="wangge").first()
    if user is None or user.town_id != town.pk:
        return
    cells = GridCell.all_towns.filter(town=town, village__code__in=["006", "009"])
    grid_member_assign(town=town, user=user, cells=cells, phone="13900000006")


def seed_patrols(town: Town) -> None:
    if Patrol.all_towns.filter(town=town).exists():
        return
    now = clock.now()
    day = now.replace(hour=9, minute=0, second=0, microsecond=0)
    plans = [
        (
            "zhifa1",
            "振华街占道经营巡查",
            Patrol.Kind.ROUTE,
            ["001", "002"],
            day,
            "重点：店外经营、流动摊点",
        ),
        (
            "zhifa2",
            "山会村、东沿村煤场巡查",
            Patrol.Kind.AREA,
            ["008", "012"],
            day,
            "煤堆防火、扬尘覆盖",
        ),
        ("wangge", "同路村网格日常巡查", Patrol.Kind.AREA, ["006"], day, "北山矿点有无私挖"),
        ("wangge", "茶坊村网格日常巡查", Patrol.Kind.AREA, ["009"], day - dt.timedelta(days=1), ""),
    ]
    for username, title, kind, villages, start, note in plans:
        user = User.objects.filter(username=username, town=town).first()
        if user is None:
            continue
        cells = list(GridCell.all_towns.filter(town=town, village__code__in=villages))
        plan = None
        if kind == Patrol.Kind.ROUTE:
            a, b = _point(town, -1.6, 0.05), _point(town, 1.6, 0.05)
            plan = {"type": "LineString", "coordinates": [[a[1], a[0]], [b[1], b[0]]]}
        # planned the day before it runs (a patrol is never planned for a day gone by)
        with clock.frozen(start - dt.timedelta(days=1)):
            patrol = patrol_plan(
                town=town,
                patroller=user,
                title=title,
                kind=kind,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=3),
                plan=plan,
                cells=cells,
                note=note,
            )
        if username == "wangge" and "同路" in title:
            # The finding on this patrol is reported by the intake demo, once the team (and so the
            # squadron its lead goes to) exists: a finding becomes a lead when it is reported.
            lat, lng = tonglu_north(town)
            patrol_check_in(patrol=patrol, user=user, lat=lat, lng=lng, accuracy_m=12)


def tonglu_north(town: Town) -> tuple[float, float]:
    """The point on 同路村's north hill where the demo's grid member checks in and finds digging."""
    return _point(town, -7.0, 4.1)


def seed() -> None:
    main = Town.objects.filter(code=MAIN_CODE).first()
    if main is not None:
        seed_places(main, MAIN_VILLAGES, cols=22, rows=16, urban_block=4)
        seed_subjects(main)
        seed_grid_members(main)
        seed_patrols(main)
    second = Town.objects.filter(code=SECOND_CODE).first()
    if second is not None:
        seed_places(second, SECOND_VILLAGES, cols=3, rows=2, urban_block=0)
