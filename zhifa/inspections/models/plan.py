"""检查计划 (Plan) and its sealed random draws (Draw), with the plan's hash-chained record."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core import clock
from zhifa.core.models import AuditEvent, ChainedRecord
from zhifa.core.tenancy import TownScopedModel


class Plan(TownScopedModel, ChainedRecord):
    """An annual or special plan over one inspection item or several (综合查一次): its scope,
    sample size and period. Approved by a leader in person before any draw."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", "年度抽查计划"
        SPECIAL = "special", "专项抽查计划"

    class Status(models.TextChoices):
        DRAFT = "draft", "待审批"
        APPROVED = "approved", "已批准"
        CLOSED = "closed", "已结束"

    class SampleMode(models.TextChoices):
        RATIO = "ratio", "按比例抽取"
        COUNT = "count", "按数量抽取"

    number = models.CharField("计划编号", max_length=30, blank=True, db_index=True)
    name = models.CharField("计划名称", max_length=100)
    kind = models.CharField("计划类别", max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("年度")
    items = models.ManyToManyField("catalog.PowerItem", verbose_name="检查事项", related_name="+")
    villages = models.ManyToManyField(
        "grid.Village",
        verbose_name="抽查范围（村、社区）",
        blank=True,
        related_name="+",
        help_text="不选即全镇",
    )
    subject_kinds = models.JSONField("对象类别", default=list, blank=True)
    site_types = models.JSONField("场所类型", default=list, blank=True)
    risk_levels = models.JSONField("风险等级", default=list, blank=True)
    sample_mode = models.CharField("抽取方式", max_length=10, choices=SampleMode.choices)
    sample_ratio = models.PositiveSmallIntegerField("抽取比例（%）", null=True, blank=True)
    sample_count = models.PositiveIntegerField("抽取数量", null=True, blank=True)
    period_start = models.DateField("检查期间起")
    period_end = models.DateField("检查期间止")
    note = models.TextField("说明", blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟定人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("拟定时间", default=clock.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approval_opinion = models.CharField("审批意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "检查计划"
        verbose_name_plural = "检查计划"
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return self.name

    def scope_labels(self) -> list[str]:
        """The scope's kinds, site types and levels in Chinese, for pages and documents."""
        from zhifa.grid.models import Subject

        from .register import RiskLevel

        kinds = dict(Subject.Kind.choices)
        sites = dict(Subject.SiteType.choices)
        levels = dict(RiskLevel.choices)
        parts = []
        if self.subject_kinds:
            parts.append("类别：" + "、".join(kinds.get(k, k) for k in self.subject_kinds))
        if self.site_types:
            parts.append("场所：" + "、".join(sites.get(k, k) for k in self.site_types))
        if self.risk_levels:
            parts.append("风险等级：" + "、".join(levels.get(k, k) for k in self.risk_levels))
        return parts

    @property
    def is_combined(self) -> bool:
        """综合查一次: one visit covers several inspection items."""
        return self.items.count() > 1


class PlanEvent(AuditEvent):
    SUBJECT_FIELD = "plan"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "检查计划记录"
        verbose_name_plural = "检查计划记录"
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="inspections_planevent_seq_unique")
        ]


class Draw(TownScopedModel):
    """One sealed random draw: its seed, its complete inputs and its result, with their hashes.

    ``seal`` = SHA-256 over (algorithm, seed, inputs hash, result hash); the same seal is written
    into the plan's hash-chained record, so neither the inputs nor the result can change unseen.
    A draw is never redone in place: a new one needs a recorded reason and supersedes it."""

    class Status(models.TextChoices):
        SEALED = "sealed", "有效"
        SUPERSEDED = "superseded", "已重新抽取（作废）"

    plan = models.ForeignKey(
        Plan, verbose_name="计划", on_delete=models.PROTECT, related_name="draws"
    )
    seq = models.PositiveSmallIntegerField("第几次抽取")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.SEALED)
    algorithm = models.CharField("算法", max_length=40)
    seed = models.CharField("随机种子", max_length=64)
    drawn_on = models.DateField("抽取日期")
    inputs = models.JSONField("抽取输入")
    result = models.JSONField("抽取结果")
    inputs_sha256 = models.CharField("输入哈希", max_length=64)
    result_sha256 = models.CharField("结果哈希", max_length=64)
    seal = models.CharField("封存哈希", max_length=64)
    reason = models.CharField("重新抽取理由", max_length=300, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="作废的前次抽取",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="抽取人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drawn_at = models.DateTimeField("抽取时间", default=clock.now)

    class Meta:
        verbose_name = "随机抽取"
        verbose_name_plural = "随机抽取"
        ordering = ["plan", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="inspections_draw_unique_seq")
        ]

    def __str__(self) -> str:
        return f"{self.plan.name} 第{self.seq}次抽取"
