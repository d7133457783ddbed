"""Writes of the subject register (监管对象 / 当事人)."""

from __future__ import annotations

from zhifa.core.errors import DomainError
from zhifa.core.models import Town

from ..datum import WGS84, to_wgs84
from ..identifiers import credit_code_clean, id_number_clean
from ..locate import locate
from ..models import Subject


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
