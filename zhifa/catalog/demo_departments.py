"""The demo town's counterpart bodies: 17 county departments, the county's 9 comprehensive
enforcement teams (县级9大领域综合行政执法队), judicial organs and the power supply company.

Names follow the usual pattern of a Shanxi county (繁峙县); contact people are invented.
"""

from __future__ import annotations

from zhifa.core.models import Town

from .models import Department, Domain

K = Department.Kind

# name, short name, kind, domain codes
DEPARTMENTS: list[tuple[str, str, str, list[str]]] = [
    ("繁峙县应急管理局", "县应急局", K.COUNTY_DEPARTMENT, ["emergency"]),
    ("繁峙县公安局", "县公安局", K.COUNTY_DEPARTMENT, ["public_security"]),
    ("繁峙县消防救援大队", "县消防大队", K.COUNTY_DEPARTMENT, ["fire"]),
    ("繁峙县规划和自然资源局", "县自然资源局", K.COUNTY_DEPARTMENT, ["natural_resources"]),
    ("忻州市生态环境局繁峙分局", "生态环境分局", K.COUNTY_DEPARTMENT, ["ecology"]),
    ("繁峙县住房和城乡建设管理局", "县住建局", K.COUNTY_DEPARTMENT, ["housing"]),
    ("繁峙县市场监督管理局", "县市场监管局", K.COUNTY_DEPARTMENT, ["market"]),
    ("繁峙县民族宗教事务局", "县宗教局", K.COUNTY_DEPARTMENT, ["religion"]),
    ("繁峙县人力资源和社会保障局", "县人社局", K.COUNTY_DEPARTMENT, ["human_resources"]),
    ("繁峙县农业农村局", "县农业农村局", K.COUNTY_DEPARTMENT, ["agriculture"]),
    ("繁峙县水利局", "县水利局", K.COUNTY_DEPARTMENT, ["agriculture"]),
    ("繁峙县林业局", "县林业局", K.COUNTY_DEPARTMENT, ["agriculture"]),
    ("繁峙县教育科技局", "县教科局", K.COUNTY_DEPARTMENT, ["culture_health"]),
    ("繁峙县文化和旅游局", "县文旅局", K.COUNTY_DEPARTMENT, ["culture_health"]),
    ("繁峙县卫生健康和体育局", "县卫体局", K.COUNTY_DEPARTMENT, ["culture_health"]),
    ("繁峙县交通运输局", "县交通局", K.COUNTY_DEPARTMENT, ["housing"]),
    ("繁峙县城市管理局", "县城管局", K.COUNTY_DEPARTMENT, ["housing"]),
    (
        "繁峙县规划和自然资源综合行政执法队",
        "县自然资源执法队",
        K.COUNTY_TEAM,
        ["natural_resources"],
    ),
    ("繁峙县生态环境保护综合行政执法队", "县生态环境执法队", K.COUNTY_TEAM, ["ecology"]),
    ("繁峙县市场监管综合行政执法队", "县市场监管执法队", K.COUNTY_TEAM, ["market"]),
    ("繁峙县文化市场综合行政执法队", "县文化市场执法队", K.COUNTY_TEAM, ["culture_health"]),
    ("繁峙县交通运输综合行政执法队", "县交通执法队", K.COUNTY_TEAM, ["housing"]),
    ("繁峙县农业综合行政执法队", "县农业执法队", K.COUNTY_TEAM, ["agriculture"]),
    ("繁峙县应急管理综合行政执法队", "县应急执法队", K.COUNTY_TEAM, ["emergency"]),
    ("繁峙县城市管理综合行政执法队", "县城管执法队", K.COUNTY_TEAM, ["housing"]),
    ("繁峙县卫生健康综合监督执法队", "县卫健执法队", K.COUNTY_TEAM, ["culture_health"]),
    ("繁峙县人民法院", "县法院", K.JUDICIAL, []),
    ("繁峙县人民检察院", "县检察院", K.JUDICIAL, []),
    ("国网繁峙县供电公司", "县供电公司", K.OUTSIDE, []),
]


def seed_departments(town: Town) -> dict[str, Department]:
    """Create the departments for a town (idempotent); returns them by full name."""
    domains = {d.code: d for d in Domain.objects.all()}
    found = {}
    for name, short, kind, codes in DEPARTMENTS:
        dept, created = Department.all_towns.get_or_create(
            town=town, name=name, defaults={"short_name": short, "kind": kind}
        )
        if created:
            dept.domains.set([domains[c] for c in codes])
        found[name] = dept
    return found
