"""机制 III: the penalty procedure's file of a case (one row per case) and its appeals.

``Penalty`` holds each step's recorded facts — proposal with discretion, prior notice, statement,
hearing, legal review, collective discussion, decision, service, payment, reminder and court
enforcement — so the rules in ``cases.law`` can be checked against what was recorded, not against
what a caller says. Each step also lands on the case's hash-chained record (ADR 0017).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.catalog.models import DiscretionStandard, PowerItem
from zhifa.core import clock
from zhifa.core.models import Deadline
from zhifa.core.tenancy import TownScopedModel
from zhifa.documents.models import Document
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

DOC = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}
MONEY = {"max_digits": 14, "decimal_places": 2}


class Penalty(TownScopedModel):
    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", "普通程序"
        SIMPLE = "simple", "简易程序"

    class Outcome(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        NO_PENALTY = "no_penalty", "不予行政处罚"

    class Status(models.TextChoices):
        PENDING = "pending", "未决定"
        EFFECTIVE = "effective", "有效"
        CHANGED = "changed", "已变更"
        REVOKED = "revoked", "已撤销"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="penalty")
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices)
    outcome = models.CharField(
        "处理结果", max_length=12, choices=Outcome.choices, default=Outcome.PENALTY
    )
    status = models.CharField(
        "决定状态", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    item = models.ForeignKey(
        PowerItem, verbose_name="适用事项", on_delete=models.PROTECT, related_name="+"
    )
    party = models.ForeignKey(
        Subject, verbose_name="当事人", on_delete=models.PROTECT, related_name="+"
    )
    party_kind = models.CharField("当事人类别", max_length=12)
    kinds = models.JSONField("处罚种类", default=list)
    amount = models.DecimalField("罚款金额", default=Decimal(0), **MONEY)
    level = models.CharField(
        "裁量等级", max_length=20, blank=True, choices=DiscretionStandard.Level.choices
    )
    discretion_reason = models.TextField("裁量理由", blank=True)
    facts = models.TextField("违法事实", blank=True)
    evidence = models.JSONField("证据", default=list, blank=True)
    violated = models.CharField("违反的规定", max_length=300, blank=True)
    basis = models.CharField("处罚依据", max_length=300, blank=True)
    law_article = models.CharField("罚款幅度依据", max_length=120, blank=True)
    # 事先告知
    notice_doc = models.ForeignKey(Document, verbose_name="事先告知书", **DOC)
    notice_served_on = models.DateField("告知书送达日期", null=True, blank=True)
    hearing_offered = models.BooleanField("告知听证权利", default=False)
    statement_due = models.DateField("陈述申辩期限", null=True, blank=True)
    hearing_request_due = models.DateField("听证申请期限", null=True, blank=True)
    statement_waived = models.BooleanField("放弃陈述申辩", default=False)
    statement_text = models.TextField("陈述申辩内容", blank=True)
    statement_recheck = models.TextField("复核意见", blank=True)
    statement_adopted = models.BooleanField("采纳陈述申辩", null=True, blank=True)
    # 听证
    hearing_requested_on = models.DateField("听证申请日期", null=True, blank=True)
    hearing_at = models.DateTimeField("听证时间", null=True, blank=True)
    hearing_place = models.CharField("听证地点", max_length=200, blank=True)
    hearing_chair = models.ForeignKey(
        Officer,
        verbose_name="听证主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hearing_notice_doc = models.ForeignKey(Document, verbose_name="听证通知书", **DOC)
    hearing_record_doc = models.ForeignKey(Document, verbose_name="听证笔录", **DOC)
    hearing_held_on = models.DateField("听证日期", null=True, blank=True)
    # 法制审核 / 集体讨论
    review_ground = models.CharField("法制审核情形", max_length=200, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_passed = models.BooleanField("审核通过", null=True, blank=True)
    review_opinion = models.TextField("审核意见", blank=True)
    review_doc = models.ForeignKey(Document, verbose_name="法制审核意见书", **DOC)
    discussion_on = models.DateField("集体讨论日期", null=True, blank=True)
    discussion_members = models.JSONField("参加人员", default=list, blank=True)
    discussion_conclusion = models.TextField("讨论结论", blank=True)
    # 决定
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_doc = models.ForeignKey(Document, verbose_name="决定书", **DOC)
    extension_days = models.PositiveSmallIntegerField("延长办案期限（日）", default=0)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延期批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    education_on = models.DateField("教育日期", null=True, blank=True)
    education_form = models.CharField("教育方式", max_length=200, blank=True)
    # 送达
    served_on = models.DateField("送达日期", null=True, blank=True)
    effective_on = models.DateField("送达生效日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, blank=True)
    service_doc = models.ForeignKey(Document, verbose_name="送达回证", **DOC)
    # 缴款
    due_on = models.DateField("缴款期限", null=True, blank=True)
    deferred_to = models.DateField("延期缴纳至", null=True, blank=True)
    instalments = models.JSONField("分期缴纳计划", default=list, blank=True)
    deferral_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延期（分期）批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_on = models.DateField("缴款日期", null=True, blank=True)
    paid_amount = models.DecimalField("已缴罚款", null=True, blank=True, **MONEY)
    surcharge = models.DecimalField("加处罚款", default=Decimal(0), **MONEY)
    receipt_no = models.CharField("票据号", max_length=60, blank=True)
    collected_on_spot = models.BooleanField("当场收缴", default=False)
    handed_in_on = models.DateField("罚款交纳财政日期", null=True, blank=True)
    # 催告 / 强制执行
    reminder_doc = models.ForeignKey(Document, verbose_name="催告书", **DOC)
    reminder_served_on = models.DateField("催告书送达日期", null=True, blank=True)
    enforcement_doc = models.ForeignKey(Document, verbose_name="强制执行申请书", **DOC)
    enforcement_applied_on = models.DateField("申请强制执行日期", null=True, blank=True)
    # 公示 (the decision's public disclosure, 国办发〔2018〕118号; the public page is disclosure's)
    disclosed_on = models.DateField("公示日期", null=True, blank=True)
    disclosure_place = models.CharField("公示载体", max_length=100, blank=True)
    disclosure_withdrawn_on = models.DateField("撤下公示日期", null=True, blank=True)
    # 简易程序
    act_at = models.DateTimeField("违法时间", null=True, blank=True)
    act_place = models.CharField("违法地点", max_length=200, blank=True)
    filed_with_team_on = models.DateField("备案日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=clock.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "处罚程序"
        verbose_name_plural = "处罚程序"

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_procedure_display()}"

    @property
    def content(self) -> str:
        from zhifa.documents.formatting import money_capital, money_figures

        parts = []
        if "warning" in self.kinds:
            parts.append("警告")
        if "fine" in self.kinds and self.amount:
            parts.append(f"罚款人民币{money_capital(self.amount)}（{money_figures(self.amount)}）")
        return "，".join(parts) or "—"


class Appeal(TownScopedModel):
    """复议/诉讼 against a decision: where, when, and its outcome (appended even after closure)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LAWSUIT = "lawsuit", "行政诉讼"

    class Outcome(models.TextChoices):
        PENDING = "", "审理中"
        UPHELD = "upheld", "维持"
        CHANGED = "changed", "变更"
        REVOKED = "revoked", "撤销"
        WITHDRAWN = "withdrawn", "申请人撤回"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    body = models.CharField("复议机关/法院", max_length=100)
    filed_on = models.DateField("申请/起诉日期")
    outcome = models.CharField(
        "结果", max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    decided_on = models.DateField("结果日期", null=True, blank=True)
    new_amount = models.DecimalField("变更后罚款", null=True, blank=True, **MONEY)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("登记时间", default=clock.now, editable=False)

    class Meta:
        verbose_name = "复议/诉讼"
        verbose_name_plural = "复议/诉讼"
        ordering = ["filed_on", "pk"]

    def paused_days(self, until) -> int:  # type: ignore[no-untyped-def]
        end = self.decided_on or until
        return max(0, (min(end, until) - self.filed_on).days + 1) if until >= self.filed_on else 0


__all__ = ["Appeal", "Deadline", "Penalty"]
