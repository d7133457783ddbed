from django.conf import settings
from django.db import models

from .. import clock
from ..tenancy import TownScopedModel


class Notification(TownScopedModel):
    """A notice to one user: shown in the page header, and sent through the outbound channels."""

    class Level(models.TextChoices):
        INFO = "info", "提示"
        WARNING = "warning", "提醒"
        DANGER = "danger", "警示"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    level = models.CharField("级别", max_length=10, choices=Level.choices, default=Level.INFO)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=clock.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    delivered = models.JSONField("外发记录", default=dict, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="core_notif_user_unread")]

    def __str__(self) -> str:
        return self.title
