"""Writes of the grid's places: zones, villages and the import of cells from GeoJSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import shapely
from django.db import transaction
from shapely.strtree import STRtree

from zhifa.core.errors import DomainError
from zhifa.core.models import Town

from .. import geometry as geo
from ..datum import WGS84
from ..locate import index_invalidate
from ..models import GridCell, Village, Zone

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
