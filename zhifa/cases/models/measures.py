"""Measures beside the main line, each with its own clock: orders, evidence holds, seizures,
assistance letters (协助函, 停止供电 among them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.catalog.models import PowerItem
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
    created_at = models.DateTimeField("时间", default=timezone.now)

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


class EvidenceHold(MeasureBase):
    """先行登记保存: head's approval; a disposal decision within 7 working days (处罚法第五十六条)."""

    class Status(models.TextChoices):
        HELD = "held", "保存中"
        DISPOSED = "disposed", "已作出处理决定"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="holds")
    items = models.JSONField("物品清单", default=list)
    place = models.CharField("保存地点", max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField("保存时间")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.HELD)
    disposal = models.TextField("处理决定", blank=True)
    disposed_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "先行登记保存"
        verbose_name_plural = "先行登记保存"
        ordering = ["started_at", "pk"]


class Seizure(MeasureBase):
    """查封/扣押: ≤30 days, one extension ≤30 days with approval (行政强制法第二十五条)."""

    class Kind(models.TextChoices):
        SEAL = "seal", "查封"
        SEIZE = "seize", "扣押"

    class Status(models.TextChoices):
        ACTIVE = "active", "查封（扣押）中"
        RELEASED = "released", "已解除"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="seizures")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    facts = models.TextField("理由")
    basis = models.CharField("依据", max_length=300)
    items = models.JSONField("物品（场所）清单", default=list)
    custody = models.CharField("保管场所", max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField("起始日期")
    days = models.PositiveSmallIntegerField("期限（日）", default=30)
    extended_days = models.PositiveSmallIntegerField("延长（日）", default=0)
    extension_reason = models.CharField("延长理由", max_length=300, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    released_on = models.DateField("解除日期", null=True, blank=True)
    release_reason = models.CharField("解除理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "查封扣押"
        verbose_name_plural = "查封扣押"
        ordering = ["started_on", "pk"]


class AssistanceRequest(MeasureBase):
    """协助函 to an outside body; a 停止供电 letter is refused unless the law's conditions hold."""

    class Kind(models.TextChoices):
        GENERAL = "general", "一般协助"
        POWER_CUT = "power_cut", "停止供电"

    class Use(models.TextChoices):
        BUSINESS = "business", "生产经营"
        DWELLING = "dwelling", "居民生活"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assistance")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    recipient = models.CharField("协助单位", max_length=100)
    matter = models.TextField("事由")
    request = models.TextField("协助事项")
    basis = models.CharField("依据", max_length=300, blank=True)
    premises_use = models.CharField("用电场所性质", max_length=10, choices=Use.choices, blank=True)
    premises = models.CharField("停电范围", max_length=200, blank=True)
    hazard = models.CharField("重大事故隐患", max_length=300, blank=True)
    stop_order = models.ForeignKey(
        CorrectionOrder,
        verbose_name="拒不执行的责令停止通知",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="主要负责人批准",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_served_at = models.DateTimeField("提前书面通知时间", null=True, blank=True)
    cut_at = models.DateTimeField("停电时间", null=True, blank=True)

    class Meta:
        verbose_name = "协助函"
        verbose_name_plural = "协助函"
        ordering = ["created_at", "pk"]
