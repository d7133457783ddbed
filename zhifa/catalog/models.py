"""清单 (catalog): domains and departments. Power items, provisions and allocation build on these."""

from __future__ import annotations

import re
from datetime import date

from django.db import models

from zhifa.core import clock
from zhifa.core.models import AuditEvent, ChainedRecord
from zhifa.core.tenancy import TownScopedModel


class Domain(models.Model):
    """执法领域: a national reference list (应急, 公安, 消防, 自然资源 …), the same for every town."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("领域", max_length=20, unique=True)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "执法领域"
        verbose_name_plural = "执法领域"
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name


class Department(TownScopedModel):
    """原实施部门 and other bodies the town deals with: county departments, the county's
    comprehensive enforcement teams, dispatched agencies, judicial organs and outside bodies that
    receive letters (the power supply company)."""

    class Kind(models.TextChoices):
        COUNTY_DEPARTMENT = "county_department", "县直部门"
        COUNTY_TEAM = "county_team", "县级综合行政执法队"
        DISPATCHED = "dispatched", "派驻机构"
        JUDICIAL = "judicial", "司法机关"
        OUTSIDE = "outside", "其他单位"

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类别", max_length=30, choices=Kind.choices)
    domains = models.ManyToManyField(Domain, verbose_name="领域", blank=True, related_name="+")
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "部门与单位"
        verbose_name_plural = "部门与单位"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="catalog_department_unique_name")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class PowerItem(TownScopedModel, ChainedRecord):
    """事项: one power of the town's list (一镇一清单), with its legal bases and allocation.

    Never deleted once in the list: ``item_retire`` marks it 停用 and closes its allocation, so cases
    that cite it keep their basis. Every change is an event in ``PowerItemEvent``.
    """

    class Type(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        INSPECTION = "inspection", "行政检查"
        COERCION = "coercion", "行政强制"
        OTHER = "other", "其他行政权力"

    class Origin(models.TextChoices):
        DELEGATED = "delegated", "赋权事项"
        ORIGINAL = "original", "乡镇法定职权"
        COUNTY = "county", "县级部门事项"

    code = models.CharField("事项编码", max_length=40)
    sort = models.PositiveIntegerField("序号", default=0)
    name = models.CharField("事项名称", max_length=300)
    type = models.CharField("事项类型", max_length=20, choices=Type.choices)
    origin = models.CharField(
        "事项来源", max_length=20, choices=Origin.choices, default=Origin.DELEGATED
    )
    domain = models.ForeignKey(
        Domain, verbose_name="领域", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name="原实施部门", on_delete=models.PROTECT, related_name="items"
    )
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    first_offence_exempt = models.BooleanField("首违不罚", default=False)
    minor_exempt = models.BooleanField("轻微免罚", default=False)
    exemption_conditions = models.TextField("不予处罚情形", blank=True)
    # a public fact that narrows the power (e.g. 限于城管职权范围内); unlike ``notes``, it is published
    limits = models.CharField("限定范围（公开）", max_length=200, blank=True)
    notes = models.TextField("备注（内部）", blank=True)
    # Everyday words for the item (挖沙、采砂 …): triage uses them as features (intake.classify).
    lexicon = models.TextField(
        "群众常用说法",
        blank=True,
        help_text="群众、12345 话务员描述此类问题的常用词，用顿号或换行分隔",
    )
    is_retired = models.BooleanField("已停用", default=False)
    retired_on = models.DateField("停用日期", null=True, blank=True)
    retire_reason = models.CharField("停用原因", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=clock.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "权力事项"
        verbose_name_plural = "权力事项"
        ordering = ["sort", "code"]
        constraints = [
            models.UniqueConstraint(fields=["town", "code"], name="catalog_item_unique_code")
        ]
        indexes = [models.Index(fields=["town", "type"]), models.Index(fields=["town", "sort"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def lexicon_terms(self) -> list[str]:
        return lexicon_split(self.lexicon)

    def penalty_kind_labels(self) -> list[str]:
        return [PenaltyKind(k).label for k in self.penalty_kinds if k in PenaltyKind.values]

    def hearing_kind_labels(self) -> list[str]:
        return [PenaltyKind(k).label for k in self.penalty_kinds if k in HEARING_KINDS]


class PenaltyKind(models.TextChoices):
    """行政处罚法第九条 penalty kinds."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE = "close", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"


# 行政处罚法第六十三条: kinds whose proposal must offer a hearing. A fine or a confiscation does so
# only above the configured "较大数额" (see rules.hearing_offer_required).
HEARING_KINDS = frozenset(
    {
        PenaltyKind.LOWER_QUALIFICATION,
        PenaltyKind.REVOKE_LICENCE,
        PenaltyKind.RESTRICT_BUSINESS,
        PenaltyKind.SUSPEND_BUSINESS,
        PenaltyKind.CLOSE,
        PenaltyKind.RESTRICT_PRACTICE,
        PenaltyKind.FINE,
        PenaltyKind.CONFISCATE_GAINS,
        PenaltyKind.CONFISCATE_PROPERTY,
    }
)


def lexicon_split(text: str) -> list[str]:
    """Terms of a lexicon in their order, without blanks or repeats."""
    terms: list[str] = []
    for term in re.split(r"[、，,；;\s]+", text or ""):
        if term and term not in terms:
            terms.append(term)
    return terms


