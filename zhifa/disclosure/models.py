"""公示: a town's public contacts, and decisions kept out of public view (不予公开)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core import clock
from zhifa.core.tenancy import TownScopedModel

from .sources import Case


class Portal(TownScopedModel):
    """What the town's public portal says about how to reach the team (public facts only:
    an office telephone, never a person's mobile). One per town."""

    address = models.CharField("办公地址", max_length=200)
    phone = models.CharField("办公电话", max_length=30)
    complaint_phone = models.CharField("投诉举报电话", max_length=30, default="12345")
    hours = models.CharField("办公时间", max_length=100, blank=True)
    supervision = models.CharField(
        "监督机关", max_length=200, blank=True, help_text="如：某某县司法局（行政执法监督）"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "公示门户"
        verbose_name_plural = "公示门户"
        constraints = [models.UniqueConstraint(fields=["town"], name="disclosure_portal_town")]

    def __str__(self) -> str:
        return f"{self.town.name}公示门户"


class Withholding(TownScopedModel):
    """A decision that is never published: a minor party, or a case touching privacy (个人隐私),
    or another ground the law gives. Recorded on the case's record."""

    class Reason(models.TextChoices):
        MINOR = "minor", "当事人为未成年人"
        PRIVACY = "privacy", "涉及个人隐私"
        SECRET = "secret", "涉及国家秘密、商业秘密"
        OTHER = "other", "法律、法规规定不予公开的其他情形"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="withholding")
    reason = models.CharField("不予公开理由", max_length=10, choices=Reason.choices)
    note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", default=clock.now, editable=False)

    class Meta:
        verbose_name = "不予公开"
        verbose_name_plural = "不予公开"

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_reason_display()}"
