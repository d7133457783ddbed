"""Grid API: locate a point, the cells a user may see (GeoJSON), villages, subjects, findings."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema
from ninja.errors import HttpError

from zhifa.core.picks import Pick, pick_limit, pick_town

from . import selectors as sel
from .datum import DATUMS
from .locate import OUTSIDE_MESSAGE, locate, location_describe

router = Router(tags=["网格"])


class LocateOut(Schema):
    inside: bool
    message: str
    lat: float
    lng: float
    cell_code: str | None = None
    cell_name: str | None = None
    village: str | None = None
    zone: str | None = None
    squadron: str | None = None


@router.get(
    "/locate", response=LocateOut, url_name="grid_locate", summary="坐标定位到网格、村、片区和中队"
)
def locate_point(request, lat: float, lng: float, datum: str = "wgs84"):
    """坐标以 WGS-84 存储；来自高德、腾讯等国内网络地图或 12345 平台的 GCJ-02 坐标请传 `datum=gcj02`。"""
    sel.require_grid_access(request.user)
    if datum not in DATUMS:
        raise HttpError(422, "datum 只能是 wgs84 或 gcj02")
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise HttpError(422, "经纬度超出范围")
    town = sel.town_required(request)
    found = locate(town=town, lat=lat, lng=lng, datum=datum)
    if found is None:
        return LocateOut(inside=False, message=OUTSIDE_MESSAGE, lat=lat, lng=lng)
    extras = location_describe(found)
    return LocateOut(
        inside=True,
        message=f"{found.village_name} · {found.cell_name}",
        lat=found.lat,
        lng=found.lng,
        cell_code=found.cell_code,
        cell_name=found.cell_name,
        village=found.village_name,
        zone=found.zone_name,
        squadron=extras.get("squadron_name"),
    )


@router.get("/cells", url_name="grid_cells", summary="网格边界（GeoJSON FeatureCollection）")
def cells(request, village: str = "") -> dict[str, Any]:
    """网格员只能看到本人负责的网格。"""
    sel.require_grid_access(request.user)
    town = sel.town_required(request)
    rows = sel.cells_for_user(request.user, town)
    if village:
        rows = rows.filter(village__code=village)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": c.geometry,
                "properties": {
                    "code": c.code,
                    "name": c.name,
                    "village": str(c.village),
                    "village_code": c.village.code,
                    "zone": c.village.zone.name,
                    "zone_kind": c.village.zone.kind,
                    "color": c.village.zone.color,
                    "area_m2": c.area_m2,
                },
            }
            for c in rows
        ],
    }


class VillageOut(Schema):
    code: str
    name: str
    alias: str
    zone: str
    cell_count: int


@router.get("/villages", response=list[VillageOut], summary="村（社区）")
def villages(request):
    sel.require_staff(request.user)
    town = sel.town_required(request)
    return [
        VillageOut(
            code=v.code, name=v.name, alias=v.alias, zone=v.zone.name, cell_count=v.cell_count
        )
        for v in sel.villages_for(town)
    ]


class SubjectOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    credit_code: str
    id_number_masked: str
    address: str
    lat: float | None
    lng: float | None
    cell_code: str | None


@router.get("/subjects", response=list[SubjectOut], summary="监管对象（身份证号码脱敏）")
def subjects(request, kind: str = "", q: str = ""):
    sel.require_staff(request.user)
    town = sel.town_required(request)
    return [
        SubjectOut(
            id=s.pk,
            kind=s.kind,
            kind_label=s.kind_label,
            name=s.name,
            credit_code=s.credit_code,
            id_number_masked=s.id_number_masked,
            address=s.address,
            lat=s.lat,
            lng=s.lng,
            cell_code=s.cell.code if s.cell else None,
        )
        for s in sel.subjects_for(town, kind=kind, q=q)[:500]
    ]


class FindingOut(Schema):
    id: int
    at: Any
    reported_by: str
    description: str
    cell_code: str | None
    lat: float | None
    lng: float | None
    taken_ref: str


@router.get("/findings", response=list[FindingOut], summary="巡查发现")
def findings(request):
    sel.require_grid_access(request.user)
    town = sel.town_required(request)
    return [
        FindingOut(
            id=f.pk,
            at=f.at,
            reported_by=f.reported_by.full_name,
            description=f.description,
            cell_code=f.cell.code if f.cell else None,
            lat=f.lat,
            lng=f.lng,
            taken_ref=f.taken_ref,
        )
        for f in sel.findings_for_user(request.user, town)[:500]
    ]


class SubjectPick(Pick):
    kind: str
    address: str


class SubjectPicks(Schema):
    results: list[SubjectPick]


@router.get(
    "/pick/subjects",
    response=SubjectPicks,
    url_name="grid_pick_subjects",
    summary="监管对象（当事人）选择器搜索",
)
def pick_subjects(request, q: str = "", kind: str = "", limit: int = 30):
    """按名称、地址或统一社会信用代码搜索本镇监管对象；身份证号码只显示脱敏形式。"""
    sel.require_staff(request.user)
    rows = sel.subjects_pick(pick_town(request), q=q.strip()[:100], kind=kind)
    return {
        "results": [
            SubjectPick(
                id=s.pk,
                kind=s.kind,
                address=s.address,
                label=s.name,
                hint=" · ".join(
                    x for x in (s.kind_label, s.credit_code or s.id_number_masked, s.address) if x
                ),
            )
            for s in rows[: pick_limit(limit)]
        ]
    }


class PlacePick(Pick):
    kind: str
    address: str
    lat: float | None
    lng: float | None


class PlacePicks(Schema):
    results: list[PlacePick]


@router.get(
    "/pick/places",
    response=PlacePicks,
    url_name="grid_pick_places",
    summary="地址搜索（村、监管对象）",
)
def pick_places(request, q: str = "", limit: int = 20):
    """在本镇的村（社区）和监管对象中查找地点：返回地址和坐标（WGS-84），供地图选点使用。"""
    sel.require_staff(request.user)
    places = sel.places_search(pick_town(request), q=q.strip()[:100], limit=pick_limit(limit))
    return {"results": [PlacePick(**p) for p in places]}
