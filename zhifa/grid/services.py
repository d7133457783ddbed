"""Writes of the grid: places, cell import, grid members, patrols, check-ins, findings, subjects."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import shapely
from django.db import transaction
from django.utils import timezone
from shapely.strtree import STRtree

from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.models import Town

from . import geometry as geo
from .datum import WGS84, to_wgs84
from .identifiers import credit_code_clean, id_number_clean
from .locate import index_invalidate, locate
from .models import (
    GridCell,
    GridMember,
    Patrol,
    PatrolCheckIn,
    PatrolFinding,
    Subject,
    Village,
    Zone,
)
from .photos import photo_check

# Real boundaries drawn by different hands leave slivers along shared edges. An overlap is taken
# as a sliver, and accepted, when it is on average at most this many metres wide and covers at most
# SLIVER_MAX_SHARE of the smaller cell; anything larger is refused.
SLIVER_WIDTH_M = 1.0
SLIVER_MAX_SHARE = 0.01
MAX_IMPORT_ERRORS_SHOWN = 5


def zone_create(
    *, town: Town, name: str, kind: str, description: str = "", color: str = "#206bc4"
) -> Zone:
    if Zone.all_towns.filter(town=town, name=name).exists():
        raise DomainError(f"片区“{name}”已存在", code="zone_exists")
    return Zone.objects.create(
        town=town, name=name, kind=kind, description=description, color=color
    )


def village_create(
    *,
    town: Town,
    zone: Zone,
    code: str,
    name: str,
    alias: str = "",
    secretary: str = "",
    phone: str = "",
) -> Village:
    if zone.town_id != town.pk:
        raise DomainError("片区不属于本镇", code="wrong_town")
    if not (len(code) == 3 and code.isdigit()):
        raise DomainError(f"村（社区）代码“{code}”应为 3 位数字", code="bad_village_code")
    if Village.all_towns.filter(town=town, code=code).exists():
        raise DomainError(f"村（社区）代码 {code} 已被使用", code="village_exists")
    return Village.objects.create(
        town=town, zone=zone, code=code, name=name, alias=alias, secretary=secretary, phone=phone
    )


@dataclass
class ImportResult:
    created: int
    updated: int

    @property
    def message(self) -> str:
        return f"导入完成：新增网格 {self.created} 个，更新 {self.updated} 个"


@dataclass
class _Parsed:
    code: str
    name: str
    village: Village
    geojson: dict[str, Any]
    shape: Any


def _parse_features(data: bytes | str | dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise DomainError(
                "文件不是有效的 GeoJSON（JSON 格式错误）", code="bad_geojson"
            ) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DomainError("GeoJSON 文件应为 FeatureCollection", code="bad_geojson")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise DomainError("GeoJSON 文件中没有任何网格（features 为空）", code="bad_geojson")
    return features


def _validate_feature(
    n: int, feature: Any, *, town: Town, villages: dict[str, Village], datum: str
) -> tuple[_Parsed | None, str | None]:
    props = feature.get("properties") or {} if isinstance(feature, dict) else {}
    code = str(props.get("code", "")).strip()
    label = f"第 {n} 个网格" + (f"（{code}）" if code else "")
    if not (len(code) == 15 and code.isdigit()):
        return None, f"{label}：网格编码应为 15 位数字（县 6 位 + 乡镇 3 位 + 村 3 位 + 网格 3 位）"
    if code[:9] != town.code:
        return None, f"{label}：编码前 9 位 {code[:9]} 与本镇代码 {town.code} 不符"
    village = villages.get(code[9:12])
    if village is None:
        return None, f"{label}：编码中的村（社区）代码 {code[9:12]} 在本镇不存在，请先登记该村"
    if code[12:] == "000":
        return None, f"{label}：网格顺序码不能为 000"
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None, f"{label}：边界应为 Polygon 或 MultiPolygon"
    try:
        geometry = geo.convert_geojson(geometry, datum)
        shape = geo.geojson_to_shape(geometry)
    except (ValueError, TypeError, IndexError, AttributeError, shapely.errors.ShapelyError):
        return None, f"{label}：边界坐标无法解析"
    if shape.is_empty:
        return None, f"{label}：边界为空"
    minx, miny, maxx, maxy = shape.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return None, f"{label}：坐标超出经纬度范围（应为 [经度, 纬度]）"
    if not shape.is_valid:
        reason = shapely.is_valid_reason(shape)
        why = (
            "边界自相交"
            if "Self-intersection" in reason or "Ring" in reason
            else "边界不是有效多边形"
        )
        return None, f"{label}：{why}（{reason}）"
    if geo.area_m2(shape) < 1.0:
        return None, f"{label}：面积过小，边界可能有误"
    return _Parsed(code, str(props.get("name", "")).strip()[:50], village, geometry, shape), None


def cells_import(
    *,
    town: Town,
    data: bytes | str | dict[str, Any],
    datum: str = WGS84,
    sliver_width_m: float = SLIVER_WIDTH_M,
) -> ImportResult:
    """Create or update cells from a GeoJSON FeatureCollection (``properties.code``, ``.name``).

    All or nothing: any bad code, invalid polygon or overlap wider than a sliver
    (``sliver_width_m``) with another cell (in the file or already stored) refuses the whole file with a message naming the cells.
    """
    features = _parse_features(data)
    villages = {v.code: v for v in Village.all_towns.filter(town=town)}
    parsed: list[_Parsed] = []
    errors: list[str] = []
    seen: set[str] = set()
    for n, feature in enumerate(features, start=1):
        item, error = _validate_feature(n, feature, town=town, villages=villages, datum=datum)
        if error:
            errors.append(error)
            continue
        assert item is not None
        if item.code in seen:
            errors.append(f"第 {n} 个网格（{item.code}）：编码在文件中重复")
            continue
        seen.add(item.code)
        parsed.append(item)
    if not errors:
        errors = _overlap_errors(town=town, parsed=parsed, sliver_width_m=sliver_width_m)
    if errors:
        shown = "；".join(errors[:MAX_IMPORT_ERRORS_SHOWN])
        more = (
            f"；另有 {len(errors) - MAX_IMPORT_ERRORS_SHOWN} 处问题"
            if len(errors) > MAX_IMPORT_ERRORS_SHOWN
            else ""
        )
        raise DomainError(
            f"网格文件未导入（共 {len(errors)} 处问题）：{shown}{more}",
            code="grid_import_refused",
            details={"errors": errors},
        )
    existing = {c.code: c for c in GridCell.all_towns.filter(town=town, code__in=seen)}
    created = updated = 0
    with transaction.atomic():
        for item in parsed:
            center = item.shape.representative_point()
            values = {
                "name": item.name or item.code[-3:] + "号网格",
                "village": item.village,
                "geometry": item.geojson,
                "area_m2": round(geo.area_m2(item.shape), 1),
                "center_lat": center.y,
                "center_lng": center.x,
            }
            cell = existing.get(item.code)
            if cell is None:
                GridCell.objects.create(town=town, code=item.code, **values)
                created += 1
            else:
                for key, value in values.items():
                    setattr(cell, key, value)
                cell.save()
                updated += 1
        transaction.on_commit(lambda: index_invalidate(town.pk))
    index_invalidate(town.pk)
    return ImportResult(created=created, updated=updated)


def _overlap_errors(*, town: Town, parsed: list[_Parsed], sliver_width_m: float) -> list[str]:
    incoming = {p.code for p in parsed}
    others = [
        (c.code, geo.geojson_to_shape(c.geometry))
        for c in GridCell.all_towns.filter(town=town)
        .exclude(code__in=incoming)
        .only("code", "geometry")
    ]
    everything = [(p.code, p.shape) for p in parsed] + others
    shapes = [s for _, s in everything]
    tree = STRtree(shapes)
    errors = []
    reported: set[tuple[str, str]] = set()
    for i, (code, shape) in enumerate(everything[: len(parsed)]):
        for j in tree.query(shape, predicate="intersects"):
            j = int(j)
            if j == i:
                continue
            other_code = everything[j][0]
            pair = tuple(sorted((code, other_code)))
            if pair in reported:
                continue
            overlap = shape.intersection(shapes[j])
            if overlap.is_empty or overlap.area == 0:
                continue
            metric = geo.to_metres(overlap, overlap.centroid.y)
            area = float(metric.area)
            width = 2 * area / metric.length if metric.length else 0.0
            smaller = min(geo.area_m2(shape), geo.area_m2(shapes[j]))
            if width > sliver_width_m or area > SLIVER_MAX_SHARE * smaller:
                reported.add(pair)  # type: ignore[arg-type]
                errors.append(
                    f"网格 {pair[0]} 与 {pair[1]} 重叠约 {area:,.0f} 平方米、平均宽约 {width:,.1f} 米"
                    f"（边界缝隙允许宽 {sliver_width_m:g} 米以内）"
                )
    return errors


def grid_member_assign(
    *, town: Town, user: Any, cells: Iterable[GridCell], phone: str = ""
) -> GridMember:
    """Make the user a grid member of the town watching exactly these cells."""
    if user.town_id != town.pk:
        raise DomainError("网格员应为本镇人员", code="wrong_town")
    cells = list(cells)
    if any(c.town_id != town.pk for c in cells):
        raise DomainError("只能分配本镇的网格", code="wrong_town")
    with transaction.atomic():
        member, _ = GridMember.all_towns.get_or_create(
            town=town, user=user, defaults={"phone": phone}
        )
        if phone and member.phone != phone:
            member.phone = phone
            member.save(update_fields=["phone"])
        member.cells.set(cells)
    return member


def patrol_plan(
    *,
    town: Town,
    patroller: Any,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    kind: str = Patrol.Kind.AREA,
    plan: dict[str, Any] | None = None,
    cells: Iterable[GridCell] = (),
    note: str = "",
) -> Patrol:
    if ends_at <= starts_at:
        raise DomainError("巡查结束时间应晚于开始时间", code="bad_shift")
    if patroller.town_id != town.pk:
        raise DomainError("巡查人应为本镇人员", code="wrong_town")
    if plan is not None:
        try:
            shape = geo.geojson_to_shape(plan)
        except (ValueError, TypeError, AttributeError, IndexError) as error:
            raise DomainError("巡查路线或区域无法解析", code="bad_plan") from error
        if not shape.is_valid:
            raise DomainError("巡查路线或区域不是有效图形", code="bad_plan")
    with transaction.atomic():
        patrol = Patrol.objects.create(
            town=town,
            patroller=patroller,
            title=title,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            plan=plan,
            note=note,
        )
        patrol.cells.set(list(cells))
    return patrol


def _photo_name(upload: Any) -> Any:
    ext = photo_check(upload)
    upload.name = f"{uuid.uuid4().hex}.{ext}"
    return upload


def patrol_check_in(
    *,
    patrol: Patrol,
    user: Any,
    lat: float,
    lng: float,
    datum: str = WGS84,
    accuracy_m: float | None = None,
    photo: Any = None,
    note: str = "",
) -> PatrolCheckIn:
    """Record the patroller's position (and photo) now; only the patroller checks in."""
    if patrol.patroller_id != user.pk:
        raise Forbidden("只有该巡查任务的巡查人可以签到")
    if patrol.status == Patrol.Status.DONE:
        raise DomainError("该巡查任务已完成，不能再签到", code="patrol_done")
    w_lat, w_lng = to_wgs84(float(lat), float(lng), datum)
    if photo is not None:
        photo = _photo_name(photo)
    found = locate(town=patrol.town, lat=w_lat, lng=w_lng)
    with transaction.atomic():
        checkin = PatrolCheckIn(
            town=patrol.town,
            patrol=patrol,
            user=user,
            at=timezone.now(),
            lat=w_lat,
            lng=w_lng,
            accuracy_m=accuracy_m,
            cell_id=found.cell_id if found else None,
            note=note,
        )
        if photo is not None:
            checkin.photo = photo
        checkin.save()
        if patrol.status == Patrol.Status.PLANNED:
            patrol.status = Patrol.Status.ACTIVE
            patrol.save(update_fields=["status"])
    return checkin


