from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .. import clock
from ..tenancy import TownScopedModel


class Deadline(TownScopedModel):
    """期限: one running clock of the law or of a workflow, on any record (case, measure, lead).

    Only ``core.deadlines`` services create and change it, computing the due time on the working-day
    calendar. ``provisional`` marks a due time computed on a year whose official schedule is unknown.
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "工作日"
        CALENDAR_DAYS = "calendar_days", "自然日"
        WORKING_HOURS = "working_hours", "工作小时"

    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        DONE = "done", "已完成"
        CANCELLED = "cancelled", "已取消"

    class Alarm(models.TextChoices):
        NONE = "", "无"
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已超期"

    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField(
        "期限类别", max_length=50, help_text="稳定的机器代码，如 statement_window"
    )
    purpose = models.CharField("事项", max_length=100)
    article = models.CharField("依据", max_length=100, blank=True)
    unit = models.CharField("单位", max_length=20, choices=Unit.choices)
    amount = models.PositiveIntegerField("期限长度")
    start_at = models.DateTimeField("起算时间")
    due_at = models.DateTimeField("届满时间")
    provisional = models.BooleanField("暂定", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    alarm = models.CharField("提醒", max_length=10, choices=Alarm.choices, default="", blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deadlines",
    )
    url = models.CharField("链接", max_length=300, blank=True)
    done_at = models.DateTimeField("完成时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=clock.now)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="core_deadline_open_due"),
            models.Index(fields=["subject_type", "subject_id"], name="core_deadline_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}（{timezone.localtime(self.due_at):%Y-%m-%d}）"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and clock.now() > self.due_at
