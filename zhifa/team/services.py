"""Writes of the team: structure, officers, 执法证, the 1+1+1 liaison and the duty roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.roles import LEADER, has_role
from zhifa.catalog.models import Department, Domain
from zhifa.core.errors import DomainError
from zhifa.core.models import Town
from zhifa.grid.models import Zone

from .models import Certificate, DutyShift, Liaison, Officer, Squadron, Team
from .rules import eligible_handlers, handlers_check  # noqa: F401  (re-exported for callers)


def team_set_structure(
    *, town: Town, name: str, leader: Any, deputy: Any = None, motto: str = ""
) -> Team:
    """The team is led by the mayor; the vice-mayor in charge is the deputy."""
    for person, label in ((leader, "队长"), (deputy, "副队长")):
        if person is not None and person.town_id != town.pk:
            raise DomainError(f"{label}应为本镇领导", code="wrong_town")
    team, _ = Team.all_towns.update_or_create(
        town=town, defaults={"name": name, "leader": leader, "deputy": deputy, "motto": motto}
    )
    return team


def squadron_create(*, town: Town, name: str, zone: Zone, leader: Any = None) -> Squadron:
    if zone.town_id != town.pk:
        raise DomainError("片区不属于本镇", code="wrong_town")
    if Squadron.all_towns.filter(zone=zone).exists():
        raise DomainError(f"片区“{zone.name}”已有中队负责", code="zone_taken")
    return Squadron.objects.create(town=town, name=name, zone=zone, leader=leader)


def _clean_duties(duties: Iterable[str]) -> list[str]:
    duties = list(dict.fromkeys(duties))
    unknown = [d for d in duties if d not in Officer.Duty.values]
    if unknown:
        raise DomainError(f"未知的辅助岗位：{'、'.join(unknown)}", code="bad_duty")
    return duties


def officer_register(
    *,
    town: Town,
    user: Any,
    employment: str,
    squadron: Squadron | None = None,
    position: str = "",
    original_unit: str = "",
    duties: Iterable[str] = (),
    phone: str = "",
    work_phone: str = "",
    in_reserve_pool: bool = False,
    sort: int = 100,
) -> Officer:
    if user.town_id != town.pk:
        raise DomainError("执法队员应为本镇人员", code="wrong_town")
    if employment not in Officer.Employment.values:
        raise DomainError("人员类别应为专职、辅助或后备", code="bad_employment")
    if Officer.all_towns.filter(user=user).exists():
        raise DomainError(f"{user.full_name}已在执法队名册中", code="officer_exists")
    if squadron is not None and squadron.town_id != town.pk:
        raise DomainError("中队不属于本镇", code="wrong_town")
    return Officer.objects.create(
        town=town,
        user=user,
        employment=employment,
        squadron=squadron,
        position=position,
        original_unit=original_unit,
        duties=_clean_duties(duties),
        phone=phone,
        work_phone=work_phone.strip(),
        in_reserve_pool=in_reserve_pool,
        sort=sort,
    )


def officer_update(
    *,
    officer: Officer,
    employment: str | None = None,
    squadron: Squadron | Any | None = ...,
    duties: Iterable[str] | None = None,
    in_reserve_pool: bool | None = None,
    is_active: bool | None = None,
    work_phone: str | None = None,
) -> Officer:
    fields = []
    if work_phone is not None:
        officer.work_phone = work_phone.strip()
        fields.append("work_phone")
    if employment is not None:
        if employment not in Officer.Employment.values:
            raise DomainError("人员类别应为专职、辅助或后备", code="bad_employment")
        officer.employment = employment
        fields.append("employment")
    if squadron is not ...:
        if squadron is not None and squadron.town_id != officer.town_id:
            raise DomainError("中队不属于本镇", code="wrong_town")
        officer.squadron = squadron
        fields.append("squadron")
    if duties is not None:
        officer.duties = _clean_duties(duties)
        fields.append("duties")
    if in_reserve_pool is not None:
        officer.in_reserve_pool = in_reserve_pool
        fields.append("in_reserve_pool")
    if is_active is not None:
        officer.is_active = is_active
        fields.append("is_active")
    if fields:
        officer.save(update_fields=fields)
    return officer


def certificate_issue(
    *,
    officer: Officer,
    number: str,
    valid_from: dt.date,
    valid_to: dt.date,
    issuer: str = "山西省人民政府",
    domains: Iterable[Domain] = (),
) -> Certificate:
    """Record a 行政执法证. Auxiliary staff hold none: they may not enforce (辅助人员不得从事执法)."""
    number = (number or "").strip()
    if not number:
        raise DomainError("请填写执法证编号", code="certificate_number")
    if officer.employment == Officer.Employment.AUXILIARY:
        raise DomainError(
            f"{officer.name}为辅助人员，不能登记行政执法证", code="auxiliary_certificate"
        )
    if valid_to < valid_from:
        raise DomainError("执法证有效期止不能早于有效期起", code="certificate_dates")
    if Certificate.all_towns.filter(town_id=officer.town_id, number=number).exists():
        raise DomainError(f"执法证编号 {number} 已登记", code="certificate_exists")
    with transaction.atomic():
        cert = Certificate.objects.create(
            town_id=officer.town_id,
            officer=officer,
            number=number,
            issuer=issuer,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        cert.domains.set(list(domains))
    return cert


def certificate_revoke(*, certificate: Certificate, on: dt.date) -> Certificate:
    certificate.revoked_on = on
    certificate.save(update_fields=["revoked_on"])
    return certificate


def liaison_set(
    *, officer: Officer, domain: Domain, department: Department, leader: Any, leader_title: str = ""
) -> Liaison:
    """“1+1+1”: the officer's one county counterpart and one town leader, for one domain."""
    if department.town_id != officer.town_id:
        raise DomainError("对接部门不属于本镇的部门名录", code="wrong_town")
    if department.kind not in (Department.Kind.COUNTY_DEPARTMENT, Department.Kind.COUNTY_TEAM):
        raise DomainError("“1+1+1”联络只能对接县直部门或县级综合行政执法队", code="bad_department")
    if not department.domains.filter(pk=domain.pk).exists():
        raise DomainError(f"{department.name}不负责“{domain.name}”领域", code="department_domain")
    if leader.town_id != officer.town_id or not has_role(leader, LEADER):
        raise DomainError("联络领导应为本镇的镇领导（队长或副队长）", code="bad_leader")
    liaison, _ = Liaison.all_towns.update_or_create(
        officer=officer,
        defaults={
            "town_id": officer.town_id,
            "domain": domain,
            "department": department,
            "leader": leader,
            "leader_title": leader_title,
        },
    )
    return liaison


def duty_shift_add(
    *,
    officer: Officer,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    post: str = "",
    squadron: Squadron | None = None,
) -> DutyShift:
    if kind not in DutyShift.Kind.values:
        raise DomainError("班次类型应为定点值守、巡逻或备勤", code="bad_shift_kind")
    if ends_at <= starts_at:
        raise DomainError("值班结束时间应晚于开始时间", code="bad_shift")
    if ends_at - starts_at > dt.timedelta(hours=24):
        raise DomainError("一个班次不能超过 24 小时", code="bad_shift")
    if not officer.is_active:
        raise DomainError(f"{officer.name}已不在岗，不能排班", code="officer_inactive")
    clash = DutyShift.all_towns.filter(
        officer=officer, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).first()
    if clash is not None:
        raise DomainError(
            f"{officer.name}在该时段已有班次（{clash.get_kind_display()} {timezone.localtime(clash.starts_at):%m-%d %H:%M}）",
            code="shift_clash",
        )
    return DutyShift.objects.create(
        town_id=officer.town_id,
        officer=officer,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        post=post,
        squadron=squadron or officer.squadron,
    )