def patrol_finish(*, patrol: Patrol, user: Any) -> Patrol:
    if patrol.patroller_id != user.pk:
        raise Forbidden("只有该巡查任务的巡查人可以结束巡查")
    patrol.status = Patrol.Status.DONE
    patrol.save(update_fields=["status"])
    return patrol


def patrol_finding_report(
    *,
    town: Town,
    user: Any,
    description: str,
    lat: float | None = None,
    lng: float | None = None,
    datum: str = WGS84,
    patrol: Patrol | None = None,
    subject: Subject | None = None,
    photo: Any = None,
    at: dt.datetime | None = None,
) -> PatrolFinding:
    """A patroller or grid member records what they found; intake later turns it into a lead."""
    description = (description or "").strip()
    if len(description) < 4:
        raise DomainError("请写明发现的情况（至少 4 个字）", code="finding_empty")
    if patrol is not None and patrol.patroller_id != user.pk:
        raise Forbidden("只能在本人的巡查任务中上报发现")
    cell_id = None
    if lat is not None and lng is not None:
        lat, lng = to_wgs84(float(lat), float(lng), datum)
        found = locate(town=town, lat=lat, lng=lng)
        cell_id = found.cell_id if found else None
    if photo is not None:
        photo = _photo_name(photo)
    finding = PatrolFinding(
        town=town,
        patrol=patrol,
        reported_by=user,
        at=at or timezone.now(),
        description=description,
        lat=lat,
        lng=lng,
        cell_id=cell_id,
        subject=subject,
    )
    if photo is not None:
        finding.photo = photo
    finding.save()
    return finding


