"""County supervision records: the 案卷评查 checklist, samples and review sheets, and 监督意见."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.core import clock
from zhifa.core.models import Deadline
from zhifa.core.tenancy import TownScopedModel

from .sources import Case


class ReviewCriterion(models.Model):
    """One line of the 案卷评查 checklist (configurable by the county in the admin)."""

    code = models.SlugField("代码", max_length=30, unique=True)
    label = models.CharField("评查项目", max_length=30)
    guidance = models.CharField("评查要点", max_length=300, blank=True)
    max_score = models.PositiveSmallIntegerField("分值")
    sort = models.PositiveSmallIntegerField("顺序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "案卷评查项目"
        verbose_name_plural = "案卷评查项目"
        ordering = ["sort", "pk"]

    def __str__(self) -> str:
        return f"{self.label}（{self.max_score} 分）"


class ReviewSample(TownScopedModel):
    """A random sample of a town's closed cases for 案卷评查; the seed is kept so anyone can redraw it."""

    year = models.PositiveSmallIntegerField("评查年度")
    seed = models.CharField("随机种子", max_length=40)
    size = models.PositiveSmallIntegerField("抽取数量")
    population = models.PositiveIntegerField("可抽案卷数")
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="抽取人", on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField("抽取时间", default=clock.now)

    class Meta:
        verbose_name = "案卷评查抽样"
        verbose_name_plural = "案卷评查抽样"
        ordering = ["-drawn_at", "-pk"]


class CaseReview(TownScopedModel):
    """评查表: one sampled case's dossier scored on the checklist, with comments."""

    sample = models.ForeignKey(ReviewSample, on_delete=models.CASCADE, related_name="reviews")
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField("各项得分", default=dict, blank=True)
    total = models.PositiveSmallIntegerField("总分", null=True, blank=True)
    full_marks = models.PositiveSmallIntegerField("满分", default=100)
    comments = models.TextField("评查意见", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("评查时间", null=True, blank=True)

    class Meta:
        verbose_name = "案卷评查表"
        verbose_name_plural = "案卷评查表"
        ordering = ["sample", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "case"], name="dashboard_review_unique")
        ]


class SupervisionOpinion(TownScopedModel):
    """监督意见 about a case, with a response clock in working days; the reply goes on the record."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("监督意见")
    days = models.PositiveSmallIntegerField("答复期限（工作日）", default=10)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="监督员", on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("提出时间", default=clock.now)
    deadline = models.ForeignKey(
        Deadline, verbose_name="答复期限", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.TextField("乡镇答复", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "监督意见"
        verbose_name_plural = "监督意见"
        ordering = ["-issued_at", "-pk"]


class MonthlyReport(TownScopedModel):
    """月度执法工作报告: one per town and month, issued through the documents engine (PDF kept
    with its SHA-256). The row is claimed before the render, so two runs never make two."""

    month = models.DateField("报告月份", help_text="该月第一天")
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="报告文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    claimed_at = models.DateTimeField("开始生成时间", default=timezone.now)
    generated_at = models.DateTimeField("生成时间", null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空：每月1日由系统自动生成",
    )

    class Meta:
        verbose_name = "月度执法工作报告"
        verbose_name_plural = "月度执法工作报告"
        ordering = ["-month", "town"]
        constraints = [
            models.UniqueConstraint(fields=["town", "month"], name="dashboard_monthly_unique")
        ]
