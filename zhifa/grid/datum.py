"""GCJ-02 ↔ WGS-84 conversion.

Chinese web maps (高德, 腾讯) and many 12345 platforms send GCJ-02 ("火星坐标"), an obfuscated datum
that puts a WGS-84 point a few hundred metres off. We store WGS-84 and convert per source.

The forward transform is the algorithm published in the open-source "eviltransform" project
(googollee/eviltransform, MIT) and reproduced by gcoord and others: a Krasovsky-1940 ellipsoid
offset built from two trigonometric series. GCJ-02 has no closed-form inverse; ``gcj02_to_wgs84``
inverts the forward transform by fixed-point iteration to below 1e-7 degrees (about 1 cm).
No maintained PyPI package does this (see docs/adr/0010), so the module is small and tested.
"""

from __future__ import annotations

import math

_A = 6378245.0  # Krasovsky 1940 semi-major axis
_EE = 0.00669342162296594323  # its first eccentricity squared

WGS84 = "wgs84"
GCJ02 = "gcj02"
DATUMS = {WGS84: "WGS-84（GPS、天地图）", GCJ02: "GCJ-02（高德、腾讯等国内网络地图）"}


def out_of_china(lat: float, lng: float) -> bool:
    """The transform is only applied inside mainland China's bounding box, as the datum defines."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _delta(lat: float, lng: float) -> tuple[float, float]:
    d_lat = _transform_lat(lng - 105.0, lat - 35.0)
    d_lng = _transform_lng(lng - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lat, d_lng


def wgs84_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    if out_of_china(lat, lng):
        return lat, lng
    d_lat, d_lng = _delta(lat, lng)
    return lat + d_lat, lng + d_lng


def gcj02_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    """Invert the forward transform by iteration (converges in a handful of steps)."""
    if out_of_china(lat, lng):
        return lat, lng
    w_lat, w_lng = lat, lng
    for _ in range(30):
        g_lat, g_lng = wgs84_to_gcj02(w_lat, w_lng)
        e_lat, e_lng = g_lat - lat, g_lng - lng
        if abs(e_lat) < 1e-9 and abs(e_lng) < 1e-9:
            break
        w_lat, w_lng = w_lat - e_lat, w_lng - e_lng
    return w_lat, w_lng


def to_wgs84(lat: float, lng: float, datum: str) -> tuple[float, float]:
    """Convert a point received in ``datum`` to WGS-84 (what we store)."""
    if datum == WGS84:
        return lat, lng
    if datum == GCJ02:
        return gcj02_to_wgs84(lat, lng)
    from zhifa.core.errors import DomainError

    raise DomainError(f"不支持的坐标系“{datum}”，应为 wgs84 或 gcj02", code="bad_datum")
