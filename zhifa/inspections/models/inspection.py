"""检查 (Inspection): one visit to one subject by two officers, its checklist answers and photos,
its result and publication, and its hash-chained record."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from zhifa.core import clock
from zhifa.core.files import unguessable_name
from zhifa.core.models import AuditEvent, ChainedRecord
from zhifa.core.tenancy import TownScopedModel


def inspection_code() -> str:
    """检查码: 12 characters without look-alikes; the subject types or scans it to verify."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Inspection(TownScopedModel, ChainedRecord):
    class Origin(models.TextChoices):
        RANDOM = "random", "双随机抽查"
        COMPLAINT = "complaint", "投诉举报核查"
        LEAD = "lead", "线索核查"
        REINSPECTION = "reinspection", "整改复查"

    class Status(models.TextChoices):
        DRAWN = "drawn", "待检查"
        IN_PROGRESS = "in_progress", "检查中"
        COMPLETED = "completed", "已完成"
        CANCELLED = "cancelled", "已取消"

    class Result(models.TextChoices):
        NONE = "", "—"
        COMPLIANT = "compliant", "未发现问题"
        CORRECTED = "corrected", "发现问题已当场整改"
        ORDER = "order", "责令限期改正"
        VIOLATION = "violation", "涉嫌违法，转入线索处理"

    # Reasons that may justify a visit inside the repeat window or over the yearly cap.
    class Justification(models.TextChoices):
        NONE = "", "—"
        COMPLAINT = "complaint", "投诉举报"
        LEAD = "lead", "线索核查"
        REINSPECTION = "reinspection", "整改复查"

    number = models.CharField("检查编号", max_length=30, blank=True, db_index=True)
    code = models.CharField("检查码", max_length=12, unique=True, default=inspection_code)
    origin = models.CharField("检查来源", max_length=14, choices=Origin.choices)
    plan = models.ForeignKey(
        "inspections.Plan",
        verbose_name="检查计划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    draw = models.ForeignKey(
        "inspections.Draw",
        verbose_name="随机抽取",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    subject = models.ForeignKey(
        "grid.Subject", verbose_name="检查对象", on_delete=models.PROTECT, related_name="+"
    )
    items = models.ManyToManyField("catalog.PowerItem", verbose_name="检查事项", related_name="+")
    officers = models.ManyToManyField(
        "team.Officer", verbose_name="检查人员", related_name="inspections"
    )
    handlers = models.JSONField("检查人员及执法证号", default=list)
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.DRAWN, db_index=True
    )
    planned_on = models.DateField("计划检查日期")
    done_on = models.DateField("实际检查日期", null=True, blank=True)
    justification = models.CharField(
        "超出频次限制的事由", max_length=14, choices=Justification.choices, blank=True
    )
    justification_note = models.CharField("事由说明", max_length=300, blank=True)
    started_at = models.DateTimeField("检查开始", null=True, blank=True)
    finished_at = models.DateTimeField("检查结束", null=True, blank=True)
    place = models.CharField("检查地点", max_length=200, blank=True)
    present = models.CharField("现场负责人", max_length=50, blank=True)
    witness = models.CharField("见证人", max_length=50, blank=True)
    recorder = models.CharField("记录人", max_length=50, blank=True)
    result = models.CharField("检查结果", max_length=10, choices=Result.choices, blank=True)
    result_note = models.TextField("检查情况", blank=True)
    party_signature = models.CharField("当事人签名", max_length=50, blank=True)
    party_refused = models.BooleanField("当事人拒绝签名", default=False)
    signed_at = models.DateTimeField("签名时间", null=True, blank=True)
    notice_document = models.ForeignKey(
        "documents.Document",
        verbose_name="检查通知书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    record_document = models.ForeignKey(
        "documents.Document",
        verbose_name="检查笔录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="关联案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.ForeignKey(
        "cases.CorrectionOrder",
        verbose_name="责令改正通知",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead = models.ForeignKey(
        "intake.Lead",
        verbose_name="转入线索",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    publish_deadline = models.ForeignKey(
        "core.Deadline",
        verbose_name="公示期限",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("公示时间", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=clock.now)

    OPEN_STATUSES = (Status.DRAWN, Status.IN_PROGRESS)

    class Meta:
        verbose_name = "行政检查"
        verbose_name_plural = "行政检查"
        ordering = ["planned_on", "pk"]
        indexes = [
            models.Index(fields=["town", "subject", "planned_on"]),
            models.Index(fields=["town", "status", "planned_on"]),
        ]

    def __str__(self) -> str:
        return self.number or f"检查 {self.pk}"

    @property
    def day(self):
        """The inspection's day: when it was done, else when it is planned."""
        return self.done_on or self.planned_on

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class InspectionEvent(AuditEvent):
    SUBJECT_FIELD = "inspection"

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "seq"], name="inspections_inspectionevent_seq_unique"
            )
        ]


class ChecklistAnswer(TownScopedModel):
    """One checklist line as answered on site; its text is copied so later edits of the checklist
    leave this record as it was."""

    class Answer(models.TextChoices):
        PENDING = "", "未检查"
        PASS = "pass", "符合"
        FAIL = "fail", "不符合"
        NA = "na", "不适用"

    inspection = models.ForeignKey(
        Inspection, verbose_name="检查", on_delete=models.CASCADE, related_name="answers"
    )
    checklist_item = models.ForeignKey(
        "inspections.ChecklistItem",
        verbose_name="清单条目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item = models.ForeignKey(
        "catalog.PowerItem", verbose_name="检查事项", on_delete=models.PROTECT, related_name="+"
    )
    violation_item = models.ForeignKey(
        "catalog.PowerItem",
        verbose_name="不符合时适用的事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort = models.PositiveSmallIntegerField("顺序", default=0)
    text = models.CharField("检查内容", max_length=200)
    hint = models.CharField("检查方法或标准", max_length=300, blank=True)
    answer = models.CharField("结论", max_length=4, choices=Answer.choices, blank=True)
    note = models.CharField("情况说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "检查清单结论"
        verbose_name_plural = "检查清单结论"
        ordering = ["inspection", "sort", "pk"]


def checklist_photo_path(instance: ChecklistPhoto, filename: str) -> str:
    return unguessable_name(
        f"inspections/{instance.town_id}/{instance.answer.inspection_id}", filename
    )


class ChecklistPhoto(TownScopedModel):
    answer = models.ForeignKey(
        ChecklistAnswer, verbose_name="清单条目", on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField("现场照片", upload_to=checklist_photo_path)
    sha256 = models.CharField("SHA-256", max_length=64)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拍摄人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    taken_at = models.DateTimeField("拍摄时间", default=clock.now)

    class Meta:
        verbose_name = "现场照片"
        verbose_name_plural = "现场照片"
        ordering = ["pk"]
