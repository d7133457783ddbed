"""Open311 services: the public groups of the town's catalog that citizens can report.

One service per domain (领域) that has a penalty item in the town's list: ``service_code`` is the
domain's code, the description names the items' matters in plain words, ``keywords`` are the
items' everyday words (群众常用说法), and ``group`` gathers domains for a client's menu. Some
services ask extra questions (attributes); their answers travel with the lead's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhifa.catalog.models import Domain, PowerItem
from zhifa.core.models import Town

from ..classify.training import short_name

# Citizen-facing names and menu groups per domain code (the 11 national domains).
PUBLIC = {
    "emergency": ("安全生产隐患", "安全"),
    "public_security": ("烟花燃放、乱停车与娱乐场所", "安全"),
    "fire": ("消防安全隐患", "安全"),
    "natural_resources": ("乱占土地、私挖矿产与违法建设", "国土与建设"),
    "ecology": ("烟尘、噪声与大气污染", "生态环境"),
    "housing": ("市容环境、占道经营与施工扬尘", "城乡管理"),
    "market": ("无照经营、价格与食品安全", "市场经营"),
    "religion": ("违规宗教活动", "社会事务"),
    "human_resources": ("劳动用工", "社会事务"),
    "agriculture": ("林木、河道与农村宅基地", "生态环境"),
    "culture_health": ("黑网吧与公共场所卫生", "社会事务"),
}

ONGOING = {
    "code": "ongoing",
    "datatype": "singlevaluelist",
    "required": False,
    "description": "现在是否仍在发生",
    "datatype_description": "",
    "values": [("yes", "仍在发生"), ("no", "已经停止"), ("unknown", "不清楚")],
}
WHEN = {
    "code": "when",
    "datatype": "multivaluelist",
    "required": False,
    "description": "通常发生在什么时段",
    "datatype_description": "可多选",
    "values": [("morning", "清晨"), ("day", "白天"), ("evening", "傍晚"), ("night", "夜间")],
}
DANGER = {
    "code": "danger_now",
    "datatype": "singlevaluelist",
    "required": True,
    "description": "现场是否有人员被困、受伤或正在起火",
    "datatype_description": "如有人员被困、受伤或正在起火，请立即拨打 119 或 120",
    "values": [("yes", "是"), ("no", "否")],
}
SHOP = {
    "code": "shop_name",
    "datatype": "string",
    "required": False,
    "description": "商户名称或招牌",
    "datatype_description": "不超过 50 个字",
    "values": [],
}
ATTRIBUTES: dict[str, list[dict[str, Any]]] = {
    "emergency": [DANGER],
    "fire": [DANGER],
    "natural_resources": [ONGOING, WHEN],
    "ecology": [ONGOING, WHEN],
    "housing": [ONGOING],
    "agriculture": [ONGOING],
    "market": [SHOP],
}
DANGER_NOTICE = "如有人员被困、受伤或正在起火，请立即拨打 119 或 120。"


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    group: str
    description: str
    keywords: list[str]
    attributes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def metadata(self) -> bool:
        return bool(self.attributes)

    def attribute(self, code: str) -> dict[str, Any] | None:
        return next((a for a in self.attributes if a["code"] == code), None)


def services_for(town: Town) -> list[Service]:
    items = (
        PowerItem.all_towns.filter(town=town, is_retired=False, type=PowerItem.Type.PENALTY)
        .select_related("domain")
        .order_by("sort", "code")
    )
    by_domain: dict[int, list[PowerItem]] = {}
    for item in items:
        by_domain.setdefault(item.domain_id, []).append(item)
    services = []
    for domain in Domain.objects.filter(pk__in=by_domain).order_by("sort"):
        name, group = PUBLIC.get(domain.code, (domain.name, "其他"))
        matters = [short_name(i.name) for i in by_domain[domain.pk]]
        keywords: list[str] = []
        for item in by_domain[domain.pk]:
            keywords += [t for t in item.lexicon_terms if t not in keywords]
        services.append(
            Service(
                code=domain.code,
                name=name,
                group=group,
                description=f"{domain.name}领域，可反映：" + "；".join(matters[:8]),
                keywords=keywords[:40],
                attributes=ATTRIBUTES.get(domain.code, []),
            )
        )
    return services


def service_get(town: Town, code: str) -> Service | None:
    return next((s for s in services_for(town) if s.code == code), None)
