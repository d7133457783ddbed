"""审批: a step that needs the head's approval (立案, 撤销立案, 先行登记保存, 查封扣押 and its
extension, 停电协助函, 延期缴纳, 申请强制执行, 处罚决定) asked by an officer waits here until a
leader approves or refuses it as their own act (ADR 0028)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core import clock
from zhifa.core.tenancy import TownScopedModel

from .case import Case


class ApprovalRequest(TownScopedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="approvals")
    verb = models.CharField("办理步骤", max_length=30)
    label = models.CharField("事项", max_length=60)
    data = models.JSONField("申请内容", default=dict)
    summary = models.TextField("申请摘要", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("申请时间", default=clock.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    opinion = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审批"
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.label}（{self.case.number}）"
