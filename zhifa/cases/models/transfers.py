"""移送 (transfers out) and 联动执法 (joint operations with county teams)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.catalog.models import Department
from zhifa.core import clock
from zhifa.core.tenancy import TownScopedModel
from zhifa.documents.models import Document

from .case import Case
from .records import Evidence


class Transfer(TownScopedModel):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", "移送县级部门"
        JUDICIAL = "judicial", "移送司法机关"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    department = models.ForeignKey(
        Department, verbose_name="接收单位", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("移送理由")
    facts = models.TextField("违法事实")
    suspected_crime = models.CharField("涉嫌罪名", max_length=100, blank=True)
    evidence = models.ManyToManyField(
        Evidence, verbose_name="随附证据", blank=True, related_name="+"
    )
    seized_items = models.JSONField("随附涉案物品", default=list, blank=True)
    document = models.ForeignKey(
        Document, verbose_name="移送函", null=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField("移送时间", default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField("接收时间", null=True, blank=True)
    receiver_name = models.CharField("签收人", max_length=50, blank=True)
    receipt_note = models.CharField("回执说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "案件移送"
        verbose_name_plural = "案件移送"
        ordering = ["sent_at", "pk"]


class JointOperation(TownScopedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="joint_operations")
    departments = models.ManyToManyField(
        Department, verbose_name="参与部门", related_name="joint_operations"
    )
    participants = models.JSONField("参与人员", default=list)
    started_at = models.DateTimeField("时间")
    place = models.CharField("地点", max_length=200)
    outcome = models.TextField("处置结果")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", default=clock.now)

    class Meta:
        verbose_name = "联动执法"
        verbose_name_plural = "联动执法"
        ordering = ["started_at", "pk"]
