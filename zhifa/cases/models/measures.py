"""Orders beside the main line, each with its own clock (责令停止 / 责令改正), and the base of every
measure; the coercive measures of 行政强制法 live in ``zhifa.coercion``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.models import Deadline
from zhifa.core.tenancy import TownScopedModel
from zhifa.documents.models import Document
from zhifa.grid.models import Subject

from .case import Case


class MeasureBase(TownScopedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(
        Subject,
        verbose_name="当事人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officers = models.JSONField("执法人员及证号", default=list)
    document = models.ForeignKey(
        Document,
        verbose_name="文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.ForeignKey(
        Deadline,
        verbose_name="期限",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("时间", default=clock.now)

    class Meta:
        abstract = True


class CorrectionOrder(MeasureBase):
    """责令停止违法行为 / 责令（限期）改正, with a re-inspection on its deadline."""

    class Kind(models.TextChoices):
        STOP = "stop", "责令停止违法行为"
        CORRECT = "correct", "责令（限期）改正"

    class Status(models.TextChoices):
        OPEN = "open", "待复查"
        COMPLIED = "complied", "已履行"
        IGNORED = "ignored", "拒不执行"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    item = models.ForeignKey(
        PowerItem,
        verbose_name="依据事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    facts = models.TextField("违法事实")
    violated = models.CharField("违反的规定", max_length=300)
    basis = models.CharField("责令依据", max_length=300)
    requirements = models.TextField("要求")
    issued_on = models.DateField("责令日期")
    days = models.PositiveSmallIntegerField("期限（日）")
    major_hazard = models.BooleanField("涉及重大事故隐患", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    reinspected_on = models.DateField("复查日期", null=True, blank=True)
    reinspection_note = models.TextField("复查情况", blank=True)

    class Meta:
        verbose_name = "责令通知"
        verbose_name_plural = "责令通知"
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document.number if self.document else ''}"
