"""Demo of 公示 (idempotent): each town's public contacts. The decisions themselves are published
by the penalty procedure's demo (S5 and the others), through the step that records publication."""

from __future__ import annotations

from zhifa.core.models import Town

from .services import portal_save

CONTACTS = {
    "140924101": {
        "address": "繁峙县砂河镇人民政府一楼综合行政执法队（示例地址）",
        "phone": "0350-5000000",
        "hours": "工作日 上午8:00—12:00，下午14:30—17:30",
        "supervision": "繁峙县司法局（行政执法协调监督）",
    },
}


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
