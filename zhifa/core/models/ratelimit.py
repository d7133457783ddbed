from django.db import models


class RateLimitHit(models.Model):
    """Attempts counted per key (an action and a client address) in one fixed window.

    A database row, not process memory, so every worker of a deployment sees the same count
    (ADR 0026). Only ``core.ratelimit.rate_hit`` writes it."""

    key = models.CharField("键", max_length=200)
    window_start = models.DateTimeField("窗口起点")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "频率限制计数"
        verbose_name_plural = "频率限制计数"
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="core_ratelimit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
