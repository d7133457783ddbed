"""The town's trained triage models (one row per version) and the items squadron leaders
confirmed or corrected at triage, which the next version learns from. Imported by
``intake.models`` so Django registers them in the intake app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.core.tenancy import TownScopedModel


class ClassifierVersion(TownScopedModel):
    """One trained model of a town. ``blob`` holds the pickled model (kept for the latest
    versions only); ``fingerprint`` is the state of the training data it was trained on."""

    version = models.PositiveIntegerField("版本")
    created_at = models.DateTimeField("训练时间", default=timezone.now)
    fingerprint = models.CharField("训练数据指纹", max_length=64)
    texts = models.PositiveIntegerField("训练文本数", default=0)
    labels = models.PositiveIntegerField("分拣确认数", default=0)
    threshold = models.FloatField("置信阈值", default=1.01)
    seconds = models.FloatField("训练耗时（秒）", default=0)
    metrics = models.JSONField("留出验证指标", default=dict, blank=True)
    blob = models.BinaryField("模型", default=b"")

    class Meta:
        verbose_name = "分拣模型版本"
        verbose_name_plural = "分拣模型版本"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["town", "version"], name="intake_classifier_version")
        ]

    def __str__(self) -> str:
        return f"v{self.version}"


class TriageLabel(TownScopedModel):
    """A squadron leader's word on a lead's item: confirmed the suggestion or corrected it."""

    class Verdict(models.TextChoices):
        CONFIRMED = "confirmed", "确认建议"
        CORRECTED = "corrected", "更正建议"

    lead = models.OneToOneField(
        "intake.Lead", on_delete=models.CASCADE, related_name="triage_label"
    )
    text = models.TextField("线索内容")
    item = models.ForeignKey(
        "catalog.PowerItem", verbose_name="认定事项", on_delete=models.PROTECT, related_name="+"
    )
    suggested = models.CharField("建议事项编码", max_length=40, blank=True)
    model_version = models.PositiveIntegerField("建议模型版本", null=True, blank=True)
    verdict = models.CharField("结论", max_length=20, choices=Verdict.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("确认时间", default=timezone.now)

    class Meta:
        verbose_name = "分拣确认"
        verbose_name_plural = "分拣确认"
        ordering = ["-created_at"]