def patrol_finding_take(*, finding: PatrolFinding, ref: str) -> PatrolFinding:
    """Called by intake when it makes a lead from the finding (idempotent per finding)."""
    if finding.taken_at is not None:
        raise DomainError(f"该巡查发现已转为线索 {finding.taken_ref}", code="finding_taken")
    finding.taken_at = timezone.now()
    finding.taken_ref = ref
    finding.save(update_fields=["taken_at", "taken_ref"])
    return finding


def subject_register(
    *,
    town: Town,
    kind: str,
    name: str,
    credit_code: str = "",
    id_number: str = "",
    legal_representative: str = "",
    site_type: str = "",
    operator: Subject | None = None,
    phone: str = "",
    address: str = "",
    lat: float | None = None,
    lng: float | None = None,
    datum: str = WGS84,
    note: str = "",
) -> Subject:
    """Register a 监管对象; identifiers are checked by their check characters before saving."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写名称或姓名", code="subject_name")
    if kind not in Subject.Kind.values:
        raise DomainError("监管对象类别不正确", code="subject_kind")
    if kind == Subject.Kind.ENTERPRISE:
        if not credit_code:
            raise DomainError("企业及其他组织应填写统一社会信用代码", code="bad_credit_code")
        credit_code = credit_code_clean(credit_code)
        id_number = ""
    elif kind == Subject.Kind.INDIVIDUAL:
        id_number = id_number_clean(id_number) if id_number else ""
        credit_code = ""
    else:
        if site_type not in Subject.SiteType.values:
            raise DomainError("请选择场所类型（煤场、工地、矿点、商铺等）", code="site_type")
        credit_code = credit_code_clean(credit_code) if credit_code else ""
        id_number = ""
    if credit_code and Subject.all_towns.filter(town=town, credit_code=credit_code).exists():
        raise DomainError(f"统一社会信用代码 {credit_code} 已登记", code="subject_exists")
    if id_number and Subject.all_towns.filter(town=town, id_number=id_number).exists():
        raise DomainError("该身份证号码的当事人已登记", code="subject_exists")
    if operator is not None and operator.town_id != town.pk:
        raise DomainError("经营主体不属于本镇", code="wrong_town")
    cell_id = None
    if lat is not None and lng is not None:
        lat, lng = to_wgs84(float(lat), float(lng), datum)
        found = locate(town=town, lat=lat, lng=lng)
        cell_id = found.cell_id if found else None
    return Subject.objects.create(
        town=town,
        kind=kind,
        name=name,
        credit_code=credit_code,
        id_number=id_number,
        legal_representative=legal_representative,
        site_type=site_type if kind == Subject.Kind.SITE else "",
        operator=operator,
        phone=phone,
        address=address,
        lat=lat,
        lng=lng,
        cell_id=cell_id,
        note=note,
    )
