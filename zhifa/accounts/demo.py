"""Demo towns and one login per role (invented names). Idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from zhifa.core.models import Town

from .models import User
from .services import user_create

# The county's facts that documents print (fictional bank, account and power company).
COUNTY_FACTS = {
    "county_government": "繁峙县人民政府",
    "court": "繁峙县人民法院",
    "payment_bank": "示例农商银行繁峙县支行",
    "payment_account": "1409 2400 0000 0000 001",
    "payment_online": "示例省非税收入电子缴款系统",
    "power_company": "示例供电公司繁峙县分公司",
}
MAIN_TOWN = {
    "code": "140924101",
    "name": "砂河镇",
    "county_name": "繁峙县",
    "agency_name": "繁峙县砂河镇人民政府",
    "team_name": "繁峙县砂河镇综合行政执法队",
    "doc_prefix": "繁砂",
    **COUNTY_FACTS,
    "center_lat": Decimal("39.183200"),
    "center_lng": Decimal("113.265500"),
}
SECOND_TOWN = {
    "code": "140924103",
    "name": "大营镇",
    "county_name": "繁峙县",
    "agency_name": "繁峙县大营镇人民政府",
    "team_name": "繁峙县大营镇综合行政执法队",
    "doc_prefix": "繁营",
    **COUNTY_FACTS,
    "center_lat": Decimal("39.245000"),
    "center_lng": Decimal("113.640000"),
}

# username, full name, roles, town key, extra
DEMO_USERS: list[tuple[str, str, list[str], str | None, dict]] = [
    (
        "duizhang",
        "李示范",
        ["leader"],
        "main",
        {"organisation": "砂河镇人民政府（镇长、执法队队长）"},
    ),
    ("zhongduizhang", "王样例", ["squadron_leader", "officer"], "main", {}),
    ("zhifa1", "张演练", ["officer"], "main", {}),
    ("zhifa2", "刘测试", ["officer"], "main", {}),
    # leads the squadron of the villages (镇区外中队): S1–S3 happen there
    ("zhifa3", "周模例", ["squadron_leader", "officer"], "main", {}),
    ("fuzhu", "赵辅例", ["auxiliary"], "main", {}),
    ("fazhi", "孙审例", ["legal_reviewer"], "main", {}),
    ("wangge", "钱网例", ["grid_member"], "main", {}),
    (
        "bumen",
        "周联例",
        ["department"],
        None,
        {"organisation": "繁峙县规划和自然资源综合行政执法队", "supervised": ["main"]},
    ),
    (
        "jiandu",
        "冯督例",
        ["jiandu"],
        None,
        {"organisation": "繁峙县司法局", "supervised": ["main", "second"]},
    ),
    ("admin", "吴管例", ["admin"], "main", {"is_staff": True}),
    ("dy_duizhang", "郑另例", ["leader"], "second", {}),
]


def demo_towns() -> dict[str, Town]:
    towns = {}
    for key, data in (("main", MAIN_TOWN), ("second", SECOND_TOWN)):
        town, _ = Town.objects.update_or_create(code=data["code"], defaults=data)
        towns[key] = town
    return towns


def seed() -> None:
    from .second_factor import demo_device_ensure, needs_second_factor

    towns = demo_towns()
    for username, full_name, roles, town_key, extra in DEMO_USERS:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            if needs_second_factor(existing):
                demo_device_ensure(existing)  # fixed demo TOTP key: `zhifa demo-code USER`
            continue
        extra = dict(extra)
        supervised = [towns[k] for k in extra.pop("supervised", [])]
        user = user_create(
            username=username,
            full_name=full_name,
            password=settings.ZHIFA_DEMO_PASSWORD,
            town=towns[town_key] if town_key else None,
            roles=roles,
            supervised_towns=supervised,
            **extra,
        )
        if needs_second_factor(user):
            demo_device_ensure(user)


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, full name, role labels) for printing at demo start."""
    from .roles import ROLES

    return [
        (username, full_name, "、".join(ROLES[r] for r in roles))
        for username, full_name, roles, _, _ in DEMO_USERS
    ]