class PowerItemEvent(AuditEvent):
    """The item's change record: who changed what, when (hash-chained)."""

    SUBJECT_FIELD = "item"
    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.PROTECT, related_name="events"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = "事项变更记录"
        verbose_name_plural = "事项变更记录"
        constraints = [
            models.UniqueConstraint(fields=["item", "seq"], name="catalog_itemevent_unique_seq")
        ]


class LegalProvision(TownScopedModel):
    """实施依据: one article (or paragraph) of a law, with the dates it was in force.

    The law in force at the act applies unless the new one is lighter (行政处罚法第三十七条), so a
    replaced article stays on file with its ``effective_to``.
    """

    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="provisions"
    )
    sort = models.PositiveSmallIntegerField("顺序", default=0)
    law = models.CharField("法律法规", max_length=100)
    article = models.CharField("条", max_length=30)
    paragraph = models.CharField("款（项）", max_length=30, blank=True)
    text = models.TextField("条文")
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_to = models.DateField("失效日期", null=True, blank=True)

    class Meta:
        verbose_name = "实施依据"
        verbose_name_plural = "实施依据"
        ordering = ["item", "sort", "pk"]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        return f"《{self.law}》{self.article}{self.paragraph}"

    def in_force_on(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


class FineRule(TownScopedModel):
    """罚款标准 in the forms real provisions use.

    fixed: ``min_amount``–``max_amount`` yuan; per_unit: ``min_rate``–``max_rate`` yuan per unit of
    ``fact``; multiple: ``min_rate``–``max_rate`` times the value ``fact``; percentage:
    ``min_rate``%–``max_rate``% of ``fact``. ``condition_fact`` with ``condition_min`` (fact ≥ it)
    or ``condition_max`` (fact absent or < it) says when a rule applies (矿产资源法第六十四条:
    3–5× the ore's value, or 100,000–1,000,000 yuan when none was mined or it is worth < 100,000).
    """

    class Form(models.TextChoices):
        FIXED = "fixed", "固定幅度"
        PER_UNIT = "per_unit", "按单位计罚"
        MULTIPLE = "multiple", "按倍数计罚"
        PERCENTAGE = "percentage", "按比例计罚"

    class Party(models.TextChoices):
        ANY = "any", "不限"
        ORGANISATION = "organisation", "单位"
        CITIZEN = "citizen", "个人"

    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="fine_rules"
    )
    sort = models.PositiveSmallIntegerField("顺序", default=0)
    party = models.CharField("对象", max_length=20, choices=Party.choices, default=Party.ANY)
    form = models.CharField("计罚方式", max_length=20, choices=Form.choices)
    min_amount = models.DecimalField(
        "最低金额", max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        "最高金额", max_digits=14, decimal_places=2, null=True, blank=True
    )
    min_rate = models.DecimalField(
        "最低倍率/单价", max_digits=12, decimal_places=4, null=True, blank=True
    )
    max_rate = models.DecimalField(
        "最高倍率/单价", max_digits=12, decimal_places=4, null=True, blank=True
    )
    fact = models.CharField("计罚基数", max_length=30, blank=True)
    condition_fact = models.CharField("适用条件基数", max_length=30, blank=True)
    condition_min = models.DecimalField(
        "条件下限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    condition_max = models.DecimalField(
        "条件上限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    article = models.CharField("依据条款", max_length=120)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_to = models.DateField("失效日期", null=True, blank=True)

    class Meta:
        verbose_name = "罚款标准"
        verbose_name_plural = "罚款标准"
        ordering = ["item", "sort", "pk"]

    def in_force_on(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


class DiscretionStandard(TownScopedModel):
    """裁量基准 (行政处罚法第三十四条): a severity level with its circumstances, published."""

    class Level(models.TextChoices):
        MINOR = "minor", "轻微"
        ORDINARY = "ordinary", "一般"
        SERIOUS = "serious", "较重"
        GRAVE = "grave", "严重"

    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="standards"
    )
    sort = models.PositiveSmallIntegerField("顺序", default=0)
    level = models.CharField("裁量等级", max_length=20, choices=Level.choices)
    circumstances = models.TextField("违法情形")
    sanction = models.TextField("处罚标准")
    min_amount = models.DecimalField(
        "罚款下限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        "罚款上限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["item", "sort", "pk"]


class Allocation(TownScopedModel):
    """The item's allocation to the town: held from ``effective_from`` through ``effective_to``
    (inclusive; open-ended while in force). 收回 closes the period; a new 下放 opens a new one."""

    class Status(models.TextChoices):
        DELEGATED = "delegated", "下放"
        WITHDRAWN = "withdrawn", "收回"

    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="allocations"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices)
    effective_from = models.DateField("承接日期")
    effective_to = models.DateField("截止日期", null=True, blank=True)
    decision_ref = models.CharField("下放（收回）文件", max_length=200, blank=True)

    class Meta:
        verbose_name = "下放情况"
        verbose_name_plural = "下放情况"
        ordering = ["item", "effective_from", "pk"]
        indexes = [models.Index(fields=["item", "effective_from"])]

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class Recognition(TownScopedModel):
    """清单互认: the county department confirmed the item with a letter."""

    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="recognitions"
    )
    department = models.ForeignKey(
        Department, verbose_name="确认部门", on_delete=models.PROTECT, related_name="+"
    )
    confirmed_on = models.DateField("确认日期")
    letter_number = models.CharField("函号", max_length=100)

    class Meta:
        verbose_name = "清单互认"
        verbose_name_plural = "清单互认"
        ordering = ["item", "confirmed_on", "pk"]
