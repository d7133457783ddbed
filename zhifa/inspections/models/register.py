"""What the draw reads besides the grid and the team: each subject's risk (credit) level with its
history, the officers each subject must never be drawn with (回避), and the checklist per item."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core import clock
from zhifa.core.tenancy import TownScopedModel


class RiskLevel(models.TextChoices):
    """信用风险分类: A low … D high. The draw weights subjects by it (settings)."""

    A = "A", "A类（低风险）"
    B = "B", "B类（一般风险）"
    C = "C", "C类（较高风险）"
    D = "D", "D类（高风险）"


DEFAULT_LEVEL = RiskLevel.B


class SubjectRisk(TownScopedModel):
    """A subject's current level; a subject without a row counts as ``DEFAULT_LEVEL``.

    Kept here rather than as a column on ``grid.Subject``: only inspections read it, and its
    history and reasons are an inspections concern (ADR 0019)."""

    subject = models.OneToOneField(
        "grid.Subject", verbose_name="监管对象", on_delete=models.CASCADE, related_name="risk"
    )
    level = models.CharField("风险等级", max_length=1, choices=RiskLevel.choices)
    reason = models.CharField("评定理由", max_length=300)
    updated_at = models.DateTimeField("评定时间", default=clock.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "风险等级"
        verbose_name_plural = "风险等级"
        indexes = [models.Index(fields=["town", "level"])]


class SubjectRiskChange(TownScopedModel):
    """One change of a subject's level: append-only history (the first rating has old ``""``)."""

    subject = models.ForeignKey(
        "grid.Subject", verbose_name="监管对象", on_delete=models.CASCADE, related_name="+"
    )
    old_level = models.CharField("原等级", max_length=1, blank=True)
    new_level = models.CharField("新等级", max_length=1, choices=RiskLevel.choices)
    reason = models.CharField("理由", max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=clock.now)

    class Meta:
        verbose_name = "风险等级变更"
        verbose_name_plural = "风险等级变更"
        ordering = ["-at", "-pk"]


class OfficerConflict(TownScopedModel):
    """回避: an officer linked to a subject is never drawn to inspect it (行政处罚法第四十三条)."""

    class Kind(models.TextChoices):
        LIAISON = "liaison", "包联（联系）责任人"
        RELATIVE = "relative", "近亲属关系"
        INTEREST = "interest", "利害关系"
        OTHER = "other", "其他应当回避的情形"

    officer = models.ForeignKey(
        "team.Officer", verbose_name="执法队员", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.ForeignKey(
        "grid.Subject", verbose_name="监管对象", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("回避情形", max_length=10, choices=Kind.choices)
    reason = models.CharField("说明", max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", default=clock.now)

    class Meta:
        verbose_name = "回避关系"
        verbose_name_plural = "回避关系"
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "subject", "kind"], name="inspections_conflict_unique"
            )
        ]


class ChecklistItem(TownScopedModel):
    """One line of an inspection item's checklist (一表通查). ``violation_item`` is the catalog item
    (usually a penalty item) a failure of this line falls under, offered when ordering correction."""

    item = models.ForeignKey(
        "catalog.PowerItem",
        verbose_name="检查事项",
        on_delete=models.PROTECT,
        related_name="checklist",
    )
    sort = models.PositiveSmallIntegerField("顺序", default=10)
    text = models.CharField("检查内容", max_length=200)
    hint = models.CharField("检查方法或标准", max_length=300, blank=True)
    violation_item = models.ForeignKey(
        "catalog.PowerItem",
        verbose_name="不符合时适用的事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "检查清单条目"
        verbose_name_plural = "检查清单条目"
        ordering = ["item", "sort", "pk"]

    def __str__(self) -> str:
        return self.text
