"""行政强制法: the coercive measures beside a case's main line, each with its own clock — evidence
holds, seizures, assistance letters (协助函, 停止供电 among them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case, CorrectionOrder
from zhifa.cases.models.measures import MeasureBase
from zhifa.core import clock


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


class PowerCutNotice(MeasureBase):
    """停止供电告知书 served on the business: 安全生产法第七十条第二款 asks for it twenty-four hours
    before the power company is told to cut (unless there is an emergency)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="power_notices")
    stop_order = models.ForeignKey(
        CorrectionOrder,
        verbose_name="拒不执行的责令停止通知",
        on_delete=models.PROTECT,
        related_name="+",
    )
    premises = models.CharField("停电范围", max_length=200)
    hazard = models.CharField("重大事故隐患", max_length=300)
    cut_at = models.DateTimeField("拟停电时间")
    served_at = models.DateTimeField("送达时间")
    served_to = models.CharField("受送达人", max_length=100)
    service_method = models.CharField("送达方式", max_length=40)

    class Meta:
        verbose_name = "停止供电告知书"
        verbose_name_plural = "停止供电告知书"
        ordering = ["served_at", "pk"]

    def __str__(self) -> str:
        number = self.document.number if self.document_id else ""
        return f"{number}（{clock.local(self.served_at):%Y-%m-%d %H:%M}送达）"


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
    notice = models.ForeignKey(
        PowerCutNotice,
        verbose_name="停止供电告知书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    # Letters sent before the 停止供电告知书 was a record of its own typed the service time here;
    # a letter now names its ``notice``, whose ``served_at`` is the time.
    notice_served_at = models.DateTimeField("提前书面通知时间", null=True, blank=True)
    cut_at = models.DateTimeField("停电时间", null=True, blank=True)
    emergency = models.BooleanField("紧急情形", default=False)
    emergency_reason = models.CharField("紧急情形说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "协助函"
        verbose_name_plural = "协助函"
        ordering = ["created_at", "pk"]
