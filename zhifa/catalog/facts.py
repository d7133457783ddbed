"""The measured values fine rules are computed from (a case records them as facts)."""

from __future__ import annotations

# key -> (Chinese label, unit used in "每<unit>" per-unit rules, or "")
FACTS: dict[str, tuple[str, str]] = {
    "area_m2": ("面积", "平方米"),
    "floor_area_m2": ("建筑面积", "建筑平方米"),
    "area_mu": ("面积（亩）", "亩"),
    "volume_m3": ("体积", "立方米"),
    "weight_t": ("重量", "吨"),
    "days": ("日数", "日"),
    "ore_value": ("矿产品价值", ""),
    "timber_value": ("林木价值", ""),
    "investment": ("项目总投资额", ""),
    "construction_cost": ("工程造价", ""),
    "illegal_gain": ("违法所得", ""),
    "goods_value": ("货值金额", ""),
    "contract_price": ("工程合同价款", ""),
    "reclamation_fee": ("耕地开垦费", ""),
    "turnover": ("违法经营额", ""),
    "workers": ("受侵害劳动者人数", "人"),
    "child_months": ("使用童工人月数", "人月"),
}

FACT_BY_LABEL = {label: key for key, (label, _) in FACTS.items()}
FACT_BY_UNIT = {unit: key for key, (_, unit) in FACTS.items() if unit}


def fact_label(key: str) -> str:
    return FACTS.get(key, (key, ""))[0]


def fact_unit(key: str) -> str:
    return FACTS.get(key, ("", ""))[1]
