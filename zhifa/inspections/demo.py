"""Demo: checklists for the town's inspection items, risk levels, a 回避 link, an annual plan of
大气污染防治 inspections approved and drawn, its batch in every state (drawn, in progress,
compliant and published, corrected on the spot, order to correct, suspected violation → lead), and
a combined plan (综合查一次) waiting for approval. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.catalog.models import PowerItem
from zhifa.core.models import Town
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from .models import ChecklistItem, Inspection, OfficerConflict, Plan, SubjectRisk
from .services import (
    inspection_answer,
    inspection_finish,
    inspection_publish,
    inspection_sign,
    inspection_start,
    officer_conflict_record,
    plan_approve,
    plan_create,
    plan_draw,
    subject_risk_set,
)

ANNUAL = "年度大气污染防治双随机抽查计划"
COMBINED = "年度涉企安全生产和消防综合检查计划（综合查一次）"

# inspection item → [(text, hint, penalty item a failure falls under)]
CHECKLISTS = {
    "SH-ST-008": [
        ("煤炭、砂石等易产生扬尘的物料是否密闭或者覆盖", "查看料场、堆场覆盖情况", "SH-ST-003"),
        ("贮存煤炭、煤矸石等物料是否采取防燃措施", "查看测温、洒水、压实措施", "SH-ST-004"),
        ("施工工地是否设置硬质围挡并采取防尘降尘措施", "围挡、覆盖、冲洗、洒水", "SH-ZJ-001"),
        ("是否在场内露天焚烧沥青、塑料、垃圾等", "查看焚烧痕迹", "SH-ST-002"),
    ],
    "SH-ZJ-015": [
        ("施工现场是否设置硬质密闭围挡", "城区主干道两侧不低于 2.5 米", "SH-ZJ-001"),
        ("裸露土方是否覆盖防尘网", "", "SH-ZJ-001"),
        ("出入口是否设置车辆冲洗设施", "", "SH-ZJ-001"),
    ],
    "SH-XF-005": [
        ("疏散通道、安全出口是否畅通", "不得占用、堵塞、封闭", "SH-XF-001"),
        ("消火栓是否被埋压、圈占、遮挡", "", "SH-XF-002"),
    ],
    "SH-YJ-005": [
        ("是否建立并落实事故隐患排查治理制度", "查阅隐患排查台账", "SH-YJ-001"),
        ("从业人员是否经安全生产教育和培训", "查阅培训记录", "SH-YJ-002"),
        ("较大危险因素场所是否设置安全警示标志", "", "SH-YJ-003"),
    ],
}

RISKS = [
    ("山会村煤场", "D", "一年内两次被群众举报煤堆自燃冒烟，曾被责令改正"),
    ("马家坡宿舍区工地", "C", "超出用地范围施工，正在移送处理"),
    ("同路村北山矿点", "C", "群众反映有人私挖铁矿"),
    ("示例华庭小区三期工地", "A", "连续两年抽查未发现问题，信用良好"),
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _checklists(town: Town) -> None:
    items = {i.code: i for i in PowerItem.objects.filter(town=town)}
    for code, lines in CHECKLISTS.items():
        item = items.get(code)
        if item is None or ChecklistItem.objects.filter(item=item).exists():
            continue
        for sort, (text, hint, violation) in enumerate(lines, start=1):
            ChecklistItem.objects.create(
                town=town,
                item=item,
                sort=sort * 10,
                text=text,
                hint=hint,
                violation_item=items.get(violation),
            )


def _register(town: Town, leader: User) -> None:
    for name, level, reason in RISKS:
        subject = Subject.objects.filter(town=town, name=name).first()
        if subject is not None and not SubjectRisk.objects.filter(subject=subject).exists():
            subject_risk_set(subject=subject, level=level, reason=reason, actor=leader)
    officer = Officer.objects.filter(town=town, user__username="zhifa2").first()
    subject = Subject.objects.filter(town=town, name="示例物流园工地").first()
    if (
        officer
        and subject
        and not OfficerConflict.objects.filter(officer=officer, subject=subject).exists()
    ):
        officer_conflict_record(
            officer=officer,
            subject=subject,
            kind="relative",
            reason="其配偶为该工地施工单位股东",
            actor=leader,
        )


def _walk(inspection: Inspection, state: str, day: dt.date, leader: User) -> None:
    """Take one drawn inspection to ``state`` through the services, as its first officer."""
    actor = inspection.officers.select_related("user").order_by("pk").first().user
    place = inspection.subject.address or inspection.subject.name
    inspection = inspection_start(
        inspection=inspection, actor=actor, place=place, present="现场负责人", at=_at(day, 9, 30)
    )
    answers = list(inspection.answers.order_by("sort"))
    fail = {"corrected": 0, "order": 0, "violation": 2}.get(state)
    for index, row in enumerate(answers):
        if state == "in_progress" and index >= 2:
            break
        if index == fail:
            inspection_answer(
                inspection=inspection,
                actor=actor,
                answer_id=row.pk,
                answer="fail",
                note="现场发现煤堆约 200 平方米未覆盖",
            )
        else:
            inspection_answer(inspection=inspection, actor=actor, answer_id=row.pk, answer="pass")
    if state == "in_progress":
        return
    findings = {
        "compliant": "检查清单各项均符合要求，未发现问题。",
        "corrected": "煤堆局部未覆盖，当事人当场组织覆盖，已整改到位。",
        "order": "煤堆约 200 平方米未覆盖防尘网，责令限期改正。",
        "violation": "场内有焚烧痕迹，涉嫌露天焚烧垃圾，转线索调查。",
    }[state]
    inspection_finish(
        inspection=inspection,
        actor=actor,
        result=state,
        findings=findings,
        requirements="五日内对全部煤堆覆盖防尘网并落实洒水抑尘" if state == "order" else "",
        days=5 if state == "order" else None,
        at=_at(day, 10, 40),
    )
    inspection_sign(inspection=inspection, actor=actor, party_signature="现场负责人")
    if state == "compliant":
        inspection_publish(
            inspection=inspection, actor=leader, at=_at(day + dt.timedelta(days=3), 15)
        )


def seed() -> None:
    town = Town.objects.filter(code="140924101").first()
    leader = User.objects.filter(username="duizhang").first()
    planner = User.objects.filter(username="zhongduizhang").first()
    if town is None or leader is None or planner is None:
        return
    _checklists(town)
    _register(town, leader)
    today = timezone.localdate()
    name = f"{today.year}{ANNUAL}"
    if Plan.objects.filter(town=town, name=name).exists():
        return
    item = PowerItem.objects.get(town=town, code="SH-ST-008")
    plan = plan_create(
        town=town,
        actor=planner,
        name=name,
        kind="annual",
        year=today.year,
        items=[item],
        subject_kinds=["site"],
        site_types=["coal_yard", "construction", "dormitory", "mine", "factory"],
        sample_mode="count",
        sample_count=8,
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
        note="对煤场、工地、矿点等扬尘源按风险等级加权随机抽取，每户由两名执法人员检查。",
    )
    plan_approve(plan=plan, actor=leader, opinion="同意。抽查结果按期公示。")
    on = max(plan.period_start, today - dt.timedelta(days=45))
    draw = plan_draw(plan=plan, actor=planner, seed=f"{today.year}-大气-示例种子", on=on)
    drawn = list(Inspection.objects.filter(draw=draw).order_by("pk"))
    zhifa2 = Officer.objects.filter(town=town, user__username="zhifa2").first()
    # officer 刘测试 (zhifa2) keeps drawn inspections in the queue for the demo walk
    drawn.sort(key=lambda i: i.officers.filter(pk=getattr(zhifa2, "pk", None)).exists())
    states = ["compliant", "corrected", "order", "violation", "in_progress"]
    for n, (inspection, state) in enumerate(zip(drawn, states, strict=False)):
        _walk(inspection, state, on + dt.timedelta(days=3 + 7 * n), leader)
    combined = PowerItem.objects.filter(town=town, code__in=["SH-XF-005", "SH-YJ-005"])
    plan_create(
        town=town,
        actor=planner,
        name=f"{today.year}{COMBINED}",
        kind="special",
        year=today.year,
        items=list(combined),
        subject_kinds=["enterprise"],
        sample_mode="ratio",
        sample_ratio=50,
        period_start=max(today, dt.date(today.year, 1, 1)),
        period_end=dt.date(today.year, 12, 31),
        note="消防和安全生产两项检查合并为一次入企检查，减少对企业的打扰。",
    )
